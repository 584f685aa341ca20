// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * The user's points in the analysis, from the panel's checkbox to the worker (issue 11, item 3): a
 * layer switched on "for analysis" is sent to the walking engine as a user source (and again to every
 * new worker), coverage offers it as a category with the user's threshold, and removing the layer
 * takes the category away. The worker is a fake that records what it is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { WalkingEngine, type LoadFiles } from '$lib/state/engine.svelte';
import { CoverageState } from '$lib/state/coverage.svelte';
import { memoryStore } from '$lib/state/user-layer-store';
import { UserLayersState } from '$lib/state/user-layers.svelte';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { CoverageReply, RequestMessage, ResponseMessage } from '$lib/worker/protocol';

const files: LoadFiles = async () => ({
	ok: true,
	files: { graph: new ArrayBuffer(8), water: null, amenities: { type: 'FeatureCollection', features: [] }, manifest: null, area: null }
});

/** Answers every request at once; keeps what it was sent. */
class FakeWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	sent: RequestMessage[] = [];
	postMessage(message: unknown): void {
		const m = message as RequestMessage;
		this.sent.push(m);
		const result =
			m.name === 'init'
				? { nodeCount: 2, edgeCount: 1, loadMs: 1 }
				: m.name === 'coverage'
					? ({ ok: false, reason: 'no-amenities', category: (m.params as { category: string }).category, message: '' } satisfies CoverageReply)
					: { sources: [] };
		queueMicrotask(() => this.onmessage?.({ data: { id: m.id, ok: true, result } } as MessageEvent<ResponseMessage>));
	}
	terminate(): void {}
}

const settle = async () => {
	for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
	flushSync();
};

let stops: (() => void)[] = [];
afterEach(() => {
	for (const stop of stops) stop();
	stops = [];
});

const CSV = 'name,lon,lat\nCentre A,121.4246,31.2204\nCentre B,121.4100,31.2150\n';

async function setUp() {
	const workers: FakeWorker[] = [];
	const engine = new WalkingEngine({ startWorker: () => new WorkerClient(workers[workers.push(new FakeWorker()) - 1]), loadFiles: files, retryDelaysMs: [] });
	let n = 0;
	const layers = new UserLayersState({ openStore: async () => memoryStore(), loadReference: () => Promise.reject(new Error('no streets here')), newId: () => `l${++n}` });
	stops.push(layers.feed(engine));
	const coverage = new CoverageState({ engine, assetBase: () => 'http://atlas.test/', wanted: () => true, speedKmh: () => 4 });
	stops.push(coverage.follow());
	flushSync();
	await settle();
	return { engine, layers, coverage, workers };
}

const userMessages = (w: FakeWorker) => w.sent.filter((m) => m.name === 'setUserSources').map((m) => m.params as { sources: { id: string; name: string; points: number[][]; labels: string[] }[] });

describe('user points in the analysis', () => {
	it('a layer switched on for analysis goes to the worker, becomes a coverage category with the user’s threshold, and goes with the layer', async () => {
		const { engine, layers, coverage, workers } = await setUp();
		expect(engine.status.kind).toBe('ready');
		const layer = (await layers.add(new File([CSV], 'centres.csv')))!;
		expect(layer.pointCount).toBe(2);
		await settle();
		expect(userMessages(workers[0])).toEqual([]); // not for analysis yet: nothing sent
		expect(coverage.userCategories).toEqual([]);

		await layers.setAnalysis(layer.id, true);
		await settle();
		expect(userMessages(workers[0])).toEqual([{ sources: [{ id: 'l1', name: 'centres.csv', points: [[121.4246, 31.2204], [121.41, 31.215]], labels: ['Centre A', 'Centre B'] }] }]);
		expect(coverage.userCategories).toEqual([{ id: 'user:l1', name: 'centres.csv', count: 2 }]);

		// coverage of it asks with the default threshold, then with the one picked
		expect(coverage.setCategory('user:nope')).toBe(false);
		expect(coverage.setCategory('user:l1')).toBe(true);
		flushSync();
		await settle();
		expect(coverage.setUserThreshold(0)).toBe(false);
		expect(coverage.setUserThreshold(12)).toBe(true);
		flushSync();
		await settle();
		const asked = workers[0].sent.filter((m) => m.name === 'coverage').map((m) => m.params);
		expect(asked.slice(-2)).toEqual([
			{ category: 'user:l1', speedKmh: 4, thresholdMinutes: 10 },
			{ category: 'user:l1', speedKmh: 4, thresholdMinutes: 12 }
		]);
		// the built-in categories are asked as before: no threshold
		expect(asked[0]).toEqual({ category: 'bus-stop', speedKmh: 4 });

		// showing and hiding the layer sends nothing
		const count = userMessages(workers[0]).length;
		await layers.setVisible(layer.id, false);
		await settle();
		expect(userMessages(workers[0])).toHaveLength(count);

		// removed: the worker is told, and coverage falls back to the default category
		await layers.remove(layer.id);
		await settle();
		expect(userMessages(workers[0]).at(-1)).toEqual({ sources: [] });
		expect(coverage.userCategories).toEqual([]);
		expect(coverage.category).toBe('bus-stop');
	});

	it('a new worker gets the user sources right after "init"', async () => {
		const { engine, layers, workers } = await setUp();
		const layer = (await layers.add(new File([CSV], 'centres.csv')))!;
		await layers.setAnalysis(layer.id, true);
		await settle();
		engine.stop();
		engine.start('http://atlas.test/');
		await settle();
		expect(workers).toHaveLength(2);
		expect(workers[1].sent.map((m) => m.name).slice(0, 2)).toEqual(['init', 'setUserSources']);
		expect(userMessages(workers[1])[0].sources.map((s) => s.id)).toEqual(['l1']);
	});

	it('a layer without points cannot be used for analysis', async () => {
		const { layers } = await setUp();
		const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[121.42, 31.22], [121.43, 31.22]] } }] });
		const layer = (await layers.add(new File([line], 'line.geojson')))!;
		expect(layer.pointCount).toBe(0);
		await layers.setAnalysis(layer.id, true);
		expect(layers.layers[0].analysis).toBe(false);
		expect(layers.analysisSources).toEqual([]);
	});
});
