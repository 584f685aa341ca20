/**
 * Trace outlines and lines along a road network: give the corners (street junctions) and the edges
 * between them follow the shortest path on the roads, so a polygon whose boundary is a street lies on
 * that street instead of on a hand-drawn approximation of it.
 *
 * Pure: no DOM, no map; used by the data build (scripts/geodata/places.ts) and by the tests.
 */
import FlatQueue from 'flatqueue';
import type { Position } from 'geojson';
import { metresPerDegree } from './projection';

/**
 * A road network as a graph: every distinct vertex of the input lines is a node (vertices are keyed by
 * their exact coordinates, so lines that share an end point are connected there and nowhere else);
 * consecutive vertices of a line are joined by an undirected edge.
 */
export interface RoadGraph {
	/** Node coordinates, lon/lat interleaved: node i is at (coords[2i], coords[2i+1]). */
	coords: Float64Array;
	/** CSR offsets: the edges of node i are offsets[i] … offsets[i+1]-1. */
	offsets: Uint32Array;
	/** Edge targets. */
	targets: Uint32Array;
	/** Edge lengths in metres. */
	lengths: Float64Array;
	nodeCount: number;
}

/** Metres between two lon/lat points (local equirectangular; fine at city scale). */
export function distanceMetres(a: Position, b: Position): number {
	const [kx, ky] = metresPerDegree((a[1] + b[1]) / 2);
	return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * ky);
}

/**
 * Build the graph of a set of road lines.
 *
 * @param {Position[][]} lines the roads' coordinates (lon/lat, WGS84); each needs ≥ 2 positions
 * @returns {RoadGraph}
 * @throws {Error} if a line has fewer than two positions or a non-finite coordinate
 * @example
 * const g = buildRoadGraph([[[121.41, 31.21], [121.42, 31.21]]]);
 * g.nodeCount; // 2
 */
export function buildRoadGraph(lines: readonly (readonly Position[])[]): RoadGraph {
	const index = new Map<string, number>();
	const xs: number[] = [];
	const pairs: [number, number][] = [];
	const nodeOf = (p: Position): number => {
		if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
			throw new Error(`buildRoadGraph: non-finite coordinate ${String(p)}`);
		}
		const key = `${p[0]},${p[1]}`;
		let id = index.get(key);
		if (id === undefined) {
			id = xs.length / 2;
			index.set(key, id);
			xs.push(p[0], p[1]);
		}
		return id;
	};
	lines.forEach((line, i) => {
		if (line.length < 2) throw new Error(`buildRoadGraph: line ${i} has ${line.length} position(s), needs 2`);
		let prev = nodeOf(line[0]);
		for (let k = 1; k < line.length; k++) {
			const next = nodeOf(line[k]);
			if (next !== prev) pairs.push([prev, next]);
			prev = next;
		}
	});
	const n = xs.length / 2;
	const coords = Float64Array.from(xs);
	const degree = new Uint32Array(n + 1);
	for (const [a, b] of pairs) {
		degree[a]++;
		degree[b]++;
	}
	const offsets = new Uint32Array(n + 1);
	for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + degree[i];
	const fill = offsets.slice(0, n);
	const targets = new Uint32Array(offsets[n]);
	const lengths = new Float64Array(offsets[n]);
	for (const [a, b] of pairs) {
		const d = distanceMetres([coords[2 * a], coords[2 * a + 1]], [coords[2 * b], coords[2 * b + 1]]);
		targets[fill[a]] = b;
		lengths[fill[a]++] = d;
		targets[fill[b]] = a;
		lengths[fill[b]++] = d;
	}
	return { coords, offsets, targets, lengths, nodeCount: n };
}

/** The position of a node. */
export function nodePosition(graph: RoadGraph, node: number): Position {
	return [graph.coords[2 * node], graph.coords[2 * node + 1]];
}

/**
 * The node nearest to a point (brute force: the graphs here have a few thousand nodes).
 *
 * @returns {{ node: number; metres: number }} node id and its distance from `p`
 * @throws {Error} if the graph is empty
 */
export function nearestNode(graph: RoadGraph, p: Position): { node: number; metres: number } {
	if (graph.nodeCount === 0) throw new Error('nearestNode: the graph has no nodes');
	let best = 0;
	let bestD = Infinity;
	for (let i = 0; i < graph.nodeCount; i++) {
		const d = distanceMetres(p, [graph.coords[2 * i], graph.coords[2 * i + 1]]);
		if (d < bestD) {
			bestD = d;
			best = i;
		}
	}
	return { node: best, metres: bestD };
}

/**
 * Shortest path between two nodes (Dijkstra on edge length).
 *
 * @returns {number[] | null} the node ids from `from` to `to` inclusive, or null if unreachable
 */
export function shortestPath(graph: RoadGraph, from: number, to: number): number[] | null {
	const { offsets, targets, lengths, nodeCount } = graph;
	if (from < 0 || from >= nodeCount || to < 0 || to >= nodeCount) {
		throw new Error(`shortestPath: node out of range (${from} → ${to}, ${nodeCount} nodes)`);
	}
	const dist = new Float64Array(nodeCount).fill(Infinity);
	const prev = new Int32Array(nodeCount).fill(-1);
	const queue = new FlatQueue<number>();
	dist[from] = 0;
	queue.push(from, 0);
	while (queue.length > 0) {
		const d = queue.peekValue() ?? 0;
		const u = queue.pop() as number;
		if (d > dist[u]) continue; // stale entry (lazy deletion)
		if (u === to) break;
		for (let e = offsets[u]; e < offsets[u + 1]; e++) {
			const v = targets[e];
			const nd = d + lengths[e];
			if (nd < dist[v]) {
				dist[v] = nd;
				prev[v] = u;
				queue.push(v, nd);
			}
		}
	}
	if (dist[to] === Infinity) return null;
	const path = [to];
	while (path[path.length - 1] !== from) path.push(prev[path[path.length - 1]]);
	return path.reverse();
}

export interface TraceOptions {
	/** Close the result into a ring (last corner back to the first). Default false. */
	closed?: boolean;
	/** Refuse a corner farther than this from the nearest road node, metres. Default 60. */
	maxSnapMetres?: number;
}

export interface TraceResult {
	/** The traced positions (a closed ring repeats its first position at the end). */
	coordinates: Position[];
	/** Index in `coordinates` of each snapped corner. */
	cornerIndex: number[];
	/** The road node each corner snapped to, and how far it moved, metres. */
	snapped: { node: number; metres: number }[];
}

/**
 * Follow the road network through a list of corners: each corner snaps to its nearest road node, and
 * consecutive corners are joined by the shortest path between them. Put an extra corner (a waypoint) on
 * an edge when the shortest path would leave the intended street.
 *
 * @param {RoadGraph} graph from {@link buildRoadGraph}
 * @param {Position[]} corners ≥ 2 junction positions, lon/lat (≥ 3 when `closed`)
 * @param {TraceOptions} [options] closed (default false), maxSnapMetres (default 60)
 * @returns {TraceResult}
 * @throws {Error} if a corner is farther than maxSnapMetres from the roads, or two corners are not connected
 * @example
 * const { coordinates } = traceCorners(graph, [[121.4126, 31.2103], [121.4114, 31.2198]]);
 */
export function traceCorners(graph: RoadGraph, corners: readonly Position[], options: TraceOptions = {}): TraceResult {
	const closed = options.closed ?? false;
	const maxSnap = options.maxSnapMetres ?? 60;
	if (corners.length < (closed ? 3 : 2)) {
		throw new Error(`traceCorners: needs at least ${closed ? 3 : 2} corners, got ${corners.length}`);
	}
	const snapped = corners.map((c, i) => {
		const s = nearestNode(graph, c);
		if (s.metres > maxSnap) {
			throw new Error(`traceCorners: corner ${i} (${c.join(', ')}) is ${s.metres.toFixed(0)} m from the roads (max ${maxSnap})`);
		}
		return s;
	});
	const stops = closed ? [...snapped, snapped[0]] : snapped;
	const nodes: number[] = [stops[0].node];
	const cornerIndex = [0];
	for (let i = 1; i < stops.length; i++) {
		const path = shortestPath(graph, stops[i - 1].node, stops[i].node);
		if (!path) throw new Error(`traceCorners: corners ${i - 1} and ${i % corners.length} are not connected by roads`);
		nodes.push(...path.slice(1));
		cornerIndex.push(nodes.length - 1);
	}
	if (closed) cornerIndex.pop(); // the closing position is corner 0 again
	return { coordinates: nodes.map((n) => nodePosition(graph, n)), cornerIndex, snapped };
}
