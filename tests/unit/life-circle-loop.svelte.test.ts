// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * The life-circle loop lives in state (issue 9): the app state owns the walking engine, whose worker
 * client comes from an injected factory, and recomputes whenever an input changes, in every mode.
 * Runs in node with runes: `$effect.root` (inside `follow()`) and `flushSync`, a worker double and
 * fake timers for the back-off. The modules are built for the browser (tests/unit/runes-environment.ts,
 * chosen for `*.svelte.test.ts` in vite.config.ts), else effects would not run.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '$lib/state/app.svelte';
import { ENGINE_RETRY_DELAYS_MS, type EngineClient, type LoadFiles } from '$lib/state/engine.svelte';
import { MAX_LIFE_CIRCLE_ORIGINS } from '$lib/state/life-circle.svelte';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { IsochroneParams, IsochroneReply, RequestMessage, ResponseMessage } from '$lib/worker/protocol';
import type { LonLat } from '$lib/geo/lonlat';

const BASE = 'http://atlas.test/';
const A: LonLat = [121.41, 31.21];
const B: LonLat = [121.42, 31.21];
const C: LonLat = [121.43, 31.21];

/** The engine's files, without a network: a graph buffer the worker double never reads. */
const files: LoadFiles = async () => ({
	ok: true,
	files: { graph: new ArrayBuffer(8), water: null, amenities: { type: 'FeatureCollection', features: [] }, manifest: null, area: null }
});

/** A successful answer for a request, recognisable by its origin, minutes and speed. */
function answerFor(params: IsochroneParams): IsochroneReply {
	const empty = { type: 'FeatureCollection' as const, features: [] };
	return {
		ok: true,
		origin: params.origin,
		snapped: { point: params.origin, distance: 0 },
		minutes: params.minutes,
		speedKmh: params.speedKmh,
		bands: empty,
		reachedStreets: empty,
		checklist: { items: [], met: 0, judged: 0 },
		timings: { snapMs: 0, dijkstraMs: 0, bandMs: 0, streetsMs: 0, totalMs: 0 }
	};
}

/**
 * A worker that loads at once and answers isochrones only when the test says so, behind the real
 * client (so "latest wins" is the app's own). `received` lists what reached the worker.
 */
class ManualWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	received: RequestMessage[] = [];
	terminated = false;
	postMessage(message: unknown): void {
		const request = message as RequestMessage;
		this.received.push(request);
		if (request.name === 'init') queueMicrotask(() => this.reply(request.id, { nodeCount: 2, edgeCount: 2, loadMs: 1 }));
	}
	/** Answer the oldest isochrone request not yet answered. */
	answerNext(): IsochroneParams {
		const next = this.received.find((m) => m.name === 'isochrone' && !this.answered.has(m.id))!;
		this.answered.add(next.id);
		const params = next.params as IsochroneParams;
		this.reply(next.id, answerFor(params));
		return params;
	}
	isochrones(): IsochroneParams[] {
		return this.received.filter((m) => m.name === 'isochrone').map((m) => m.params as IsochroneParams);
	}
	terminate(): void {
		this.terminated = true;
	}
	private answered = new Set<number>();
	private reply(id: number, result: unknown): void {
		this.onmessage?.({ data: { id, ok: true, result } } as MessageEvent<ResponseMessage>);
	}
}

/** Let promises settle and effects run, a few rounds (the engine's start awaits its files, then init). */
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
	vi.useRealTimers();
});

/** An app whose engine runs on a worker double; the loop is following. */
function startApp(startWorker: () => EngineClient, options: { loadEngineFiles?: LoadFiles } = {}): AppState {
	const app = new AppState({ startWorker, loadEngineFiles: options.loadEngineFiles ?? files });
	app.assetBase = BASE;
	stops.push(app.lifeCircle.follow());
	return app;
}

function withWorker(): { app: AppState; worker: ManualWorker; started: () => number } {
	const worker = new ManualWorker();
	let count = 0;
	const app = startApp(() => {
		count++;
		return new WorkerClient(worker);
	});
	return { app, worker, started: () => count };
}

describe('the life-circle loop (state, not a panel)', () => {
	it('runs where effects run (vite.config.ts: the "runes" test project, tests/unit/runes-environment.ts)', () => {
		// In the plain node environment `.svelte.ts` is compiled for the server, where `$effect` never
		// runs: every test below would then fail for a reason that has nothing to do with the app.
		let runs = 0;
		const stop = $effect.root(() => {
			$effect(() => {
				runs++;
			});
		});
		flushSync();
		stop();
		expect(runs, 'effects do not run: this file must run in the runes environment').toBe(1);
	});

	it('computes when an origin is set, and recomputes when speed, bands or street colouring change', async () => {
		const { app, worker } = withWorker();
		const life = app.lifeCircle;
		app.setMode('life-circle');
		await settle();
		expect(life.engine.status.kind).toBe('ready');
		expect(worker.isochrones()).toEqual([]);

		life.origin = A;
		await settle();
		expect(worker.isochrones()).toHaveLength(1);
		worker.answerNext();
		await settle();
		expect(life.result).toMatchObject({ ok: true, origin: A, minutes: [5, 10, 15], speedKmh: 4 });
		expect(life.resultCount).toBe(1);

		life.setPreset('elderly');
		await settle();
		expect(worker.isochrones().at(-1)).toMatchObject({ origin: A, speedKmh: 3 });
		worker.answerNext();
		life.minutes = [10, 20];
		await settle();
		expect(worker.isochrones().at(-1)).toMatchObject({ minutes: [10, 20], speedKmh: 3 });
		worker.answerNext();
		life.showStreets = false;
		await settle();
		expect(worker.isochrones().at(-1)).toMatchObject({ includeStreets: false });
		worker.answerNext();
		await settle();
		expect(life.result).toMatchObject({ ok: true, minutes: [10, 20], speedKmh: 3 });
		expect(worker.isochrones()).toHaveLength(4);
	});

	it('drops a superseded answer: a drag paints only answers to the newest position', async () => {
		const { app, worker } = withWorker();
		const life = app.lifeCircle;
		app.setMode('life-circle');
		life.origin = A;
		await settle();
		// A is computing; B then C wait, and C replaces B before the worker is free.
		life.origin = B;
		await settle();
		life.origin = C;
		await settle();
		const painted: (LonLat | null)[] = [];
		worker.answerNext();
		await settle();
		painted.push(life.result?.ok ? life.result.origin : null);
		worker.answerNext();
		await settle();
		painted.push(life.result?.ok ? life.result.origin : null);
		expect(worker.isochrones().map((p) => p.origin)).toEqual([A, C]);
		expect(painted).toEqual([A, C]);
		expect(life.resultCount).toBe(2);

		// Cleared while the worker was busy: the answer that arrives after is nobody's any more.
		life.origin = B;
		await settle();
		life.clear();
		worker.answerNext();
		await settle();
		expect(life.result).toBeNull();
		expect(life.resultCount).toBe(2);
	});

	it('keeps following when the mode switches: a drag in Browse recomputes', async () => {
		const { app, worker } = withWorker();
		const life = app.lifeCircle;
		app.setMode('life-circle');
		life.origin = A;
		await settle();
		worker.answerNext();
		app.setMode('browse');
		await settle();
		life.origin = B;
		await settle();
		worker.answerNext();
		await settle();
		expect(life.engine.status.kind).toBe('ready');
		expect(worker.terminated).toBe(false);
		expect(life.result).toMatchObject({ ok: true, origin: B });
		app.setMode('measure');
		life.origin = C;
		await settle();
		worker.answerNext();
		await settle();
		expect(life.result).toMatchObject({ ok: true, origin: C });
	});

	it('starts the engine for an origin on the map even in Browse (a link), and not before', async () => {
		const { app, worker, started } = withWorker();
		await settle();
		expect(app.lifeCircle.engine.status.kind).toBe('idle');
		expect(started()).toBe(0);
		app.lifeCircle.origin = A;
		await settle();
		expect(started()).toBe(1);
		worker.answerNext();
		await settle();
		expect(app.lifeCircle.result).toMatchObject({ ok: true, origin: A });
	});

	it('retries a failing start with back-off, then reports; Retry starts over', async () => {
		vi.useFakeTimers();
		let calls = 0;
		const worker = new ManualWorker();
		let fail = true;
		const app = startApp(() => {
			calls++;
			if (fail) throw new Error('workers are not allowed here');
			return new WorkerClient(worker);
		});
		const engine = app.lifeCircle.engine;
		app.setMode('life-circle');
		await settle();
		expect(calls).toBe(1);
		expect(engine.status).toMatchObject({ kind: 'retrying', attempt: 1, attempts: 3, delayMs: ENGINE_RETRY_DELAYS_MS[0] });

		await vi.advanceTimersByTimeAsync(ENGINE_RETRY_DELAYS_MS[0] - 1);
		expect(calls).toBe(1);
		await vi.advanceTimersByTimeAsync(1);
		await settle();
		expect(calls).toBe(2);
		expect(engine.status).toMatchObject({ kind: 'retrying', attempt: 2, delayMs: ENGINE_RETRY_DELAYS_MS[1] });

		await vi.advanceTimersByTimeAsync(ENGINE_RETRY_DELAYS_MS[1]);
		await settle();
		expect(calls).toBe(3);
		expect(engine.status).toEqual({ kind: 'error', failure: { code: 'engine-start', message: 'workers are not allowed here' } });

		// Bounded: nothing more happens on its own, also when the inputs change.
		app.lifeCircle.origin = A;
		await vi.advanceTimersByTimeAsync(60_000);
		await settle();
		expect(calls).toBe(3);

		// The user's Retry: a fresh start, which now succeeds and computes the origin set meanwhile.
		fail = false;
		app.lifeCircle.retry();
		await settle();
		expect(calls).toBe(4);
		expect(engine.status.kind).toBe('ready');
		worker.answerNext();
		await settle();
		expect(app.lifeCircle.result).toMatchObject({ ok: true, origin: A });
	});

	it('reports a graph that cannot be fetched, without starting a worker for it', async () => {
		vi.useFakeTimers();
		const worker = new ManualWorker();
		let starts = 0;
		const app = startApp(
			() => {
				starts++;
				return new WorkerClient(worker);
			},
			{ loadEngineFiles: async () => ({ ok: false, failure: { code: 'graph-fetch', file: 'data/streets.graph.bin', problem: { kind: 'http', status: 404, statusText: 'Not Found' } } }) }
		);
		app.setMode('life-circle');
		await settle();
		await vi.advanceTimersByTimeAsync(ENGINE_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
		await settle();
		expect(app.lifeCircle.engine.status).toMatchObject({ kind: 'error', failure: { code: 'graph-fetch', problem: { status: 404 } } });
		// No worker was started for a graph that never arrived.
		expect(starts).toBe(0);
	});
});

describe('several origins and walking profiles (issue 10)', () => {
	it('asks for every origin in one request, the selected one first; removing one asks again without it', async () => {
		const { app, worker } = withWorker();
		const life = app.lifeCircle;
		app.setMode('life-circle');
		life.origin = A;
		await settle();
		worker.answerNext();
		// "Add origin", then a click on the map: a second origin, selected, not a move of the first.
		life.adding = true;
		app.mapClicked(B, null);
		expect(life.origins.map((o) => o.at)).toEqual([A, B]);
		expect(life.origin).toEqual(B);
		await settle();
		expect(worker.isochrones().at(-1)).toMatchObject({ origin: B, others: [A] });
		worker.answerNext();
		await settle();
		// the reply's parts are mapped back to their origins
		const [first, second] = life.origins;
		expect(life.replyFor(second.id)).toMatchObject({ origin: B });
		expect(life.replyFor(first.id)).toBeNull(); // the double answers `others` with nothing

		// A plain click now moves the selected origin; selecting the first and moving it keeps the second.
		app.mapClicked(C, null);
		expect(life.origins.map((o) => o.at)).toEqual([A, C]);
		life.selectOrigin(first.id);
		life.nudge(1, 0);
		expect(life.origins[1].at).toEqual(C);
		expect(life.origins[0].at[0]).toBeGreaterThan(A[0]);
		await settle();
		worker.answerNext();
		life.removeOrigin(first.id);
		expect(life.origin).toEqual(C);
		await settle();
		expect(worker.isochrones().at(-1)).toEqual({ origin: C, minutes: [5, 10, 15], speedKmh: 4, includeStreets: true });
	});

	it('caps the origins and says so; clear removes them all', () => {
		const { app } = withWorker();
		const life = app.lifeCircle;
		for (let i = 0; i < MAX_LIFE_CIRCLE_ORIGINS; i++) expect(life.addOrigin([121.40 + i / 1000, 31.21])).toBe(true);
		expect(life.full).toBe(false);
		expect(life.addOrigin(C)).toBe(false);
		expect(life.full).toBe(true);
		expect(life.origins).toHaveLength(MAX_LIFE_CIRCLE_ORIGINS);
		life.clear();
		expect(life.origins).toEqual([]);
		expect(life.origin).toBeNull();
	});

	it('sends the profile’s streets to keep off and the compared profile', async () => {
		const { app, worker } = withWorker();
		const life = app.lifeCircle;
		app.setMode('life-circle');
		life.origin = A;
		life.setPreset('wheelchair');
		life.compareId = 'child';
		await settle();
		expect(worker.isochrones().at(-1)).toEqual({
			origin: A,
			minutes: [5, 10, 15],
			speedKmh: 2.5,
			includeStreets: true,
			avoid: ['under-elevated'],
			compare: { speedKmh: 3.2, avoid: ['arterial'] }
		});
		// comparing a profile with itself draws nothing twice
		worker.answerNext();
		life.compareId = 'wheelchair';
		await settle();
		expect(worker.isochrones().at(-1)).not.toHaveProperty('compare');
	});
});

describe('the origin written back unchanged', () => {
	it('does not change the origins (an effect that reads and writes it must not loop)', () => {
		const { app } = withWorker();
		const life = app.lifeCircle;
		life.origin = A;
		const before = life.origins;
		life.origin = [A[0], A[1]];
		app.startLifeCircle(life.origin!);
		expect(life.origins).toBe(before);
	});
});
