/**
 * The bounding box of a geometry, without turf: the map frames a place with it in the first view,
 * and turf's `bbox` would bring its shared helpers along. Same result as turf's `bbox`.
 */
import type { BBox, Geometry, Position } from 'geojson';

/**
 * [west, south, east, north] of every position of a geometry, degrees.
 *
 * @param geometry any GeoJSON geometry (a GeometryCollection: all its members)
 * @throws when the geometry has no position
 * @example
 * bboxOf({ type: 'LineString', coordinates: [[121.40, 31.22], [121.43, 31.20]] }); // [121.4, 31.2, 121.43, 31.22]
 */
export function bboxOf(geometry: Geometry): BBox {
	const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	const add = ([x, y]: Position) => {
		if (x < box[0]) box[0] = x;
		if (y < box[1]) box[1] = y;
		if (x > box[2]) box[2] = x;
		if (y > box[3]) box[3] = y;
	};
	const walk = (g: Geometry): void => {
		switch (g.type) {
			case 'Point':
				return add(g.coordinates);
			case 'MultiPoint':
			case 'LineString':
				return g.coordinates.forEach(add);
			case 'MultiLineString':
			case 'Polygon':
				return g.coordinates.forEach((line) => line.forEach(add));
			case 'MultiPolygon':
				return g.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(add)));
			case 'GeometryCollection':
				return g.geometries.forEach(walk);
		}
	};
	walk(geometry);
	if (box[0] > box[2]) throw new Error(`bboxOf: the ${geometry.type} has no position`);
	return box;
}
