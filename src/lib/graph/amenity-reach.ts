/**
 * Walking costs from an isochrone's origin to many fixed points (amenities), on typed arrays.
 *
 * Each point is snapped once, like the origin is ({@link snapToGraph}): it sits on a street segment
 * at `s` metres from the segment's lower-id end, `off` metres away from it. After a search, its cost
 * is the cheaper way along that segment from either end (or straight along it, when the origin
 * snapped to the same segment), plus the off-street walk charged like the isochrone grid charges it
 * (distance × detour). So an amenity counts in a band when this cost is within the band's limit —
 * the same cost model the band polygons are contoured from, and one answer for "how many" and
 * "how far is the nearest".
 *
 * A point farther than the snapping radius from every street is never reached (Infinity).
 */
import { DEFAULT_MAX_SNAP_DISTANCE, snapToGraph, type SnapHit, type SnapIndex } from './snap';
import type { StreetGraph } from './street-graph';
import { FULL_NETWORK_WALK } from './off-street';


/** Snapped points, flat. Point k belongs to owner `owner[k]` (e.g. an amenity with several points). */
export interface SnappedPoints {
	graph: StreetGraph;
	/** Number of owners (amenities); owners are 0 … ownerCount − 1. */
	ownerCount: number;
	/** Per snapped point: its owner. Points that could not be snapped are left out. */
	owner: Uint32Array;
	/** Per snapped point: directed edge u → v (u < v) it lies on, its ends and the distance from u. */
	edge: Uint32Array;
	u: Uint32Array;
	v: Uint32Array;
	/** Per snapped point: position along u → v, 0…1 (the snap's `t`). */
	t: Float64Array;
	/** Per snapped point: t · L, metres from u (computed as the isochrone computes its origin's). */
	along: Float64Array;
	length: Float64Array;
	/** Per snapped point: straight-line distance from the point to the street, metres. */
	off: Float64Array;
}

/**
 * Snap points to the street graph, once (e.g. when the worker loads).
 *
 * @param graph the street graph
 * @param index its snapping index
 * @param points per owner, its points as [lon, lat] (a park outline may have many)
 * @param maxSnapDistance metres (default 250, the origin's radius); farther points are left out
 * @returns the snapped points, flat
 * @example
 * const snapped = snapPoints(graph, index, amenities.features.map((f) => [f.geometry.coordinates]));
 */
export function snapPoints(
	graph: StreetGraph,
	index: SnapIndex,
	points: readonly (readonly (readonly number[])[])[],
	maxSnapDistance: number = DEFAULT_MAX_SNAP_DISTANCE
): SnappedPoints {
	let total = 0;
	for (const list of points) total += list.length;
	const owner = new Uint32Array(total);
	const edge = new Uint32Array(total);
	const u = new Uint32Array(total);
	const v = new Uint32Array(total);
	const t = new Float64Array(total);
	const along = new Float64Array(total);
	const length = new Float64Array(total);
	const off = new Float64Array(total);
	let k = 0;
	points.forEach((list, o) => {
		for (const p of list) {
			const hit = snapToGraph(graph, index, p, maxSnapDistance);
			if (!hit.ok) continue;
			owner[k] = o;
			edge[k] = hit.edge;
			u[k] = hit.u;
			v[k] = hit.v;
			t[k] = hit.t;
			along[k] = hit.t * hit.edgeLength;
			length[k] = hit.edgeLength;
			off[k] = hit.distance;
			k++;
		}
	});
	return {
		graph,
		ownerCount: points.length,
		owner: owner.subarray(0, k),
		edge: edge.subarray(0, k),
		u: u.subarray(0, k),
		v: v.subarray(0, k),
		t: t.subarray(0, k),
		along: along.subarray(0, k),
		length: length.subarray(0, k),
		off: off.subarray(0, k)
	};
}

/** Per graph, a node-cost scratch kept all-Infinity between calls. */
const scratch = new WeakMap<StreetGraph, Float64Array>();

/**
 * Walking cost in metres from an isochrone's snapped origin to every owner (its cheapest point).
 *
 * @param snapped from {@link snapPoints}, for the same graph
 * @param origin the isochrone's snapped origin (`result.snapped`)
 * @param reached the isochrone's settled nodes and their costs (`result.reached`), metres
 * @param detour off-street cost factor (default the full-network setting, {@link FULL_NETWORK_WALK}); pass the isochrone's
 * @param out optional output, length ≥ ownerCount
 * @returns cost per owner in metres; Infinity where no point of it is reached. Costs above the
 *   search limit may appear (one end reached, the rest of the edge beyond); compare with the limit.
 * @example
 * const metres = pointCosts(snapped, iso.snapped, iso.reached);
 * const minutes = metres[i] / metresPerMinute(4);
 */
export function pointCosts(
	snapped: SnappedPoints,
	origin: Pick<SnapHit, 'edge' | 'u' | 'v' | 't' | 'edgeLength'>,
	reached: { nodes: Uint32Array; costs: Float64Array },
	detour: number = FULL_NETWORK_WALK.detour,
	out: Float64Array = new Float64Array(snapped.ownerCount)
): Float64Array {
	const { graph, owner, edge, u, v, along, length, off } = snapped;
	if (out.length < snapped.ownerCount) throw new Error('pointCosts: out is shorter than ownerCount');
	let cost = scratch.get(graph);
	if (!cost) {
		cost = new Float64Array(graph.nodeCount).fill(Infinity);
		scratch.set(graph, cost);
	}
	const { nodes, costs } = reached;
	for (let i = 0; i < nodes.length; i++) cost[nodes[i]] = costs[i];
	out.fill(Infinity, 0, snapped.ownerCount);
	// the origin's own segment (the same undirected segment has the same u < v and edge id)
	const oEdge = origin.edge;
	const oAlong = origin.t * origin.edgeLength;
	for (let k = 0, n = owner.length; k < n; k++) {
		const s = along[k];
		let c = cost[u[k]] + s;
		const c2 = cost[v[k]] + length[k] - s;
		if (c2 < c) c = c2;
		if (edge[k] === oEdge) {
			const c3 = s > oAlong ? s - oAlong : oAlong - s;
			if (c3 < c) c = c3;
		}
		c += detour * off[k];
		const o = owner[k];
		if (c < out[o]) out[o] = c;
	}
	for (let i = 0; i < nodes.length; i++) cost[nodes[i]] = Infinity;
	return out;
}
