/**
 * The inputs of the coverage figures, from the app's own data files: the district outline, the land
 * that is not lived on (left out of the land share) and the area inside the Inner Ring (the bus-stop
 * rule). Pure: the app's state, the bench and the CLI call it on the files they already have.
 *
 * What is left out of the land share, and what could not be:
 * - water: Suzhou Creek (water.geojson, a 56 m band on the district edge; most of it lies outside);
 * - parks: the parks the map has — Zhongshan Park (places.json, kind "park"; drawn as the block it
 *   lies in, 34 ha against the official 21 ha) and the Shanghai Zoo (green.geojson, kind "zoo");
 * - the airport: green.geojson's rough box of Hongqiao Airport's Changning part (kind "airport").
 * NOT left out, for want of data: the small rivers and ponds (no surveyed water), the district's other
 * parks and green spaces, the airfield beyond the rough box, rail and expressway land, campuses.
 *
 * The Inner Ring: OpenStreetMap's 内环高架路 (transit/elevated_roads.geojson, cut to the data's box)
 * runs north–south through Changning along Zhongshan West Rd. Its inside is the side towards the city
 * centre: the arc is closed along the edge of the data's box on the side that holds People's Square
 * (121.4737 E, 31.2304 N, moved onto the box when it lies outside). A street stretch or grid cell is
 * "inside" when its midpoint / centre is.
 */
import type { Feature, FeatureCollection, Geometry, LineString, Polygon, Position } from 'geojson';
import type { CoverageAreaInput } from '$lib/graph/coverage-area';

/** The city centre, for which side of the Inner Ring is "inside". */
const PEOPLES_SQUARE: Position = [121.4737, 31.2304];

/** Kinds of green.geojson / places.json features that are not lived on. */
const EXCLUDED_KINDS = new Set(['park', 'zoo', 'airport']);

export interface CoverageAreaFiles {
	/** The district outline (static/data/changning.geojson). */
	district: FeatureCollection;
	water?: FeatureCollection | null;
	green?: FeatureCollection | null;
	/** The places (static/data/places.json), for the parks drawn as places (Zhongshan Park). */
	places?: FeatureCollection | null;
	/** The elevated roads (static/data/elevated.geojson), for the Inner Ring. */
	elevated?: FeatureCollection | null;
}

const isArea = (g: Geometry | null | undefined): g is Geometry => !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');

function inRing(ring: Position[], p: Position): boolean {
	let c = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > p[1] !== yj > p[1] && p[0] < xj + ((p[1] - yi) / (yj - yi)) * (xi - xj)) c = !c;
	}
	return c;
}

/**
 * The area inside the Inner Ring, as far as the elevated-road data reaches: the longest 内环高架路
 * line, closed along the edge of the data's box on the city-centre side. Null without the line, or
 * when its ends are not on the box (then the cut was not the box and the side cannot be told).
 *
 * @param {FeatureCollection} elevated the elevated roads (name_zh on each feature)
 * @returns {Polygon | null} the inside, within the data's box
 */
export function innerRingArea(elevated: FeatureCollection): Polygon | null {
	const lines = elevated.features.filter(
		(f): f is Feature<LineString> => f.geometry?.type === 'LineString' && f.properties?.name_zh === '内环高架路'
	);
	if (lines.length === 0) return null;
	const arc = lines.reduce((a, b) => (b.geometry.coordinates.length > a.geometry.coordinates.length ? b : a)).geometry.coordinates;
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of elevated.features) {
		const g = f.geometry;
		const coords = g?.type === 'LineString' ? g.coordinates : g?.type === 'MultiLineString' ? g.coordinates.flat() : [];
		for (const [x, y] of coords) {
			x0 = Math.min(x0, x);
			y0 = Math.min(y0, y);
			x1 = Math.max(x1, x);
			y1 = Math.max(y1, y);
		}
	}
	// position of a boundary point along the box's perimeter, counter-clockwise from the SW corner
	const w = x1 - x0;
	const h = y1 - y0;
	const eps = 1e-9;
	const perim = ([x, y]: Position): number | null => {
		if (Math.abs(y - y0) < eps) return x - x0;
		if (Math.abs(x - x1) < eps) return w + (y - y0);
		if (Math.abs(y - y1) < eps) return w + h + (x1 - x);
		if (Math.abs(x - x0) < eps) return 2 * w + h + (y1 - y);
		return null;
	};
	const start = arc[0];
	const end = arc[arc.length - 1];
	const pa = perim(end);
	const pb = perim(start);
	if (pa === null || pb === null) return null;
	const corners: [number, Position][] = [
		[0, [x0, y0]],
		[w, [x1, y0]],
		[w + h, [x1, y1]],
		[2 * w + h, [x0, y1]]
	];
	const total = 2 * (w + h);
	// walk the box edge from the arc's end back to its start, counter-clockwise or clockwise
	const close = (ccw: boolean): Position[] => {
		const ring = arc.map((p) => [p[0], p[1]]);
		const dist = (p: number) => (ccw ? (p - pa + total) % total : (pa - p + total) % total);
		const span = dist(pb);
		const between = corners.filter(([p]) => dist(p) > 0 && dist(p) < span).sort((a, b) => dist(a[0]) - dist(b[0]));
		for (const [, c] of between) ring.push([c[0], c[1]]);
		ring.push([start[0], start[1]]);
		return ring;
	};
	const centre: Position = [Math.min(x1 - eps, Math.max(x0 + eps, PEOPLES_SQUARE[0])), Math.min(y1 - eps, Math.max(y0 + eps, PEOPLES_SQUARE[1]))];
	// the centre moved onto the box edge lies on both closures' boundary; nudge it inwards a little
	const probe: Position = [centre[0] - (centre[0] >= x1 - eps ? 1e-4 : 0) + (centre[0] <= x0 + eps ? 1e-4 : 0), centre[1] - (centre[1] >= y1 - eps ? 1e-4 : 0) + (centre[1] <= y0 + eps ? 1e-4 : 0)];
	for (const ccw of [true, false]) {
		const ring = close(ccw);
		if (inRing(ring, probe)) return { type: 'Polygon', coordinates: [ring] };
	}
	return null;
}

/**
 * The coverage figures' inputs from the app's files.
 *
 * @param {CoverageAreaFiles} files district outline (required), water, green areas, places, elevated roads
 * @returns {CoverageAreaInput} the district, what is left out of the land share, the Inner Ring area
 * @throws {Error} when the district file has no polygon
 * @example
 * const area = coverageAreaFrom({ district, water, green, places, elevated });
 * client.request('init', { …, area });
 */
export function coverageAreaFrom(files: CoverageAreaFiles): CoverageAreaInput {
	const district = files.district.features.find((f) => isArea(f.geometry))?.geometry;
	if (!district) throw new Error('coverageAreaFrom: the district file has no polygon');
	const exclude: CoverageAreaInput['exclude'] = [];
	for (const f of files.water?.features ?? []) {
		if (isArea(f.geometry)) exclude.push({ id: String(f.properties?.id ?? 'water'), kind: 'water', geometry: f.geometry });
	}
	for (const f of [...(files.green?.features ?? []), ...(files.places?.features ?? [])]) {
		const kind = String(f.properties?.kind ?? '');
		if (EXCLUDED_KINDS.has(kind) && isArea(f.geometry)) exclude.push({ id: String(f.properties?.id ?? kind), kind, geometry: f.geometry });
	}
	return { district, exclude, innerRing: files.elevated ? innerRingArea(files.elevated) : null };
}
