/**
 * What the tools compute, drawn above the places so a walk reads over them and below every label so
 * it never hides a name: the life circle (bands, reached streets, straight-line circles, the snapped
 * origin) and the measure tool (walking-radius circles, path, points). Their sources are filled at
 * run time (`TOOL_SOURCE_IDS`).
 */
import type { ColorSpecification, DataDrivenPropertyValueSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Theme } from '$lib/data/layer-toggles';
import { MEASURE_COLOUR, bandColours } from '$lib/data/palette';
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
		() => ({ type: 'fill', source: 'life-circle-bands', paint: { 'fill-opacity': 0.3 } })
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
	layer('measure-path', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'measure',
		filter: role('path'),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': MEASURE_COLOUR, 'line-width': 3 }
	})),
	layer('measure-vertices', { toggle: null, analysis: true }, (C) => ({
		type: 'circle',
		source: 'measure',
		filter: role('vertex'),
		paint: { 'circle-radius': 5, 'circle-color': C.stationFill, 'circle-stroke-color': MEASURE_COLOUR, 'circle-stroke-width': 2.5 }
	}))
];

/** The tools' own words on the map (the distance of each circle), above all their geometry. */
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
	}))
];
