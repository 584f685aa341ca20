/**
 * App state as one runes class, shared through a typed context pair. Components read and write it;
 * only src/lib/map turns it into map calls.
 */
import { getContext, setContext, untrack } from 'svelte';
import type { Bilingual, PlaceFeature } from '$lib/data/schema';
import { TOGGLE_IDS, type Theme, type ToggleId } from '$lib/data/layer-toggles';
import { DEFAULT_BASEMAP, type BasemapId } from '$lib/data/basemaps';
import type { BasemapCounts, DataNotice } from '$lib/data/load';
import type { PngSheet } from '$lib/data/legend';
import type { LoadFiles, StartWorker } from './engine.svelte';
import { DEFAULT_VIEW, type MapView } from '$lib/data/view';
import type { LonLat } from '$lib/geo/lonlat';
import type { ScreenRect } from '$lib/geo/padding';
import { LOCALES, hasToolStrings, loadStrings, loadToolStrings, translate, type Lang, type StringKey } from '$lib/i18n/strings';
import { LifeCircleState } from './life-circle.svelte';
import { MeasureState } from './measure.svelte';
import { CoverageState } from './coverage.svelte';
import type { Mode } from './mode';
import type { LinkNotice } from './url-decode';
import type { UserLayersState } from './user-layers.svelte';
import type { WhyNotState } from './why-not.svelte';

export type { Mode } from './mode';
// The map imports the camera from here; the one definition is in src/lib/data/view.ts.
export { DEFAULT_VIEW, type MapView } from '$lib/data/view';

export type LoadStatus =
	| { kind: 'loading' }
	| { kind: 'ready' }
	| { kind: 'error'; message: string };

export type MapStatus =
	| { kind: 'loading' }
	| { kind: 'ready' }
	| { kind: 'no-webgl'; message: string }
	/** `message` is the cause (technical); the banner words the rest. */
	| { kind: 'error'; message: string };

export interface MapActions {
	/** The current map as a PNG, with the attribution (and the sheet's title, legend…) drawn into the picture. */
	exportPng(sheet?: PngSheet): Promise<Blob>;
	/** Where the centre of the part of the map no panel covers is now (see `covers`). */
	clearCentre(): LonLat;
}

export interface AppOptions {
	/** Creates the walking engine's worker client (default: the browser's isochrone worker). */
	startWorker?: StartWorker;
	/** Fetches the walking engine's files (default: from the app's base URL); tests pass a double. */
	loadEngineFiles?: LoadFiles;
}

export class AppState {
	/** Validated places; raw because a FeatureCollection must never be deep-proxied. */
	places = $state.raw<PlaceFeature[]>([]);
	basemapCounts = $state.raw<BasemapCounts>({});
	data = $state.raw<LoadStatus>({ kind: 'loading' });
	map = $state.raw<MapStatus>({ kind: 'loading' });
	/**
	 * The map has drawn its first view (its first `idle`): what the page fetches ahead waits for it,
	 * so nothing competes with the first view. Stays false without a map (see `map`).
	 */
	mapDrawn = $state(false);
	mode = $state<Mode>('browse');
	/** Optional files that could not be used (a basemap layer, the fonts…): said quietly, never blocking. */
	dataNotices = $state.raw<DataNotice[]>([]);
	/** The map's camera, kept current by the map on every `moveend`. */
	view = $state.raw<MapView>(DEFAULT_VIEW);
	/** A camera the map should jump to (e.g. from a permalink or back/forward); the nonce makes repeats count. */
	viewRequest = $state.raw<{ view: MapView; nonce: number } | null>(null);
	/** What only the map can do, registered by the map once it exists (null before, or without WebGL). */
	mapActions = $state.raw<MapActions | null>(null);
	/** What a link could not restore (ignored URL parameters), as data; never blocking. */
	notices = $state.raw<LinkNotice[]>([]);
	/** Absolute URL the app's files are served from (set once in the browser). */
	assetBase = $state<string | null>(null);

	lifeCircle: LifeCircleState;
	measure: MeasureState;
	/** The planner's coverage tool; it shares the life circle's engine and walking speed. */
	coverage: CoverageState;
	/** The user's own layers (issue 11): made on first need by userLayersOf (user-layers.svelte.ts), never in the first view. */
	userLayers = $state.raw<UserLayersState | null>(null);
	/** "Why is this spot out of reach?" (issue 10): made on first need by whyNotOf (why-not.svelte.ts), never in the first view. */
	whyNot = $state.raw<WhyNotState | null>(null);

	visible = $state<Record<ToggleId, boolean>>(Object.fromEntries(TOGGLE_IDS.map((id) => [id, true])) as Record<ToggleId, boolean>);
	selectedId = $state<string | null>(null);
	hoveredId = $state<string | null>(null);
	/** A request for the map to frame a place; the nonce makes a repeated request for the same place count. */
	frameRequest = $state.raw<{ placeId: string; nonce: number } | null>(null);
	/**
	 * A life circle was made at `origin` (a click on the map, "Start at map centre"): the map frames
	 * its bands once they arrive for that origin. A drag or a nudge moves the origin without one, so
	 * the camera stays still while the bands follow the marker.
	 */
	bandsFitRequest = $state.raw<{ origin: LonLat; nonce: number } | null>(null);
	/**
	 * Screen rectangles of the panels drawn over the map, by name (reported by the `coversMap`
	 * attachment): the map keeps what it frames clear of them. Raw: replaced whole on each change.
	 */
	covers = $state.raw<Readonly<Record<string, ScreenRect>>>({});

	/**
	 * The basemap drawn under the atlas's layers. Online ones are the user's choice: until one is
	 * chosen nothing leaves the machine. `basemapFailed`: its tiles did not come (offline?), so the
	 * map draws the embedded basemap again, and the picker says so.
	 */
	basemap = $state<BasemapId>(DEFAULT_BASEMAP);
	basemapFailed = $state(false);

	setBasemap(id: BasemapId): void {
		this.basemap = id;
		this.basemapFailed = false;
	}

	/** The colour scheme, from the system's prefers-color-scheme. */
	theme = $state<Theme>('light');

	#shownLang = $state<Lang>('en');
	#requestedLang = $state<Lang>('en');

	constructor(options: AppOptions = {}) {
		this.lifeCircle = new LifeCircleState({
			// The worker client's code comes with the first start, not with the first view.
			startWorker: options.startWorker ?? (async () => (await import('$lib/worker/client')).startIsochroneWorker()),
			loadFiles: options.loadEngineFiles,
			notify: (notice) => this.reportData(notice),
			assetBase: () => this.assetBase,
			wanted: () => this.mode === 'life-circle'
		});
		// The walk along the streets comes from the same engine (and worker) as the life circle.
		this.measure = new MeasureState({ engine: this.lifeCircle.engine, assetBase: () => this.assetBase });
		this.coverage = new CoverageState({
			engine: this.lifeCircle.engine,
			assetBase: () => this.assetBase,
			wanted: () => this.mode === 'coverage',
			speedKmh: () => this.lifeCircle.speedKmh
		});
	}

	/**
	 * The language the UI is drawn in. Setting it asks for a language ({@link setLang}): the UI
	 * switches once that language's strings have loaded, so it never shows a key or half a language.
	 */
	get lang(): Lang {
		return this.#shownLang;
	}

	set lang(lang: Lang) {
		void this.setLang(lang);
	}

	/** The language asked for (a click, a link): what a link records while its strings load. */
	get requestedLang(): Lang {
		return this.#requestedLang;
	}

	/** Ask for a language; resolves when the UI shows it (or a later request replaced it). */
	async setLang(lang: Lang): Promise<void> {
		this.#requestedLang = lang;
		await loadStrings(lang);
		if (this.#requestedLang === lang) this.#shownLang = lang;
	}

	locale = $derived(LOCALES[this.#shownLang]);
	/** The other language, for a name shown beside the current one, and its locale (its `lang`). */
	otherLang = $derived<Lang>(this.#shownLang === 'en' ? 'zh' : 'en');
	otherLocale = $derived(LOCALES[this.otherLang]);

	/** Whether the tool panels' English has arrived: read by `t`, so a text asked for early redraws. */
	#toolStrings = $state(hasToolStrings());

	/** Load the tool panels' English (panels await it with their code; the page asks on first idle). */
	async loadToolStrings(): Promise<void> {
		await loadToolStrings();
		this.#toolStrings = true;
	}

	/** A UI string in the current language. */
	t(key: StringKey, params?: Record<string, string | number>): string {
		const text = translate(this.#shownLang, key, params);
		// An empty text is a tool key asked for before its table arrived: redraw when it does.
		if (!this.#toolStrings && text === '') void this.loadToolStrings().catch(() => undefined);
		return text;
	}

	/** The current language's side of a bilingual text from the data. */
	pick(text: Bilingual): string {
		return text[this.#shownLang];
	}

	selected = $derived(this.places.find((p) => p.properties.id === this.selectedId) ?? null);

	select(id: string | null): void {
		this.selectedId = id;
		this.focusDetails = false;
	}

	/** Whether the details panel should take focus when it opens (chosen from the list or by keyboard). */
	focusDetails = $state(false);

	/** Select a place and ask the map to bring it into view. */
	showPlace(id: string): void {
		this.selectedId = id;
		this.focusDetails = true;
		this.frameRequest = { placeId: id, nonce: (this.frameRequest?.nonce ?? 0) + 1 };
	}

	/**
	 * The map's centre, so tools can act "at the map centre": the centre of the part no panel covers,
	 * where the user looks (the camera's own centre may be under the tool's panel).
	 */
	get viewCenter(): LonLat {
		return this.mapActions?.clearCentre() ?? this.view.center;
	}

	/**
	 * Note (or, with null, forget) a panel's rectangle over the map; an unchanged one changes nothing.
	 * Called from attachments (effects): reading `covers` untracked keeps the caller from re-running
	 * on its own write.
	 */
	setCover(key: string, rect: ScreenRect | null): void {
		const covers = untrack(() => this.covers);
		const old = covers[key];
		if (!rect) {
			if (!old) return;
			const rest = { ...covers };
			delete rest[key];
			this.covers = rest;
			return;
		}
		if (old && old.left === rect.left && old.top === rect.top && old.right === rect.right && old.bottom === rect.bottom) return;
		this.covers = { ...covers, [key]: rect };
	}

	/** Make a life circle at a point: the origin moves there and the map frames the bands when they come. */
	startLifeCircle(at: LonLat): void {
		this.lifeCircle.origin = at;
		this.bandsFitRequest = { origin: at, nonce: (this.bandsFitRequest?.nonce ?? 0) + 1 };
	}

	/** "Start at map centre": a life circle at the centre of the part of the map no panel covers. */
	startLifeCircleAtCentre(): void {
		this.startLifeCircle(this.viewCenter);
	}

	requestView(view: MapView): void {
		this.viewRequest = { view, nonce: (this.viewRequest?.nonce ?? 0) + 1 };
	}

	setMode(mode: Mode): void {
		this.mode = mode;
		if (mode !== 'browse') this.hoveredId = null;
	}

	/** A click on the map at a position, routed by the active tool. */
	mapClicked(at: LonLat, placeId: string | null): void {
		// A why-not question takes an armed click; after "Add origin" the click adds one; otherwise it
		// moves the selected origin (or makes the first).
		if (this.mode === 'life-circle') {
			if (this.whyNot?.armed) this.whyNot.ask(at);
			else if (!this.lifeCircle.takeClick(at)) this.startLifeCircle(at);
		}
		// The measure layer takes its own clicks: it needs the click count to end a path on a double-click.
		else if (this.mode === 'measure') return;
		else if (this.mode === 'coverage') void this.coverage.probeAt(at);
		else this.select(placeId);
	}

	setVisible(id: ToggleId, on: boolean): void {
		this.visible[id] = on;
	}

	/** Files already reported (plain, not reactive): a dismissed notice does not come back on a retry. */
	private reportedFiles: string[] = [];

	/**
	 * Note an optional file the app does without. One notice per file: the map and the walking engine
	 * may both miss the same file (water, amenities), and a retry must not repeat it.
	 */
	reportData(notice: DataNotice): void {
		if (this.reportedFiles.includes(notice.file)) return;
		this.reportedFiles.push(notice.file);
		this.dataNotices = [...this.dataNotices, notice];
	}

	dismissDataNotices(): void {
		this.dataNotices = [];
	}

	/** Dismiss one notice by index, or all of them. */
	dismissNotice(index?: number): void {
		this.notices = index === undefined ? [] : this.notices.filter((_, i) => i !== index);
	}
}

const KEY = Symbol('app-state');

export function setAppState(state: AppState): AppState {
	return setContext(KEY, state);
}

export function getAppState(): AppState {
	const state = getContext<AppState | undefined>(KEY);
	if (!state) throw new Error('getAppState() called outside the component tree that set it');
	return state;
}
