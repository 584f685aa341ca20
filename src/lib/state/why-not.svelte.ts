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
import type { LonLat } from '$lib/geo/lonlat';
import type { WayInfo } from '$lib/graph/why-not';
import type { WhyNotReply } from '$lib/worker/protocol';
import type { WalkingEngine } from './engine.svelte';

/** The answer as the card and the map read it (components do not import the worker). */
export type WhyNotAnswer = WhyNotReply;

/** What the tool needs of the life circle: its origin, bands, speed and engine. */
export interface WhyNotLife {
	readonly origin: LonLat | null;
	readonly minutes: readonly number[];
	readonly speedKmh: number;
	/** `data.ways`: the bundled streets' names and bridge flags, read once with the engine's files. */
	readonly engine: Pick<WalkingEngine, 'status' | 'whyNot' | 'network'> & { readonly data: { readonly ways: WayInfo[] | null } | null };
}

export interface WhyNotOptions {
	life: WhyNotLife;
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
		// The bundled streets' names describe the bundled ways only: on an imported extract, no names.
		const ways = engine.network ? null : (engine.data?.ways ?? null);
		const request = engine.whyNot({ origin, point: spot, minutes: [...minutes], speedKmh, ways });
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

}

/** What {@link whyNotOf} needs of the app state: its one `whyNot` slot and the life circle. */
export interface WhyNotHost {
	whyNot: WhyNotState | null;
	lifeCircle: WhyNotLife;
}

/** The app's "why not" tool, made the first time it is asked for (by its map layer or its card). */
export function whyNotOf(app: WhyNotHost): WhyNotState {
	app.whyNot ??= new WhyNotState({ life: app.lifeCircle });
	return app.whyNot;
}
