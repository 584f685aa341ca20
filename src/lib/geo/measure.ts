/**
 * Measurements of place geometries, in metric units. Pure: runs in node, the browser and workers.
 */
import { area, length, polygonToLine } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';

// The measure tool's path legs live in path.ts (no turf: the tool is part of the first view).
export { pathLegs } from './path';

export interface PolygonMeasure {
	/** Geodesic area (turf.area, spherical Earth), square metres. */
	areaM2: number;
	areaKm2: number;
	areaHa: number;
	/** Length of every ring, outer and inner, kilometres. */
	perimeterKm: number;
}

/** Area and perimeter of a Polygon or MultiPolygon; null for other geometries. */
export function measurePolygon(geometry: Geometry): PolygonMeasure | null {
	if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
	const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', geometry, properties: {} };
	const areaM2 = area(feature);
	const outline = polygonToLine(feature);
	const perimeterKm =
		outline.type === 'FeatureCollection'
			? outline.features.reduce((sum, f) => sum + length(f, { units: 'kilometers' }), 0)
			: length(outline, { units: 'kilometers' });
	return { areaM2, areaKm2: areaM2 / 1e6, areaHa: areaM2 / 1e4, perimeterKm };
}

/** Relative difference of a computed value from a stated one, e.g. 0.012 for 1.2 % larger. */
export function relativeDifference(computed: number, stated: number): number {
	if (stated === 0) throw new Error('relativeDifference: the stated value must not be 0');
	return (computed - stated) / stated;
}
