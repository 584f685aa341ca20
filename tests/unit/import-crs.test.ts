/**
 * Coordinate systems (src/lib/data/import/crs.ts): conversion round trips, and detection on real
 * Changning data shifted into GCJ-02 and BD-09 — streets, independent OSM metro and elevated lines,
 * AMap bus stops — plus the explicit outcomes: mixed, outside China, far away, no fit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import {
	CRS_LIST,
	convertCollection,
	convertPosition,
	createCrsReference,
	detectCollectionCrs,
	detectCrs,
	samplePositions,
	type Crs,
	type CrsDetection
} from '$lib/data/import';
import { distanceMetres } from '$lib/geo/sphere';

const read = (...path: string[]) => JSON.parse(readFileSync(join(process.cwd(), ...path), 'utf8')) as FeatureCollection;
const streets = read('geodata', 'streets.geojson').features.map((f) => (f.geometry as LineString).coordinates);
const outline = read('geodata', 'admin', 'changning.wgs84.geojson').features[0].geometry as Polygon | MultiPolygon;
const reference = createCrsReference({ streets, outline });

// Seeded: the same samples every run.
function seeded(seed: number) {
	return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const pointsOf = (positions: Position[]) => collection(positions.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } })));
const detect = (fc: FeatureCollection) => detectCollectionCrs(fc, reference);
const guess = (d: CrsDetection) => (d.kind === 'detected' ? d.crs : d.kind);

/** Random points in Changning's outline (rejection sampling in its box). */
function pointsInDistrict(n: number, random: () => number): Position[] {
	const out: Position[] = [];
	while (out.length < n) {
		const p = [121.35 + random() * 0.11, 31.19 + random() * 0.05];
		if (reference.inDistrict(p)) out.push(p);
	}
	return out;
}

describe('conversion', () => {
	const random = seeded(7);
	const points = pointsInDistrict(500, random);

	test.each([['GCJ02'], ['BD09']] as [Crs][])('WGS84 → %s → WGS84 within a few metres, and the shift is the documented size', (crs) => {
		let worst = 0;
		for (const p of points) {
			const shifted = convertPosition(p, 'WGS84', crs);
			const shift = distanceMetres(p as [number, number], shifted as [number, number]);
			expect(shift).toBeGreaterThan(crs === 'GCJ02' ? 400 : 900);
			expect(shift).toBeLessThan(crs === 'GCJ02' ? 600 : 1300);
			worst = Math.max(worst, distanceMetres(p as [number, number], convertPosition(shifted, crs, 'WGS84') as [number, number]));
		}
		expect(worst).toBeLessThan(1); // measured: 0.12 m (GCJ-02), 0.16 m (BD-09) over 2,000 random points
	});

	test('GCJ-02 ⇄ BD-09 round trip, and a height is kept', () => {
		for (const p of points.slice(0, 100)) {
			const gcj = convertPosition(p, 'WGS84', 'GCJ02');
			const back = convertPosition(convertPosition(gcj, 'GCJ02', 'BD09'), 'BD09', 'GCJ02');
			expect(distanceMetres(gcj as [number, number], back as [number, number])).toBeLessThan(5);
		}
		expect(convertPosition([121.4, 31.2, 12], 'WGS84', 'BD09')[2]).toBe(12);
	});

	test('convertCollection copies: the input, its properties and ids are left alone', () => {
		const fc = collection([{ type: 'Feature', id: 'a', properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.2]]] } }]);
		const before = JSON.stringify(fc);
		const out = convertCollection(fc, 'WGS84', 'GCJ02');
		expect(JSON.stringify(fc)).toBe(before);
		expect(out.features[0]).toMatchObject({ id: 'a', properties: { name: 'x' } });
		expect((out.features[0].geometry as Polygon).coordinates[0][0][0]).toBeGreaterThan(121.4);
	});

	test('outside China nothing moves (the offsets are not defined there)', () => {
		for (const crs of CRS_LIST) expect(convertPosition([2.35, 48.86], 'WGS84', crs)).toEqual(crs === 'BD09' ? expect.any(Array) : [2.35, 48.86]);
		expect(convertPosition([2.35, 48.86], 'GCJ02', 'WGS84')).toEqual([2.35, 48.86]);
	});
});

describe('detection picks the true system', () => {
	test('round trip through detection: WGS84 → GCJ-02/BD-09 → detected → WGS84 within a few metres', () => {
		const random = seeded(11);
		for (const crs of CRS_LIST) {
			const sample = collection(Array.from({ length: 20 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: streets[Math.floor(random() * streets.length)] } })));
			const shifted = convertCollection(sample, 'WGS84', crs);
			const d = detect(shifted);
			expect(d).toMatchObject({ kind: 'detected', crs, confidence: 'high' });
			if (d.kind !== 'detected') continue;
			const back = convertCollection(shifted, d.crs, 'WGS84');
			back.features.forEach((f, i) => {
				const a = (f.geometry as LineString).coordinates;
				const b = (sample.features[i].geometry as LineString).coordinates;
				a.forEach((p, k) => expect(distanceMetres(p as [number, number], b[k] as [number, number])).toBeLessThan(5));
			});
		}
	});

	test('random samples of real streets (5 lines each), shifted each way: always right', { timeout: 60_000 }, () => {
		const random = seeded(23);
		for (let trial = 0; trial < 30; trial++) {
			const sample = collection(Array.from({ length: 5 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: streets[Math.floor(random() * streets.length)] } })));
			for (const crs of CRS_LIST) expect(guess(detect(convertCollection(sample, 'WGS84', crs)))).toBe(crs);
		}
	});

	// The network is built from the same source as `streets`; OSM's metro and elevated lines are not.
	test('independent OSM metro and elevated lines (20 at a time): right, never wrong', { timeout: 60_000 }, () => {
		const lines = [...read('geodata', 'transit', 'metro_lines.geojson').features, ...read('geodata', 'transit', 'elevated_roads.geojson').features];
		const random = seeded(31);
		const tally = { right: 0, wrong: 0, other: 0 };
		for (let trial = 0; trial < 20; trial++) {
			const sample = collection(Array.from({ length: 20 }, () => lines[Math.floor(random() * lines.length)]));
			for (const crs of CRS_LIST) {
				const g = guess(detect(convertCollection(sample, 'WGS84', crs)));
				if (g === crs) tally.right++;
				else if (CRS_LIST.includes(g as Crs)) tally.wrong++;
				else tally.other++;
			}
		}
		expect(tally.wrong).toBe(0);
		expect(tally.right).toBeGreaterThanOrEqual(57); // of 60
	});

	test('AMap bus stops (WGS84 in the source), shifted each way: right with high confidence', { timeout: 60_000 }, () => {
		const stops = read('geodata', 'sources', 'poi-amap-2020', 'bus_stop.geojson');
		for (const crs of CRS_LIST) {
			const d = detect(convertCollection(stops, 'WGS84', crs));
			expect(d).toMatchObject({ kind: 'detected', crs, confidence: 'high' });
			if (d.kind !== 'detected') continue;
			// The evidence says why: the true reading puts far more stops by a street than chance.
			const best = d.scores.find((s) => s.crs === crs)!;
			expect(best.onStreet).toBeGreaterThan(2 * best.chance);
			for (const other of d.scores.filter((s) => s.crs !== crs)) expect(other.fit).toBeLessThan(3);
		}
	});
});

describe('explicit outcomes', () => {
	test('mixed: half the bus stops from AMap (GCJ-02), half from Baidu (BD-09)', () => {
		const stops = read('geodata', 'sources', 'poi-amap-2020', 'bus_stop.geojson');
		const gcj = convertCollection(stops, 'WGS84', 'GCJ02');
		const bd = convertCollection(stops, 'WGS84', 'BD09');
		const mixed = collection(stops.features.map((_, i) => (i % 2 ? bd : gcj).features[i]));
		const d = detect(mixed);
		expect(d.kind).toBe('mixed');
		if (d.kind === 'mixed') expect(new Set([d.crs, ...d.others])).toEqual(new Set(['GCJ02', 'BD09']));
	});

	test('mixed: streets, one third in each system', () => {
		const random = seeded(5);
		const lines = Array.from({ length: 30 }, (_, i) => {
			const line: Feature = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: streets[Math.floor(random() * streets.length)] } };
			return convertCollection(collection([line]), 'WGS84', CRS_LIST[i % 3]).features[0];
		});
		const d = detect(collection(lines));
		expect(d.kind).toBe('mixed');
		if (d.kind === 'mixed') expect(new Set([d.crs, ...d.others])).toEqual(new Set(CRS_LIST));
	});

	test('outside China: WGS84, the only system there', () => {
		const paris = pointsOf([[2.35, 48.86], [2.29, 48.86], [2.33, 48.84]]);
		expect(detect(paris)).toEqual({ kind: 'outside-china', crs: 'WGS84', outside: 3, sampled: 3 });
	});

	test('in China but far from the streets: undetermined, nothing compared', () => {
		const beijing = pointsOf([[116.4, 39.9], [116.3, 39.95]]);
		expect(detect(beijing)).toMatchObject({ kind: 'undetermined', reason: 'far-from-streets', compared: 0 });
		expect(detectCrs([], reference)).toMatchObject({ kind: 'undetermined', reason: 'no-positions' });
	});

	test('points with no relation to the streets are never "detected" with more than low confidence', { timeout: 60_000 }, () => {
		const random = seeded(99);
		let detected = 0;
		for (let trial = 0; trial < 30; trial++) {
			const d = detect(pointsOf(pointsInDistrict(100, random)));
			expect(d.kind).not.toBe('mixed');
			if (d.kind === 'detected') {
				detected++;
				expect(d.confidence).toBe('low');
			}
		}
		// z ≥ 3 by chance, three readings, 30 trials: a few percent at most.
		expect(detected).toBeLessThanOrEqual(3);
	});

	test('the same file always gets the same verdict (sampling is deterministic)', () => {
		const stops = read('geodata', 'sources', 'poi-amap-2020', 'bus_stop.geojson');
		const big = collection([...stops.features, ...stops.features.map((f) => ({ ...f, geometry: { type: 'Point', coordinates: [(f.geometry as Point).coordinates[0] + 1e-6, (f.geometry as Point).coordinates[1]] } }) as Feature)]);
		expect(samplePositions(big, 500)).toEqual(samplePositions(big, 500));
		expect(samplePositions(big, 500)).toHaveLength(500);
		expect(detect(big)).toEqual(detect(big));
	});
});
