/**
 * Geometry as the place files hold it: coordinates rounded (scripts/geodata/round.ts), no repeated
 * vertices, polygons closed with counter-clockwise outer rings and clockwise holes (RFC 7946), and
 * areas cut to the district outline.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { PlaceFeature } from '../../../src/lib/data/schema';
import { roundPosition } from '../round';

export type PlaceGeometry = PlaceFeature['geometry'];

/** Positions rounded, with a vertex that repeats the one before it dropped (rounding can merge two). */
function roundLine(positions: Position[]): Position[] {
	const rounded = positions.map(roundPosition);
	return rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1][0] || p[1] !== rounded[i - 1][1]);
}

/** A polygon geometry from one ring: rounded, closed, counter-clockwise. */
export function polygonOf(ring: Position[]): Polygon {
	const rounded = roundLine(ring);
	const first = rounded[0];
	const last = rounded[rounded.length - 1];
	if (first[0] !== last[0] || first[1] !== last[1]) rounded.push(first);
	if (turf.booleanClockwise(rounded)) rounded.reverse();
	return { type: 'Polygon', coordinates: [rounded] };
}

/** An area geometry rounded and rewound: outer rings counter-clockwise, holes clockwise. */
export function cleanArea(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
	const fixRing = (ring: Position[], hole: boolean): Position[] => {
		const rounded = roundLine(ring);
		if (turf.booleanClockwise(rounded) !== hole) rounded.reverse();
		return rounded;
	};
	const fixPolygon = (rings: Position[][]) => rings.map((ring, i) => fixRing(ring, i > 0));
	if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: fixPolygon(geometry.coordinates) };
	return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fixPolygon) };
}

/** A point place, rounded. */
export const pointAt = (lon: number, lat: number): PlaceGeometry => ({ type: 'Point', coordinates: roundPosition([lon, lat]) as [number, number] });

/** A line place, rounded. */
export const lineAlong = (positions: Position[]): PlaceGeometry => ({ type: 'LineString', coordinates: roundLine(positions) as [number, number][] });

/** An area place from one ring (see {@link polygonOf}). */
export const areaWithin = (ring: Position[]): PlaceGeometry => polygonOf(ring) as PlaceGeometry;

/** The district outline and what the recipes cut to it. */
export interface DistrictShape {
	/** The outline itself, rounded and rewound (the `changning-district` place). */
	geometry: Polygon | MultiPolygon;
	/** The outline's first outer ring, as the source gives it (not rounded). */
	outerRing: Position[];
	/** Whether a position lies inside the outline. */
	contains(position: Position): boolean;
	/** A polygon cut to the district; when the cut falls apart, its largest part. */
	clip(polygon: Polygon): Polygon;
	/** Index of the outer-ring vertex within 1e-4° of a position (a point picked off the outline). */
	vertexNear(lon: number, lat: number): number;
}

/**
 * The district outline with the cuts the recipes need.
 *
 * @throws {Error} from `clip` when nothing of the polygon is in the district, from `vertexNear` when
 *   no outline vertex is that close
 */
export function districtShape(district: Feature<Polygon | MultiPolygon>): DistrictShape {
	const geometry = cleanArea(district.geometry);
	const districtFeature = turf.feature(geometry);
	const outerRing: Position[] =
		district.geometry.type === 'Polygon' ? district.geometry.coordinates[0] : district.geometry.coordinates[0][0];
	return {
		geometry,
		outerRing,
		contains: (position) => turf.booleanPointInPolygon(position, districtFeature),
		clip(polygon) {
			const cut = turf.intersect(turf.featureCollection([districtFeature, turf.feature(polygon)]));
			if (!cut) throw new Error('buildPlaces: empty clip');
			if (cut.geometry.type === 'MultiPolygon') {
				const parts = cut.geometry.coordinates.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a));
				return cleanArea(parts[0].geometry) as Polygon;
			}
			return cleanArea(cut.geometry) as Polygon;
		},
		vertexNear(lon, lat) {
			const i = outerRing.findIndex((p) => Math.abs(p[0] - lon) < 1e-4 && Math.abs(p[1] - lat) < 1e-4);
			if (i < 0) throw new Error(`buildPlaces: no outline vertex near ${lon}, ${lat}`);
			return i;
		}
	};
}
