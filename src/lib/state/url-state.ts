/**
 * The app state as URL query parameters, and back. Pure: no svelte, no DOM, so it runs in vitest
 * and the permalink glue (permalink.svelte.ts) stays thin. The parameters are documented in
 * docs/permalinks.md; keep that table in step with `encodeState`/`decodeState`.
 *
 * Decoding never throws: every parameter is checked on its own, a bad one is dropped with a short
 * notice and the others still apply, so a mangled link opens the app in the best state it can.
 */
import { PLACE_LAYER_IDS } from '$lib/data/schema';
import { BASEMAP_TOGGLE_IDS, type ToggleId } from '$lib/map/layer-catalog';
import { isLang, type Lang } from '$lib/i18n/strings';
import { parseMinutesList } from '$lib/geo/minutes';
import { MAX_SPEED_KMH, MIN_SPEED_KMH, WALKING_SPEED_PRESETS } from '$lib/geo/walking';
import type { Mode } from './app.svelte';

export type LonLat = [number, number];

export interface UrlView {
	center: LonLat;
	zoom: number;
	bearing: number;
}

/** Everything a link carries. */
export interface Snapshot {
	view: UrlView;
	/** The VISIBLE toggle ids, in catalog order. */
	layers: ToggleId[];
	/** Selected place id. */
	place: string | null;
	lang: Lang;
	mode: Mode;
	/** Life-circle origin. */
	origin: LonLat | null;
	/** Life-circle band limits, minutes, ascending. */
	minutes: number[];
	/** Walking speed, km/h. */
	speed: number;
	/** A walking-speed preset id, or 'custom'. */
	preset: string;
	/** Measure points, first one carries the radius circles. */
	measure: LonLat[];
	/** Measure radii, minutes, ascending. */
	measureMinutes: number[];
}

export interface DecodedState {
	/** Only what the link set and what passed validation. */
	state: Partial<Snapshot>;
	/** One short sentence per ignored parameter. */
	notices: string[];
}

/** Every toggle id, in the layer panel's order. */
export const TOGGLE_IDS: readonly ToggleId[] = [...PLACE_LAYER_IDS, ...BASEMAP_TOGGLE_IDS];
export const MODES: readonly Mode[] = ['browse', 'life-circle', 'measure'];
const DEFAULT_PRESET = 'shanghai-standard';

/** What the app starts with; a parameter equal to its default is left out of the URL. */
export const DEFAULT_SNAPSHOT: Omit<Snapshot, 'view'> = {
	layers: [...TOGGLE_IDS],
	place: null,
	lang: 'en',
	mode: 'browse',
	origin: null,
	minutes: [5, 10, 15],
	speed: 4,
	preset: DEFAULT_PRESET,
	measure: [],
	measureMinutes: [5, 10, 15]
};

/** Links must point into Shanghai; a coordinate outside this box is a typo or a different city. */
export const SHANGHAI_BOX = { west: 121.0, east: 122.0, south: 30.7, north: 31.9 } as const;
/** MapLibre's zoom range; the map clamps further to its own limits. */
export const ZOOM_RANGE = [0, 24] as const;
/** A longer path is not a walk; the cap also keeps URLs short. */
export const MAX_MEASURE_POINTS = 50;

/** Decimals kept in the URL: 5 for degrees (about 1 m), 2 for zoom, 1 for bearing, 2 for speed. */
const DIGITS = { degrees: 5, zoom: 2, bearing: 1, speed: 2 } as const;

/** The parameter names, in the order they are written. */
export const PARAMS = ['lang', 'map', 'hide', 'place', 'tool', 'origin', 'bands', 'preset', 'speed', 'measure', 'radii'] as const;
type Param = (typeof PARAMS)[number];

/** A number with at most `digits` decimals and no trailing zeros ("121.418", "15.2", "0"). */
function fmt(value: number, digits: number): string {
	const rounded = Number(value.toFixed(digits));
	return String(Object.is(rounded, -0) ? 0 : rounded);
}

const fmtPoint = ([lon, lat]: LonLat) => `${fmt(lon, DIGITS.degrees)},${fmt(lat, DIGITS.degrees)}`;
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const presetById = (id: string) => WALKING_SPEED_PRESETS.find((p) => p.id === id);

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
	if (!sameList(s.minutes, DEFAULT_SNAPSHOT.minutes)) params.set('bands', s.minutes.join(','));
	// A preset implies its speed; only a custom speed is written as a number.
	const preset = presetById(s.preset);
	if (preset && preset.kmh === s.speed) {
		if (preset.id !== DEFAULT_PRESET) params.set('preset', preset.id);
	} else {
		params.set('speed', fmt(s.speed, DIGITS.speed));
	}
	if (s.measure.length > 0) params.set('measure', s.measure.map(fmtPoint).join(';'));
	if (!sameList(s.measureMinutes, DEFAULT_SNAPSHOT.measureMinutes)) params.set('radii', s.measureMinutes.join(','));
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

/** A thrown-away parameter, with a reason. */
class Ignored extends Error {}

function ignore(reason: string): never {
	throw new Ignored(reason);
}

/** A finite number or a clear reason why not. */
function number(text: string, what: string): number {
	const trimmed = text.trim();
	// Number('') is 0 and Number('0x10') is 16: accept plain decimals only.
	if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) ignore(`${what} is not a number`);
	const value = Number(trimmed);
	if (!Number.isFinite(value)) ignore(`${what} is not a finite number`);
	return value;
}

function inShanghai(lon: number, lat: number): LonLat {
	const { west, east, south, north } = SHANGHAI_BOX;
	if (lon < west || lon > east || lat < south || lat > north) {
		ignore(`${fmt(lon, 6)},${fmt(lat, 6)} is outside Shanghai (lon ${west}–${east}, lat ${south}–${north})`);
	}
	return [lon, lat];
}

/** "lon,lat" → a point in Shanghai. */
function point(text: string): LonLat {
	const parts = text.split(',');
	if (parts.length !== 2) ignore('expected lon,lat');
	return inShanghai(number(parts[0], 'longitude'), number(parts[1], 'latitude'));
}

/** Into (−180, 180]; a bearing already there is returned unchanged (the arithmetic would blur its decimals). */
function normaliseBearing(bearing: number): number {
	if (bearing > -180 && bearing <= 180) return bearing;
	const b = ((((bearing + 180) % 360) + 360) % 360) - 180;
	return b === -180 ? 180 : b;
}

function minutesList(text: string): number[] {
	const parsed = parseMinutesList(text);
	if (!parsed.ok) ignore(parsed.message.replace(/\.$/, ''));
	return parsed.minutes;
}

/** Show at most this many characters of a bad value in a notice. */
const MAX_ECHO = 40;

function echo(key: string, value: string): string {
	const shown = value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
	return `"${key}=${shown}"`;
}

/**
 * Read a query string back into state. Never throws: each bad parameter is ignored on its own
 * with a notice (`Ignored "map=banana": expected zoom/lat/lon[/bearing]`), the rest still apply;
 * unknown parameters are listed in one notice.
 *
 * Validation: coordinates inside the Shanghai box (lon 121.0–122.0, lat 30.7–31.9); zoom 0–24;
 * bearing any finite number (normalised to −180…180); layer and place ids must be known; bands and
 * radii as `parseMinutesList` (1–60 min, at most 6); speed 0.5–10 km/h; preset a known id;
 * at most 50 measure points.
 *
 * @param {string} search `location.search`, with or without the leading "?"
 * @param {readonly string[]} knownPlaceIds ids a `place` may name
 * @returns {DecodedState} the valid part of the state and one notice per ignored parameter
 * @example
 * decodeState('?map=banana&lang=zh', []);
 * // { state: { lang: 'zh' }, notices: ['Ignored "map=banana": expected zoom/lat/lon[/bearing]'] }
 */
export function decodeState(search: string, knownPlaceIds: readonly string[]): DecodedState {
	const state: Partial<Snapshot> = {};
	const notices: string[] = [];
	let params: URLSearchParams;
	try {
		params = new URLSearchParams(typeof search === 'string' ? search : '');
	} catch {
		return { state, notices: ['Ignored the link parameters: they could not be read'] };
	}
	const seen = new Set<string>();
	const unknown: string[] = [];
	let presetGiven: string | null = null;

	const readers: Record<Param, (value: string) => void> = {
		lang: (value) => {
			if (!isLang(value)) ignore('expected en or zh');
			state.lang = value;
		},
		map: (value) => {
			const parts = value.split('/');
			if (parts.length < 3 || parts.length > 4) ignore('expected zoom/lat/lon[/bearing]');
			const zoom = number(parts[0], 'zoom');
			if (zoom < ZOOM_RANGE[0] || zoom > ZOOM_RANGE[1]) ignore(`zoom must be ${ZOOM_RANGE[0]}–${ZOOM_RANGE[1]}`);
			const lat = number(parts[1], 'latitude');
			const lon = number(parts[2], 'longitude');
			const bearing = parts.length === 4 ? normaliseBearing(number(parts[3], 'bearing')) : 0;
			state.view = { center: inShanghai(lon, lat), zoom, bearing };
		},
		hide: (value) => {
			const hidden = new Set<ToggleId>();
			for (const id of value.split(',').map((s) => s.trim()).filter(Boolean)) {
				if ((TOGGLE_IDS as readonly string[]).includes(id)) hidden.add(id as ToggleId);
				else notices.push(`Ignored ${echo('hide', id)}: unknown layer`);
			}
			state.layers = TOGGLE_IDS.filter((id) => !hidden.has(id));
		},
		place: (value) => {
			if (!knownPlaceIds.includes(value)) ignore('unknown place');
			state.place = value;
		},
		tool: (value) => {
			if (!(MODES as readonly string[]).includes(value)) ignore(`expected ${MODES.join(', ')}`);
			state.mode = value as Mode;
		},
		origin: (value) => {
			state.origin = point(value);
		},
		bands: (value) => {
			state.minutes = minutesList(value);
		},
		preset: (value) => {
			const preset = presetById(value);
			if (!preset) ignore(`unknown walking-speed preset (known: ${WALKING_SPEED_PRESETS.map((p) => p.id).join(', ')})`);
			presetGiven = value;
			state.preset = preset.id;
			state.speed = preset.kmh;
		},
		speed: (value) => {
			const kmh = number(value, 'speed');
			if (kmh < MIN_SPEED_KMH || kmh > MAX_SPEED_KMH) ignore(`speed must be ${MIN_SPEED_KMH}–${MAX_SPEED_KMH} km/h`);
			// A speed that is exactly the named preset's keeps the preset; any other is custom.
			const preset = presetGiven ? presetById(presetGiven) : undefined;
			if (preset && preset.kmh === kmh) return;
			if (preset) notices.push(`Ignored ${echo('preset', preset.id)}: speed=${fmt(kmh, DIGITS.speed)} overrides it`);
			state.preset = 'custom';
			state.speed = kmh;
		},
		measure: (value) => {
			const points = value.split(';').filter(Boolean);
			if (points.length > MAX_MEASURE_POINTS) ignore(`at most ${MAX_MEASURE_POINTS} points`);
			state.measure = points.map(point);
		},
		radii: (value) => {
			state.measureMinutes = minutesList(value);
		}
	};

	// Read in PARAMS order (preset before speed), whatever order the link wrote them in.
	const entries = [...params].sort(([a], [b]) => rank(a) - rank(b));
	for (const [key, value] of entries) {
		if (!(PARAMS as readonly string[]).includes(key)) {
			if (!unknown.includes(key)) unknown.push(key);
			continue;
		}
		if (seen.has(key)) {
			notices.push(`Ignored ${echo(key, value)}: "${key}" was already given`);
			continue;
		}
		seen.add(key);
		try {
			readers[key as Param](value);
		} catch (error) {
			const reason = error instanceof Ignored ? error.message : 'could not be read';
			notices.push(`Ignored ${echo(key, value)}: ${reason}`);
		}
	}
	if (unknown.length > 0) {
		const names = unknown.map((k) => `"${k.length > MAX_ECHO ? `${k.slice(0, MAX_ECHO)}…` : k}"`).join(', ');
		notices.push(`Ignored unknown parameter${unknown.length > 1 ? 's' : ''} ${names}`);
	}
	return { state, notices };
}

function rank(key: string): number {
	const i = (PARAMS as readonly string[]).indexOf(key);
	return i < 0 ? PARAMS.length : i;
}
