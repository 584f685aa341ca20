import { describe, it, expect } from 'vitest';
import { circle, transformRotate, transformTranslate } from '@turf/turf';
import type { Polygon } from 'geojson';
import { measurePolygon, relativeDifference } from '$lib/geo/measure';
import { formatFact, formatPercentChange } from '$lib/components/format';

// A 1 km × 1 km square near Zhongshan Park, built from metre offsets.
function square(sideM: number, at: [number, number] = [121.41, 31.22]): Polygon {
	const dLat = sideM / 111_320;
	const dLon = sideM / (111_320 * Math.cos((at[1] * Math.PI) / 180));
	const [x, y] = at;
	return {
		type: 'Polygon',
		coordinates: [[[x, y], [x + dLon, y], [x + dLon, y + dLat], [x, y + dLat], [x, y]]]
	};
}

describe('measurePolygon', () => {
	it('measures a 1 km square as 1 km², 100 ha and 4 km around (within 0.5 %)', () => {
		const m = measurePolygon(square(1000))!;
		expect(m.areaKm2).toBeCloseTo(1, 2);
		expect(m.areaHa).toBeCloseTo(100, 0);
		expect(m.perimeterKm).toBeCloseTo(4, 1);
	});

	it('is invariant under rotation and translation (area and perimeter)', () => {
		const base = { type: 'Feature' as const, geometry: square(700), properties: {} };
		const ref = measurePolygon(base.geometry)!;
		for (const angle of [15, 45, 90, 133]) {
			const moved = transformTranslate(transformRotate(base, angle), 2, angle, { units: 'kilometers' });
			const m = measurePolygon(moved.geometry)!;
			expect(Math.abs(relativeDifference(m.areaM2, ref.areaM2))).toBeLessThan(0.002);
			expect(Math.abs(relativeDifference(m.perimeterKm, ref.perimeterKm))).toBeLessThan(0.002);
		}
	});

	it('satisfies the isoperimetric inequality: 4πA ≤ P², with equality approached by a circle', () => {
		const disc = circle([121.4, 31.2], 0.5, { steps: 256, units: 'kilometers' });
		const m = measurePolygon(disc.geometry)!;
		const ratio = (4 * Math.PI * m.areaKm2) / m.perimeterKm ** 2;
		expect(ratio).toBeLessThanOrEqual(1);
		expect(ratio).toBeGreaterThan(0.999);
		const sq = measurePolygon(square(500))!;
		expect((4 * Math.PI * sq.areaKm2) / sq.perimeterKm ** 2).toBeCloseTo(Math.PI / 4, 2);
	});

	it('returns null for points and lines', () => {
		expect(measurePolygon({ type: 'Point', coordinates: [121.4, 31.2] })).toBeNull();
		expect(measurePolygon({ type: 'LineString', coordinates: [[121.4, 31.2], [121.41, 31.2]] })).toBeNull();
	});
});

describe('fact formatting', () => {
	it('keeps the qualifier and the unit', () => {
		const f = { label: { en: 'x', zh: 'x' }, value: 500, qualifier: 'over' as const, unit: 'companies', period: '2023', source: 'briefing-2023-08-31' as const };
		expect(formatFact(f)).toBe('over 500 companies');
		expect(formatFact({ ...f, value: 54.9, unit: '%', qualifier: undefined })).toBe('54.9 %');
		expect(formatFact({ ...f, value: 9000, unit: 'yuan/m²', qualifier: 'about' })).toBe('about 9,000 yuan/m²');
	});

	it('signs a relative change', () => {
		expect(formatPercentChange(0.0123)).toBe('+1.2 %');
		expect(formatPercentChange(-0.05)).toBe('−5 %');
		expect(formatPercentChange(-0.0004)).toBe('±0 %');
		expect(() => relativeDifference(1, 0)).toThrow();
	});
});
