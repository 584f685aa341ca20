/**
 * The place metrics the data build precomputes for static/data/places.json
 * (scripts/geodata/places/metrics.ts): area, perimeter and label point of every area, length of every
 * line. Checked against turf computed another way, on every committed place and on shapes made to
 * trap a centroid-based label.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { PLACE_LAYER_IDS } from '../../src/lib/data/schema';
import { createLocalProjection } from '../../src/lib/geo/projection';
import { mulberry32 } from '../../src/lib/graph/random';
import { labelPoint } from '../../scripts/geodata/places/label-point';
import { placeMetrics, withPlaceMetrics, type AreaMetrics, type LineMetrics } from '../../scripts/geodata/places/metrics';

const places: Feature[] = PLACE_LAYER_IDS.flatMap(
	(layer) => (JSON.parse(readFileSync(join(process.cwd(), 'geodata', 'places', `${layer}.geojson`), 'utf8')) as FeatureCollection).features
);
const areas = places.filter((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') as Feature<Polygon | MultiPolygon>[];

/** Every ring of an area as a line, to measure perimeters and distances to the edge independently. */
function rings(g: Polygon | MultiPolygon): Position[][] {
	return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Distance from a point to the nearest edge of an area, m (turf, geodesic). */
function edgeDistance(point: Position, g: Polygon | MultiPolygon): number {
	return Math.min(...rings(g).map((ring) => turf.pointToLineDistance(point, turf.lineString(ring), { units: 'meters' })));
}

/** Strictly inside: in the area and not on its edge. */
const inside = (point: Position, g: Polygon | MultiPolygon) => turf.booleanPointInPolygon(point, g, { ignoreBoundary: true });

describe('precomputed place metrics, on every committed place', () => {
	it('covers the places it should: areas and lines, not points', () => {
		expect(areas.length).toBeGreaterThanOrEqual(8);
		for (const f of places) {
			const metrics = placeMetrics(f.geometry);
			if (f.geometry.type === 'Point') expect(metrics, String(f.properties?.id)).toBeNull();
			else expect(metrics, String(f.properties?.id)).not.toBeNull();
		}
	});

	it.each(areas.map((f) => [String(f.properties?.id), f] as const))('%s: area and perimeter equal turf’s within rounding', (_, f) => {
		const m = placeMetrics(f.geometry) as AreaMetrics;
		expect(Number.isInteger(m.area_m2)).toBe(true);
		expect(Math.abs(m.area_m2 - turf.area(f))).toBeLessThanOrEqual(0.5);
		const perimeter = rings(f.geometry).reduce((sum, ring) => sum + turf.length(turf.lineString(ring), { units: 'meters' }), 0);
		expect(Math.abs(m.perimeter_m - perimeter)).toBeLessThanOrEqual(0.05 + 1e-6);
	});

	it.each(areas.map((f) => [String(f.properties?.id), f] as const))('%s: the label point is inside, as far from the edge as the centroid or farther', (_, f) => {
		const { label_point } = placeMetrics(f.geometry) as AreaMetrics;
		expect(label_point.map((x) => Math.round(x * 1e6) / 1e6)).toEqual(label_point);
		expect(inside(label_point, f.geometry), `${label_point} outside`).toBe(true);
		// The pole is searched to 1 m in a local projection; turf measures on the sphere: allow 2 m.
		const labelClearance = edgeDistance(label_point, f.geometry);
		for (const candidate of [turf.centroid(f).geometry.coordinates, turf.center(f).geometry.coordinates]) {
			if (inside(candidate, f.geometry)) expect(labelClearance).toBeGreaterThanOrEqual(edgeDistance(candidate, f.geometry) - 2);
		}
	});

	it('gives every line its length, within rounding', () => {
		const lines = places.filter((f) => f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString');
		expect(lines.length).toBeGreaterThan(0);
		for (const f of lines) {
			const { length_m } = placeMetrics(f.geometry) as LineMetrics;
			expect(Math.abs(length_m - turf.length(f, { units: 'meters' })), String(f.properties?.id)).toBeLessThanOrEqual(0.05 + 1e-6);
		}
	});

	it('adds the metrics after the other properties and changes nothing else', () => {
		for (const f of places) {
			const withMetrics = withPlaceMetrics(f);
			expect(withMetrics.geometry).toBe(f.geometry);
			const keys = Object.keys(withMetrics.properties ?? {});
			expect(keys.slice(0, Object.keys(f.properties ?? {}).length)).toEqual(Object.keys(f.properties ?? {}));
			expect({ ...withMetrics.properties, area_m2: undefined, perimeter_m: undefined, label_point: undefined, length_m: undefined }).toEqual({
				...f.properties,
				area_m2: undefined,
				perimeter_m: undefined,
				label_point: undefined,
				length_m: undefined
			});
		}
	});
});

describe('labelPoint on shapes that trap a centroid', () => {
	const proj = createLocalProjection(121.4, 31.2);
	/** A ring from metre offsets around (121.4, 31.2). */
	const ring = (xy: [number, number][]): Position[] => [...xy, xy[0]].map((p) => proj.toLonLat(p));

	it('puts the label of a U inside one of its arms, not in the gap where the centroid is', () => {
		const u: Polygon = { type: 'Polygon', coordinates: [ring([[0, 0], [1000, 0], [1000, 1000], [800, 1000], [800, 200], [200, 200], [200, 1000], [0, 1000]])] };
		expect(inside(turf.centroid(u).geometry.coordinates, u)).toBe(false);
		const label = labelPoint(u);
		expect(inside(label, u)).toBe(true);
		expect(edgeDistance(label, u)).toBeGreaterThan(90);
	});

	it('keeps out of a hole around the middle', () => {
		const square = ring([[0, 0], [1000, 0], [1000, 1000], [0, 1000]]);
		const hole = ring([[300, 300], [300, 700], [700, 700], [700, 300]]);
		const donut: Polygon = { type: 'Polygon', coordinates: [square, hole] };
		const label = labelPoint(donut);
		expect(inside(label, donut)).toBe(true);
		expect(edgeDistance(label, donut)).toBeGreaterThan(140);
	});

	it('picks the part of a MultiPolygon with the most room', () => {
		const small = ring([[0, 0], [100, 0], [100, 100], [0, 100]]);
		const large = ring([[500, 0], [1500, 0], [1500, 1000], [500, 1000]]);
		const label = labelPoint({ type: 'MultiPolygon', coordinates: [[small], [large]] });
		expect(inside(label, { type: 'Polygon', coordinates: [large] })).toBe(true);
		const [x, y] = proj.toMetres(label);
		expect(Math.hypot(x - 1000, y - 500)).toBeLessThan(2);
	});

	it('lands inside 200 seeded random star-shaped polygons', () => {
		const random = mulberry32(42);
		for (let n = 0; n < 200; n++) {
			const corners = 5 + Math.floor(random() * 20);
			const xy: [number, number][] = [];
			for (let k = 0; k < corners; k++) {
				const angle = (2 * Math.PI * k) / corners;
				const radius = 100 + random() * 900;
				xy.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
			}
			const star: Polygon = { type: 'Polygon', coordinates: [ring(xy)] };
			const label = labelPoint(star);
			expect(inside(label, star), `polygon ${n}`).toBe(true);
		}
	});

	it('says what was wrong with an empty geometry', () => {
		expect(() => labelPoint({ type: 'Polygon', coordinates: [] })).toThrow(/no ring/);
	});
});
