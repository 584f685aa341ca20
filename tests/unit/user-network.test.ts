/**
 * An OSM extract as the walking network (issue 11, item 3): the worker parses and builds it, saying
 * how far it got; the isochrone on it differs from the bundled one and passes the invariant
 * validator; a bad file is an answer that leaves the network alone; the client forwards progress,
 * and a cancel rejects what was pending.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { createHandlers } from '$lib/worker/handlers';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { Progress, RequestMessage, ResponseMessage } from '$lib/worker/protocol';
import { buildSnapIndex, buildStreetGraph, computeIsochrone, connectedComponents, validateIsochrone } from '$lib/graph';
import { FULL_NETWORK_WALK } from '$lib/graph/off-street';
import { extractDate, networkFromExtract } from '$lib/osm/network';
import type { AmenityCollection } from '$lib/data/amenities';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
const streets = read('geodata/streets.geojson');
const water = read('geodata/water.geojson');
const amenities = read('static/data/amenities.geojson') as AmenityCollection;
const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8'));
const fixture = (name: string) => readFileSync(`tests/fixtures/osm/${name}`);
const buffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer; // a copy of exactly these bytes (a Buffer may be a view of a larger pool)

/** Inside the tiny fixture's streets (121.4200–121.4250 E on 31.2220 N). */
const ORIGIN: [number, number] = [121.4225, 31.2221];
const PARAMS = { origin: ORIGIN, minutes: [2, 4], speedKmh: 4, includeStreets: true };

function loaded() {
	const h = createHandlers();
	h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities, coverage: manifest.amenities.coverage, walk: manifest.walk, area: null });
	return h;
}

const areas = (reply: ReturnType<ReturnType<typeof createHandlers>['isochrone']>) => {
	if (!reply.ok) throw new Error(reply.message);
	return reply.bands.features.map((f) => Math.round(f.properties.area_m2));
};

describe('an OSM extract as the walking network', { timeout: 120_000 }, () => {
	it('is built in stages with counts, and the isochrone on it differs from the bundled one and is valid', () => {
		const h = loaded();
		const bundled = areas(h.isochrone(PARAMS));
		const stages: Progress[] = [];
		const reply = h.buildNetwork({ name: 'tiny.osm', bytes: buffer(fixture('tiny.osm')) }, (p) => stages.push(p));
		if (!reply.ok) throw new Error(reply.message);
		expect(stages.map((s) => s.stage)).toEqual(['parse', 'convert', 'build', 'amenities']);
		expect(stages[0]).toMatchObject({ stage: 'parse', nodes: expect.any(Number), ways: expect.any(Number) });
		expect((stages[0] as { nodes: number }).nodes).toBeGreaterThan(10);
		expect(reply.summary).toMatchObject({ name: 'tiny.osm', format: 'xml', streets: (stages[1] as { streets: number }).streets });
		expect(reply.summary.edges).toBe((stages[2] as { edges: number }).edges);
		expect(reply.summary.streets).toBeGreaterThan(0);

		const imported = h.isochrone(PARAMS);
		expect(areas(imported)).not.toEqual(bundled);
		// the same answer as the engine gives on the extract's graph, which passes the invariant validator
		const { graph } = networkFromExtract('tiny.osm', fixture('tiny.osm'));
		const index = buildSnapIndex(graph);
		const options = { ...PARAMS, barriers: null, offStreetDetour: FULL_NETWORK_WALK.detour, maxOffStreet: FULL_NETWORK_WALK.maxMetres };
		const direct = computeIsochrone(graph, index, options);
		if (!direct.ok) throw new Error(direct.message);
		expect(validateIsochrone(graph, index, options, direct, { components: connectedComponents(graph) })).toEqual([]);
		expect(areas(imported)).toEqual(direct.bands.features.map((f) => Math.round(f.properties.area_m2)));
		// the same extract in the other formats builds the same network
		for (const name of ['tiny.overpass.json', 'tiny.osm.pbf']) {
			const other = createHandlers();
			other.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities, coverage: manifest.amenities.coverage, walk: manifest.walk, area: null });
			const r = other.buildNetwork({ name, bytes: buffer(fixture(name)) });
			expect(r.ok && [r.summary.nodes, r.summary.edges]).toEqual([reply.summary.nodes, reply.summary.edges]);
		}
	});

	it('answers a bad file with its one-line reason, and keeps the network it had', () => {
		const h = loaded();
		const before = areas(h.isochrone(PARAMS));
		const bad = h.buildNetwork({ name: 'bad.osm', bytes: buffer(fixture('bad.osm')) });
		expect(bad).toMatchObject({ ok: false, reason: 'bad-file' });
		expect(bad.ok ? '' : bad.message).not.toContain('\n');
		expect(h.buildNetwork({ name: 'x.json', bytes: buffer(new TextEncoder().encode('{"elements": 3}')) })).toMatchObject({ ok: false, reason: 'bad-file' });
		expect(h.buildNetwork({ name: 'empty', bytes: new ArrayBuffer(0) })).toMatchObject({ ok: false, reason: 'bad-file', message: 'the file is empty' });
		// the same streets a degree north: no walkable street near Changning
		const moved = fixture('tiny.osm').toString('utf8').replace(/lat="31\./g, 'lat="32.');
		expect(h.buildNetwork({ name: 'moved.osm', bytes: buffer(new TextEncoder().encode(moved)) })).toMatchObject({ ok: false, reason: 'no-streets' });
		expect(areas(h.isochrone(PARAMS))).toEqual(before);
	});

	it('reads the data’s date where a text extract states it', () => {
		const enc = (s: string) => new TextEncoder().encode(s);
		expect(extractDate(enc('{"version":0.6,"osm3s":{"timestamp_osm_base":"2025-03-04T05:06:07Z"},"elements":[]}'))).toBe('2025-03-04');
		expect(extractDate(enc('<?xml version="1.0"?><osm version="0.6"><meta osm_base="2024-11-02T00:00:00Z"/>'))).toBe('2024-11-02');
		expect(extractDate(fixture('tiny.osm'))).toBeNull(); // only its nodes carry timestamps
	});
});

/** A worker that posts progress for buildNetwork and answers only when told. */
class SlowWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	last: RequestMessage | null = null;
	postMessage(message: unknown): void {
		this.last = message as RequestMessage;
	}
	send(data: ResponseMessage): void {
		this.onmessage?.({ data } as MessageEvent<ResponseMessage>);
	}
	terminate(): void {
		this.terminated = true;
	}
}

describe('the worker client with a long request', () => {
	it('forwards progress messages to the request’s callback, then resolves with the answer', async () => {
		const worker = new SlowWorker();
		const client = new WorkerClient(worker);
		const seen: Progress[] = [];
		const pending = client.request('buildNetwork', { name: 'a.osm', bytes: new ArrayBuffer(4) }, [], (p) => seen.push(p));
		const id = worker.last!.id;
		worker.send({ id, progress: { stage: 'parse', nodes: 5, ways: 2 } });
		worker.send({ id, progress: { stage: 'convert', streets: 2 } });
		worker.send({ id, ok: true, result: { ok: false, reason: 'no-streets', message: 'x' } });
		await expect(pending).resolves.toEqual({ stale: false, result: { ok: false, reason: 'no-streets', message: 'x' } });
		expect(seen).toEqual([
			{ stage: 'parse', nodes: 5, ways: 2 },
			{ stage: 'convert', streets: 2 }
		]);
	});

	it('cancel stops the worker and rejects what was pending; later requests are refused', async () => {
		const worker = new SlowWorker();
		const client = new WorkerClient(worker);
		const pending = client.request('buildNetwork', { name: 'a.osm', bytes: new ArrayBuffer(4) });
		const waiting = client.request('isochrone', PARAMS);
		client.cancel();
		await expect(pending).rejects.toThrow('cancelled');
		await expect(waiting).rejects.toThrow('cancelled');
		expect(worker.terminated).toBe(true);
		await expect(client.request('isochrone', PARAMS)).rejects.toThrow(/stopped/);
	});
});
