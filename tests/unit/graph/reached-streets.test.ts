/**
 * The streets output: one feature per reached piece of non-zero length, on its edge, tagged with the
 * time to its farthest point and the smallest band that holds it whole.
 */
import { describe, it, expect } from 'vitest';
import { metresPerMinute } from '../../../src/lib/geo/walking';
import { BoundedDijkstra } from '../../../src/lib/graph/dijkstra';
import { originSeeds } from '../../../src/lib/graph/origin';
import { PieceBuffer, emptyPiece, pieceCost } from '../../../src/lib/graph/pieces';
import { mulberry32 } from '../../../src/lib/graph/random';
import { collectPieces } from '../../../src/lib/graph/reached-pieces';
import { reachedStreetFeatures } from '../../../src/lib/graph/reached-streets';
import { buildSnapIndex, snapToGraph } from '../../../src/lib/graph/snap';
import { buildSyntheticGraph } from '../../../src/lib/graph/street-graph';

describe('reachedStreetFeatures', () => {
	const graph = buildSyntheticGraph({ seed: 21, cols: 30, rows: 30, spacing: 90, dropRate: 0.2, diagonalRate: 0.2 });
	const index = buildSnapIndex(graph);
	const rand = mulberry32(5);

	it('tags every piece with its farthest time and the smallest band that holds it', () => {
		const bad: string[] = [];
		for (let q = 0; q < 10; q++) {
			const snap = snapToGraph(graph, index, graph.projection.toLonLat([(rand() - 0.5) * 2000, (rand() - 0.5) * 2000]), 1e6);
			if (!snap.ok) continue;
			const minutes = [3, 6, 10];
			const mpm = metresPerMinute(4);
			const limits = minutes.map((m) => m * mpm);
			const T = limits[2];
			const search = new BoundedDijkstra(graph);
			const seeds = originSeeds(snap);
			search.run(seeds.nodes, seeds.costs, T);
			const pieces = new PieceBuffer();
			collectPieces(graph, search, snap, T, pieces);
			const features = reachedStreetFeatures(graph, pieces, minutes, limits, mpm);
			const p = emptyPiece();
			let f = 0;
			for (let i = 0; i < pieces.count; i++) {
				pieces.read(i, p);
				if (!(p.s1 > p.s0)) continue;
				const feature = features[f++];
				let top = 0;
				for (let k = 0; k <= 200; k++) top = Math.max(top, pieceCost(p, p.s0 + ((p.s1 - p.s0) * k) / 200));
				const { minutes: mins, band } = feature.properties;
				if (Math.abs(mins * mpm - top) > 0.006 * mpm + (p.s1 - p.s0) / 400) bad.push(`piece ${i}: ${mins} min for a farthest point at ${top} m`);
				const b = minutes.indexOf(band);
				if (b < 0 || top > limits[b] + 1e-6 || (b > 0 && top < limits[b - 1] - (p.s1 - p.s0) / 400)) bad.push(`piece ${i}: band ${band} for ${top} m`);
				// the ends lie on the edge, s0 and s1 metres from u
				const [a, z] = feature.geometry.coordinates;
				const [ulon, ulat] = graph.nodeLonLat(p.u);
				const [vlon, vlat] = graph.nodeLonLat(p.v);
				for (const [pt, s] of [[a, p.s0], [z, p.s1]] as const) {
					const f2 = s / p.L;
					if (Math.hypot(pt[0] - (ulon + f2 * (vlon - ulon)), pt[1] - (ulat + f2 * (vlat - ulat))) > 1e-9) bad.push(`piece ${i}: end off its edge`);
				}
			}
			if (f !== features.length) bad.push(`${features.length} features for ${f} pieces`);
		}
		expect(bad.slice(0, 10)).toEqual([]);
	});
});
