/**
 * Builds the embedded MapLibre style: every source is a file the app ships (or data it already
 * holds), fonts come from `font-faces` in static/fonts, so the map draws with no network.
 * https://maplibre.org/maplibre-style-spec/root/
 */
import type {
	FontFacesSpecification,
	SourceSpecification,
	StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { PLACE_LAYER_IDS, type PlaceLayerId } from '$lib/data/schema';
import type { Lang } from '$lib/i18n/strings';
import type { Theme } from './palette';
import { TOOL_SOURCE_IDS, buildLayers, placeSourceId } from './layer-catalog';

export const ATTRIBUTION = {
	osm: '© OpenStreetMap contributors',
	outlines: 'District outlines: DataV.GeoAtlas (AMap), converted to WGS84',
	streets: 'Streets, water, parks: digitised by Changning Atlas (approximate)',
	briefing: 'Projects: Shanghai municipal press briefing, 31 Aug 2023'
} as const;

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

const SOURCE_ATTRIBUTION: Record<BasemapSourceId, string> = {
	'shanghai-districts': ATTRIBUTION.outlines,
	changning: ATTRIBUTION.outlines,
	'changning-mask': ATTRIBUTION.outlines,
	'district-labels': ATTRIBUTION.outlines,
	water: ATTRIBUTION.streets,
	green: ATTRIBUTION.streets,
	streets: ATTRIBUTION.streets,
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
	for (const id of TOOL_SOURCE_IDS) {
		sources[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
	}
	return {
		version: 8,
		name: 'Changning Atlas (embedded, offline)',
		center: [121.392, 31.212],
		zoom: 12.6,
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
