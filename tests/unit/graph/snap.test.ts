import { describe, it, expect } from 'vitest';
import { buildSnapIndex, snapToGraph } from '../../../src/lib/graph/snap';
import { mulberry32 } from '../../../src/lib/graph/random';
import { buildStreetGraph, buildSyntheticGraph } from '../../../src/lib/graph/street-graph';
import { referenceNearest } from './reference';

describe('snapToGraph', () => {
	const graph = buildSyntheticGraph({ seed: 8, cols: 30, rows: 30, spacing: 80 });
	const index = buildSnapIndex(graph);

	it('snaps a point on an edge onto that edge, strictly inside it', () => {
		const e = graph.offsets[200];
		const u = 200;
		const v = graph.targets[e];
		const [ulon, ulat] = graph.nodeLonLat(u);
		const [vlon, vlat] = graph.nodeLonLat(v);
		const p: [number, number] = [ulon + 0.3 * (vlon - ulon), ulat + 0.3 * (vlat - ulat)];
		const hit = snapToGraph(graph, index, p);
		expect(hit.ok).toBe(true);
		if (!hit.ok) return;
		expect(new Set([hit.u, hit.v])).toEqual(new Set([u, v]));
		expect(hit.t).toBeGreaterThan(0);
		expect(hit.t).toBeLessThan(1);
		expect(hit.t).toBeCloseTo(hit.u === u ? 0.3 : 0.7, 5);
		expect(hit.distance).toBeLessThan(0.01);
		expect(hit.point[0]).toBeCloseTo(p[0], 7);
		expect(hit.point[1]).toBeCloseTo(p[1], 7);
		expect(graph.targets[hit.edge]).toBe(hit.v);
		expect(graph.edgeSource(hit.edge)).toBe(hit.u);
	});

	it('finds the same nearest distance as a brute-force scan', () => {
		const rand = mulberry32(99);
		const proj = graph.projection;
		for (let i = 0; i < 300; i++) {
			// some points well outside the network too
			const x = (rand() - 0.5) * 30 * 80 * 1.4;
			const y = (rand() - 0.5) * 30 * 80 * 1.4;
			const hit = snapToGraph(graph, index, proj.toLonLat([x, y]), 1e9);
			expect(hit.ok).toBe(true);
			if (hit.ok) expect(hit.distance).toBeCloseTo(referenceNearest(graph, x, y), 3);
		}
	});

	it('fails clearly far from any walkable street', () => {
		const [x, y] = [5000, 5000];
		const miss = snapToGraph(graph, index, graph.projection.toLonLat([x, y]));
		expect(miss.ok).toBe(false);
		if (miss.ok) return;
		expect(miss.reason).toBe('no-walkable-street');
		expect(miss.message).toMatch(/^No walkable street within 250 m of this point/);
		expect(miss.nearestDistance).toBeCloseTo(referenceNearest(graph, x, y), 3);
		const near = snapToGraph(graph, index, graph.projection.toLonLat([x, y]), 100);
		expect(!near.ok && near.message.startsWith('No walkable street within 100 m of this point')).toBe(true);
	});

	it('fails on a graph without streets and rejects a bad point', () => {
		const empty = buildStreetGraph({ type: 'FeatureCollection', features: [] });
		const miss = snapToGraph(empty, buildSnapIndex(empty), [121.4, 31.2]);
		expect(miss).toMatchObject({ ok: false, reason: 'no-walkable-street', nearestDistance: Infinity });
		expect(() => snapToGraph(graph, index, [Number.NaN, 31])).toThrow(/finite \[lon, lat\]/);
		const other = buildSyntheticGraph({ seed: 1, cols: 3, rows: 3 });
		expect(() => snapToGraph(other, index, [121.4, 31.2])).toThrow(/another graph/);
	});
});
