/**
 * The life-circle tool: its inputs (origin, speed, bands) and the newest result from the worker.
 * The worker starts on first use; the street graph is fetched once and transferred to it.
 */
import { DEFAULT_SPEED_KMH, WALKING_SPEED_PRESETS, assertWalkingSpeed } from '$lib/geo/walking';
import type { IsochroneReply } from '$lib/worker/protocol';
import type { WorkerClient } from '$lib/worker/client';
import type { AmenityCollection, AmenityProperties, CategorySource } from '$lib/data/amenities';
import type { Coverage } from '$lib/geo/life-circle';
import { FULL_NETWORK_WALK, type OffStreetWalk } from '$lib/graph/off-street';

export type EngineStatus =
	| { kind: 'idle' }
	| { kind: 'loading' }
	| { kind: 'ready'; nodes: number; edges: number; loadMs: number }
	| { kind: 'error'; message: string };

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

	/** Start the worker and hand it the graph, the creek and the amenities (once). */
	async ensureEngine(assetBase: string, start: () => WorkerClient): Promise<void> {
		if (this.client || this.engine.kind === 'loading') return;
		this.engine = { kind: 'loading' };
		try {
			const at = (file: string) => fetch(`${assetBase}data/${file}`);
			const [graph, water, amenities, manifest] = await Promise.all([
				at('streets.graph.bin').then((r) => checked(r).arrayBuffer()),
				at('water.geojson').then((r) => checked(r).json()),
				at('amenities.geojson').then((r) => checked(r).json() as Promise<AmenityCollection>),
				at('manifest.json').then(
					(r) =>
						checked(r).json() as Promise<{
							amenities: { coverage: Coverage; origin: { en: string; zh: string } };
							walk?: OffStreetWalk & { network?: 'roads-only' | 'full-osm' };
						}>
				)
			]);
			const client = start();
			const outcome = await client.request(
				'init',
				{ graph, barriers: water, amenities, coverage: manifest.amenities.coverage, walk: manifest.walk },
				[graph]
			);
			if (outcome.stale) return;
			this.client = client;
			this.amenityOrigin = manifest.amenities.origin;
			this.walk = manifest.walk ?? FULL_NETWORK_WALK;
			this.network = manifest.walk?.network ?? 'full-osm';
			this.amenitySources = amenities.categories ?? {};
			this.amenities = amenities;
			this.engine = { kind: 'ready', nodes: outcome.result.nodeCount, edges: outcome.result.edgeCount, loadMs: outcome.result.loadMs };
		} catch (error) {
			this.engine = { kind: 'error', message: `The walking network could not load: ${(error as Error).message}` };
		}
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
			if (generation === this.clears) this.result = { ok: false, reason: 'error', message: (error as Error).message };
		}
	}
}

function checked(response: Response): Response {
	if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
	return response;
}
