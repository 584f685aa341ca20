/**
 * Deliberately naive reference implementations (object adjacency, O(n²) selection) that the typed-array
 * code is checked against.
 */
import type { StreetGraph } from '../../../src/lib/graph/street-graph';

export type Adjacency = Map<number, { to: number; len: number }[]>;

export function adjacency(graph: StreetGraph): Adjacency {
	const adj: Adjacency = new Map();
	for (let u = 0; u < graph.nodeCount; u++) {
		const list: { to: number; len: number }[] = [];
		for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) list.push({ to: graph.targets[e], len: graph.lengths[e] });
		adj.set(u, list);
	}
	return adj;
}

/** Textbook Dijkstra with a linear scan for the minimum; Infinity beyond maxCost. */
export function referenceDijkstra(
	adj: Adjacency,
	nodeCount: number,
	sources: number[],
	startCosts: number[],
	maxCost: number
): number[] {
	const dist = new Array<number>(nodeCount).fill(Infinity);
	const done = new Array<boolean>(nodeCount).fill(false);
	sources.forEach((s, i) => {
		dist[s] = Math.min(dist[s], startCosts[i]);
	});
	for (;;) {
		let best = -1;
		for (let i = 0; i < nodeCount; i++) if (!done[i] && dist[i] < Infinity && (best < 0 || dist[i] < dist[best])) best = i;
		if (best < 0) break;
		done[best] = true;
		for (const { to, len } of adj.get(best) ?? []) if (dist[best] + len < dist[to]) dist[to] = dist[best] + len;
	}
	return dist.map((d) => (d <= maxCost ? d : Infinity));
}

/** Nearest point on any segment by brute force, metres in the graph's projection. */
export function referenceNearest(graph: StreetGraph, x: number, y: number): number {
	let best = Infinity;
	for (let u = 0; u < graph.nodeCount; u++) {
		for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
			const v = graph.targets[e];
			const ax = graph.xy[2 * u];
			const ay = graph.xy[2 * u + 1];
			const dx = graph.xy[2 * v] - ax;
			const dy = graph.xy[2 * v + 1] - ay;
			const l2 = dx * dx + dy * dy;
			const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2)) : 0;
			best = Math.min(best, Math.hypot(ax + t * dx - x, ay + t * dy - y));
		}
	}
	return best;
}
