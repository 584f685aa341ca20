import { describe, expect, it } from 'vitest';
import { TILE_SIZE_PX, metresPerPixel, scaleBar } from '$lib/geo/scale-bar';
import { EARTH_RADIUS_M, distanceMetres } from '$lib/geo/sphere';
import { mulberry32 } from '../../src/lib/graph/random';

// The PNG's scale bar must say the truth about the picture under it: checked against distances on
// the sphere between points unprojected from Web Mercator pixels, at seeded random places and zooms.
const random = mulberry32(20261201);

/** Web Mercator pixel → [lon, lat] for a world `512 · 2^zoom` pixels wide (MapLibre's projection). */
function unproject(x: number, y: number, zoom: number): [number, number] {
	const world = TILE_SIZE_PX * 2 ** zoom;
	const lon = (x / world) * 360 - 180;
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / world))) * 180) / Math.PI;
	return [lon, lat];
}

/** The inverse, for a start point. */
function project([lon, lat]: [number, number], zoom: number): [number, number] {
	const world = TILE_SIZE_PX * 2 ** zoom;
	const phi = (lat * Math.PI) / 180;
	return [((lon + 180) / 360) * world, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * world];
}

const cases = Array.from({ length: 300 }, (_, i) => ({
	lonLat: (i % 3 === 0 ? [121.35 + random() * 0.1, 31.18 + random() * 0.06] : [random() * 340 - 170, random() * 160 - 80]) as [number, number],
	zoom: 6 + random() * 14
}));

describe('metresPerPixel', () => {
	it('a few pixels east–west span as many metres on the sphere as it says', () => {
		for (const { lonLat, zoom } of cases) {
			const [x, y] = project(lonLat, zoom);
			const span = 4;
			const ground = distanceMetres(unproject(x - span / 2, y, zoom), unproject(x + span / 2, y, zoom));
			expect(Math.abs(ground / span / metresPerPixel(lonLat[1], zoom) - 1)).toBeLessThan(1e-6);
		}
	});

	it('north–south too, since Mercator keeps shapes (conformal)', () => {
		for (const { lonLat, zoom } of cases) {
			const [x, y] = project(lonLat, zoom);
			const span = 4;
			const ground = distanceMetres(unproject(x, y - span / 2, zoom), unproject(x, y + span / 2, zoom));
			expect(Math.abs(ground / span / metresPerPixel(lonLat[1], zoom) - 1)).toBeLessThan(1e-5);
		}
	});

	it('halves with each zoom level and is largest at the equator', () => {
		for (const { lonLat, zoom } of cases) {
			expect(metresPerPixel(lonLat[1], zoom + 1)).toBeCloseTo(metresPerPixel(lonLat[1], zoom) / 2, 9);
			expect(metresPerPixel(lonLat[1], zoom)).toBeLessThanOrEqual(metresPerPixel(0, zoom));
			expect(metresPerPixel(-lonLat[1], zoom)).toBe(metresPerPixel(lonLat[1], zoom));
		}
	});

	it('is the equator over the world width at zoom 0, and about 4 m a pixel over Changning at zoom 14', () => {
		expect(metresPerPixel(0, 0)).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_M) / 512, 9);
		expect(metresPerPixel(31.22, 14)).toBeGreaterThan(4.05);
		expect(metresPerPixel(31.22, 14)).toBeLessThan(4.11);
		expect(metresPerPixel(31.22, 14, 256)).toBeCloseTo(2 * metresPerPixel(31.22, 14), 9);
	});

	it('refuses what no Web Mercator map shows', () => {
		expect(() => metresPerPixel(89, 10)).toThrow(/latitude/);
		expect(() => metresPerPixel(Number.NaN, 10)).toThrow(/latitude/);
		expect(() => metresPerPixel(31, Number.POSITIVE_INFINITY)).toThrow(/zoom/);
		expect(() => metresPerPixel(31, 10, 0)).toThrow(/tileSize/);
	});
});

describe('scaleBar', () => {
	/** 1, 2 or 5 times a power of ten (up to floating point). */
	const isRound = (metres: number) => {
		const mantissa = metres / 10 ** Math.floor(Math.log10(metres) + 1e-9);
		return [1, 2, 5].some((step) => Math.abs(mantissa - step) < 1e-9);
	};

	it('is a round length (1, 2 or 5 × 10ⁿ m) that fits, longer than 1/2.5 of the room, and says its own pixels', () => {
		for (let i = 0; i < 2000; i++) {
			const mpp = 10 ** (random() * 8 - 3);
			const maxPx = 40 + random() * 200;
			const bar = scaleBar(mpp, maxPx);
			expect(isRound(bar.metres), `${bar.metres} m`).toBe(true);
			expect(bar.px).toBeLessThanOrEqual(maxPx * (1 + 1e-9));
			expect(bar.px).toBeGreaterThan(maxPx / 2.5);
			expect(bar.px * mpp).toBeCloseTo(bar.metres, 6);
		}
	});

	it('never shortens its length as the ground per pixel grows (zooming out)', () => {
		let previous = 0;
		for (let mpp = 0.01; mpp < 10_000; mpp *= 1.07) {
			const { metres } = scaleBar(mpp, 120);
			expect(metres).toBeGreaterThanOrEqual(previous);
			previous = metres;
		}
	});

	it('takes an exact power of ten that just fits (floating point either side of log10)', () => {
		expect(scaleBar(10, 100)).toEqual({ metres: 1000, px: 100 });
		expect(scaleBar(0.1, 100)).toEqual({ metres: 10, px: 100 });
		expect(scaleBar(1e-3, 1000).metres).toBe(1);
		expect(scaleBar(8.17, 120).metres).toBe(500);
	});

	it('refuses a length it cannot draw', () => {
		expect(() => scaleBar(0, 100)).toThrow(/metresPerPx/);
		expect(() => scaleBar(-1, 100)).toThrow(/metresPerPx/);
		expect(() => scaleBar(Number.NaN, 100)).toThrow(/metresPerPx/);
		expect(() => scaleBar(1, 0)).toThrow(/maxPx/);
	});
});
