/**
 * The shortest walk between two points along the streets: both points snap to the nearest walkable
 * segment (as the isochrone's origin does, snap.ts), a point-to-point Dijkstra runs from the two ends
 * of the first point's segment to the two ends of the second's, and the path is read back through
 * predecessors. The walk from each clicked point to its street is counted as the straight line it is
 * drawn as (no detour factor: the route is a line on the map, and its length is that line's).
 *
 * Plain Dijkstra with an early stop, not A*: edge lengths are float32 and may be a few centimetres
 * shorter than their chords (graph-check.ts allows it), so a straight-line heuristic is not
 * admissible, and an exact answer is what the tests compare against the reference.
 */
import { DEFAULT_MAX_SNAP_DISTANCE, snapToGraph, type SnapHit, type SnapIndex, type SnapMiss, type SnapResult } from './snap';
import type { StreetGraph } from './street-graph';
import { searchScratch, startSearch } from './search-scratch';

/** A walk along the streets from one point to another. */
export interface RouteFound {
	ok: true;
	/**
	 * The walk as a polyline, [lon, lat]: the first point, where it meets the street, every street
	 * node passed, where the street leaves for the second point, the second point (consecutive
	 * repeats left out, e.g. when a point lies on its street).
	 */
	coordinates: [number, number][];
	/** Length of the whole walk, metres: `offStreetMetres[0] + streetMetres + offStreetMetres[1]`. */
	metres: number;
	/** Length along the streets, metres (from snapped point to snapped point). */
	streetMetres: number;
	/** Straight walks from the first point to its street and from the street to the second point, metres. */
	offStreetMetres: [number, number];
	/** Street nodes passed, in order; consecutive nodes are joined by an edge. Empty when both points snap to the same segment and the walk stays on it. */
	nodes: number[];
	/** Where each point met the streets. */
	from: SnapHit;
	to: SnapHit;
}

/** One of the points (or both) has no walkable street within the snapping radius. */
export interface RouteNoStreet {
	ok: false;
	reason: 'no-walkable-street';
	/** Which points missed: 'from', 'to' or 'both'. */
	end: 'from' | 'to' | 'both';
	from: SnapResult;
	to: SnapResult;
	/** English, for logs and tests; the UI words it from `from` / `to`. */
	message: string;
}

/** Both points are on streets, but no street connects them (different components of the network). */
export interface RouteNoPath {
	ok: false;
	reason: 'no-route';
	from: SnapHit;
	to: SnapHit;
	message: string;
}

export type RouteResult = RouteFound | RouteNoStreet | RouteNoPath;

export interface RouteOptions {
	/** Snapping radius for both points, metres (default {@link DEFAULT_MAX_SNAP_DISTANCE}, the isochrone's). */
	maxSnapDistance?: number;
}


/**
 * The shortest walk between two points along the street graph.
 *
 * @param {StreetGraph} graph the street graph
 * @param {SnapIndex} index its snapping index ({@link buildSnapIndex})
 * @param {[number, number]} from the first point, WGS84 [lon, lat]
 * @param {[number, number]} to the second point, WGS84 [lon, lat]
 * @param {RouteOptions} [options] `maxSnapDistance` in metres (default 250)
 * @returns {RouteResult} `{ ok: true, coordinates, metres, streetMetres, offStreetMetres, nodes, from, to }`,
 *   or `{ ok: false, reason: 'no-walkable-street', end }` when a point is too far from every street,
 *   or `{ ok: false, reason: 'no-route' }` when their streets do not connect
 * @throws {Error} if a point is not a finite lon/lat or the index belongs to another graph
 * @example
 * const route = shortestRoute(graph, index, [121.41, 31.21], [121.42, 31.215]);
 * if (route.ok) console.log(route.metres, route.coordinates.length);
 */
export function shortestRoute(
	graph: StreetGraph,
	index: SnapIndex,
	from: readonly [number, number] | readonly number[],
	to: readonly [number, number] | readonly number[],
	options: RouteOptions = {}
): RouteResult {
	const radius = options.maxSnapDistance ?? DEFAULT_MAX_SNAP_DISTANCE;
	const a = snapToGraph(graph, index, from, radius);
	const b = snapToGraph(graph, index, to, radius);
	if (!a.ok || !b.ok) {
		const end = !a.ok && !b.ok ? 'both' : !a.ok ? 'from' : 'to';
		const miss = (!a.ok ? a : b) as SnapMiss;
		return { ok: false, reason: 'no-walkable-street', end, from: a, to: b, message: `${end === 'to' ? 'The second point' : 'The first point'}: ${miss.message}` };
	}

	const s = searchScratch(graph);
	const { dist, pred, stamp, heap } = s;
	const { offsets, targets, lengths } = graph;
	const gen = startSearch(s);

	// The walk may stay on one segment when both points snapped to it.
	let best = a.edge === b.edge ? Math.abs(a.t - b.t) * a.edgeLength : Infinity;
	/** The node the best walk leaves the streets at; −1 for the walk along one segment. */
	let bestEnd = -1;
	const seed = (node: number, cost: number): void => {
		if (stamp[node] === gen && dist[node] <= cost) return;
		stamp[node] = gen;
		dist[node] = cost;
		pred[node] = -1;
		heap.push(node, cost);
	};
	seed(a.u, a.t * a.edgeLength);
	seed(a.v, (1 - a.t) * a.edgeLength);
	// The two ends of the second point's segment, and what is left to walk from each.
	const endU = b.u;
	const endV = b.v;
	const restU = b.t * b.edgeLength;
	const restV = (1 - b.t) * b.edgeLength;

	while (heap.length > 0) {
		const d = heap.peekValue() as number;
		const u = heap.pop() as number;
		if (d > dist[u]) continue; // stale entry
		// Every later node costs at least d, and what is left to walk is ≥ 0: nothing can beat `best`.
		if (d >= best) break;
		if (u === endU && d + restU < best) {
			best = d + restU;
			bestEnd = u;
		}
		if (u === endV && d + restV < best) {
			best = d + restV;
			bestEnd = u;
		}
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			const v = targets[e];
			const nd = d + lengths[e];
			if (nd >= best) continue;
			if (stamp[v] !== gen || nd < dist[v]) {
				stamp[v] = gen;
				dist[v] = nd;
				pred[v] = u;
				heap.push(v, nd);
			}
		}
	}

	if (best === Infinity) {
		return { ok: false, reason: 'no-route', from: a, to: b, message: 'No walking route between these points: their streets are not connected' };
	}

	const nodes: number[] = [];
	for (let n = bestEnd; n !== -1; n = pred[n]) nodes.push(n);
	nodes.reverse();

	const ll = graph.lonLat;
	const coordinates: [number, number][] = [];
	const push = (lon: number, lat: number): void => {
		const last = coordinates[coordinates.length - 1];
		if (!last || last[0] !== lon || last[1] !== lat) coordinates.push([lon, lat]);
	};
	push(from[0], from[1]);
	push(a.point[0], a.point[1]);
	for (const n of nodes) push(ll[2 * n], ll[2 * n + 1]);
	push(b.point[0], b.point[1]);
	push(to[0], to[1]);

	return {
		ok: true,
		coordinates,
		metres: a.distance + best + b.distance,
		streetMetres: best,
		offStreetMetres: [a.distance, b.distance],
		nodes,
		from: a,
		to: b
	};
}
