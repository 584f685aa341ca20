/**
 * The app's data files are read in one place each: manifest.json is fetched once for both of its
 * readers and validated by one schema; the engine's files are checked before a worker sees them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { buildStreetGraph } from '$lib/graph';
import { loadAtlasData } from '$lib/data/load';
import { loadEngineFiles } from '$lib/data/engine-files';
import { parseManifest } from '$lib/data/manifest';
import type { DataNotice } from '$lib/data/load';
import type { FeatureCollection } from 'geojson';

// The files as the app is served them: `npm test` runs the unit tests before the build, so a fresh
// clone has no static/data yet; the data build is deterministic and quick.
if (!existsSync('static/data/places.json')) execFileSync('node_modules/.bin/tsx', ['scripts/build-geodata.ts'], { stdio: 'ignore' });

const BASE = 'http://atlas.test/';
const STATIC: Record<string, string | Uint8Array> = {
	'data/places.json': readFileSync('static/data/places.json', 'utf8'),
	'data/manifest.json': readFileSync('static/data/manifest.json', 'utf8'),
	'fonts/font-faces.json': '{}',
	'data/water.geojson': readFileSync('static/data/water.geojson', 'utf8'),
	'data/amenities.geojson': readFileSync('static/data/amenities.geojson', 'utf8'),
	'data/streets.graph.bin': new Uint8Array(buildStreetGraph(JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection).toBuffer())
};

/** A fetch over a table of files (a missing one is a 404), counting requests per path. */
function fakeFetch(files: Record<string, string | Uint8Array>) {
	const requests = new Map<string, number>();
	const fetcher = (async (input: string | URL | Request) => {
		const path = new URL(String(input)).pathname.slice(1);
		requests.set(path, (requests.get(path) ?? 0) + 1);
		const body = files[path];
		return body === undefined ? new Response('Not Found', { status: 404, statusText: 'Not Found' }) : new Response(body as BodyInit);
	}) as typeof fetch;
	return { fetcher, requests };
}

describe('manifest.json', () => {
	it('is fetched once for the layer counts and the walking engine together', async () => {
		const { fetcher, requests } = fakeFetch(STATIC);
		const [atlas, engine] = await Promise.all([loadAtlasData(BASE, fetcher), loadEngineFiles(BASE, { fetcher })]);
		expect(requests.get('data/manifest.json')).toBe(1);
		expect(atlas.basemapCounts.streets).toBeGreaterThan(0);
		expect(engine.ok && engine.files.manifest?.amenities.coverage['metro-station']).toBe('complete');
		expect(atlas.notices).toEqual([]);
	});

	it('is validated by one schema: a bad one costs the counts and the coverage, with one kind of notice', async () => {
		const broken = JSON.stringify({ counts: { streets: 'many' }, amenities: { coverage: {} } });
		const { fetcher } = fakeFetch({ ...STATIC, 'data/manifest.json': broken });
		const notices: DataNotice[] = [];
		const [atlas, engine] = await Promise.all([loadAtlasData(BASE, fetcher), loadEngineFiles(BASE, { fetcher, notify: (n) => notices.push(n) })]);
		expect(atlas.basemapCounts).toEqual({});
		expect(engine.ok && engine.files.manifest).toBeNull();
		for (const notice of [...atlas.notices, ...notices]) {
			expect(notice).toMatchObject({ code: 'manifest', file: 'data/manifest.json', problem: { kind: 'invalid', message: expect.stringContaining('counts.streets') } });
		}
		expect(() => parseManifest({ counts: {}, amenities: { coverage: { x: 'most' } } })).toThrow(/amenities\.coverage\.x/);
		expect(parseManifest({ counts: {}, amenities: { coverage: {} } }).amenities.origin).toEqual({ en: '', zh: '' });
	});

	it('is fetched again after a failure (the engine\'s Retry may find it)', async () => {
		const files = { ...STATIC };
		delete files['data/manifest.json'];
		const { fetcher, requests } = fakeFetch(files);
		const first = await loadAtlasData(BASE, fetcher);
		expect(first.notices).toEqual([{ code: 'manifest', file: 'data/manifest.json', problem: { kind: 'http', status: 404, statusText: 'Not Found' } }]);
		await loadEngineFiles(BASE, { fetcher });
		expect(requests.get('data/manifest.json')).toBe(2);
	});
});

describe("the walking engine's files", () => {
	it('names a graph that did not arrive, and one that arrived corrupt', async () => {
		const missing = fakeFetch({ ...STATIC, 'data/streets.graph.bin': undefined as unknown as string });
		expect(await loadEngineFiles(BASE, { fetcher: missing.fetcher })).toEqual({
			ok: false,
			failure: { code: 'graph-fetch', file: 'data/streets.graph.bin', problem: { kind: 'http', status: 404, statusText: 'Not Found' } }
		});
		const corrupt = fakeFetch({ ...STATIC, 'data/streets.graph.bin': new Uint8Array(64).fill(7) });
		const result = await loadEngineFiles(BASE, { fetcher: corrupt.fetcher });
		expect(result).toMatchObject({ ok: false, failure: { code: 'graph-corrupt', file: 'data/streets.graph.bin' } });
	});

	it('does without water and amenities, and says so once each', async () => {
		const files: Record<string, string | Uint8Array> = { ...STATIC, 'data/amenities.geojson': '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[]},"properties":{}}]}' };
		delete files['data/water.geojson'];
		const notices: DataNotice[] = [];
		const result = await loadEngineFiles(BASE, { fetcher: fakeFetch(files).fetcher, notify: (n) => notices.push(n) });
		expect(result.ok && result.files.water).toBeNull();
		expect(result.ok && result.files.amenities.features).toEqual([]);
		expect(notices.map((n) => [n.code, n.problem.kind]).sort()).toEqual([
			['amenities', 'invalid'],
			['water', 'http']
		]);
	});
});
