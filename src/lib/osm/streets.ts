/**
 * Which OSM highways a pedestrian can use, and which street class the basemap draws them as.
 * Output classes are the app's `STREET_CLASSES` (src/lib/data/schema.ts).
 */
import type { Tags } from './types';

export type StreetClass = 'expressway' | 'arterial' | 'collector' | 'local' | 'footway' | 'bridge';

export const SKIP_REASONS = [
	'area',
	'foot=no',
	'access',
	'trunk-without-sidewalk',
	'cycleway-without-foot',
	'not-walkable-highway',
	'missing-nodes'
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type StreetDecision =
	| { include: true; walkable: boolean; class: StreetClass }
	| { include: false; reason: Exclude<SkipReason, 'missing-nodes'> };

const CLASS_OF: Readonly<Record<string, StreetClass>> = {
	motorway: 'expressway',
	motorway_link: 'expressway',
	trunk: 'arterial',
	trunk_link: 'arterial',
	primary: 'arterial',
	primary_link: 'arterial',
	secondary: 'arterial',
	secondary_link: 'arterial',
	tertiary: 'collector',
	tertiary_link: 'collector',
	unclassified: 'collector',
	residential: 'local',
	living_street: 'local',
	service: 'local',
	pedestrian: 'local',
	footway: 'footway',
	path: 'footway',
	steps: 'footway',
	cycleway: 'footway',
	track: 'footway',
	corridor: 'footway',
	bridleway: 'footway'
};

/** Walkable by default (before foot/access/area exclusions); trunk and cycleway need more tags. */
const WALKABLE = new Set([
	'footway',
	'path',
	'pedestrian',
	'steps',
	'living_street',
	'residential',
	'service',
	'unclassified',
	'tertiary',
	'tertiary_link',
	'secondary',
	'secondary_link',
	'primary',
	'primary_link',
	'track',
	'corridor'
]);

/** Not a usable way whatever its other tags say. */
const NEVER = new Set(['proposed', 'construction', 'abandoned', 'disused', 'razed', 'raceway', 'bus_guideway', 'escape']);

const FOOT_ALLOWED = new Set(['yes', 'designated']);
const SIDEWALK_SIDES = new Set(['both', 'left', 'right', 'yes']);

/** A sidewalk drawn on the road itself (sidewalk=both|left|right|yes or sidewalk:<side>=yes). */
function hasOwnSidewalk(tags: Tags): boolean {
	if (tags.sidewalk !== undefined && SIDEWALK_SIDES.has(tags.sidewalk)) return true;
	return ['sidewalk:both', 'sidewalk:left', 'sidewalk:right'].some((k) => tags[k] === 'yes');
}

/** Any sidewalk tag that does not say there is none (includes `separate`). */
function mentionsSidewalk(tags: Tags): boolean {
	return tags.sidewalk !== undefined && tags.sidewalk !== 'no' && tags.sidewalk !== 'none';
}

function isElevated(tags: Tags): boolean {
	const layer = Number.parseInt(tags.layer ?? '0', 10);
	return (Number.isFinite(layer) && layer >= 1) || (tags.bridge !== undefined && tags.bridge !== 'no');
}

/**
 * Decides whether a way goes into streets.geojson, whether it is walkable, and its class.
 *
 * Rules, in order: not a highway → null. Motorways → drawn, not walkable ("expressway").
 * area=yes → skipped. A trunk is walkable only with its own sidewalk (sidewalk=both|left|right|yes)
 * or foot=yes|designated; without, an elevated one (layer ≥ 1 or a bridge) is drawn as an
 * expressway and a ground-level one is skipped. sidewalk=separate on a trunk is not enough: the
 * separately mapped sidewalk is the walkable way. foot=no and access=private|no (unless
 * foot=yes|designated) skip. Cycleways need foot=yes|designated. Other highway values are walkable
 * when they mention a sidewalk that is not no/none. A walkable way with any bridge value except
 * "no" is class "bridge".
 *
 * @param tags the way's tags
 * @returns null for non-highways, else the decision
 * @example classifyStreet({ highway: 'primary', sidewalk: 'both' }) // { include: true, walkable: true, class: 'arterial' }
 */
export function classifyStreet(tags: Tags): StreetDecision | null {
	const highway = tags.highway;
	if (highway === undefined) return null;
	if (highway === 'motorway' || highway === 'motorway_link') return { include: true, walkable: false, class: 'expressway' };
	if (tags.area === 'yes') return { include: false, reason: 'area' };
	if (NEVER.has(highway)) return { include: false, reason: 'not-walkable-highway' };

	const footAllowed = tags.foot !== undefined && FOOT_ALLOWED.has(tags.foot);
	if (highway === 'trunk' || highway === 'trunk_link') {
		const walkableTrunk = (hasOwnSidewalk(tags) || footAllowed) && tags.foot !== 'no';
		if (!walkableTrunk) {
			if (isElevated(tags)) return { include: true, walkable: false, class: 'expressway' };
			return { include: false, reason: tags.foot === 'no' ? 'foot=no' : 'trunk-without-sidewalk' };
		}
	}
	if (tags.foot === 'no') return { include: false, reason: 'foot=no' };
	if ((tags.access === 'private' || tags.access === 'no') && !footAllowed) return { include: false, reason: 'access' };

	let walkable = WALKABLE.has(highway) || highway === 'trunk' || highway === 'trunk_link';
	if (highway === 'cycleway') {
		if (!footAllowed && !mentionsSidewalk(tags)) return { include: false, reason: 'cycleway-without-foot' };
		walkable = true;
	}
	if (!walkable && (mentionsSidewalk(tags) || footAllowed)) walkable = true;
	if (!walkable) return { include: false, reason: 'not-walkable-highway' };

	const bridge = tags.bridge !== undefined && tags.bridge !== 'no';
	return { include: true, walkable: true, class: bridge ? 'bridge' : (CLASS_OF[highway] ?? 'local') };
}
