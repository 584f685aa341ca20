/**
 * Corrupt street-graph buffers: every one is rejected by StreetGraph.fromBuffer with one clear
 * message, or loads as a graph that passes an independent invariant check and can be searched.
 * Nothing may hang: each case is a synchronous call under the test's deadline.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
	NO_WAY,
	StreetGraph,
	buildStreetGraph,
	buildSyntheticGraph
} from '../../src/lib/graph/street-graph';
import { buildSnapIndex } from '../../src/lib/graph/snap';
import { BoundedDijkstra } from '../../src/lib/graph/dijkstra';
import { computeIsochrone } from '../../src/lib/graph/isochrone';
import { mulberry32, randomInt } from '../../src/lib/graph/random';

const real = buildStreetGraph(JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')));
const bytes = new Uint8Array(real.toBuffer().slice(0));
const n = real.nodeCount;
const m = real.edgeCount;

// The section layout, restated from the format table in graph-layout.ts rather than imported.
const align8 = (x: number): number => Math.ceil(x / 8) * 8;
const S = (() => {
	const lonLat = 48;
	const xy = align8(lonLat + 16 * n);
	const offsets = align8(xy + 8 * n);
	const targets = align8(offsets + 4 * (n + 1));
	const lengths = align8(targets + 4 * m);
	const edgeWay = align8(lengths + 4 * m);
	return { lonLat, xy, offsets, targets, lengths, edgeWay, end: align8(edgeWay + 4 * m) };
})();

/** What a loaded graph must satisfy, checked by brute force. */
function invariantProblem(g: StreetGraph): string | null {
	if (g.lonLat.length !== 2 * g.nodeCount || g.offsets.length !== g.nodeCount + 1) return 'array sizes';
	if (g.targets.length !== g.edgeCount || g.lengths.length !== g.edgeCount) return 'edge array sizes';
	for (let i = 0; i < g.nodeCount; i++) {
		const [lon, lat] = g.nodeLonLat(i);
		if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return `node ${i} lon/lat`;
		if (!Number.isFinite(g.xy[2 * i]) || !Number.isFinite(g.xy[2 * i + 1])) return `node ${i} xy`;
		if (!(g.offsets[i] <= g.offsets[i + 1])) return `offsets at ${i}`;
	}
	if (g.offsets[0] !== 0 || g.offsets[g.nodeCount] !== g.edgeCount) return 'offset span';
	for (let e = 0; e < g.edgeCount; e++) {
		if (!(g.targets[e] < g.nodeCount)) return `target ${e}`;
		if (!(Number.isFinite(g.lengths[e]) && g.lengths[e] >= 0)) return `length ${e}`;
		if (g.edgeWay[e] !== NO_WAY && !(g.edgeWay[e] < g.wayCount)) return `way ${e}`;
	}
	return null;
}

const CLEAR =
	/^StreetGraph: (buffer is (corrupt|truncated or corrupt)|not a street graph buffer|unsupported format version|buffer of \d+ bytes is too short)/;

/** Load; on failure, check the message is one clear sentence. Returns the graph or the message. */
function load(buffer: Uint8Array): StreetGraph | string {
	try {
		return StreetGraph.fromBuffer(buffer.slice());
	} catch (error) {
		expect(error).toBeInstanceOf(Error);
		const message = (error as Error).message;
		expect((error as Error).constructor, message).toBe(Error); // not a RangeError from a view
		expect(message).toMatch(CLEAR);
		expect(message).not.toMatch(/undefined|is not a function|Invalid typed array/);
		expect(message).not.toContain('\n');
		return message;
	}
}

/** A loaded graph must be searchable to completion: snap, Dijkstra, bands. */
function exercise(g: StreetGraph): void {
	expect(invariantProblem(g)).toBeNull();
	if (g.nodeCount === 0) return;
	const index = buildSnapIndex(g);
	const result = computeIsochrone(g, index, { origin: g.nodeLonLat(0), minutes: [5], includeStreets: false });
	if (result.ok) expect(result.bands.features).toHaveLength(1);
}

function withFloat64(at: number, value: number): Uint8Array {
	const b = bytes.slice();
	new DataView(b.buffer).setFloat64(at, value, true);
	return b;
}
function withFloat32(at: number, value: number): Uint8Array {
	const b = bytes.slice();
	new DataView(b.buffer).setFloat32(at, value, true);
	return b;
}
function withUint32(at: number, value: number): Uint8Array {
	const b = bytes.slice();
	new DataView(b.buffer).setUint32(at, value, true);
	return b;
}

describe('StreetGraph.fromBuffer on corrupt buffers', () => {
	it('loads the real graph built from geodata/streets.geojson', () => {
		expect(S.end).toBe(bytes.byteLength);
		const g = load(bytes);
		expect(typeof g).not.toBe('string');
		exercise(g as StreetGraph);
	});

	it('names each class of corruption', () => {
		const cases: [string, Uint8Array, RegExp | string][] = [
			['NaN longitude', withFloat64(S.lonLat + 16 * 17, NaN), 'node 17 has a non-finite coordinate'],
			['Infinity latitude', withFloat64(S.lonLat + 16 * 3 + 8, Infinity), 'node 3 has a non-finite coordinate'],
			['longitude 200', withFloat64(S.lonLat + 16 * 5, 200), 'node 5 has an out-of-range coordinate'],
			['NaN metre x', withFloat32(S.xy + 8 * 9, NaN), 'node 9 has a non-finite metre coordinate'],
			['metre y off by 1 km', withFloat32(S.xy + 8 * 9 + 4, real.xy[19] + 1000), /node 9 has metre coordinates .* do not match its lon\/lat/],
			['offsets not monotone', withUint32(S.offsets + 4 * 4, 0), /edge offsets are not monotone at node 3 \(\d+ then 0\)/],
			['offsets past the edges', withUint32(S.offsets + 4 * 4, 0xfffffff0), 'edge offsets are not monotone at node 4'],
			['offsets not starting at 0', withUint32(S.offsets, 1), 'edge offsets start at 1, not 0'],
			['offsets not ending at m', withUint32(S.offsets + 4 * n, m - 1), `edge offsets end at ${m - 1}, but there are ${m} edges`],
			['target out of range', withUint32(S.targets + 4 * 12, 9999), `target 9999 of edge 12 is out of range (${n} nodes)`],
			['NaN length', withFloat32(S.lengths + 4 * 7, NaN), 'edge 7 has a non-finite length (NaN)'],
			['Infinity length', withFloat32(S.lengths + 4 * 7, Infinity), 'edge 7 has a non-finite length (Infinity)'],
			['negative length', withFloat32(S.lengths + 4 * 7, -3), 'edge 7 has a negative length (-3 m)'],
			['length shorter than the chord', withFloat32(S.lengths + 4 * 7, 0), /edge 7 \(node \d+ → \d+\) is 0 m long, shorter than/],
			['source feature out of range', withUint32(S.edgeWay + 4 * 2, real.wayCount), `edge 2 comes from source feature ${real.wayCount}`],
			['NaN projection reference', withFloat64(24, NaN), 'projection reference [NaN'],
			['flags set', withUint32(20, 1), 'header flags are 1'],
			['reserved field set', withUint32(44, 7), 'reserved header field is 7'],
			['header byte length too small', withUint32(40, 1234), `it is ${bytes.byteLength} bytes but its header says 1234`],
			['node count wrong', withUint32(8, n + 1), `its header says ${n + 1} nodes and ${m} edges, which need`],
			['edge count huge', withUint32(12, 0xffffffff), 'more than 32-bit indices allow'],
			['node count near 2³¹', withUint32(8, 0x7fffffff), 'which need'],
			['truncated', bytes.slice(0, 1000), `it is 1000 bytes but its header says ${bytes.byteLength}`],
			['trailing bytes', new Uint8Array([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]), `it is ${bytes.byteLength + 8} bytes but its header says ${bytes.byteLength}`],
			['empty', new Uint8Array(0), 'buffer of 0 bytes is too short'],
			['a zip file', new Uint8Array([80, 75, 3, 4, ...bytes.slice(4)]), 'not a street graph buffer'],
			['version 2', withUint32(4, 2), 'unsupported format version 2']
		];
		for (const [what, buffer, expected] of cases) {
			const result = load(buffer);
			expect(typeof result, what).toBe('string');
			if (typeof expected === 'string') expect(result, what).toContain(expected);
			else expect(result, what).toMatch(expected);
		}
	});

	it('names the file when given a name', () => {
		expect(() => StreetGraph.fromBuffer(withFloat64(S.lonLat + 16 * 17, NaN), 'streets.graph.bin')).toThrow(
			/^streets\.graph\.bin: buffer is corrupt: node 17 has a non-finite coordinate/
		);
	});

	it('rejects every truncation', { timeout: 30_000 }, () => {
		const rand = mulberry32(8);
		const cuts = new Set<number>();
		for (let k = 0; k <= 256; k++) cuts.add(k);
		for (const s of Object.values(S)) for (let d = -9; d <= 9; d++) if (s + d >= 0 && s + d < bytes.length) cuts.add(s + d);
		for (let k = 0; k < 400; k++) cuts.add(randomInt(rand, bytes.length));
		for (const cut of cuts) expect(typeof load(bytes.slice(0, cut)), `cut at ${cut}`).toBe('string');
	});

	it('either rejects or safely loads random byte flips', { timeout: 60_000 }, () => {
		const rand = mulberry32(88);
		let loaded = 0;
		let rejected = 0;
		for (let k = 0; k < 1500; k++) {
			const b = bytes.slice();
			const flips = 1 + randomInt(rand, 8);
			for (let f = 0; f < flips; f++) b[randomInt(rand, b.length)] ^= 1 << randomInt(rand, 8);
			const result = load(b);
			if (typeof result === 'string') rejected++;
			else {
				loaded++;
				// searching only some keeps the run short; the invariant check runs on all
				if (loaded % 10 === 0) exercise(result);
				else expect(invariantProblem(result)).toBeNull();
			}
		}
		expect(loaded + rejected).toBe(1500);
		expect(rejected).toBeGreaterThan(0);
	});

	it('either rejects or safely loads NaN, ±Infinity, negative and huge values in every section', { timeout: 60_000 }, () => {
		const rand = mulberry32(888);
		const floats = [NaN, Infinity, -Infinity, -1, -0, 1e30, 3.4e38, 1e-40, 0];
		const ints = [0, 1, n - 1, n, m, m + 1, 0x7fffffff, 0xfffffffe, 0xffffffff];
		const sections: [number, number, 'f64' | 'f32' | 'u32'][] = [
			[S.lonLat, 2 * n, 'f64'],
			[S.xy, 2 * n, 'f32'],
			[S.offsets, n + 1, 'u32'],
			[S.targets, m, 'u32'],
			[S.lengths, m, 'f32'],
			[S.edgeWay, m, 'u32']
		];
		let rejected = 0;
		for (const [start, count, kind] of sections) {
			for (let k = 0; k < 60; k++) {
				const b = bytes.slice();
				const view = new DataView(b.buffer);
				const i = randomInt(rand, count);
				if (kind === 'f64') view.setFloat64(start + 8 * i, floats[k % floats.length], true);
				else if (kind === 'f32') view.setFloat32(start + 4 * i, floats[k % floats.length], true);
				else view.setUint32(start + 4 * i, ints[k % ints.length], true);
				const result = load(b);
				if (typeof result === 'string') rejected++;
				else exercise(result);
			}
		}
		// the header's numbers too
		for (const at of [8, 12, 16, 20, 40, 44]) {
			for (const v of ints) {
				const result = load(withUint32(at, v));
				if (typeof result !== 'string') exercise(result);
			}
		}
		for (const at of [24, 32]) {
			for (const v of floats) {
				const result = load(withFloat64(at, v));
				if (typeof result !== 'string') exercise(result);
			}
		}
		expect(rejected).toBeGreaterThan(100);
	});

	it('loads an empty graph', () => {
		const empty = buildStreetGraph({ type: 'FeatureCollection', features: [] });
		const g = load(new Uint8Array(empty.toBuffer().slice(0)));
		expect(typeof g).not.toBe('string');
		expect((g as StreetGraph).nodeCount).toBe(0);
	});
});

describe('the engine on graphs that bypass fromBuffer', () => {
	it('Dijkstra stops with an error on a negative length instead of cycling forever', { timeout: 10_000 }, () => {
		const g = buildSyntheticGraph({ seed: 3, cols: 6, rows: 6, dropRate: 0 });
		g.lengths.fill(-1);
		expect(() => new BoundedDijkstra(g).run([0], [0], 1000)).toThrow(/negative edge length/);
		expect(() => StreetGraph.fromBuffer(g.toBuffer().slice(0))).toThrow(/edge 0 has a negative length/);
	});

	it('the snap index refuses non-finite coordinates', () => {
		const g = buildSyntheticGraph({ seed: 3, cols: 6, rows: 6 });
		g.xy.fill(NaN);
		expect(() => buildSnapIndex(g)).toThrow(/non-finite node coordinates/);
	});
});
