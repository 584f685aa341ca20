/**
 * Straight-line walking circles: the distance a walk of N minutes covers, drawn as a circle, with
 * a label point on its northern edge. Shared by the measure tool, the life circle and the export.
 * Drawn with sphere.ts (turf's circle, without turf: the measure tool is part of the first view).
 */
import type { Feature, Point, Polygon } from 'geojson';
import { circlePolygon } from './sphere';
import { walkingDistance } from './walking';

export interface WalkingCircle {
	minutes: number;
	radiusM: number;
	disc: Feature<Polygon>;
	/** The circle's northernmost vertex, where its label sits. */
	labelAt: Point;
}

/**
 * One circle per limit, largest first (so smaller circles draw on top).
 *
 * @param centre [lon, lat], WGS84
 * @param minutes limits, minutes (1–60)
 * @param speedKmh walking speed, km/h (0.5–10)
 * @example
 * walkingCircles([121.41, 31.22], [15], 4)[0].radiusM; // 1000
 */
export function walkingCircles(centre: readonly [number, number], minutes: readonly number[], speedKmh: number): WalkingCircle[] {
	return [...minutes]
		.sort((a, b) => b - a)
		.map((m) => {
			const radiusM = walkingDistance(m, speedKmh);
			const disc: Feature<Polygon> = { type: 'Feature', geometry: circlePolygon(centre, radiusM, 96), properties: {} };
			const top = disc.geometry.coordinates[0].reduce((a, b) => (b[1] > a[1] ? b : a));
			return { minutes: m, radiusM, disc, labelAt: { type: 'Point', coordinates: top } };
		});
}
