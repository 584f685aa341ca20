/**
 * Colours of the map and its legend: one table the map's layers (src/lib/map) and the panels'
 * swatches (src/lib/components) both read, so it lives below both. Project layers use the
 * Okabe–Ito palette, which stays distinguishable for the common forms of colour blindness.
 */
import type { PlaceLayerId } from './schema';
import type { Theme } from './layer-toggles';

export const PLACE_LAYER_COLOURS: Record<PlaceLayerId, string> = {
	'silicon-alley': '#0072B2',
	hongqiao: '#D55E00',
	'suzhou-creek': '#009E73',
	'historic-streets': '#CC79A7',
	district: '#3a3a3a'
};

export interface BasemapColours {
	background: string;
	changningLand: string;
	districtLine: string;
	changningOutline: string;
	mask: string;
	water: string;
	waterLine: string;
	green: string;
	campus: string;
	airport: string;
	streetCasing: string;
	street: string;
	arterial: string;
	footway: string;
	expressway: string;
	expresswayCasing: string;
	label: string;
	labelMuted: string;
	labelHalo: string;
	stationFill: string;
	stationStroke: string;
	water_label: string;
	green_label: string;
	districtLabel: string;
}

export const BASEMAP_COLOURS: BasemapColours = {
	background: '#ebe7df',
	changningLand: '#f8f6f1',
	districtLine: '#a9a39a',
	changningOutline: '#4a4a4a',
	mask: '#ebe7df',
	water: '#9fcbe8',
	waterLine: '#6fa8d1',
	green: '#cfe5c0',
	campus: '#ecdfc8',
	airport: '#e2e0ea',
	streetCasing: '#b9b0a0',
	street: '#ffffff',
	arterial: '#fff4d6',
	footway: '#8a9a7b',
	expressway: '#f0b466',
	expresswayCasing: '#c98a3c',
	label: '#333333',
	labelMuted: '#555555',
	labelHalo: '#ffffff',
	stationFill: '#ffffff',
	stationStroke: '#333333',
	water_label: '#2f6f9f',
	green_label: '#3e6b32',
	districtLabel: '#8a847a'
};

/** The same roles for the dark theme (prefers-color-scheme: dark). */
export const BASEMAP_COLOURS_DARK: BasemapColours = {
	background: '#15181c',
	changningLand: '#22262b',
	districtLine: '#5b6068',
	changningOutline: '#c9c9c9',
	mask: '#15181c',
	water: '#1f4e6e',
	waterLine: '#3b7aa6',
	green: '#23402a',
	campus: '#3d3527',
	airport: '#2c2b36',
	streetCasing: '#15181c',
	street: '#4a5059',
	arterial: '#6b6451',
	footway: '#7f9272',
	expressway: '#8c6a3c',
	expresswayCasing: '#5a4325',
	label: '#e8e8e8',
	labelMuted: '#c4c7cc',
	labelHalo: '#15181c',
	stationFill: '#22262b',
	stationStroke: '#e0e0e0',
	water_label: '#9cc8e8',
	green_label: '#a5d39a',
	districtLabel: '#a8a39a'
};

export function basemapColours(theme: Theme): BasemapColours {
	return theme === 'dark' ? BASEMAP_COLOURS_DARK : BASEMAP_COLOURS;
}

/**
 * Isochrone bands and reached streets, innermost band first: ColorBrewer YlGnBu, a sequential ramp
 * that reads in order for the common colour-vision deficiencies and in greyscale. On the light map
 * the innermost band is the darkest; on the dark map the ramp runs from pale to mid blue instead, so
 * the innermost band still stands out most and no band sinks into the near-black land (the light
 * ramp's navy, drawn there, all but vanishes).
 */
export const BAND_RAMPS: Record<Theme, readonly string[]> = {
	light: ['#0c2c84', '#225ea8', '#1d91c0', '#41b6c4', '#7fcdbb', '#c7e9b4'],
	dark: ['#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8']
};

/**
 * Colours for `count` bands sorted ascending, spread over the theme's ramp.
 *
 * @example bandColours(3, 'light'); // ['#0c2c84', '#41b6c4', '#c7e9b4']
 */
export function bandColours(count: number, theme: Theme): string[] {
	const ramp = BAND_RAMPS[theme];
	if (count <= 1) return [ramp[1]];
	return Array.from({ length: count }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (count - 1))]);
}

/** The band fills' opacity (life circle and coverage); the legend draws its swatches at it. */
export const BAND_FILL_OPACITY = 0.3;

export const MEASURE_COLOUR = '#b2182b';

/**
 * Coverage gaps: streets and land beyond the standard's walk from the nearest amenity. A magenta
 * that no band ramp, project or the measure red uses, so a gap reads as "missing", not as a band.
 */
export const COVERAGE_GAP_COLOUR = '#d01c8b';

/**
 * Life-circle amenity points, by category: Paul Tol's "muted" scheme (colour-blind safe), picked to
 * stay apart from the Okabe–Ito project colours above. Drawn small with a dark outline, so a point
 * never reads as a project.
 */
export const AMENITY_COLOURS: Record<string, string> = {
	'health-centre': '#882255',
	childcare: '#DDCC77',
	'primary-school': '#999933',
	'middle-school': '#332288',
	'bus-stop': '#88CCEE',
	convenience: '#44AA99',
	'elderly-care': '#AA4499',
	'fresh-market': '#117733',
	canteen: '#CC6677',
	'culture-sports': '#6699CC'
};
/** Any other category (e.g. from an imported extract). */
export const AMENITY_OTHER_COLOUR = '#888888';
export const AMENITY_CLUSTER_COLOUR = '#4d4d4d';
