/**
 * The user-layer state (src/lib/state/user-layers.svelte.ts) with a memory store and the bundled
 * streets as the reference: a file becomes a layer in WGS84, survives a "reload" (a new state on the
 * same store), the user's choices are kept, bad files leave what was loaded alone, and every import
 * problem code has its sentence in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { convertPosition, createCrsReference, IMPORT_PROBLEM_CODES, problem, type ImportProblem } from '$lib/data/import';
import { distanceMetres } from '$lib/geo/sphere';
import { memoryStore } from '$lib/state/user-layer-store';
import { UserLayersState } from '$lib/state/user-layers.svelte';
import { importProblemText, detectionText } from '$lib/components/user-data-messages';
import { USER_DATA_STRINGS } from '$lib/i18n/user-data';

const read = (...path: string[]) => JSON.parse(readFileSync(join(process.cwd(), ...path), 'utf8')) as FeatureCollection;
const streets = read('geodata', 'streets.geojson').features.map((f) => (f.geometry as LineString).coordinates);
const outline = read('geodata', 'admin', 'changning.wgs84.geojson').features[0].geometry as Polygon | MultiPolygon;
const reference = createCrsReference({ streets, outline });
const stops = read('geodata', 'sources', 'poi-amap-2020', 'bus_stop.geojson').features.filter((_, i) => i % 4 === 0);

/** The bus stops as an AMap export would have them: GCJ-02, in a CSV with Chinese column names. */
function gcjCsv(): string {
	const rows = stops.map((f, i) => {
		const [x, y] = convertPosition((f.geometry as Point).coordinates, 'WGS84', 'GCJ02');
		return `stop ${i},${x.toFixed(6)},${y.toFixed(6)}`;
	});
	return ['名称,经度,纬度', ...rows].join('\n');
}

const file = (name: string, content: string | Uint8Array<ArrayBuffer>) => new File([content], name);

function setup(store = memoryStore()) {
	let n = 0;
	const state = new UserLayersState({ openStore: async () => store, loadReference: async () => reference, newId: () => `layer-${++n}-${Math.random()}` });
	return { state, store };
}

describe('user layers', () => {
	test('a GCJ-02 CSV of bus stops is guessed GCJ-02 and placed back on the stops in WGS84', { timeout: 60_000 }, async () => {
		const { state } = setup();
		const layer = await state.add(file('stops.csv', gcjCsv()));
		expect(layer).not.toBeNull();
		expect(layer!.detection).toMatchObject({ kind: 'detected', crs: 'GCJ02' });
		expect(layer!.crs).toBe('GCJ02');
		expect(layer!.count).toBe(stops.length);
		// Invariant: every converted point lands within a metre of the stop it was made from.
		layer!.wgs84.features.forEach((f, i) => {
			expect(distanceMetres((f.geometry as Point).coordinates as [number, number], (stops[i].geometry as Point).coordinates as [number, number])).toBeLessThan(1);
		});
		expect(detectionText('en', layer!.detection)).toMatch(/^Guess: GCJ-02 \(AMap\/Tencent\), high confidence: \d+% of points within 30 m of a street against \d+% by chance\.$/);
		expect(detectionText('zh', layer!.detection)).toContain('GCJ-02（高德/腾讯）');
	});

	test('a reload (a new state on the same store) brings back the layer with the chosen system and visibility', { timeout: 60_000 }, async () => {
		const { state, store } = setup();
		const layer = (await state.add(file('stops.csv', gcjCsv())))!;
		await state.setCrs(layer.id, 'BD09');
		await state.setVisible(layer.id, false);
		expect(store.layers.get(layer.id)).toMatchObject({ crs: 'BD09', visible: false, name: 'stops.csv' });
		expect(store.layers.get(layer.id)!.text).toBe(gcjCsv());

		const again = setup(store).state;
		await again.restore();
		expect(again.layers).toHaveLength(1);
		const back = again.layers[0];
		expect(back).toMatchObject({ id: layer.id, crs: 'BD09', visible: false, count: layer.count, colour: layer.colour });
		// Same file, same system: the same places as before the reload.
		const before = state.layers[0].wgs84.features.map((f) => (f.geometry as Point).coordinates);
		expect(back.wgs84.features.map((f) => (f.geometry as Point).coordinates)).toEqual(before);
	});

	test('the override converts from the file again: GCJ-02 read as WGS84 sits ≈ 480 m off the stops', { timeout: 60_000 }, async () => {
		const { state } = setup();
		const layer = (await state.add(file('stops.csv', gcjCsv())))!;
		await state.setCrs(layer.id, 'WGS84');
		const moved = state.layers[0].wgs84.features.map((f, i) =>
			distanceMetres((f.geometry as Point).coordinates as [number, number], (stops[i].geometry as Point).coordinates as [number, number])
		);
		for (const d of moved) expect(d).toBeGreaterThan(300);
		await state.setCrs(layer.id, 'GCJ02');
		expect(distanceMetres(state.layers[0].wgs84.features[0].geometry.type === 'Point' ? ((state.layers[0].wgs84.features[0].geometry as Point).coordinates as [number, number]) : [0, 0], (stops[0].geometry as Point).coordinates as [number, number])).toBeLessThan(1);
	});

	test('export in each system: WGS84 gives the stops back, GCJ-02 the file as given', { timeout: 60_000 }, async () => {
		const { state } = setup();
		const layer = (await state.add(file('stops.csv', gcjCsv())))!;
		const wgs = JSON.parse((await state.exportGeoJson(layer.id, 'WGS84'))!) as FeatureCollection;
		const gcj = JSON.parse((await state.exportGeoJson(layer.id, 'GCJ02'))!) as FeatureCollection;
		const bd = JSON.parse((await state.exportGeoJson(layer.id, 'BD09'))!) as FeatureCollection;
		expect(gcj).toEqual(layer.original);
		wgs.features.forEach((f, i) => {
			const at = (f.geometry as Point).coordinates as [number, number];
			expect(distanceMetres(at, (stops[i].geometry as Point).coordinates as [number, number])).toBeLessThan(1);
			expect(distanceMetres(at, (bd.features[i].geometry as Point).coordinates as [number, number])).toBeGreaterThan(700);
		});
		expect(wgs.features[0].properties).toEqual(layer.original.features[0].properties);
	});

	test('bad files: a message each, the app state intact, the loaded layer kept', { timeout: 60_000 }, async () => {
		const { state, store } = setup();
		await state.add(file('stops.csv', gcjCsv()));
		const bad = [
			file('broken.geojson', '{"type": "FeatureCollection", "features": [ {'),
			file('empty.csv', ''),
			file('nothing.csv', 'name,address\na,b'),
			file('archive.kmz', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])),
			file('extract.osm', '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="31.2" lon="121.4"/></osm>')
		];
		for (const f of bad) expect(await state.add(f)).toBeNull();
		expect(state.layers).toHaveLength(1);
		expect(store.layers.size).toBe(1);
		expect(state.messages.map((m) => [m.kind, m.kind === 'failed' ? m.problem.code : m.name])).toEqual([
			['added', 'stops.csv'],
			['failed', 'json-syntax'],
			['failed', 'empty'],
			['failed', 'csv-no-coordinates'],
			['failed', 'compressed'],
			['osm-extract', 'extract.osm']
		]);
		expect(state.busy).toBe(0);
	});

	test('a file over the limit is refused before it is read', async () => {
		const { state } = setup();
		const huge = { name: 'huge.geojson', size: 200 * 2 ** 20, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as File;
		expect(await state.add(huge)).toBeNull();
		expect(state.messages[0]).toMatchObject({ kind: 'failed', problem: { code: 'too-large' } });
	});

	test('without the streets the layer still comes, read as WGS84, and says it was not checked', async () => {
		const state = new UserLayersState({ openStore: async () => memoryStore(), loadReference: () => Promise.reject(new Error('offline')) });
		const layer = await state.add(file('stops.csv', gcjCsv()));
		expect(layer).toMatchObject({ crs: 'WGS84', detection: null });
		expect(detectionText('en', null)).toContain('Not checked');
	});

	test('a store that refuses to save: the layer stays for the session, and the user is told', async () => {
		const store = { ...memoryStore(), put: () => Promise.reject(new Error('QuotaExceededError')) };
		const state = new UserLayersState({ openStore: async () => store, loadReference: async () => reference });
		await state.add(file('stops.csv', gcjCsv()));
		expect(state.layers).toHaveLength(1);
		expect(state.messages.at(-1)).toMatchObject({ kind: 'not-saved', message: 'QuotaExceededError' });
	});

	test('remove takes the layer from the list and the store', async () => {
		const { state, store } = setup();
		const a = (await state.add(file('a.csv', gcjCsv())))!;
		const b = (await state.add(file('b.csv', gcjCsv())))!;
		expect(a.colour).not.toBe(b.colour);
		await state.remove(a.id);
		expect(state.layers.map((l) => l.id)).toEqual([b.id]);
		expect([...store.layers.keys()]).toEqual([b.id]);
	});
});

describe('import problem sentences', () => {
	const samples: Record<string, ImportProblem['params']> = {
		'too-large': { bytes: 120 * 2 ** 20, maxBytes: 50 * 2 ** 20 },
		'bad-features': { count: 2, first: '3, 7', reason: 'bad-coordinates' }
	};
	test.each(IMPORT_PROBLEM_CODES)('%s has a filled sentence in English and Chinese', (code) => {
		const params = samples[code] ?? { count: 3, total: 9, max: 10, name: 'x.dat', kind: 'zip', message: 'boom', line: 2, column: 5, found: 'Topology', root: 'svg', first: '4', kinds: 'Model', columns: 'a, b', lon: 'lat', lat: 'lon', example: '500000, 3400000', bytes: 1, maxBytes: 1 };
		for (const lang of ['en', 'zh'] as const) {
			const text = importProblemText(lang, problem(code, params as never));
			expect(text.length).toBeGreaterThan(5);
			expect(text, `${lang} ${code}`).not.toMatch(/\{\w+\}|undefined/);
		}
	});
	test('a JSON error without a line number does not say "line 0"', () => {
		const text = importProblemText('en', problem('json-syntax', { message: 'Unexpected end of JSON input', line: 0 }));
		expect(text).toBe('The JSON is broken: Unexpected end of JSON input');
		expect(importProblemText('en', problem('json-syntax', { message: 'x', line: 3 }))).toBe('The JSON is broken near line 3: x');
	});
	test('both languages have the same keys', () => {
		expect(Object.keys(USER_DATA_STRINGS.zh).sort()).toEqual(Object.keys(USER_DATA_STRINGS.en).sort());
	});
});
