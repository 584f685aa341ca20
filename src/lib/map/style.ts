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
import { translate, type Lang, type StringKey } from '$lib/i18n/strings';
import type { Theme } from '$lib/data/layer-toggles';
import { DEFAULT_VIEW } from '$lib/data/view';
import { AMAP_CREDIT } from '$lib/data/amap-categories';
import { AMENITY_FILE, STREETS_FILE, WATER_FILE } from '$lib/data/files';
import { buildLayers } from './layer-catalog';
import { TOOL_SOURCE_IDS, placeSourceId } from './sources';

/** Basemap files under static/data, written by scripts/build-geodata.ts. */
export const BASEMAP_FILES = {
	'shanghai-districts': 'data/shanghai-districts.geojson',
	changning: 'data/changning.geojson',
	'changning-mask': 'data/changning-mask.geojson',
	'district-labels': 'data/district-labels.geojson',
	water: WATER_FILE,
	green: 'data/green.geojson',
	streets: STREETS_FILE,
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

/**
 * Categories the amenity map layer does not draw. Metro stations and parks have their own layers
 * (metro, green), and a park is a MultiPoint outline, which a clustered source cannot take. (Here,
 * not in data/amenities.ts: that module builds the data with turf, which the first view must not reach.)
 */
export const AMENITY_MAP_EXCLUDED = ['metro-station', 'large-park', 'small-green', 'pocket-park'] as const;

/** The clustered amenity source: the categories it leaves to other layers are filtered out. */
export const AMENITY_SOURCE_FILTER: FilterSpecification = ['!', ['in', ['get', 'category'], ['literal', [...AMENITY_MAP_EXCLUDED]]]];

/** Whose data the map draws: one id per credit line. */
export type CreditId = 'osm' | 'outlines' | 'streetNames' | 'drawn' | 'briefing' | 'amenities';

/** The credit lines, in the order the map and the PNG print them. */
export const CREDIT_IDS: readonly CreditId[] = ['osm', 'outlines', 'streetNames', 'drawn', 'briefing', 'amenities'];

/**
 * Who made the data of each source that draws something (the tool sources hold the app's own
 * results). A fact of the style kept beside it, not on the sources' `attribution`: MapLibre reads that
 * once, in one language, and the credits must follow a language switch.
 */
export const SOURCE_CREDITS: Readonly<Record<BasemapSourceId | 'places' | 'amenities', readonly CreditId[]>> = {
	'shanghai-districts': ['outlines'],
	changning: ['outlines'],
	'changning-mask': ['outlines'],
	'district-labels': ['outlines'],
	water: ['drawn'],
	green: ['drawn'],
	streets: ['osm', 'streetNames'],
	elevated: ['osm'],
	'metro-lines': ['osm'],
	'metro-stations': ['osm'],
	/** Every project layer's source (`places-<layer>`). */
	places: ['briefing'],
	amenities: ['amenities']
};

/** One credit as shown: `lang` is set when the text stays in another language than the UI's. */
export interface Credit {
	id: CreditId;
	text: string;
	lang?: Lang;
}

const CREDIT_KEYS = {
	outlines: 'credit.outlines',
	streetNames: 'credit.streetNames',
	drawn: 'credit.drawn',
	briefing: 'credit.briefing'
} as const satisfies Record<Exclude<CreditId, 'osm' | 'amenities'>, StringKey>;

const PLACE_SOURCE_IDS: ReadonlySet<string> = new Set(PLACE_LAYER_IDS.map(placeSourceId));

/** The credits of one source of the style; undefined for the tool sources (the app's own results). */
export function sourceCredits(sourceId: string): readonly CreditId[] | undefined {
	if (PLACE_SOURCE_IDS.has(sourceId)) return SOURCE_CREDITS.places;
	return Object.hasOwn(SOURCE_CREDITS, sourceId) ? SOURCE_CREDITS[sourceId as keyof typeof SOURCE_CREDITS] : undefined;
}

/**
 * The map's credits in a language: each credit some source needs, once, in {@link CREDIT_IDS} order.
 * The OpenStreetMap credit is the wording its licence asks for and stays in English (a proper name);
 * the AMap credit is the data's own bilingual one. The language's strings must be loaded.
 *
 * @example credits('zh')[0]; // { id: 'osm', text: '© OpenStreetMap contributors', lang: 'en' }
 */
export function credits(lang: Lang): Credit[] {
	const needed = new Set(Object.values(SOURCE_CREDITS).flat());
	return CREDIT_IDS.filter((id) => needed.has(id)).map((id): Credit => {
		if (id === 'osm') return { id, text: '© OpenStreetMap contributors', lang: 'en' };
		if (id === 'amenities') return { id, text: AMAP_CREDIT[lang] };
		return { id, text: translate(lang, CREDIT_KEYS[id]) };
	});
}

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
			data: new URL(file, assetBase).href
		};
	}
	for (const layer of PLACE_LAYER_IDS) {
		sources[placeSourceId(layer)] = {
			type: 'geojson',
			data: places[layer],
			// feature-state (hover, selected) is keyed by the place's stable id.
			promoteId: 'id'
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
		promoteId: 'id'
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
