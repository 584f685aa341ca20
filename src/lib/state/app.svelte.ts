/**
 * App state as one runes class, shared through a typed context pair. Components read and write it;
 * only src/lib/map turns it into map calls.
 */
import { getContext, setContext } from 'svelte';
import { PLACE_LAYER_IDS, type Bilingual, type PlaceFeature } from '$lib/data/schema';
import { LOCALES, translate, type Lang, type StringKey } from '$lib/i18n/strings';
import type { Theme } from '$lib/map/palette';
import { BASEMAP_TOGGLE_IDS, type ToggleId } from '$lib/map/layer-catalog';
import type { DataNotice } from '$lib/data/load';
import { LifeCircleState, type LonLat } from './life-circle.svelte';
import { MeasureState } from './measure.svelte';

export type LoadStatus =
	| { kind: 'loading' }
	| { kind: 'ready' }
	| { kind: 'error'; message: string };

export type MapStatus =
	| { kind: 'loading' }
	| { kind: 'ready' }
	| { kind: 'no-webgl'; message: string }
	| { kind: 'error'; message: string };

/** What a click on the map does: pick a place, drop a life-circle origin, or add a measure point. */
export type Mode = 'browse' | 'life-circle' | 'measure';

/** Feature counts of the basemap layers, from static/data/manifest.json. */
export type BasemapCounts = Partial<Record<ToggleId, number>>;

export interface MapView {
	center: LonLat;
	zoom: number;
	bearing: number;
}

export const DEFAULT_VIEW: MapView = { center: [121.392, 31.212], zoom: 12.6, bearing: 0 };

export interface MapActions {
	/** The current map as a PNG, with the attribution drawn into the picture. */
	exportPng(): Promise<Blob>;
}

export class AppState {
	/** Validated places; raw because a FeatureCollection must never be deep-proxied. */
	places = $state.raw<PlaceFeature[]>([]);
	basemapCounts = $state.raw<BasemapCounts>({});
	data = $state.raw<LoadStatus>({ kind: 'loading' });
	map = $state.raw<MapStatus>({ kind: 'loading' });
	mode = $state<Mode>('browse');
	/** Optional files that could not be used (a basemap layer, the fonts…): said quietly, never blocking. */
	dataNotices = $state.raw<DataNotice[]>([]);
	lifeCircle = new LifeCircleState((notice) => this.reportData(notice));
	measure = new MeasureState();
	/** The map's camera, kept current by the map on every `moveend`. */
	view = $state.raw<MapView>(DEFAULT_VIEW);
	/** A camera the map should jump to (e.g. from a permalink or back/forward); the nonce makes repeats count. */
	viewRequest = $state.raw<{ view: MapView; nonce: number } | null>(null);
	/** What only the map can do, registered by the map once it exists (null before, or without WebGL). */
	mapActions = $state.raw<MapActions | null>(null);
	/** Short messages about what a link could not restore (ignored URL parameters); never blocking. */
	notices = $state.raw<string[]>([]);
	/** Absolute URL the app's files are served from (set once in the browser). */
	assetBase = $state<string | null>(null);

	visible = $state<Record<ToggleId, boolean>>(
		Object.fromEntries([...PLACE_LAYER_IDS, ...BASEMAP_TOGGLE_IDS].map((id) => [id, true])) as Record<
			ToggleId,
			boolean
		>
	);
	selectedId = $state<string | null>(null);
	hoveredId = $state<string | null>(null);
	/** A request for the map to frame a place; the nonce makes a repeated request for the same place count. */
	frameRequest = $state.raw<{ placeId: string; nonce: number } | null>(null);

	lang = $state<Lang>('en');
	/** The colour scheme, from the system's prefers-color-scheme. */
	theme = $state<Theme>('light');
	locale = $derived(LOCALES[this.lang]);

	/** A UI string in the current language. */
	t(key: StringKey, params?: Record<string, string | number>): string {
		return translate(this.lang, key, params);
	}

	/** The current language's side of a bilingual text from the data. */
	pick(text: Bilingual): string {
		return text[this.lang];
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

	/** The map's centre, so tools can act "at the map centre". */
	get viewCenter(): LonLat {
		return this.view.center;
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
		if (this.mode === 'life-circle') this.lifeCircle.origin = at;
		else if (this.mode === 'measure') this.measure.add(at);
		else this.select(placeId);
	}

	setVisible(id: ToggleId, on: boolean): void {
		this.visible[id] = on;
	}

	/**
	 * Note an optional file the app does without. One notice per file: the map and the walking engine
	 * may both miss the same file (water, amenities), and a retry must not repeat it.
	 */
	/** Files already reported (plain, not reactive): a dismissed notice does not come back on a retry. */
	private reportedFiles: string[] = [];

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
