import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { PlaceLayerId } from '$lib/data/schema';

/** Sources the tools fill at run time (empty in the style until a tool draws). */
export const TOOL_SOURCE_IDS = [
	'life-circle-bands',
	'life-circle-streets',
	'life-circle-circles',
	'life-circle-snap',
	'life-circle-outlines',
	'amenity-selected',
	'measure',
	'coverage-bands',
	'coverage-streets',
	'coverage-probe',
	'why-not'
] as const;
export type ToolSourceId = (typeof TOOL_SOURCE_IDS)[number];

/** The source of one project layer's places (feature-state is keyed by it and the place id). */
export function placeSourceId(layer: PlaceLayerId): string {
	return `places-${layer}`;
}

/** Per map, the tool sources that have been given data (the style starts them all empty). */
const filled = new WeakMap<MapLibreMap, Set<ToolSourceId>>();

/**
 * Replace a tool source's data; the source is part of the style, so a missing one is a bug.
 * Emptying a source that was never filled is skipped: it is empty already, and every setData costs
 * a round of work in MapLibre's workers (the tools' layers empty their sources when they mount).
 */
export function setSourceData(map: MapLibreMap, id: ToolSourceId, data: FeatureCollection): void {
	const source = map.getSource<GeoJSONSource>(id);
	if (!source) throw new Error(`Map source "${id}" is missing from the style`);
	let ids = filled.get(map);
	if (!ids) filled.set(map, (ids = new Set()));
	if (data.features.length === 0 && !ids.has(id)) return;
	ids.add(id);
	source.setData(data);
}
