import { describe, it, expect } from 'vitest';
import { BoundedDijkstra, shortestPathCosts } from '../../../src/lib/graph/dijkstra';
import { mulberry32, randomInt } from '../../../src/lib/graph/random';
import { buildSyntheticGraph } from '../../../src/lib/graph/street-graph';
import { adjacency, referenceDijkstra } from './reference';

describe('BoundedDijkstra', () => {
	it('equals a brute-force Dijkstra on 40 seeded random graphs', () => {
		const rand = mulberry32(2024);
		for (let seed = 1; seed <= 40; seed++) {
			const cols = 5 + randomInt(rand, 15);
			const rows = 5 + randomInt(rand, 15);
			const graph = buildSyntheticGraph({ seed, cols, rows, dropRate: rand() * 0.4, diagonalRate: rand() * 0.2 });
			const adj = adjacency(graph);
			const search = new BoundedDijkstra(graph); // reused across queries: exercises the generation stamp
			for (let q = 0; q < 3; q++) {
				const sources = [randomInt(rand, graph.nodeCount), randomInt(rand, graph.nodeCount)];
				const start = [rand() * 50, rand() * 50];
				const maxCost = 100 + rand() * 800;
				const expected = referenceDijkstra(adj, graph.nodeCount, sources, start, maxCost);
				const count = search.run(sources, start, maxCost);
				expect(count).toBe(expected.filter((d) => d < Infinity).length);
				for (let n = 0; n < graph.nodeCount; n++) {
					const got = search.cost(n);
					if (expected[n] === Infinity) expect(got, `seed ${seed} node ${n}`).toBe(Infinity);
					else expect(got, `seed ${seed} node ${n}`).toBeCloseTo(expected[n], 6);
				}
				// settle order is by cost
				for (let i = 1; i < count; i++) {
					expect(search.dist[search.order[i]]).toBeGreaterThanOrEqual(search.dist[search.order[i - 1]]);
				}
			}
		}
	});

	it('never settles anything beyond the limit and handles sources beyond it', () => {
		const graph = buildSyntheticGraph({ seed: 3, cols: 10, rows: 10 });
		const costs = shortestPathCosts(graph, [0, 5], [0, 5000], 300);
		expect(costs[5] === Infinity || costs[5] <= 300).toBe(true);
		for (const c of costs) expect(c === Infinity || c <= 300).toBe(true);
		expect(costs[0]).toBe(0);
	});

	it('rejects bad sources and limits', () => {
		const graph = buildSyntheticGraph({ seed: 3, cols: 4, rows: 4 });
		const search = new BoundedDijkstra(graph);
		expect(() => search.run([99], [0], 10)).toThrow(/source 99 is not a node/);
		expect(() => search.run([0], [0, 1], 10)).toThrow(/same length/);
		expect(() => search.run([0], [0], -1)).toThrow(/maxCost must be ≥ 0/);
	});
});
