import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tinyOsmPbf from 'tiny-osmpbf';
import type { Feature, LineString, Polygon, Position } from 'geojson';
import {
	AMENITY_CATEGORIES,
	AMENITY_CATEGORY_IDS,
	assembleRings,
	categorise,
	classifyStreet,
	convertOsm,
	detectFormat,
	OsmInputError,
	parseOsm,
	validateGeodata
} from '../../src/lib/osm/index';
import type { OsmData, OsmElement, OsmGeodata } from '../../src/lib/osm/index';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'tests', 'fixtures', 'osm');
const fixture = (name: string) => join(fixtures, name);
const FORMATS = { xml: 'tiny.osm', json: 'tiny.overpass.json', pbf: 'tiny.osm.pbf' } as const;
const OUT_FILES = ['streets.geojson', 'water.geojson', 'green.geojson', 'amenities.geojson'];

const convert = (name: string) => convertOsm(parseOsm(readFileSync(fixture(name))));
const byId = <F extends Feature>(features: F[]) => new Map(features.map((f) => [String(f.properties!.id), f]));
const street = (r: OsmGeodata, id: number) => r.streets.features.find((f) => f.properties.id === `osm-way-${id}`);

/** Planar area of a lon/lat ring on a local equirectangular projection (R = turf's 6371008.8 m). */
function localArea(ring: Position[]): number {
	const R = 6371008.8;
	const lat0 = (ring.reduce((s, p) => s + p[1], 0) / ring.length) * (Math.PI / 180);
	const xy = ring.map(([lon, lat]) => [R * lon * (Math.PI / 180) * Math.cos(lat0), R * lat * (Math.PI / 180)]);
	let sum = 0;
	for (let i = 0; i < xy.length - 1; i++) sum += xy[i][0] * xy[i + 1][1] - xy[i + 1][0] * xy[i][1];
	return Math.abs(sum) / 2;
}

/**
 * Runs `npx tsx scripts/import-osm.ts …` end to end. Async (execFile, not execFileSync) so the
 * cases of one test run side by side: each start of tsx costs about two seconds.
 */
async function runCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'scripts/import-osm.ts', ...args], { cwd: root, encoding: 'utf8' });
		return { status: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code?: number | string; stdout?: string; stderr?: string };
		return { status: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
	}
}

let tiny: OsmGeodata;
beforeAll(() => {
	tiny = convert(FORMATS.json);
});

describe('reading the three formats', () => {
	it('detects the format from the content, not the name', () => {
		expect(detectFormat(readFileSync(fixture(FORMATS.xml)))).toBe('xml');
		expect(detectFormat(readFileSync(fixture(FORMATS.json)))).toBe('json');
		expect(detectFormat(readFileSync(fixture(FORMATS.pbf)))).toBe('pbf');
		expect(() => detectFormat(new TextEncoder().encode('type,id\nnode,1'))).toThrow(/unknown format/);
		expect(() => detectFormat(new Uint8Array([0x1f, 0x8b, 8, 0]))).toThrow(/gzip/);
		expect(() => detectFormat(new Uint8Array())).toThrow(/empty/);
	});

	it('gives the same features from .osm, Overpass JSON and .osm.pbf (ids, coordinates to 1e-7, properties)', () => {
		const results = Object.values(FORMATS).map(convert);
		for (const name of ['streets', 'water', 'green', 'amenities'] as const) {
			const [a, ...others] = results.map((r) => r[name].features as Feature[]);
			expect(a.length).toBeGreaterThan(0);
			for (const b of others) {
				expect(b.map((f) => f.properties!.id)).toEqual(a.map((f) => f.properties!.id));
				const bById = byId(b);
				for (const fa of a) {
					const fb = bById.get(String(fa.properties!.id))!;
					expect(fb.properties).toEqual(fa.properties);
					const ca = JSON.stringify(fa.geometry).match(/-?\d+\.?\d*/g)!.map(Number);
					const cb = JSON.stringify(fb.geometry).match(/-?\d+\.?\d*/g)!.map(Number);
					expect(cb.length).toBe(ca.length);
					ca.forEach((x, i) => expect(Math.abs(x - cb[i])).toBeLessThan(1e-7));
				}
			}
		}
		// Stronger than asked: byte-identical output.
		const json = results.map((r) => JSON.stringify([r.streets, r.water, r.green, r.amenities]));
		expect(new Set(json).size).toBe(1);
	});

	it('the committed PBF fixture reads back through tiny-osmpbf as the JSON fixture', () => {
		const fromPbf = tinyOsmPbf(readFileSync(fixture(FORMATS.pbf)));
		const fromJson = JSON.parse(readFileSync(fixture(FORMATS.json), 'utf8')) as { elements: OsmElement[] };
		expect(fromPbf.bounds?.minlon).toBeCloseTo(121.4195, 9);
		expect(fromPbf.elements).toHaveLength(fromJson.elements.length);
		const key = (e: { type: string; id: number }) => `${e.type}/${e.id}`;
		const pbfByKey = new Map(fromPbf.elements!.map((e) => [key(e), e]));
		for (const e of fromJson.elements) {
			const p = pbfByKey.get(key(e))!;
			expect(p.tags ?? {}).toEqual(e.tags ?? {});
			if (e.type === 'node') {
				expect(p.lat).toBeCloseTo(e.lat, 9);
				expect(p.lon).toBeCloseTo(e.lon, 9);
			}
			if (e.type === 'way') expect(p.nodes).toEqual(e.nodes);
			if (e.type === 'relation') expect(p.members).toEqual(e.members);
		}
	});

	it('XML: decodes entities, drops JOSM-deleted elements, reads <bounds>', () => {
		const data = parseOsm(readFileSync(fixture(FORMATS.xml)));
		expect(data.declaredBounds).toEqual([121.4195, 31.2165, 121.4305, 31.2262]);
		expect(data.elements.some((e) => e.id === 1999)).toBe(false);
		const stop = data.elements.find((e) => e.type === 'node' && e.id === 1002)!;
		expect(stop.tags?.['name:en']).toBe('Changning Rd & Jiangsu Rd');
		expect(street(tiny, 2008)?.properties.name_en).toBe("Yan'an Elevated Road");
	});

	it('rejects bad input with a message that says what is wrong', () => {
		const bytes = (name: string) => readFileSync(fixture(name));
		expect(() => parseOsm(bytes('bad.osm'))).toThrow(/malformed XML at line \d+/);
		expect(() => parseOsm(bytes('bad.osm.pbf'))).toThrow(/truncated PBF/);
		expect(() => parseOsm(new TextEncoder().encode('{"type":"FeatureCollection"}'))).toThrow(/no "elements" array/);
		expect(() => parseOsm(new TextEncoder().encode('{"elements":[{"type":"node","id":1,"lat":"x"}]}'))).toThrow(
			/elements\[0\]/
		);
		expect(() => parseOsm(new TextEncoder().encode('{"elements": ['))).toThrow(OsmInputError);
		const empty = convertOsm(parseOsm(bytes('empty.json')));
		expect(validateGeodata(empty, empty.bounds)).toContainEqual(expect.stringMatching(/no walkable street/));
	});

	it('Overpass `out geom` ways (no node elements) still get their coordinates', () => {
		const text = JSON.stringify({
			elements: [
				{
					type: 'way',
					id: 5,
					nodes: [1, 2],
					geometry: [
						{ lat: 31.22, lon: 121.42 },
						{ lat: 31.221, lon: 121.421 }
					],
					tags: { highway: 'footway' }
				}
			]
		});
		const r = convertOsm(parseOsm(new TextEncoder().encode(text)));
		expect(r.streets.features[0].geometry.coordinates).toEqual([
			[121.42, 31.22],
			[121.421, 31.221]
		]);
	});
});

describe('streets: who may walk where', () => {
	it('keeps the primary road with sidewalks as a walkable arterial', () => {
		expect(street(tiny, 2001)?.properties).toEqual({
			id: 'osm-way-2001',
			name_en: 'Changning Road',
			name_zh: '长宁路',
			class: 'arterial',
			walkable: true,
			accuracy_m: 5,
			source: 'osm'
		});
	});

	it('draws the elevated motorway and the elevated trunk as expressways nobody walks on', () => {
		for (const id of [2008, 2009]) expect(street(tiny, id)?.properties).toMatchObject({ class: 'expressway', walkable: false });
	});

	it('drops foot=no and access=private ways, but keeps access=private + foot=yes', () => {
		expect(street(tiny, 2010)).toBeUndefined();
		expect(street(tiny, 2011)).toBeUndefined();
		expect(street(tiny, 2012)?.properties).toMatchObject({ walkable: true, class: 'local' });
		expect(tiny.stats.streets.skipped).toMatchObject({ 'foot=no': 1, access: 1 });
	});

	it('the bridge over the river is class "bridge"', () => {
		expect(street(tiny, 2004)?.properties).toMatchObject({ class: 'bridge', walkable: true, name_zh: '江苏路桥' });
	});

	it('ways meeting at an OSM node carry bit-identical coordinates there', () => {
		const coords = (id: number) => street(tiny, id)!.geometry.coordinates;
		const at = (id: number, i: number) => coords(id).at(i)!;
		// node 3: end of 2002/2003, middle of 2001; node 7: middle of 2006; node 31: middle of 2005
		expect(at(2002, 0)).toEqual(at(2001, 2));
		expect(at(2003, 0)).toEqual(at(2001, 2));
		expect(at(2002, 1)).toEqual(at(2006, 1));
		expect(at(2004, -1)).toEqual(at(2005, 1));
		expect(at(2007, -1)).toEqual(at(2006, 2));
		expect(Object.is(at(2002, 1)[0], at(2006, 1)[0]) && Object.is(at(2002, 1)[1], at(2006, 1)[1])).toBe(true);
	});

	it('clips a way with nodes missing from the extract, and splits it at the gap', () => {
		expect(street(tiny, 2013)?.geometry.coordinates).toEqual([
			[121.43, 31.222],
			[121.43, 31.223]
		]);
		expect(tiny.stats.streets.clipped).toBe(1);
		const data: OsmData = {
			format: 'json',
			elements: [
				{ type: 'node', id: 1, lat: 31.22, lon: 121.42 },
				{ type: 'node', id: 2, lat: 31.22, lon: 121.421 },
				{ type: 'node', id: 4, lat: 31.22, lon: 121.423 },
				{ type: 'node', id: 5, lat: 31.22, lon: 121.424 },
				{ type: 'way', id: 9, nodes: [1, 2, 3, 4, 5], tags: { highway: 'residential' } },
				{ type: 'way', id: 10, nodes: [7, 8], tags: { highway: 'residential' } }
			]
		};
		const r = convertOsm(data);
		expect(r.streets.features.map((f) => f.properties.id)).toEqual(['osm-way-9', 'osm-way-9-2']);
		expect(r.stats.streets.skipped['missing-nodes']).toBe(1);
	});

	it('classifies the edge cases of the walkability rules', () => {
		expect(classifyStreet({ building: 'yes' })).toBeNull();
		expect(classifyStreet({ highway: 'trunk', sidewalk: 'both' })).toEqual({ include: true, walkable: true, class: 'arterial' });
		expect(classifyStreet({ highway: 'trunk_link', foot: 'designated' })).toMatchObject({ walkable: true });
		expect(classifyStreet({ highway: 'trunk' })).toEqual({ include: false, reason: 'trunk-without-sidewalk' });
		expect(classifyStreet({ highway: 'trunk', sidewalk: 'separate', bridge: 'yes' })).toMatchObject({ class: 'expressway', walkable: false });
		expect(classifyStreet({ highway: 'motorway', foot: 'yes' })).toMatchObject({ class: 'expressway', walkable: false });
		expect(classifyStreet({ highway: 'cycleway' })).toEqual({ include: false, reason: 'cycleway-without-foot' });
		expect(classifyStreet({ highway: 'cycleway', foot: 'designated' })).toMatchObject({ class: 'footway', walkable: true });
		expect(classifyStreet({ highway: 'pedestrian', area: 'yes' })).toEqual({ include: false, reason: 'area' });
		expect(classifyStreet({ highway: 'service', access: 'no' })).toEqual({ include: false, reason: 'access' });
		expect(classifyStreet({ highway: 'construction', sidewalk: 'both' })).toMatchObject({ include: false });
		expect(classifyStreet({ highway: 'busway', sidewalk: 'right' })).toMatchObject({ walkable: true, class: 'local' });
		expect(classifyStreet({ highway: 'busway', sidewalk: 'no' })).toEqual({ include: false, reason: 'not-walkable-highway' });
		expect(classifyStreet({ highway: 'footway', bridge: 'viaduct' })).toMatchObject({ class: 'bridge' });
		expect(classifyStreet({ highway: 'steps' })).toMatchObject({ class: 'footway' });
		expect(classifyStreet({ highway: 'unclassified' })).toMatchObject({ class: 'collector' });
	});

	it('every written feature is valid and inside the extract', () => {
		expect(validateGeodata(tiny, tiny.bounds)).toEqual([]);
		expect(tiny.bounds).toEqual([121.42, 31.217, 121.43, 31.2258]);
	});
});

describe('water: multipolygon assembly', () => {
	it('assembles the river relation (outer ring of two ways, one reversed) into one polygon of the right area', () => {
		const river = tiny.water.features.find((f) => f.properties.id === 'osm-relation-3001')!;
		expect(river.properties).toMatchObject({ kind: 'river', name_zh: '苏州河', name_en: 'Suzhou Creek' });
		expect(river.geometry.type).toBe('Polygon');
		const ring = (river.geometry as Polygon).coordinates[0];
		expect(ring).toHaveLength(7);
		expect(ring[0]).toEqual(ring[6]);
		const expected = localArea([
			[121.42, 31.2203],
			[121.425, 31.2204],
			[121.43, 31.2203],
			[121.43, 31.2192],
			[121.425, 31.2191],
			[121.42, 31.2192],
			[121.42, 31.2203]
		]);
		const got = localArea(ring);
		expect(Math.abs(got - expected) / expected).toBeLessThan(0.01);
		expect(expected).toBeGreaterThan(100_000); // ≈ 952 m × 116 m
	});

	it('keeps waterway centrelines as LineStrings', () => {
		const canal = tiny.water.features.find((f) => f.properties.id === 'osm-way-2016')!;
		expect(canal.geometry.type).toBe('LineString');
		expect(canal.properties.kind).toBe('canal');
	});

	it('joins chains forwards and backwards and counts those it cannot close', () => {
		expect(assembleRings([[1, 2, 3], [1, 4, 3]])).toEqual({ rings: [[1, 2, 3, 4, 1]], unclosed: 0 });
		expect(assembleRings([[5, 6, 7, 5], [1, 2], [3, 2], [3, 1]]).rings).toHaveLength(2);
		expect(assembleRings([[1, 2], [2, 3]])).toEqual({ rings: [], unclosed: 1 });
	});

	it('nests an inner ring as a hole, and skips a relation with a member way missing', () => {
		const sq = (id0: number, x0: number, y0: number, d: number): OsmElement[] =>
			[
				[x0, y0],
				[x0 + d, y0],
				[x0 + d, y0 + d],
				[x0, y0 + d]
			].map(([lon, lat], i) => ({ type: 'node' as const, id: id0 + i, lat, lon }));
		const elements: OsmElement[] = [
			...sq(1, 121.42, 31.22, 0.01),
			...sq(11, 121.424, 31.224, 0.002),
			{ type: 'node', id: 100, lat: 31.2, lon: 121.4 },
			{ type: 'node', id: 101, lat: 31.201, lon: 121.401 },
			{ type: 'way', id: 1, nodes: [1, 2, 3, 4, 1] },
			{ type: 'way', id: 2, nodes: [11, 12, 13, 14, 11] },
			{ type: 'way', id: 3, nodes: [100, 101], tags: { highway: 'footway' } },
			{
				type: 'relation',
				id: 7,
				members: [
					{ type: 'way', ref: 2, role: 'inner' },
					{ type: 'way', ref: 1, role: 'outer' }
				],
				tags: { type: 'multipolygon', natural: 'water', water: 'lake' }
			},
			{
				type: 'relation',
				id: 8,
				members: [
					{ type: 'way', ref: 1, role: 'outer' },
					{ type: 'way', ref: 99, role: 'outer' }
				],
				tags: { type: 'multipolygon', leisure: 'park' }
			}
		];
		const r = convertOsm({ format: 'json', elements });
		const lake = r.water.features.find((f) => f.properties.id === 'osm-relation-7')!;
		const rings = (lake.geometry as Polygon).coordinates;
		expect(rings).toHaveLength(2);
		expect(localArea(rings[0]) - localArea(rings[1])).toBeGreaterThan(0);
		expect(lake.properties.kind).toBe('lake');
		expect(r.green.features.find((f) => f.properties.id === 'osm-relation-8')).toBeUndefined();
		expect(r.stats.incompleteAreas).toBe(1);
	});
});

describe('green', () => {
	it('finds parks, the garden and the school campus with their areas', () => {
		const kinds = Object.fromEntries(tiny.green.features.map((f) => [f.properties.id, [f.properties.kind, f.properties.area_m2]]));
		expect(kinds['osm-way-2017'][0]).toBe('park');
		expect(kinds['osm-way-2017'][1]).toBeCloseTo(30_000, -2);
		expect(kinds['osm-way-2018'][0]).toBe('garden');
		expect(kinds['osm-way-2018'][1]).toBeCloseTo(5_000, -2);
		expect(kinds['osm-way-2019'][0]).toBe('campus');
		expect(kinds['osm-way-2020'][1]).toBeGreaterThan(40_000);
	});
});

describe('amenities: life-circle categories', () => {
	it('the table lists every category once, tiers 5/10/15 as the life-circle reading says', () => {
		expect(AMENITY_CATEGORIES.map((c) => c.id)).toEqual([...AMENITY_CATEGORY_IDS]);
		const tiers = Object.fromEntries(AMENITY_CATEGORIES.map((c) => [c.id, c.tier]));
		expect(tiers).toEqual({
			'elderly-care': 5,
			convenience: 5,
			'small-green': 5,
			'bus-stop': 5,
			childcare: 10,
			'fresh-market': 10,
			'primary-school': 10,
			'pocket-park': 10,
			canteen: 10,
			'health-centre': 15,
			'middle-school': 15,
			'culture-sports': 15,
			'large-park': 15,
			'metro-station': 15
		});
		for (const c of AMENITY_CATEGORIES) expect(c.en.length * c.zh.length).toBeGreaterThan(0);
	});

	it('sorts parks by area: small-green < 1 ha, pocket-park 0.1–4 ha, large-park ≥ 4 ha', () => {
		expect(categorise({ leisure: 'garden' }, 5_000)).toEqual(['small-green']);
		expect(categorise({ leisure: 'playground' }, 300)).toEqual(['small-green']);
		expect(categorise({ leisure: 'park' }, 500)).toEqual(['small-green']);
		expect(categorise({ leisure: 'park' }, 5_000)).toEqual(['small-green', 'pocket-park']);
		expect(categorise({ leisure: 'park' }, 30_000)).toEqual(['pocket-park']);
		expect(categorise({ leisure: 'park' }, 40_000)).toEqual(['large-park']);
		expect(categorise({ leisure: 'park' })).toEqual([]);
		const cat = (id: number) => tiny.amenities.features.filter((f) => f.properties.id.startsWith(`osm-way-${id}-`)).map((f) => f.properties.category);
		expect(cat(2017)).toEqual(['pocket-park']);
		expect(cat(2018)).toEqual(['small-green']);
		expect(cat(2020)).toEqual(['large-park']);
	});

	it('finds every category in the fixture, with the tier of its table entry', () => {
		const found = new Set(tiny.amenities.features.map((f) => f.properties.category));
		expect([...found].sort()).toEqual([...AMENITY_CATEGORY_IDS].sort());
		for (const f of tiny.amenities.features) {
			expect(f.properties.tier).toBe(AMENITY_CATEGORIES.find((c) => c.id === f.properties.category)!.tier);
			expect(f.properties.id).toMatch(new RegExp(`^osm-(node|way|relation)-\\d+-${f.properties.category}$`));
		}
		const ids = tiny.amenities.features.map((f) => f.properties.id);
		expect(ids).toContain('osm-node-1001-childcare');
		expect(ids).toContain('osm-node-1004-health-centre');
		expect(ids).toContain('osm-way-2019-primary-school');
		expect(ids).toContain('osm-node-1005-metro-station');
	});

	it('places an amenity drawn as an area inside its polygon', () => {
		const school = tiny.amenities.features.find((f) => f.properties.id === 'osm-way-2019-primary-school')!;
		const [x, y] = school.geometry.coordinates;
		expect(x).toBeGreaterThan(121.4275);
		expect(x).toBeLessThan(121.4295);
		expect(y).toBeGreaterThan(31.2231);
		expect(y).toBeLessThan(31.2238);
	});

	it('a bus stop named after the clinic next to it is a bus stop, not a clinic', () => {
		expect(categorise({ highway: 'bus_stop', name: '江苏路街道社区卫生服务中心' })).toEqual(['bus-stop']);
		const stop = tiny.amenities.features.filter((f) => f.properties.id.startsWith('osm-node-1012-'));
		expect(stop.map((f) => f.properties.category)).toEqual(['bus-stop']);
	});

	it('metro: stations count, entrances do not', () => {
		expect(categorise({ railway: 'station', station: 'subway' })).toEqual(['metro-station']);
		expect(categorise({ public_transport: 'station', subway: 'yes' })).toEqual(['metro-station']);
		expect(categorise({ railway: 'subway_entrance', subway: 'yes' })).toEqual([]);
		expect(categorise({ railway: 'station', train: 'yes' })).toEqual([]);
		expect(tiny.amenities.features.some((f) => f.properties.id.startsWith('osm-node-1006-'))).toBe(false);
	});

	it('matches the tag and name rules of each category', () => {
		expect(categorise({ amenity: 'social_facility', 'social_facility:for': 'senior' })).toEqual(['elderly-care']);
		expect(categorise({ amenity: 'social_facility', 'social_facility:for': 'orphan' })).toEqual([]);
		expect(categorise({ name: '长者照护之家' })).toEqual(['elderly-care']);
		expect(categorise({ shop: 'supermarket' })).toEqual(['convenience']);
		expect(categorise({ amenity: 'fast_food' })).toEqual([]);
		expect(categorise({ public_transport: 'platform', bus: 'yes' })).toEqual(['bus-stop']);
		expect(categorise({ amenity: 'childcare' })).toEqual(['childcare']);
		expect(categorise({ shop: 'greengrocer' })).toEqual(['fresh-market']);
		expect(categorise({ name: '愚园路菜场' })).toEqual(['fresh-market']);
		expect(categorise({ amenity: 'school', 'isced:level': '1;2' })).toEqual(['primary-school', 'middle-school']);
		expect(categorise({ amenity: 'school', name: '某某小学' })).toEqual(['primary-school']);
		expect(categorise({ amenity: 'school', name: '某某中学' })).toEqual(['middle-school']);
		expect(categorise({ amenity: 'canteen' })).toEqual(['canteen']);
		expect(categorise({ healthcare: 'centre' })).toEqual(['health-centre']);
		expect(categorise({ amenity: 'pharmacy' })).toEqual([]);
		expect(categorise({ leisure: 'fitness_centre' })).toEqual(['culture-sports']);
		expect(categorise({ amenity: 'library' })).toEqual(['culture-sports']);
	});
});

describe('the import-osm CLI', () => {
	let tmp: string;
	beforeAll(() => {
		tmp = mkdtempSync(join(tmpdir(), 'import-osm-test-'));
	});
	afterAll(() => rmSync(tmp, { recursive: true, force: true }));

	it('writes the same four files from each format and prints a summary', { timeout: 60_000 }, async () => {
		const runs = await Promise.all(
			Object.entries(FORMATS).map(async ([format, name]) => {
				const out = join(tmp, `ok-${format}`);
				return { out, r: await runCli([fixture(name), '--out', out]) };
			})
		);
		const outputs = runs.map(({ out, r }) => {
			expect(r.status, r.stderr).toBe(0);
			expect(r.stdout).toMatch(/streets\.geojson\s+11 \(9 walkable, 2 expressway; 1 way clipped/);
			expect(r.stdout).toMatch(/skipped highways: foot=no 1, access 1/);
			expect(readdirSync(out).sort()).toEqual([...OUT_FILES].sort());
			return OUT_FILES.map((f) => readFileSync(join(out, f), 'utf8'));
		});
		expect(outputs[1]).toEqual(outputs[0]);
		expect(outputs[2]).toEqual(outputs[0]);
		const streets = JSON.parse(outputs[0][0]) as { features: Feature<LineString>[] };
		for (const f of streets.features) {
			for (const [x, y] of f.geometry.coordinates) {
				expect(Math.round(x * 1e7) / 1e7).toBe(x);
				expect(Math.round(y * 1e7) / 1e7).toBe(y);
			}
		}
		// No temporary directory is left behind next to --out.
		expect(readdirSync(tmp).filter((n) => n.startsWith('.import-osm-'))).toEqual([]);
	});

	it('fails on bad input with one line naming the file, and leaves --out untouched', { timeout: 60_000 }, async () => {
		writeFileSync(join(tmp, 'unknown.txt'), 'this is not map data\n');
		writeFileSync(join(tmp, 'no-elements.json'), '{"type":"FeatureCollection","features":[]}\n');
		writeFileSync(join(tmp, 'no-walkable.json'), JSON.stringify({ elements: [{ type: 'node', id: 1, lat: 31.22, lon: 121.42, tags: { shop: 'convenience' } }] }));
		const cases: [string, RegExp][] = [
			[fixture('bad.osm'), /malformed XML/],
			[fixture('bad.osm.pbf'), /truncated PBF/],
			[fixture('empty.json'), /no walkable street/],
			[join(tmp, 'unknown.txt'), /unknown format/],
			[join(tmp, 'no-elements.json'), /no "elements" array/],
			[join(tmp, 'no-walkable.json'), /no walkable street/],
			[join(tmp, 'does-not-exist.osm'), /cannot read the file: ENOENT/]
		];
		const out = join(tmp, 'kept');
		mkdirSync(out);
		const before = new Map<string, { text: string; mtimeMs: number }>();
		for (const f of [...OUT_FILES, 'README.md']) {
			writeFileSync(join(out, f), `previous ${f}\n`);
			before.set(f, { text: `previous ${f}\n`, mtimeMs: statSync(join(out, f)).mtimeMs });
		}
		const results = await Promise.all(cases.map(([file]) => runCli([file, '--out', out])));
		for (const [k, [file, problem]] of cases.entries()) {
			const r = results[k];
			expect(r.status, `${file}: ${r.stdout}`).toBe(1);
			const lines = r.stderr.trim().split('\n');
			expect(lines, r.stderr).toHaveLength(1);
			expect(lines[0]).toContain(file);
			expect(lines[0]).toMatch(problem);
			for (const [f, b] of before) {
				expect(readFileSync(join(out, f), 'utf8')).toBe(b.text);
				expect(statSync(join(out, f)).mtimeMs).toBe(b.mtimeMs);
			}
			expect(readdirSync(out).sort()).toEqual([...before.keys()].sort());
		}
		expect(readdirSync(tmp).filter((n) => n.startsWith('.import-osm-'))).toEqual([]);
	});

	it('explains its usage when called without a file', { timeout: 30_000 }, async () => {
		const r = await runCli([]);
		expect(r.status).not.toBe(0);
		expect(r.stderr).toMatch(/usage: npm run import:osm/);
	});
});

describe('convertOsm, stage by stage', () => {
	it('a way is cut into runs of the nodes the extract has, nothing else lost or added', async () => {
		const { wayRuns } = await import('../../src/lib/osm/element-index');
		const { mulberry32 } = await import('../../src/lib/graph/random');
		const rand = mulberry32(17);
		const nodes = new Map<number, Position>();
		for (let id = 1; id <= 12; id++) if (rand() < 0.75) nodes.set(id, [121.4 + Math.floor(rand() * 4) / 1e4, 31.2]);
		for (let k = 0; k < 300; k++) {
			const ids = Array.from({ length: 1 + Math.floor(rand() * 10) }, () => 1 + Math.floor(rand() * 12));
			const { runs, clipped } = wayRuns({ type: 'way', id: k, nodes: ids }, nodes);
			expect(clipped).toBe(ids.some((id) => !nodes.has(id)));
			// the expected runs: split at missing nodes, repeated positions merged, single points dropped
			const expected: Position[][] = [[]];
			for (const id of ids) {
				const p = nodes.get(id);
				const run = expected[expected.length - 1];
				if (!p) expected.push([]);
				else if (run.length === 0 || run[run.length - 1][0] !== p[0] || run[run.length - 1][1] !== p[1]) run.push(p);
			}
			expect(runs).toEqual(expected.filter((r) => r.length >= 2));
		}
	});

	it('builds each wanted polygon once and counts one that cannot be built once', async () => {
		const { indexElements } = await import('../../src/lib/osm/element-index');
		const { AreaPolygons } = await import('../../src/lib/osm/area-polygons');
		const node = (id: number, lon: number, lat: number): OsmElement => ({ type: 'node', id, lon, lat });
		const index = indexElements({
			format: 'json',
			elements: [node(1, 121.4, 31.2), node(2, 121.401, 31.2), node(3, 121.401, 31.201), { type: 'way', id: 10, nodes: [1, 2, 3, 1] }, { type: 'way', id: 11, nodes: [1, 2, 4, 1] }]
		});
		const polygons = new AreaPolygons(index);
		const square = polygons.way(index.ways.get(10)!);
		expect(square?.type).toBe('Polygon');
		expect(polygons.way(index.ways.get(10)!)).toBe(square);
		expect(polygons.way(index.ways.get(11)!)).toBeNull();
		expect(polygons.way(index.ways.get(11)!)).toBeNull();
		expect(polygons.relation({ type: 'relation', id: 5, members: [{ type: 'way', ref: 99, role: 'outer' }] })).toBeNull();
		expect(polygons.incomplete).toBe(2);
	});

	it('names the pieces of a clipped way osm-way-<id>, osm-way-<id>-2, … in order', async () => {
		const { lineFeatures } = await import('../../src/lib/osm/output');
		const runs: Position[][] = [[[121.4, 31.2], [121.41, 31.2]], [[121.42, 31.2], [121.43, 31.2]]];
		const out = lineFeatures({ type: 'way', id: 7, nodes: [], tags: { name: '江苏路' } }, runs, { kind: 'river' as const });
		expect(out.map((f) => [f.key, f.feature.properties.id, f.feature.properties.name_zh])).toEqual([
			[[1, 7, 0, 0], 'osm-way-7', '江苏路'],
			[[1, 7, 1, 0], 'osm-way-7-2', '江苏路']
		]);
		expect(Object.keys(out[0].feature.properties)).toEqual(['id', 'name_en', 'name_zh', 'kind', 'accuracy_m', 'source']);
	});
});
