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
