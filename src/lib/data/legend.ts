/**
 * What the map's analysis colours mean, as data: one legend model that the on-screen legend
 * (components/MapLegend.svelte) and the exported PNG (map/export-png.ts) both draw, so the two
 * cannot disagree. Every colour comes from the same palette functions the layers' paint uses
 * (`bandColours` for the bands and reached streets, the basemap roles for the straight lines), so a
 * swatch is the colour the map draws by construction, not by re-typing.
 */
import { AMENITY_COLOURS, BAND_RAMPS, COVERAGE_GAP_COLOUR, MEASURE_COLOUR, bandColours, basemapColours } from './palette';
import type { Theme } from './layer-toggles';
import { LIFE_CIRCLE_CATEGORIES } from '$lib/geo/life-circle-categories';
import type { Lang, StringKey } from '$lib/i18n/strings';

/** How a legend row's sample is drawn; colours are CSS colours. */
export type Swatch =
	/** A band: its fill (drawn at {@link BAND_FILL_OPACITY}, as the map does) inside an outline. */
	| { kind: 'area'; colour: string }
	/** A line: solid or dashed, optionally on a wider casing (the walk's halo). */
	| { kind: 'line'; colour: string; dashed?: boolean; casing?: string }
	/** A line in several colours one after another: streets coloured by band. */
	| { kind: 'ramp'; colours: readonly string[] }
	/** A point: a filled dot with an outline. */
	| { kind: 'dot'; colour: string; stroke: string };

export interface LegendRow {
	swatch: Swatch;
	label: string;
}

export interface LegendSection {
	id: 'life-circle' | 'measure' | 'coverage' | 'amenities';
	heading: string;
	rows: LegendRow[];
}

// The band fills' opacity, which the swatches are drawn at: written once, in the palette.
export { BAND_FILL_OPACITY } from './palette';

/**
 * The life circle's origin marker and snapped point: the innermost band's colour of the light ramp,
 * which the marker keeps in both themes (LifeCircleLayer.svelte's `.origin-marker`).
 */
export const ORIGIN_COLOUR = BAND_RAMPS.light[0];

/** What is on the map now, as the legend needs it. */
export interface LegendInput {
	theme: Theme;
	/** The life circle drawn (a result is on the map), or null. */
	lifeCircle: { minutes: readonly number[]; streets: boolean } | null;
	/** The measure tool's drawing (at least one point), or null. */
	measure: { points: number; route: boolean } | null;
	/** The coverage tool's drawing: its band limits and the service's name, or null (absent: none). */
	coverage?: { minutes: readonly number[]; service: string } | null;
	/** Amenity categories on the map (the layer is on and the data has them), or null; keyed only beside an analysis. */
	amenities: readonly string[] | null;
}

type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/**
 * The legend of what the map shows: a section per analysis drawn, in the order the map stacks them.
 * Empty when nothing is analysed (the legend is then not shown).
 *
 * @param input what is drawn, and the colour scheme
 * @param t the UI's translator (its `legend.*` strings)
 * @param lang the language amenity category names are picked in
 * @example
 * legendSections({ theme: 'light', lifeCircle: { minutes: [5, 10, 15], streets: true }, measure: null, amenities: null }, t, 'en')[0].rows[0];
 * // { swatch: { kind: 'area', colour: '#0c2c84' }, label: 'Within 5 min' }
 */
export function legendSections(input: LegendInput, t: Translate, lang: Lang): LegendSection[] {
	const C = basemapColours(input.theme);
	const sections: LegendSection[] = [];
	const life = input.lifeCircle;
	if (life && life.minutes.length > 0) {
		const colours = bandColours(life.minutes.length, input.theme);
		const rows: LegendRow[] = life.minutes.map((minutes, i) => ({ swatch: { kind: 'area', colour: colours[i] }, label: t('legend.band', { minutes }) }));
		if (life.streets) rows.push({ swatch: { kind: 'ramp', colours }, label: t('legend.streets') });
		rows.push({ swatch: { kind: 'line', colour: C.label, dashed: true }, label: t('legend.circle') });
		rows.push({ swatch: { kind: 'dot', colour: ORIGIN_COLOUR, stroke: '#ffffff' }, label: t('legend.origin') });
		sections.push({ id: 'life-circle', heading: t('legend.lifeCircle'), rows });
	}
	const coverage = input.coverage;
	if (coverage && coverage.minutes.length > 0) {
		const colours = bandColours(coverage.minutes.length, input.theme);
		const rows: LegendRow[] = coverage.minutes.map((minutes, i) => ({ swatch: { kind: 'area', colour: colours[i] }, label: t('legend.band', { minutes }) }));
		rows.push({ swatch: { kind: 'ramp', colours }, label: t('legend.coverageStreets') });
		rows.push({ swatch: { kind: 'line', colour: COVERAGE_GAP_COLOUR }, label: t('legend.coverageGap') });
		sections.push({ id: 'coverage', heading: t('legend.coverage', { service: coverage.service }), rows });
	}
	const measure = input.measure;
	if (measure && measure.points > 0) {
		const rows: LegendRow[] = [];
		if (measure.route) rows.push({ swatch: { kind: 'line', colour: MEASURE_COLOUR, casing: C.labelHalo }, label: t('legend.route') });
		if (measure.points > 1) rows.push({ swatch: { kind: 'line', colour: C.label, dashed: true }, label: t('legend.straight') });
		rows.push({ swatch: { kind: 'line', colour: MEASURE_COLOUR, dashed: true }, label: t('legend.radii') });
		rows.push({ swatch: { kind: 'dot', colour: C.stationFill, stroke: MEASURE_COLOUR }, label: t('legend.points') });
		sections.push({ id: 'measure', heading: t('legend.measure'), rows });
	}
	// The amenities are keyed only beside an analysis: without one, the map needs no legend.
	if (sections.length > 0 && input.amenities && input.amenities.length > 0) {
		const rows = AMENITY_ORDER.filter((id) => input.amenities!.includes(id)).map(
			(id): LegendRow => ({ swatch: { kind: 'dot', colour: AMENITY_COLOURS[id], stroke: C.label }, label: categoryName(id, lang) })
		);
		if (rows.length > 0) sections.push({ id: 'amenities', heading: t('legend.amenities'), rows });
	}
	return sections;
}

/** Amenity categories with a colour of their own, in the checklist's order (then the rest). */
const AMENITY_ORDER: readonly string[] = [
	...LIFE_CIRCLE_CATEGORIES.map((c) => c.id as string).filter((id) => Object.hasOwn(AMENITY_COLOURS, id)),
	...Object.keys(AMENITY_COLOURS).filter((id) => !LIFE_CIRCLE_CATEGORIES.some((c) => c.id === id))
];

function categoryName(id: string, lang: Lang): string {
	return LIFE_CIRCLE_CATEGORIES.find((c) => c.id === id)?.label[lang] ?? id;
}

/** The categories of amenity features that the map colours (others are drawn grey or on layers of their own). */
export function colouredCategories(features: readonly { properties: { category: string } }[]): string[] {
	const present = new Set(features.map((f) => f.properties.category));
	return AMENITY_ORDER.filter((id) => present.has(id));
}

/**
 * Everything the exported picture prints around the map, in the UI's language: the map adds its
 * scale bar (it knows its zoom and latitude) and the data credits.
 */
export interface PngSheet {
	/** What the picture shows: the tool or the place, e.g. "15-minute life circle". */
	title: string;
	/** Short lines under the title: the app, the export date, the origin's coordinates… */
	details: readonly string[];
	legend: readonly LegendSection[];
	/** When the data was made, in a line. */
	dataDates: string;
	/** The scale bar's caption for a round length in metres ("500 m", "1 km"). */
	formatLength: (metres: number) => string;
	theme: Theme;
}
