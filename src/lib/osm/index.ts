/**
 * OpenStreetMap import: parse an extract (PBF, XML or Overpass JSON), convert it to the app's
 * geodata collections, validate the result. Pure: no file access (scripts/import-osm.ts does that).
 */
export { checkCoordinate, detectFormat, parseOsm, parseOsmPbf, parseOsmXml, parseOverpassJson, pbfFrames } from './parse';
export { convertOsm } from './convert';
export { COORD_DECIMALS, roundCoord } from './output';
export { greenKind, waterAreaKind, waterLineKind } from './kinds';
export type {
	OsmGeodata,
	ImportStats,
	StreetProps,
	WaterProps,
	WaterKind,
	GreenProps,
	GreenKind,
	AmenityProps,
	AreaGeometry
} from './geodata-types';
export { classifyStreet, SKIP_REASONS } from './streets';
export type { StreetClass, SkipReason, StreetDecision } from './streets';
export { assembleRings, ringsToPolygon, windRing } from './rings';
export { extractRegion, NEAR_CHANGNING_DEG, validateGeodata } from './validate';
export type { GeodataFiles } from './validate';
export { AMENITY_CATEGORIES, AMENITY_CATEGORY_IDS, amenityCategory, categorise } from './amenity-categories';
export type { AmenityCategory, AmenityCategoryId, TagMatcher } from './amenity-categories';
export { OsmInputError } from './types';
export type { BBox, OsmData, OsmElement, OsmFormat, OsmMember, OsmNode, OsmRelation, OsmWay, Tags } from './types';
