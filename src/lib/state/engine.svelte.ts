/**
 * The walking engine: a worker holding the street graph, and what its files say about the data.
 * It starts once per intent (the life-circle tool is wanted, or the user's Retry). A failed start is
 * retried automatically a bounded number of times with back-off, then reported; every failed or
 * replaced worker is terminated. The worker client is made by an injected factory, so all of this
 * runs in vitest with a test double.
 */
import type { AmenityCollection, CategorySource } from '$lib/data/amenities';
import type { EngineFiles, FilesFailure } from '$lib/data/engine-files';
import { FETCH_DEADLINE_MS } from '$lib/data/fetch';
import type { DataNotice } from '$lib/data/load';
import type { Bilingual } from '$lib/data/schema';
import { FULL_NETWORK_WALK, type OffStreetWalk } from '$lib/graph/off-street';
import type { Outcome, WorkerClient } from '$lib/worker/client';
import type { CoverageAtParams, CoverageParams, IsochroneParams, NetworkProgress, NetworkSummary, RouteParams, WhyNotParams } from '$lib/worker/protocol';
import type { UserSource } from '$lib/geo/user-category';
import type { WayInfo } from '$lib/graph/why-not';

/** Why the engine is not running; worded by the panel. */
export type EngineFailure =
	| FilesFailure
	/** The worker could not be started, or it failed while loading the graph. */
	| { code: 'engine-start'; message: string }
	/** The worker did not answer "init" in time. */
	| { code: 'engine-timeout'; seconds: number }
	/** The worker was running and crashed. */
	| { code: 'engine-stopped'; message: string };

export type EngineStatus =
	| { kind: 'idle' }
	| { kind: 'loading'; attempt: number }
	/** An attempt failed; the next one starts after `delayMs` (unless the user retries at once). */
	| { kind: 'retrying'; failure: EngineFailure; attempt: number; attempts: number; delayMs: number }
	| { kind: 'ready'; nodes: number; edges: number; loadMs: number }
	| { kind: 'error'; failure: EngineFailure };

/** What the engine's files say about the data, for the checklist, the legend and the accuracy note. */
export interface EngineData {
	/** The amenity points the worker was given; raw, never deep-proxied. */
	amenities: AmenityCollection;
	/** Where the amenities come from, in a few words. */
	amenityOrigin: Bilingual;
	/** Per category: how complete the amenity data is, its source and date. */
	amenitySources: Record<string, CategorySource>;
	/** The off-street walk the data build chose for this network. */
	walk: OffStreetWalk;
	/** Which network the data build made: the bundled roads or an imported OSM extract. */
	network: 'roads-only' | 'full-osm';
	/** The bundled streets' names and bridge flags (per feature, as the graph's `edgeWay`), or null without the file. */
	ways: WayInfo[] | null;
}

/** Waits before the automatic retries: two retries, at 1 s and then 4 s. */
export const ENGINE_RETRY_DELAYS_MS = [1_000, 4_000] as const;
/** How long the worker's "init" may take before the attempt counts as failed (as long as a file may take). */
export const ENGINE_DEADLINE_MS = FETCH_DEADLINE_MS;

/** What the engine needs of a worker client (src/lib/worker/client.ts); a test passes a double. */
export type EngineClient = Pick<WorkerClient, 'request' | 'terminate' | 'onFailure'> & Partial<Pick<WorkerClient, 'cancel'>>;

/** An OSM extract being made the walking network: its name and the last stage reported. */
export interface NetworkBuild {
	name: string;
	progress: NetworkProgress | null;
}

/** What the last attempt to use an extract as the network ended with, for the panel. */
export type NetworkNotice =
	/** `reason`: the file does not read, has no walkable street in Changning, or the engine failed; `message` is English. */
	| { kind: 'failed'; name: string; reason: 'bad-file' | 'no-streets' | 'engine'; message: string }
	| { kind: 'cancelled'; name: string };

/**
 * Makes a worker client. It may return a promise, so the client's code can come on demand (a dynamic
 * `import()`); a factory that throws or rejects is an `engine-start` failure, retried as any other.
 */
export type StartWorker = () => EngineClient | Promise<EngineClient>;

export type LoadFiles = (assetBase: string) => Promise<{ ok: true; files: EngineFiles } | { ok: false; failure: FilesFailure }>;

export interface EngineOptions {
	/** Creates a worker client: the browser's isochrone worker, or a test double. */
	startWorker: StartWorker;
	/**
	 * Fetches and checks the engine's files (default: `loadEngineFiles` with `fetch`, its code fetched
	 * on first use: the graph reader is not part of the first view).
	 */
	loadFiles?: LoadFiles;
	/** Told about optional files the engine does without (water, amenities, manifest). */
	notify?: (notice: DataNotice) => void;
	/** Told when a running worker crashes (its answers are gone). */
	onCrash?: () => void;
	/** Waits before the automatic retries, ms (default {@link ENGINE_RETRY_DELAYS_MS}). */
	retryDelaysMs?: readonly number[];
}

type Attempt = { ok: true; client: EngineClient; summary: { nodeCount: number; edgeCount: number; loadMs: number }; files: EngineFiles } | { ok: false; failure: EngineFailure };

export class WalkingEngine {
	status = $state.raw<EngineStatus>({ kind: 'idle' });
	/** Null until the engine has started once. */
	data = $state.raw<EngineData | null>(null);
	/**
	 * The user's point layers used for analysis (issue 11), as last set: every worker gets them after
	 * "init". Answers depend on them, so `isochrone` and `coverage` read them: an effect asking the
	 * worker asks again when they change.
	 */
	userSources = $state.raw<readonly UserSource[]>([]);
	/**
	 * The user's OSM extract the worker walks on instead of the bundled network (issue 11), or null.
	 * Not kept over a reload: a new page walks on the bundled network again.
	 */
	network = $state.raw<NetworkSummary | null>(null);
	/** An extract being built into the network now (the panel shows its progress and Cancel). */
	networkBuild = $state.raw<NetworkBuild | null>(null);
	/** How the last extract ended when it did not become the network. */
	networkNotice = $state.raw<NetworkNotice | null>(null);
	private assetBase: string | null = null;
	/** Bumped by every extract the user asks for, so only the newest one reports (state/user-network.ts). */
	networkBuilds = 0;

	#client: EngineClient | null = null;
	/** Bumped by every start, stop and crash: an older start loop that wakes up stops. */
	private session = 0;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private wakeRetry: (() => void) | null = null;
	private readonly options: Required<Omit<EngineOptions, 'loadFiles'>> & { loadFiles: LoadFiles };

	constructor(options: EngineOptions) {
		const notify = options.notify ?? (() => {});
		this.options = {
			startWorker: options.startWorker,
			notify,
			onCrash: options.onCrash ?? (() => {}),
			retryDelaysMs: options.retryDelaysMs ?? ENGINE_RETRY_DELAYS_MS,
			loadFiles: options.loadFiles ?? (async (assetBase) => (await import('$lib/data/engine-files')).loadEngineFiles(assetBase, { notify }))
		};
	}

	/**
	 * Start the engine, once per intent: does nothing while it is loading, waiting to retry or
	 * ready; after a final error it starts over.
	 *
	 * @param assetBase absolute URL the app is served from, ending in "/"
	 */
	start(assetBase: string): void {
		const kind = this.status.kind;
		if (kind === 'loading' || kind === 'retrying' || kind === 'ready') return;
		void this.run(assetBase);
	}

	/** The user's Retry: start over now, with a fresh allowance of automatic retries. */
	retry(assetBase: string): void {
		if (this.status.kind === 'ready' || this.status.kind === 'loading') return;
		void this.run(assetBase);
	}

	/** Stop the engine and any pending retry (the worker is terminated). */
	stop(): void {
		this.network = null;
		this.networkBuild = null;
		this.session++;
		this.cancelRetryWait();
		this.#client?.terminate();
		this.#client = null;
		this.status = { kind: 'idle' };
	}

	/** Ask the worker for an isochrone; null when the engine is not ready. Superseded asks resolve stale. */
	isochrone(params: IsochroneParams): Promise<Outcome<'isochrone'>> | null {
		void this.userSources; // the checklist has a row per user source
		void this.network; // and a new network means new walks
		return this.#client ? this.#client.request('isochrone', params) : null;
	}

	/** Use these point layers in the checklist and coverage (the whole set; [] for none). Never throws. */
	setUserSources(sources: readonly UserSource[]): void {
		this.userSources = sources;
		if (this.#client) this.sendUserSources(this.#client);
	}

	/** The worker client in use (null when the engine is not ready): for state/user-network.ts. */
	get client(): EngineClient | null {
		return this.#client;
	}

	/** The user's Cancel while an extract is built: the worker is stopped and a fresh one loads the bundled network. */
	cancelNetwork(): void {
		const build = this.networkBuild;
		if (!build) return;
		this.networkBuild = null;
		this.networkNotice = { kind: 'cancelled', name: build.name };
		this.restartBundled();
	}

	/** Back to the bundled network: a fresh worker on the app's own files (the user's layers go with it). */
	backToBundled(): void {
		if (!this.network) return;
		this.networkNotice = null;
		this.restartBundled();
	}

	private restartBundled(): void {
		const client = this.#client;
		this.session++;
		this.cancelRetryWait();
		this.#client = null;
		this.network = null;
		this.status = { kind: 'idle' };
		// Outstanding requests are rejected: their callers see an engine that is no longer ready.
		if (client) (client.cancel ?? client.terminate).call(client);
		if (this.assetBase) void this.run(this.assetBase);
	}

	private sendUserSources(client: EngineClient): void {
		client.request('setUserSources', { sources: [...this.userSources] }).catch((error: unknown) => console.warn('Your layers could not be sent to the walking engine:', error));
	}

	/** Ask the worker for the walks along a measured path; null when the engine is not ready. Superseded asks resolve stale. */
	route(params: RouteParams): Promise<Outcome<'route'>> | null {
		return this.#client ? this.#client.request('route', params) : null;
	}

	/** Ask the worker for a category's coverage of the district; null when the engine is not ready. */
	coverage(params: CoverageParams): Promise<Outcome<'coverage'>> | null {
		void this.userSources;
		void this.network;
		return this.#client ? this.#client.request('coverage', params) : null;
	}

	/** Ask the worker for the nearest amenity of a category from a point; null when the engine is not ready. */
	coverageAt(params: CoverageAtParams): Promise<Outcome<'coverageAt'>> | null {
		return this.#client ? this.#client.request('coverageAt', params) : null;
	}

	/** Ask the worker why a spot is (not) within the life circle; null when the engine is not ready. */
	whyNot(params: WhyNotParams): Promise<Outcome<'whyNot'>> | null {
		return this.client ? this.client.request('whyNot', params) : null;
	}

	private cancelRetryWait(): void {
		if (this.retryTimer !== null) clearTimeout(this.retryTimer);
		this.retryTimer = null;
		// Let a loop parked in its back-off wake up and see that its session is over.
		this.wakeRetry?.();
		this.wakeRetry = null;
	}

	private async run(assetBase: string): Promise<void> {
		this.assetBase = assetBase;
		const session = ++this.session;
		this.cancelRetryWait();
		const delays = this.options.retryDelaysMs;
		for (let attempt = 1; ; attempt++) {
			this.status = { kind: 'loading', attempt };
			const outcome = await this.attempt(assetBase);
			if (session !== this.session) {
				if (outcome.ok) outcome.client.terminate();
				return;
			}
			if (outcome.ok) {
				this.adopt(outcome);
				return;
			}
			const delayMs = delays[attempt - 1];
			if (delayMs === undefined) {
				this.status = { kind: 'error', failure: outcome.failure };
				return;
			}
			this.status = { kind: 'retrying', failure: outcome.failure, attempt, attempts: delays.length + 1, delayMs };
			await new Promise<void>((wake) => {
				this.wakeRetry = wake;
				this.retryTimer = setTimeout(wake, delayMs);
			});
			if (session !== this.session) return;
			this.retryTimer = null;
			this.wakeRetry = null;
		}
	}

	/** One try: fetch and check the files, start a worker, load it. A failed worker is terminated. */
	private async attempt(assetBase: string): Promise<Attempt> {
		let loaded: Awaited<ReturnType<LoadFiles>>;
		try {
			loaded = await this.options.loadFiles(assetBase);
		} catch (error) {
			// Not a file's failure (those come back as values): the loader's own code did not arrive.
			return { ok: false, failure: { code: 'engine-start', message: (error as Error).message } };
		}
		if (!loaded.ok) return loaded;
		const { files } = loaded;
		let client: EngineClient;
		try {
			client = await this.options.startWorker();
		} catch (error) {
			return { ok: false, failure: { code: 'engine-start', message: (error as Error).message } };
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		try {
			const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ENGINE_DEADLINE_MS)));
			const manifest = files.manifest;
			const init = client.request(
				'init',
				{
					graph: files.graph,
					barriers: files.water,
					amenities: files.amenities,
					coverage: manifest?.amenities.coverage ?? {},
					walk: manifest?.walk,
					area: files.area,
					wayKinds: files.wayKinds ?? null
				},
				[files.graph]
			);
			const outcome = await Promise.race([init, deadline]);
			if (outcome === 'timeout') {
				client.terminate();
				return { ok: false, failure: { code: 'engine-timeout', seconds: ENGINE_DEADLINE_MS / 1000 } };
			}
			if (outcome.stale) {
				client.terminate();
				return { ok: false, failure: { code: 'engine-start', message: 'stopped while loading' } };
			}
			return { ok: true, client, summary: outcome.result, files };
		} catch (error) {
			client.terminate();
			return { ok: false, failure: { code: 'engine-start', message: (error as Error).message } };
		} finally {
			clearTimeout(timer);
		}
	}

	private adopt({ client, summary, files }: Extract<Attempt, { ok: true }>): void {
		this.#client = client;
		if (this.userSources.length > 0) this.sendUserSources(client);
		// A crash after this point (mid-session) is reported; the user's Retry starts a new worker.
		client.onFailure = (error) => {
			if (this.#client !== client) return;
			this.session++;
			client.terminate();
			this.#client = null;
			this.status = { kind: 'error', failure: { code: 'engine-stopped', message: error.message } };
			this.options.onCrash();
		};
		const manifest = files.manifest;
		this.data = {
			amenities: files.amenities,
			amenityOrigin: manifest?.amenities.origin ?? { en: '', zh: '' },
			amenitySources: files.amenities.categories ?? {},
			walk: manifest?.walk ?? FULL_NETWORK_WALK,
			network: manifest?.walk?.network ?? 'full-osm',
			ways: files.ways ?? null
		};
		// A new worker walks on the bundled network.
		this.network = null;
		this.status = { kind: 'ready', nodes: summary.nodeCount, edges: summary.edgeCount, loadMs: summary.loadMs };
	}
}
