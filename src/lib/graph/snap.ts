/**
 * Snapping a point to the nearest walkable street segment: a query visits rings of cells of the
 * {@link SnapIndex} around the point until no closer segment can exist.
 */
import type { SnapIndex } from './snap-index';
import type { StreetGraph } from './street-graph';

export { SnapIndex, buildSnapIndex } from './snap-index';

/** Default snapping radius, metres: a little over a Shanghai block side (community roads ≤ 200 m apart). */
export const DEFAULT_MAX_SNAP_DISTANCE = 250;

/** A successful snap: the origin lies on directed edge `edge` (u → v) at fraction `t`. */
export interface SnapHit {
	ok: true;
	/** Directed edge id (u → v, u < v). */
	edge: number;
	/** Source node of `edge`. */
	u: number;
	/** Target node of `edge`. */
	v: number;
	/** Position along u → v, 0…1. */
	t: number;
	/** The snapped point, [lon, lat]. */
	point: [number, number];
	/** Straight-line distance from the query point to the snapped point, metres. */
	distance: number;
	/** Length of the edge, metres. */
	edgeLength: number;
}

/** A failed snap: no walkable street close enough. */
export interface SnapMiss {
	ok: false;
	reason: 'no-walkable-street';
	/** Distance to the nearest street in metres (Infinity for a graph without streets). */
	nearestDistance: number;
	/** A sentence for the UI, e.g. "No walkable street within 250 m of this point". */
	message: string;
}

export type SnapResult = SnapHit | SnapMiss;

/**
 * Snap a point to the nearest walkable street segment.
 *
 * @param {StreetGraph} graph the street graph
 * @param {SnapIndex} index its snapping index (from {@link buildSnapIndex})
 * @param {[number, number]} lonLat the point, WGS84 [lon, lat]
 * @param {number} [maxDistanceMetres=250] give up beyond this straight-line distance
 * @returns {SnapResult} `{ ok: true, edge, u, v, t, point, distance }` or
 *   `{ ok: false, reason: 'no-walkable-street', nearestDistance, message }`
 * @throws {Error} if the point is not a finite lon/lat or the index belongs to another graph
 * @example
 * const hit = snapToGraph(graph, index, [121.4183, 31.2219]);
 * if (hit.ok) console.log(hit.edge, hit.t, hit.distance);
 * else console.log(hit.message); // "No walkable street within 250 m of this point"
 */
export function snapToGraph(
	graph: StreetGraph,
	index: SnapIndex,
	lonLat: readonly [number, number] | readonly number[],
	maxDistanceMetres: number = DEFAULT_MAX_SNAP_DISTANCE
): SnapResult {
	const lon = lonLat[0];
	const lat = lonLat[1];
	if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
		throw new Error(`snapToGraph: point must be a finite [lon, lat], got [${String(lonLat)}]`);
	}
	if (!(maxDistanceMetres >= 0)) {
		throw new Error(`snapToGraph: maxDistanceMetres must be ≥ 0, got ${maxDistanceMetres}`);
	}
	if (index.graph !== graph) throw new Error('snapToGraph: the index was built for another graph');
	const proj = graph.projection;
	const px = (lon - proj.refLon) * proj.metresPerDegreeLon;
	const py = (lat - proj.refLat) * proj.metresPerDegreeLat;
	const { cellSize, minX, minY, width, height, cellStart, items, segEdge, segU } = index;
	const { xy, targets } = graph;

	let best = Infinity;
	let bestSeg = -1;
	let bestT = 0;
	if (width > 0) {
		const cx = Math.floor((px - minX) / cellSize);
		const cy = Math.floor((py - minY) / cellSize);
		// first ring that can touch the grid, and the ring that covers all of it
		const r0 = Math.max(0, -cx, cx - (width - 1), -cy, cy - (height - 1));
		const rMax = Math.max(cx, width - 1 - cx, cy, height - 1 - cy);
		for (let r = Math.max(0, r0 - 1); r <= rMax; r++) {
			const yLo = Math.max(0, cy - r);
			const yHi = Math.min(height - 1, cy + r);
			for (let gy = yLo; gy <= yHi; gy++) {
				const edgeRow = gy === cy - r || gy === cy + r;
				const xLo = Math.max(0, cx - r);
				const xHi = Math.min(width - 1, cx + r);
				const step = edgeRow ? 1 : 2 * r;
				for (let gx = edgeRow ? xLo : cx - r; gx <= xHi; gx += step || 1) {
					if (gx < 0) continue;
					const c = gy * width + gx;
					for (let i = cellStart[c], end = cellStart[c + 1]; i < end; i++) {
						const k = items[i];
						const u = segU[k];
						const v = targets[segEdge[k]];
						const ax = xy[2 * u];
						const ay = xy[2 * u + 1];
						const dx = xy[2 * v] - ax;
						const dy = xy[2 * v + 1] - ay;
						const len2 = dx * dx + dy * dy;
						let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
						if (t < 0) t = 0;
						else if (t > 1) t = 1;
						const qx = ax + t * dx - px;
						const qy = ay + t * dy - py;
						const d2 = qx * qx + qy * qy;
						if (d2 < best) {
							best = d2;
							bestSeg = k;
							bestT = t;
						}
					}
					if (r === 0) break;
				}
			}
			// every cell of ring r + 1 is at least r · cellSize away
			if (bestSeg >= 0 && Math.sqrt(best) <= r * cellSize) break;
		}
	}
	const distance = Math.sqrt(best);
	if (bestSeg < 0 || distance > maxDistanceMetres) {
		const limit = Math.round(maxDistanceMetres);
		return {
			ok: false,
			reason: 'no-walkable-street',
			nearestDistance: distance,
			message:
				`No walkable street within ${limit} m of this point` +
				(Number.isFinite(distance) ? ` (the nearest is ${Math.round(distance)} m away)` : '')
		};
	}
	const edge = segEdge[bestSeg];
	const u = segU[bestSeg];
	const v = targets[edge];
	const ll = graph.lonLat;
	return {
		ok: true,
		edge,
		u,
		v,
		t: bestT,
		point: [ll[2 * u] + bestT * (ll[2 * v] - ll[2 * u]), ll[2 * u + 1] + bestT * (ll[2 * v + 1] - ll[2 * u + 1])],
		distance,
		edgeLength: graph.lengths[edge]
	};
}
