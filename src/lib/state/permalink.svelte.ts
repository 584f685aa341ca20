/**
 * Keeps the address bar and the app state in step, so every view is a link and Back/Forward work.
 *
 * - On start the link is decoded and applied; what could not be used becomes `app.notices`.
 * - Camera moves only rewrite the current history entry (debounced), like a map site should.
 * - A discrete change (place, tool, layers, language, origin, bands, speed, measure points) adds
 *   one entry. Everything that happens during one pointer gesture (a marker drag fires a change
 *   per frame) folds into the entry its first change created: one action, one entry.
 * - Back/Forward decode the entry's URL and apply it without writing history.
 *
 * SvelteKit's shallow-routing `pushState`/`replaceState` write the entries, so its router knows
 * them and a popstate between them stays on the page instead of navigating.
 */
import { untrack } from 'svelte';
import { pushState, replaceState } from '$app/navigation';
import { decodeState } from './url-decode';
import { DEFAULT_SNAPSHOT, TOGGLE_IDS, encodeState, formatSearch, withoutView, type Snapshot } from './url-state';
import type { AppState } from './app.svelte';

/** Quiet time after the last camera move before the URL is rewritten. */
const REPLACE_DEBOUNCE_MS = 300;

/** The state a link carries, read from the app (reading it inside an effect tracks all of it). */
export function snapshotOf(app: AppState): Snapshot {
	const life = app.lifeCircle;
	return {
		view: app.view,
		layers: TOGGLE_IDS.filter((id) => app.visible[id]),
		place: app.selectedId,
		// The language asked for: a link opened in Chinese keeps `lang=zh` while the strings load.
		lang: app.requestedLang,
		mode: app.mode,
		origin: life.origin,
		origins: life.origins.length > 1 ? life.origins.map((o) => o.at) : [],
		merge: life.view === 'merged',
		rings: life.bandDisplay === 'ring',
		compare: life.compareId,
		minutes: life.minutes,
		speed: life.speedKmh,
		preset: life.presetId,
		measure: app.measure.points,
		measureMinutes: app.measure.minutes,
		cover: app.coverage.category,
		basemap: app.basemap
	};
}

/** Within `tolerance` degrees; 1e-5 for points that went through a link's 5 decimals. */
const samePoint = (a: readonly number[] | null, b: readonly number[] | null, tolerance = 1e-7) =>
	a === b || (a !== null && b !== null && Math.abs(a[0] - b[0]) < tolerance && Math.abs(a[1] - b[1]) < tolerance);
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Shallow-route the current page to a new query string. (svelte/no-navigation-without-resolve
 * wants a resolve()d route; a new query on the page we are on has no route to resolve.)
 */
function writeUrl(method: 'push' | 'replace', search: string): void {
	const url = `${location.pathname}${search}${location.hash}`;
	/* eslint-disable svelte/no-navigation-without-resolve -- same page, only the query changes */
	if (method === 'push') pushState(url, {});
	else replaceState(url, {});
	/* eslint-enable svelte/no-navigation-without-resolve */
}

/**
 * Apply decoded state. Parameters the link did not set go back to their defaults (going Back to
 * a link without `hide` shows every layer again); the camera moves only when the link has one.
 * Values that did not change are not written, so nothing recomputes for nothing.
 */
export function applySnapshot(app: AppState, decoded: Partial<Snapshot>): void {
	const s = { ...DEFAULT_SNAPSHOT, ...decoded };
	const life = app.lifeCircle;
	if (s.lang !== app.requestedLang) void app.setLang(s.lang);
	for (const id of TOGGLE_IDS) app.visible[id] = s.layers.includes(id);
	if (s.mode !== app.mode) app.setMode(s.mode);
	if (s.place !== app.selectedId) {
		// Without a camera in the link, bring the place into view.
		if (s.place && !decoded.view) app.showPlace(s.place);
		else app.select(s.place);
	}
	// Several origins: the list, with `origin` the selected one; one origin: `origin` alone (older links too).
	const wanted = s.origins.length > 1 ? s.origins : s.origin ? [s.origin] : [];
	const have = life.origins.map((o) => o.at);
	const selected = Math.max(0, wanted.findIndex((p) => samePoint(p, s.origin, 1e-5)));
	if (wanted.length === 0) {
		if (have.length > 0) life.clear();
	} else if (wanted.length === 1 && have.length === 1) {
		if (!samePoint(wanted[0], have[0])) life.origin = wanted[0];
	} else if (wanted.length !== have.length || !wanted.every((p, i) => samePoint(p, have[i], 1e-5))) {
		life.setOrigins(wanted, selected);
	} else if (!samePoint(life.origin, wanted[selected], 1e-5)) {
		life.selectOrigin(life.origins[selected].id);
	}
	const view = s.merge ? 'merged' : 'each';
	if (view !== life.view) life.view = view;
	const display = s.rings ? 'ring' : 'cumulative';
	if (display !== life.bandDisplay) life.bandDisplay = display;
	if (s.compare !== life.compareId) life.compareId = s.compare as typeof life.compareId;
	if (!sameList(s.minutes, life.minutes)) life.minutes = s.minutes;
	if (s.preset !== life.presetId || s.speed !== life.speedKmh) {
		if (s.preset === 'custom') life.setCustomSpeed(s.speed);
		else life.setPreset(s.preset);
	}
	const points = app.measure.points;
	if (points.length !== s.measure.length || !s.measure.every((p, i) => samePoint(p, points[i]))) app.measure.points = s.measure;
	if (!sameList(s.measureMinutes, app.measure.minutes)) app.measure.minutes = s.measureMinutes;
	if (s.cover !== app.coverage.category) app.coverage.setCategory(s.cover);
	if (s.basemap !== app.basemap) app.setBasemap(s.basemap);
	if (decoded.view) {
		app.view = decoded.view;
		app.requestView(decoded.view);
	}
}

/**
 * Decode `location.search` into the app, then keep the URL in sync until the returned function
 * is called. Call once, in the browser, after the places have loaded (a `place` is checked
 * against them) and before the map is created (so it starts at the link's camera).
 *
 * @param {AppState} app the app state
 * @param {string[]} knownPlaceIds ids a `place` parameter may name
 * @returns {() => void} disconnect: removes listeners, timers and effects
 * @example
 * onMount(() => connectPermalink(app, app.places.map((p) => p.properties.id)));
 */
export function connectPermalink(app: AppState, knownPlaceIds: string[]): () => void {

	const decoded = decodeState(location.search, knownPlaceIds);
	applySnapshot(app, decoded.state);
	app.notices = decoded.notices;

	/** The URL of the current entry as last written (or as pending), and its non-camera part. */
	let current = formatSearch(encodeState(snapshotOf(app)));
	let discrete = withoutView(encodeState(snapshotOf(app)));
	let pending: string | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;

	// Tidy the link now if it carried parameters we could not use (or wrote them differently);
	// a bare "/" stays bare until something changes.
	if (location.search && location.search !== current) writeUrl('replace', current);

	function flush() {
		clearTimeout(timer);
		timer = undefined;
		if (pending !== null) writeUrl('replace', pending);
		pending = null;
	}

	function replaceSoon(search: string) {
		pending = search;
		clearTimeout(timer);
		timer = setTimeout(flush, REPLACE_DEBOUNCE_MS);
	}

	/** One pointer gesture (down … up) adds at most one entry. */
	const gesture = { active: false, pushed: false };
	const onPointerDown = () => {
		gesture.active = true;
		gesture.pushed = false;
	};
	const onPointerUp = () => {
		gesture.active = false;
	};

	function sync(snapshot: Snapshot) {
		const params = encodeState(snapshot);
		const search = formatSearch(params);
		if (search === current) return;
		current = search;
		const nextDiscrete = withoutView(params);
		if (nextDiscrete === discrete || (gesture.active && gesture.pushed)) {
			discrete = nextDiscrete;
			replaceSoon(search);
			return;
		}
		discrete = nextDiscrete;
		// The entry we leave keeps its latest camera.
		flush();
		writeUrl('push', search);
		if (gesture.active) gesture.pushed = true;
	}

	function onPopState() {
		// A pending camera write belongs to the entry we just left; writing it now would hit the wrong one.
		clearTimeout(timer);
		pending = null;
		const next = decodeState(location.search, knownPlaceIds);
		applySnapshot(app, next.state);
		app.notices = next.notices;
		current = formatSearch(encodeState(snapshotOf(app)));
		discrete = withoutView(encodeState(snapshotOf(app)));
	}

	const stopEffects = $effect.root(() => {
		$effect(() => {
			const snapshot = snapshotOf(app);
			untrack(() => sync(snapshot));
		});
	});

	window.addEventListener('popstate', onPopState);
	window.addEventListener('pointerdown', onPointerDown, true);
	window.addEventListener('pointerup', onPointerUp, true);
	window.addEventListener('pointercancel', onPointerUp, true);

	return () => {
		stopEffects();
		flush();
		window.removeEventListener('popstate', onPopState);
		window.removeEventListener('pointerdown', onPointerDown, true);
		window.removeEventListener('pointerup', onPointerUp, true);
		window.removeEventListener('pointercancel', onPointerUp, true);
	};
}
