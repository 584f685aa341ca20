/**
 * Measurements of a place that never change between builds, computed once here so the app need not
 * load turf to show them: an area's size, perimeter and label point, a line's length. Measured as the
 * app measures (src/lib/geo/measure.ts: turf on a spherical Earth), rounded as the app's export
 * rounds them (area to 1 m², lengths to 0.1 m, the label point to 6 decimals).
 */
import * as turf from '@turf/turf';
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { round, roundPosition } from '../round';
import { labelPoint } from './label-point';

/** Precomputed measurements of an area place (Polygon or MultiPolygon). */
export interface AreaMetrics {
	/** Geodesic area (turf.area, spherical Earth), m², rounded to 1 m². */
	area_m2: number;
	/** Length of every ring, outer and inner (turf.length), m, rounded to 0.1 m. */
	perimeter_m: number;
	/** [lon, lat] inside the area, farthest from its edge (pole of inaccessibility), 6 decimals. */
	label_point: [number, number];
}

/** Precomputed measurement of a line place (LineString or MultiLineString). */
export interface LineMetrics {
	/** Geodesic length (turf.length), m, rounded to 0.1 m. */
	length_m: number;
}

export const AREA_DECIMALS = 0;
export const LENGTH_DECIMALS = 1;

/** Geodesic area of an area geometry in m², not rounded (the figure the texts and the metrics share). */
export function areaM2(geometry: Polygon | MultiPolygon): number {
	return turf.area(geometry);
}

/** Perimeter as src/lib/geo/measure.ts computes it: every ring, summed in kilometres. */
function perimeterKm(geometry: Polygon | MultiPolygon): number {
	const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', geometry, properties: {} };
	const outline = turf.polygonToLine(feature);
	return outline.type === 'FeatureCollection'
		? outline.features.reduce((sum, f) => sum + turf.length(f, { units: 'kilometers' }), 0)
		: turf.length(outline, { units: 'kilometers' });
}

/**
 * The precomputed measurements of a place geometry.
 *
 * @param {Geometry} geometry a place's geometry (WGS84 lon/lat)
 * @returns {AreaMetrics | LineMetrics | null} area metrics for a (Multi)Polygon, the length for a
 *   (Multi)LineString, null for a point (nothing to measure)
 * @example
 * placeMetrics(siliconAlley.geometry); // { area_m2: 1668819, perimeter_m: 5500.5, label_point: [121.421033, 31.217066] }
 */
export function placeMetrics(geometry: Geometry): AreaMetrics | LineMetrics | null {
	switch (geometry.type) {
		case 'Polygon':
		case 'MultiPolygon':
			return {
				area_m2: round(areaM2(geometry), AREA_DECIMALS),
				perimeter_m: round(perimeterKm(geometry) * 1000, LENGTH_DECIMALS),
				label_point: roundPosition(labelPoint(geometry)) as [number, number]
			};
		case 'LineString':
		case 'MultiLineString': {
			const line: Feature<LineString | MultiLineString> = { type: 'Feature', geometry, properties: {} };
			return { length_m: round(turf.length(line, { units: 'meters' }), LENGTH_DECIMALS) };
		}
		default:
			return null;
	}
}

/**
 * A place feature with its metrics added after its other properties (a point comes back unchanged).
 *
 * @example withPlaceMetrics(feature).properties.area_m2
 */
export function withPlaceMetrics(feature: Feature): Feature {
	const metrics = feature.geometry ? placeMetrics(feature.geometry) : null;
	return metrics ? { ...feature, properties: { ...feature.properties, ...metrics } } : feature;
}
