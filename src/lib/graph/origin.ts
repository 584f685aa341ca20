/**
 * The origin on the network: where the search starts, and what of its own edge it reaches.
 *
 * The origin snaps onto a point of a street segment (snap.ts) and splits it: the search starts from
 * both ends of that edge, each at the along-edge distance from the snapped point. Cost is 0 at the
 * snapped point itself (the straight walk from the clicked point to the street is reported, not
 * charged).
 */
import type { SnapHit } from './snap';
import type { StreetGraph } from './street-graph';

/** Search sources of a snapped origin: both ends of its edge, at their along-edge distances. */
export interface OriginSeeds {
	/** [u, v] of the snapped edge. */
	nodes: [number, number];
	/** Start cost of each, metres: [t · L, (1 − t) · L]. */
	costs: [number, number];
	/** Position of the origin along the edge, metres from u. */
	sT: number;
	/** Length of the snapped edge, metres. */
	L: number;
}

/**
 * The start of the search from a snapped origin.
 *
 * @param {SnapHit} snap the snapped origin
 * @returns {OriginSeeds} sources and their start costs for `BoundedDijkstra.run`
 */
export function originSeeds(snap: SnapHit): OriginSeeds {
	const L = snap.edgeLength;
	const sT = snap.t * L;
	return { nodes: [snap.u, snap.v], costs: [sT, L - sT], sT, L };
}

/**
 * The reached stretches of the snapped edge itself: reached around the origin and from either end,
 * i.e. the union of [sT − T, sT + T], [0, T − du] and [L − (T − dv), L], clipped to [0, L], as
 * sorted disjoint intervals.
 *
 * @param {number} L edge length, metres (> 0)
 * @param {number} sT the origin, metres from u
 * @param {number} du network cost of u (Infinity if unreached)
 * @param {number} dv network cost of v (Infinity if unreached)
 * @param {number} T the search limit, metres
 * @returns {[number, number][]} the stretches, ascending and non-overlapping
 */
export function snappedEdgeStretches(L: number, sT: number, du: number, dv: number, T: number): [number, number][] {
	const iv: [number, number][] = [[Math.max(0, sT - T), Math.min(L, sT + T)]];
	if (du <= T) iv.push([0, Math.min(L, T - du)]);
	if (dv <= T) iv.push([Math.max(0, L - (T - dv)), L]);
	iv.sort((a, b) => a[0] - b[0]);
	const out: [number, number][] = [];
	let [a0, a1] = iv[0];
	for (let k = 1; k <= iv.length; k++) {
		if (k < iv.length && iv[k][0] <= a1) {
			a1 = Math.max(a1, iv[k][1]);
			continue;
		}
		out.push([a0, a1]);
		if (k < iv.length) [a0, a1] = iv[k];
	}
	return out;
}

/**
 * The reverse twin v → u of the snapped edge (same length), which the piece collection must skip:
 * the snapped edge's stretches already cover that street segment.
 *
 * @param {StreetGraph} graph the graph
 * @param {SnapHit} snap the snapped origin
 * @returns {number} the twin's edge id, or −1 if there is none
 */
export function reverseTwin(graph: StreetGraph, snap: SnapHit): number {
	const { offsets, targets, lengths } = graph;
	for (let e = offsets[snap.v], end = offsets[snap.v + 1]; e < end; e++) {
		if (targets[e] === snap.u && lengths[e] === snap.edgeLength) return e;
	}
	return -1;
}
