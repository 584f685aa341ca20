/**
 * The basemap: land, water, parks, streets, elevated roads and metro at the bottom of the map, and
 * its labels and stations at the top (above places and analysis, so a walk never hides a name).
 */
import type { ExpressionSpecification, FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { FONT_BOLD_STACK, FONT_REGULAR, layer, type CatalogEntry } from './entry';

const streetFilter = (classes: string[]): FilterSpecification => ['in', ['get', 'class'], ['literal', classes]];
const WHEELED = ['arterial', 'collector', 'local', 'bridge'];

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

/** The layer and the source of the online basemap the user chose (none in the built style). */
export const ONLINE_BASEMAP_LAYER = 'online-basemap';
export const ONLINE_BASEMAP_SOURCE = 'online-basemap';

/**
 * Ground, water, streets and lines, bottom to top; the district mask and outlines last. With an
 * online basemap its tiles take the place of the ground (`embeddedOnly`); mask, outlines, metro
 * and the atlas's data stay over them.
 */
export const BASEMAP_GROUND: CatalogEntry[] = [
	layer('background', { toggle: null }, (C) => ({ type: 'background', paint: { 'background-color': C.background } })),
	// An online basemap's tiles (OnlineBasemap.svelte): over the background, which shows if they fail,
	// and under everything of the atlas's own.
	layer(ONLINE_BASEMAP_LAYER, { toggle: null, onChoice: true }, () => ({
		type: 'raster',
		source: ONLINE_BASEMAP_SOURCE,
		paint: { 'raster-fade-duration': 0 }
	})),
	layer('shanghai-districts-fill', { toggle: null , embeddedOnly: true}, (C) => ({
		type: 'fill',
		source: 'shanghai-districts',
		paint: { 'fill-color': C.background }
	})),
	layer('changning-land', { toggle: null , embeddedOnly: true}, (C) => ({ type: 'fill', source: 'changning', paint: { 'fill-color': C.changningLand } })),
	layer('green-fill', { toggle: 'green' , embeddedOnly: true}, (C) => ({
		type: 'fill',
		source: 'green',
		paint: { 'fill-color': ['match', ['get', 'kind'], 'campus', C.campus, 'airport', C.airport, C.green] }
	})),
	layer('water-fill', { toggle: 'water' , embeddedOnly: true}, (C) => ({ type: 'fill', source: 'water', paint: { 'fill-color': C.water } })),
	layer('water-line', { toggle: 'water' , embeddedOnly: true}, (C) => ({
		type: 'line',
		source: 'water',
		paint: { 'line-color': C.waterLine, 'line-width': 0.8 }
	})),
	layer('streets-casing', { toggle: 'streets' , embeddedOnly: true}, (C) => ({
		type: 'line',
		source: 'streets',
		filter: streetFilter(WHEELED),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': C.streetCasing, 'line-width': streetWidth(5, 8), 'line-gap-width': 0 }
	})),
	layer('streets-footway', { toggle: 'streets' , embeddedOnly: true}, (C) => ({
		type: 'line',
		source: 'streets',
		filter: streetFilter(['footway']),
		layout: { 'line-join': 'round' },
		paint: {
			'line-color': C.footway,
			'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 16, 1.8],
			'line-dasharray': [2, 1.5]
		}
	})),
	layer('streets-fill', { toggle: 'streets' , embeddedOnly: true}, (C) => ({
		type: 'line',
		source: 'streets',
		filter: streetFilter(WHEELED),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: {
			'line-color': ['match', ['get', 'class'], 'arterial', C.arterial, C.street],
			'line-width': streetWidth(3.4, 6)
		}
	})),
	layer('elevated-casing', { toggle: 'elevated' , embeddedOnly: true}, (C) => ({
		type: 'line',
		source: 'elevated',
		layout: { 'line-join': 'round' },
		paint: {
			'line-color': C.expresswayCasing,
			'line-width': ['interpolate', ['exponential', 1.5], ['zoom'], 10, 1.2, 16, 9]
		}
	})),
	layer('elevated-fill', { toggle: 'elevated' , embeddedOnly: true}, (C) => ({
		type: 'line',
		source: 'elevated',
		layout: { 'line-join': 'round' },
		paint: {
			'line-color': C.expressway,
			'line-width': ['interpolate', ['exponential', 1.5], ['zoom'], 10, 0.6, 16, 6.5]
		}
	})),
	layer('metro-lines', { toggle: 'metro' }, () => ({
		type: 'line',
		source: 'metro-lines',
		layout: { 'line-join': 'round', 'line-cap': 'round' },
		paint: {
			'line-color': ['coalesce', ['get', 'colour'], '#777777'],
			'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 4],
			'line-opacity': 0.85
		}
	})),
	// Fades everything outside Changning so the district reads as the subject.
	layer('changning-mask', { toggle: null }, (C) => ({
		type: 'fill',
		source: 'changning-mask',
		paint: { 'fill-color': C.mask, 'fill-opacity': 0.55 }
	})),
	layer('district-lines', { toggle: null }, (C) => ({
		type: 'line',
		source: 'shanghai-districts',
		paint: { 'line-color': C.districtLine, 'line-width': 1, 'line-dasharray': [4, 2] }
	}))
];

/** Names and stations, the top of the map; the names' text comes from their label role. */
export const BASEMAP_LABELS: CatalogEntry[] = [
	layer('streets-label', { toggle: 'streets', embeddedOnly: true, label: 'name-line' }, (C) => ({
		type: 'symbol',
		source: 'streets',
		minzoom: 13,
		filter: labelledStreet,
		layout: {
			'symbol-placement': 'line',
			'text-font': FONT_REGULAR,
			'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13],
			'symbol-spacing': 400,
			'text-max-angle': 35
		},
		paint: { 'text-color': C.labelMuted, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.4 }
	})),
	layer('water-label', { toggle: 'water', embeddedOnly: true, label: 'name-line' }, (C) => ({
		type: 'symbol',
		source: 'water',
		minzoom: 12,
		layout: { 'symbol-placement': 'line', 'text-font': FONT_REGULAR, 'text-size': 12, 'text-letter-spacing': 0.1 },
		paint: { 'text-color': C.water_label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.2 }
	})),
	layer('green-label', { toggle: 'green', embeddedOnly: true, label: 'name-stacked' }, (C) => ({
		type: 'symbol',
		source: 'green',
		minzoom: 13.5,
		layout: { 'text-font': FONT_REGULAR, 'text-size': 11, 'text-max-width': 10 },
		paint: { 'text-color': C.green_label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.2 }
	})),
	layer('metro-stations', { toggle: 'metro' }, (C) => ({
		type: 'circle',
		source: 'metro-stations',
		paint: {
			'circle-color': C.stationFill,
			'circle-stroke-color': C.stationStroke,
			'circle-stroke-width': 1.5,
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 6]
		}
	})),
	layer('metro-stations-label', { toggle: 'metro', label: 'name-stacked' }, (C) => ({
		type: 'symbol',
		source: 'metro-stations',
		minzoom: 12,
		layout: { 'text-font': FONT_REGULAR, 'text-size': 11, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-optional': true },
		paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.5 }
	})),
	layer('district-label', { toggle: null, label: 'name-stacked' }, (C) => ({
		type: 'symbol',
		source: 'district-labels',
		maxzoom: 13,
		layout: { 'text-font': FONT_BOLD_STACK, 'text-size': ['match', ['get', 'name_zh'], '长宁区', 16, 12] },
		paint: {
			'text-color': ['match', ['get', 'name_zh'], '长宁区', C.label, C.districtLabel],
			'text-halo-color': C.labelHalo,
			'text-halo-width': 1.5
		}
	}))
];
