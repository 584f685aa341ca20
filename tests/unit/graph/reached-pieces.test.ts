/**
 * Reached-piece collection against a brute-force Dijkstra: on every street segment, the pieces
 * cover exactly the points within the limit, each point once, and carry the true end costs.
 */
import { describe, it, expect } from 'vitest';
import { BoundedDijkstra } from '../../../src/lib/graph/dijkstra';
import { originSeeds } from '../../../src/lib/graph/origin';
import { PieceBuffer, emptyPiece, pieceCost } from '../../../src/lib/graph/pieces';
import { mulberry32, randomInt } from '../../../src/lib/graph/random';
import { collectPieces } from '../../../src/lib/graph/reached-pieces';
import { buildSnapIndex, snapToGraph } from '../../../src/lib/graph/snap';
import { buildSyntheticGraph } from '../../../src/lib/graph/street-graph';
import { adjacency, referenceDijkstra } from './reference';

/** Equal costs, Infinity included, up to float rounding. */
const same = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9;

describe('collectPieces', () => {
	const rand = mulberry32(7);
	for (let g = 0; g < 12; g++) {
		const spacing = g % 3 === 2 ? 200 + rand() * 200 : 40 + rand() * 60;
		const graph = buildSyntheticGraph({ seed: 500 + g, cols: 6 + randomInt(rand, 10), rows: 6 + randomInt(rand, 10), spacing, dropRate: rand() * 0.4, diagonalRate: rand() * 0.3 });
		it(`graph ${g}: ${graph.nodeCount} nodes, ${Math.round(spacing)} m spacing`, () => {
			const index = buildSnapIndex(graph);
			const adj = adjacency(graph);
			const search = new BoundedDijkstra(graph);
			const pieces = new PieceBuffer(4);
			const bad: string[] = [];
			for (let q = 0; q < 5; q++) {
				const node = randomInt(rand, graph.nodeCount);
				const origin = graph.projection.toLonLat([graph.xy[2 * node] + (rand() - 0.5) * 50, graph.xy[2 * node + 1] + (rand() - 0.5) * 50]);
				const snap = snapToGraph(graph, index, origin, 1e6);
				if (!snap.ok) continue;
				const T = 50 + rand() * 600;
				const seeds = originSeeds(snap);
				search.run(seeds.nodes, seeds.costs, T);
				const box = collectPieces(graph, search, snap, T, pieces);
				const ref = referenceDijkstra(adj, graph.nodeCount, seeds.nodes, seeds.costs, T);

				// group the pieces by undirected segment, in the segment's own direction (low → high id)
				const bySegment = new Map<string, [number, number][]>();
				const p = emptyPiece();
				for (let i = 0; i < pieces.count; i++) {
					pieces.read(i, p);
					if (!same(p.du, ref[p.u]) || !same(p.dv, ref[p.v])) bad.push(`piece ${i}: end costs ${p.du}/${p.dv}, reference ${ref[p.u]}/${ref[p.v]}`);
					for (const s of [p.s0, p.s1]) {
						if (pieceCost(p, s) > T + 1e-6) bad.push(`piece ${i}: cost ${pieceCost(p, s)} > ${T} at ${s}`);
						const x = graph.xy[2 * p.u] + ((graph.xy[2 * p.v] - graph.xy[2 * p.u]) * s) / p.L;
						const y = graph.xy[2 * p.u + 1] + ((graph.xy[2 * p.v + 1] - graph.xy[2 * p.u + 1]) * s) / p.L;
						if (x < box.minX - 1e-6 || x > box.maxX + 1e-6 || y < box.minY - 1e-6 || y > box.maxY + 1e-6) bad.push(`piece ${i} outside the box`);
					}
					const flip = p.u > p.v;
					const key = flip ? `${p.v}-${p.u}` : `${p.u}-${p.v}`;
					const list = bySegment.get(key) ?? [];
					list.push(flip ? [p.L - p.s1, p.L - p.s0] : [p.s0, p.s1]);
					bySegment.set(key, list);
				}
				// every segment: covered exactly where its true cost is below T, never twice
				for (let u = 0; u < graph.nodeCount; u++) {
					for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
						const v = graph.targets[e];
						const L = graph.lengths[e];
						if (v < u || !(L > 0)) continue;
						const onOrigin = e === snap.edge;
						const list = bySegment.get(`${u}-${v}`) ?? [];
						for (let k = 0; k <= 50; k++) {
							const s = (L * k) / 50;
							let cost = Math.min(ref[u] + s, ref[v] + L - s);
							if (onOrigin) cost = Math.min(cost, Math.abs(s - seeds.sT));
							const hits = list.filter(([a, b]) => s >= a - 1e-9 && s <= b + 1e-9).length;
							if (Math.abs(cost - T) < 1e-6) continue;
							if (cost < T && hits === 0) bad.push(`segment ${u}-${v} at ${s.toFixed(2)} (cost ${cost}) not covered`);
							if (cost > T && hits > 0) bad.push(`segment ${u}-${v} at ${s.toFixed(2)} (cost ${cost}) covered beyond ${T}`);
							// the two stretches of a segment reached from both ends may touch, not overlap
							if (hits > 1 && list.filter(([a, b]) => s > a + 1e-9 && s < b - 1e-9).length > 1) bad.push(`segment ${u}-${v} at ${s} covered twice`);
						}
					}
				}
			}
			expect(bad.slice(0, 10)).toEqual([]);
		});
	}
});
