/**
 * Scratch arrays for a one-off shortest-path search over a street graph (the measure tool's route,
 * "why not reachable"), kept per graph and reused across calls: a generation stamp marks which
 * entries belong to the current search, so nothing is cleared per query.
 */
import FlatQueue from 'flatqueue';
import type { StreetGraph } from './street-graph';

export interface SearchScratch {
	dist: Float64Array;
	/** Predecessor node on the best path so far; −1 for a search source. */
	pred: Int32Array;
	/** The edge pred → node of the best path (set by searches that need it). */
	predEdge: Int32Array;
	/** `stamp[n] === generation`: dist/pred/predEdge of n belong to the current search. */
	stamp: Uint32Array;
	generation: number;
	heap: FlatQueue<number>;
}

const scratches = new WeakMap<StreetGraph, SearchScratch>();

/** The graph's scratch, made on first use. One search at a time: a new search invalidates the last. */
export function searchScratch(graph: StreetGraph): SearchScratch {
	let s = scratches.get(graph);
	if (!s) {
		const n = graph.nodeCount;
		s = { dist: new Float64Array(n), pred: new Int32Array(n), predEdge: new Int32Array(n), stamp: new Uint32Array(n), generation: 0, heap: new FlatQueue<number>() };
		scratches.set(graph, s);
	}
	return s;
}

/** Start a search on the scratch: a fresh generation (stamps reset on wrap-around) and an empty heap. */
export function startSearch(s: SearchScratch): number {
	let gen = s.generation + 1;
	if (gen > 0xfffffffe) {
		s.stamp.fill(0);
		gen = 1;
	}
	s.generation = gen;
	s.heap.clear();
	return gen;
}
