/**
 * The one rounding helper of the data build: every coordinate and every figure the build writes is
 * rounded here, so a file never mixes two rounding rules (a coordinate rounded one way in one file
 * and another way in the next would stop two files from sharing a node exactly).
 *
 * Rule: `Math.round(value · 10^decimals) / 10^decimals` — half up, on the binary double. This is
 * what the committed geodata was written with; `Number(value.toFixed(d))` rounds the exact decimal
 * instead and differs on a few values (1.45 → 1.5 here, 1.4 with toFixed), so it is not used for data.
 */
import type { Geometry, Position } from 'geojson';

/** Decimals of every written coordinate: 6 decimals of a degree are about 0.1 m. */
export const COORDINATE_DECIMALS = 6;

/**
 * Round a number to a number of decimals.
 *
 * @param {number} value any finite number
 * @param {number} decimals 0 or more whole decimals (0 rounds to an integer)
 * @returns {number} the rounded value
 * @throws {Error} if `decimals` is not a whole number from 0 to 15 or `value` is not finite
 * @example
 * round(121.4123456789, 6); // 121.412346
 * round(1668.818, 0); // 1669
 */
export function round(value: number, decimals: number): number {
	if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
		throw new Error(`round: decimals must be a whole number from 0 to 15, got ${decimals}`);
	}
	if (!Number.isFinite(value)) throw new Error(`round: value must be a finite number, got ${value}`);
	const scale = 10 ** decimals;
	return Math.round(value * scale) / scale;
}

/**
 * A position with every ordinate rounded to {@link COORDINATE_DECIMALS}.
 *
 * @example roundPosition([121.41234567, 31.2]) // [121.412346, 31.2]
 */
export function roundPosition(position: Position): Position {
	return position.map((x) => round(x, COORDINATE_DECIMALS));
}

/** Nested coordinate arrays of any depth (a position, a ring, a polygon, a multipolygon). */
export type Coordinates = Position | Coordinates[];

/** The same nesting, every position rounded with {@link roundPosition}. */
export function roundCoordinates<C extends Coordinates>(coordinates: C): C {
	return (typeof coordinates[0] === 'number'
		? roundPosition(coordinates as Position)
		: (coordinates as Coordinates[]).map(roundCoordinates)) as C;
}

/**
 * The same geometry (and any other members it carries), coordinates rounded.
 *
 * @throws {Error} for a GeometryCollection, which the build never writes
 */
export function roundGeometry<G extends Exclude<Geometry, { type: 'GeometryCollection' }>>(geometry: G): G {
	if (!('coordinates' in geometry)) throw new Error('roundGeometry: a GeometryCollection cannot be rounded');
	return { ...geometry, coordinates: roundCoordinates(geometry.coordinates as Coordinates) as G['coordinates'] };
}
