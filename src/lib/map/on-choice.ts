/**
 * Layers the map adds only when the user chooses them (catalog entries with `onChoice`): their spec
 * and where they go in the z-order. On-demand code beside the catalog, not in it: the first view
 * adds no such layer.
 */
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { basemapColours } from '$lib/data/palette';
import type { Theme } from '$lib/data/layer-toggles';
import { CATALOG, catalogEntry, zIndexOf } from './layer-catalog';

/** The spec of a layer added on choice; a layer of the built style throws. */
export function onChoiceLayer(layerId: string, theme: Theme = 'light'): LayerSpecification {
	const entry = catalogEntry(layerId);
	if (!entry.onChoice) throw new Error(`Layer "${layerId}" is in the built style, not added on choice`);
	return { id: entry.id, ...entry.spec(basemapColours(theme)) } as LayerSpecification;
}

/** The layers above one in the z-order, bottom to top: the map adds a layer before the first of them it has. */
export function layerIdsAbove(layerId: string): string[] {
	return CATALOG.slice(zIndexOf(layerId) + 1).map((entry) => entry.id);
}
