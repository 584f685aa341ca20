/**
 * The measure tool: walking-radius circles around the first point, a path through all points, and
 * the walk along the streets beside each straight leg.
 *
 * A path is drawn point by point and then finished (a double-click, Esc or the Finish button); a
 * finished path can be continued or cleared, and the next click on the map starts a new one. The
 * walk along the streets comes from the walking engine's worker (shared with the life circle, which
 * owns it); `follow()` keeps it current, whichever panel is open.
 */
import { untrack } from 'svelte';
import type { Feature, FeatureCollection } from 'geojson';
import { DEFAULT_BANDS } from '$lib/geo/life-circle-categories';
import type { LonLat } from '$lib/geo/lonlat';
import { pathLegs } from '$lib/geo/path';
import { walkingCircles } from '$lib/geo/walking-circles';
import { walkingMinutes } from '$lib/geo/walking';
import { LOCALES, translate, type Lang } from '$lib/i18n/strings';
import type { Outcome } from '$lib/worker/client';
import type { RouteParams, RouteReply } from '$lib/worker/protocol';
import type { WalkingEngine } from './engine.svelte';

/** A circle's label from its radius (metres, rounded) and minutes; the map passes the UI's words. */
export type CircleLabel = (metres: number, minutes: number) => string;

/**
 * A length label on the map: a straight length (a leg, or the path so far), with the walk along the
 * streets beside it when there is one (null when there is not).
 */
export type LengthLabel = (straightMetres: number, walkMetres: number | null) => string;

const englishLabel: CircleLabel = (metres, minutes) => translate('en', 'map.circleLabel', { metres, minutes });

/** A length as the language writes it: whole metres below a kilometre, else kilometres to 10 m. */
export function formatLength(metres: number, lang: Lang): string {
	const km = metres >= 1000;
	const n = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: km ? 2 : 0 }).format(km ? metres / 1000 : metres);
	return translate(lang, km ? 'qty.km' : 'qty.m', { n });
}

/** The map's length labels in a language: "320 m", or "320 m · walk 410 m" with the walk beside it. */
export function lengthLabel(lang: Lang): LengthLabel {
	return (straight, walk) =>
		walk === null
			? formatLength(straight, lang)
			: translate(lang, 'map.measureLengthWalk', { straight: formatLength(straight, lang), walk: formatLength(walk, lang) });
}

/** What the measure tool needs of the walking engine (engine.svelte.ts); a test passes a double. */
export interface RouteEngine {
	readonly status: WalkingEngine['status'];
	start(assetBase: string): void;
	/** Ask the worker for the walks of a path; null when the engine is not ready. Superseded asks resolve stale. */
	route(params: RouteParams): Promise<Outcome<'route'>> | null;
}

export interface MeasureOptions {
	/** The walking engine, shared with the life circle. */
	engine: RouteEngine;
	/** The app's base URL, once known (null before); the engine's files are under it. */
	assetBase: () => string | null;
}

/** The walk along the streets for the path as it is now, as panels read it. */
export type MeasureRoute =
	/** Fewer than two points, or no engine: nothing to say. */
	| { kind: 'none' }
	/** The engine is starting, or the worker is computing. */
	| { kind: 'waiting' }
	/** The engine could not start (its status says why): the path stays straight. */
	| { kind: 'unavailable' }
	/** The worker failed on this path: `message` says why, in English. */
	| { kind: 'error'; message: string }
	| {
			kind: 'ready';
			reply: RouteReply;
			/**
			 * The walk's length, metres: each leg along the streets, or straight where it has no walk
			 * (`straightLegs` of them).
			 */
			metres: number;
			/** Legs without a walk along the streets, counted straight. */
			straightLegs: number;
			/** Indices (0-based) of legs whose streets do not connect. */
			unconnected: number[];
	  };

/** An answer of the worker, for the points it was asked about. */
type RouteAnswer = { points: readonly LonLat[]; reply: RouteReply } | { points: readonly LonLat[]; error: string };

export class MeasureState {
	points = $state.raw<LonLat[]>([]);
	minutes = $state.raw<readonly number[]>(DEFAULT_BANDS);
	#finished = $state(false);
	#answer = $state.raw<RouteAnswer | null>(null);

	constructor(private readonly options: MeasureOptions | null = null) {}

	/** Whether the path is finished: a click then starts a new path. */
	get finished(): boolean {
		return this.#finished && this.points.length > 0;
	}

	/** The straight legs: lengths, running lengths and midpoints. */
	legs = $derived(pathLegs(this.points));

	/** Path length in metres (geodesic, the sum of the straight legs). */
	pathMetres = $derived(this.legs.running[this.legs.running.length - 1] ?? 0);

	/**
	 * Add a point at the end of the path; after a finished path, start a new one with it. A point
	 * exactly where the last one is adds nothing: a leg of no length measures nothing.
	 */
	add(point: LonLat): void {
		if (this.finished) {
			this.#finished = false;
			this.points = [point];
			return;
		}
		const last = this.points[this.points.length - 1];
		if (last && last[0] === point[0] && last[1] === point[1]) return;
		this.points = [...this.points, point];
	}

	/**
	 * A click on the map, with the browser's click count (`MouseEvent.detail`). A double-click reaches
	 * the page as two clicks and then a dblclick: the first click adds the point, the second (count 2)
	 * adds nothing, and the dblclick ends the path ({@link finish}), so its place is the last point, once.
	 */
	click(at: LonLat, clickCount: number): void {
		if (clickCount >= 2) return;
		this.add(at);
	}

	/** End the path (a double-click, Esc, the Finish button); nothing to end without a point. */
	finish(): void {
		if (this.points.length > 0) this.#finished = true;
	}

	/** Continue a finished path: the next click adds to it again. */
	resume(): void {
		this.#finished = false;
	}

	removeLast(): void {
		this.points = this.points.slice(0, -1);
	}

	clear(): void {
		this.points = [];
		this.#finished = false;
	}

	/** Minutes to walk the straight path at a speed. */
	pathMinutes(speedKmh: number): number {
		return walkingMinutes(this.pathMetres, speedKmh);
	}

	/** The walk along the streets for the current points (an answer for other points is never shown). */
	route: MeasureRoute = $derived.by(() => this.#routeNow());

	/** Minutes of the walk along the streets at a speed; null without one. */
	routeMinutes(speedKmh: number): number | null {
		return this.route.kind === 'ready' ? walkingMinutes(this.route.metres, speedKmh) : null;
	}

	#routeNow(): MeasureRoute {
		if (!this.options || this.points.length < 2) return { kind: 'none' };
		const answer = this.#answer;
		if (answer?.points === this.points) {
			if ('error' in answer) return { kind: 'error', message: answer.error };
			const { reply } = answer;
			let metres = 0;
			let straightLegs = 0;
			const unconnected: number[] = [];
			reply.legs.forEach((leg, i) => {
				if (leg.ok) metres += leg.metres;
				else {
					metres += this.legs.legs[i];
					straightLegs++;
					if (leg.reason === 'no-route') unconnected.push(i);
				}
			});
			return { kind: 'ready', reply, metres, straightLegs, unconnected };
		}
		return this.options.engine.status.kind === 'error' ? { kind: 'unavailable' } : { kind: 'waiting' };
	}

	/**
	 * Keep the walk along the streets current until the returned function is called: the engine starts
	 * when there is a path (in any mode: the path is on the map in every mode), and every change of
	 * the points asks the worker again. Without an engine (tests, no options) it does nothing.
	 */
	follow(): () => void {
		const options = this.options;
		if (!options) return () => {};
		return $effect.root(() => {
			const hasPath = $derived(this.points.length >= 2);
			// Only these decide to start: the engine's status must never re-run this (a failed start
			// would restart itself in a loop); retries belong to its back-off and to the user's Retry.
			$effect(() => {
				const base = options.assetBase();
				if (base && hasPath) untrack(() => options.engine.start(base));
			});
			// computeRoute() reads the points before it awaits, so this effect follows them; the worker
			// client keeps only the newest request.
			$effect(() => {
				if (options.engine.status.kind === 'ready') void this.computeRoute();
			});
		});
	}

	/** Ask the worker for the walks of the current path; an answer for older points is dropped. */
	async computeRoute(): Promise<void> {
		const points = this.points;
		if (!this.options || points.length < 2) return;
		const request = this.options.engine.route({ points: [...points] });
		if (!request) return;
		try {
			const outcome = await request;
			if (outcome.stale || points !== this.points) return;
			this.#answer = { points, reply: outcome.result };
		} catch (error) {
			// A crash is the engine status's to report (the route then reads "unavailable").
			if (points === this.points && this.options.engine.status.kind === 'ready') this.#answer = { points, error: (error as Error).message };
		}
	}

	/**
	 * Everything the map draws, as one collection: circles and their labels, the straight path, the
	 * walk along the streets, each leg's length at its midpoint, the running length at each point, and
	 * the points.
	 *
	 * @param label words a circle's label (default: English)
	 * @param length words a length label (default: English)
	 */
	features(speedKmh: number, label: CircleLabel = englishLabel, length: LengthLabel = lengthLabel('en')): FeatureCollection {
		const features: Feature[] = [];
		const [first] = this.points;
		if (!first) return { type: 'FeatureCollection', features };
		for (const c of walkingCircles(first, this.minutes, speedKmh)) {
			const text = label(Math.round(c.radiusM), c.minutes);
			features.push({ ...c.disc, properties: { role: 'circle', minutes: c.minutes, label: text } });
			features.push({ type: 'Feature', geometry: c.labelAt, properties: { role: 'circle-label', label: text } });
		}
		if (this.points.length >= 2) {
			features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: this.points }, properties: { role: 'path' } });
			const route = this.route;
			const walks = route.kind === 'ready' ? route.reply.legs : [];
			for (const [i, walk] of walks.entries()) {
				if (walk.ok) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: walk.coordinates }, properties: { role: 'route', leg: i, metres: walk.metres } });
			}
			const { legs, running, midpoints } = this.legs;
			let walked = 0;
			for (const [i, metres] of legs.entries()) {
				const walk = walks[i];
				features.push({
					type: 'Feature',
					geometry: { type: 'Point', coordinates: midpoints[i] },
					properties: { role: 'leg-label', leg: i, metres, label: length(metres, walk?.ok ? walk.metres : null) }
				});
				// The running walk counts a leg without a walk along the streets as straight, as the panel does.
				walked += walk?.ok ? walk.metres : metres;
				features.push({
					type: 'Feature',
					geometry: { type: 'Point', coordinates: this.points[i + 1] },
					properties: { role: 'vertex-label', index: i + 1, metres: running[i + 1], label: length(running[i + 1], walks.length ? walked : null) }
				});
			}
		}
		this.points.forEach((p, i) => {
			features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { role: 'vertex', index: i } });
		});
		return { type: 'FeatureCollection', features };
	}
}
