/**
 * The layer catalog: every map layer as data, typed by the MapLibre style spec, and one ordered list
 * that decides z-order. Toggling a layer sets `layout.visibility`; layers are never removed.
 * https://maplibre.org/maplibre-style-spec/layers/
 */
import type {
	ExpressionSpecification,
	FilterSpecification,
	LayerSpecification,
	SymbolLayerSpecification
} from '@maplibre/maplibre-gl-style-spec';
import { PLACE_LAYER_IDS, type PlaceLayerId } from '$lib/data/schema';
import type { Lang } from '$lib/i18n/strings';
import { AMENITY_MAP_EXCLUDED } from '$lib/data/amenities';
import {
	AMENITY_CLUSTER_COLOUR,
	AMENITY_COLOURS,
	AMENITY_OTHER_COLOUR,
	MEASURE_COLOUR,
	PLACE_LAYER_COLOURS,
	basemapColours,
	type BasemapColours,
	type Theme
} from './palette';

/** Sources the tools fill at run time (empty in the style until a tool draws). */
export const TOOL_SOURCE_IDS = [
	'life-circle-bands',
	'life-circle-streets',
	'life-circle-circles',
	'life-circle-snap',
	'amenity-selected',
	'measure'
] as const;
export type ToolSourceId = (typeof TOOL_SOURCE_IDS)[number];

export const FONT_REGULAR = ['Noto Sans Regular'];
/** Bold Latin, then regular for Chinese: both names share the Chinese files, so each loads once. */
export const FONT_BOLD_STACK = ['Noto Sans Bold', 'Noto Sans Regular'];

/** Toggleable groups shown in the layer panel; each owns one or more map layers. */
export const BASEMAP_TOGGLE_IDS = ['streets', 'metro', 'elevated', 'water', 'green', 'amenities'] as const;
/** The toggle of the life-circle amenity points; the layer panel lists it in its own group. */
export const AMENITY_TOGGLE_ID = 'amenities' satisfies BasemapToggleId;
export type BasemapToggleId = (typeof BASEMAP_TOGGLE_IDS)[number];
export type ToggleId = PlaceLayerId | BasemapToggleId;

const isPolygon: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
const isLine: FilterSpecification = ['==', ['geometry-type'], 'LineString'];
const isPoint: FilterSpecification = ['==', ['geometry-type'], 'Point'];

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * Point labels: the UI language on top, the other language smaller below (a name that exists in
 * only one language shows once). Line labels: the UI language only, falling back to the other.
 */
function pointLabel(lang: Lang): ExpressionSpecification {
	const [first, second] = lang === 'zh' ? ['name_zh', 'name_en'] : ['name_en', 'name_zh'];
	return [
		'format',
		['coalesce', ['get', first], ['get', second]],
		{},
		['case', ['all', ['has', first], ['!=', ['get', first], ''], ['has', second], ['!=', ['get', second], '']], ['concat', '\n', ['get', second]], ''],
		{ 'font-scale': 0.82 }
	];
}

function lineLabel(lang: Lang): ExpressionSpecification {
	const [first, second] = lang === 'zh' ? ['name_zh', 'name_en'] : ['name_en', 'name_zh'];
	return ['case', ['!=', ['coalesce', ['get', first], ''], ''], ['get', first], ['coalesce', ['get', second], '']];
}

export function placeSourceId(layer: PlaceLayerId): string {
	return `places-${layer}`;
}

function placeLayers(layer: PlaceLayerId, lang: Lang, C: BasemapColours): LayerSpecification[] {
	// The district outline is near-black on light maps and near-white on dark ones.
	const colour = layer === 'district' ? C.changningOutline : PLACE_LAYER_COLOURS[layer];
	const source = placeSourceId(layer);
	if (layer === 'district') {
		// The district outline is drawn by the basemap; this invisible fill makes it clickable
		// (underneath every project, so any project on top wins the click).
		return [
			{
				id: 'place-district-fill',
				type: 'fill',
				source,
				filter: isPolygon,
				paint: {
					'fill-color': colour,
					'fill-opacity': ['case', selected, 0.08, hovered, 0.04, 0]
				}
			},
			{
				id: 'place-district-outline',
				type: 'line',
				source,
				filter: isPolygon,
				paint: {
					'line-color': colour,
					'line-width': ['case', selected, 4, 2.2],
					'line-opacity': 0.9
				}
			}
		];
	}
	return [
		{
			id: `place-${layer}-fill`,
			type: 'fill',
			source,
			filter: isPolygon,
			paint: {
				'fill-color': colour,
				'fill-opacity': ['case', selected, 0.42, hovered, 0.32, 0.2]
			}
		},
		{
			id: `place-${layer}-outline`,
			type: 'line',
			source,
			filter: isPolygon,
			paint: {
				'line-color': colour,
				'line-width': ['case', selected, 3.5, hovered, 2.5, 1.6],
				'line-dasharray': [3, 1.5]
			}
		},
		{
			id: `place-${layer}-line`,
			type: 'line',
			source,
			filter: isLine,
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: {
				'line-color': colour,
				'line-width': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, ['case', selected, 11, 8]],
				'line-opacity': ['case', selected, 1, hovered, 0.95, 0.75]
			}
		},
		{
			id: `place-${layer}-point`,
			type: 'circle',
			source,
			filter: isPoint,
			paint: {
				'circle-color': colour,
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 4.5, 15, ['case', selected, 11, 8]],
				'circle-stroke-color': ['case', selected, '#111111', '#ffffff'],
				'circle-stroke-width': ['case', selected, 3, hovered, 2.5, 1.5],
				// An uncertain location is drawn hollow so it never looks surveyed.
				'circle-opacity': ['case', ['==', ['get', 'accuracy_level'], 'uncertain'], 0.35, 1]
			}
		},
		{
			id: `place-${layer}-label`,
			type: 'symbol',
			source,
			minzoom: 12.5,
			layout: {
				'text-field': pointLabel(lang),
				'text-font': FONT_BOLD_STACK,
				'text-size': 12,
				'text-offset': [0, 1.1],
				'text-anchor': 'top',
				'text-max-width': 12,
				'symbol-placement': 'point',
				'text-optional': true
			},
			paint: {
				'text-color': colour,
				'text-halo-color': C.labelHalo,
				'text-halo-width': 1.6
			}
		}
	];
}

/**
 * All project layers, ordered by what they draw rather than by project: the district at the
 * bottom, then every project's areas, lines, points and labels — so a point is never hidden
 * under another project's polygon and a click picks the most specific place.
 */
function placeLayersInZOrder(lang: Lang, C: BasemapColours): LayerSpecification[] {
	const all = [...PLACE_LAYER_IDS]
		.sort((a, b) => Number(b === 'district') - Number(a === 'district'))
		.flatMap((layer) => placeLayers(layer, lang, C));
	const rank = (id: string) => ['-fill', '-outline', '-line', '-point', '-label'].findIndex((suffix) => id.endsWith(suffix));
	return all.sort((a, b) => {
		const districtFirst = Number(b.id.startsWith('place-district')) - Number(a.id.startsWith('place-district'));
		return districtFirst || rank(a.id) - rank(b.id);
	});
}

const role = (value: string): FilterSpecification => ['==', ['get', 'role'], value];

/** Life circle and measure: above the projects so a walk reads over them, below the labels. */
function toolLayers(C: BasemapColours): LayerSpecification[] {
	return [
		{
			id: 'life-circle-bands-fill',
			type: 'fill',
			source: 'life-circle-bands',
			paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.3 }
		},
		{
			id: 'life-circle-bands-outline',
			type: 'line',
			source: 'life-circle-bands',
			paint: { 'line-color': ['get', 'colour'], 'line-width': 1.6 }
		},
		{
			id: 'life-circle-streets',
			type: 'line',
			source: 'life-circle-streets',
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: {
				'line-color': ['get', 'colour'],
				'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 16, 5]
			}
		},
		{
			id: 'life-circle-circles',
			type: 'line',
			source: 'life-circle-circles',
			filter: role('circle'),
			paint: { 'line-color': C.label, 'line-width': 1.2, 'line-dasharray': [4, 3], 'line-opacity': 0.8 }
		},
		{
			id: 'life-circle-circles-label',
			type: 'symbol',
			source: 'life-circle-circles',
			filter: role('circle-label'),
			layout: { 'text-field': ['get', 'label'], 'text-font': FONT_REGULAR, 'text-size': 11, 'text-anchor': 'bottom' },
			paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.6 }
		},
		{
			id: 'life-circle-snap',
			type: 'circle',
			source: 'life-circle-snap',
			paint: { 'circle-radius': 4, 'circle-color': C.stationFill, 'circle-stroke-color': '#0c2c84', 'circle-stroke-width': 2 }
		},
		{
			id: 'measure-circles',
			type: 'line',
			source: 'measure',
			filter: role('circle'),
			paint: { 'line-color': MEASURE_COLOUR, 'line-width': 1.5, 'line-dasharray': [2, 2] }
		},
		{
			id: 'measure-path',
			type: 'line',
			source: 'measure',
			filter: role('path'),
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: { 'line-color': MEASURE_COLOUR, 'line-width': 3 }
		},
		{
			id: 'measure-vertices',
			type: 'circle',
			source: 'measure',
			filter: role('vertex'),
			paint: { 'circle-radius': 5, 'circle-color': C.stationFill, 'circle-stroke-color': MEASURE_COLOUR, 'circle-stroke-width': 2.5 }
		},
		{
			id: 'measure-circles-label',
			type: 'symbol',
			source: 'measure',
			filter: role('circle-label'),
			layout: { 'text-field': ['get', 'label'], 'text-font': FONT_BOLD_STACK, 'text-size': 11, 'text-anchor': 'bottom' },
			paint: { 'text-color': MEASURE_COLOUR, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.8 }
		}
	];
}

const streetFilter = (classes: string[]): FilterSpecification => ['in', ['get', 'class'], ['literal', classes]];

/**
 * A street is labelled only when its name is sure: the bundled network's names are conflated from
 * the road register and some are guesses (`name_label: false`); an OSM import's names have no flag.
 */
const labelledStreet: FilterSpecification = [
	'all',
	['!=', ['get', 'class'], 'footway'],
	['!=', ['coalesce', ['get', 'name_zh'], ['get', 'name_en'], ''], ''],
	['!=', ['get', 'name_label'], false]
];

const streetWidth = (minor: number, major: number): ExpressionSpecification => [
	'interpolate',
	['exponential', 1.6],
	['zoom'],
	11,
	['match', ['get', 'class'], 'arterial', major * 0.45, minor * 0.4],
	16,
	['match', ['get', 'class'], 'arterial', major * 2.6, minor * 2.4]
];

/** The clustered amenity source: the categories it leaves to other layers are filtered out. */
export const AMENITY_SOURCE_FILTER: FilterSpecification = [
	'!',
	['in', ['get', 'category'], ['literal', [...AMENITY_MAP_EXCLUDED]]]
];

const amenityColour = [
	'match',
	['get', 'category'],
	...Object.entries(AMENITY_COLOURS).flat(),
	AMENITY_OTHER_COLOUR
] as unknown as ExpressionSpecification;

const isCluster: ExpressionSpecification = ['has', 'point_count'];

/**
 * Life-circle amenities (clustered source `amenities`): at district zoom, grey clusters with their
 * count; from zoom 15 each point in its category colour, named from zoom 16.
 */
function amenityLayers(lang: Lang, C: BasemapColours): LayerSpecification[] {
	return [
		{
			id: 'amenities-cluster',
			type: 'circle',
			source: 'amenities',
			filter: isCluster,
			// Quiet at district zoom: a ring with a count, so the projects stay the subject of the map.
			paint: {
				'circle-color': C.labelHalo,
				'circle-opacity': 0.85,
				'circle-radius': ['step', ['get', 'point_count'], 7, 10, 9, 50, 12, 200, 15],
				'circle-stroke-color': AMENITY_CLUSTER_COLOUR,
				'circle-stroke-width': 1,
				'circle-stroke-opacity': 0.7
			}
		},
		{
			id: 'amenities-cluster-count',
			type: 'symbol',
			source: 'amenities',
			filter: isCluster,
			layout: {
				'text-field': ['get', 'point_count_abbreviated'],
				'text-font': FONT_BOLD_STACK,
				'text-size': 10,
				'text-allow-overlap': true
			},
			paint: { 'text-color': C.labelMuted }
		},
		{
			id: 'amenities-point',
			type: 'circle',
			source: 'amenities',
			filter: ['!', isCluster],
			paint: {
				'circle-color': amenityColour,
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 3.5, 17, 6.5],
				'circle-stroke-color': '#222222',
				'circle-stroke-width': 1
			}
		},
		{
			id: 'amenities-label',
			type: 'symbol',
			source: 'amenities',
			filter: ['!', isCluster],
			minzoom: 16,
			layout: {
				'text-field': lineLabel(lang),
				'text-font': FONT_REGULAR,
				'text-size': 10.5,
				'text-offset': [0, 0.8],
				'text-anchor': 'top',
				'text-max-width': 9,
				'text-optional': true
			},
			paint: { 'text-color': C.labelMuted, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.4 }
		},
		{
			id: 'amenity-selected',
			type: 'circle',
			source: 'amenity-selected',
			paint: {
				'circle-radius': 10,
				'circle-color': 'rgba(0,0,0,0)',
				'circle-stroke-color': C.label,
				'circle-stroke-width': 3
			}
		}
	];
}

/** Every layer, bottom to top. This order IS the z-order. */
export function buildLayers(lang: Lang = 'en', theme: Theme = 'light'): LayerSpecification[] {
	const C = basemapColours(theme);
	return [
		{ id: 'background', type: 'background', paint: { 'background-color': C.background } },
		{
			id: 'shanghai-districts-fill',
			type: 'fill',
			source: 'shanghai-districts',
			paint: { 'fill-color': C.background }
		},
		{
			id: 'changning-land',
			type: 'fill',
			source: 'changning',
			paint: { 'fill-color': C.changningLand }
		},
		{
			id: 'green-fill',
			type: 'fill',
			source: 'green',
			paint: {
				'fill-color': [
					'match',
					['get', 'kind'],
					'campus',
					C.campus,
					'airport',
					C.airport,
					C.green
				]
			}
		},
		{ id: 'water-fill', type: 'fill', source: 'water', paint: { 'fill-color': C.water } },
		{
			id: 'water-line',
			type: 'line',
			source: 'water',
			paint: { 'line-color': C.waterLine, 'line-width': 0.8 }
		},
		{
			id: 'streets-casing',
			type: 'line',
			source: 'streets',
			filter: streetFilter(['arterial', 'collector', 'local', 'bridge']),
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: { 'line-color': C.streetCasing, 'line-width': streetWidth(5, 8), 'line-gap-width': 0 }
		},
		{
			id: 'streets-footway',
			type: 'line',
			source: 'streets',
			filter: streetFilter(['footway']),
			layout: { 'line-join': 'round' },
			paint: {
				'line-color': C.footway,
				'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 16, 1.8],
				'line-dasharray': [2, 1.5]
			}
		},
		{
			id: 'streets-fill',
			type: 'line',
			source: 'streets',
			filter: streetFilter(['arterial', 'collector', 'local', 'bridge']),
			layout: { 'line-cap': 'round', 'line-join': 'round' },
			paint: {
				'line-color': ['match', ['get', 'class'], 'arterial', C.arterial, C.street],
				'line-width': streetWidth(3.4, 6)
			}
		},
		{
			id: 'elevated-casing',
			type: 'line',
			source: 'elevated',
			layout: { 'line-join': 'round' },
			paint: {
				'line-color': C.expresswayCasing,
				'line-width': ['interpolate', ['exponential', 1.5], ['zoom'], 10, 1.2, 16, 9]
			}
		},
		{
			id: 'elevated-fill',
			type: 'line',
			source: 'elevated',
			layout: { 'line-join': 'round' },
			paint: {
				'line-color': C.expressway,
				'line-width': ['interpolate', ['exponential', 1.5], ['zoom'], 10, 0.6, 16, 6.5]
			}
		},
		{
			id: 'metro-lines',
			type: 'line',
			source: 'metro-lines',
			layout: { 'line-join': 'round', 'line-cap': 'round' },
			paint: {
				'line-color': ['coalesce', ['get', 'colour'], '#777777'],
				'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 4],
				'line-opacity': 0.85
			}
		},
		// Fades everything outside Changning so the district reads as the subject.
		{
			id: 'changning-mask',
			type: 'fill',
			source: 'changning-mask',
			paint: { 'fill-color': C.mask, 'fill-opacity': 0.55 }
		},
		{
			id: 'district-lines',
			type: 'line',
			source: 'shanghai-districts',
			paint: { 'line-color': C.districtLine, 'line-width': 1, 'line-dasharray': [4, 2] }
		},
		...placeLayersInZOrder(lang, C),
		...toolLayers(C),
		...amenityLayers(lang, C),
		{
			id: 'streets-label',
			type: 'symbol',
			source: 'streets',
			minzoom: 13,
			filter: labelledStreet,
			layout: {
				'symbol-placement': 'line',
				'text-field': lineLabel(lang),
				'text-font': FONT_REGULAR,
				'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13],
				'symbol-spacing': 400,
				'text-max-angle': 35
			},
			paint: { 'text-color': C.labelMuted, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.4 }
		},
		{
			id: 'water-label',
			type: 'symbol',
			source: 'water',
			minzoom: 12,
			layout: {
				'symbol-placement': 'line',
				'text-field': lineLabel(lang),
				'text-font': FONT_REGULAR,
				'text-size': 12,
				'text-letter-spacing': 0.1
			},
			paint: { 'text-color': C.water_label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.2 }
		},
		{
			id: 'green-label',
			type: 'symbol',
			source: 'green',
			minzoom: 13.5,
			layout: {
				'text-field': pointLabel(lang),
				'text-font': FONT_REGULAR,
				'text-size': 11,
				'text-max-width': 10
			},
			paint: { 'text-color': C.green_label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.2 }
		},
		{
			id: 'metro-stations',
			type: 'circle',
			source: 'metro-stations',
			paint: {
				'circle-color': C.stationFill,
				'circle-stroke-color': C.stationStroke,
				'circle-stroke-width': 1.5,
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 6]
			}
		},
		{
			id: 'metro-stations-label',
			type: 'symbol',
			source: 'metro-stations',
			minzoom: 12,
			layout: {
				'text-field': pointLabel(lang),
				'text-font': FONT_REGULAR,
				'text-size': 11,
				'text-offset': [0, 0.9],
				'text-anchor': 'top',
				'text-optional': true
			},
			paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.5 }
		},
		{
			id: 'district-label',
			type: 'symbol',
			source: 'district-labels',
			maxzoom: 13,
			layout: {
				'text-field': pointLabel(lang),
				'text-font': FONT_BOLD_STACK,
				'text-size': ['match', ['get', 'name_zh'], '长宁区', 16, 12]
			},
			paint: {
				'text-color': ['match', ['get', 'name_zh'], '长宁区', C.label, C.districtLabel],
				'text-halo-color': C.labelHalo,
				'text-halo-width': 1.5
			}
		}
	];
}

/** Every paint property of every layer in a theme, to switch the basemap with the colour scheme. */
export function paintFor(theme: Theme): [string, string, unknown][] {
	const out: [string, string, unknown][] = [];
	for (const layer of buildLayers('en', theme)) {
		for (const [property, value] of Object.entries(layer.paint ?? {})) out.push([layer.id, property, value]);
	}
	return out;
}

/** The `text-field` of every label layer in a language, to switch map labels with the UI. */
export function labelFields(lang: Lang): [string, TextField][] {
	const fields: [string, TextField][] = [];
	for (const layer of buildLayers(lang)) {
		const field = layer.type === 'symbol' ? layer.layout?.['text-field'] : undefined;
		if (field !== undefined && JSON.stringify(field).includes('name_')) fields.push([layer.id, field]);
	}
	return fields;
}

type TextField = NonNullable<NonNullable<SymbolLayerSpecification['layout']>['text-field']>;

/** Which map layers each toggle in the layer panel switches. */
export function layerIdsForToggle(toggle: ToggleId): string[] {
	const byPrefix = (prefix: string) =>
		buildLayers()
			.map((l) => l.id)
			.filter((id) => id.startsWith(prefix));
	switch (toggle) {
		case 'streets':
			return byPrefix('streets-');
		case 'metro':
			return byPrefix('metro-');
		case 'elevated':
			return byPrefix('elevated-');
		case 'water':
			return byPrefix('water-');
		case 'green':
			return byPrefix('green-');
		case 'amenities':
			return byPrefix('amenities-');
		default:
			return byPrefix(`place-${toggle}-`);
	}
}

/** Layers a click or hover can pick a place from, top-most first. */
export function interactiveLayerIds(): string[] {
	return buildLayers()
		.filter((l) => l.id.startsWith('place-') && l.type !== 'symbol')
		.filter((l) => !l.id.endsWith('-outline') || l.id === 'place-district-outline')
		.map((l) => l.id)
		.reverse();
}

/** Amenity layers a click or hover can pick from, top-most first: a point, else a cluster. */
export const AMENITY_INTERACTIVE_LAYER_IDS = ['amenities-point', 'amenities-cluster'] as const;

/** Position of a layer in the z-order; asking for an unknown id is a bug and throws. */
export function zIndexOf(layerId: string): number {
	const index = buildLayers().findIndex((l) => l.id === layerId);
	if (index < 0) throw new Error(`Unknown layer id "${layerId}" — add it to the layer catalog first`);
	return index;
}
