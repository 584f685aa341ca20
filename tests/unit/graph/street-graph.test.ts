import { describe, it, expect } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import {
	GRAPH_FORMAT_VERSION,
	NO_WAY,
	StreetGraph,
	buildStreetGraph,
	buildSyntheticGraph,
	connectedComponents
} from '../../../src/lib/graph/street-graph';

const lines = (
	...items: { coords: number[][]; walkable?: boolean }[]
): FeatureCollection<LineString, { walkable: boolean }> => ({
	type: 'FeatureCollection',
	features: items.map(({ coords, walkable = true }) => ({
		type: 'Feature',
		properties: { walkable },
		geometry: { type: 'LineString', coordinates: coords }
	}))
});

describe('buildStreetGraph', () => {
	it('merges shared vertices, stores both directions and skips non-walkable streets', () => {
		const fc = lines(
			{ coords: [[121.41, 31.22], [121.411, 31.22], [121.412, 31.22]] },
			// crosses the first at its middle vertex (equal after rounding to 1e-7)
			{ coords: [[121.411, 31.219], [121.41100000001, 31.22], [121.411, 31.221]] },
			// an elevated road over the same point: not walkable, not in the graph
			{ coords: [[121.4105, 31.2195], [121.4115, 31.2205]], walkable: false }
		);
		const g = buildStreetGraph(fc);
		expect(g.nodeCount).toBe(5);
		expect(g.edgeCount).toBe(8);
		const centre = [...Array(g.nodeCount).keys()].find((n) => g.degree(n) === 4);
		expect(centre).toBeDefined();
		expect(g.nodeLonLat(centre!)).toEqual([121.411, 31.22]);
		// ≈ 95 m per 0.001° of longitude at 31.22°N
		const e = g.offsets[0];
		expect(g.lengths[e]).toBeGreaterThan(94);
		expect(g.lengths[e]).toBeLessThan(96);
		for (let n = 0; n < g.nodeCount; n++) {
			for (let k = g.offsets[n]; k < g.offsets[n + 1]; k++) {
				expect(g.edgeSource(k)).toBe(n);
				expect([0, 1]).toContain(g.edgeWay[k]);
			}
		}
	});

	it('drops zero-length segments and rejects invalid coordinates', () => {
		const g = buildStreetGraph(lines({ coords: [[121.41, 31.22], [121.41, 31.22], [121.411, 31.22]] }));
		expect(g.edgeCount).toBe(2);
		expect(() => buildStreetGraph(lines({ coords: [[121.41, 31.22], [Number.NaN, 31.22]] }))).toThrow(
			/feature 0 has an invalid coordinate/
		);
		expect(() => buildStreetGraph({ type: 'Feature' } as never)).toThrow(/FeatureCollection/);
	});
});

describe('StreetGraph buffer', () => {
	it('round-trips through toBuffer / fromBuffer', () => {
		const g = buildSyntheticGraph({ seed: 4, cols: 30, rows: 20 });
		const copy = g.toBuffer().slice(0);
		const h = StreetGraph.fromBuffer(copy);
		expect(h.nodeCount).toBe(g.nodeCount);
		expect(h.edgeCount).toBe(g.edgeCount);
		expect(h.refLon).toBe(g.refLon);
		expect(h.refLat).toBe(g.refLat);
		expect(h.lonLat).toEqual(g.lonLat);
		expect(h.xy).toEqual(g.xy);
		expect(h.offsets).toEqual(g.offsets);
		expect(h.targets).toEqual(g.targets);
		expect(h.lengths).toEqual(g.lengths);
		expect(h.edgeWay).toEqual(g.edgeWay);
		expect(h.edgeWay[0]).toBe(NO_WAY);
		// a Node Buffer / Uint8Array view at an odd offset is copied, not misread
		const bytes = new Uint8Array(copy.byteLength + 3);
		bytes.set(new Uint8Array(copy), 3);
		expect(StreetGraph.fromBuffer(bytes.subarray(3)).targets).toEqual(g.targets);
	});

	it('rejects a wrong magic, a wrong version and a truncated buffer with clear errors', () => {
		const g = buildSyntheticGraph({ seed: 5, cols: 5, rows: 5 });
		const wrongVersion = g.toBuffer().slice(0);
		new DataView(wrongVersion).setUint32(4, GRAPH_FORMAT_VERSION + 1, true);
		expect(() => StreetGraph.fromBuffer(wrongVersion)).toThrow(
			`StreetGraph: unsupported format version ${GRAPH_FORMAT_VERSION + 1} (this build reads version ${GRAPH_FORMAT_VERSION}); rebuild the graph file`
		);
		const wrongMagic = g.toBuffer().slice(0);
		new Uint8Array(wrongMagic).set([80, 75, 3, 4]); // a zip file
		expect(() => StreetGraph.fromBuffer(wrongMagic)).toThrow(/not a street graph buffer.*expected "CNSG"/);
		expect(() => StreetGraph.fromBuffer(g.toBuffer().slice(0, 100))).toThrow(/truncated or corrupt/);
		expect(() => StreetGraph.fromBuffer(new ArrayBuffer(8))).toThrow(/too short/);
	});
});

describe('buildSyntheticGraph', () => {
	it('is deterministic for a seed and different for another', () => {
		const a = buildSyntheticGraph({ seed: 9, cols: 12, rows: 12 });
		const b = buildSyntheticGraph({ seed: 9, cols: 12, rows: 12 });
		const c = buildSyntheticGraph({ seed: 10, cols: 12, rows: 12 });
		expect(a.targets).toEqual(b.targets);
		expect(a.lonLat).toEqual(b.lonLat);
		expect(a.lonLat).not.toEqual(c.lonLat);
	});

	it('gives ≈ 4·cols·rows·(1 − dropRate) directed edges, symmetric', () => {
		const g = buildSyntheticGraph({ seed: 1, cols: 100, rows: 100, dropRate: 0.1, diagonalRate: 0.05 });
		expect(g.edgeCount / (4 * 100 * 100 * 0.9)).toBeGreaterThan(0.97);
		expect(g.edgeCount / (4 * 100 * 100 * 0.9)).toBeLessThan(1.1);
		const pairs = new Map<string, number>();
		for (let u = 0; u < g.nodeCount; u++) {
			for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
				const v = g.targets[e];
				const key = u < v ? `${u},${v}` : `${v},${u}`;
				pairs.set(key, (pairs.get(key) ?? 0) + 1);
			}
		}
		for (const n of pairs.values()) expect(n).toBe(2);
	});

	it('finds islands as separate components', () => {
		const g = buildSyntheticGraph({ seed: 2, cols: 20, rows: 20, dropRate: 0.45 });
		const comp = connectedComponents(g);
		expect(Math.max(...comp)).toBeGreaterThan(0);
		for (let u = 0; u < g.nodeCount; u++) {
			for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) expect(comp[g.targets[e]]).toBe(comp[u]);
		}
	});

	it('validates its options', () => {
		expect(() => buildSyntheticGraph({ seed: 1, cols: 1, rows: 5 })).toThrow(/cols and rows/);
		expect(() => buildSyntheticGraph({ seed: 1, cols: 5, rows: 5, jitter: 0.9 })).toThrow(/jitter/);
	});
});
