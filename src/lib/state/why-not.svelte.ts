/**
 * "Why is this spot out of reach?" (issue 10, item 5): a spot asked about in the life circle, and the
 * worker's answer — the walk from the origin to it, the minutes beyond the largest band and the way
 * in (the bridge over the creek, or the street on which the walk passes the limit).
 *
 * A plain click in the life circle moves the origin, so asking has its own gestures: a right-click
 * (or a long press) on the map, or the card's "Pick a spot" button, which arms the next click. The
 * answer follows the origin, bands and speed while the spot is shown. Made on first need by
 * {@link whyNotOf} (the app state holds only the slot), so none of this is in the first view.
 */
import { untrack } from 'svelte';
import { fetchJson } from '$lib/data/fetch';
import { STREETS_FILE } from '$lib/data/files';
import type { LonLat } from '$lib/geo/lonlat';
import { waysFromStreets, type WayInfo } from '$lib/graph/why-not';
import type { WhyNotReply } from '$lib/worker/protocol';
import type { WalkingEngine } from './engine.svelte';

/** The answer as the card and the map read it (components do not import the worker). */
export type WhyNotAnswer = WhyNotReply;

/** What the tool needs of the life circle: its origin, bands, speed and engine. */
export interface WhyNotLife {
	readonly origin: LonLat | null;
	readonly minutes: readonly number[];
	readonly speedKmh: number;
	readonly engine: Pick<WalkingEngine, 'status' | 'whyNot' | 'network'>;
}

export interface WhyNotOptions {
	life: WhyNotLife;
	/** The app's base URL, once known (null before); the street names are under it. */
	assetBase: () => string | null;
	/** Fetches the streets' names and bridge flags (default: streets.geojson, already cached by the map). */
	loadWays?: (assetBase: string) => Promise<WayInfo[]>;
}

export class WhyNotState {
	/** The next click on the map asks about its spot instead of moving the origin. */
	armed = $state(false);
	/** The spot asked about; null when none is shown. */
	spot = $state.raw<LonLat | null>(null);
	/** The answer for `spot` and the current origin, bands and speed; null while it is computed. */
	answer = $state.raw<WhyNotAnswer | null>(null);
	/** The worker failed for the current inputs (its message, in English, for the card to quote). */
	error = $state<string | null>(null);

	#ways: Promise<WayInfo[] | null> | null = null;
	#asked = 0;
	readonly #options: WhyNotOptions;
	readonly #stop: () => void;

	constructor(options: WhyNotOptions) {
		this.#options = options;
		// Lives as long as the app: the answer follows the origin (a drag), the bands and the speed.
		this.#stop = $effect.root(() => {
			$effect(() => {
				const spot = this.spot;
				const { origin, minutes, speedKmh, engine } = this.#options.life;
				if (!spot || !origin || engine.status.kind !== 'ready') return;
				void minutes.length;
				void speedKmh;
				untrack(() => void this.#compute(spot));
			});
		});
	}

	/** Arm (or disarm) the next map click as a question. */
	arm(on = true): void {
		this.armed = on;
	}

	/** Ask about a spot (a right-click, the armed click, the map centre). */
	ask(at: LonLat): void {
		this.armed = false;
		this.answer = null;
		this.error = null;
		this.spot = at;
	}

	clear(): void {
		this.armed = false;
		this.spot = null;
		this.answer = null;
		this.error = null;
	}

	/** Stop following the inputs (tests; the app's state lives as long as the page). */
	destroy(): void {
		this.#stop();
	}

	async #compute(spot: LonLat): Promise<void> {
		const { origin, minutes, speedKmh, engine } = this.#options.life;
		if (!origin) return;
		const id = ++this.#asked;
		const ways = await this.#loadWays();
		if (id !== this.#asked) return;
		// The bundled streets' names describe the bundled ways only: on an imported extract, no names.
		const request = engine.whyNot({ origin, point: spot, minutes: [...minutes], speedKmh, ways: engine.network ? null : ways });
		if (!request) return;
		try {
			const outcome = await request;
			if (outcome.stale || id !== this.#asked || this.spot !== spot) return;
			this.answer = outcome.result;
			this.error = null;
		} catch (error) {
			if (id === this.#asked) this.error = (error as Error).message;
		}
	}

	/** The street table, fetched once; without it the walk is still explained, only no bridge is named. */
	#loadWays(): Promise<WayInfo[] | null> {
		const base = this.#options.assetBase();
		if (!base) return Promise.resolve(null);
		this.#ways ??= (this.#options.loadWays ?? defaultLoadWays)(base).catch((error: unknown) => {
			console.warn('why-not: the street names could not be read:', error);
			return null;
		});
		return this.#ways;
	}
}

async function defaultLoadWays(assetBase: string): Promise<WayInfo[]> {
	const json = (await fetchJson(new URL(STREETS_FILE, assetBase).href, STREETS_FILE)) as { features?: unknown };
	if (!Array.isArray(json.features)) throw new Error(`${STREETS_FILE} is not a FeatureCollection`);
	return waysFromStreets(json as Parameters<typeof waysFromStreets>[0]);
}

/** What {@link whyNotOf} needs of the app state: its one `whyNot` slot, the life circle and the base URL. */
export interface WhyNotHost {
	whyNot: WhyNotState | null;
	lifeCircle: WhyNotLife;
	assetBase: string | null;
}

/** The app's "why not" tool, made the first time it is asked for (by its map layer or its card). */
export function whyNotOf(app: WhyNotHost): WhyNotState {
	app.whyNot ??= new WhyNotState({ life: app.lifeCircle, assetBase: () => app.assetBase });
	return app.whyNot;
}
