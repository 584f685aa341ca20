/**
 * Measurements of place geometries, in metric units. Pure: runs in node, the browser and workers.
 */
import { area, distance, length, polygonToLine } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { LonLat } from './lonlat';

export interface PolygonMeasure {
	/** Geodesic area (turf.area, spherical Earth), square metres. */
	areaM2: number;
	areaKm2: number;
	areaHa: number;
	/** Length of every ring, outer and inner, kilometres. */
	perimeterKm: number;
}

/** Area and perimeter of a Polygon or MultiPolygon; null for other geometries. */
export function measurePolygon(geometry: Geometry): PolygonMeasure | null {
	if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
	const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', geometry, properties: {} };
	const areaM2 = area(feature);
	const outline = polygonToLine(feature);
	const perimeterKm =
		outline.type === 'FeatureCollection'
			? outline.features.reduce((sum, f) => sum + length(f, { units: 'kilometers' }), 0)
			: length(outline, { units: 'kilometers' });
	return { areaM2, areaKm2: areaM2 / 1e6, areaHa: areaM2 / 1e4, perimeterKm };
}

/** Relative difference of a computed value from a stated one, e.g. 0.012 for 1.2 % larger. */
export function relativeDifference(computed: number, stated: number): number {
	if (stated === 0) throw new Error('relativeDifference: the stated value must not be 0');
	return (computed - stated) / stated;
}

/**
 * The straight legs of a path: each leg's geodesic length (turf.distance, spherical Earth), the
 * running length at each point and each leg's midpoint, where its label sits.
 *
 * @param points the path, [lon, lat] WGS84
 * @returns `legs[i]` metres from point i to i + 1; `running[i]` metres from the first point to
 *   point i (`running[0]` is 0); `midpoints[i]` halfway along leg i (to centimetres on a leg of a
 *   few kilometres)
 * @example
 * pathLegs([[121.41, 31.21], [121.42, 31.21]]).legs; // [≈ 952]
 */
export function pathLegs(points: readonly LonLat[]): { legs: number[]; running: number[]; midpoints: LonLat[] } {
	const legs: number[] = [];
	const running: number[] = points.length > 0 ? [0] : [];
	const midpoints: LonLat[] = [];
	for (let i = 1; i < points.length; i++) {
		const metres = distance(points[i - 1], points[i], { units: 'meters' });
		legs.push(metres);
		running.push(running[i - 1] + metres);
		// The lon/lat average: on a leg of a few kilometres it is the geodesic midpoint to a few
		// centimetres, and it spares the first view turf's midpoint (bearing, destination).
		midpoints.push([(points[i - 1][0] + points[i][0]) / 2, (points[i - 1][1] + points[i][1]) / 2]);
	}
	return { legs, running, midpoints };
}
