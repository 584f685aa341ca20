/**
 * Amenities for the life-circle checklist, with an honest statement of what the data covers.
 * Pure: used by the data build script and the app.
 */
import { area, explode } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPoint, Point, Polygon, MultiPolygon } from 'geojson';
import type { Coverage } from '$lib/geo/life-circle';

export interface AmenityProperties {
	id: string;
	category: string;
	name_en: string;
	name_zh: string;
}

export type AmenityCollection = FeatureCollection<Point | MultiPoint, AmenityProperties>;

export interface AmenityData {
	amenities: AmenityCollection;
	coverage: Coverage;
	/** Where the amenities come from, for the panel. */
	origin: { en: string; zh: string };
}

/** Parks of at least this size count as the 15-minute tier's "larger park". */
export const LARGE_PARK_M2 = 40_000;

/**
 * What the bundled (non-imported) data can honestly say: OSM metro stations cover that category
 * completely; the hand-placed parks are only some of the district's parks. A park counts as
 * reached when the walk reaches its edge, so it is represented by points along its outline.
 */
export function bundledAmenities(stations: FeatureCollection, green: FeatureCollection): AmenityData {
	const features: Feature<Point | MultiPoint, AmenityProperties>[] = [];
	for (const station of stations.features) {
		if (station.geometry?.type !== 'Point') continue;
		const p = station.properties ?? {};
		features.push({
			type: 'Feature',
			geometry: station.geometry,
			properties: { id: String(p.id), category: 'metro-station', name_en: String(p.name_en ?? ''), name_zh: String(p.name_zh ?? '') }
		});
	}
	for (const park of green.features as Feature<Polygon | MultiPolygon>[]) {
		const p = park.properties ?? {};
		if (p.kind !== 'park' || area(park) < LARGE_PARK_M2) continue;
		features.push({
			type: 'Feature',
			geometry: { type: 'MultiPoint', coordinates: explode(park).features.map((v) => v.geometry.coordinates) },
			properties: { id: String(p.id), category: 'large-park', name_en: String(p.name_en ?? ''), name_zh: String(p.name_zh ?? '') }
		});
	}
	return {
		amenities: { type: 'FeatureCollection', features },
		coverage: { 'metro-station': 'complete', 'large-park': 'partial' },
		origin: {
			en: 'bundled data — OpenStreetMap metro stations and the parks placed by hand',
			zh: '内置数据——OpenStreetMap地铁站及手工绘制的公园'
		}
	};
}
