import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { createHandlers } from '$lib/worker/handlers';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { RequestMessage, ResponseMessage } from '$lib/worker/protocol';
import { buildStreetGraph } from '$lib/graph';
import type { FeatureCollection } from 'geojson';

const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection;
const water = JSON.parse(readFileSync('geodata/water.geojson', 'utf8')) as FeatureCollection;
const empty = { type: 'FeatureCollection' as const, features: [] };

describe('worker handlers', () => {
	it('refuses an isochrone before the graph is loaded, with a clear message', () => {
		const h = createHandlers();
		expect(() => h.isochrone({ origin: [121.41, 31.22], minutes: [5], speedKmh: 4, includeStreets: false })).toThrow(/not loaded/);
	});

	it('loads the graph from its buffer and answers with nested bands and a checklist', () => {
		const h = createHandlers();
		const graph = buildStreetGraph(streets);
		const summary = h.init({ graph: graph.toBuffer(), barriers: water, amenities: empty, coverage: {} });
		expect(summary.nodeCount).toBe(graph.nodeCount);
		const reply = h.isochrone({ origin: [121.418, 31.216], minutes: [5, 10, 15], speedKmh: 4, includeStreets: true });
		if (!reply.ok) throw new Error(reply.message);
		// Largest first (for painting); each band carries its own circle, computed once here.
		const bands = reply.bands.features.map((f) => f.properties);
		expect(bands.map((b) => b.minutes)).toEqual([15, 10, 5]);
		const areas = bands.map((b) => b.area_m2).reverse();
		expect(areas[0]).toBeGreaterThan(0);
		expect(areas[0]).toBeLessThan(areas[1]);
		expect(areas[1]).toBeLessThan(areas[2]);
		for (const b of bands) {
			const radius = (b.minutes * 4000) / 60;
			expect(b.distance_m).toBeCloseTo(radius, 1);
			expect(b.circle_m2).toBeCloseTo(Math.PI * radius ** 2, 3);
			expect(b.circle_ratio).toBeCloseTo(b.area_m2 / b.circle_m2, 12);
			expect(b.circle_ratio > 0 && b.circle_ratio < 1).toBe(true);
		}
		expect('areas' in reply, 'band areas are sent once, on the bands').toBe(false);
		expect(reply.checklist.items.length).toBeGreaterThan(10);
		// The reply crosses a thread boundary: it must survive structured cloning unchanged.
		expect(structuredClone(reply)).toEqual(reply);
	});

	it('answers "no walkable street" for a point on the airfield, far from any road', () => {
		const h = createHandlers();
		h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities: empty, coverage: {} });
		const reply = h.isochrone({ origin: [121.3326, 31.1935], minutes: [15], speedKmh: 4, includeStreets: false });
		expect(reply).toMatchObject({ ok: false, reason: 'no-walkable-street', radius: expect.any(Number) });
		if (!reply.ok) expect(reply.message).toMatch(/No walkable street within \d+ m/);
	});
});

/** A worker double that answers only when the test says so, to control the order of events. */
class ManualWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	received: RequestMessage[] = [];
	postMessage(message: unknown): void {
		this.received.push(message as RequestMessage);
	}
	answer(id: number, result: unknown): void {
		this.onmessage?.({ data: { id, ok: true, result } } as MessageEvent<ResponseMessage>);
	}
	terminate(): void {}
}

describe('WorkerClient (latest wins)', () => {
	it('keeps only the newest waiting request and resolves the ones it replaced as stale', async () => {
		const worker = new ManualWorker();
		const client = new WorkerClient(worker);
		const params = (lon: number) => ({ origin: [lon, 31.2] as [number, number], minutes: [5], speedKmh: 4, includeStreets: false });
		const first = client.request('isochrone', params(1));
		const second = client.request('isochrone', params(2));
		const third = client.request('isochrone', params(3));
		expect(worker.received.map((m) => (m.params as { origin: number[] }).origin[0])).toEqual([1]);
		expect(await second).toEqual({ stale: true });
		worker.answer(worker.received[0].id, 'one');
		expect(await first).toEqual({ stale: false, result: 'one' });
		// The newest request went out as soon as the worker was free; nothing in between.
		expect(worker.received.map((m) => (m.params as { origin: number[] }).origin[0])).toEqual([1, 3]);
		worker.answer(worker.received[1].id, 'three');
		expect(await third).toEqual({ stale: false, result: 'three' });
	});

	it('after a worker crash, fails what was outstanding and serves the next request', async () => {
		const worker = new ManualWorker();
		const client = new WorkerClient(worker);
		const params = { origin: [121.4, 31.2] as [number, number], minutes: [5], speedKmh: 4, includeStreets: false };
		const inFlight = client.request('isochrone', params);
		const waiting = client.request('isochrone', params);
		worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
		await expect(inFlight).rejects.toThrow('out of memory');
		await expect(waiting).rejects.toThrow('out of memory');
		const next = client.request('isochrone', params);
		expect(worker.received).toHaveLength(2);
		worker.answer(worker.received[1].id, 'fine');
		expect(await next).toEqual({ stale: false, result: 'fine' });
	});

	it('rejects with the worker error message', async () => {
		const worker = new ManualWorker();
		const client = new WorkerClient(worker);
		const pending = client.request('isochrone', { origin: [0, 0], minutes: [5], speedKmh: 4, includeStreets: false });
		worker.onmessage?.({ data: { id: worker.received[0].id, ok: false, error: 'boom' } } as MessageEvent<ResponseMessage>);
		await expect(pending).rejects.toThrow('boom');
	});
});
