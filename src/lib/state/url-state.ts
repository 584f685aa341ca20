/**
 * The app state as URL query parameters: what a link carries, its defaults and the encoder (the
 * decoder is url-decode.ts). Pure: no svelte, no DOM, so it runs in vitest and the permalink glue
 * (permalink.svelte.ts) stays thin. The parameters are documented in docs/permalinks.md; keep that
 * table in step with `encodeState`/`decodeState`.
 */
import { TOGGLE_IDS, type ToggleId } from '$lib/data/layer-toggles';
import type { MapView } from '$lib/data/view';
import type { Lang } from '$lib/i18n/strings';
import { DEFAULT_BASEMAP, type BasemapId } from '$lib/data/basemaps';
import { DEFAULT_BANDS, DEFAULT_COVERAGE_CATEGORY } from '$lib/geo/life-circle-categories';
import type { LonLat } from '$lib/geo/lonlat';
import { DEFAULT_PRESET_ID, DEFAULT_SPEED_KMH, WALKING_SPEED_PRESETS } from '$lib/geo/walking';
import type { Mode } from './mode';

export type { LonLat } from '$lib/geo/lonlat';
export { MODES } from './mode';

/** Everything a link carries. */
export interface Snapshot {
	view: MapView;
	/** The VISIBLE toggle ids, in catalog order. */
	layers: ToggleId[];
	/** Selected place id. */
	place: string | null;
	lang: Lang;
	mode: Mode;
	/** Life-circle origin: the selected one when there are several. */
	origin: LonLat | null;
	/** Every life-circle origin, in order, when there are two or more (else empty). */
	origins: LonLat[];
	/** Several origins drawn as one area (true) or one by one. */
	merge: boolean;
	/** Bands drawn as rings (5–10, 10–15) instead of areas from the origin. */
	rings: boolean;
	/** A second walking profile drawn from the origin, or null. */
	compare: string | null;
	/** Life-circle band limits, minutes, ascending. */
	minutes: readonly number[];
	/** Walking speed, km/h. */
	speed: number;
	/** A walking-speed preset id, or 'custom'. */
	preset: string;
	/** Measure points, first one carries the radius circles. */
	measure: LonLat[];
	/** Measure radii, minutes, ascending. */
	measureMinutes: readonly number[];
	/** The coverage tool's category (a life-circle category id). */
	cover: string;
	/** The basemap: the embedded one, or an online one the user chose. */
	basemap: BasemapId;
}
export { TOGGLE_IDS } from '$lib/data/layer-toggles';

/** What the app starts with; a parameter equal to its default is left out of the URL. */
export const DEFAULT_SNAPSHOT: Omit<Snapshot, 'view'> = {
	layers: [...TOGGLE_IDS],
	place: null,
	lang: 'en',
	mode: 'browse',
	origin: null,
	origins: [],
	merge: true,
	rings: false,
	compare: null,
	minutes: DEFAULT_BANDS,
	speed: DEFAULT_SPEED_KMH,
	preset: DEFAULT_PRESET_ID,
	measure: [],
	measureMinutes: DEFAULT_BANDS,
	cover: DEFAULT_COVERAGE_CATEGORY,
	basemap: DEFAULT_BASEMAP
};

/** Links must point into Shanghai; a coordinate outside this box is a typo or a different city. */
export const SHANGHAI_BOX = { west: 121.0, east: 122.0, south: 30.7, north: 31.9 } as const;
/** MapLibre's zoom range; the map clamps further to its own limits. */
export const ZOOM_RANGE = [0, 24] as const;
/** Most life-circle origins a link carries (the tool's own cap). */
export const MAX_ORIGINS = 8;
/** A longer path is not a walk; the cap also keeps URLs short. */
export const MAX_MEASURE_POINTS = 50;

/** Decimals kept in the URL: 5 for degrees (about 1 m), 2 for zoom, 1 for bearing, 2 for speed. */
export const DIGITS = { degrees: 5, zoom: 2, bearing: 1, speed: 2 } as const;

/** The parameter names, in the order they are written. */
export const PARAMS = ['lang', 'map', 'hide', 'place', 'tool', 'origin', 'origins', 'merge', 'rings', 'bands', 'preset', 'speed', 'compare', 'measure', 'radii', 'cover', 'basemap'] as const;
export type Param = (typeof PARAMS)[number];

/** A number with at most `digits` decimals and no trailing zeros ("121.418", "15.2", "0"). */
export function fmt(value: number, digits: number): string {
	const rounded = Number(value.toFixed(digits));
	return String(Object.is(rounded, -0) ? 0 : rounded);
}

const fmtPoint = ([lon, lat]: LonLat) => `${fmt(lon, DIGITS.degrees)},${fmt(lat, DIGITS.degrees)}`;
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
export const presetById = (id: string) => WALKING_SPEED_PRESETS.find((p) => p.id === id);

/**
 * The URL parameters for a snapshot. Values equal to the app's defaults are left out, so a
 * fresh app has a short link; the camera (`map`) is always written.
 *
 * @param {Snapshot} snapshot the state to write
 * @returns {URLSearchParams} parameters in a fixed order; turn them into a readable query with `formatSearch`
 * @example
 * formatSearch(encodeState({ ...DEFAULT_SNAPSHOT, view: { center: [121.418, 31.218], zoom: 15.2, bearing: 0 } }));
 * // "?map=15.2/31.218/121.418"
 */
export function encodeState(snapshot: Snapshot): URLSearchParams {
	const params = new URLSearchParams();
	const s = snapshot;
	if (s.lang !== DEFAULT_SNAPSHOT.lang) params.set('lang', s.lang);
	const { center, zoom, bearing } = s.view;
	const map = [fmt(zoom, DIGITS.zoom), fmt(center[1], DIGITS.degrees), fmt(center[0], DIGITS.degrees)];
	const b = Number(fmt(normaliseBearing(bearing), DIGITS.bearing));
	if (b !== 0) map.push(String(b));
	params.set('map', map.join('/'));
	const hidden = TOGGLE_IDS.filter((id) => !s.layers.includes(id));
	if (hidden.length > 0) params.set('hide', hidden.join(','));
	if (s.place) params.set('place', s.place);
	if (s.mode !== DEFAULT_SNAPSHOT.mode) params.set('tool', s.mode);
	if (s.origin) params.set('origin', fmtPoint(s.origin));
	if (s.origins.length > 1) params.set('origins', s.origins.map(fmtPoint).join(';'));
	if (!s.merge) params.set('merge', '0');
	if (s.rings) params.set('rings', '1');
	if (!sameList(s.minutes, DEFAULT_SNAPSHOT.minutes)) params.set('bands', s.minutes.join(','));
	// A preset implies its speed; only a custom speed is written as a number.
	const preset = presetById(s.preset);
	if (preset && preset.kmh === s.speed) {
		if (preset.id !== DEFAULT_PRESET_ID) params.set('preset', preset.id);
	} else {
		params.set('speed', fmt(s.speed, DIGITS.speed));
	}
	if (s.compare) params.set('compare', s.compare);
	if (s.measure.length > 0) params.set('measure', s.measure.map(fmtPoint).join(';'));
	if (!sameList(s.measureMinutes, DEFAULT_SNAPSHOT.measureMinutes)) params.set('radii', s.measureMinutes.join(','));
	if (s.cover !== DEFAULT_SNAPSHOT.cover) params.set('cover', s.cover);
	if (s.basemap !== DEFAULT_SNAPSHOT.basemap) params.set('basemap', s.basemap);
	return params;
}

/**
 * A query string that people can read: `,` `/` `;` stay unescaped (URLSearchParams would write
 * `%2C`), everything else is percent-encoded. Empty parameters give "".
 *
 * @param {URLSearchParams} params as from `encodeState`
 * @returns {string} "?lang=zh&map=15.2/31.218/121.418" or ""
 */
export function formatSearch(params: URLSearchParams): string {
	const parts: string[] = [];
	for (const [key, value] of params) {
		const safe = encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3B/gi, ';');
		parts.push(`${encodeURIComponent(key)}=${safe}`);
	}
	return parts.length ? `?${parts.join('&')}` : '';
}

/** Camera parameters removed: what changes only with a discrete user action (used to pick push vs replace). */
export function withoutView(params: URLSearchParams): string {
	const copy = new URLSearchParams(params);
	copy.delete('map');
	return formatSearch(copy);
}

/** Into (−180, 180]; a bearing already there is returned unchanged (the arithmetic would blur its decimals). */
export function normaliseBearing(bearing: number): number {
	if (bearing > -180 && bearing <= 180) return bearing;
	const b = ((((bearing + 180) % 360) + 360) % 360) - 180;
	return b === -180 ? 180 : b;
}
