import { describe, it, expect } from 'vitest';
import { circle } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { LIFE_CIRCLE_CATEGORIES, evaluateLifeCircle } from '$lib/geo/life-circle';
import { AMENITY_CATEGORIES } from '$lib/osm/amenity-categories';
import { parseMinutesList } from '$lib/geo/minutes';
import { bundledAmenities, LARGE_PARK_M2 } from '$lib/data/amenities';
import { mulberry32 } from '$lib/graph/random';

const O: [number, number] = [121.41, 31.22];
type Bands = FeatureCollection<Polygon | MultiPolygon, { minutes: number }>;

function discs(minutesAndRadii: [number, number][]): Bands {
	return {
		type: 'FeatureCollection',
		features: minutesAndRadii.map(([minutes, r]) => ({ ...circle(O, r, { units: 'meters', steps: 64 }), properties: { minutes } }))
	};
}

function pointAt(dxM: number, dyM: number, category: string, id = `${category}-${dxM}-${dyM}`): Feature<Point> {
	return {
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [O[0] + dxM / 95_180, O[1] + dyM / 110_860] },
		properties: { id, category }
	};
}

describe('evaluateLifeCircle', () => {
	const bands = discs([[5, 300], [10, 600], [15, 1000]]);

	it('judges each category on the band of its tier', () => {
		const amenities: FeatureCollection<Point> = {
			type: 'FeatureCollection',
			features: [pointAt(100, 0, 'bus-stop'), pointAt(450, 0, 'childcare'), pointAt(900, 0, 'metro-station'), pointAt(800, 0, 'convenience')]
		};
		const list = evaluateLifeCircle(bands, amenities, { 'bus-stop': 'complete', childcare: 'complete', 'metro-station': 'complete', convenience: 'complete' });
		const status = Object.fromEntries(list.items.map((i) => [i.category, i.status]));
		expect(status['bus-stop']).toBe('met');
		expect(status.childcare).toBe('met');
		expect(status['metro-station']).toBe('met');
		// A convenience store 800 m away is reached in 15 minutes but not within its 5-minute tier.
		expect(status.convenience).toBe('not-met');
		expect(list.items.find((i) => i.category === 'convenience')!.counts).toEqual({ 5: 0, 10: 0, 15: 1 });
		expect(status['fresh-market']).toBe('no-data');
		expect(list.judged).toBe(4);
		expect(list.met).toBe(3);
	});

	it('never claims "not met" from incomplete data, nor "met" from none', () => {
		const list = evaluateLifeCircle(bands, { type: 'FeatureCollection', features: [] }, { 'large-park': 'partial' });
		expect(list.items.find((i) => i.category === 'large-park')!.status).toBe('not-found');
		expect(list.items.filter((i) => i.status === 'met')).toEqual([]);
		expect(list.items.filter((i) => i.category !== 'large-park').every((i) => i.status === 'no-data')).toBe(true);
	});

	it('says when no band is as short as a tier', () => {
		const list = evaluateLifeCircle(discs([[15, 1000]]), { type: 'FeatureCollection', features: [pointAt(10, 0, 'bus-stop')] }, { 'bus-stop': 'complete' });
		expect(list.items.find((i) => i.category === 'bus-stop')!.status).toBe('no-band');
	});

	it('counts are monotone in the band: a bigger band never reaches fewer (random amenities)', () => {
		const rand = mulberry32(7);
		const features = Array.from({ length: 300 }, (_, i) =>
			pointAt((rand() - 0.5) * 2600, (rand() - 0.5) * 2600, LIFE_CIRCLE_CATEGORIES[i % LIFE_CIRCLE_CATEGORIES.length].id, `a${i}`)
		);
		const coverage = Object.fromEntries(LIFE_CIRCLE_CATEGORIES.map((c) => [c.id, 'complete' as const]));
		const list = evaluateLifeCircle(bands, { type: 'FeatureCollection', features }, coverage);
		for (const item of list.items) {
			expect(item.counts[5]).toBeLessThanOrEqual(item.counts[10]);
			expect(item.counts[10]).toBeLessThanOrEqual(item.counts[15]);
		}
		const total15 = list.items.reduce((s, i) => s + i.counts[15], 0);
		expect(total15).toBeGreaterThan(0);
		expect(total15).toBeLessThan(300);
	});

	it('counts a park once when the walk reaches any point of its edge', () => {
		const park = { type: 'Feature' as const, geometry: { type: 'MultiPoint' as const, coordinates: [pointAt(950, 0, 'x').geometry.coordinates, pointAt(1500, 0, 'x').geometry.coordinates, pointAt(990, 10, 'x').geometry.coordinates] }, properties: { id: 'p', category: 'large-park' } };
		const list = evaluateLifeCircle(bands, { type: 'FeatureCollection', features: [park] }, { 'large-park': 'partial' });
		expect(list.items.find((i) => i.category === 'large-park')!.counts[15]).toBe(1);
	});

	it('uses the same categories and tiers as the OSM importer', () => {
		const fromImporter = AMENITY_CATEGORIES.map((c) => [c.id, c.tier]);
		for (const c of LIFE_CIRCLE_CATEGORIES) expect(fromImporter).toContainEqual([c.id, c.tier]);
	});
});

describe('bundledAmenities', () => {
	it('holds only what is real: metro stations (complete) and large parks (partial)', () => {
		const stations: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: O }, properties: { id: 's1', name_en: 'A', name_zh: '甲' } }] };
		const big = circle(O, 200, { units: 'meters' });
		const small = circle(O, 50, { units: 'meters' });
		const green: FeatureCollection = {
			type: 'FeatureCollection',
			features: [
				{ ...big, properties: { id: 'big', kind: 'park' } },
				{ ...small, properties: { id: 'small', kind: 'park' } },
				{ ...big, properties: { id: 'campus', kind: 'campus' } }
			]
		};
		expect(Math.PI * 200 ** 2).toBeGreaterThan(LARGE_PARK_M2);
		const data = bundledAmenities(stations, green);
		expect(data.amenities.features.map((f) => [f.properties.id, f.properties.category])).toEqual([['s1', 'metro-station'], ['big', 'large-park']]);
		expect(data.coverage).toEqual({ 'metro-station': 'complete', 'large-park': 'partial' });
	});
});

describe('parseMinutesList', () => {
	it('sorts, de-duplicates and accepts Chinese commas', () => {
		expect(parseMinutesList('15, 5，10 10')).toEqual({ ok: true, minutes: [5, 10, 15] });
	});
	it('explains what is wrong', () => {
		expect(parseMinutesList('')).toMatchObject({ ok: false, message: expect.stringContaining('at least one') });
		expect(parseMinutesList('5, ten')).toMatchObject({ ok: false, message: expect.stringContaining('"ten"') });
		expect(parseMinutesList('0')).toMatchObject({ ok: false, message: expect.stringContaining('between 1 and 60') });
		expect(parseMinutesList('61')).toMatchObject({ ok: false });
		expect(parseMinutesList('1,2,3,4,5,6,7')).toMatchObject({ ok: false, message: expect.stringContaining('At most') });
	});
});
