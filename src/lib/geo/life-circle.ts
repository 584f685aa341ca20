/**
 * The Shanghai 15-minute community life circle, as a checklist: which daily services a walk of
 * 5, 10 and 15 minutes reaches. Tiers follow the 2016 guideline as reported (see
 * shared reference "life-circle-standard.md"); the grouping is our reading, not a quotation.
 */
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** The guideline's tiers: what a resident should reach within a 5-, 10- and 15-minute walk. */
export const LIFE_CIRCLE_TIERS = [5, 10, 15] as const;
export type LifeCircleTier = (typeof LIFE_CIRCLE_TIERS)[number];

/**
 * The bands the life-circle tool starts with (and the measure tool's radii), minutes: the tiers,
 * so the checklist can judge every tier on a band of its own length.
 */
export const DEFAULT_BANDS: readonly number[] = LIFE_CIRCLE_TIERS;

export interface LifeCircleCategory {
	id: string;
	/** Minutes within which the standard wants this service reached. */
	tier: LifeCircleTier;
	label: { en: string; zh: string };
}

export const LIFE_CIRCLE_CATEGORIES = [
	{ id: 'elderly-care', tier: 5, label: { en: 'Elderly day care / activity room', zh: '老年日间照料 / 活动室' } },
	{ id: 'convenience', tier: 5, label: { en: 'Convenience store / breakfast', zh: '便利店 / 早餐' } },
	{ id: 'small-green', tier: 5, label: { en: 'Small green space', zh: '小型绿地' } },
	{ id: 'bus-stop', tier: 5, label: { en: 'Bus stop', zh: '公交站' } },
	{ id: 'childcare', tier: 10, label: { en: 'Kindergarten / 0–3 childcare', zh: '幼儿园 / 托育' } },
	{ id: 'fresh-market', tier: 10, label: { en: 'Fresh-food market', zh: '菜场' } },
	{ id: 'primary-school', tier: 10, label: { en: 'Primary school', zh: '小学' } },
	{ id: 'pocket-park', tier: 10, label: { en: 'Pocket park', zh: '口袋公园' } },
	{ id: 'health-centre', tier: 15, label: { en: 'Clinic or community health centre', zh: '诊所或社区卫生服务中心' } },
	{ id: 'middle-school', tier: 15, label: { en: 'Middle school', zh: '中学' } },
	{ id: 'culture-sports', tier: 15, label: { en: 'Culture / sports centre', zh: '文化 / 体育中心' } },
	{ id: 'large-park', tier: 15, label: { en: 'Larger park', zh: '较大公园' } },
	{ id: 'metro-station', tier: 15, label: { en: 'Metro station', zh: '地铁站' } }
] as const satisfies readonly LifeCircleCategory[];

/** The id of a life-circle category (the amenity data's `category`). */
export type LifeCircleCategoryId = (typeof LIFE_CIRCLE_CATEGORIES)[number]['id'];

export type Coverage = Record<string, 'complete' | 'partial'>;

export type ChecklistStatus =
	/** Reached within its tier. */
	| 'met'
	/** Not reached within its tier, and the data for it is complete. */
	| 'not-met'
	/** Not reached, but the data covers only some of these places: absence proves nothing. */
	| 'not-found'
	/** The bundled data has none of this category: import an OSM extract. */
	| 'no-data'
	/** No band is as short as the tier (e.g. only a 15-minute band for a 5-minute service). */
	| 'no-band';

export interface ChecklistItem {
	category: string;
	tier: LifeCircleTier;
	label: { en: string; zh: string };
	/** Places of this category inside each band, keyed by the band's minutes. */
	counts: Record<number, number>;
	/** The band the tier is judged on: the largest band no longer than the tier. */
	judgedMinutes: number | null;
	status: ChecklistStatus;
	coverage: 'complete' | 'partial' | 'none';
	/**
	 * The place of this category with the shortest walk, among those inside a band; null when none is,
	 * or when the walking times were not given (polygon counting).
	 */
	nearest: NearestAmenity | null;
}

export interface NearestAmenity {
	id: string;
	/** Names with the other language filled in where one is missing (AMap has no English names). */
	name: { en: string; zh: string };
	/** Walking time along the network, minutes (0.1 precision, rounded up). */
	minutes: number;
	/** The smallest band it is inside (its minutes ≤ this band's). */
	band: number;
	/** [lon, lat] of the place (its first point). */
	at: [number, number];
}

export interface LifeCircleChecklist {
	items: ChecklistItem[];
	/** Categories met, of those the data can judge (coverage not 'none'). */
	met: number;
	judged: number;
}

type Band = Feature<Polygon | MultiPolygon, { minutes: number }>;

/**
 * Count amenities per band and judge each life-circle category against its tier.
 *
 * Two ways to decide that an amenity is inside a band:
 * - with `walkMinutes` (the worker passes them): its walking time along the network (from
 *   graph/amenity-reach.ts) is ≤ the band's minutes — the cost the band polygons are contoured from.
 *   Each category then also names its nearest amenity, which by construction is inside the band it
 *   is counted in; an amenity outside every band is never "nearest".
 * - without: its point (any point of a MultiPoint) is inside the band polygon; no nearest.
 *
 * @param bands band polygons with `properties.minutes` (any order)
 * @param amenities points with `properties.category` (ids of LIFE_CIRCLE_CATEGORIES); a MultiPoint
 *   (e.g. points along a park's edge) counts once, when any of its points is inside
 * @param coverage which categories the amenity data covers, and whether completely
 * @param walkMinutes optional walking minutes per amenity (same order as `amenities.features`;
 *   Infinity or NaN = not reached)
 * @example
 * const list = evaluateLifeCircle(iso.bands, amenities, { 'metro-station': 'complete' });
 * list.items.find((i) => i.category === 'metro-station')?.status; // 'met'
 */
export function evaluateLifeCircle(
	bands: FeatureCollection<Polygon | MultiPolygon, { minutes: number }>,
	amenities: FeatureCollection<Point | MultiPoint>,
	coverage: Coverage,
	walkMinutes?: ArrayLike<number>
): LifeCircleChecklist {
	if (walkMinutes && walkMinutes.length !== amenities.features.length) {
		throw new Error(`evaluateLifeCircle: walkMinutes has ${walkMinutes.length} entries for ${amenities.features.length} amenities`);
	}
	const sorted = [...bands.features].sort((a, b) => a.properties.minutes - b.properties.minutes) as Band[];
	const limits = sorted.map((b) => b.properties.minutes);
	const boxes = sorted.map((band) => bbox(band));
	const counts = new Map<string, Record<number, number>>();
	const nearest = new Map<string, NearestAmenity>();
	for (const category of LIFE_CIRCLE_CATEGORIES) {
		counts.set(category.id, Object.fromEntries(limits.map((m) => [m, 0])));
	}
	amenities.features.forEach((amenity, index) => {
		const category = String(amenity.properties?.category);
		const perBand = counts.get(category);
		if (!perBand) return;
		const points: Position[] =
			amenity.geometry.type === 'Point' ? [amenity.geometry.coordinates] : amenity.geometry.coordinates;
		if (walkMinutes) {
			const minutes = walkMinutes[index];
			if (!(minutes <= limits[limits.length - 1])) return;
			for (const m of limits) if (minutes <= m) perBand[m]++;
			const best = nearest.get(category);
			if (!best || minutes < best.minutes) {
				const p = amenity.properties ?? {};
				const en = String(p.name_en ?? '');
				const zh = String(p.name_zh ?? '');
				nearest.set(category, {
					id: String(p.id ?? ''),
					name: { en: en || zh, zh: zh || en },
					minutes,
					band: limits.find((m) => minutes <= m)!,
					at: [points[0][0], points[0][1]]
				});
			}
			return;
		}
		sorted.forEach((band, i) => {
			const [w, s, e, n] = boxes[i];
			const inside = points.some(
				([x, y]) => x >= w && x <= e && y >= s && y <= n && booleanPointInPolygon([x, y], band)
			);
			if (inside) perBand[band.properties.minutes]++;
		});
	});
	// To 0.1 min, rounded up (never shows less than the walk) but never past the band it is counted
	// in: 14.96 min in the 15-minute band reads 15.0, not 15.1.
	for (const n of nearest.values()) n.minutes = Math.min(n.band, Math.ceil(n.minutes * 10 - 1e-9) / 10);

	const items = LIFE_CIRCLE_CATEGORIES.map((category): ChecklistItem => {
		const perBand = counts.get(category.id)!;
		const judged = sorted.filter((b) => b.properties.minutes <= category.tier).at(-1) ?? null;
		const judgedMinutes = judged ? judged.properties.minutes : null;
		const cover = (coverage[category.id] as Coverage[string] | undefined) ?? 'none';
		const reached = judgedMinutes !== null && perBand[judgedMinutes] > 0;
		let status: ChecklistStatus;
		if (cover === 'none') status = 'no-data';
		else if (judgedMinutes === null) status = 'no-band';
		else if (reached) status = 'met';
		else status = cover === 'complete' ? 'not-met' : 'not-found';
		return {
			category: category.id,
			tier: category.tier,
			label: category.label,
			counts: perBand,
			judgedMinutes,
			status,
			coverage: cover,
			nearest: cover === 'none' ? null : (nearest.get(category.id) ?? null)
		};
	});
	const judgedItems = items.filter((i) => i.coverage !== 'none' && i.judgedMinutes !== null);
	return { items, met: judgedItems.filter((i) => i.status === 'met').length, judged: judgedItems.length };
}
