/**
 * GeoJSON exports: valid per @placemarkio/check-geojson, RFC 7946 (no crs, right-hand rule,
 * 6-decimal positions) and carrying the properties a GIS user needs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { check } from '@placemarkio/check-geojson';
import { booleanClockwise, length } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { createHandlers } from '$lib/worker/handlers';
import { buildStreetGraph } from '$lib/graph';
import { parsePlaces } from '$lib/data/places';
import type { IsochroneReply } from '$lib/worker/protocol';
import { lifeCircleGeoJSON, measureGeoJSON, placeGeoJSON, roundGeometry, serialiseGeoJSON } from '$lib/export/geojson';

const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection;
const water = JSON.parse(readFileSync('geodata/water.geojson', 'utf8')) as FeatureCollection;

function positions(geometry: Geometry): Position[] {
	if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positions);
	const flat = (c: unknown): Position[] => (typeof (c as unknown[])[0] === 'number' ? [c as Position] : (c as unknown[]).flatMap(flat));
	return flat(geometry.coordinates);
}

/** Valid per check-geojson, no crs, every position with at most 6 decimals, outer rings counter-clockwise. */
function expectRfc7946(fc: FeatureCollection): FeatureCollection {
	const text = serialiseGeoJSON(fc);
	const parsed = check(text) as FeatureCollection;
	expect(parsed.type).toBe('FeatureCollection');
	expect('crs' in parsed).toBe(false);
	for (const f of parsed.features) {
		for (const p of positions(f.geometry)) {
			expect(p).toHaveLength(2);
			for (const v of p) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
		}
		const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [];
		for (const [outer, ...holes] of polygons) {
			expect(booleanClockwise(outer)).toBe(false);
			for (const hole of holes) expect(booleanClockwise(hole)).toBe(true);
		}
	}
	return parsed;
}

const kinds = (fc: FeatureCollection) => fc.features.map((f) => f.properties?.export_kind);

describe('roundGeometry', () => {
	it('rounds to 6 decimals and rewinds a clockwise ring without touching the input', () => {
		const input = {
			type: 'Polygon' as const,
			coordinates: [
				[
					[121.1234567891, 31.1],
					[121.1234567891, 31.2000004999],
					[121.2, 31.2],
					[121.1234567891, 31.1]
				]
			]
		};
		const copy = structuredClone(input);
		const out = roundGeometry(input);
		expect(input).toEqual(copy);
		expect(booleanClockwise(input.coordinates[0])).toBe(true);
		expect(booleanClockwise(out.coordinates[0])).toBe(false);
		expect(out.coordinates[0].flat()).toEqual(expect.arrayContaining([121.123457, 31.2]));
	});
});

describe('lifeCircleGeoJSON', () => {
	const h = createHandlers();
	h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities: { type: 'FeatureCollection', features: [] }, coverage: {} });
	const reply = h.isochrone({ origin: [121.418, 31.216], minutes: [5, 10, 15], speedKmh: 4, includeStreets: true });

	it('exports bands (largest first), the origin, the snapped origin and the reached streets', () => {
		if (!reply.ok) throw new Error(reply.message);
		const fc = expectRfc7946(lifeCircleGeoJSON(reply));
		const bands = fc.features.filter((f) => f.properties?.export_kind === 'life-circle-band');
		expect(bands.map((b) => b.properties?.minutes)).toEqual([15, 10, 5]);
		for (const band of bands) {
			const p = band.properties!;
			expect(p.speed_kmh).toBe(4);
			expect(p.distance_m).toBeCloseTo((p.minutes * 4000) / 60, 1);
			expect(Number.isInteger(p.area_m2)).toBe(true);
			const source = reply.bands.features.find((f) => f.properties.minutes === p.minutes)!.properties;
			expect(p.area_m2).toBe(Math.round(source.area_m2));
			expect(p.circle_ratio).toBeCloseTo(source.circle_ratio, 4);
			expect(p.circle_ratio).toBeGreaterThan(0);
			expect(p.circle_ratio).toBeLessThan(1);
		}
		expect(kinds(fc).filter((k) => k === 'origin')).toHaveLength(1);
		const snapped = fc.features.find((f) => f.properties?.export_kind === 'snapped-origin')!;
		expect(snapped.properties?.snap_distance_m).toBeGreaterThanOrEqual(0);
		const streetsOut = fc.features.filter((f) => f.properties?.export_kind === 'reached-street');
		expect(streetsOut.length).toBe(reply.reachedStreets.features.length);
		expect(streetsOut.every((s) => s.geometry.type === 'LineString' && [5, 10, 15].includes(s.properties?.band))).toBe(true);
	});

	it('refuses a failed life circle with its reason', () => {
		const failed: IsochroneReply = { ok: false, reason: 'no-walkable-street', message: 'No walkable street within 300 m', radius: 300 };
		expect(() => lifeCircleGeoJSON(failed)).toThrow(/No walkable street within 300 m/);
	});
});

describe('measureGeoJSON', () => {
	it('exports circles with radius and minutes, the path with length and walking time, and the points', () => {
		const points: [number, number][] = [
			[121.4, 31.21],
			[121.41, 31.21],
			[121.41, 31.215]
		];
		const fc = expectRfc7946(measureGeoJSON(points, [5, 10, 15], 4));
		expect(kinds(fc)).toEqual(['measure-circle', 'measure-circle', 'measure-circle', 'measure-path', 'measure-point', 'measure-point', 'measure-point']);
		expect(fc.features.slice(0, 3).map((f) => [f.properties?.minutes, f.properties?.radius_m])).toEqual([
			[15, 1000],
			[10, 666.7],
			[5, 333.3]
		]);
		const path = fc.features[3] as Feature;
		const metres = length({ type: 'Feature', geometry: path.geometry, properties: {} }, { units: 'meters' });
		expect(path.properties?.length_m).toBeCloseTo(metres, 0);
		expect(path.properties?.length_m).toBeGreaterThan(1480);
		expect(path.properties?.length_m).toBeLessThan(1530);
		expect(path.properties?.walking_minutes).toBeCloseTo(path.properties?.length_m / (4000 / 60), 1);
		expect(fc.features.slice(4).map((f) => f.properties?.index)).toEqual([0, 1, 2]);
	});

	it('has no path for one point and nothing without points', () => {
		expect(kinds(expectRfc7946(measureGeoJSON([[121.4, 31.21]], [10], 3)))).toEqual(['measure-circle', 'measure-point']);
		expect(expectRfc7946(measureGeoJSON([], [10], 3)).features).toEqual([]);
	});
});

describe('placeGeoJSON', () => {
	const dir = join(process.cwd(), 'geodata', 'places');
	const places = readdirSync(dir)
		.filter((name) => name.endsWith('.geojson'))
		.flatMap((name) => parsePlaces(JSON.parse(readFileSync(join(dir, name), 'utf8'))));

	it('exports every place valid, with flat bilingual properties and its facts as an array', () => {
		expect(places.length).toBeGreaterThan(5);
		for (const place of places) {
			const fc = expectRfc7946(placeGeoJSON(place));
			expect(fc.features).toHaveLength(1);
			const p = fc.features[0].properties!;
			const src = place.properties;
			expect(p).toMatchObject({
				export_kind: 'place',
				id: src.id,
				layer: src.layer,
				name_en: src.name.en,
				name_zh: src.name.zh,
				summary_en: src.summary.en,
				summary_zh: src.summary.zh,
				accuracy_level: src.accuracy.level,
				accuracy_m: src.accuracy.metres
			});
			expect(p.facts).toHaveLength(src.facts.length);
			for (const fact of p.facts) expect(Object.keys(fact).sort()).toEqual(['label_en', 'label_zh', 'period', 'qualifier', 'source', 'unit', 'value']);
			const areal = place.geometry.type === 'Polygon' || place.geometry.type === 'MultiPolygon';
			expect(p.area_m2 === null).toBe(!areal);
			// Nothing nested except the facts: every other value is a scalar.
			for (const [key, value] of Object.entries(p)) if (key !== 'facts') expect(typeof value === 'object' && value !== null, key).toBe(false);
		}
	});
});
