/**
 * Plane geometry for the conflation, in a local metric projection: a few metres of error over the
 * district's 12 km, which is far below the 25–200 m the sources are good to.
 */
import type { Position } from 'geojson';

/** Metres east and north of the projection's centre. */
export type XY = [number, number];

export interface Projection {
	xy(p: Position): XY;
}

/** An equirectangular projection around (lon0, lat0). */
export function projection(lat0: number, lon0: number): Projection {
	const metresPerDegreeLon = 111320 * Math.cos((lat0 * Math.PI) / 180);
	const metresPerDegreeLat = 110540;
	return { xy: (p) => [(p[0] - lon0) * metresPerDegreeLon, (p[1] - lat0) * metresPerDegreeLat] };
}

/** Direction in degrees, 0–360, of the vector a→b. */
export const bearing = (a: XY, b: XY) => ((Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI + 360) % 360;

/** Difference of two undirected directions, 0–90. */
export function axisDiff(a: number, b: number): number {
	const d = Math.abs(a - b) % 180;
	return d > 90 ? 180 - d : d;
}

/**
 * How far a walk turns when it arrives along one edge end and leaves along another, 0–180 degrees:
 * 0 when the two ends point straight away from each other (the street goes on), 180 for a U-turn.
 * Both directions are taken pointing away from the shared node.
 */
export const deflection = (outA: number, outB: number) => 180 - Math.abs(((outA - outB + 540) % 360) - 180);

export function polylineLength(xy: XY[]): number {
	let s = 0;
	for (let i = 1; i < xy.length; i++) s += Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
	return s;
}

/** Points every `step` m along a polyline with the direction of their segment. */
export function samples(xy: XY[], step: number): { p: XY; dir: number }[] {
	const out: { p: XY; dir: number }[] = [];
	const len = polylineLength(xy);
	const n = Math.max(2, Math.ceil(len / step));
	let seg = 1;
	let acc = 0;
	for (let k = 0; k <= n; k++) {
		const target = Math.min(len, ((k + 0.5) / (n + 1)) * len);
		while (seg < xy.length - 1 && acc + Math.hypot(xy[seg][0] - xy[seg - 1][0], xy[seg][1] - xy[seg - 1][1]) < target) {
			acc += Math.hypot(xy[seg][0] - xy[seg - 1][0], xy[seg][1] - xy[seg - 1][1]);
			seg++;
		}
		const a = xy[seg - 1];
		const b = xy[seg];
		const l = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
		const t = Math.max(0, Math.min(1, (target - acc) / l));
		out.push({ p: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], dir: bearing(a, b) });
	}
	return out;
}

/** The point `d` m along the polyline from its start (for end bearings). */
export function pointAlong(xy: XY[], d: number): XY {
	let acc = 0;
	for (let i = 1; i < xy.length; i++) {
		const l = Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
		if (acc + l >= d) {
			const t = l === 0 ? 0 : (d - acc) / l;
			return [xy[i - 1][0] + (xy[i][0] - xy[i - 1][0]) * t, xy[i - 1][1] + (xy[i][1] - xy[i - 1][1]) * t];
		}
		acc += l;
	}
	return xy[xy.length - 1];
}

export function pointSegDist(p: XY, a: XY, b: XY): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const l2 = dx * dx + dy * dy;
	const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
	return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Bounding box [minX, minY, maxX, maxY] of projected points, grown by `margin` on every side. */
export function boxOf(xy: XY[], margin = 0): [number, number, number, number] {
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of xy) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
	return [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
}
