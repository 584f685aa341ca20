/**
 * What the importer writes: the four geodata collections, their feature properties and the import
 * counts. Pure types, plus the zero of the counts.
 */
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { LifeCircleTier } from '../geo/life-circle';
import { AMENITY_CATEGORY_IDS, type AmenityCategoryId } from './amenity-categories';
import { SKIP_REASONS, type SkipReason, type StreetClass } from './streets';
import type { BBox } from './types';

export interface StreetProps {
	id: string;
	name_en: string;
	name_zh: string;
	class: StreetClass;
	walkable: boolean;
	accuracy_m: number;
	source: 'osm';
}
export type WaterKind = 'river' | 'canal' | 'lake' | 'pond' | 'water';
export interface WaterProps {
	id: string;
	name_en: string;
	name_zh: string;
	kind: WaterKind;
	accuracy_m: number;
	source: 'osm';
}
export type GreenKind = 'park' | 'garden' | 'campus' | 'airport' | 'zoo' | 'green';
export interface GreenProps {
	id: string;
	name_en: string;
	name_zh: string;
	kind: GreenKind;
	/** Geodesic area (turf.area), square metres, rounded to 0.1. */
	area_m2: number;
	accuracy_m: number;
	source: 'osm';
}
export interface AmenityProps {
	/** `osm-<type>-<id>-<category>`: one feature per category the element is in. */
	id: string;
	category: AmenityCategoryId;
	tier: LifeCircleTier;
	name_en: string;
	name_zh: string;
	source: 'osm';
}

export type AreaGeometry = Polygon | MultiPolygon;

export interface ImportStats {
	elements: { nodes: number; ways: number; relations: number };
	streets: {
		walkable: number;
		notWalkable: number;
		/** Ways cut down to the nodes present in the extract. */
		clipped: number;
		skipped: Record<SkipReason, number>;
	};
	water: number;
	green: number;
	amenities: Record<AmenityCategoryId, number>;
	/** Closed ways / multipolygons wanted for water, green or amenities whose rings could not be built. */
	incompleteAreas: number;
}

export interface OsmGeodata {
	streets: FeatureCollection<LineString, StreetProps>;
	water: FeatureCollection<AreaGeometry | LineString, WaterProps>;
	green: FeatureCollection<AreaGeometry, GreenProps>;
	amenities: FeatureCollection<Point, AmenityProps>;
	stats: ImportStats;
	/** Bounding box of every node in the extract (rounded), or null when there are none. */
	bounds: BBox | null;
}

/** Counts before anything is read: every skip reason and every category at 0. */
export function emptyStats(): ImportStats {
	return {
		elements: { nodes: 0, ways: 0, relations: 0 },
		streets: {
			walkable: 0,
			notWalkable: 0,
			clipped: 0,
			skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>
		},
		water: 0,
		green: 0,
		amenities: Object.fromEntries(AMENITY_CATEGORY_IDS.map((c) => [c, 0])) as Record<AmenityCategoryId, number>,
		incompleteAreas: 0
	};
}
