// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * The engine's side of an imported network (issue 11, item 3): progress reaches `networkBuild`, a
 * finished build is `network`, a bad file is a notice, and Cancel (or "back to the bundled network")
 * stops the worker and starts a fresh one on the bundled files, with the user's layers sent again.
 * The worker is a fake driven by the test.
 */
import { describe, expect, it } from 'vitest';
import { WalkingEngine, type LoadFiles } from '$lib/state/engine.svelte';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { BuildNetworkReply, RequestMessage, ResponseMessage } from '$lib/worker/protocol';
import type { NetworkSummary } from '$lib/osm/network';
import { useNetwork } from '$lib/state/user-network';

let loads = 0;
const files: LoadFiles = async () => {
	loads++;
	return { ok: true, files: { graph: new ArrayBuffer(8), water: null, amenities: { type: 'FeatureCollection', features: [] }, manifest: null, area: null } };
};

/** Answers "init" and "setUserSources" at once; holds "buildNetwork" until the test answers it. */
class FakeWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	sent: RequestMessage[] = [];
	terminated = false;
	postMessage(message: unknown): void {
		const m = message as RequestMessage;
		this.sent.push(m);
		if (m.name === 'init') this.reply(m.id, { nodeCount: 2, edgeCount: 1, loadMs: 1 });
		if (m.name === 'setUserSources') this.reply(m.id, { sources: [] });
	}
	reply(id: number, result: unknown): void {
		queueMicrotask(() => this.onmessage?.({ data: { id, ok: true, result } } as MessageEvent<ResponseMessage>));
	}
	build(): RequestMessage {
		return this.sent.find((m) => m.name === 'buildNetwork')!;
	}
	progress(data: ResponseMessage): void {
		this.onmessage?.({ data } as MessageEvent<ResponseMessage>);
	}
	terminate(): void {
		this.terminated = true;
	}
}

const settle = async () => {
	for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

async function setUp() {
	const workers: FakeWorker[] = [];
	const engine = new WalkingEngine({ startWorker: () => new WorkerClient(workers[workers.push(new FakeWorker()) - 1]), loadFiles: files, retryDelaysMs: [] });
	engine.start('http://atlas.test/');
	await settle();
	expect(engine.status.kind).toBe('ready');
	return { engine, workers };
}

const SUMMARY: NetworkSummary = { name: 'mine.osm', format: 'xml', osmNodes: 40, osmWays: 12, streets: 9, nodes: 30, edges: 60, date: '2025-01-02' };

describe('an imported network in the engine', () => {
	it('shows each stage, then walks on the extract; back to the bundled network starts a fresh worker', async () => {
		const { engine, workers } = await setUp();
		engine.setUserSources([{ id: 'a', name: 'a.csv', points: [[121.42, 31.22]], labels: [''] }]);
		const bytes = new ArrayBuffer(16);
		const done = useNetwork(engine, 'http://atlas.test/', 'mine.osm', bytes);
		await settle();
		expect(engine.networkBuild).toEqual({ name: 'mine.osm', progress: null });
		const build = workers[0].build();
		expect(build.params).toMatchObject({ name: 'mine.osm' });
		workers[0].progress({ id: build.id, progress: { stage: 'parse', nodes: 40, ways: 12 } });
		expect(engine.networkBuild).toEqual({ name: 'mine.osm', progress: { stage: 'parse', nodes: 40, ways: 12 } });
		workers[0].reply(build.id, { ok: true, summary: SUMMARY } satisfies BuildNetworkReply);
		await done;
		expect(engine.network).toEqual(SUMMARY);
		expect(engine.networkBuild).toBeNull();
		expect(engine.data?.network).toBe('full-osm');

		engine.backToBundled();
		await settle();
		expect(workers[0].terminated).toBe(true);
		expect(workers).toHaveLength(2);
		expect(engine.status.kind).toBe('ready');
		expect(engine.network).toBeNull();
		// the user's layers go to the fresh worker too
		expect(workers[1].sent.map((m) => m.name)).toEqual(['init', 'setUserSources']);
	});

	it('Cancel stops the build: the pending request is rejected, a fresh worker loads the bundled files, nothing else is lost', async () => {
		const { engine, workers } = await setUp();
		engine.setUserSources([{ id: 'a', name: 'a.csv', points: [[121.42, 31.22]], labels: [''] }]);
		const before = loads;
		const done = useNetwork(engine, 'http://atlas.test/', 'big.osm.pbf', new ArrayBuffer(16));
		await settle();
		workers[0].progress({ id: workers[0].build().id, progress: { stage: 'convert', streets: 1234 } });
		engine.cancelNetwork();
		await done; // settles: the rejection is the cancel's, not reported as a failure
		await settle();
		expect(engine.networkNotice).toEqual({ kind: 'cancelled', name: 'big.osm.pbf' });
		expect(engine.networkBuild).toBeNull();
		expect(workers[0].terminated).toBe(true);
		expect(loads).toBe(before + 1);
		expect(engine.status.kind).toBe('ready');
		expect(engine.network).toBeNull();
		expect(engine.userSources.map((s) => s.id)).toEqual(['a']);
		expect(workers[1].sent.map((m) => m.name)).toEqual(['init', 'setUserSources']);
	});

	it('a bad file is a notice, and the worker stays as it was', async () => {
		const { engine, workers } = await setUp();
		const done = useNetwork(engine, 'http://atlas.test/', 'broken.osm', new ArrayBuffer(4));
		await settle();
		workers[0].reply(workers[0].build().id, { ok: false, reason: 'bad-file', message: 'cannot read the XML: unclosed tag' } satisfies BuildNetworkReply);
		await done;
		expect(engine.networkNotice).toEqual({ kind: 'failed', name: 'broken.osm', reason: 'bad-file', message: 'cannot read the XML: unclosed tag' });
		expect(engine.network).toBeNull();
		expect(workers).toHaveLength(1);
		expect(workers[0].terminated).toBe(false);
	});
});
