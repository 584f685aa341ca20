/**
 * The coverage tool's drawing: minutes to the nearest amenity of one category as bands over the
 * district, the streets coloured the same way with the gaps (beyond the standard) in their own
 * colour, and the spot the user asked about with the way to its nearest amenity. Below the life
 * circle, so a circle drawn over coverage stays readable; its colours are set by CoverageLayer
 * from the answer's band limits and the theme (`coveragePaint`).
 */
import type { ColorSpecification, DataDrivenPropertyValueSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Theme } from '$lib/data/layer-toggles';
import { BAND_FILL_OPACITY, COVERAGE_GAP_COLOUR } from '$lib/data/palette';
import { bandColourExpression } from './analysis';
import { FONT_BOLD_STACK, layer, role, type CatalogEntry } from './entry';

type Colour = DataDrivenPropertyValueSpecification<ColorSpecification>;

/**
 * The street colour: the band ramp on the piece's `band`, and the gap colour where it has none (no
 * band holds it: beyond the last limit, or unreachable).
 */
export function coverageStreetColour(minutes: readonly number[], theme: Theme): Colour {
	return ['case', ['==', ['get', 'band'], null], COVERAGE_GAP_COLOUR, bandColourExpression(minutes, theme, 'band')] as Colour;
}

/** The paint the coverage layers take from an answer's band limits, in a theme. */
export function coveragePaint(minutes: readonly number[], theme: Theme): [layerId: string, property: 'fill-color' | 'line-color', value: Colour][] {
	return [
		['coverage-bands-fill', 'fill-color', bandColourExpression(minutes, theme, 'minutes')],
		['coverage-streets', 'line-color', coverageStreetColour(minutes, theme)]
	];
}

/** Geometry, bottom to top (placed under the life circle's). */
export const COVERAGE_LAYERS: CatalogEntry[] = [
	layer('coverage-bands-fill', { toggle: null, analysis: true }, () => ({
		type: 'fill',
		source: 'coverage-bands',
		// The legend's swatches are drawn at this opacity too.
		paint: { 'fill-opacity': BAND_FILL_OPACITY, 'fill-color': '#1d91c0' }
	})),
	layer('coverage-streets', { toggle: null, analysis: true }, () => ({
		type: 'line',
		source: 'coverage-streets',
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		// Gaps a little wider than covered streets: they are what a planner looks for.
		paint: {
			'line-color': '#1d91c0',
			'line-width': ['interpolate', ['linear'], ['zoom'], 12, ['case', ['==', ['get', 'band'], null], 2.6, 1.6], 16, ['case', ['==', ['get', 'band'], null], 6, 4]]
		}
	})),
	layer('coverage-probe-way', { toggle: null, analysis: true }, (C) => ({
		type: 'line',
		source: 'coverage-probe',
		filter: role('way'),
		paint: { 'line-color': C.label, 'line-width': 1.6, 'line-dasharray': [2, 2] }
	})),
	layer('coverage-probe-point', { toggle: null, analysis: true }, (C) => ({
		type: 'circle',
		source: 'coverage-probe',
		filter: role('spot'),
		paint: { 'circle-radius': 6, 'circle-color': C.stationFill, 'circle-stroke-color': COVERAGE_GAP_COLOUR, 'circle-stroke-width': 2.5 }
	})),
	layer('coverage-probe-amenity', { toggle: null, analysis: true }, (C) => ({
		type: 'circle',
		source: 'coverage-probe',
		filter: role('amenity'),
		paint: { 'circle-radius': 6, 'circle-color': '#1d91c0', 'circle-stroke-color': C.labelHalo, 'circle-stroke-width': 2 }
	}))
];

/** The answer for the spot, beside it (above every label of the tools). */
export const COVERAGE_LABELS: CatalogEntry[] = [
	layer('coverage-probe-label', { toggle: null, label: 'value' }, (C) => ({
		type: 'symbol',
		source: 'coverage-probe',
		filter: role('spot'),
		layout: {
			'text-field': ['get', 'label'],
			'text-font': FONT_BOLD_STACK,
			'text-size': 12,
			'text-anchor': 'top',
			'text-offset': [0, 0.9],
			'text-max-width': 16
		},
		paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 2 }
	}))
];
