/**
 * Several life-circle origins and walking profiles, through the worker's pure handlers on the bundled
 * network: the merged area holds every origin's, the merged checklist takes the nearest origin per
 * amenity, and a profile that keeps off streets the data marks walks a smaller (never larger) area.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { createHandlers } from '$lib/worker/handlers';
import { buildStreetGraph } from '$lib/graph';
import { streetKindMask } from '$lib/graph/street-kinds';
import { ringBands } from '$lib/geo/band-rings';
import type { AmenityCollection } from '$lib/data/amenities';
import type { IsochroneReply } from '$lib/worker/protocol';

const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection;
const water = JSON.parse(readFileSync('geodata/water.geojson', 'utf8')) as FeatureCollection;
const amenities = JSON.parse(readFileSync('static/data/amenities.geojson', 'utf8')) as AmenityCollection;
const manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8'));
const wayKinds = Uint8Array.from(streets.features, (f) => streetKindMask(f.properties));

function ready(withKinds = true) {
	const h = createHandlers();
	h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities, coverage: manifest.amenities.coverage, walk: manifest.walk, wayKinds: withKinds ? wayKinds : null });
	return h;
}

function ok(reply: IsochroneReply): Extract<IsochroneReply, { ok: true }> {
	if (!reply.ok) throw new Error(reply.message);
	return reply;
}

const A: [number, number] = [121.418, 31.216];
const B: [number, number] = [121.4245, 31.2205];
const C: [number, number] = [121.40, 31.21];
const areas = (r: { bands: { features: { properties: { minutes: number; area_m2: number } }[] } }) =>
	Object.fromEntries(r.bands.features.map((f) => [f.properties.minutes, f.properties.area_m2]));

describe('several origins in one request', () => {
	const h = ready();
	const base = { minutes: [5, 10, 15], speedKmh: 4, includeStreets: false };
	const reply = ok(h.isochrone({ ...base, origin: A, others: [B, C] }));

	it('answers each origin as if it were alone, in order', () => {
		expect(reply.others).toHaveLength(2);
		const alone = [A, B, C].map((origin) => ok(h.isochrone({ ...base, origin })));
		expect(reply.bands).toEqual(alone[0].bands);
		expect(ok(reply.others![0]).bands).toEqual(alone[1].bands);
		expect(ok(reply.others![1]).bands).toEqual(alone[2].bands);
		expect(ok(reply.others![1]).checklist).toEqual(alone[2].checklist);
	});

	it('merges them: each band at least as large as any origin’s and no larger than their sum', () => {
		const merged = reply.merged!;
		const m = areas(merged);
		const parts = [reply, ok(reply.others![0]), ok(reply.others![1])].map(areas);
		for (const minutes of [5, 10, 15]) {
			for (const p of parts) expect(m[minutes]).toBeGreaterThanOrEqual(p[minutes] - 1);
			expect(m[minutes]).toBeLessThanOrEqual(parts.reduce((sum, p) => sum + p[minutes], 0) + 1);
		}
	});

	it('counts an amenity in the merged checklist when any origin reaches it, at the nearest origin’s minutes', () => {
		const lists = [reply.checklist, ok(reply.others![0]).checklist, ok(reply.others![1]).checklist];
		for (const item of reply.merged!.checklist.items) {
			const same = lists.map((l) => l.items.find((i) => i.category === item.category)!);
			const nearest = same.map((i) => i.reached[0]?.minutes ?? Infinity);
			expect(item.reached[0]?.minutes ?? Infinity).toBeCloseTo(Math.min(...nearest), 9);
			// every amenity one origin reaches is reached by the merged circle
			const ids = new Set(item.reached.map((a) => a.id));
			for (const i of same) for (const a of i.reached) expect(ids.has(a.id)).toBe(true);
		}
		expect(structuredClone(reply)).toEqual(reply);
	});
});

describe('walking profiles that keep off streets', () => {
	const base = { origin: B, minutes: [5, 10, 15], speedKmh: 3.2, includeStreets: true };

	it('walks no farther when it keeps off arterial roads, and says how much street it kept off', () => {
		const h = ready();
		const plain = ok(h.isochrone(base));
		const child = ok(h.isochrone({ ...base, avoid: ['arterial'] }));
		expect(plain.avoided).toBeUndefined();
		expect(child.avoided).toMatchObject({ kinds: ['arterial'] });
		expect(child.avoided!.km).toBeGreaterThan(10);
		for (const minutes of [5, 10, 15]) expect(areas(child)[minutes]).toBeLessThanOrEqual(areas(plain)[minutes] + 1);
		expect(areas(child)[15]).toBeLessThan(areas(plain)[15]);
	});

	it('without the street kinds (streets file missing) it walks every street and says the data cannot tell', () => {
		const h = ready(false);
		const plain = ok(h.isochrone(base));
		const child = ok(h.isochrone({ ...base, avoid: ['arterial'] }));
		expect(child.avoided).toBeNull();
		expect(child.bands).toEqual(plain.bands);
	});

	it('draws a second profile from the same origin', () => {
		const h = ready();
		const reply = ok(h.isochrone({ ...base, speedKmh: 4, compare: { speedKmh: 2.5, avoid: ['under-elevated'] } }));
		expect(reply.compare).toMatchObject({ ok: true, speedKmh: 2.5, avoided: { kinds: ['under-elevated'] } });
		if (!reply.compare?.ok) throw new Error('no comparison');
		expect(areas(reply.compare)[15]).toBeLessThan(areas(reply)[15]);
	});
});

describe('bands as rings', () => {
	it('gives each ring the area between its band and the next smaller one', () => {
		const reply = ok(ready().isochrone({ origin: A, minutes: [5, 10, 15], speedKmh: 4, includeStreets: false }));
		const rings = ringBands(reply.bands);
		expect(rings.features.map((f) => [f.properties.from, f.properties.minutes])).toEqual([[10, 15], [5, 10], [0, 5]]);
		const a = areas(reply);
		expect(rings.features[0].properties.ring_m2).toBeCloseTo(a[15] - a[10], 6);
		expect(rings.features[2].properties.ring_m2).toBe(a[5]);
		// the ring has a hole where the smaller band is
		const g = rings.features[0].geometry;
		const holes = g.type === 'Polygon' ? g.coordinates.length - 1 : g.coordinates.reduce((n, p) => n + p.length - 1, 0);
		expect(holes).toBeGreaterThan(0);
	});
});
