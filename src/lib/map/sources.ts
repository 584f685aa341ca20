import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { ToolSourceId } from './layer-catalog';

/** Replace a tool source's data; the source is part of the style, so a missing one is a bug. */
export function setSourceData(map: MapLibreMap, id: ToolSourceId, data: FeatureCollection): void {
	const source = map.getSource<GeoJSONSource>(id);
	if (!source) throw new Error(`Map source "${id}" is missing from the style`);
	source.setData(data);
}
