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
import { DEFAULT_PRESET_ID, DEFAULT_SPEED_KMH, WALKING_SPEED_PRESETS, assertWalkingSpeed, type WalkingProfile, type WalkingSpeedId } from '$lib/geo/walking';
import type { ringBands } from '$lib/geo/band-rings';
import type { IsochroneFailure, IsochroneParams, IsochroneReply, LifeCircleBandProperties } from '$lib/worker/protocol';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { WalkingEngine, type LoadFiles, type StartWorker } from './engine.svelte';

export type { EngineFailure, EngineStatus } from './engine.svelte';
/** The newest answer of the walking engine, as panels read it (components do not import the worker). */
export type LifeCircleResult = IsochroneReply;
export type LifeCircleFailure = IsochroneFailure;

/** An amenity picked on the map or in the checklist, with where it is. */
export type SelectedAmenity = AmenityProperties & { at: LonLat };

/** One origin of the life circle; `id` stays with it while it is dragged, `colour` is its index in the outline palette. */
export interface LifeCircleOrigin {
	readonly id: number;
	readonly at: LonLat;
}

/** Several origins drawn as one area (the union per band) or each with its own outline. */
export type OriginView = 'merged' | 'each';
/** Bands as areas from the origin (0–5, 0–10, 0–15 min) or as rings (5–10, 10–15). */
export type BandDisplay = 'cumulative' | 'ring';

/** Most origins at once (the worker's `MAX_ORIGINS`: each is a walk of its own). */
export const MAX_LIFE_CIRCLE_ORIGINS = 8;

/** Bands as the map and the panel show them: each band, and where `from` is set, the ring from that limit. */
export type ShownBandProperties = LifeCircleBandProperties & { origin: number; from?: number; ring_m2?: number };

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
	/** Every origin, in the order added (the outline colours follow it). */
	origins = $state.raw<readonly LifeCircleOrigin[]>([]);
	/** The origin the panel, the nudge keys and `origin` refer to. */
	selectedId = $state<number | null>(null);
	view = $state<OriginView>('merged');
	bandDisplay = $state<BandDisplay>('cumulative');
	/** A second profile drawn from the selected origin as a dashed outline, or null. */
	compareId = $state<WalkingSpeedId | null>(null);
	/** After "Add origin": the next map click adds one instead of moving the selected origin. */
	adding = $state(false);
	/** Set when an origin could not be added because there are {@link MAX_LIFE_CIRCLE_ORIGINS}. */
	full = $state(false);
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
	/** Which origin each part of `result` answers: the selected one, then `result.others` in order. */
	resultIds = $state.raw<readonly number[]>([]);
	/** Bumped by clear(), so an answer computed before a clear is dropped. */
	private clears = 0;
	private nextId = 1;

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

	/**
	 * The selected origin (null without one). Setting it moves the selected origin, or adds the first
	 * one; setting null clears every origin. Code that knows one origin (a click, a link, Framing)
	 * keeps working unchanged.
	 */
	get origin(): LonLat | null {
		return this.origins.find((o) => o.id === this.selectedId)?.at ?? null;
	}

	set origin(at: LonLat | null) {
		if (at === null) this.clear();
		else if (this.selectedId !== null && this.origins.some((o) => o.id === this.selectedId)) this.moveOrigin(this.selectedId, at);
		else this.setOrigins([at], 0);
	}

	/** Add an origin and select it; false (and `full` set) when there are already {@link MAX_LIFE_CIRCLE_ORIGINS}. */
	addOrigin(at: LonLat): boolean {
		this.adding = false;
		if (this.origins.length >= MAX_LIFE_CIRCLE_ORIGINS) {
			this.full = true;
			return false;
		}
		const id = this.nextId++;
		this.origins = [...this.origins, { id, at }];
		this.selectedId = id;
		this.full = false;
		return true;
	}

	moveOrigin(id: number, at: LonLat): void {
		// Setting the same place again changes nothing: effects that read the origin and write it back
		// (Framing) must not loop.
		const old = this.origins.find((o) => o.id === id);
		if (!old || (old.at[0] === at[0] && old.at[1] === at[1])) return;
		this.origins = this.origins.map((o) => (o.id === id ? { id, at } : o));
	}

	/** Remove an origin; the one before it (or the new first) becomes selected. The last one clears. */
	removeOrigin(id: number): void {
		const i = this.origins.findIndex((o) => o.id === id);
		if (i < 0) return;
		if (this.origins.length === 1) return this.clear();
		const rest = this.origins.filter((o) => o.id !== id);
		this.origins = rest;
		if (this.selectedId === id) this.selectedId = rest[Math.max(0, i - 1)].id;
		this.full = false;
	}

	selectOrigin(id: number): void {
		if (this.origins.some((o) => o.id === id)) this.selectedId = id;
	}

	/** Replace every origin (a link, Back/Forward), selecting the one at `selected`. */
	setOrigins(points: readonly LonLat[], selected: number): void {
		const list = points.slice(0, MAX_LIFE_CIRCLE_ORIGINS).map((at) => ({ id: this.nextId++, at }));
		this.origins = list;
		this.selectedId = list.length ? list[Math.min(Math.max(0, selected), list.length - 1)].id : null;
		this.full = false;
	}

	/** The origin's number as the panel and the map name it (1, 2, …), by its place in the list. */
	originNumber(id: number): number {
		return this.origins.findIndex((o) => o.id === id) + 1;
	}

	/** The map was clicked in the life-circle tool: true when the click added an origin (after "Add origin"). */
	takeClick(at: LonLat): boolean {
		if (!this.adding) return false;
		this.addOrigin(at);
		return true;
	}

	/** The walking profile in use; a custom speed keeps to every street. */
	get profile(): WalkingProfile | null {
		return WALKING_SPEED_PRESETS.find((p) => p.id === this.presetId) ?? null;
	}

	/** The compared profile, when one is chosen and it is not the profile in use. */
	get compareProfile(): WalkingProfile | null {
		const p = WALKING_SPEED_PRESETS.find((x) => x.id === this.compareId) ?? null;
		return p && p.id !== this.presetId ? p : null;
	}

	/** Each origin's newest reply, with its origin id (the selected one's is `result`, first). */
	readonly replies = $derived.by((): readonly { id: number; reply: IsochroneReply }[] => {
		const result = this.result;
		if (!result) return [];
		const parts = [result, ...(result.ok ? (result.others ?? []) : [])];
		return this.resultIds.flatMap((id, i) => (parts[i] ? [{ id, reply: parts[i] }] : []));
	});

	/** An origin's newest reply, or null before its first. */
	replyFor(id: number): IsochroneReply | null {
		return this.replies.find((r) => r.id === id)?.reply ?? null;
	}

	/** Whether the map and panel show the union of several origins. */
	readonly showsMerged = $derived(this.view === 'merged' && this.origins.length > 1 && !!this.result?.ok && !!this.result.merged);

	/** What the panel's band table and checklist describe: the merged area, or the selected origin. */
	readonly shown = $derived.by(() => {
		const r = this.result;
		if (!r?.ok) return null;
		if (this.showsMerged && r.merged) return { bands: r.merged.bands, checklist: r.merged.checklist, merged: true };
		return { bands: r.bands, checklist: r.checklist, merged: false };
	});

	/**
	 * The ring maker (polygon difference, turf): on-demand code, fetched when rings are first asked for,
	 * so the first view does not carry turf. Until it has arrived the bands show as areas.
	 */
	#ringBands = $state.raw<typeof ringBands | null>(null);
	#ringBandsAsked = false;

	#loadRingBands(): void {
		if (this.#ringBandsAsked) return;
		this.#ringBandsAsked = true;
		import('$lib/geo/band-rings').then(
			(module) => (this.#ringBands = module.ringBands),
			(error: unknown) => {
				this.#ringBandsAsked = false;
				console.error('The ring bands could not be loaded:', error);
			}
		);
	}

	/**
	 * The bands on the map: merged, or every origin's (each view), as areas or as rings; each feature
	 * carries its origin's number (0 for merged) for the outline colour.
	 */
	readonly mapBands = $derived.by((): FeatureCollection<Polygon | MultiPolygon, ShownBandProperties> => {
		const features: FeatureCollection<Polygon | MultiPolygon, ShownBandProperties>['features'] = [];
		if (this.bandDisplay === 'ring') this.#loadRingBands(); // once; the answer redraws through #ringBands
		const toRings = this.bandDisplay === 'ring' ? this.#ringBands : null;
		const add = (bands: FeatureCollection<Polygon | MultiPolygon, LifeCircleBandProperties>, origin: number) => {
			const shown = toRings ? toRings(bands) : bands;
			for (const f of shown.features) features.push({ ...f, properties: { ...f.properties, origin } });
		};
		const r = this.result;
		if (!r?.ok) return { type: 'FeatureCollection', features };
		if (this.showsMerged && r.merged) add(r.merged.bands, 0);
		else if (this.view === 'each' && this.origins.length > 1) {
			for (const { id, reply } of this.replies) {
				const n = this.originNumber(id);
				if (reply.ok && n > 0) add(reply.bands, n);
			}
		} else add(r.bands, this.originNumber(this.selectedId ?? -1));
		return { type: 'FeatureCollection', features };
	});

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
		this.origins = [];
		this.selectedId = null;
		this.adding = false;
		this.full = false;
		this.result = null;
		this.resultIds = [];
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
		const selected = this.origins.find((o) => o.id === this.selectedId);
		if (!selected) return;
		const others = this.origins.filter((o) => o !== selected);
		const params: IsochroneParams = { origin: selected.at, minutes: [...this.minutes], speedKmh: this.speedKmh, includeStreets: this.showStreets };
		// Only what differs from the plain single walk is sent, so a plain request stays as it was.
		const avoid = this.profile?.avoid ?? [];
		if (avoid.length > 0) params.avoid = [...avoid];
		if (others.length > 0) params.others = others.map((o) => o.at);
		const compare = this.compareProfile;
		if (compare) params.compare = { speedKmh: compare.kmh, avoid: [...compare.avoid] };
		const ids = [selected.id, ...others.map((o) => o.id)];
		const request = this.engine.isochrone(params);
		if (!request) return;
		const generation = this.clears;
		const started = performance.now();
		try {
			const outcome = await request;
			// Cleared while the worker was busy: nobody asks for this answer any more. (A moved origin
			// still paints: during a drag each answer is the newest computed so far.)
			if (outcome.stale || generation !== this.clears) return;
			this.result = outcome.result;
			this.resultIds = ids;
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
