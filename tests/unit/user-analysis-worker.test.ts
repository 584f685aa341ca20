/**
 * The user's own points in the analysis (issue 11, item 3): the worker takes them as "user sources";
 * each becomes a checklist row counted like the bundled ones, and a coverage category whose figures
 * are computed the same way as a built-in category's.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { createHandlers } from '$lib/worker/handlers';
import { buildStreetGraph } from '$lib/graph';
import { coverageAreaFrom } from '$lib/data/coverage-area';
import type { AmenityCollection } from '$lib/data/amenities';
import type { LonLat } from '$lib/geo/lonlat';
import { evaluateUserCategory, type UserSource } from '$lib/geo/user-category';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
const streets = read('geodata/streets.geojson');
const water = read('geodata/water.geojson');
const amenities = read('static/data/amenities.geojson') as AmenityCollection;
const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8'));
const area = coverageAreaFrom({
	district: read('static/data/changning.geojson'),
	water,
	green: read('static/data/green.geojson'),
	places: read('static/data/places.json'),
	elevated: read('geodata/transit/elevated_roads.geojson')
});

function loaded() {
	const h = createHandlers();
	h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities, coverage: manifest.amenities.coverage, walk: manifest.walk, area });
	return h;
}

/** A built-in category's points, as a user layer would hold them (a MultiPoint amenity's first point). */
function pointsOf(category: string): { points: LonLat[]; labels: string[] } {
	const features = amenities.features.filter((f) => f.properties.category === category && f.geometry.type === 'Point');
	return {
		points: features.map((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates[0], f.geometry.coordinates[1]] : [0, 0])),
		labels: features.map((f) => f.properties.name_zh)
	};
}

const ORIGIN: LonLat = [121.4246, 31.2204]; // near Zhongshan Park

describe('evaluateUserCategory', () => {
	it('counts points per band from their walking minutes and lists them nearest first', () => {
		const source: UserSource = { id: 'a', name: 'mine.csv', points: [[0, 0], [1, 1], [2, 2], [3, 3]], labels: ['far', '', 'near', 'mid'] };
		const item = evaluateUserCategory(source, [10, 5, 15], [14.96, Infinity, 2, 7]);
		expect(item.category).toBe('user:a');
		expect(item.counts).toEqual({ 5: 1, 10: 2, 15: 3 });
		expect(item.reached.map((r) => [r.name.en, r.minutes, r.band])).toEqual([['near', 2, 5], ['mid', 7, 10], ['far', 15, 15]]);
		expect(() => evaluateUserCategory(source, [5], [1])).toThrow(/4 points/);
	});
});

describe('the worker with user sources', { timeout: 120_000 }, () => {
	it('adds a checklist row whose counts match a direct count of the walking minutes, and leaves the bundled rows alone', () => {
		const h = loaded();
		const params = { origin: ORIGIN, minutes: [5, 10, 15], speedKmh: 4, includeStreets: false };
		const before = h.isochrone(params);
		if (!before.ok) throw new Error(before.message);
		expect(before.checklist.user).toBeUndefined();

		const { points, labels } = pointsOf('bus-stop');
		const reply = h.setUserSources({ sources: [{ id: 'stops', name: 'stops.csv', points, labels }] });
		expect(reply.sources).toEqual([{ id: 'stops', count: points.length, snapped: expect.any(Number) }]);
		expect(reply.sources[0].snapped).toBeGreaterThan(0);
		expect(reply.sources[0].snapped).toBeLessThanOrEqual(points.length);

		const after = h.isochrone(params);
		if (!after.ok) throw new Error(after.message);
		// the built-in rows are what they were
		expect(after.checklist.items).toEqual(before.checklist.items);
		const row = after.checklist.user![0];
		expect(row).toMatchObject({ category: 'user:stops', name: 'stops.csv', total: points.length });
		// the same points as the built-in bus-stop row: the same walk, so the same counts (single-point stops only)
		const builtIn = before.checklist.items.find((i) => i.category === 'bus-stop')!;
		const builtInPoints = new Set(builtIn.reached.filter((r) => amenities.features.find((f) => f.properties.id === r.id)?.geometry.type === 'Point').map((r) => `${r.at[0]},${r.at[1]}:${r.minutes}`));
		const userPoints = new Set(row.reached.map((r) => `${r.at[0]},${r.at[1]}:${r.minutes}`));
		expect(userPoints).toEqual(builtInPoints);
		// the counts are a direct count of the listed minutes
		for (const m of [5, 10, 15]) expect(row.counts[m]).toBe(row.reached.filter((r) => r.minutes <= m).length);
		expect(row.counts[5]).toBeGreaterThan(0);
		expect(row.reached[0].minutes).toBeLessThanOrEqual(row.reached.at(-1)!.minutes);

		// taken away: the row goes
		h.setUserSources({ sources: [] });
		const gone = h.isochrone(params);
		if (!gone.ok) throw new Error(gone.message);
		expect(gone.checklist.user).toBeUndefined();
	});

	it('computes a user category’s coverage as a built-in one from the same points, against the user’s threshold', () => {
		const h = loaded();
		const { points, labels } = pointsOf('childcare');
		// every childcare amenity must be a point for the comparison to hold
		expect(points.length).toBe(amenities.features.filter((f) => f.properties.category === 'childcare').length);
		h.setUserSources({ sources: [{ id: 'kg', name: 'kindergartens.geojson', points, labels }] });
		const builtIn = h.coverage({ category: 'childcare', speedKmh: 4 });
		// childcare's standard is 10 minutes: the user's default threshold
		const user = h.coverage({ category: 'user:kg', speedKmh: 4 });
		if (!builtIn.ok || !user.ok) throw new Error('no coverage');
		expect(user.standard).toMatchObject({ category: 'user:kg', threshold: { kind: 'minutes', minutes: 10 }, source: 'user-choice' });
		expect(user.minutes).toEqual(builtIn.minutes);
		expect(user.figures).toEqual(builtIn.figures);
		expect(user.amenities).toEqual(builtIn.amenities);
		expect(user.bands.features.map((f) => f.properties)).toEqual(builtIn.bands.features.map((f) => f.properties));
		expect(user.within?.properties).toEqual(builtIn.within?.properties);

		// another threshold: the figures follow it
		const wider = h.coverage({ category: 'user:kg', speedKmh: 4, thresholdMinutes: 15 });
		if (!wider.ok) throw new Error(wider.message);
		expect(wider.minutes.at(-1)).toBe(15);
		expect(wider.figures!.street.share).toBeGreaterThan(user.figures!.street.share);

		// the nearest one from a spot, named by the user's label
		const at = h.coverageAt({ category: 'user:kg', speedKmh: 4, point: ORIGIN });
		const atBuiltIn = h.coverageAt({ category: 'childcare', speedKmh: 4, point: ORIGIN });
		if (!at.ok || !atBuiltIn.ok) throw new Error('no nearest');
		expect(at.minutes).toBeCloseTo(atBuiltIn.minutes, 9);
		expect(at.name_zh).toBe(atBuiltIn.name_zh);

		// a removed layer is no category any more
		h.setUserSources({ sources: [] });
		expect(() => h.coverage({ category: 'user:kg', speedKmh: 4 })).toThrow(/no user layer/);
	});
});
