import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { circle, distance, length, lineString, transformRotate, transformTranslate } from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { measurePolygon, pathLegs, relativeDifference } from '$lib/geo/measure';
import { MeasureState, formatLength, lengthLabel } from '$lib/state/measure.svelte';
import { createHandlers } from '$lib/worker/handlers';
import { buildStreetGraph } from '$lib/graph';
import { loadStrings } from '$lib/i18n/strings';
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

describe('pathLegs', () => {
	it('adds the legs up: running lengths grow by each leg, the last is the whole path (turf.length), midpoints halve each leg', () => {
		const points: [number, number][] = [
			[121.4, 31.21],
			[121.41, 31.21],
			[121.41, 31.215],
			[121.402, 31.22]
		];
		const { legs, running, midpoints } = pathLegs(points);
		expect(legs).toHaveLength(3);
		expect(running).toHaveLength(4);
		expect(running[0]).toBe(0);
		for (let i = 0; i < legs.length; i++) {
			expect(running[i + 1]).toBeCloseTo(running[i] + legs[i], 9);
			// Halfway, to centimetres (the label sits there).
			expect(Math.abs(distance(points[i], midpoints[i], { units: 'meters' }) - legs[i] / 2)).toBeLessThan(0.05);
			expect(Math.abs(distance(midpoints[i], points[i + 1], { units: 'meters' }) - legs[i] / 2)).toBeLessThan(0.05);
		}
		expect(running[3]).toBeCloseTo(length(lineString(points), { units: 'meters' }), 6);
		expect(pathLegs([])).toEqual({ legs: [], running: [], midpoints: [] });
		expect(pathLegs([points[0]])).toEqual({ legs: [], running: [0], midpoints: [] });
	});
});

describe('MeasureState: drawing, finishing, continuing', () => {
	const A: [number, number] = [121.4, 31.21];
	const B: [number, number] = [121.41, 31.21];
	const C: [number, number] = [121.41, 31.215];
	const D: [number, number] = [121.402, 31.22];

	/**
	 * What the map hands the state for a double-click at a place: click (count 1), click (count 2),
	 * dblclick. The hand may move a pixel between the two clicks, so the second lands a little apart.
	 */
	function doubleClick(measure: MeasureState, at: [number, number]): void {
		measure.click(at, 1);
		measure.click([at[0] + 2e-6, at[1] - 1e-6], 2);
		measure.finish();
	}

	it('a double-click ends the path and adds its place once, as the last point', () => {
		const measure = new MeasureState();
		measure.click(A, 1);
		measure.click(B, 1);
		measure.click(C, 1);
		doubleClick(measure, D);
		expect(measure.points).toEqual([A, B, C, D]);
		expect(measure.finished).toBe(true);
		// A double-click on the last point itself ends the path without a zero-length leg.
		const again = new MeasureState();
		again.click(A, 1);
		again.click(B, 1);
		doubleClick(again, B);
		expect(again.points).toEqual([A, B]);
		expect(again.finished).toBe(true);
	});

	it('never adds a point where the last one is', () => {
		const measure = new MeasureState();
		measure.add(A);
		measure.add(A);
		measure.add(B);
		measure.add(B);
		expect(measure.points).toEqual([A, B]);
	});

	it('a finished path can be continued, or cleared; a click after it starts a new path', () => {
		const measure = new MeasureState();
		measure.click(A, 1);
		doubleClick(measure, B);
		measure.resume();
		expect(measure.finished).toBe(false);
		measure.click(C, 1);
		expect(measure.points).toEqual([A, B, C]);

		measure.finish();
		measure.click(D, 1);
		expect(measure.points, 'a new path').toEqual([D]);
		expect(measure.finished).toBe(false);

		measure.finish();
		measure.clear();
		expect(measure.points).toEqual([]);
		expect(measure.finished).toBe(false);
	});

	it('has nothing to finish without a point', () => {
		const measure = new MeasureState();
		measure.finish();
		expect(measure.finished).toBe(false);
		measure.add(A);
		expect(measure.finished).toBe(false);
	});

	it('labels each leg at its midpoint and each later point with the running length, for the map', () => {
		const measure = new MeasureState();
		for (const p of [A, B, C, D]) measure.add(p);
		const features = measure.features(4).features;
		const byRole = (role: string) => features.filter((f) => f.properties?.role === role);
		const legs = byRole('leg-label');
		const vertices = byRole('vertex-label');
		expect(legs).toHaveLength(3);
		expect(vertices.map((f) => f.properties?.index)).toEqual([1, 2, 3]);
		const legSum = legs.reduce((sum, f) => sum + (f.properties?.metres as number), 0);
		expect(legSum).toBeCloseTo(measure.pathMetres, 6);
		expect(vertices[2].properties?.metres).toBeCloseTo(measure.pathMetres, 6);
		expect(legs[0].properties?.label).toBe(formatLength(legs[0].properties?.metres as number, 'en'));
		// Without a worker there is no walk along the streets: nothing drawn, nothing said.
		expect(byRole('route')).toEqual([]);
		expect(measure.route).toEqual({ kind: 'none' });
		expect(byRole('path')).toHaveLength(1);
		expect(byRole('vertex')).toHaveLength(4);
	});
});

describe('formatLength', () => {
	it('writes whole metres below a kilometre and kilometres to 10 m above, in the language', async () => {
		await loadStrings('zh');
		expect(formatLength(327.4, 'en')).toBe('327 m');
		expect(formatLength(999.4, 'en')).toBe('999 m');
		expect(formatLength(1234, 'en')).toBe('1.23 km');
		expect(formatLength(12_345, 'en')).toBe('12.35 km');
		expect(formatLength(1234, 'zh')).toBe('1.23公里');
		expect(lengthLabel('en')(320, 410)).toBe('320 m · walk 410 m');
		expect(lengthLabel('zh')(320, null)).toBe('320米');
	});
});

describe('the worker\'s "route" request', () => {
	const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection;
	const handlers = createHandlers();
	handlers.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: null, amenities: { type: 'FeatureCollection', features: [] }, coverage: {} });

	it('walks each leg along the streets, never shorter than the straight leg', () => {
		const points: [number, number][] = [
			[121.418, 31.216],
			[121.425, 31.219],
			[121.421, 31.224]
		];
		const reply = handlers.route({ points });
		expect(reply.legs).toHaveLength(2);
		expect(reply.unsnapped).toEqual([]);
		const { legs } = pathLegs(points);
		reply.legs.forEach((leg, i) => {
			if (!leg.ok) throw new Error(`leg ${i}: ${leg.reason}`);
			expect(leg.coordinates[0]).toEqual(points[i]);
			expect(leg.coordinates[leg.coordinates.length - 1]).toEqual(points[i + 1]);
			// Metres in the graph's flat projection against turf's sphere: within 0.5 %.
			expect(leg.metres).toBeGreaterThan(legs[i] * 0.995);
		});
		expect(structuredClone(reply)).toEqual(reply);
	});

	it('names a point with no street within the radius, and keeps its legs straight', () => {
		const airfield: [number, number] = [121.3326, 31.1935];
		const reply = handlers.route({ points: [[121.418, 31.216], airfield, [121.425, 31.219]] });
		expect(reply.legs).toEqual([
			{ ok: false, reason: 'no-walkable-street' },
			{ ok: false, reason: 'no-walkable-street' }
		]);
		expect(reply.unsnapped).toHaveLength(1);
		expect(reply.unsnapped[0].index).toBe(1);
		expect(reply.unsnapped[0].nearestDistance).toBeGreaterThan(reply.radius);
	});

	it('answers no legs for fewer than two points, and refuses before the graph is loaded', () => {
		expect(handlers.route({ points: [[121.418, 31.216]] }).legs).toEqual([]);
		expect(() => createHandlers().route({ points: [] })).toThrow(/not loaded/);
	});
});
