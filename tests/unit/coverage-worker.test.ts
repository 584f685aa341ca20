import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { createHandlers } from '$lib/worker/handlers';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { RequestMessage, ResponseMessage } from '$lib/worker/protocol';
import { buildStreetGraph } from '$lib/graph';
import { coverageAreaFrom } from '$lib/data/coverage-area';
import type { AmenityCollection } from '$lib/data/amenities';
import { COVERAGE_STANDARDS, coverageStandard, defaultCoverageBands, thresholdMetres } from '$lib/geo/coverage-standard';
import { LIFE_CIRCLE_CATEGORIES } from '$lib/geo/life-circle-categories';

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

function loaded(withArea = true) {
	const h = createHandlers();
	h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities, coverage: manifest.amenities.coverage, walk: manifest.walk, area: withArea ? area : null });
	return h;
}

describe('the coverage standard table', () => {
	it('has one standard per life-circle category, a time tier from the categories or the bus-stop distance rule', () => {
		expect(COVERAGE_STANDARDS.map((s) => s.category)).toEqual(LIFE_CIRCLE_CATEGORIES.map((c) => c.id));
		expect(coverageStandard('elderly-care').threshold).toEqual({ kind: 'minutes', minutes: 5 });
		expect(coverageStandard('childcare')).toMatchObject({ threshold: { kind: 'minutes', minutes: 10 }, source: 'guideline-2016' });
		expect(coverageStandard('bus-stop').threshold).toEqual({ kind: 'distance', innerRingMetres: 300, elsewhereMetres: 500 });
		expect(coverageStandard('bus-stop').source).toBe('draft-2024');
		expect(thresholdMetres(coverageStandard('health-centre').threshold, 4).elsewhere).toBeCloseTo(1000, 9);
		expect(() => coverageStandard('cinema')).toThrow(/unknown category "cinema"/);
	});

	it('default bands end at the threshold and start at a third of it', () => {
		expect(defaultCoverageBands({ kind: 'minutes', minutes: 15 }, 4)).toEqual([5, 10, 15]);
		expect(defaultCoverageBands({ kind: 'minutes', minutes: 5 }, 4)).toEqual([1.5, 3.5, 5]);
		expect(defaultCoverageBands(coverageStandard('bus-stop').threshold, 4)).toEqual([2.5, 5, 7.5]);
	});
});

// whole-district computations: a loaded machine can take longer than vitest's 5 s default
describe('the worker’s coverage request', { timeout: 60_000 }, () => {
	it('refuses before init, and names an unknown category', () => {
		expect(() => createHandlers().coverage({ category: 'childcare', speedKmh: 4 })).toThrow(/not loaded/);
		expect(() => loaded(false).coverage({ category: 'cinema', speedKmh: 4 })).toThrow(/unknown category/);
		expect(() => loaded(false).coverage({ category: 'childcare', speedKmh: 40 })).toThrow(/speed/i);
	});

	it('says "no amenities" for a category the data lacks', () => {
		const reply = loaded(false).coverage({ category: 'elderly-care', speedKmh: 4 });
		expect(reply).toMatchObject({ ok: false, reason: 'no-amenities', category: 'elderly-care' });
	});

	it('answers bands, the within-standard outline, streets by nearest amenity and the figures', () => {
		const reply = loaded().coverage({ category: 'childcare', speedKmh: 4 });
		if (!reply.ok) throw new Error(reply.message);
		expect(reply.minutes).toEqual([3.5, 6.5, 10]);
		expect(reply.bands.features.map((f) => f.properties.minutes)).toEqual([10, 6.5, 3.5]);
		expect(reply.completeness).toBe('partial');
		expect(reply.amenities.snapped).toBeGreaterThan(100);
		expect(reply.amenities.snapped).toBeLessThanOrEqual(reply.amenities.count);
		// the outline within the 10-minute standard is the 10-minute band
		expect(reply.within!.properties.area_m2).toBe(reply.bands.features[0].properties.area_m2);
		const ids = new Set(amenities.features.filter((f) => f.properties.category === 'childcare').map((f) => f.properties.id));
		for (const f of reply.streets.features) if (f.properties.source !== null) expect(ids.has(f.properties.source)).toBe(true);
		const { street, land } = reply.figures!;
		expect(street.share > 0 && street.share < 1).toBe(true);
		expect(land.share > 0 && land.share < 1).toBe(true);
		expect(structuredClone(reply)).toEqual(reply);
	});

	it('without the district at init, draws the surface and gives no figures', () => {
		const reply = loaded(false).coverage({ category: 'metro-station', speedKmh: 4, includeStreets: false });
		if (!reply.ok) throw new Error(reply.message);
		expect(reply.figures).toBeNull();
		expect(reply.streets.features).toEqual([]);
		expect(reply.bands.features.length).toBe(3);
	});

	it('"nearest X from here": the station, and minutes that add its walk to the street', () => {
		const h = loaded(false);
		const at = h.coverageAt({ category: 'metro-station', speedKmh: 4, point: [121.4268, 31.2216] }); // by Jiangsu Rd station
		if (!at.ok) throw new Error(at.reason);
		expect(at.name_zh).toBe('江苏路');
		expect(at.minutes).toBeLessThan(5);
		expect(at.minutes).toBeCloseTo(at.networkMinutes + (1.4 * at.offStreetMetres) / (4000 / 60), 9);
		expect(h.coverageAt({ category: 'metro-station', speedKmh: 4, point: [121.3326, 31.1935] })).toMatchObject({ ok: false, reason: 'no-walkable-street' });
		expect(h.coverageAt({ category: 'elderly-care', speedKmh: 4, point: [121.4268, 31.2216] })).toMatchObject({ ok: false, reason: 'no-amenities' });
	});
});

/** A worker double that answers only when the test says so. */
class ManualWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	received: RequestMessage[] = [];
	postMessage(message: unknown): void {
		this.received.push(message as RequestMessage);
	}
	terminate(): void {}
	answer(id: number, result: unknown): void {
		this.onmessage?.({ data: { id, ok: true, result } } as MessageEvent<ResponseMessage>);
	}
}

describe('coverage requests: latest wins, per request name', () => {
	it('a newer coverage request supersedes a waiting one, and leaves isochrones alone', async () => {
		const worker = new ManualWorker();
		const client = new WorkerClient(worker);
		const first = client.request('coverage', { category: 'childcare', speedKmh: 4 });
		const iso = client.request('isochrone', { origin: [121.42, 31.22], minutes: [5], speedKmh: 4, includeStreets: false });
		const second = client.request('coverage', { category: 'bus-stop', speedKmh: 4 });
		const third = client.request('coverage', { category: 'health-centre', speedKmh: 4 });
		expect(await second).toEqual({ stale: true });
		expect(worker.received.map((m) => m.name)).toEqual(['coverage', 'isochrone']);
		worker.answer(worker.received[0].id, { ok: true, tag: 'first' });
		expect(await first).toEqual({ stale: false, result: { ok: true, tag: 'first' } });
		// the newest waiting one is sent next
		expect(worker.received[2]).toMatchObject({ name: 'coverage', params: { category: 'health-centre' } });
		worker.answer(worker.received[2].id, { ok: true, tag: 'third' });
		expect(await third).toEqual({ stale: false, result: { ok: true, tag: 'third' } });
		worker.answer(worker.received[1].id, { ok: true, tag: 'iso' });
		expect(await iso).toEqual({ stale: false, result: { ok: true, tag: 'iso' } });
	});
});
