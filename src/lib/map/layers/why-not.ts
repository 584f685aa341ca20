/**
 * "Why is this spot out of reach?" on the map: the walk from the origin to the spot, dashed while it
 * is within the largest band and solid beyond it, the way in (the bridge, or the street where the
 * walk passes the limit) as a wide highlight under it, the point where it passes the limit and the
 * spot itself with its minutes. One source, `why-not`, its features told apart by `role`.
 * https://maplibre.org/maplibre-style-spec/layers/#line
 */
import { FONT_BOLD_STACK, layer, role, type CatalogEntry } from './entry';

/** Beyond the band: the colour of "too far" (the measure tool's red). */
const BEYOND = '#b2182b';
/** The way in: orange, wide and translucent under the walk, so both read (colour-blind safe beside the red and the blue bands). */
const WAY_IN = '#f1a340';

export const WHY_NOT_LAYERS: CatalogEntry[] = [
	layer('why-not-way-in', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'why-not',
		filter: role('way-in'),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': WAY_IN, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 8, 16, 16], 'line-opacity': 0.85 }
	})),
	layer('why-not-route-casing', { toggle: null, analysis: true }, (C) => ({
		type: 'line',
		source: 'why-not',
		filter: ['in', ['get', 'role'], ['literal', ['route-in', 'route-out']]],
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': C.labelHalo, 'line-width': 6, 'line-opacity': 0.8 }
	})),
	layer('why-not-route-in', { toggle: null, analysis: true }, (C) => ({
		type: 'line',
		source: 'why-not',
		filter: role('route-in'),
		layout: { 'line-join': 'round' },
		paint: { 'line-color': C.label, 'line-width': 3, 'line-dasharray': [2, 1.2] }
	})),
	layer('why-not-route-out', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'why-not',
		filter: role('route-out'),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': BEYOND, 'line-width': 4 }
	})),
	layer('why-not-exit', { toggle: null, analysis: true }, (C) => ({
		type: 'circle',
		source: 'why-not',
		filter: role('exit'),
		paint: { 'circle-radius': 4, 'circle-color': C.labelHalo, 'circle-stroke-color': BEYOND, 'circle-stroke-width': 2 }
	}))
];

/** Its words and the spot, above every label (like the measure tool's points). */
export const WHY_NOT_LABELS: CatalogEntry[] = [
	layer('why-not-label', { toggle: null, label: 'value' }, (C) => ({
		type: 'symbol',
		source: 'why-not',
		filter: ['in', ['get', 'role'], ['literal', ['spot', 'way-in-label']]],
		layout: {
			'text-field': ['get', 'label'],
			'text-font': FONT_BOLD_STACK,
			'text-size': 12,
			'text-anchor': 'top',
			'text-offset': [0, 0.8],
			'text-max-width': 16,
			'text-allow-overlap': true
		},
		paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 2 }
	})),
	layer('why-not-spot', { toggle: null }, (C) => ({
		type: 'circle',
		source: 'why-not',
		filter: role('spot'),
		paint: { 'circle-radius': 6, 'circle-color': C.stationFill, 'circle-stroke-color': BEYOND, 'circle-stroke-width': 3 }
	}))
];
