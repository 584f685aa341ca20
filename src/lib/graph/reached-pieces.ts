/**
 * Reached-piece collection: after the bounded search, every street stretch within the limit T,
 * partial edges clipped where the walk runs out, each street segment once.
 */
import type { BoundedDijkstra } from './dijkstra';
import { reverseTwin, snappedEdgeStretches } from './origin';
import type { PieceBuffer } from './pieces';
import type { SnapHit } from './snap';
import type { StreetGraph } from './street-graph';

/** A bounding box in the graph's projection metres. */
export interface MetreBox {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** Grow `box` by the stretch [s0, s1] of the segment u → v (length L). */
function growBox(box: MetreBox, xy: Float32Array, u: number, v: number, L: number, s0: number, s1: number): void {
	const ux = xy[2 * u];
	const uy = xy[2 * u + 1];
	const dx = (xy[2 * v] - ux) / L;
	const dy = (xy[2 * v + 1] - uy) / L;
	const x0 = ux + dx * s0;
	const y0 = uy + dy * s0;
	const x1 = ux + dx * s1;
	const y1 = uy + dy * s1;
	if (x0 < box.minX) box.minX = x0;
	if (x0 > box.maxX) box.maxX = x0;
	if (y0 < box.minY) box.minY = y0;
	if (y0 > box.maxY) box.maxY = y0;
	if (x1 < box.minX) box.minX = x1;
	if (x1 > box.maxX) box.maxX = x1;
	if (y1 < box.minY) box.minY = y1;
	if (y1 > box.maxY) box.maxY = y1;
}

/**
 * Collect the reached pieces of the last search into `out` (cleared first).
 *
 * The snapped edge gives its {@link snappedEdgeStretches}; its reverse twin is skipped. Every other
 * edge out of a settled node u gives [0, T − du] from u and, when v is settled too, [L − (T − dv), L]
 * from v, merged into one piece when they meet. A segment with both ends settled is taken from its
 * lower-id end only. Zero-length edges give nothing (a zero-length snapped edge gives its point to
 * the box).
 *
 * @param {StreetGraph} graph the graph searched
 * @param {BoundedDijkstra} search the finished search (from both ends of the snapped edge)
 * @param {SnapHit} snap the snapped origin
 * @param {number} T the search limit, metres
 * @param {PieceBuffer} out receives the pieces
 * @param {Uint8Array | null} [avoid=null] per directed edge, non-zero = not walked (as given to the
 *   search); such an edge gives no piece, except the snapped one (the walk starts on it)
 * @returns {MetreBox} bounding box of every piece (and of the origin), metres
 */
export function collectPieces(
	graph: StreetGraph,
	search: BoundedDijkstra,
	snap: SnapHit,
	T: number,
	out: PieceBuffer,
	avoid: Uint8Array | null = null
): MetreBox {
	const { dist, stamp, order, generation: gen, count } = search;
	const { offsets, targets, lengths, xy } = graph;
	const box: MetreBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
	out.clear();

	const L0 = snap.edgeLength;
	const sT = snap.t * L0;
	{
		const { u, v } = snap;
		const du = search.cost(u);
		const dv = search.cost(v);
		if (L0 > 0) {
			for (const [a0, a1] of snappedEdgeStretches(L0, sT, du, dv, T)) {
				out.push(u, v, L0, du, dv, sT, a0, a1);
				growBox(box, xy, u, v, L0, a0, a1);
			}
		} else {
			box.minX = box.maxX = xy[2 * u];
			box.minY = box.maxY = xy[2 * u + 1];
		}
	}

	const twin = reverseTwin(graph, snap);
	for (let i = 0; i < count; i++) {
		const u = order[i];
		const du = dist[u];
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			if (e === snap.edge || e === twin) continue;
			if (avoid !== null && avoid[e] !== 0) continue;
			const v = targets[e];
			const vReached = stamp[v] === gen;
			// each street segment once: from its lower-id end when both ends are reached
			if (vReached && v < u) continue;
			const L = lengths[e];
			if (!(L > 0)) continue;
			const dv = vReached ? dist[v] : Infinity;
			const a1 = T - du; // reached from u up to here
			const b0 = L - (T - dv); // reached from v from here
			if (a1 >= b0 || a1 >= L) {
				out.push(u, v, L, du, dv, NaN, 0, L);
				growBox(box, xy, u, v, L, 0, L);
			} else {
				out.push(u, v, L, du, dv, NaN, 0, a1);
				growBox(box, xy, u, v, L, 0, a1);
				if (vReached) {
					out.push(u, v, L, du, dv, NaN, b0, L);
					growBox(box, xy, u, v, L, b0, L);
				}
			}
		}
	}
	return box;
}
