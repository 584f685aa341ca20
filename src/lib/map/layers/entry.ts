/**
 * The shape of one layer-catalog entry, and the expressions several layer groups share.
 * https://maplibre.org/maplibre-style-spec/layers/
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { ToggleId } from '$lib/data/layer-toggles';
import type { Lang } from '$lib/i18n/strings';
import type { BasemapColours } from '$lib/data/palette';

/**
 * What a click on a feature of the layer selects, and the feature property the click reads:
 * a place (its `id`, the place id), a life-circle amenity (its `id`; the map hands all its
 * properties to the details card) or an amenity cluster (`cluster_id`, which MapLibre adds to a
 * clustered source; the map zooms to where the cluster splits).
 */
export const CLICK_READS = { place: 'id', amenity: 'id', cluster: 'cluster_id' } as const;
export type ClickRole = keyof typeof CLICK_READS;

/**
 * What the text of a symbol layer is. A name follows the UI language, so the catalog writes the
 * `text-field` of a name label for the language (its spec leaves it out):
 * - `name-stacked`: a place's name, the UI language on top and the other smaller below;
 * - `name-line`: a name along a line or beside a small point, the UI language only;
 * - `value`: text the features carry (a count, a distance), the same in both languages.
 */
export type LabelRole = 'name-stacked' | 'name-line' | 'value';
export const NAME_LABEL_ROLES = ['name-stacked', 'name-line'] as const satisfies readonly LabelRole[];
export type NameLabelRole = (typeof NAME_LABEL_ROLES)[number];

/**
 * A colour a tool sets from its result: bands and reached streets are coloured by the limit of the
 * band they fall in, from the feature's own `minutes` (a band) or `band` (a street), so the
 * features go to the source as the engine made them. The catalog writes the expression for the
 * default limits; the tool's map component rewrites it when the limits or the theme change.
 */
export interface BandColour {
	paint: 'fill-color' | 'line-color';
	property: 'minutes' | 'band';
}

/** `Omit` for each member of a union (plain `Omit` would merge the layer types into one). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A layer spec without its id: the entry holds the id. */
export type LayerBody = OmitEach<LayerSpecification, 'id'>;

/** What the catalog knows about a layer besides its spec. */
export interface LayerRoles {
	/** The layer-panel toggle that shows and hides it; null when it is always drawn. */
	toggle: ToggleId | null;
	/** What a click on it selects; absent when clicks pass through. */
	click?: ClickRole;
	/** What its text is; absent for layers that draw no text. */
	label?: LabelRole;
	/** A result someone computed (life circle, measure): above places, below every label. */
	analysis?: true;
	/** Set by a tool from its result; see {@link BandColour}. */
	bandColour?: BandColour;
	/** Part of the embedded basemap's drawing (ground, streets, their names): hidden while an online basemap is shown. */
	embeddedOnly?: true;
	/**
	 * Not in the built style: the map adds it (and its source) when the user chooses it, so nothing
	 * it would fetch is fetched before. Its place in the catalog is still its z-order.
	 */
	onChoice?: true;
}

/** One map layer: its id, what it does, and its spec in a theme's colours. */
export interface CatalogEntry extends Readonly<LayerRoles> {
	readonly id: string;
	readonly spec: (colours: BasemapColours) => LayerBody;
}

/** A catalog entry; the spec is a function of the theme's colours, so one list serves both themes. */
export function layer(id: string, roles: LayerRoles, spec: (colours: BasemapColours) => LayerBody): CatalogEntry {
	return { id, ...roles, spec };
}

export const FONT_REGULAR = ['Noto Sans Regular'];
/** Bold Latin, then regular for Chinese: both names share the Chinese files, so each loads once. */
export const FONT_BOLD_STACK = ['Noto Sans Bold', 'Noto Sans Regular'];

export const isPolygon: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
export const isLine: FilterSpecification = ['==', ['geometry-type'], 'LineString'];
export const isPoint: FilterSpecification = ['==', ['geometry-type'], 'Point'];

export const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
export const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** Tool sources mark what each feature is with a `role` property (circle, label, path…). */
export const role = (value: string): FilterSpecification => ['==', ['get', 'role'], value];

/**
 * The `text-field` of a name label in a language. Stacked: the UI language on top, the other
 * smaller below (a name that exists in only one language shows once). Line: the UI language only,
 * falling back to the other.
 */
export function nameField(labelRole: NameLabelRole, lang: Lang): ExpressionSpecification {
	const [first, second] = lang === 'zh' ? ['name_zh', 'name_en'] : ['name_en', 'name_zh'];
	if (labelRole === 'name-line') {
		return ['case', ['!=', ['coalesce', ['get', first], ''], ''], ['get', first], ['coalesce', ['get', second], '']];
	}
	// The second line only when it says something new: a brand written the same in both languages shows once.
	const both: ExpressionSpecification = ['all', ['has', first], ['!=', ['get', first], ''], ['has', second], ['!=', ['get', second], ''], ['!=', ['get', first], ['get', second]]];
	return ['format', ['coalesce', ['get', first], ['get', second]], {}, ['case', both, ['concat', '\n', ['get', second]], ''], { 'font-scale': 0.82 }];
}
