/**
 * Amenities for the life-circle checklist, with an honest statement of what the data covers.
 * Pure: used by the data build script and the app.
 */
import { area, explode } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPoint, Point, Polygon, MultiPolygon } from 'geojson';
import type { Coverage } from '$lib/geo/life-circle';
import { AMAP_CREDIT, type CategorySource } from './amap-categories';

export type { CategorySource } from './amap-categories';

export interface AmenityProperties {
	id: string;
	category: string;
	name_en: string;
	name_zh: string;
	/** AMap points only: AMap's type, the address (bus stops: the routes), AMap's district name. */
	amap_type?: string;
	address?: string;
	district?: string;
	/** Which dataset the point comes from, e.g. 'amap-2020'. */
	source?: string;
}

/**
 * Amenity points with a life-circle `category`. `categories` (a GeoJSON foreign member, written by
 * the data build) says per category how complete the data is, where it comes from and when.
 */
export type AmenityCollection = FeatureCollection<Point | MultiPoint, AmenityProperties> & {
	categories?: Record<string, CategorySource>;
};

export interface AmenityData {
	amenities: AmenityCollection;
	coverage: Coverage;
	/** Per category: coverage, source, date and a plain-words note (the same as `amenities.categories`). */
	categories: Record<string, CategorySource>;
	/** Where the amenities come from, for the panel. */
	origin: { en: string; zh: string };
}

/** What the bundled OSM metro stations and hand-placed parks cover. */
export const BUNDLED_SOURCES: Record<'metro-station' | 'large-park', CategorySource> = {
	'metro-station': {
		coverage: 'complete',
		source: { en: 'OpenStreetMap', zh: 'OpenStreetMap' },
		date: '2026-07',
		note: {
			en: 'Every metro station in OpenStreetMap (one point per station, entrances not counted).',
			zh: 'OpenStreetMap全部地铁站（每站一点，出入口不计）。'
		}
	},
	'large-park': {
		coverage: 'partial',
		source: { en: 'parks traced by Changning Atlas from public sources', zh: '长宁图鉴依据公开资料绘制的公园' },
		date: '2026',
		note: {
			en: 'Only the parks drawn on this map; no list of the district’s parks was available. Reached when the walk reaches the park edge.',
			zh: '仅含本图绘制的公园；未取得全区公园名录。步行到达公园边缘即计为到达。'
		}
	}
};

/** An imported OSM extract covers every category it has, as of the extract's date. */
export function importedSources(categories: Iterable<string>): Record<string, CategorySource> {
	const source: CategorySource = {
		coverage: 'complete',
		source: { en: 'imported OpenStreetMap extract', zh: '导入的OpenStreetMap数据' },
		date: '—',
		note: {
			en: 'As complete as OpenStreetMap is here: absence in OSM is not proof on the ground.',
			zh: '完整程度取决于此地的OpenStreetMap：OSM中没有不等于实地没有。'
		}
	};
	return Object.fromEntries([...categories].map((c) => [c, source]));
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
	const categories = { ...BUNDLED_SOURCES };
	return {
		amenities: { type: 'FeatureCollection', categories, features },
		coverage: { 'metro-station': 'complete', 'large-park': 'partial' },
		categories,
		origin: {
			en: 'bundled data — OpenStreetMap metro stations and the parks placed by hand',
			zh: '内置数据——OpenStreetMap地铁站及手工绘制的公园'
		}
	};
}

/**
 * The bundled amenities plus the AMap points (scripts/geodata/amenities.ts): each category takes its
 * coverage from the source that fills it. Metro stations stay OSM-only (AMap's are not in the file).
 *
 * @param bundled the result of {@link bundledAmenities}
 * @param amap geodata/amenities.amap.geojson, with its `categories` foreign member
 * @throws {Error} if a category is filled by both (it would be counted twice)
 */
export function withAmapAmenities(bundled: AmenityData, amap: AmenityCollection): AmenityData {
	const amapCategories = amap.categories ?? {};
	for (const id of Object.keys(amapCategories)) {
		if (id in bundled.categories) throw new Error(`withAmapAmenities: category "${id}" is in both the bundled and the AMap data`);
	}
	const categories = { ...bundled.categories, ...amapCategories };
	const coverage: Coverage = Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, c.coverage]));
	return {
		amenities: { type: 'FeatureCollection', categories, features: [...bundled.amenities.features, ...amap.features] },
		coverage,
		categories,
		origin: {
			en: `${bundled.origin.en}; ${AMAP_CREDIT.en}`,
			zh: `${bundled.origin.zh}；${AMAP_CREDIT.zh}`
		}
	};
}
