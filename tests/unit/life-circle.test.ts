import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { circle } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { LIFE_CIRCLE_CATEGORIES, evaluateLifeCircle, placesInReach, type ReachablePlace } from '$lib/geo/life-circle';
import { buildStreetGraph } from '$lib/graph/street-graph';
import { createHandlers } from '$lib/worker/handlers';
import type { AmenityCollection } from '$lib/data/amenities';
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

	it('lists every amenity the walk reached, by minutes, and counts exactly the list (random walking times)', () => {
		const rand = mulberry32(21);
		const limits = [5, 10, 15];
		// Walking times as the worker gives them, with the awkward ones: band limits exactly, just past
		// a limit, unreached (Infinity) and unsnapped (NaN).
		const awkward = [0, 5, 5.0001, 9.96, 10, 14.96, 15, 15.01, Infinity, NaN];
		for (let trial = 0; trial < 20; trial++) {
			const n = 40 + Math.floor(rand() * 80);
			const features = Array.from({ length: n }, (_, i) =>
				pointAt(0, 0, LIFE_CIRCLE_CATEGORIES[Math.floor(rand() * LIFE_CIRCLE_CATEGORIES.length)].id, `a${trial}-${i}`)
			);
			const minutes = features.map(() => (rand() < 0.2 ? awkward[Math.floor(rand() * awkward.length)] : rand() * 25));
			const coverage = Object.fromEntries(LIFE_CIRCLE_CATEGORIES.filter(() => rand() < 0.8).map((c) => [c.id, rand() < 0.5 ? ('complete' as const) : ('partial' as const)]));
			const list = evaluateLifeCircle(bands, { type: 'FeatureCollection', features }, coverage, minutes);
			for (const item of list.items) {
				const want = features
					.map((f, i) => ({ id: String(f.properties?.id), minutes: minutes[i], category: f.properties?.category }))
					.filter((a) => a.category === item.category && a.minutes <= 15);
				if (item.coverage === 'none') {
					expect(item.reached).toEqual([]);
					continue;
				}
				// exactly the amenities within the largest band, each once
				expect(item.reached.map((a) => a.id).sort()).toEqual(want.map((a) => a.id).sort());
				item.reached.forEach((a, i) => {
					const exact = want.find((w) => w.id === a.id)!.minutes;
					expect(a.band).toBe(limits.find((m) => exact <= m));
					expect(a.minutes).toBeLessThanOrEqual(a.band);
					// shown rounded up to 0.1 min: never less than the walk
					expect(a.minutes).toBeGreaterThanOrEqual(Math.min(a.band, exact - 1e-9));
					expect(a.minutes - exact).toBeLessThan(0.1 + 1e-9);
					if (i > 0) expect(a.minutes).toBeGreaterThanOrEqual(item.reached[i - 1].minutes);
				});
				for (const m of limits) expect(item.counts[m], `${item.category} ${m}`).toBe(item.reached.filter((a) => a.band <= m).length);
			}
		}
	});

	it('lists nothing when it counts polygons (no walking times), and still counts', () => {
		const list = evaluateLifeCircle(bands, { type: 'FeatureCollection', features: [pointAt(100, 0, 'bus-stop')] }, { 'bus-stop': 'complete' });
		const bus = list.items.find((i) => i.category === 'bus-stop')!;
		expect(bus.counts[5]).toBe(1);
		expect(bus.reached).toEqual([]);
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

// ---------------------------------------------------------------- places in reach

/** Metres east/north of O to [lon, lat]. */
const at = (dx: number, dy: number): Position => [O[0] + dx / 95_180, O[1] + dy / 110_860];

/** A simple (star-shaped) ring around (cx, cy), radii between rMin and rMax metres, closed, counter-clockwise. */
function starRing(rand: () => number, cx: number, cy: number, rMin: number, rMax: number, k = 5 + Math.floor(rand() * 12)): Position[] {
	const ring = Array.from({ length: k }, (_, i) => {
		const a = ((i + 0.2 + rand() * 0.6) / k) * 2 * Math.PI;
		const r = rMin + rand() * (rMax - rMin);
		return at(cx + r * Math.cos(a), cy + r * Math.sin(a));
	});
	return [...ring, ring[0]];
}

/** Random bands around O: star polygons, some with a hole (an unreached pocket), some with an island. */
function randomBands(rand: () => number): Bands {
	return {
		type: 'FeatureCollection',
		features: [[5, 350], [10, 700], [15, 1100]].map(([minutes, r]) => {
			const outer = starRing(rand, 0, 0, 0.6 * r, r);
			const rings = rand() < 0.4 ? [outer, starRing(rand, 0, 0, 0.05 * r, 0.3 * r).reverse()] : [outer];
			const geometry: Polygon | MultiPolygon =
				rand() < 0.3 ? { type: 'MultiPolygon', coordinates: [rings, [starRing(rand, 1.6 * r, 0, 0.1 * r, 0.3 * r)]] } : { type: 'Polygon', coordinates: rings };
			return { type: 'Feature' as const, geometry, properties: { minutes } };
		})
	};
}

function randomPlace(rand: () => number, i: number): ReachablePlace {
	const x = (rand() - 0.5) * 4000;
	const y = (rand() - 0.5) * 4000;
	const pick = rand();
	let geometry: Geometry;
	if (pick < 0.4) geometry = { type: 'Point', coordinates: at(x, y) };
	else if (pick < 0.65) geometry = { type: 'LineString', coordinates: Array.from({ length: 2 + Math.floor(rand() * 3) }, () => at(x + (rand() - 0.5) * 1200, y + (rand() - 0.5) * 1200)) };
	else if (pick < 0.95) geometry = { type: 'Polygon', coordinates: [starRing(rand, x, y, 30, 400)] };
	// a place so large it holds every band: reached although no band edge crosses it
	else geometry = { type: 'Polygon', coordinates: [starRing(rand, 0, 0, 3000, 3500)] };
	return { type: 'Feature', geometry, properties: { id: `p${i}`, name: { en: `Place ${i}`, zh: `地点${i}` } } };
}

/** Brute-force reference, independent of turf: ray casting and segment crossings, in the plane. */
function insideRings(p: Position, rings: Position[][]): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}
function segmentsCross([a, b]: Position[], [c, d]: Position[]): boolean {
	const cross = (o: Position, p: Position, q: Position) => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
	return cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0;
}
function polygonsOf(g: Geometry): Position[][][] {
	return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}
function segmentsOf(g: Geometry): Position[][] {
	const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
	return lines.flatMap((line) => line.slice(1).map((p, k) => [line[k], p]));
}
function verticesOf(g: Geometry): Position[] {
	return g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : polygonsOf(g).flat(2);
}
function referenceIntersects(place: Geometry, band: Polygon | MultiPolygon): boolean {
	const bandPolygons = polygonsOf(band);
	if (verticesOf(place).some((p) => bandPolygons.some((rings) => insideRings(p, rings)))) return true;
	if (verticesOf(band).some((p) => polygonsOf(place).some((rings) => insideRings(p, rings)))) return true;
	const bandSegments = segmentsOf(band);
	return segmentsOf(place).some((s) => bandSegments.some((t) => segmentsCross(s, t)));
}

describe('placesInReach', () => {
	it('lists a place iff it intersects a band, with the smallest such band, by band (random bands and places)', () => {
		const rand = mulberry32(99);
		let listed = 0;
		let unlisted = 0;
		for (let trial = 0; trial < 40; trial++) {
			const bands = randomBands(rand);
			const places = Array.from({ length: 30 }, (_, i) => randomPlace(rand, i));
			const got = placesInReach(bands, places);
			const byId = new Map(got.map((p) => [p.id, p]));
			expect(byId.size).toBe(got.length);
			for (const place of places) {
				const hit = bands.features
					.filter((band) => referenceIntersects(place.geometry, band.geometry))
					.map((band) => band.properties.minutes);
				const entry = byId.get(place.properties.id);
				if (hit.length === 0) {
					expect(entry, `${place.properties.id} ${place.geometry.type}`).toBeUndefined();
					unlisted++;
				} else {
					expect(entry?.minutes, `${place.properties.id} ${place.geometry.type}`).toBe(Math.min(...hit));
					expect(entry?.name).toEqual(place.properties.name);
					listed++;
				}
			}
			got.forEach((p, i) => i > 0 && expect(p.minutes).toBeGreaterThanOrEqual(got[i - 1].minutes));
		}
		// both answers were tested many times
		expect(listed).toBeGreaterThan(100);
		expect(unlisted).toBeGreaterThan(100);
	});

	it('does not list a point in a band’s hole, and lists a place that holds the whole circle', () => {
		const ring = (r: number) => circle(O, r, { units: 'meters', steps: 32 }).geometry.coordinates[0];
		const holed: Bands = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring(500), [...ring(200)].reverse()] }, properties: { minutes: 5 } }] };
		const place = (id: string, geometry: Geometry): ReachablePlace => ({ type: 'Feature', geometry, properties: { id, name: { en: id, zh: id } } });
		const got = placesInReach(holed, [
			place('in-hole', { type: 'Point', coordinates: at(50, 0) }),
			place('in-band', { type: 'Point', coordinates: at(350, 0) }),
			place('around', { type: 'Polygon', coordinates: [ring(2000)] })
		]);
		expect(got.map((p) => p.id)).toEqual(['in-band', 'around']);
	});

	it('finds the Silicon Alley and Zhongshan Park from Zhongshan Park station (real network, real places)', () => {
		const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
		const h = createHandlers();
		const none: AmenityCollection = { type: 'FeatureCollection', features: [] };
		h.init({ graph: buildStreetGraph(read('geodata/streets.geojson')).toBuffer(), barriers: read('geodata/water.geojson'), amenities: none, coverage: {} });
		const reply = h.isochrone({ origin: [121.4135, 31.221], minutes: [5, 10, 15], speedKmh: 4, includeStreets: false });
		if (!reply.ok) throw new Error(reply.message);
		const places = ['silicon-alley', 'suzhou-creek', 'hongqiao'].flatMap((layer) => read(`geodata/places/${layer}.geojson`).features as ReachablePlace[]);
		const got = placesInReach(reply.bands, places);
		expect(got.find((p) => p.id === 'zhongshan-park')?.minutes).toBe(5);
		expect(got.find((p) => p.id === 'silicon-alley')?.minutes).toBe(5);
		// the airport is 7 km west: never within a 15-minute walk
		expect(got.find((p) => p.id === 'hongqiao-airport-east-precinct')).toBeUndefined();
	});
});
