/**
 * Checks every place layer in geodata/places: valid GeoJSON, valid against the project schema,
 * unique ids, coordinates inside Changning, the right layer per file, simple polygons, the Silicon
 * Alley's area against the briefing's 1.48 km², and points inside the district outline.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import * as turf from '@turf/turf';
import * as v from 'valibot';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import {
	CHANGNING_BBOX,
	PLACE_LAYER_IDS,
	PlaceCollection,
	describeIssues,
	type PlaceFeature
} from '../../src/lib/data/schema';

const DIR = join(process.cwd(), 'geodata', 'places');
const files = readdirSync(DIR)
	.filter((name) => name.endsWith('.geojson'))
	.sort();
const texts = new Map(files.map((name) => [name, readFileSync(join(DIR, name), 'utf8')]));

/** Parse and schema-validate a file; throws with every problem listed. */
function load(name: string): PlaceFeature[] {
	const result = v.safeParse(PlaceCollection, JSON.parse(texts.get(name) ?? ''));
	if (!result.success) throw new Error(`${name}:\n${describeIssues(result.issues)}`);
	return result.output.features;
}

/** Every position of a geometry, flattened. */
function positions(geometry: PlaceFeature['geometry']): Position[] {
	switch (geometry.type) {
		case 'Point':
			return [[...geometry.coordinates]];
		case 'LineString':
			return geometry.coordinates.map((p) => [...p]);
		case 'MultiLineString':
		case 'Polygon':
			return geometry.coordinates.flat().map((p) => [...p]);
		case 'MultiPolygon':
			return geometry.coordinates.flat(2).map((p) => [...p]);
	}
}

/** Features whose location is on the creek itself (allowed on or just outside the district edge). */
const CREEK_KINDS = new Set(['waterfront', 'terminal']);
const SILICON_ALLEY_M2 = 1_480_000;

describe('geodata/places', () => {
	it('holds one file per place layer, and nothing else', () => {
		expect(files).toEqual(PLACE_LAYER_IDS.map((id) => `${id}.geojson`).sort());
	});

	describe.each(files)('%s', (name) => {
		it('is valid GeoJSON (RFC 7946)', () => {
			expect(() => check(texts.get(name) ?? '')).not.toThrow();
		});

		it('matches the PlaceCollection schema', () => {
			const result = v.safeParse(PlaceCollection, JSON.parse(texts.get(name) ?? ''));
			const message = result.success ? '' : describeIssues(result.issues);
			expect(message).toBe('');
			expect(result.success).toBe(true);
		});

		it('has at least one feature, all in the layer named by the file', () => {
			const features = load(name);
			expect(features.length).toBeGreaterThan(0);
			const layer = name.replace(/\.geojson$/, '');
			for (const f of features) expect(f.properties.layer, f.properties.id).toBe(layer);
		});

		it('keeps every coordinate inside CHANGNING_BBOX, rounded to 6 decimals', () => {
			const [west, south, east, north] = CHANGNING_BBOX;
			for (const f of load(name)) {
				for (const [lon, lat] of positions(f.geometry)) {
					const where = `${f.properties.id} at ${lon},${lat}`;
					expect(lon, where).toBeGreaterThanOrEqual(west);
					expect(lon, where).toBeLessThanOrEqual(east);
					expect(lat, where).toBeGreaterThanOrEqual(south);
					expect(lat, where).toBeLessThanOrEqual(north);
					expect(Math.round(lon * 1e6) / 1e6, where).toBe(lon);
					expect(Math.round(lat * 1e6) / 1e6, where).toBe(lat);
				}
			}
		});

		it('has closed, counter-clockwise polygons without self-intersections', () => {
			for (const f of load(name)) {
				const g = f.geometry;
				if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
				const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
				for (const rings of polygons) {
					rings.forEach((ring, i) => {
						expect(ring.length, f.properties.id).toBeGreaterThanOrEqual(4);
						expect(ring[0], `${f.properties.id} ring closed`).toEqual(ring[ring.length - 1]);
						const clockwise = turf.booleanClockwise(ring.map((p) => [...p]));
						// RFC 7946: exterior rings counter-clockwise, holes clockwise
						expect(clockwise, `${f.properties.id} ring ${i} winding`).toBe(i > 0);
					});
				}
				const kinks = turf.kinks(f as unknown as Feature<Polygon | MultiPolygon>);
				expect(kinks.features.length, `${f.properties.id} self-intersections`).toBe(0);
			}
		});
	});

	it('uses each id once across all files', () => {
		const ids = files.flatMap((name) => load(name).map((f) => f.properties.id));
		const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
		expect(duplicates).toEqual([]);
	});

	it('gives the Silicon Alley polygon an area within 5 % of 1.48 km²', () => {
		const alley = load('silicon-alley.geojson').find((f) => f.properties.id === 'silicon-alley');
		expect(alley).toBeDefined();
		expect(alley?.geometry.type).toBe('Polygon');
		const area = turf.area(alley as unknown as Feature<Polygon>);
		expect(Math.abs(area - SILICON_ALLEY_M2) / SILICON_ALLEY_M2).toBeLessThanOrEqual(0.05);
	});

	it('puts every point except creek features inside the district outline', () => {
		const district = load('district.geojson').find((f) => f.properties.kind === 'district');
		expect(district).toBeDefined();
		const outline = district as unknown as Feature<Polygon | MultiPolygon>;
		let checked = 0;
		for (const name of files) {
			for (const f of load(name)) {
				if (f.geometry.type !== 'Point' || CREEK_KINDS.has(f.properties.kind)) continue;
				const inside = turf.booleanPointInPolygon([...f.geometry.coordinates], outline);
				expect(inside, `${f.properties.id} outside Changning`).toBe(true);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(0);
	});

	it('keeps every polygon (other than the district) and line vertex inside or on the edge of the district', () => {
		const district = load('district.geojson').find((f) => f.properties.kind === 'district');
		const outline = turf.buffer(district as unknown as Feature<MultiPolygon>, 0.03, { units: 'kilometers' });
		expect(outline).toBeDefined();
		for (const name of files) {
			for (const f of load(name)) {
				if (f.properties.kind === 'district' || f.geometry.type === 'Point') continue;
				for (const p of positions(f.geometry)) {
					const inside = turf.booleanPointInPolygon(p, outline as Feature<Polygon | MultiPolygon>);
					expect(inside, `${f.properties.id} vertex ${p.join(',')} outside Changning`).toBe(true);
				}
			}
		}
	});
});
