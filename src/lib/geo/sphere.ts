/**
 * Distances, destinations and circles on a spherical Earth: the same formulas, in the same order of
 * operations, as turf's `distance`, `destination` and `circle` (mean radius 6 371 008.8 m), so the
 * results are equal to the last bit (tests/unit/sphere.test.ts checks that against turf).
 *
 * Why not turf itself: the measure tool and the life circle's map layer draw in the first view, and
 * importing turf there brings its shared helpers along (issue 9's budget, scripts/check-size.ts).
 * Everything else keeps using turf.
 */
import type { Polygon, Position } from 'geojson';

/** [lon, lat] in degrees, as any array holds it. */
type LonLatIn = readonly number[];

/** turf's mean Earth radius, metres. */
export const EARTH_RADIUS_M = 6371008.8;

/** Degrees to radians as turf normalises them (modulo one turn, sign kept). */
const toRadians = (degrees: number) => ((degrees % 360) * Math.PI) / 180;
const toDegrees = (radians: number) => ((radians % (2 * Math.PI)) * 180) / Math.PI;

/**
 * Great-circle distance between two points (haversine), metres.
 *
 * @param from [lon, lat], WGS84 degrees
 * @param to [lon, lat], WGS84 degrees
 * @example
 * distanceMetres([121.41, 31.21], [121.42, 31.21]); // ≈ 951.7
 */
export function distanceMetres(from: LonLatIn, to: LonLatIn): number {
	const dLat = toRadians(to[1] - from[1]);
	const dLon = toRadians(to[0] - from[0]);
	const lat1 = toRadians(from[1]);
	const lat2 = toRadians(to[1]);
	const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * Math.cos(lat1) * Math.cos(lat2);
	return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_M;
}

/**
 * The point a distance away along a bearing (great circle).
 *
 * @param origin [lon, lat], WGS84 degrees
 * @param metres distance, metres
 * @param bearing degrees clockwise from north (−180…180 or 0…360)
 * @returns [lon, lat], degrees
 * @example
 * destinationPoint([121.41, 31.22], 1000, 0); // ≈ [121.41, 31.229]
 */
export function destinationPoint(origin: LonLatIn, metres: number, bearing: number): [number, number] {
	const longitude1 = toRadians(origin[0]);
	const latitude1 = toRadians(origin[1]);
	const bearingRad = toRadians(bearing);
	const radians = metres / EARTH_RADIUS_M;
	const latitude2 = Math.asin(Math.sin(latitude1) * Math.cos(radians) + Math.cos(latitude1) * Math.sin(radians) * Math.cos(bearingRad));
	const longitude2 =
		longitude1 + Math.atan2(Math.sin(bearingRad) * Math.sin(radians) * Math.cos(latitude1), Math.cos(radians) - Math.sin(latitude1) * Math.sin(latitude2));
	return [toDegrees(longitude2), toDegrees(latitude2)];
}

/**
 * A circle as a closed polygon ring of `steps` vertices, the first due north, then
 * counter-clockwise as turf draws it.
 *
 * @param centre [lon, lat], WGS84 degrees
 * @param metres radius, metres
 * @param steps vertices (default 64, as turf)
 * @example
 * circlePolygon([121.41, 31.22], 1000, 96).coordinates[0].length; // 97
 */
export function circlePolygon(centre: LonLatIn, metres: number, steps = 64): Polygon {
	const ring: Position[] = [];
	for (let i = 0; i < steps; i++) ring.push(destinationPoint(centre, metres, (i * -360) / steps));
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}
