/**
 * The options of `computeIsochrone`: their defaults, written once, and their validation up front.
 */
import { DEFAULT_BANDS } from '../geo/life-circle-categories';
import { DEFAULT_SPEED_KMH, assertMinutes, assertWalkingSpeed, metresPerMinute } from '../geo/walking';
import type { BarrierInput, PreparedBarriers } from './barriers';
import { DEFAULT_MAX_SNAP_DISTANCE } from './snap';

/** Options of `computeIsochrone`. */
export interface IsochroneOptions {
	/** Start point, WGS84 [lon, lat]. */
	origin: readonly [number, number] | readonly number[];
	/** Band limits in minutes, each 1–60 (default `DEFAULT_BANDS`: [5, 10, 15]); sorted and de-duplicated. */
	minutes?: readonly number[];
	/** Walking speed, km/h, 0.5–10 (default 4.0, the Shanghai 1 km / 15 min standard). */
	speedKmh?: number;
	/** Grid cell side in metres, 5–200 (default 25); grown automatically beyond `maxCells`. */
	cellSize?: number;
	/** Cost factor of off-street walking relative to its straight-line distance, 1–3 (default 1.3). */
	offStreetDetour?: number;
	/** Longest off-street walk from a street, metres, 0–500 (default 120). */
	maxOffStreet?: number;
	/** Snapping radius, metres (default 250). */
	maxSnapDistance?: number;
	/**
	 * Lines/polygons the off-street walk may not cross (e.g. the Suzhou Creek polygon of
	 * geodata/water.geojson), WGS84. Projected once per object (WeakMap): pass the same object on
	 * every call and do not mutate it, or pass the result of `prepareBarriers(graph.projection, …)`.
	 */
	barriers?: BarrierInput | PreparedBarriers | null;
	/** Build `reachedStreets` (default true); skip it to save time when only bands are drawn. */
	includeStreets?: boolean;
	/** Largest grid, in cells (default 250 000); the cell size grows to fit. */
	maxCells?: number;
	/**
	 * Per directed edge, non-zero = never walked (a walking profile's streets to avoid, from
	 * `avoidedEdges` in street-kinds.ts); default null, every street. The street the origin snaps to is
	 * still walked to its ends: the walk starts on it.
	 */
	avoidEdges?: Uint8Array | null;
	/** Return a copy of the spread cost grid (`cost`), e.g. to merge several origins (default false). */
	keepCost?: boolean;
}

/** Options with every default filled in, and the band limits in metres. */
export interface ResolvedIsochroneOptions {
	origin: [number, number];
	/** Band limits, minutes, ascending, without duplicates. */
	minutes: number[];
	/** The same in metres. */
	limits: number[];
	/** The largest limit, metres: how far the search goes. */
	T: number;
	speedKmh: number;
	/** Metres per minute at `speedKmh`. */
	mpm: number;
	cellSize: number;
	detour: number;
	maxOffStreet: number;
	maxSnapDistance: number;
	barriers: BarrierInput | PreparedBarriers | null;
	includeStreets: boolean;
	maxCells: number;
	avoidEdges: Uint8Array | null;
	keepCost: boolean;
}

/**
 * Fill in the defaults and check every option, throwing a message that says what was wrong.
 *
 * @param {IsochroneOptions} options as given to `computeIsochrone`
 * @returns {ResolvedIsochroneOptions} the options to compute with
 * @throws {Error} on a bad origin, minutes out of 1–60, speed out of 0.5–10 km/h, cellSize out of
 *   5–200 m, offStreetDetour out of 1–3, maxOffStreet out of 0–500 m or maxCells under 1000
 * @example
 * resolveIsochroneOptions({ origin: [121.42, 31.22], minutes: [15, 5, 5] }).minutes; // [5, 15]
 */
export function resolveIsochroneOptions(options: IsochroneOptions): ResolvedIsochroneOptions {
	const {
		origin,
		minutes: minutesIn = DEFAULT_BANDS,
		speedKmh = DEFAULT_SPEED_KMH,
		cellSize = 25,
		offStreetDetour: detour = 1.3,
		maxOffStreet = 120,
		maxSnapDistance = DEFAULT_MAX_SNAP_DISTANCE,
		barriers = null,
		includeStreets = true,
		maxCells = 250_000,
		avoidEdges = null,
		keepCost = false
	} = options;
	if (!origin || origin.length < 2 || !Number.isFinite(origin[0]) || !Number.isFinite(origin[1])) {
		throw new Error(`computeIsochrone: origin must be a [lon, lat] pair of finite numbers, got ${JSON.stringify(origin)}`);
	}
	if (!Array.isArray(minutesIn) || minutesIn.length === 0) {
		throw new Error('computeIsochrone: minutes must be a non-empty array of band limits, e.g. [5, 10, 15]');
	}
	minutesIn.forEach(assertMinutes);
	assertWalkingSpeed(speedKmh);
	if (!(cellSize >= 5 && cellSize <= 200)) {
		throw new Error(`computeIsochrone: cellSize must be 5–200 m, got ${cellSize}`);
	}
	if (!(detour >= 1 && detour <= 3)) {
		throw new Error(`computeIsochrone: offStreetDetour must be 1–3, got ${detour}`);
	}
	if (!(maxOffStreet >= 0 && maxOffStreet <= 500)) {
		throw new Error(`computeIsochrone: maxOffStreet must be 0–500 m, got ${maxOffStreet}`);
	}
	if (!(maxCells >= 1000)) throw new Error(`computeIsochrone: maxCells must be ≥ 1000, got ${maxCells}`);
	const minutes = [...new Set(minutesIn)].sort((a, b) => a - b);
	const mpm = metresPerMinute(speedKmh);
	const limits = minutes.map((m) => m * mpm);
	return {
		origin: [origin[0], origin[1]],
		minutes,
		limits,
		T: limits[limits.length - 1],
		speedKmh,
		mpm,
		cellSize,
		detour,
		maxOffStreet,
		maxSnapDistance,
		barriers,
		includeStreets,
		maxCells,
		avoidEdges,
		keepCost
	};
}
