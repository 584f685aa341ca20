/**
 * The layer catalog: every map layer as data, in ONE ordered list whose order is the z-order. Each
 * entry says what it is for: its toggle, what a click on it selects, what its text is, whether it
 * draws a tool's result (see `CatalogEntry`); nothing is inferred from ids. Toggling a layer sets
 * `layout.visibility`; layers are never removed. The lookups below are computed once, here, and
 * asking them about an id the catalog does not have throws.
 * https://maplibre.org/maplibre-style-spec/layers/
 */
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { TOGGLE_IDS, type Theme, type ToggleId } from '$lib/data/layer-toggles';
import { DEFAULT_BANDS } from '$lib/geo/life-circle-categories';
import type { Lang } from '$lib/i18n/strings';
import { basemapColours, type BasemapColours } from '$lib/data/palette';
import { AMENITY_LAYERS } from './layers/amenities';
import { ANALYSIS, ANALYSIS_LABELS, bandColourExpression } from './layers/analysis';
import { BASEMAP_GROUND, BASEMAP_LABELS } from './layers/basemap';
import { COVERAGE_LABELS, COVERAGE_LAYERS } from './layers/coverage';
import { PLACE_LABELS, PLACE_SHAPES } from './layers/places';
import { WHY_NOT_LABELS, WHY_NOT_LAYERS } from './layers/why-not';
import { NAME_LABEL_ROLES, nameField, type BandColour, type CatalogEntry, type ClickRole, type LabelRole, type NameLabelRole } from './layers/entry';

/** Every layer, bottom to top. This order IS the z-order. */
export const CATALOG: readonly CatalogEntry[] = [
	...BASEMAP_GROUND,
	...PLACE_SHAPES,
	...COVERAGE_LAYERS,
	...ANALYSIS,
	...WHY_NOT_LAYERS,
	// Every label from here up, so no band or coloured street covers a name.
	...PLACE_LABELS,
	...ANALYSIS_LABELS,
	...COVERAGE_LABELS,
	...WHY_NOT_LABELS,
	...AMENITY_LAYERS,
	...BASEMAP_LABELS
];

// ---- lookups, once ------------------------------------------------------------------------------

const Z_INDEX = new Map<string, number>();
for (const [index, entry] of CATALOG.entries()) {
	if (Z_INDEX.has(entry.id)) throw new Error(`Layer id "${entry.id}" is in the layer catalog twice`);
	Z_INDEX.set(entry.id, index);
}

const BY_TOGGLE = new Map<ToggleId, string[]>(TOGGLE_IDS.map((toggle) => [toggle, []]));
/** Clickable layers by what a click selects, top-most first (the order a click looks in). */
const CLICKABLE = new Map<ClickRole, string[]>();
/** Text layers by label role, bottom to top. */
const LABELS = new Map<LabelRole, string[]>();
for (const entry of CATALOG) {
	if (entry.toggle) BY_TOGGLE.get(entry.toggle)!.push(entry.id);
	if (entry.click) CLICKABLE.set(entry.click, [entry.id, ...(CLICKABLE.get(entry.click) ?? [])]);
	if (entry.label) LABELS.set(entry.label, [...(LABELS.get(entry.label) ?? []), entry.id]);
}

function isNameLabel(entry: CatalogEntry): entry is CatalogEntry & { label: NameLabelRole } {
	return (NAME_LABEL_ROLES as readonly (LabelRole | undefined)[]).includes(entry.label);
}

/** Position of a layer in the z-order (0 = bottom); asking for an unknown id is a bug and throws. */
export function zIndexOf(layerId: string): number {
	const index = Z_INDEX.get(layerId);
	if (index === undefined) throw new Error(`Unknown layer id "${layerId}" — add it to the layer catalog first`);
	return index;
}

/** The catalog entry of a layer; an unknown id throws. */
export function catalogEntry(layerId: string): CatalogEntry {
	return CATALOG[zIndexOf(layerId)];
}

/** The map layers a layer-panel toggle switches, bottom to top; an unknown toggle throws. */
export function layerIdsForToggle(toggle: ToggleId): readonly string[] {
	const ids = BY_TOGGLE.get(toggle);
	if (!ids) throw new Error(`Unknown toggle "${toggle}"`);
	return ids;
}

/** Layers a click or hover picks from, for the given click roles, top-most first. */
export function clickableLayerIds(...roles: ClickRole[]): string[] {
	return roles.flatMap((r) => CLICKABLE.get(r) ?? []).sort((a, b) => zIndexOf(b) - zIndexOf(a));
}

/** Layers whose text has one of the given label roles (every text layer without arguments), bottom to top. */
export function labelLayerIds(...roles: LabelRole[]): string[] {
	const wanted = roles.length > 0 ? roles : [...LABELS.keys()];
	return wanted.flatMap((r) => LABELS.get(r) ?? []).sort((a, b) => zIndexOf(a) - zIndexOf(b));
}

// ---- specs --------------------------------------------------------------------------------------

/** One entry's layer spec in a theme and a language, with the parts its roles decide filled in. */
function specOf(entry: CatalogEntry, colours: BasemapColours, theme: Theme, lang: Lang): LayerSpecification {
	const layer = { id: entry.id, ...entry.spec(colours) } as LayerSpecification;
	if (isNameLabel(entry) && layer.type === 'symbol') {
		layer.layout = { ...layer.layout, 'text-field': nameField(entry.label, lang) };
	}
	if (entry.bandColour) {
		const { paint, property } = entry.bandColour;
		layer.paint = { ...layer.paint, [paint]: bandColourExpression(DEFAULT_BANDS, theme, property) };
	}
	return layer;
}

/** Every layer in a language and a theme, bottom to top: the style's `layers` (those added on choice left out). */
export function buildLayers(lang: Lang = 'en', theme: Theme = 'light'): LayerSpecification[] {
	const colours = basemapColours(theme);
	return CATALOG.filter((entry) => !entry.onChoice).map((entry) => specOf(entry, colours, theme, lang));
}


/**
 * Whether each toggled or basemap-only layer is drawn: a toggle that is off hides its layers, and an
 * online basemap hides the embedded one's drawing (`embeddedOnly`).
 *
 * @example layerVisibility(app.visible, true).find(([id]) => id === 'streets-fill'); // ['streets-fill', 'none']
 */
export function layerVisibility(visible: Readonly<Record<ToggleId, boolean>>, onlineBasemap: boolean): [layerId: string, visibility: 'visible' | 'none'][] {
	return CATALOG.filter((entry) => entry.toggle || entry.embeddedOnly).map((entry) => {
		const shown = (!entry.toggle || visible[entry.toggle]) && !(onlineBasemap && entry.embeddedOnly);
		return [entry.id, shown ? 'visible' : 'none'];
	});
}

type PaintValue = [layerId: string, property: string, value: unknown];

/**
 * Every paint property of every layer in a theme, to switch the map with the colour scheme; band
 * colours are left out, since they follow the tool's band limits (see {@link bandPaint}).
 */
export function paintFor(theme: Theme): PaintValue[] {
	const out: PaintValue[] = [];
	for (const layer of buildLayers('en', theme)) {
		const skip = catalogEntry(layer.id).bandColour?.paint;
		for (const [property, value] of Object.entries(layer.paint ?? {})) if (property !== skip) out.push([layer.id, property, value]);
	}
	return out;
}

type BandPaintValue = [layerId: string, property: BandColour['paint'], value: ReturnType<typeof bandColourExpression>];

/** The band-coloured paint properties for a life circle's band limits in a theme. */
export function bandPaint(minutes: readonly number[], theme: Theme): BandPaintValue[] {
	return CATALOG.flatMap((entry): BandPaintValue[] =>
		entry.bandColour ? [[entry.id, entry.bandColour.paint, bandColourExpression(minutes, theme, entry.bandColour.property)]] : []
	);
}

/** The `text-field` of every name label in a language, to switch map labels with the UI. */
export function labelFields(lang: Lang): [layerId: string, field: ReturnType<typeof nameField>][] {
	return CATALOG.filter(isNameLabel).map((entry) => [entry.id, nameField(entry.label, lang)]);
}
