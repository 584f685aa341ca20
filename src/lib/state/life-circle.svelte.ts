/**
 * The life-circle tool: its inputs (origin, speed, bands) and the newest result from the worker.
 * The engine (a worker holding the street graph) starts once per intent: entering the tool, or the
 * user's Retry. A failed start is retried automatically a bounded number of times with back-off,
 * then reported; every failed or replaced worker is terminated.
 */
import { DEFAULT_SPEED_KMH, WALKING_SPEED_PRESETS, assertWalkingSpeed } from '$lib/geo/walking';
import type { IsochroneReply } from '$lib/worker/protocol';
import type { WorkerClient } from '$lib/worker/client';
import type { AmenityCollection, AmenityProperties, CategorySource } from '$lib/data/amenities';
import { DataFetchError, fetchBytes, fetchJson, reasonOf, type DataNotice, type FetchProblem } from '$lib/data/load';
import type { Coverage } from '$lib/geo/life-circle';
import { FULL_NETWORK_WALK, type OffStreetWalk } from '$lib/graph/off-street';
import { StreetGraph } from '$lib/graph/street-graph';
import type { FeatureCollection } from 'geojson';

/** Why the engine is not running; worded by the panel. */
export type EngineFailure =
	/** The graph file did not arrive: HTTP status, network error, deadline or size cap. */
	| { code: 'graph-fetch'; file: string; problem: FetchProblem }
	/** The graph file arrived but its header does not check out (the validator's message). */
	| { code: 'graph-corrupt'; file: string; message: string }
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

/** The graph file under the app, as the data build writes it. */
export const GRAPH_FILE = 'data/streets.graph.bin';
/** Waits before the automatic retries: two retries, at 1 s and then 4 s. */
export const ENGINE_RETRY_DELAYS_MS = [1_000, 4_000] as const;
/** The district's graph is well under 1 MB (a full OSM import a few MB); a file this large is not ours. */
export const MAX_GRAPH_BYTES = 32 * 2 ** 20;
/** How long a file download or the worker's "init" may take before the attempt counts as failed. */
export const ENGINE_DEADLINE_MS = 20_000;

const WATER_FILE = 'data/water.geojson';
const AMENITIES_FILE = 'data/amenities.geojson';
const MANIFEST_FILE = 'data/manifest.json';

interface EngineManifest {
	amenities?: { coverage?: Coverage; origin?: { en: string; zh: string } };
	walk?: OffStreetWalk & { network?: 'roads-only' | 'full-osm' };
}

type Attempt =
	| {
			ok: true;
			client: WorkerClient;
			summary: { nodeCount: number; edgeCount: number; loadMs: number };
			amenities: AmenityCollection;
			manifest: EngineManifest;
	  }
	| { ok: false; failure: EngineFailure };

export type LonLat = [number, number];

/** Metres per degree at Changning's latitude, for nudging the origin by a walkable step. */
const NUDGE_METRES = 50;
const METRES_PER_DEG_LAT = 110_860;
const METRES_PER_DEG_LON = 95_180;

export class LifeCircleState {
	origin = $state.raw<LonLat | null>(null);
	speedKmh = $state(DEFAULT_SPEED_KMH);
	presetId = $state<string>('shanghai-standard');
	minutes = $state.raw<number[]>([5, 10, 15]);
	showStreets = $state(true);
	engine = $state.raw<EngineStatus>({ kind: 'idle' });
	/** The newest answer; raw, never deep-proxied (it holds FeatureCollections). */
	result = $state.raw<IsochroneReply | null>(null);
	/** How many answers have been applied; a drag benchmark divides it by time. */
	resultCount = $state(0);
	/** Wall-clock milliseconds of the last round trip to the worker. */
	roundTripMs = $state<number | null>(null);
	amenityOrigin = $state.raw<{ en: string; zh: string }>({ en: '', zh: '' });
	/** Per category: how complete the amenity data is, its source and date (from the data build). */
	amenitySources = $state.raw<Record<string, CategorySource>>({});
	/** The off-street walk the data build chose for this network, for the accuracy note. */
	walk = $state.raw<OffStreetWalk>(FULL_NETWORK_WALK);
	/** Which network the data build made: the bundled roads or an imported OSM extract. */
	network = $state<'roads-only' | 'full-osm'>('roads-only');
	/** The amenity picked on the map (or from a checklist row), for the details panel. */
	selectedAmenity = $state.raw<(AmenityProperties & { at: LonLat }) | null>(null);

	private client: WorkerClient | null = null;
	/** Bumped by every start and by a crash: an older start loop that wakes up stops. */
	private session = 0;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private wakeRetry: (() => void) | null = null;

	/** @param notify told about optional files the engine does without (water, amenities, manifest) */
	constructor(private readonly notify: (notice: DataNotice) => void = () => {}) {}
	/** Bumped by clear(), so an answer computed before a clear is dropped. */
	private clears = 0;

	setPreset(id: string): void {
		const preset = WALKING_SPEED_PRESETS.find((p) => p.id === id);
		if (!preset) return;
		this.presetId = id;
		this.speedKmh = preset.kmh;
	}

	/** Returns an error message for a bad speed, or null once it is applied. */
	setCustomSpeed(kmh: number): string | null {
		try {
			assertWalkingSpeed(kmh);
		} catch (error) {
			return (error as Error).message;
		}
		this.presetId = 'custom';
		this.speedKmh = kmh;
		return null;
	}

	nudge(dx: -1 | 0 | 1, dy: -1 | 0 | 1): void {
		if (!this.origin) return;
		const [lon, lat] = this.origin;
		this.origin = [lon + (dx * NUDGE_METRES) / METRES_PER_DEG_LON, lat + (dy * NUDGE_METRES) / METRES_PER_DEG_LAT];
	}

	/** The amenity points the worker was given; raw, never deep-proxied. */
	amenities = $state.raw<AmenityCollection | null>(null);

	selectAmenity(amenity: (AmenityProperties & { at: LonLat }) | null): void {
		this.selectedAmenity = amenity;
	}

	/** Select an amenity by id (e.g. a checklist row's nearest); unknown ids clear the selection. */
	selectAmenityById(id: string): void {
		const feature = this.amenities?.features.find((f) => f.properties.id === id);
		if (!feature) {
			this.selectedAmenity = null;
			return;
		}
		const g = feature.geometry;
		const at = (g.type === 'Point' ? g.coordinates : g.coordinates[0]) as LonLat;
		this.selectedAmenity = { ...feature.properties, at: [at[0], at[1]] };
	}

	clear(): void {
		this.clears++;
		this.origin = null;
		this.result = null;
	}

	/**
	 * Start the engine, once per intent (entering the tool): does nothing while it is loading,
	 * waiting to retry or ready; after a final error it starts over.
	 *
	 * @param assetBase absolute URL the app is served from, ending in "/"
	 * @param startWorker creates a worker client (the browser's worker, or a test double)
	 */
	start(assetBase: string, startWorker: () => WorkerClient): void {
		const kind = this.engine.kind;
		if (kind === 'loading' || kind === 'retrying' || kind === 'ready') return;
		void this.run(assetBase, startWorker);
	}

	/** The user's Retry: start over now, with a fresh allowance of automatic retries. */
	retry(assetBase: string, startWorker: () => WorkerClient): void {
		if (this.engine.kind === 'ready' || this.engine.kind === 'loading') return;
		void this.run(assetBase, startWorker);
	}

	/** Stop the engine and any pending retry (the worker is terminated). */
	stop(): void {
		this.session++;
		this.cancelRetryWait();
		this.client?.terminate();
		this.client = null;
		this.engine = { kind: 'idle' };
	}

	private cancelRetryWait(): void {
		if (this.retryTimer !== null) clearTimeout(this.retryTimer);
		this.retryTimer = null;
		// Let a loop parked in its back-off wake up and see that its session is over.
		this.wakeRetry?.();
		this.wakeRetry = null;
	}

	private async run(assetBase: string, startWorker: () => WorkerClient): Promise<void> {
		const session = ++this.session;
		this.cancelRetryWait();
		const attempts = ENGINE_RETRY_DELAYS_MS.length + 1;
		for (let attempt = 1; ; attempt++) {
			this.engine = { kind: 'loading', attempt };
			const outcome = await this.attempt(assetBase, startWorker);
			if (session !== this.session) {
				if (outcome.ok) outcome.client.terminate();
				return;
			}
			if (outcome.ok) {
				this.adopt(outcome);
				return;
			}
			const delayMs = ENGINE_RETRY_DELAYS_MS[attempt - 1];
			if (delayMs === undefined) {
				this.engine = { kind: 'error', failure: outcome.failure };
				return;
			}
			this.engine = { kind: 'retrying', failure: outcome.failure, attempt, attempts, delayMs };
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
	private async attempt(assetBase: string, startWorker: () => WorkerClient): Promise<Attempt> {
		// assetBase is absolute and ends in "/" (see AppState.assetBase).
		const url = (file: string) => `${assetBase}${file}`;
		const limits = { timeoutMs: ENGINE_DEADLINE_MS, maxBytes: MAX_GRAPH_BYTES };
		const [graph, water, amenities, manifest] = await Promise.all([
			fetchBytes(url(GRAPH_FILE), GRAPH_FILE, limits).catch((error: unknown) => error as Error),
			this.optional(url(WATER_FILE), WATER_FILE, 'water', readCollection, null),
			this.optional(url(AMENITIES_FILE), AMENITIES_FILE, 'amenities', readAmenities, { type: 'FeatureCollection', features: [] } as AmenityCollection),
			this.optional(url(MANIFEST_FILE), MANIFEST_FILE, 'manifest', readManifest, {})
		]);
		if (graph instanceof DataFetchError) return { ok: false, failure: { code: 'graph-fetch', file: GRAPH_FILE, problem: graph.problem } };
		if (graph instanceof Error) return { ok: false, failure: { code: 'graph-fetch', file: GRAPH_FILE, problem: { kind: 'network', message: graph.message } } };
		try {
			// A full validation pass (a few ms): a corrupt file is named here, not reported as a worker failure.
			StreetGraph.fromBuffer(graph);
		} catch (error) {
			return { ok: false, failure: { code: 'graph-corrupt', file: GRAPH_FILE, message: (error as Error).message.replace(/^StreetGraph: /, '') } };
		}
		let client: WorkerClient;
		try {
			client = startWorker();
		} catch (error) {
			return { ok: false, failure: { code: 'engine-start', message: (error as Error).message } };
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		try {
			const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ENGINE_DEADLINE_MS)));
			const init = client.request(
				'init',
				{ graph, barriers: water, amenities, coverage: manifest.amenities?.coverage ?? {}, walk: manifest.walk },
				[graph]
			);
			const outcome = await Promise.race([init, deadline]);
			if (outcome === 'timeout') {
				client.terminate();
				return { ok: false, failure: { code: 'engine-timeout', seconds: ENGINE_DEADLINE_MS / 1000 } };
			}
			if (outcome.stale) {
				client.terminate();
				return { ok: false, failure: { code: 'engine-start', message: 'the worker was stopped while loading' } };
			}
			return { ok: true, client, summary: outcome.result, amenities, manifest };
		} catch (error) {
			client.terminate();
			return { ok: false, failure: { code: 'engine-start', message: (error as Error).message } };
		} finally {
			clearTimeout(timer);
		}
	}

	/** An optional file: its parsed content, or the fallback and a quiet notice. */
	private async optional<T>(url: string, file: string, code: DataNotice['code'], read: (json: unknown) => T, fallback: T): Promise<T> {
		try {
			return read(await fetchJson(url, file, { timeoutMs: ENGINE_DEADLINE_MS }));
		} catch (error) {
			this.notify({ code, file, reason: reasonOf(error) });
			return fallback;
		}
	}

	private adopt(outcome: Extract<Attempt, { ok: true }>): void {
		const { client, summary, amenities, manifest } = outcome;
		this.client = client;
		// A crash after this point (mid-session) is reported; the user's Retry starts a new worker.
		client.onFailure = (error) => {
			if (this.client !== client) return;
			this.session++;
			client.terminate();
			this.client = null;
			this.result = null;
			this.engine = { kind: 'error', failure: { code: 'engine-stopped', message: error.message } };
		};
		this.amenityOrigin = manifest.amenities?.origin ?? { en: '', zh: '' };
		this.walk = manifest.walk ?? FULL_NETWORK_WALK;
		this.network = manifest.walk?.network ?? 'full-osm';
		this.amenitySources = amenities.categories ?? {};
		this.amenities = amenities;
		this.engine = { kind: 'ready', nodes: summary.nodeCount, edges: summary.edgeCount, loadMs: summary.loadMs };
	}

	/**
	 * Keep the bands up to date with the inputs, whichever panel is open: the origin marker is on the
	 * map in every mode, so a drag in Browse must recompute too (a panel's effect would stop when the
	 * panel closes). Returns the function that stops following.
	 */
	follow(): () => void {
		return $effect.root(() => {
			// compute() reads every input before it awaits, so this effect depends on all of them; the
			// worker client keeps only the newest request.
			$effect(() => {
				if (this.engine.kind === 'ready') void this.compute();
			});
		});
	}

	/** Ask the worker for the current inputs; a superseded answer is dropped, never painted. */
	async compute(): Promise<void> {
		const origin = this.origin;
		if (!this.client || !origin) return;
		const generation = this.clears;
		const started = performance.now();
		try {
			const outcome = await this.client.request('isochrone', {
				origin,
				minutes: this.minutes,
				speedKmh: this.speedKmh,
				includeStreets: this.showStreets
			});
			// Cleared while the worker was busy: nobody asks for this answer any more. (A moved origin
			// still paints: during a drag each answer is the newest computed so far.)
			if (outcome.stale || generation !== this.clears) return;
			this.result = outcome.result;
			this.resultCount++;
			this.roundTripMs = performance.now() - started;
		} catch (error) {
			// A crash is reported by the engine status instead (and the result is cleared there).
			if (generation === this.clears && this.engine.kind === 'ready') {
				this.result = { ok: false, reason: 'error', message: (error as Error).message };
			}
		}
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readCollection(json: unknown): FeatureCollection {
	if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		throw new Error('not a GeoJSON FeatureCollection');
	}
	return json as unknown as FeatureCollection;
}

function readAmenities(json: unknown): AmenityCollection {
	const collection = readCollection(json);
	for (const f of collection.features) {
		const type = f?.geometry?.type;
		if (type !== 'Point' && type !== 'MultiPoint') throw new Error('an amenity is not a point');
	}
	return collection as AmenityCollection;
}

function readManifest(json: unknown): EngineManifest {
	if (!isRecord(json) || !isRecord(json.amenities) || !isRecord(json.amenities.coverage)) {
		throw new Error('no "amenities.coverage" table');
	}
	const walk = json.walk;
	// `walk` is optional (older builds): without it the engine uses the full-network setting.
	const usable = isRecord(walk) && typeof walk.detour === 'number' && typeof walk.maxMetres === 'number';
	return { amenities: json.amenities as EngineManifest['amenities'], walk: usable ? (walk as unknown as EngineManifest['walk']) : undefined };
}
