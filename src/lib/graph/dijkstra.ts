/**
 * Bounded single-query Dijkstra over a {@link StreetGraph}, on preallocated typed arrays.
 *
 * A `BoundedDijkstra` owns its scratch: `dist` (Float64Array, one per node), a generation stamp per
 * node and a priority queue (mourner/flatqueue: lazy deletion instead of decrease-key, a node is
 * pushed again when a shorter path is found and stale entries are skipped when popped; its arrays
 * grow on demand and are kept across searches). A new search bumps the generation instead of clearing `dist`, so a
 * search costs O(reached · log reached), not O(nodeCount): a 15-minute walk touches a few thousand
 * nodes whether the graph has ten thousand or a million.
 */
import FlatQueue from 'flatqueue';
import type { StreetGraph } from './street-graph';

/**
 * Reusable bounded shortest-path search on one graph. Not re-entrant: results are views into the
 * scratch and are valid until the next `run`.
 *
 * @example
 * const search = new BoundedDijkstra(graph);
 * const n = search.run([u, v], [12.5, 30.1], 1000); // sources, their start costs, limit in metres
 * for (let i = 0; i < n; i++) console.log(search.order[i], search.cost(search.order[i]));
 */
export class BoundedDijkstra {
	readonly graph: StreetGraph;
	/** Cost in metres per node; valid only where `stamp[node] === generation`. */
	readonly dist: Float64Array;
	/** Generation in which `dist[node]` was written. */
	readonly stamp: Uint32Array;
	/** Settled nodes of the last run in order of increasing cost; the first `count` are valid. */
	readonly order: Uint32Array;
	/** Number of nodes settled by the last run. */
	count = 0;
	/** Cost limit of the last run, metres. */
	maxCost = 0;
	/** Generation of the last run. */
	generation = 0;
	private readonly heap = new FlatQueue<number>();

	constructor(graph: StreetGraph) {
		this.graph = graph;
		this.dist = new Float64Array(graph.nodeCount);
		this.stamp = new Uint32Array(graph.nodeCount);
		this.order = new Uint32Array(graph.nodeCount);
	}

	/**
	 * Run a multi-source search: every node whose network distance from a source (plus that source's
	 * start cost) is ≤ `maxCost` is settled, in order of cost; nothing beyond is touched.
	 *
	 * @param {ArrayLike<number>} sources source node ids
	 * @param {ArrayLike<number>} startCosts cost of each source in metres (e.g. the partial edge
	 *   from a snapped origin), same length as `sources`
	 * @param {number} maxCost cost limit in metres (≥ 0)
	 * @param {Uint8Array | null} [avoid=null] per directed edge, non-zero = never walked (a walking
	 *   profile's streets to avoid, graph/street-kinds.ts); null walks every edge
	 * @returns {number} the number of settled nodes (`this.count`)
	 * @throws {Error} on mismatched sources / costs, a bad node id or a negative limit
	 */
	run(sources: ArrayLike<number>, startCosts: ArrayLike<number>, maxCost: number, avoid: Uint8Array | null = null): number {
		if (sources.length !== startCosts.length) {
			throw new Error('BoundedDijkstra.run: sources and startCosts must have the same length');
		}
		if (!(maxCost >= 0)) throw new Error(`BoundedDijkstra.run: maxCost must be ≥ 0, got ${maxCost}`);
		if (avoid !== null && avoid.length !== this.graph.edgeCount) {
			throw new Error(`BoundedDijkstra.run: avoid has ${avoid.length} entries, the graph ${this.graph.edgeCount} edges`);
		}
		const { dist, stamp, order, heap } = this;
		const { offsets, targets, lengths, nodeCount } = this.graph;
		let gen = this.generation + 1;
		if (gen > 0xfffffffe) {
			stamp.fill(0);
			gen = 1;
		}
		this.generation = gen;
		this.maxCost = maxCost;
		heap.clear();
		for (let i = 0; i < sources.length; i++) {
			const s = sources[i];
			const c = startCosts[i];
			if (!(s >= 0 && s < nodeCount) || s !== Math.floor(s)) {
				throw new Error(`BoundedDijkstra.run: source ${s} is not a node of the graph`);
			}
			if (!(c >= 0)) throw new Error(`BoundedDijkstra.run: start cost ${c} must be ≥ 0`);
			if (c > maxCost) continue;
			if (stamp[s] === gen && dist[s] <= c) continue;
			stamp[s] = gen;
			dist[s] = c;
			heap.push(s, c);
		}
		let count = 0;
		while (heap.length > 0) {
			const d = heap.peekValue() as number;
			const u = heap.pop() as number;
			if (d > dist[u]) continue; // stale entry
			// With lengths ≥ 0 a node settles once; settling more than nodeCount times means a
			// negative length (a cycle would never end). fromBuffer rejects those; this bounds the rest.
			if (count === nodeCount) {
				throw new Error('BoundedDijkstra.run: a node settled twice: the graph has a negative edge length');
			}
			order[count++] = u;
			for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
				if (avoid !== null && avoid[e] !== 0) continue;
				const v = targets[e];
				const nd = d + lengths[e];
				// prune at the limit: nothing beyond maxCost ever enters the heap
				if (nd > maxCost) continue;
				if (stamp[v] !== gen) {
					stamp[v] = gen;
					dist[v] = nd;
					heap.push(v, nd);
				} else if (nd < dist[v]) {
					dist[v] = nd;
					heap.push(v, nd);
				}
			}
		}
		this.count = count;
		return count;
	}

	/**
	 * Cost of a node in the last run, metres; Infinity if it was not reached within the limit.
	 *
	 * @param {number} node node id
	 * @returns {number} cost in metres or Infinity
	 */
	cost(node: number): number {
		return this.stamp[node] === this.generation ? this.dist[node] : Infinity;
	}

	/**
	 * Copy the last run's node costs into a fresh Float64Array of length nodeCount
	 * (Infinity = unreached). O(nodeCount): for tests and tools, not for the hot path.
	 */
	costs(): Float64Array {
		const out = new Float64Array(this.graph.nodeCount).fill(Infinity);
		for (let i = 0; i < this.count; i++) {
			const n = this.order[i];
			out[n] = this.dist[n];
		}
		return out;
	}
}

/**
 * One-shot bounded Dijkstra (allocates its scratch; use {@link BoundedDijkstra} for repeated queries).
 *
 * @param {StreetGraph} graph the street graph
 * @param {ArrayLike<number>} sources source node ids
 * @param {ArrayLike<number>} startCosts start cost of each source, metres
 * @param {number} maxCost cost limit, metres
 * @returns {Float64Array} cost per node in metres, Infinity where unreached
 * @example
 * const cost = shortestPathCosts(graph, [0], [0], 1000);
 */
export function shortestPathCosts(
	graph: StreetGraph,
	sources: ArrayLike<number>,
	startCosts: ArrayLike<number>,
	maxCost: number
): Float64Array {
	const search = new BoundedDijkstra(graph);
	search.run(sources, startCosts, maxCost);
	return search.costs();
}
