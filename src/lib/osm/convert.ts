/**
 * OSM elements → the app's four geodata collections (streets, water, green, amenities), stage by
 * stage:
 *
 * 1. element-index.ts: node positions rounded once, ways and relations by id, the node bounds;
 * 2. street-features.ts: walkable (and drawn-only) streets, clipped to the nodes present;
 * 3. area-features.ts (with area-polygons.ts): water lines, water and green polygons, amenities
 *    drawn as areas;
 * 4. amenity-features.ts: amenities drawn as nodes and open ways;
 * 5. output.ts: every collection sorted by OSM type and id.
 *
 * Pure and deterministic: the same extract in any format gives byte-identical output.
 */
import { pointAmenities } from './amenity-features';
import { areaFeatures } from './area-features';
import { AreaPolygons } from './area-polygons';
import { indexElements } from './element-index';
import { emptyStats, type OsmGeodata } from './geodata-types';
import { collection } from './output';
import { streetFeatures } from './street-features';
import type { OsmData } from './types';

export { COORD_DECIMALS, roundCoord } from './output';
export { greenKind, waterAreaKind, waterLineKind } from './kinds';
export type {
	AmenityProps,
	AreaGeometry,
	GreenKind,
	GreenProps,
	ImportStats,
	OsmGeodata,
	StreetProps,
	WaterKind,
	WaterProps
} from './geodata-types';

/**
 * Converts parsed OSM data into the app's geodata collections.
 *
 * Streets keep whole ways (not split at junctions): ways meeting at an OSM node share that node's
 * rounded coordinate bit for bit, and the graph builder merges equal coordinates into one vertex.
 * A way with nodes missing from the extract is clipped to its runs of present nodes; each run of
 * two or more becomes a feature (`osm-way-<id>`, then `osm-way-<id>-2` …).
 *
 * @param data the output of `parseOsm` (or any reader giving Overpass-shaped elements)
 * @returns the four collections, counts, and the extract's node bounds
 * @example const { streets } = convertOsm(parseOsm(bytes));
 */
export function convertOsm(data: OsmData): OsmGeodata {
	const index = indexElements(data);
	const stats = emptyStats();
	stats.elements = { nodes: index.nodes.size, ways: index.ways.size, relations: index.relations.length };
	const streets = streetFeatures(index, stats);
	const polygons = new AreaPolygons(index);
	const areas = areaFeatures(index, polygons, stats);
	stats.water = areas.water.length;
	stats.green = areas.green.length;
	const amenities = [...areas.amenities, ...pointAmenities(data, index, stats)];
	stats.incompleteAreas = polygons.incomplete;
	return {
		streets: collection(streets),
		water: collection(areas.water),
		green: collection(areas.green),
		amenities: collection(amenities),
		stats,
		bounds: index.bounds
	};
}
