/**
 * Reading a user's file (src/lib/data/import): every format with good and bad inputs, the limits,
 * and the invariant that nothing a user can put in a file makes the reader throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import {
	DEFAULT_IMPORT_LIMITS,
	importBlob,
	importFile,
	type ImportedFeatures,
	type ImportFailed,
	type ImportProblem,
	type ImportResult
} from '$lib/data/import';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests', 'fixtures', 'import', name));
const osmFixture = (name: string) => readFileSync(join(process.cwd(), 'tests', 'fixtures', 'osm', name));
const bytes = (text: string) => new TextEncoder().encode(text);

function features(result: ImportResult): ImportedFeatures {
	if (result.kind !== 'features') throw new Error(`expected features, got ${JSON.stringify(result).slice(0, 300)}`);
	return result;
}
function failed(result: ImportResult): ImportFailed {
	if (result.kind !== 'failed') throw new Error(`expected a failure, got ${result.kind}`);
	return result;
}
const warning = (result: ImportedFeatures, code: ImportProblem['code']) => result.warnings.find((w) => w.code === code);
const points = (fc: FeatureCollection) => fc.features.map((f) => (f.geometry as Point).coordinates);

/** What must hold for every successful read: valid lon/lat geometry, stats that match the features. */
function checkInvariants(result: ImportedFeatures): void {
	const { collection, stats } = result;
	expect(collection.type).toBe('FeatureCollection');
	expect(stats.features).toBe(collection.features.length);
	expect(stats.features).toBeGreaterThan(0);
	let positions = 0;
	const walk = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			positions++;
			const [x, y] = c as number[];
			expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
			expect(Math.abs(x)).toBeLessThanOrEqual(180);
			expect(Math.abs(y)).toBeLessThanOrEqual(90);
			expect(x).toBeGreaterThanOrEqual(stats.bbox![0]);
			expect(y).toBeLessThanOrEqual(stats.bbox![3]);
		} else if (Array.isArray(c)) c.forEach(walk);
	};
	for (const f of collection.features) {
		expect(f.type).toBe('Feature');
		expect(f.properties).toBeTypeOf('object');
		const g = f.geometry;
		if (g.type === 'GeometryCollection') g.geometries.forEach((m) => walk((m as Point).coordinates));
		else walk(g.coordinates);
		if (g.type === 'Polygon') for (const ring of g.coordinates) expect(ring[0]).toEqual(ring[ring.length - 1]);
	}
	expect(stats.positions).toBe(positions);
}

describe('GeoJSON', () => {
	const fc = {
		type: 'FeatureCollection',
		features: [
			{ type: 'Feature', id: 7, properties: { name: '天山社区' }, geometry: { type: 'Point', coordinates: [121.4, 31.21, 4] } },
			{ type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: [[121.4, 31.21], [121.41, 31.22]] } },
			{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21]]] } }
		]
	};

	test('a FeatureCollection keeps ids, properties and heights; an open ring is closed', () => {
		const r = features(importFile({ name: 'a.geojson', data: JSON.stringify(fc) }));
		checkInvariants(r);
		expect(r.format).toBe('geojson');
		expect(r.collection.features[0]).toMatchObject({ id: 7, properties: { name: '天山社区' }, geometry: { coordinates: [121.4, 31.21, 4] } });
		expect(r.collection.features[1].properties).toEqual({});
		expect((r.collection.features[2].geometry as Polygon).coordinates[0]).toHaveLength(4);
		expect(r.stats.geometryTypes).toEqual({ Point: 1, LineString: 1, Polygon: 1 });
		expect(r.warnings).toEqual([]);
	});

	test('a single Feature and a bare geometry are read too, with a BOM and from bytes', () => {
		checkInvariants(features(importFile({ name: 'f.json', data: bytes('\uFEFF' + JSON.stringify(fc.features[0])) })));
		const g = features(importFile({ name: 'g.json', data: JSON.stringify({ type: 'MultiPoint', coordinates: [[121.4, 31.2], [121.5, 31.3]] }) }));
		expect(g.stats.positions).toBe(2);
	});

	test('broken JSON says where', () => {
		const r = failed(importFile({ name: 'a.geojson', data: '{\n "type": "FeatureCollection",\n "features": [,]\n}' }));
		expect(r.error.code).toBe('json-syntax');
		expect(r.error.params).toMatchObject({ line: 3 });
	});

	test('JSON that is not GeoJSON is refused as such', () => {
		expect(failed(importFile({ name: 'a.json', data: '{"name": "x"}' })).error).toEqual({ code: 'not-geojson', params: { found: 'object without type' } });
		expect(failed(importFile({ name: 'a.json', data: '[1, 2]' })).error.code).toBe('not-geojson');
		expect(failed(importFile({ name: 'a.geojson', data: 'name,lon,lat' })).error.code).toBe('json-syntax');
	});

	test('bad features are left out and numbered; all bad is an error', () => {
		const mixed = {
			type: 'FeatureCollection',
			features: [
				fc.features[0],
				{ type: 'Feature', properties: {}, geometry: null },
				{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[121.4, 31.2]] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['121.4', 31.2] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [121.4, 31.2] } }
			]
		};
		const r = features(importFile({ name: 'a.geojson', data: JSON.stringify(mixed) }));
		expect(r.stats.features).toBe(1);
		expect(warning(r, 'bad-features')?.params).toMatchObject({ count: 4, first: '2, 3, 4, 5' });
		const none = failed(importFile({ name: 'a.geojson', data: JSON.stringify({ ...mixed, features: mixed.features.slice(1) }) }));
		expect(none.error.code).toBe('bad-features');
		expect(failed(importFile({ name: 'a.geojson', data: '{"type":"FeatureCollection","features":[]}' })).error.code).toBe('no-features');
	});

	test('projected coordinates (metres) are named as not lon/lat', () => {
		const utm = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [350000, 3450000] } };
		expect(failed(importFile({ name: 'utm.geojson', data: JSON.stringify(utm) })).error).toEqual({
			code: 'not-lonlat',
			params: { count: 1, example: '350000, 3450000' }
		});
	});

	test('points outside China and far from Shanghai are loaded with a warning', () => {
		const paris = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [2.35, 48.86] } };
		const beijing = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116.4, 39.9] } };
		const r = features(importFile({ name: 'x.geojson', data: JSON.stringify({ type: 'FeatureCollection', features: [paris, beijing, fc.features[0]] }) }));
		expect(warning(r, 'outside-china')?.params).toEqual({ count: 1, total: 3 });
		expect(warning(r, 'far-away')?.params).toEqual({ count: 1, total: 3 });
	});

	test('too many features or positions: refused whole, never truncated', () => {
		const limits = { ...DEFAULT_IMPORT_LIMITS, maxFeatures: 2 };
		expect(failed(importFile({ name: 'a.geojson', data: JSON.stringify(fc) }, limits)).error).toEqual({ code: 'too-many-features', params: { count: 3, max: 2 } });
		const line = { type: 'LineString', coordinates: Array.from({ length: 11 }, (_, i) => [121.4 + i * 1e-3, 31.2]) };
		expect(failed(importFile({ name: 'a.geojson', data: JSON.stringify(line) }, { ...DEFAULT_IMPORT_LIMITS, maxPositions: 10 })).error.code).toBe('too-many-positions');
	});
});

describe('CSV', () => {
	test('comma CSV with lon/lat; other columns are string properties as written', () => {
		const r = features(importFile({ name: 'a.csv', data: 'name,lon,lat,code\nA,121.40,31.21,007\nB,121.41,31.22,' }));
		checkInvariants(r);
		expect(r.format).toBe('csv');
		expect(points(r.collection)).toEqual([[121.4, 31.21], [121.41, 31.22]]);
		expect(r.collection.features[0].properties).toEqual({ name: 'A', code: '007' });
	});

	test.each([
		['经度', '纬度'],
		['LONGITUDE', 'Latitude'],
		['lng', 'lat'],
		['x', 'y'],
		[' Lon ', 'LAT'],
		['wgs84_lng', 'wgs84_lat'],
		['经度(GCJ)', '纬度(GCJ)']
	])('column names %s / %s', (lon, lat) => {
		const r = features(importFile({ name: 'a.csv', data: `名称,${lat},${lon}\n天山,31.21,121.40\n` }));
		expect(points(r.collection)).toEqual([[121.4, 31.21]]);
	});

	test('semicolons, decimal commas, BOM, CRLF, quotes and line breaks in quotes; bad rows by line number', () => {
		const r = features(importFile({ name: 'european.csv', data: fixture('european.csv') }));
		checkInvariants(r);
		expect(points(r.collection)).toEqual([[121.4, 31.21], [121.41, 31.22]]);
		expect(r.collection.features[0].properties).toEqual({ Name: '天山社区; 中心', note: 'said "hi"\r\nsecond line' });
		expect(warning(r, 'bad-rows')?.params).toEqual({ count: 2, first: '5, 7' });
	});

	test('tabs', () => {
		const r = features(importFile({ name: 'a.tsv', data: 'lat\tlon\tname\n31.2\t121.4\ta,b\n' }));
		expect(r.collection.features[0].properties).toEqual({ name: 'a,b' });
	});

	test('a "location" column of lon,lat pairs (AMap web API)', () => {
		const r = features(importFile({ name: 'amap.csv', data: 'name,location\n"天山","121.40,31.21"\n' }));
		expect(points(r.collection)).toEqual([[121.4, 31.21]]);
	});

	test('GBK from a Chinese Excel is decoded', () => {
		const gbk = Uint8Array.from(Buffer.from('c3fbb3c62cbeadb6c82cceb3b6c80accecc9bd2c3132312e34302c33312e32310a', 'hex'));
		const r = features(importFile({ name: 'gbk.csv', data: gbk }));
		expect(r.collection.features[0].properties).toEqual({ 名称: '天山' });
	});

	test('swapped lon and lat columns are swapped back, with a warning', () => {
		const r = features(importFile({ name: 'a.csv', data: 'lon,lat\n31.21,121.40\n31.22,121.41\n' }));
		expect(points(r.collection)).toEqual([[121.4, 31.21], [121.41, 31.22]]);
		expect(warning(r, 'swapped-lonlat')).toBeDefined();
	});

	test('no coordinate columns: the columns found are named', () => {
		expect(failed(importFile({ name: 'a.csv', data: 'name,address\nA,长宁路\n' })).error).toEqual({
			code: 'csv-no-coordinates',
			params: { columns: '"name", "address"' }
		});
	});

	test('every row bad is an error; a header alone is no features; empty is empty', () => {
		expect(failed(importFile({ name: 'a.csv', data: 'lon,lat\nx,y\n,\n' })).error).toEqual({ code: 'bad-rows', params: { count: 2, first: '2, 3' } });
		expect(failed(importFile({ name: 'a.csv', data: 'lon,lat\n' })).error.code).toBe('no-features');
		expect(failed(importFile({ name: 'a.csv', data: '' })).error.code).toBe('empty');
		expect(failed(importFile({ name: 'a.csv', data: new ArrayBuffer(0) })).error.code).toBe('empty');
		expect(failed(importFile({ name: 'a.csv', data: '  \n\n ' })).error.code).toBe('empty');
	});

	// A generous ceiling, not a timing assertion: the machine may be busy.
	test('250,000 rows: refused with the limit, before any feature is built', { timeout: 60_000 }, () => {
		const rows = Array.from({ length: 250_000 }, (_, i) => `${121.3 + (i % 1000) * 1e-4},${31.2 + i * 1e-7}`);
		const r = failed(importFile({ name: 'big.csv', data: `lon,lat\n${rows.join('\n')}` }));
		expect(r.error).toEqual({ code: 'too-many-features', params: { count: DEFAULT_IMPORT_LIMITS.maxFeatures + 1, max: DEFAULT_IMPORT_LIMITS.maxFeatures } });
	});
});

describe('KML', () => {
	test('placemarks at any depth, every geometry kind, ExtendedData; unsupported and broken ones counted', () => {
		const r = features(importFile({ name: 'sample.kml', data: fixture('sample.kml') }));
		checkInvariants(r);
		expect(r.format).toBe('kml');
		const byName = new Map(r.collection.features.map((f) => [f.properties?.name, f] as [string, Feature]));
		expect(byName.get('中山公园')).toMatchObject({
			id: 'pm1',
			properties: { description: 'Park <b>gate</b> & entrance', kind: 'park', code: 'A1' },
			geometry: { type: 'Point', coordinates: [121.4163, 31.2206, 0] }
		});
		expect(byName.get('Line')?.geometry).toMatchObject({ type: 'LineString' });
		expect((byName.get('Line')?.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(3);
		expect((byName.get('Block with courtyard')?.geometry as Polygon).coordinates).toHaveLength(2);
		expect(byName.get('Two points')?.geometry).toEqual({ type: 'MultiPoint', coordinates: [[121.43, 31.22], [121.44, 31.23]] });
		expect(warning(r, 'unsupported-geometry')?.params).toEqual({ count: 1, kinds: 'gx:Track (1)' });
		expect(warning(r, 'bad-features')?.params).toMatchObject({ count: 1, first: '6' });
	});

	test('broken XML, a DOCTYPE, and XML that is neither KML nor GPX', () => {
		const broken = failed(importFile({ name: 'a.kml', data: '<kml><Placemark><name>x</Placemark></kml>' }));
		expect(broken.error.code).toBe('xml-syntax');
		expect(broken.format).toBe('kml');
		const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><kml>&lol;</kml>';
		expect(failed(importFile({ name: 'a.kml', data: bomb })).error.code).toBe('xml-doctype');
		expect(failed(importFile({ name: 'a.xml', data: '<svg><g/></svg>' })).error).toEqual({ code: 'not-kml-gpx', params: { root: 'svg' } });
		expect(failed(importFile({ name: 'a.kml', data: 'hello' })).error.code).toBe('xml-syntax');
		expect(failed(importFile({ name: 'a.kml', data: '<kml><Document/></kml>' })).error.code).toBe('no-features');
	});
});

describe('GPX', () => {
	test('waypoints, tracks (one or more segments) and routes', () => {
		const r = features(importFile({ name: 'walk.gpx', data: fixture('sample.gpx') }));
		checkInvariants(r);
		expect(r.format).toBe('gpx');
		expect(r.stats.geometryTypes).toEqual({ Point: 2, MultiLineString: 1, LineString: 2 });
		expect(r.collection.features[0].properties).toEqual({ gpx: 'wpt', name: 'Zhongshan Park', desc: 'gate', ele: '4.5', time: '2020-05-01T08:00:00Z' });
		expect(warning(r, 'bad-features')?.params).toMatchObject({ count: 1, first: 'waypoint 3' });
	});
});

describe('OpenStreetMap extracts are recognised, not read', () => {
	test.each([
		['tiny.osm', 'osm-xml'],
		['tiny.osm.pbf', 'osm-pbf'],
		['tiny.overpass.json', 'overpass-json']
	])('%s → %s', (file, format) => {
		const data = osmFixture(file);
		const r = importFile({ name: `renamed-${file}.dat`, data });
		expect(r).toMatchObject({ kind: 'osm-extract', format });
		if (r.kind === 'osm-extract') expect(r.bytes.length).toBe(data.length);
	});
});

describe('what is not a readable file', () => {
	test('compressed files: unpack first', () => {
		expect(failed(importFile({ name: 'a.kmz', data: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2]) })).error).toEqual({ code: 'compressed', params: { kind: 'zip' } });
		expect(failed(importFile({ name: 'a.geojson.gz', data: Uint8Array.from([0x1f, 0x8b, 8, 0]) })).error).toEqual({ code: 'compressed', params: { kind: 'gzip' } });
	});

	test('binary and unknown content', () => {
		expect(failed(importFile({ name: 'a.png', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]) })).error.code).toBe('not-text');
		expect(failed(importFile({ name: 'notes.md', data: 'hello world' })).error).toEqual({ code: 'unknown-format', params: { name: 'notes.md' } });
	});

	test('a 100 MB file is refused before reading, from bytes or from a Blob', async () => {
		const limits = { ...DEFAULT_IMPORT_LIMITS, maxBytes: 10 };
		expect(failed(importFile({ name: 'a.csv', data: 'lon,lat\n121.4,31.2\n' }, limits)).error).toEqual({ code: 'too-large', params: { bytes: 19, maxBytes: 10 } });
		// A Blob that says it is 100 MB and would throw if read: the size alone refuses it.
		const huge = { name: 'huge.geojson', size: 100 * 2 ** 20, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as Blob & { name: string };
		const r = failed(await importBlob(huge));
		expect(r.error).toEqual({ code: 'too-large', params: { bytes: 100 * 2 ** 20, maxBytes: DEFAULT_IMPORT_LIMITS.maxBytes } });
		const small = new File(['lon,lat\n121.4,31.2\n'], 'small.csv');
		expect((await importBlob(small)).kind).toBe('features');
	});
});

describe('nothing in a file makes the reader throw', () => {
	// A seeded generator: the same inputs every run.
	let seed = 20261201;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const goodInputs: [string, Uint8Array][] = [
		['sample.kml', fixture('sample.kml')],
		['sample.gpx', fixture('sample.gpx')],
		['european.csv', fixture('european.csv')],
		['a.geojson', bytes(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.2]]] } }] }))]
	];

	test('truncated, corrupted and random inputs all give a result', { timeout: 60_000 }, () => {
		const kinds = new Set<string>();
		for (const [name, data] of goodInputs) {
			for (let i = 0; i < 60; i++) {
				const cut = data.slice(0, Math.floor(random() * data.length));
				const flipped = Uint8Array.from(data);
				for (let k = 0; k < 3; k++) flipped[Math.floor(random() * flipped.length)] = Math.floor(random() * 256);
				for (const input of [cut, flipped]) {
					const r = importFile({ name, data: input });
					kinds.add(r.kind);
					expect(['features', 'failed']).toContain(r.kind);
					if (r.kind === 'features') checkInvariants(r);
				}
			}
		}
		for (let i = 0; i < 100; i++) {
			const junk = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
			expect(['features', 'failed', 'osm-extract']).toContain(importFile({ name: 'junk', data: junk }).kind);
		}
		expect(kinds).toEqual(new Set(['features', 'failed']));
	});
});
