/**
 * Life-circle amenities (the clustered source `amenities`): at district zoom, quiet clusters with
 * their count; from zoom 15 each point in its category colour, named from zoom 16. Above the
 * analysis layers, so the services a walk reaches stay visible and clickable on its bands.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { AMENITY_CLUSTER_COLOUR, AMENITY_COLOURS, AMENITY_OTHER_COLOUR } from '$lib/data/palette';
import { FONT_BOLD_STACK, FONT_REGULAR, layer, type CatalogEntry } from './entry';

const amenityColour = [
	'match',
	['get', 'category'],
	...Object.entries(AMENITY_COLOURS).flat(),
	AMENITY_OTHER_COLOUR
] as unknown as ExpressionSpecification;

const isCluster: ExpressionSpecification = ['has', 'point_count'];

export const AMENITY_LAYERS: CatalogEntry[] = [
	// Quiet at district zoom: a ring with a count, so the projects stay the subject of the map.
	layer('amenities-cluster', { toggle: 'amenities', click: 'cluster' }, (C) => ({
		type: 'circle',
		source: 'amenities',
		filter: isCluster,
		paint: {
			'circle-color': C.labelHalo,
			'circle-opacity': 0.85,
			'circle-radius': ['step', ['get', 'point_count'], 7, 10, 9, 50, 12, 200, 15],
			'circle-stroke-color': AMENITY_CLUSTER_COLOUR,
			'circle-stroke-width': 1,
			'circle-stroke-opacity': 0.7
		}
	})),
	layer('amenities-cluster-count', { toggle: 'amenities', label: 'value' }, (C) => ({
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
	})),
	layer('amenities-point', { toggle: 'amenities', click: 'amenity' }, () => ({
		type: 'circle',
		source: 'amenities',
		filter: ['!', isCluster],
		paint: {
			'circle-color': amenityColour,
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 3.5, 17, 6.5],
			'circle-stroke-color': '#222222',
			'circle-stroke-width': 1
		}
	})),
	layer('amenities-label', { toggle: 'amenities', label: 'name-line' }, (C) => ({
		type: 'symbol',
		source: 'amenities',
		filter: ['!', isCluster],
		minzoom: 16,
		layout: {
			'text-font': FONT_REGULAR,
			'text-size': 10.5,
			'text-offset': [0, 0.8],
			'text-anchor': 'top',
			'text-max-width': 9,
			'text-optional': true
		},
		paint: { 'text-color': C.labelMuted, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.4 }
	})),
	// The ring around the amenity whose card is open; not a toggle's: it follows the selection.
	layer('amenity-selected', { toggle: null }, (C) => ({
		type: 'circle',
		source: 'amenity-selected',
		paint: {
			'circle-radius': 10,
			'circle-color': 'rgba(0,0,0,0)',
			'circle-stroke-color': C.label,
			'circle-stroke-width': 3
		}
	}))
];
