// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * The measure tool's walk along the streets (issue 12, item 9) is kept current by state, like the
 * life circle: the engine starts when there is a path, every change of the points asks the worker
 * again, and an answer for other points than the current ones is never shown. A real WalkingEngine
 * and WorkerClient over a worker double whose answers come from the real handlers, on hand-made
 * streets, released one by one when the test says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { FeatureCollection } from 'geojson';
import { buildStreetGraph } from '$lib/graph';
import type { LonLat } from '$lib/geo/lonlat';
import { WalkingEngine, type LoadFiles } from '$lib/state/engine.svelte';
import { MeasureState, type RouteEngine } from '$lib/state/measure.svelte';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import { createHandlers } from '$lib/worker/handlers';
import type { RequestMessage, ResponseMessage, RouteParams } from '$lib/worker/protocol';

const BASE = 'http://atlas.test/';
const line = (coordinates: LonLat[]) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates } });
// An L-shaped street.
const streets: FeatureCollection = {
	type: 'FeatureCollection',
	features: [
		line([
			[121.41, 31.21],
			[121.415, 31.21],
			[121.415, 31.215]
		])
	]
};
const A: LonLat = [121.411, 31.2101];
const B: LonLat = [121.4152, 31.2135];
const C: LonLat = [121.4148, 31.2145];

const files: LoadFiles = async () => ({
	ok: true,
	files: { graph: buildStreetGraph(streets).toBuffer(), water: null, amenities: { type: 'FeatureCollection', features: [] }, manifest: null, area: null }
});

/** Loads at once; answers each route request with the real handlers when the test says so. */
class RouteWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	received: RequestMessage[] = [];
	private handlers = createHandlers();
	private answered = new Set<number>();
	postMessage(message: unknown): void {
		const request = message as RequestMessage;
		this.received.push(request);
		if (request.name === 'init') {
			const summary = this.handlers.init(request.params as RequestMessage<'init'>['params']);
			queueMicrotask(() => this.reply({ id: request.id, ok: true, result: summary }));
		}
	}
	routes(): LonLat[][] {
		return this.received.filter((m) => m.name === 'route').map((m) => (m.params as RouteParams).points);
	}
	/** Answer the oldest route request not yet answered (or fail it). */
	answerNext(fail?: string): void {
		const next = this.received.find((m) => m.name === 'route' && !this.answered.has(m.id))!;
		this.answered.add(next.id);
		this.reply(fail ? { id: next.id, ok: false, error: fail } : { id: next.id, ok: true, result: this.handlers.route(next.params as RouteParams) });
	}
	terminate(): void {}
	private reply(data: ResponseMessage): void {
		this.onmessage?.({ data } as MessageEvent<ResponseMessage>);
	}
}

async function settle(): Promise<void> {
	for (let i = 0; i < 20; i++) {
		flushSync();
		await Promise.resolve();
	}
	flushSync();
}

const stops: (() => void)[] = [];
afterEach(() => {
	while (stops.length) stops.pop()!();
});

/** A measure state following a real engine, whose worker is `worker`; `loadFiles` may fail. */
function measuring(loadFiles: LoadFiles = files): { measure: MeasureState; worker: RouteWorker; engine: WalkingEngine } {
	const worker = new RouteWorker();
	let client: WorkerClient | null = null;
	const engine = new WalkingEngine({
		startWorker: () => (client = new WorkerClient(worker)),
		loadFiles,
		retryDelaysMs: []
	});
	// What the engine offers the measure tool (WalkingEngine.route, once it has one, does the same).
	const routes: RouteEngine = {
		get status() {
			return engine.status;
		},
		start: (base) => engine.start(base),
		route: (params) => (engine.status.kind === 'ready' && client ? client.request('route', params) : null)
	};
	const measure = new MeasureState({ engine: routes, assetBase: () => BASE });
	stops.push(measure.follow());
	return { measure, worker, engine };
}

describe('the measure tool’s walk along the streets (state)', () => {
	it('starts the engine only for a path, then walks it and keeps the straight length beside it', async () => {
		const { measure, worker, engine } = measuring();
		measure.add(A);
		await settle();
		expect(engine.status.kind, 'one point is no path').toBe('idle');
		expect(measure.route).toEqual({ kind: 'none' });

		measure.add(B);
		await settle();
		expect(engine.status.kind).toBe('ready');
		expect(worker.routes()).toEqual([[A, B]]);
		expect(measure.route).toEqual({ kind: 'waiting' });
		worker.answerNext();
		await settle();
		const route = measure.route;
		if (route.kind !== 'ready') throw new Error(`route is ${route.kind}`);
		// Round the corner: longer than the straight line.
		expect(route.metres).toBeGreaterThan(1.2 * measure.pathMetres);
		expect(route.straightLegs).toBe(0);
		expect(measure.routeMinutes(4)).toBeCloseTo(route.metres / (4000 / 60), 9);
		const drawn = measure.features(4).features.filter((f) => f.properties?.role === 'route');
		expect(drawn).toHaveLength(1);
		const label = measure.features(4).features.find((f) => f.properties?.role === 'leg-label')?.properties?.label;
		expect(label).toMatch(/ · walk /);
	});

	it('never shows an answer for other points: a point added while the worker computes waits for its own', async () => {
		const { measure, worker } = measuring();
		measure.add(A);
		measure.add(B);
		await settle();
		measure.add(C);
		await settle();
		// [A, B] is computing; [A, B, C] waits for it.
		worker.answerNext();
		await settle();
		expect(measure.route, 'the answer for [A, B] is not the path [A, B, C]').toEqual({ kind: 'waiting' });
		expect(measure.features(4).features.filter((f) => f.properties?.role === 'route')).toEqual([]);
		worker.answerNext();
		await settle();
		expect(worker.routes()).toEqual([
			[A, B],
			[A, B, C]
		]);
		const route = measure.route;
		expect(route.kind === 'ready' && route.reply.legs.length).toBe(2);

		// Back to one point: nothing to walk; the old answer is gone with its points.
		measure.removeLast();
		measure.removeLast();
		await settle();
		expect(measure.route).toEqual({ kind: 'none' });
		expect(worker.routes()).toHaveLength(2);
	});

	it('says so when the worker fails on a path, and when the engine cannot start', async () => {
		const { measure, worker } = measuring();
		measure.add(A);
		measure.add(B);
		await settle();
		worker.answerNext('out of memory');
		await settle();
		expect(measure.route).toEqual({ kind: 'error', message: 'out of memory' });

		const broken = measuring(async () => ({ ok: false, failure: { code: 'graph-fetch', file: 'data/streets.graph.bin', problem: { kind: 'http', status: 404, statusText: 'Not Found' } } }));
		broken.measure.add(A);
		broken.measure.add(B);
		await settle();
		expect(broken.engine.status.kind).toBe('error');
		expect(broken.measure.route).toEqual({ kind: 'unavailable' });
	});
});
