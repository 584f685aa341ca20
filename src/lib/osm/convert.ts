/**
 * OSM elements → the app's four geodata collections (streets, water, green, amenities).
 * Pure and deterministic: features are sorted by OSM type and id, so the same extract in any
 * format gives byte-identical output.
 */
import { area as turfArea, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { AMENITY_CATEGORY_IDS, amenityCategory, categorise } from './amenity-categories';
import type { AmenityCategoryId, Tier } from './amenity-categories';
import { assembleRings, ringsToPolygon } from './rings';
import { classifyStreet, SKIP_REASONS } from './streets';
import type { SkipReason, StreetClass } from './streets';
import type { BBox, OsmData, OsmElement, OsmRelation, OsmWay, Tags } from './types';

/** Every written coordinate is rounded to this many decimals (1e-7° ≈ 1 cm, OSM's own precision). */
export const COORD_DECIMALS = 7;
const ACCURACY_M = 5;

export interface StreetProps {
	id: string;
	name_en: string;
	name_zh: string;
	class: StreetClass;
	walkable: boolean;
	accuracy_m: number;
	source: 'osm';
}
export type WaterKind = 'river' | 'canal' | 'lake' | 'pond' | 'water';
export interface WaterProps {
	id: string;
	name_en: string;
	name_zh: string;
	kind: WaterKind;
	accuracy_m: number;
	source: 'osm';
}
export type GreenKind = 'park' | 'garden' | 'campus' | 'airport' | 'zoo' | 'green';
export interface GreenProps {
	id: string;
	name_en: string;
	name_zh: string;
	kind: GreenKind;
	/** Geodesic area (turf.area), square metres, rounded to 0.1. */
	area_m2: number;
	accuracy_m: number;
	source: 'osm';
}
export interface AmenityProps {
	/** `osm-<type>-<id>-<category>`: one feature per category the element is in. */
	id: string;
	category: AmenityCategoryId;
	tier: Tier;
	name_en: string;
	name_zh: string;
	source: 'osm';
}

export type AreaGeometry = Polygon | MultiPolygon;

export interface ImportStats {
	elements: { nodes: number; ways: number; relations: number };
	streets: {
		walkable: number;
		notWalkable: number;
		/** Ways cut down to the nodes present in the extract. */
		clipped: number;
		skipped: Record<SkipReason, number>;
	};
	water: number;
	green: number;
	amenities: Record<AmenityCategoryId, number>;
	/** Closed ways / multipolygons wanted for water, green or amenities whose rings could not be built. */
	incompleteAreas: number;
}

export interface OsmGeodata {
	streets: FeatureCollection<LineString, StreetProps>;
	water: FeatureCollection<AreaGeometry | LineString, WaterProps>;
	green: FeatureCollection<AreaGeometry, GreenProps>;
	amenities: FeatureCollection<Point, AmenityProps>;
	stats: ImportStats;
	/** Bounding box of every node in the extract (rounded), or null when there are none. */
	bounds: BBox | null;
}

/** Rounds degrees to COORD_DECIMALS; the one rounding every output coordinate goes through. */

/** The id of the k-th run of present nodes of a way: the first keeps the plain OSM id. */
function wayPieceId(wayId: number, k: number): string {
	return k === 0 ? `osm-way-${wayId}` : `osm-way-${wayId}-${k + 1}`;
}

export function roundCoord(x: number): number {
	return Math.round(x * 1e7) / 1e7;
}

function names(tags: Tags): { name_en: string; name_zh: string } {
	return { name_en: tags['name:en'] ?? '', name_zh: tags['name:zh'] ?? tags.name ?? '' };
}

const TYPE_RANK = { node: 0, way: 1, relation: 2 } as const;
type Keyed<F> = { key: [number, number, number, number]; feature: F };
const byKey = <F>(a: Keyed<F>, b: Keyed<F>) =>
	a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3];
const collection = <F extends Feature>(items: Keyed<F>[]): FeatureCollection<F['geometry'], F['properties']> => ({
	type: 'FeatureCollection',
	features: items.sort(byKey).map((i) => i.feature)
});

/** Area kind for water polygons; null if the tags are not water. */
export function waterAreaKind(tags: Tags): WaterKind | null {
	const water = tags.water;
	if (tags.natural !== 'water' && tags.waterway !== 'riverbank' && !['river', 'canal', 'lake', 'pond'].includes(water ?? '')) {
		return null;
	}
	if (water === 'river' || tags.waterway === 'riverbank') return 'river';
	if (water === 'canal') return 'canal';
	if (water === 'lake' || water === 'reservoir') return 'lake';
	if (water === 'pond') return 'pond';
	return 'water';
}

/** Line kind for waterway centrelines; streams are drawn as generic "water". */
export function waterLineKind(tags: Tags): WaterKind | null {
	switch (tags.waterway) {
		case 'river':
			return 'river';
		case 'canal':
			return 'canal';
		case 'stream':
			return 'water';
		default:
			return null;
	}
}

/** Green kind; null if the tags are not green/open land. Zoo > airport > campus > park > garden > green. */
export function greenKind(tags: Tags): GreenKind | null {
	if (tags.tourism === 'zoo') return 'zoo';
	if (tags.aeroway === 'aerodrome') return 'airport';
	if (['university', 'college', 'school'].includes(tags.amenity ?? '')) return 'campus';
	if (tags.leisure === 'park') return 'park';
	if (tags.leisure === 'garden') return 'garden';
	if (['playground', 'pitch', 'nature_reserve'].includes(tags.leisure ?? '')) return 'green';
	if (['grass', 'recreation_ground', 'village_green'].includes(tags.landuse ?? '')) return 'green';
	return null;
}

/** Tags whose polygon area decides a category (parks); those polygons are built even when nothing else matches. */
function needsArea(tags: Tags): boolean {
	return ['park', 'garden', 'playground'].includes(tags.leisure ?? '');
}

/**
 * Converts parsed OSM data into the app's geodata collections.
 *
 * Streets keep whole ways (not split at junctions): ways meeting at an OSM node share that node's
 * rounded coordinate bit for bit, and the graph builder merges equal coordinates into one vertex.
 * A way with nodes missing from the extract is clipped to its runs of present nodes; each run of
 * two or more becomes a feature (`osm-way-<id>`, then `osm-way-<id>-2` …).
 *
 * @param data the output of `parseOsm` (or any reader giving Overpass-shaped elements)
 * @returns the four collections, counts, and the extract's node bounds
 * @example const { streets } = convertOsm(parseOsm(bytes));
 */
export function convertOsm(data: OsmData): OsmGeodata {
	const nodes = new Map<number, Position>();
	const ways = new Map<number, OsmWay>();
	const relations: OsmRelation[] = [];
	let bounds: BBox | null = null;
	const stats: ImportStats = {
		elements: { nodes: 0, ways: 0, relations: 0 },
		streets: {
			walkable: 0,
			notWalkable: 0,
			clipped: 0,
			skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>
		},
		water: 0,
		green: 0,
		amenities: Object.fromEntries(AMENITY_CATEGORY_IDS.map((c) => [c, 0])) as Record<AmenityCategoryId, number>,
		incompleteAreas: 0
	};

	for (const e of data.elements) {
		if (e.type === 'node') {
			const p: Position = [roundCoord(e.lon), roundCoord(e.lat)];
			nodes.set(e.id, p);
			if (bounds === null) bounds = [p[0], p[1], p[0], p[1]];
			else {
				if (p[0] < bounds[0]) bounds[0] = p[0];
				if (p[1] < bounds[1]) bounds[1] = p[1];
				if (p[0] > bounds[2]) bounds[2] = p[0];
				if (p[1] > bounds[3]) bounds[3] = p[1];
			}
		} else if (e.type === 'way') ways.set(e.id, e);
		else relations.push(e);
	}
	stats.elements = { nodes: nodes.size, ways: ways.size, relations: relations.length };

	/** Runs of consecutive present nodes, consecutive duplicate positions dropped. */
	const runs = (way: OsmWay): { runs: Position[][]; clipped: boolean } => {
		const out: Position[][] = [];
		let current: Position[] = [];
		let clipped = false;
		for (const id of way.nodes) {
			const p = nodes.get(id);
			if (!p) {
				clipped = true;
				if (current.length > 0) out.push(current);
				current = [];
				continue;
			}
			const last = current[current.length - 1];
			if (!last || last[0] !== p[0] || last[1] !== p[1]) current.push(p);
		}
		if (current.length > 0) out.push(current);
		return { runs: out.filter((r) => r.length >= 2), clipped };
	};

	// --- polygons (closed ways and multipolygon relations), built lazily and cached ---------------
	const polygonCache = new Map<string, AreaGeometry | null>();
	const wayPolygon = (way: OsmWay): AreaGeometry | null => {
		const key = `w${way.id}`;
		if (polygonCache.has(key)) return polygonCache.get(key)!;
		let geometry: AreaGeometry | null = null;
		const ids = way.nodes;
		if (ids.length >= 4 && ids[0] === ids[ids.length - 1]) {
			const r = runs(way);
			if (!r.clipped && r.runs.length === 1 && r.runs[0].length >= 4) geometry = ringsToPolygon([r.runs[0]], []);
		}
		if (!geometry) stats.incompleteAreas++;
		polygonCache.set(key, geometry);
		return geometry;
	};
	const relationPolygon = (rel: OsmRelation): AreaGeometry | null => {
		const key = `r${rel.id}`;
		if (polygonCache.has(key)) return polygonCache.get(key)!;
		const chains = { outer: [] as number[][], inner: [] as number[][] };
		let missingMember = false;
		for (const m of rel.members) {
			if (m.type !== 'way') continue;
			const way = ways.get(m.ref);
			if (!way) {
				missingMember = true;
				continue;
			}
			(m.role === 'inner' ? chains.inner : chains.outer).push(way.nodes);
		}
		const toCoords = (ring: number[]): Position[] | null => {
			const coords: Position[] = [];
			for (const id of ring) {
				const p = nodes.get(id);
				if (!p) return null;
				const last = coords[coords.length - 1];
				if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
			}
			return coords.length >= 4 ? coords : null;
		};
		const outer = assembleRings(chains.outer);
		const inner = assembleRings(chains.inner);
		const outers = outer.rings.map(toCoords);
		const inners = inner.rings.map(toCoords).filter((r): r is Position[] => r !== null);
		let geometry: AreaGeometry | null = null;
		// An outer ring that cannot be closed would silently shrink the area: drop the relation instead.
		if (!missingMember && outer.unclosed === 0 && outers.every((r) => r !== null)) {
			geometry = ringsToPolygon(outers as Position[][], inners);
		}
		if (!geometry) stats.incompleteAreas++;
		polygonCache.set(key, geometry);
		return geometry;
	};
	const isMultipolygon = (rel: OsmRelation) => rel.tags?.type === 'multipolygon';
	const areaOf = (g: AreaGeometry) => turfArea({ type: 'Feature', geometry: g, properties: {} });

	// --- streets ------------------------------------------------------------------------------
	const streets: Keyed<Feature<LineString, StreetProps>>[] = [];
	for (const way of ways.values()) {
		const tags = way.tags;
		if (!tags) continue;
		const decision = classifyStreet(tags);
		if (!decision) continue;
		if (!decision.include) {
			stats.streets.skipped[decision.reason]++;
			continue;
		}
		const r = runs(way);
		if (r.runs.length === 0) {
			stats.streets.skipped['missing-nodes']++;
			continue;
		}
		if (r.clipped) stats.streets.clipped++;
		r.runs.forEach((coordinates, k) => {
			streets.push({
				key: [1, way.id, k, 0],
				feature: {
					type: 'Feature',
					geometry: { type: 'LineString', coordinates },
					properties: {
						id: wayPieceId(way.id, k),
						...names(tags),
						class: decision.class,
						walkable: decision.walkable,
						accuracy_m: ACCURACY_M,
						source: 'osm'
					}
				}
			});
			if (decision.walkable) stats.streets.walkable++;
			else stats.streets.notWalkable++;
		});
	}

	// --- water and green ----------------------------------------------------------------------
	const water: Keyed<Feature<AreaGeometry | LineString, WaterProps>>[] = [];
	const green: Keyed<Feature<AreaGeometry, GreenProps>>[] = [];
	const areaSources: { type: 'way' | 'relation'; id: number; tags: Tags; geometry: () => AreaGeometry | null }[] = [];
	for (const way of ways.values()) {
		if (!way.tags) continue;
		const closed = way.nodes.length >= 4 && way.nodes[0] === way.nodes[way.nodes.length - 1];
		if (closed) areaSources.push({ type: 'way', id: way.id, tags: way.tags, geometry: () => wayPolygon(way) });
		const lineKind = waterLineKind(way.tags);
		if (lineKind) {
			runs(way).runs.forEach((coordinates, k) => {
				water.push({
					key: [1, way.id, k, 0],
					feature: {
						type: 'Feature',
						geometry: { type: 'LineString', coordinates },
						properties: {
							id: wayPieceId(way.id, k),
							...names(way.tags!),
							kind: lineKind,
							accuracy_m: ACCURACY_M,
							source: 'osm'
						}
					}
				});
			});
		}
	}
	for (const rel of relations) {
		if (rel.tags && isMultipolygon(rel)) {
			areaSources.push({ type: 'relation', id: rel.id, tags: rel.tags, geometry: () => relationPolygon(rel) });
		}
	}

	const amenities: Keyed<Feature<Point, AmenityProps>>[] = [];
	const addAmenities = (type: 'node' | 'way' | 'relation', id: number, tags: Tags, point: Position, cats: AmenityCategoryId[]) => {
		for (const c of cats) {
			const category = amenityCategory(c);
			amenities.push({
				key: [TYPE_RANK[type], id, 0, AMENITY_CATEGORY_IDS.indexOf(c)],
				feature: {
					type: 'Feature',
					geometry: { type: 'Point', coordinates: point },
					properties: { id: `osm-${type}-${id}-${c}`, category: c, tier: category.tier, ...names(tags), source: 'osm' }
				}
			});
			stats.amenities[c]++;
		}
	};

	for (const src of areaSources) {
		const { tags } = src;
		const wKind = waterAreaKind(tags);
		const gKind = greenKind(tags);
		const plainCats = categorise(tags);
		if (!wKind && !gKind && plainCats.length === 0 && !needsArea(tags)) continue;
		const geometry = src.geometry();
		if (!geometry) continue;
		const id = `osm-${src.type}-${src.id}`;
		const key: Keyed<unknown>['key'] = [TYPE_RANK[src.type], src.id, 0, 0];
		const areaM2 = areaOf(geometry);
		if (wKind) {
			water.push({
				key,
				feature: {
					type: 'Feature',
					geometry,
					properties: { id, ...names(tags), kind: wKind, accuracy_m: ACCURACY_M, source: 'osm' }
				}
			});
		}
		if (gKind) {
			green.push({
				key,
				feature: {
					type: 'Feature',
					geometry,
					properties: {
						id,
						...names(tags),
						kind: gKind,
						area_m2: Math.round(areaM2 * 10) / 10,
						accuracy_m: ACCURACY_M,
						source: 'osm'
					}
				}
			});
		}
		const cats = categorise(tags, areaM2);
		if (cats.length > 0) {
			const p = pointOnFeature({ type: 'Feature', geometry, properties: {} }).geometry.coordinates;
			addAmenities(src.type, src.id, tags, [roundCoord(p[0]), roundCoord(p[1])], cats);
		}
	}
	stats.water = water.length;
	stats.green = green.length;

	// --- amenities from nodes and open ways -------------------------------------------------------
	for (const e of data.elements as OsmElement[]) {
		if (!e.tags) continue;
		if (e.type === 'node') {
			const cats = categorise(e.tags);
			if (cats.length > 0) addAmenities('node', e.id, e.tags, nodes.get(e.id)!, cats);
		} else if (e.type === 'way' && !(e.nodes.length >= 4 && e.nodes[0] === e.nodes[e.nodes.length - 1])) {
			const cats = categorise(e.tags);
			if (cats.length === 0) continue;
			// An open way (a platform drawn as a line, say): its middle present vertex.
			const present = e.nodes.map((id) => nodes.get(id)).filter((p): p is Position => p !== undefined);
			if (present.length > 0) addAmenities('way', e.id, e.tags, present[Math.floor(present.length / 2)], cats);
		}
	}

	return {
		streets: collection(streets),
		water: collection(water),
		green: collection(green),
		amenities: collection(amenities),
		stats,
		bounds
	};
}
