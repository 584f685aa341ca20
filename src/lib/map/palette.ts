/**
 * Colours of the map and its legend. Project layers use the Okabe–Ito palette, which stays
 * distinguishable for the common forms of colour blindness.
 */
import type { PlaceLayerId } from '$lib/data/schema';

export const PLACE_LAYER_COLOURS: Record<PlaceLayerId, string> = {
	'silicon-alley': '#0072B2',
	hongqiao: '#D55E00',
	'suzhou-creek': '#009E73',
	'historic-streets': '#CC79A7',
	district: '#3a3a3a'
};

export const BASEMAP_COLOURS = {
	background: '#ebe7df',
	changningLand: '#faf8f3',
	districtLine: '#a9a39a',
	changningOutline: '#4a4a4a',
	mask: '#ebe7df',
	water: '#9fcbe8',
	waterLine: '#6fa8d1',
	green: '#cfe5c0',
	campus: '#ecdfc8',
	airport: '#e2e0ea',
	streetCasing: '#cfc8bb',
	street: '#ffffff',
	arterial: '#fff4d6',
	footway: '#8a9a7b',
	expressway: '#f0b466',
	expresswayCasing: '#c98a3c',
	label: '#333333',
	labelHalo: '#ffffff'
} as const;

/**
 * Isochrone bands, innermost darkest: ColorBrewer YlGnBu, a sequential ramp that reads in order
 * for the common colour-vision deficiencies and in greyscale.
 */
export const BAND_RAMP = ['#0c2c84', '#225ea8', '#1d91c0', '#41b6c4', '#7fcdbb', '#c7e9b4'] as const;

/** Colours for `count` bands sorted ascending, spread over the ramp. */
export function bandColours(count: number): string[] {
	if (count <= 1) return [BAND_RAMP[1]];
	return Array.from({ length: count }, (_, i) => BAND_RAMP[Math.round((i * (BAND_RAMP.length - 1)) / (count - 1))]);
}

export const MEASURE_COLOUR = '#b2182b';
