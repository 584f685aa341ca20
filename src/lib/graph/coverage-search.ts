/**
 * The planner's walk: from EVERY amenity of a category at once, the walking cost to the nearest one
 * for every node of the network, and which amenity that is (a multi-source Dijkstra with a label).
 *
 * Each amenity point is a source exactly as an isochrone origin is (origin.ts): it snaps onto a
 * street segment and the walk starts from both ends of that segment at their along-edge distances,
 * cost 0 at the snapped point; its own walk from the door to the street is not charged. So the
 * coverage of one amenity IS that amenity's isochrone, and the coverage of a category is, node by
 * node, the minimum over its amenities' isochrones (tests/unit/coverage.test.ts checks both).
 *
 * Along an edge the cost is a 1-D nearest-point distance: with the ends' costs du, dv and the
 * sources snapped onto the edge itself at s_k, cost(s) = min(du + s, dv + L − s, |s − s_k|) =
 * min over p ∈ {−du, s_k…, L + dv} of |s − p|. {@link edgeCostPoints} lists those p with their
 * amenity, which is all the surface, the streets, the figures and the point query need.
 */
import FlatQueue from 'flatqueue';
import { snapPoints, type SnappedPoints } from './amenity-reach';
import { DEFAULT_MAX_SNAP_DISTANCE, type SnapIndex } from './snap';
import type { StreetGraph } from './street-graph';

/**
 * Amenity points snapped to the network, flat: point k belongs to amenity `owner[k]`; points with no
 * street within the snapping radius are left out. The same snapping as the checklist's amenities.
 */
export type CoverageSources = SnappedPoints;

/**
 * Snap amenity points to the network once (e.g. when the worker loads), like an isochrone origin.
 *
 * @param {StreetGraph} graph the street graph
 * @param {SnapIndex} index its snapping index
 * @param {readonly (readonly (readonly number[])[])[]} points per amenity, its points [lon, lat]
 *   (a park outline may have many)
 * @param {number} [maxSnapDistance=250] metres, the isochrone origin's radius; farther points are left out
 * @returns {CoverageSources} the snapped points
 * @example
 * const sources = snapSources(graph, index, stops.map((f) => [f.geometry.coordinates]));
 */
export function snapSources(
	graph: StreetGraph,
	index: SnapIndex,
	points: readonly (readonly (readonly number[])[])[],
	maxSnapDistance: number = DEFAULT_MAX_SNAP_DISTANCE
): CoverageSources {
	return snapPoints(graph, index, points, maxSnapDistance);
}

/** The result of the multi-source walk: per node, the cost to the nearest source and which it is. */
export interface CoverageField {
	sources: CoverageSources;
	/** Metres to the nearest source per node; Infinity where none is reachable. */
	dist: Float64Array;
	/** Per node, the snapped point (index into `sources`) it is nearest to; −1 where unreachable. */
	nearest: Int32Array;
	/** Per directed edge id that has sources on it: their point indices, sorted by `along`. */
	onEdge: Map<number, number[]>;
}

/**
 * Multi-source Dijkstra from every snapped point (unbounded: every node gets its nearest source).
 * Ties keep the source that got there first, so the labels are deterministic.
 *
 * @param {CoverageSources} sources from {@link snapSources}
 * @param {number} [maxCost=Infinity] stop at this cost, metres (nodes beyond stay Infinity / −1)
 * @returns {CoverageField} costs, labels and the sources on each edge
 * @example
 * const field = coverageField(sources);
 * field.dist[node] / metresPerMinute(4); // minutes to the nearest
 */
export function coverageField(sources: CoverageSources, maxCost = Infinity): CoverageField {
	const { graph, u: su, v: sv, along, edge } = sources;
	const { offsets, targets, lengths, nodeCount } = graph;
	if (!(maxCost >= 0)) throw new Error(`coverageField: maxCost must be ≥ 0, got ${maxCost}`);
	const dist = new Float64Array(nodeCount).fill(Infinity);
	const nearest = new Int32Array(nodeCount).fill(-1);
	const heap = new FlatQueue<number>();
	const onEdge = new Map<number, number[]>();
	const seed = (node: number, cost: number, k: number): void => {
		if (cost > maxCost || cost >= dist[node]) return;
		dist[node] = cost;
		nearest[node] = k;
		heap.push(node, cost);
	};
	for (let k = 0; k < su.length; k++) {
		const L = edgeLength(graph, edge[k]);
		seed(su[k], along[k], k);
		seed(sv[k], L - along[k], k);
		const list = onEdge.get(edge[k]);
		if (list) list.push(k);
		else onEdge.set(edge[k], [k]);
	}
	for (const list of onEdge.values()) list.sort((a, b) => along[a] - along[b] || a - b);
	const done = new Uint8Array(nodeCount);
	while (heap.length > 0) {
		const d = heap.peekValue() as number;
		const x = heap.pop() as number;
		if (done[x] !== 0 || d > dist[x]) continue;
		done[x] = 1;
		const label = nearest[x];
		for (let e = offsets[x], end = offsets[x + 1]; e < end; e++) {
			const y = targets[e];
			const nd = d + lengths[e];
			if (nd > maxCost || nd >= dist[y]) continue;
			dist[y] = nd;
			nearest[y] = label;
			heap.push(y, nd);
		}
	}
	return { sources, dist, nearest, onEdge };
}

/** Length of edge `e`, metres (as the snap reports it: the graph's float32 length). */
function edgeLength(graph: StreetGraph, e: number): number {
	return graph.lengths[e];
}

/**
 * The cost points of an edge u → v (u < v, length L): cost(s) = min |s − p| over them. Written into
 * `pos` (metres from u, ascending) and `who` (snapped point index, −1 for none); returns how many.
 * An end with no source reachable gives no point.
 */
export function edgeCostPoints(
	field: CoverageField,
	e: number,
	u: number,
	v: number,
	L: number,
	pos: number[],
	who: number[]
): number {
	const { dist, nearest, onEdge, sources } = field;
	let n = 0;
	if (dist[u] < Infinity) {
		pos[n] = -dist[u];
		who[n++] = nearest[u];
	}
	const list = onEdge.get(e);
	if (list) {
		for (const k of list) {
			pos[n] = sources.along[k];
			who[n++] = k;
		}
	}
	if (dist[v] < Infinity) {
		pos[n] = L + dist[v];
		who[n++] = nearest[v];
	}
	return n;
}
