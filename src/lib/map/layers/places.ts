/**
 * The briefing's places, one source per project layer. Ordered by what they draw rather than by
 * project: the district at the bottom, then every project's areas, outlines, lines and points, so a
 * point is never hidden under another project's polygon and a click picks the most specific place.
 * Their labels are a separate group, drawn above the analysis layers.
 */
import { PLACE_LAYER_IDS, type PlaceLayerId } from '$lib/data/schema';
import { PLACE_LAYER_COLOURS } from '$lib/data/palette';
import { placeSourceId } from '../sources';
import { hovered, isLine, isPoint, isPolygon, layer, selected, FONT_BOLD_STACK, type CatalogEntry } from './entry';

/** The project layers; the district is drawn (and clicked) on its own terms. */
const PROJECTS = PLACE_LAYER_IDS.filter((id): id is Exclude<PlaceLayerId, 'district'> => id !== 'district');

const district: CatalogEntry[] = [
	// The district outline is drawn by the basemap; this invisible fill makes it clickable
	// (underneath every project, so any project on top wins the click).
	layer('place-district-fill', { toggle: 'district', click: 'place' }, (C) => ({
		type: 'fill',
		source: placeSourceId('district'),
		filter: isPolygon,
		paint: { 'fill-color': C.changningOutline, 'fill-opacity': ['case', selected, 0.08, hovered, 0.04, 0] }
	})),
	// Near-black on light maps and near-white on dark ones.
	layer('place-district-outline', { toggle: 'district', click: 'place' }, (C) => ({
		type: 'line',
		source: placeSourceId('district'),
		filter: isPolygon,
		paint: { 'line-color': C.changningOutline, 'line-width': ['case', selected, 4, 2.2], 'line-opacity': 0.9 }
	}))
];

const fill = (id: (typeof PROJECTS)[number]): CatalogEntry =>
	layer(`place-${id}-fill`, { toggle: id, click: 'place' }, () => ({
		type: 'fill',
		source: placeSourceId(id),
		filter: isPolygon,
		paint: { 'fill-color': PLACE_LAYER_COLOURS[id], 'fill-opacity': ['case', selected, 0.42, hovered, 0.32, 0.2] }
	}));

// Not clickable: the fill under it already picks the place.
const outline = (id: (typeof PROJECTS)[number]): CatalogEntry =>
	layer(`place-${id}-outline`, { toggle: id }, () => ({
		type: 'line',
		source: placeSourceId(id),
		filter: isPolygon,
		paint: {
			'line-color': PLACE_LAYER_COLOURS[id],
			'line-width': ['case', selected, 3.5, hovered, 2.5, 1.6],
			'line-dasharray': [3, 1.5]
		}
	}));

const line = (id: (typeof PROJECTS)[number]): CatalogEntry =>
	layer(`place-${id}-line`, { toggle: id, click: 'place' }, () => ({
		type: 'line',
		source: placeSourceId(id),
		filter: isLine,
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: {
			'line-color': PLACE_LAYER_COLOURS[id],
			'line-width': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, ['case', selected, 11, 8]],
			'line-opacity': ['case', selected, 1, hovered, 0.95, 0.75]
		}
	}));

const point = (id: (typeof PROJECTS)[number]): CatalogEntry =>
	layer(`place-${id}-point`, { toggle: id, click: 'place' }, () => ({
		type: 'circle',
		source: placeSourceId(id),
		filter: isPoint,
		paint: {
			'circle-color': PLACE_LAYER_COLOURS[id],
			'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 4.5, 15, ['case', selected, 11, 8]],
			'circle-stroke-color': ['case', selected, '#111111', '#ffffff'],
			'circle-stroke-width': ['case', selected, 3, hovered, 2.5, 1.5],
			// An uncertain location is drawn hollow so it never looks surveyed.
			'circle-opacity': ['case', ['==', ['get', 'accuracy_level'], 'uncertain'], 0.35, 1]
		}
	}));

const label = (id: (typeof PROJECTS)[number]): CatalogEntry =>
	layer(`place-${id}-label`, { toggle: id, label: 'name-stacked' }, (C) => ({
		type: 'symbol',
		source: placeSourceId(id),
		minzoom: 12.5,
		layout: {
			'text-font': FONT_BOLD_STACK,
			'text-size': 12,
			'text-offset': [0, 1.1],
			'text-anchor': 'top',
			'text-max-width': 12,
			'symbol-placement': 'point',
			'text-optional': true
		},
		paint: { 'text-color': PLACE_LAYER_COLOURS[id], 'text-halo-color': C.labelHalo, 'text-halo-width': 1.6 }
	}));

/** District, then each kind of shape for every project in layer-panel order. */
export const PLACE_SHAPES: CatalogEntry[] = [
	...district,
	...PROJECTS.map(fill),
	...PROJECTS.map(outline),
	...PROJECTS.map(line),
	...PROJECTS.map(point)
];

/** Project names (the district's name is a basemap label). */
export const PLACE_LABELS: CatalogEntry[] = PROJECTS.map(label);
