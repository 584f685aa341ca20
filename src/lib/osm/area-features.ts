/**
 * Water, green and the amenities drawn as areas: waterway centrelines as LineStrings, then every
 * closed way and multipolygon relation whose tags want a polygon (water, green, an amenity, or a park
 * whose size decides its category), built once by {@link AreaPolygons}.
 */
import { area as turfArea, pointOnFeature } from '@turf/turf';
import type { Feature, LineString } from 'geojson';
import { categorise } from './amenity-categories';
import { amenityFeatures, type AmenityFeature } from './amenity-features';
import type { AreaPolygons } from './area-polygons';
import { isClosedWay, wayRuns, type ElementIndex } from './element-index';
import type { AreaGeometry, GreenProps, ImportStats, WaterProps } from './geodata-types';
import { greenKind, needsArea, waterAreaKind, waterLineKind } from './kinds';
import { ACCURACY_M, lineFeatures, names, roundCoord, TYPE_RANK, type Keyed } from './output';
import type { Tags } from './types';

interface AreaSource {
	type: 'way' | 'relation';
	id: number;
	tags: Tags;
	geometry: () => AreaGeometry | null;
}

/**
 * The water, green and area-amenity features of an extract.
 *
 * @param index the indexed extract
 * @param polygons the polygon builder over it
 * @param stats amenity counts to add to
 */
export function areaFeatures(
	index: ElementIndex,
	polygons: AreaPolygons,
	stats: ImportStats
): {
	water: Keyed<Feature<AreaGeometry | LineString, WaterProps>>[];
	green: Keyed<Feature<AreaGeometry, GreenProps>>[];
	amenities: AmenityFeature[];
} {
	const water: Keyed<Feature<AreaGeometry | LineString, WaterProps>>[] = [];
	const green: Keyed<Feature<AreaGeometry, GreenProps>>[] = [];
	const amenities: AmenityFeature[] = [];
	const sources: AreaSource[] = [];
	for (const way of index.ways.values()) {
		const tags = way.tags;
		if (!tags) continue;
		if (isClosedWay(way)) sources.push({ type: 'way', id: way.id, tags, geometry: () => polygons.way(way) });
		const lineKind = waterLineKind(tags);
		if (lineKind) water.push(...lineFeatures({ ...way, tags }, wayRuns(way, index.nodes).runs, { kind: lineKind }));
	}
	for (const rel of index.relations) {
		if (rel.tags && rel.tags.type === 'multipolygon') {
			sources.push({ type: 'relation', id: rel.id, tags: rel.tags, geometry: () => polygons.relation(rel) });
		}
	}

	for (const src of sources) {
		const { tags } = src;
		const wKind = waterAreaKind(tags);
		const gKind = greenKind(tags);
		if (!wKind && !gKind && categorise(tags).length === 0 && !needsArea(tags)) continue;
		const geometry = src.geometry();
		if (!geometry) continue;
		const id = `osm-${src.type}-${src.id}`;
		const key: Keyed<unknown>['key'] = [TYPE_RANK[src.type], src.id, 0, 0];
		const areaM2 = turfArea({ type: 'Feature', geometry, properties: {} });
		if (wKind) {
			water.push({
				key,
				feature: {
					type: 'Feature',
					geometry,
					properties: { id, ...names(tags), kind: wKind, accuracy_m: ACCURACY_M, source: 'osm' }
				}
			});
		}
		if (gKind) {
			green.push({
				key,
				feature: {
					type: 'Feature',
					geometry,
					properties: {
						id,
						...names(tags),
						kind: gKind,
						area_m2: Math.round(areaM2 * 10) / 10,
						accuracy_m: ACCURACY_M,
						source: 'osm'
					}
				}
			});
		}
		const cats = categorise(tags, areaM2);
		if (cats.length > 0) {
			const p = pointOnFeature({ type: 'Feature', geometry, properties: {} }).geometry.coordinates;
			amenities.push(...amenityFeatures(src.type, src.id, tags, [roundCoord(p[0]), roundCoord(p[1])], cats, stats));
		}
	}
	return { water, green, amenities };
}
