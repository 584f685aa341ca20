/**
 * App state as one runes class, shared through a typed context pair. Components read and write it;
 * only src/lib/map turns it into map calls.
 */
import { getContext, setContext } from 'svelte';
import { PLACE_LAYER_IDS, type PlaceFeature } from '$lib/data/schema';
import { BASEMAP_TOGGLE_IDS, type ToggleId } from '$lib/map/layer-catalog';
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

export class AppState {
	/** Validated places; raw because a FeatureCollection must never be deep-proxied. */
	places = $state.raw<PlaceFeature[]>([]);
	basemapCounts = $state.raw<BasemapCounts>({});
	data = $state.raw<LoadStatus>({ kind: 'loading' });
	map = $state.raw<MapStatus>({ kind: 'loading' });
	mode = $state<Mode>('browse');
	lifeCircle = new LifeCircleState();
	measure = new MeasureState();
	/** The map's centre, kept current by the map, so tools can act "at the map centre". */
	viewCenter = $state.raw<LonLat>([121.392, 31.212]);
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

	selected = $derived(this.places.find((p) => p.properties.id === this.selectedId) ?? null);

	select(id: string | null): void {
		this.selectedId = id;
	}

	/** Select a place and ask the map to bring it into view. */
	showPlace(id: string): void {
		this.selectedId = id;
		this.frameRequest = { placeId: id, nonce: (this.frameRequest?.nonce ?? 0) + 1 };
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
