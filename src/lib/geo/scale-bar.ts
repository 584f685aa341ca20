/**
 * The ground size of a screen pixel on a Web Mercator map, and a scale bar of a round length for it.
 * Pure: the PNG export draws its scale bar with these, and the unit tests check them against
 * distances on the sphere (tests/unit/scale-bar.test.ts).
 */
import { EARTH_RADIUS_M } from './sphere';

/** MapLibre's tile size: the whole world is `512 · 2^zoom` CSS pixels wide. */
export const TILE_SIZE_PX = 512;

/** Web Mercator stops short of the poles; beyond this a scale means nothing. */
const MAX_LATITUDE = 85.051129;

/**
 * Metres on the ground per CSS pixel, at a latitude and zoom of a Web Mercator map: a parallel's
 * length (2πR·cos φ, on the same sphere as the app's distances and MapLibre's own scale control)
 * over the world's width in pixels. Mercator is conformal, so the same holds north–south at that
 * latitude; it halves with each zoom level.
 *
 * @param latitude degrees, WGS84, within ±85.05
 * @param zoom the map's zoom (fractional allowed)
 * @param tileSize pixels of one tile at zoom 0 (default 512, MapLibre's)
 * @returns metres per pixel, > 0
 * @throws {RangeError} for a latitude outside Web Mercator or a zoom that is not finite
 * @example
 * metresPerPixel(31.22, 14); // ≈ 4.08
 */
export function metresPerPixel(latitude: number, zoom: number, tileSize = TILE_SIZE_PX): number {
	if (!Number.isFinite(latitude) || Math.abs(latitude) > MAX_LATITUDE) throw new RangeError(`latitude must be within ±${MAX_LATITUDE}°, got ${latitude}`);
	if (!Number.isFinite(zoom)) throw new RangeError(`zoom must be a finite number, got ${zoom}`);
	if (!(tileSize > 0)) throw new RangeError(`tileSize must be positive, got ${tileSize}`);
	return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((latitude * Math.PI) / 180)) / (tileSize * 2 ** zoom);
}

/** A scale bar: a round ground length and the pixels it spans. */
export interface ScaleBar {
	/** The length the bar stands for, metres: 1, 2 or 5 times a power of ten. */
	metres: number;
	/** The bar's length on screen, in the same pixels as `metresPerPixel` (≤ `maxPx`). */
	px: number;
}

/**
 * The longest bar of a round length (1, 2 or 5 × 10ⁿ metres) that fits in `maxPx` pixels. Since the
 * round lengths step by at most 2.5×, the bar is always longer than `maxPx / 2.5`.
 *
 * @param metresPerPx ground metres per pixel (see {@link metresPerPixel})
 * @param maxPx the longest the bar may be, pixels (default 120)
 * @throws {RangeError} when either is not a positive finite number
 * @example
 * scaleBar(8.17, 120); // { metres: 500, px: 61.2 }
 */
export function scaleBar(metresPerPx: number, maxPx = 120): ScaleBar {
	if (!(metresPerPx > 0) || !Number.isFinite(metresPerPx)) throw new RangeError(`metresPerPx must be a positive number, got ${metresPerPx}`);
	if (!(maxPx > 0) || !Number.isFinite(maxPx)) throw new RangeError(`maxPx must be a positive number, got ${maxPx}`);
	const longest = metresPerPx * maxPx;
	const power = 10 ** Math.floor(Math.log10(longest));
	// Floating point may put log10 of an exact power of ten a hair either side: 10 and 0.5 catch both.
	let metres = power;
	for (const step of [10, 5, 2, 1, 0.5]) {
		if (step * power <= longest * (1 + 1e-12)) {
			metres = step * power;
			break;
		}
	}
	return { metres, px: metres / metresPerPx };
}
