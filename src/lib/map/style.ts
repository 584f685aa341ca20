/**
 * Builds the embedded MapLibre style: every source is a file the app ships (or data it already
 * holds), fonts come from `font-faces` in static/fonts, so the map draws with no network.
 * https://maplibre.org/maplibre-style-spec/root/
 */
import type {
	FilterSpecification,
	FontFacesSpecification,
	SourceSpecification,
	StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { PLACE_LAYER_IDS, type PlaceLayerId } from '$lib/data/schema';
import type { Lang } from '$lib/i18n/strings';
import type { Theme } from '$lib/data/layer-toggles';
import { DEFAULT_VIEW } from '$lib/data/view';
import { AMAP_ATTRIBUTION } from '$lib/data/amap-categories';
import { AMENITY_MAP_EXCLUDED } from '$lib/data/amenities';
import { buildLayers } from './layer-catalog';
import { TOOL_SOURCE_IDS, placeSourceId } from './sources';

export const ATTRIBUTION = {
	osm: '© OpenStreetMap contributors',
	outlines: 'District outlines: DataV.GeoAtlas (AMap), converted to WGS84',
	streetNames: 'Street names: Shanghai road-segment register (2017)',
	drawn: 'Creek and parks: drawn by Changning Atlas from the outline and public sources (approximate)',
	briefing: 'Projects: Shanghai municipal press briefing, 31 Aug 2023',
	amenities: AMAP_ATTRIBUTION
} as const;

/** The life-circle amenities (static/data/amenities.geojson): one clustered source. */
export const AMENITY_FILE = 'data/amenities.geojson';

/** Basemap files under static/data, written by scripts/build-geodata.ts. */
export const BASEMAP_FILES = {
	'shanghai-districts': 'data/shanghai-districts.geojson',
	changning: 'data/changning.geojson',
	'changning-mask': 'data/changning-mask.geojson',
	'district-labels': 'data/district-labels.geojson',
	water: 'data/water.geojson',
	green: 'data/green.geojson',
	streets: 'data/streets.geojson',
	elevated: 'data/elevated.geojson',
	'metro-lines': 'data/metro-lines.geojson',
	'metro-stations': 'data/metro-stations.geojson'
} as const;
type BasemapSourceId = keyof typeof BASEMAP_FILES;

/**
 * The file a source loads, for the sources the style reads from `data/*.geojson` (every basemap
 * layer and the amenities); undefined for sources the app fills itself. Each of these files is
 * optional: when one fails the map draws without that layer.
 */
export function sourceFile(sourceId: string): string | undefined {
	if (sourceId === 'amenities') return AMENITY_FILE;
	return Object.hasOwn(BASEMAP_FILES, sourceId) ? BASEMAP_FILES[sourceId as BasemapSourceId] : undefined;
}

/** The clustered amenity source: the categories it leaves to other layers are filtered out. */
export const AMENITY_SOURCE_FILTER: FilterSpecification = ['!', ['in', ['get', 'category'], ['literal', [...AMENITY_MAP_EXCLUDED]]]];

const SOURCE_ATTRIBUTION: Record<BasemapSourceId, string> = {
	'shanghai-districts': ATTRIBUTION.outlines,
	changning: ATTRIBUTION.outlines,
	'changning-mask': ATTRIBUTION.outlines,
	'district-labels': ATTRIBUTION.outlines,
	water: ATTRIBUTION.drawn,
	green: ATTRIBUTION.drawn,
	streets: `${ATTRIBUTION.osm}; ${ATTRIBUTION.streetNames}`,
	elevated: ATTRIBUTION.osm,
	'metro-lines': ATTRIBUTION.osm,
	'metro-stations': ATTRIBUTION.osm
};

export interface StyleInputs {
	/** Absolute URL the app is served from, ending in "/"; data and font URLs are resolved against it. */
	assetBase: string;
	/** Map-ready (flattened) place features per project layer. */
	places: Record<PlaceLayerId, FeatureCollection>;
	fontFaces: FontFacesSpecification;
	/** The language map labels start in. */
	lang?: Lang;
	theme?: Theme;
}

export function buildStyle({ assetBase, places, fontFaces, lang = 'en', theme = 'light' }: StyleInputs): StyleSpecification {
	const sources: Record<string, SourceSpecification> = {};
	for (const [id, file] of Object.entries(BASEMAP_FILES) as [BasemapSourceId, string][]) {
		sources[id] = {
			type: 'geojson',
			data: new URL(file, assetBase).href,
			attribution: SOURCE_ATTRIBUTION[id]
		};
	}
	for (const layer of PLACE_LAYER_IDS) {
		sources[placeSourceId(layer)] = {
			type: 'geojson',
			data: places[layer],
			// feature-state (hover, selected) is keyed by the place's stable id.
			promoteId: 'id',
			attribution: ATTRIBUTION.briefing
		};
	}
	// Clustered so the district view shows counts, not 2,000 overlapping dots. The filter runs before
	// clustering; it also keeps park outlines (MultiPoints) out, which a cluster index cannot take.
	sources.amenities = {
		type: 'geojson',
		data: new URL(AMENITY_FILE, assetBase).href,
		cluster: true,
		clusterRadius: 56,
		clusterMaxZoom: 14,
		filter: AMENITY_SOURCE_FILTER,
		promoteId: 'id',
		attribution: ATTRIBUTION.amenities
	};
	for (const id of TOOL_SOURCE_IDS) {
		sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
	}
	return {
		version: 8,
		name: 'Changning Atlas (embedded, offline)',
		center: [...DEFAULT_VIEW.center],
		zoom: DEFAULT_VIEW.zoom,
		sources,
		'font-faces': resolveFontFaces(fontFaces, assetBase),
		layers: buildLayers(lang, theme)
	};
}

function resolveFontFaces(faces: FontFacesSpecification, assetBase: string): FontFacesSpecification {
	const resolved: FontFacesSpecification = {};
	for (const [name, value] of Object.entries(faces)) {
		resolved[name] =
			typeof value === 'string'
				? new URL(value, assetBase).href
				: value.map((face) => ({ ...face, url: new URL(face.url, assetBase).href }));
	}
	return resolved;
}
