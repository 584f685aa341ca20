/**
 * Amenities: one Point per element and category it is in (amenity-categories.ts). Nodes are where
 * they are; an area sits at a point on its polygon; an open way at its middle present vertex.
 */
import type { Feature, Point, Position } from 'geojson';
import { AMENITY_CATEGORY_IDS, amenityCategory, categorise, type AmenityCategoryId } from './amenity-categories';
import type { ElementIndex } from './element-index';
import { isClosedWay } from './element-index';
import type { AmenityProps, ImportStats } from './geodata-types';
import { names, TYPE_RANK, type Keyed } from './output';
import type { OsmData, Tags } from './types';

export type AmenityFeature = Keyed<Feature<Point, AmenityProps>>;

/**
 * The features of one element in its categories, counted in `stats`.
 *
 * @param type OSM element type
 * @param id OSM id
 * @param tags its tags (names)
 * @param point where to draw it, rounded lon/lat
 * @param cats its categories
 * @param stats counts to add to
 */
export function amenityFeatures(
	type: 'node' | 'way' | 'relation',
	id: number,
	tags: Tags,
	point: Position,
	cats: readonly AmenityCategoryId[],
	stats: ImportStats
): AmenityFeature[] {
	return cats.map((c) => {
		stats.amenities[c]++;
		return {
			key: [TYPE_RANK[type], id, 0, AMENITY_CATEGORY_IDS.indexOf(c)],
			feature: {
				type: 'Feature',
				geometry: { type: 'Point', coordinates: point },
				properties: { id: `osm-${type}-${id}-${c}`, category: c, tier: amenityCategory(c).tier, ...names(tags), source: 'osm' }
			}
		};
	});
}

/**
 * Amenities drawn as nodes and as open ways (a platform drawn as a line, say), in element order.
 * Areas are area-features.ts.
 *
 * @param data the extract, for element order
 * @param index the indexed extract
 * @param stats counts to add to
 */
export function pointAmenities(data: OsmData, index: ElementIndex, stats: ImportStats): AmenityFeature[] {
	const out: AmenityFeature[] = [];
	for (const e of data.elements) {
		if (!e.tags) continue;
		if (e.type === 'node') {
			const cats = categorise(e.tags);
			if (cats.length > 0) out.push(...amenityFeatures('node', e.id, e.tags, index.nodes.get(e.id)!, cats, stats));
		} else if (e.type === 'way' && !isClosedWay(e)) {
			const cats = categorise(e.tags);
			if (cats.length === 0) continue;
			const present = e.nodes.map((id) => index.nodes.get(id)).filter((p): p is Position => p !== undefined);
			if (present.length > 0) out.push(...amenityFeatures('way', e.id, e.tags, present[Math.floor(present.length / 2)], cats, stats));
		}
	}
	return out;
}
