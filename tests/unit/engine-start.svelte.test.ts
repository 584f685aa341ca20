// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * The walking engine's code comes on demand (issue 9, a lean first view): its default file loader
 * and the app's default worker factory are dynamic imports. Code that does not arrive (the network
 * dropped) must end as an engine failure the panel can word and retry, like a missing file, never as
 * an unhandled rejection; and a factory that answers with a promise is waited for.
 */
import { describe, expect, it } from 'vitest';
import { WalkingEngine, type EngineClient, type EngineStatus, type LoadFiles } from '$lib/state/engine.svelte';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { RequestMessage, ResponseMessage } from '$lib/worker/protocol';

const BASE = 'http://atlas.test/';

const files: LoadFiles = async () => ({
	ok: true,
	files: { graph: new ArrayBuffer(8), water: null, amenities: { type: 'FeatureCollection', features: [] }, manifest: null, area: null }
});

/** A worker that loads at once. */
class LoadingWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	postMessage(message: unknown): void {
		const { id, name } = message as RequestMessage;
		if (name === 'init') queueMicrotask(() => this.onmessage?.({ data: { id, ok: true, result: { nodeCount: 2, edgeCount: 1, loadMs: 1 } } } as MessageEvent<ResponseMessage>));
	}
	terminate(): void {
		this.terminated = true;
	}
}

/** Start an engine (no automatic retries) and wait until it has settled. */
async function started(options: { startWorker: () => EngineClient | Promise<EngineClient>; loadFiles: LoadFiles }): Promise<EngineStatus> {
	const engine = new WalkingEngine({ ...options, retryDelaysMs: [] });
	engine.start(BASE);
	for (let i = 0; i < 50 && (engine.status.kind === 'loading' || engine.status.kind === 'idle'); i++) await new Promise((r) => setTimeout(r, 0));
	return engine.status;
}

const chunkError = () => new TypeError('Failed to fetch dynamically imported module: http://atlas.test/_app/immutable/chunks/x.js');

describe('the walking engine with on-demand code', () => {
	it('waits for a worker factory that answers with a promise', async () => {
		const worker = new LoadingWorker();
		const status = await started({ startWorker: async () => new WorkerClient(worker), loadFiles: files });
		expect(status).toMatchObject({ kind: 'ready', nodes: 2, edges: 1 });
	});

	it('a worker client whose code did not arrive is an engine-start failure', async () => {
		const status = await started({ startWorker: () => Promise.reject(chunkError()), loadFiles: files });
		expect(status).toEqual({ kind: 'error', failure: { code: 'engine-start', message: chunkError().message } });
	});

	it('a file loader whose code did not arrive is an engine-start failure, and no worker is started', async () => {
		let workers = 0;
		const status = await started({
			startWorker: () => {
				workers++;
				return new WorkerClient(new LoadingWorker());
			},
			loadFiles: () => Promise.reject(chunkError())
		});
		expect(status).toEqual({ kind: 'error', failure: { code: 'engine-start', message: chunkError().message } });
		expect(workers).toBe(0);
	});

	it('a missing file is still that file’s failure, not the code’s', async () => {
		const missing: LoadFiles = async () => ({
			ok: false,
			failure: { code: 'graph-fetch', file: 'data/streets.graph.bin', problem: { kind: 'http', status: 404, statusText: 'Not Found' } }
		});
		const status = await started({ startWorker: () => new WorkerClient(new LoadingWorker()), loadFiles: missing });
		expect(status).toMatchObject({ kind: 'error', failure: { code: 'graph-fetch' } });
	});
});
