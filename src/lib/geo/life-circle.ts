/**
 * The Shanghai 15-minute community life circle, as a checklist: which daily services a walk of
 * 5, 10 and 15 minutes reaches. Tiers follow the 2016 guideline as reported (see
 * shared reference "life-circle-standard.md"); the grouping is our reading, not a quotation.
 */
import { bbox, booleanIntersects, booleanPointInPolygon } from '@turf/turf';
import type { BBox, Feature, FeatureCollection, Geometry, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { LIFE_CIRCLE_CATEGORIES, type LifeCircleTier } from './life-circle-categories';
import type { UserChecklistItem } from './user-category';

// The constants live in life-circle-categories.ts (light, for the first view); re-exported for the checklist's users.
export {
	DEFAULT_BANDS,
	LIFE_CIRCLE_CATEGORIES,
	LIFE_CIRCLE_TIERS,
	type LifeCircleCategory,
	type LifeCircleCategoryId,
	type LifeCircleTier
} from './life-circle-categories';

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
	 * Every place of this category inside the largest band, shortest walk first (ties by id): the
	 * first is the nearest. `counts[m]` is the number of them with `band ≤ m`. Empty when the data has
	 * none of the category (coverage 'none'), or when the walking times were not given (polygon
	 * counting: then only the counts say what was reached).
	 */
	reached: ReachedAmenity[];
}

export interface ReachedAmenity {
	id: string;
	/** Names with the other language filled in where one is missing (AMap has no English names). */
	name: { en: string; zh: string };
	/** Walking time along the network, minutes (0.1 precision, rounded up, never past `band`). */
	minutes: number;
	/** The smallest band it is inside (its minutes ≤ this band's). */
	band: number;
	/** [lon, lat] of the place (its first point). */
	at: [number, number];
}

export interface LifeCircleChecklist {
	items: ChecklistItem[];
	/** Rows for the user's own point layers (geo/user-category.ts): no tier, not in `met`/`judged`. Absent without any. */
	user?: UserChecklistItem[];
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
 *   Each category then also lists the amenities it reached with their walking minutes (`reached`),
 *   nearest first; the counts are counted from that list, so the two never disagree, and an amenity
 *   outside every band is never listed.
 * - without: its point (any point of a MultiPoint) is inside the band polygon; nothing is listed.
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
	/** Per category, what the walk reached, with the unrounded minutes to sort by. */
	const reached = new Map<string, { amenity: ReachedAmenity; exact: number }[]>();
	for (const category of LIFE_CIRCLE_CATEGORIES) {
		counts.set(category.id, Object.fromEntries(limits.map((m) => [m, 0])));
		reached.set(category.id, []);
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
			const p = amenity.properties ?? {};
			const en = String(p.name_en ?? '');
			const zh = String(p.name_zh ?? '');
			const band = limits.find((m) => minutes <= m)!;
			// To 0.1 min, rounded up (never shows less than the walk) but never past the band it is
			// counted in: 14.96 min in the 15-minute band reads 15.0, not 15.1.
			const shown = Math.min(band, Math.ceil(minutes * 10 - 1e-9) / 10);
			reached.get(category)!.push({
				amenity: { id: String(p.id ?? ''), name: { en: en || zh, zh: zh || en }, minutes: shown, band, at: [points[0][0], points[0][1]] },
				exact: minutes
			});
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
	const lists = new Map<string, ReachedAmenity[]>();
	for (const [category, list] of reached) {
		list.sort((a, b) => a.exact - b.exact || (a.amenity.id < b.amenity.id ? -1 : a.amenity.id > b.amenity.id ? 1 : 0));
		lists.set(category, list.map((r) => r.amenity));
		// The counts are the list's, band by band (walk mode; polygon mode counted above).
		const perBand = counts.get(category)!;
		for (const { amenity } of list) for (const m of limits) if (amenity.band <= m) perBand[m]++;
	}

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
			reached: cover === 'none' ? [] : lists.get(category.id)!
		};
	});
	const judgedItems = items.filter((i) => i.coverage !== 'none' && i.judgedMinutes !== null);
	return { items, met: judgedItems.filter((i) => i.status === 'met').length, judged: judgedItems.length };
}

/** What {@link placesInReach} needs of a place: an id, names and a geometry. */
export type ReachablePlace = Feature<Geometry, { id: string; name: { en: string; zh: string } }>;

export interface PlaceInReach {
	id: string;
	name: { en: string; zh: string };
	/** The smallest band whose polygon the place's geometry touches, minutes. */
	minutes: number;
}

/**
 * The places a life circle reaches: each place whose geometry intersects a band polygon (a point
 * inside it, a line crossing it, an outline overlapping or containing it), with the minutes of the
 * smallest such band. A place the bands only come near is not listed.
 *
 * The test is the bands' polygons, not the walking time to the place: a project is an area or a
 * street, and the question is whether the walk gets into it, anywhere.
 *
 * @param bands band polygons with `properties.minutes` (any order)
 * @param places the places to test (geometry: Point, LineString, Polygon or their Multi- forms)
 * @returns the places reached, by band (shortest first), then in the order given
 * @example
 * placesInReach(reply.bands, app.places); // [{ id: 'zhongshan-park', name: {…}, minutes: 5 }, …]
 */
export function placesInReach(
	bands: FeatureCollection<Polygon | MultiPolygon, { minutes: number }>,
	places: readonly ReachablePlace[]
): PlaceInReach[] {
	const sorted = [...bands.features].sort((a, b) => a.properties.minutes - b.properties.minutes);
	const boxes = sorted.map((band) => bbox(band));
	const found: (PlaceInReach & { order: number })[] = [];
	places.forEach((place, order) => {
		const box = bbox(place);
		// Boxes first: most places are nowhere near a 15-minute walk, and the exact test is not cheap.
		const i = sorted.findIndex((band, k) => boxesOverlap(box, boxes[k]) && booleanIntersects(place, band));
		if (i < 0) return;
		const { id, name } = place.properties;
		found.push({ id, name: { en: name.en, zh: name.zh }, minutes: sorted[i].properties.minutes, order });
	});
	found.sort((a, b) => a.minutes - b.minutes || a.order - b.order);
	return found.map(({ id, name, minutes }) => ({ id, name, minutes }));
}

function boxesOverlap([w1, s1, e1, n1]: BBox, [w2, s2, e2, n2]: BBox): boolean {
	return w1 <= e2 && w2 <= e1 && s1 <= n2 && s2 <= n1;
}
