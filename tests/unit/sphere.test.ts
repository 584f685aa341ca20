import { describe, expect, it } from 'vitest';
import { circle, destination, distance } from '@turf/turf';
import { circlePolygon, destinationPoint, distanceMetres } from '$lib/geo/sphere';
import { bboxOf } from '$lib/geo/bounds';
import { bbox } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { mulberry32 } from '../../src/lib/graph/random';

// sphere.ts promises turf's results to the last bit (it exists only to keep turf out of the first
// view), and bounds.ts promises turf's bbox: both checked on seeded random inputs around the world
// and in Changning.
const random = mulberry32(20240917);
const anywhere = (): Position => [random() * 360 - 180, random() * 170 - 85];
const changning = (): Position => [121.35 + random() * 0.1, 31.18 + random() * 0.06];
const points = Array.from({ length: 400 }, (_, i) => (i % 2 ? anywhere() : changning()));

describe('sphere.ts equals turf', () => {
	it('distanceMetres is turf.distance in metres, bit for bit', () => {
		for (let i = 1; i < points.length; i++) {
			expect(distanceMetres(points[i - 1], points[i])).toBe(distance(points[i - 1], points[i], { units: 'meters' }));
		}
	});

	it('destinationPoint is turf.destination, bit for bit, for every bearing a circle uses', () => {
		for (const origin of points.slice(0, 100)) {
			const metres = random() * 20_000;
			for (const bearing of [0, -3.75, -90, -180, -356.25, 45, 359]) {
				expect(destinationPoint(origin, metres, bearing)).toEqual(destination(origin, metres, bearing, { units: 'meters' }).geometry.coordinates);
			}
		}
	});

	it('circlePolygon is turf.circle, bit for bit, closed', () => {
		for (const centre of points.slice(0, 50)) {
			const metres = 50 + random() * 5000;
			for (const steps of [64, 96]) {
				const ours = circlePolygon(centre, metres, steps);
				expect(ours).toEqual(circle(centre, metres, { units: 'meters', steps }).geometry);
				expect(ours.coordinates[0]).toHaveLength(steps + 1);
				expect(ours.coordinates[0][steps]).toEqual(ours.coordinates[0][0]);
			}
		}
	});
});

describe('bboxOf', () => {
	const line = (): Position[] => Array.from({ length: 2 + Math.floor(random() * 6) }, changning);
	const ring = (): Position[] => {
		const r = line();
		return [...r, r[0]];
	};
	const geometries: Geometry[] = [
		{ type: 'Point', coordinates: changning() },
		{ type: 'MultiPoint', coordinates: line() },
		{ type: 'LineString', coordinates: line() },
		{ type: 'MultiLineString', coordinates: [line(), line()] },
		{ type: 'Polygon', coordinates: [ring(), ring()] },
		{ type: 'MultiPolygon', coordinates: [[ring()], [ring(), ring()]] }
	];
	geometries.push({ type: 'GeometryCollection', geometries: geometries.slice() });

	it('is turf.bbox for every geometry type', () => {
		for (const geometry of geometries) expect(bboxOf(geometry)).toEqual(bbox(geometry));
	});

	it('throws on a geometry without a position', () => {
		expect(() => bboxOf({ type: 'LineString', coordinates: [] })).toThrow(/LineString has no position/);
	});
});
