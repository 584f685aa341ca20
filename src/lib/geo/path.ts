/**
 * The measure tool's straight path: leg lengths, running lengths and label points. Apart from
 * measure.ts (place areas, with turf) because the measure state is part of the first view.
 */
import type { LonLat } from './lonlat';
import { distanceMetres } from './sphere';

/**
 * The straight legs of a path: each leg's geodesic length (turf's distance on a spherical Earth,
 * from sphere.ts), the running length at each point and each leg's midpoint, where its label sits.
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
		const metres = distanceMetres(points[i - 1], points[i]);
		legs.push(metres);
		running.push(running[i - 1] + metres);
		// The lon/lat average: on a leg of a few kilometres it is the geodesic midpoint to a few
		// centimetres, and it spares the first view turf's midpoint (bearing, destination).
		midpoints.push([(points[i - 1][0] + points[i][0]) / 2, (points[i - 1][1] + points[i][1]) / 2]);
	}
	return { legs, running, midpoints };
}
