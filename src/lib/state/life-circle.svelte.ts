/**
 * The life-circle tool: its inputs (origin, speed, bands), the newest answer, and the loop that keeps
 * the answer current. The loop lives here, not in a panel: the origin marker is on the map in every
 * mode, so a drag in Browse must recompute too, and a panel's effect would stop when the panel closes.
 * The engine (engine.svelte.ts) owns the worker; components only read and write this state.
 */
import { untrack } from 'svelte';
import type { AmenityProperties } from '$lib/data/amenities';
import type { DataNotice } from '$lib/data/load';
import { DEFAULT_BANDS } from '$lib/geo/life-circle-categories';
import type { LonLat } from '$lib/geo/lonlat';
import { DEFAULT_PRESET_ID, DEFAULT_SPEED_KMH, WALKING_SPEED_PRESETS, assertWalkingSpeed } from '$lib/geo/walking';
import type { IsochroneFailure, IsochroneReply } from '$lib/worker/protocol';
import { WalkingEngine, type LoadFiles, type StartWorker } from './engine.svelte';

export type { EngineFailure, EngineStatus } from './engine.svelte';
/** The newest answer of the walking engine, as panels read it (components do not import the worker). */
export type LifeCircleResult = IsochroneReply;
export type LifeCircleFailure = IsochroneFailure;

/** An amenity picked on the map or in the checklist, with where it is. */
export type SelectedAmenity = AmenityProperties & { at: LonLat };

/** Metres per degree at Changning's latitude, for nudging the origin by a walkable step. */
const NUDGE_METRES = 50;
const METRES_PER_DEG_LAT = 110_860;
const METRES_PER_DEG_LON = 95_180;

export interface LifeCircleOptions {
	/** Creates a worker client: the browser's isochrone worker, or a test double. */
	startWorker: StartWorker;
	/** The app's base URL, once known (null before); the engine's files are under it. */
	assetBase: () => string | null;
	/** Whether the tool is in use (its mode is on); with an origin on the map the engine runs anyway. */
	wanted: () => boolean;
	/** Told about optional files the engine does without. */
	notify?: (notice: DataNotice) => void;
	/** Fetches the engine's files (tests pass a double). */
	loadFiles?: LoadFiles;
	/** Waits before the engine's automatic retries, ms. */
	retryDelaysMs?: readonly number[];
}

export class LifeCircleState {
	origin = $state.raw<LonLat | null>(null);
	speedKmh = $state(DEFAULT_SPEED_KMH);
	presetId = $state<string>(DEFAULT_PRESET_ID);
	minutes = $state.raw<readonly number[]>(DEFAULT_BANDS);
	showStreets = $state(true);
	/** The newest answer; raw, never deep-proxied (it holds FeatureCollections). */
	result = $state.raw<IsochroneReply | null>(null);
	/** How many answers have been applied; a drag benchmark divides it by time. */
	resultCount = $state(0);
	/** Wall-clock milliseconds of the last round trip to the worker. */
	roundTripMs = $state<number | null>(null);
	/** The amenity picked on the map (or from a checklist row), for the details panel. */
	selectedAmenity = $state.raw<SelectedAmenity | null>(null);

	readonly engine: WalkingEngine;
	/** Bumped by clear(), so an answer computed before a clear is dropped. */
	private clears = 0;

	constructor(private readonly options: LifeCircleOptions) {
		this.engine = new WalkingEngine({
			startWorker: options.startWorker,
			notify: options.notify,
			loadFiles: options.loadFiles,
			retryDelaysMs: options.retryDelaysMs,
			// The answer came from the crashed worker: the engine status reports the crash instead.
			onCrash: () => (this.result = null)
		});
	}

	/** What the engine's files say (empty until it has started once). */
	get amenities() {
		return this.engine.data?.amenities ?? null;
	}

	setPreset(id: string): void {
		const preset = WALKING_SPEED_PRESETS.find((p) => p.id === id);
		if (!preset) return;
		this.presetId = id;
		this.speedKmh = preset.kmh;
	}

	/** Apply a custom speed; returns false (and changes nothing) for a speed outside 0.5–10 km/h. */
	setCustomSpeed(kmh: number): boolean {
		try {
			assertWalkingSpeed(kmh);
		} catch {
			return false;
		}
		this.presetId = 'custom';
		this.speedKmh = kmh;
		return true;
	}

	nudge(dx: -1 | 0 | 1, dy: -1 | 0 | 1): void {
		if (!this.origin) return;
		const [lon, lat] = this.origin;
		this.origin = [lon + (dx * NUDGE_METRES) / METRES_PER_DEG_LON, lat + (dy * NUDGE_METRES) / METRES_PER_DEG_LAT];
	}

	selectAmenity(amenity: SelectedAmenity | null): void {
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
		const at = g.type === 'Point' ? g.coordinates : g.coordinates[0];
		this.selectedAmenity = { ...feature.properties, at: [at[0], at[1]] };
	}

	clear(): void {
		this.clears++;
		this.origin = null;
		this.result = null;
	}

	/** The user's Retry after the engine failed. */
	retry(): void {
		const base = this.options.assetBase();
		if (base) this.engine.retry(base);
	}

	/**
	 * Keep the answer up to date with the inputs, whichever panel is open, until the returned
	 * function is called: the engine starts when the tool is wanted or an origin is on the map, and
	 * every change of origin, bands, speed or street colouring asks the worker again.
	 */
	follow(): () => void {
		return $effect.root(() => {
			const hasOrigin = $derived(this.origin !== null);
			const wanted = $derived(this.options.wanted());
			// Only these three decide to start: the engine's own status must never re-run this (a failed
			// start would restart itself in a loop); retries belong to its back-off and to Retry.
			$effect(() => {
				const base = this.options.assetBase();
				if (base && (wanted || hasOrigin)) untrack(() => this.engine.start(base));
			});
			// compute() reads every input before it awaits, so this effect depends on all of them; the
			// worker client keeps only the newest request.
			$effect(() => {
				if (this.engine.status.kind === 'ready') void this.compute();
			});
		});
	}

	/** Ask the worker for the current inputs; a superseded answer is dropped, never painted. */
	async compute(): Promise<void> {
		const origin = this.origin;
		if (!origin) return;
		const request = this.engine.isochrone({ origin, minutes: [...this.minutes], speedKmh: this.speedKmh, includeStreets: this.showStreets });
		if (!request) return;
		const generation = this.clears;
		const started = performance.now();
		try {
			const outcome = await request;
			// Cleared while the worker was busy: nobody asks for this answer any more. (A moved origin
			// still paints: during a drag each answer is the newest computed so far.)
			if (outcome.stale || generation !== this.clears) return;
			this.result = outcome.result;
			this.resultCount++;
			this.roundTripMs = performance.now() - started;
		} catch (error) {
			// A crash is reported by the engine status instead (and the result is cleared there).
			if (generation === this.clears && this.engine.status.kind === 'ready') {
				this.result = { ok: false, reason: 'error', message: (error as Error).message };
			}
		}
	}
}
