/**
 * What the tools compute, drawn above the places so a walk reads over them and below every label so
 * it never hides a name: the life circle (bands, reached streets, straight-line circles, the snapped
 * origin) and the measure tool (walking-radius circles, the walk along the streets, the straight
 * path, points). Their sources are filled at run time (`TOOL_SOURCE_IDS`).
 */
import type { ColorSpecification, DataDrivenPropertyValueSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Theme } from '$lib/data/layer-toggles';
import { BAND_FILL_OPACITY, MEASURE_COLOUR, bandColours } from '$lib/data/palette';
import { COMPARE_COLOUR } from '$lib/data/origin-colours';
import { FONT_BOLD_STACK, FONT_REGULAR, layer, role, type BandColour, type CatalogEntry } from './entry';

/**
 * The colour of a band or reached street from its own minutes: the colour of the first band whose
 * limit is at least the feature's value (`case` over `<=`, since limits may be fractional, which
 * `match` cannot take, and a value equal to a limit belongs to that band, which `step` gets wrong).
 *
 * @param minutes band limits, ascending, as the engine used them
 * @param theme the colour scheme, whose band ramp to use
 * @param property the feature property holding the minutes (`minutes` on bands, `band` on streets)
 * @example bandColourExpression([5, 10], 'light', 'minutes');
 * // ['case', ['<=', ['to-number', ['get', 'minutes']], 5], '#0c2c84', '#c7e9b4']
 */
export function bandColourExpression(
	minutes: readonly number[],
	theme: Theme,
	property: BandColour['property']
): DataDrivenPropertyValueSpecification<ColorSpecification> {
	if (minutes.length === 0) throw new Error('bandColourExpression needs at least one band limit');
	const colours = bandColours(minutes.length, theme);
	if (colours.length === 1) return colours[0];
	const value = ['to-number', ['get', property]];
	const branches = minutes.slice(0, -1).flatMap((limit, i) => [['<=', value, limit], colours[i]]);
	return ['case', ...branches, colours[colours.length - 1]] as DataDrivenPropertyValueSpecification<ColorSpecification>;
}

/** Geometry of the tools' results, bottom to top. */
export const ANALYSIS: CatalogEntry[] = [
	layer(
		'life-circle-bands-fill',
		{ toggle: null, analysis: true, bandColour: { paint: 'fill-color', property: 'minutes' } },
		() => ({ type: 'fill', source: 'life-circle-bands', paint: { 'fill-opacity': BAND_FILL_OPACITY } })
	),
	layer(
		'life-circle-bands-outline',
		{ toggle: null, analysis: true, bandColour: { paint: 'line-color', property: 'minutes' } },
		() => ({ type: 'line', source: 'life-circle-bands', paint: { 'line-width': 1.6 } })
	),
	layer('life-circle-streets', { toggle: null, analysis: true, bandColour: { paint: 'line-color', property: 'band' } }, () => ({
		type: 'line',
		source: 'life-circle-streets',
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 16, 5] }
	})),
	layer('life-circle-circles', { toggle: null, analysis: true }, (C) => ({
		type: 'line',
		source: 'life-circle-circles',
		filter: role('circle'),
		paint: { 'line-color': C.label, 'line-width': 1.2, 'line-dasharray': [4, 3], 'line-opacity': 0.8 }
	})),
	// Several origins one by one: each origin's largest band outlined in its own colour (its `colour`).
	layer('life-circle-origin-outlines', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'life-circle-outlines',
		filter: role('origin'),
		layout: { 'line-join': 'round' },
		paint: { 'line-color': ['get', 'colour'], 'line-width': 2.8 }
	})),
	// A second walking profile from the same origin: its largest band, dashed.
	layer('life-circle-compare', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'life-circle-outlines',
		filter: role('compare'),
		layout: { 'line-join': 'round' },
		paint: { 'line-color': COMPARE_COLOUR, 'line-width': 2.6, 'line-dasharray': [3, 2] }
	})),
	layer('life-circle-snap', { toggle: null, analysis: true }, (C) => ({
		type: 'circle',
		source: 'life-circle-snap',
		paint: { 'circle-radius': 4, 'circle-color': C.stationFill, 'circle-stroke-color': '#0c2c84', 'circle-stroke-width': 2 }
	})),
	layer('measure-circles', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'measure',
		filter: role('circle'),
		paint: { 'line-color': MEASURE_COLOUR, 'line-width': 1.5, 'line-dasharray': [2, 2] }
	})),
	// The walk along the streets: solid and wide, on a halo so it reads over any street colour.
	layer('measure-route-casing', { toggle: null, analysis: true }, (C) => ({
		type: 'line',
		source: 'measure',
		filter: role('route'),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': C.labelHalo, 'line-width': 7, 'line-opacity': 0.85 }
	})),
	layer('measure-route', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'measure',
		filter: role('route'),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': MEASURE_COLOUR, 'line-width': 4 }
	})),
	// The straight line, as the crow flies: thin and dashed beside the walk, on top so both show.
	layer('measure-path', { toggle: null, analysis: true }, (C) => ({
		type: 'line',
		source: 'measure',
		filter: role('path'),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': C.label, 'line-width': 2, 'line-dasharray': [2, 1.5] }
	})),
];

/**
 * The tools' own words on the map (the distance of each circle, each leg's and the running length),
 * above all their geometry, and the measure tool's points on top.
 */
export const ANALYSIS_LABELS: CatalogEntry[] = [
	layer('life-circle-circles-label', { toggle: null, label: 'value' }, (C) => ({
		type: 'symbol',
		source: 'life-circle-circles',
		filter: role('circle-label'),
		layout: { 'text-field': ['get', 'label'], 'text-font': FONT_REGULAR, 'text-size': 11, 'text-anchor': 'bottom' },
		paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.6 }
	})),
	layer('measure-circles-label', { toggle: null, label: 'value' }, (C) => ({
		type: 'symbol',
		source: 'measure',
		filter: role('circle-label'),
		layout: { 'text-field': ['get', 'label'], 'text-font': FONT_BOLD_STACK, 'text-size': 11, 'text-anchor': 'bottom' },
		paint: { 'text-color': MEASURE_COLOUR, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.8 }
	})),
	// Each leg's length at its midpoint (with its walk along the streets, when there is one).
	layer('measure-legs-label', { toggle: null, label: 'value' }, (C) => ({
		type: 'symbol',
		source: 'measure',
		filter: role('leg-label'),
		// Wide enough that "1,234 m · walk 1.56 km" stays on one line.
		layout: { 'text-field': ['get', 'label'], 'text-font': FONT_REGULAR, 'text-size': 11, 'text-padding': 4, 'text-max-width': 20 },
		paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.8 }
	})),
	// The running length below each point: the last one is the whole path. Above the legs' labels,
	// so it wins when the two collide (MapLibre places the upper layer's text first).
	layer('measure-vertices-label', { toggle: null, label: 'value' }, (C) => ({
		type: 'symbol',
		source: 'measure',
		filter: role('vertex-label'),
		layout: {
			'text-field': ['get', 'label'],
			'text-font': FONT_BOLD_STACK,
			'text-size': 12,
			'text-anchor': 'top',
			'text-offset': [0, 0.8],
			'text-max-width': 20
		},
		paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 2 }
	})),
	// The points the user placed: above every label, like the life circle's origin marker, so a
	// place's name never hides where a measurement starts or turns (a point, not a result: not `analysis`).
	layer('measure-vertices', { toggle: null }, (C) => ({
		type: 'circle',
		source: 'measure',
		filter: role('vertex'),
		paint: { 'circle-radius': 5, 'circle-color': C.stationFill, 'circle-stroke-color': MEASURE_COLOUR, 'circle-stroke-width': 2.5 }
	}))
];
