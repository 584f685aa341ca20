/**
 * What the map shows, as plain facts the state, the panels and the map share: the toggles of the
 * layer panel and the colour scheme. Pure data, no maplibre-gl: the map's layer catalog
 * (src/lib/map/layer-catalog.ts) types each layer's toggle by these ids, and the state keeps which
 * toggles are on without importing the map.
 */
import { PLACE_LAYER_IDS, type PlaceLayerId } from './schema';

/** Basemap groups in the layer panel, in its order; each switches one or more map layers. */
export const BASEMAP_TOGGLE_IDS = ['streets', 'metro', 'elevated', 'water', 'green', 'amenities'] as const;
export type BasemapToggleId = (typeof BASEMAP_TOGGLE_IDS)[number];

/** The toggle of the life-circle amenity points; the layer panel lists it in its own group. */
export const AMENITY_TOGGLE_ID = 'amenities' satisfies BasemapToggleId;

/** A layer-panel toggle: a project layer (one per place layer) or a basemap group. */
export type ToggleId = PlaceLayerId | BasemapToggleId;

/** Every toggle, projects first, in the layer panel's order (also the order a link lists them in). */
export const TOGGLE_IDS: readonly ToggleId[] = [...PLACE_LAYER_IDS, ...BASEMAP_TOGGLE_IDS];

/** The colour scheme the map and the panels draw in (from prefers-color-scheme). */
export type Theme = 'light' | 'dark';
