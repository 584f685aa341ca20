import { describe, it, expect } from 'vitest';
import { metresPerMinute } from '../../../src/lib/geo/walking';
import { resolveIsochroneOptions } from '../../../src/lib/graph/isochrone-options';

describe('resolveIsochroneOptions', () => {
	it('fills in the documented defaults', () => {
		const o = resolveIsochroneOptions({ origin: [121.42, 31.22] });
		expect(o).toMatchObject({
			origin: [121.42, 31.22],
			minutes: [5, 10, 15],
			speedKmh: 4,
			cellSize: 25,
			detour: 1.3,
			maxOffStreet: 120,
			maxSnapDistance: 250,
			barriers: null,
			includeStreets: true,
			maxCells: 250_000
		});
		expect(o.limits).toEqual([5, 10, 15].map((m) => m * metresPerMinute(4)));
		expect(o.T).toBe(o.limits[2]);
	});

	it('sorts and de-duplicates the bands, and converts them at the given speed', () => {
		const o = resolveIsochroneOptions({ origin: [121.42, 31.22, 12], minutes: [15, 5, 15, 10], speedKmh: 5 });
		expect(o.origin).toEqual([121.42, 31.22]);
		expect(o.minutes).toEqual([5, 10, 15]);
		expect(o.limits[0]).toBeCloseTo(5 * metresPerMinute(5), 9);
	});

	it('says what is wrong', () => {
		const at = { origin: [121.42, 31.22] };
		expect(() => resolveIsochroneOptions({ origin: [121.42] })).toThrow(/origin must be a \[lon, lat\] pair/);
		expect(() => resolveIsochroneOptions({ ...at, minutes: [61] })).toThrow(/between 1 and 60 minutes/);
		expect(() => resolveIsochroneOptions({ ...at, maxOffStreet: 600 })).toThrow(/maxOffStreet must be 0–500 m/);
		expect(() => resolveIsochroneOptions({ ...at, maxCells: 10 })).toThrow(/maxCells must be ≥ 1000/);
		expect(() => resolveIsochroneOptions({ ...at, offStreetDetour: 4 })).toThrow(/offStreetDetour must be 1–3/);
	});
});
