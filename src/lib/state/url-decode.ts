/**
 * A link's query string read back into state. Never throws: every parameter is checked on its own,
 * a bad one is dropped with a notice and the others still apply, so a mangled link opens the app in
 * the best state it can. Notices are data (a code, the parameter, the numbers), worded by the UI.
 */
import { LIFE_CIRCLE_CATEGORIES, isLifeCircleCategory } from '$lib/geo/life-circle-categories';
import { TOGGLE_IDS, type ToggleId } from '$lib/data/layer-toggles';
import { isLang } from '$lib/i18n/strings';
import { BASEMAP_IDS, isBasemapId } from '$lib/data/basemaps';
import type { LonLat } from '$lib/geo/lonlat';
import { parseMinutesList, type MinutesProblem } from '$lib/geo/minutes';
import { MAX_SPEED_KMH, MIN_SPEED_KMH, WALKING_SPEED_PRESETS } from '$lib/geo/walking';
import { MODES, isMode } from './mode';
import {
	DIGITS,
	MAX_MEASURE_POINTS,
	MAX_ORIGINS,
	PARAMS,
	SHANGHAI_BOX,
	ZOOM_RANGE,
	fmt,
	normaliseBearing,
	presetById,
	type Param,
	type Snapshot
} from './url-state';

/** The numbers a link carries, named in a notice about one of them. */
export type NumberName = 'zoom' | 'latitude' | 'longitude' | 'bearing' | 'speed';

/** Why a parameter was ignored; each has a sentence `link.<code>` in the string tables. */
export type LinkProblem =
	| { code: 'expected-lang' | 'expected-map' | 'expected-point' | 'unknown-layer' | 'unknown-place' | 'unreadable-value' }
	| { code: 'expected-tool'; tools: string }
	| { code: 'not-a-number' | 'not-finite'; what: NumberName }
	| { code: 'zoom-range' | 'speed-range'; min: number; max: number }
	| { code: 'outside-shanghai'; point: string; west: number; east: number; south: number; north: number }
	| { code: 'unknown-preset'; known: string }
	| { code: 'unknown-category'; known: string }
	| { code: 'too-many-points'; max: number }
	| { code: 'repeated' }
	| { code: 'preset-overridden'; speed: string }
	/** A bands or radii list that `parseMinutesList` refused, with its problem. */
	| { code: 'minutes'; problem: MinutesProblem };

/**
 * What a link could not restore, as data: the UI words it (components/messages.ts), so the decoder
 * stays pure and no sentence is ever parsed back.
 */
export type LinkNotice =
	/** One parameter was ignored: `param=value` (value cut to 40 characters) and why. */
	| { code: 'ignored'; param: string; value: string; problem: LinkProblem }
	/** Parameters the app does not know, by name (each cut to 40 characters). */
	| { code: 'unknown-params'; names: string[] }
	/** The query string itself could not be read. */
	| { code: 'unreadable' };

export interface DecodedState {
	/** Only what the link set and what passed validation. */
	state: Partial<Snapshot>;
	/** One notice per ignored parameter, and one for all unknown ones. */
	notices: LinkNotice[];
}

/** A thrown-away parameter, with its problem. */
class Ignored extends Error {
	constructor(readonly problem: LinkProblem) {
		super(problem.code);
	}
}

function ignore(problem: LinkProblem): never {
	throw new Ignored(problem);
}

/** A finite number or a clear reason why not. */
function number(text: string, what: NumberName): number {
	const trimmed = text.trim();
	// Number('') is 0 and Number('0x10') is 16: accept plain decimals only.
	if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) ignore({ code: 'not-a-number', what });
	const value = Number(trimmed);
	if (!Number.isFinite(value)) ignore({ code: 'not-finite', what });
	return value;
}

function inShanghai(lon: number, lat: number): LonLat {
	const { west, east, south, north } = SHANGHAI_BOX;
	if (lon < west || lon > east || lat < south || lat > north) {
		ignore({ code: 'outside-shanghai', point: `${fmt(lon, 6)},${fmt(lat, 6)}`, west, east, south, north });
	}
	return [lon, lat];
}

/** "lon,lat" → a point in Shanghai. */
function point(text: string): LonLat {
	const parts = text.split(',');
	if (parts.length !== 2) ignore({ code: 'expected-point' });
	return inShanghai(number(parts[0], 'longitude'), number(parts[1], 'latitude'));
}

function minutesList(text: string): number[] {
	const parsed = parseMinutesList(text);
	// The problem without the parser's English sentence (that one is for the CLI).
	if (!parsed.ok) ignore({ code: 'minutes', problem: { code: parsed.code, params: parsed.params } as MinutesProblem });
	return parsed.minutes;
}

/** Show at most this many characters of a bad value in a notice. */
const MAX_ECHO = 40;

function cut(value: string): string {
	return value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
}

/**
 * Read a query string back into state. Never throws: each bad parameter is ignored on its own
 * with a notice (`{ code: 'ignored', param: 'map', value: 'banana', problem: { code: 'expected-map' } }`),
 * the rest still apply; unknown parameters are listed in one notice.
 *
 * Validation: coordinates inside the Shanghai box (lon 121.0–122.0, lat 30.7–31.9); zoom 0–24;
 * bearing any finite number (normalised to −180…180); layer and place ids must be known; bands and
 * radii as `parseMinutesList` (1–60 min, at most 6); speed 0.5–10 km/h; preset a known id;
 * at most 50 measure points; basemap a known id.
 *
 * @param {string} search `location.search`, with or without the leading "?"
 * @param {readonly string[]} knownPlaceIds ids a `place` may name
 * @returns {DecodedState} the valid part of the state and one notice per ignored parameter
 * @example
 * decodeState('?map=banana&lang=zh', []);
 * // { state: { lang: 'zh' }, notices: [{ code: 'ignored', param: 'map', value: 'banana', problem: { code: 'expected-map' } }] }
 */
export function decodeState(search: string, knownPlaceIds: readonly string[]): DecodedState {
	const state: Partial<Snapshot> = {};
	const notices: LinkNotice[] = [];
	const ignored = (param: string, value: string, problem: LinkProblem) => notices.push({ code: 'ignored', param, value: cut(value), problem });
	let params: URLSearchParams;
	try {
		params = new URLSearchParams(typeof search === 'string' ? search : '');
	} catch {
		return { state, notices: [{ code: 'unreadable' }] };
	}
	const seen = new Set<string>();
	const unknown: string[] = [];
	let presetGiven: string | null = null;

	const readers: Record<Param, (value: string) => void> = {
		lang: (value) => {
			if (!isLang(value)) ignore({ code: 'expected-lang' });
			state.lang = value;
		},
		map: (value) => {
			const parts = value.split('/');
			if (parts.length < 3 || parts.length > 4) ignore({ code: 'expected-map' });
			const zoom = number(parts[0], 'zoom');
			if (zoom < ZOOM_RANGE[0] || zoom > ZOOM_RANGE[1]) ignore({ code: 'zoom-range', min: ZOOM_RANGE[0], max: ZOOM_RANGE[1] });
			const lat = number(parts[1], 'latitude');
			const lon = number(parts[2], 'longitude');
			const bearing = parts.length === 4 ? normaliseBearing(number(parts[3], 'bearing')) : 0;
			state.view = { center: inShanghai(lon, lat), zoom, bearing };
		},
		hide: (value) => {
			const hidden = new Set<ToggleId>();
			for (const id of value.split(',').map((s) => s.trim()).filter(Boolean)) {
				if ((TOGGLE_IDS as readonly string[]).includes(id)) hidden.add(id as ToggleId);
				else ignored('hide', id, { code: 'unknown-layer' });
			}
			state.layers = TOGGLE_IDS.filter((id) => !hidden.has(id));
		},
		place: (value) => {
			if (!knownPlaceIds.includes(value)) ignore({ code: 'unknown-place' });
			state.place = value;
		},
		tool: (value) => {
			if (!isMode(value)) ignore({ code: 'expected-tool', tools: MODES.join(', ') });
			state.mode = value;
		},
		origin: (value) => {
			state.origin = point(value);
		},
		origins: (value) => {
			const points = value.split(';').filter(Boolean);
			if (points.length > MAX_ORIGINS) ignore({ code: 'too-many-points', max: MAX_ORIGINS });
			state.origins = points.map(point);
		},
		merge: (value) => {
			if (value !== '0' && value !== '1') ignore({ code: 'unreadable-value' });
			state.merge = value === '1';
		},
		rings: (value) => {
			if (value !== '0' && value !== '1') ignore({ code: 'unreadable-value' });
			state.rings = value === '1';
		},
		compare: (value) => {
			const preset = presetById(value);
			if (!preset) ignore({ code: 'unknown-preset', known: WALKING_SPEED_PRESETS.map((p) => p.id).join(', ') });
			state.compare = preset.id;
		},
		bands: (value) => {
			state.minutes = minutesList(value);
		},
		preset: (value) => {
			const preset = presetById(value);
			if (!preset) ignore({ code: 'unknown-preset', known: WALKING_SPEED_PRESETS.map((p) => p.id).join(', ') });
			presetGiven = value;
			state.preset = preset.id;
			state.speed = preset.kmh;
		},
		speed: (value) => {
			const kmh = number(value, 'speed');
			if (kmh < MIN_SPEED_KMH || kmh > MAX_SPEED_KMH) ignore({ code: 'speed-range', min: MIN_SPEED_KMH, max: MAX_SPEED_KMH });
			// A speed that is exactly the named preset's keeps the preset; any other is custom.
			const preset = presetGiven ? presetById(presetGiven) : undefined;
			if (preset && preset.kmh === kmh) return;
			if (preset) ignored('preset', preset.id, { code: 'preset-overridden', speed: fmt(kmh, DIGITS.speed) });
			state.preset = 'custom';
			state.speed = kmh;
		},
		measure: (value) => {
			const points = value.split(';').filter(Boolean);
			if (points.length > MAX_MEASURE_POINTS) ignore({ code: 'too-many-points', max: MAX_MEASURE_POINTS });
			state.measure = points.map(point);
		},
		radii: (value) => {
			state.measureMinutes = minutesList(value);
		},
		cover: (value) => {
			// A user layer's category (issue 11) is taken quietly: it applies when that layer is in use here.
			if (!isLifeCircleCategory(value) && !value.startsWith('user:')) ignore({ code: 'unknown-category', known: LIFE_CIRCLE_CATEGORIES.map((c) => c.id).join(', ') });
			state.cover = value;
		},
		basemap: (value) => {
			// "expected {tools}" is the tables' one sentence for "one of these words".
			if (!isBasemapId(value)) ignore({ code: 'expected-tool', tools: BASEMAP_IDS.join(', ') });
			state.basemap = value;
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
			ignored(key, value, { code: 'repeated' });
			continue;
		}
		seen.add(key);
		try {
			readers[key as Param](value);
		} catch (error) {
			ignored(key, value, error instanceof Ignored ? error.problem : { code: 'unreadable-value' });
		}
	}
	if (unknown.length > 0) notices.push({ code: 'unknown-params', names: unknown.map(cut) });
	return { state, notices };
}

function rank(key: string): number {
	const i = (PARAMS as readonly string[]).indexOf(key);
	return i < 0 ? PARAMS.length : i;
}
