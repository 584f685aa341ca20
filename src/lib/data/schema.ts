/**
 * Dataset schemas: the one place that says what a place feature and a street feature look like.
 * Every loader (app, tests, scripts) validates through these, so a bad file fails loudly in one way.
 */
import * as v from 'valibot';

/** The project layers, in the order the layer panel lists them. */
export const PLACE_LAYER_IDS = [
	'silicon-alley',
	'hongqiao',
	'suzhou-creek',
	'historic-streets',
	'district'
] as const;
export type PlaceLayerId = (typeof PLACE_LAYER_IDS)[number];

/** Where a figure or a location comes from; ids resolve in `SOURCES`. */
export const SOURCE_IDS = [
	'briefing-2023-08-31',
	'life-circle-reference',
	'jiefang-daily-2022-10',
	'datav-geoatlas',
	'osm',
	'road-register',
	'digitised'
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

const Bilingual = v.object({
	en: v.pipe(v.string(), v.minLength(1)),
	zh: v.pipe(v.string(), v.minLength(1))
});
export type Bilingual = v.InferOutput<typeof Bilingual>;

const Fact = v.object({
	label: Bilingual,
	/** The figure as a number; qualifier says whether the source gave "over", "under" or "about". */
	value: v.pipe(v.number(), v.finite()),
	qualifier: v.optional(v.picklist(['over', 'under', 'about', 'exactly'])),
	/** Unit symbol or word, e.g. "km²", "%", "companies", "yuan/m²", "billion yuan". */
	unit: v.string(),
	/** The period the figure covers, e.g. "H1 2023", "Jan–Jul 2023", "2022". */
	period: v.pipe(v.string(), v.minLength(1)),
	source: v.picklist(SOURCE_IDS)
});
export type Fact = v.InferOutput<typeof Fact>;

const Accuracy = v.object({
	/** exact: from an authoritative survey; approximate: placed by hand from anchors; uncertain: a guess. */
	level: v.picklist(['exact', 'approximate', 'uncertain']),
	/** A radius within which the true location lies, in metres. */
	metres: v.pipe(v.number(), v.minValue(0)),
	note: Bilingual
});
export type Accuracy = v.InferOutput<typeof Accuracy>;

/** One source of a place's location and what it says about where the place is. */
const LocatedBy = v.object({
	/** The source, as a reader would cite it (publisher, dataset, date). */
	title: v.pipe(v.string(), v.minLength(1)),
	url: v.optional(v.pipe(v.string(), v.url())),
	/** What this source says about the location, in the project's own words. */
	says: Bilingual
});
export type LocatedBy = v.InferOutput<typeof LocatedBy>;

export const PlaceProperties = v.object({
	id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case ascii')),
	layer: v.picklist(PLACE_LAYER_IDS),
	kind: v.picklist([
		'district',
		'innovation-area',
		'institute',
		'innovation-hub',
		'development-zone',
		'business-district',
		'core-area',
		'airport-precinct',
		'renewal-project',
		'platform',
		'fashion-landmark',
		'landmark-building',
		'waterfront',
		'park',
		'campus',
		'terminal',
		'historic-street'
	]),
	name: Bilingual,
	summary: Bilingual,
	facts: v.array(Fact),
	address: v.optional(Bilingual),
	accuracy: Accuracy,
	/** The sources of the location (at least one; a place no source pins down says so here). */
	located_by: v.pipe(v.array(LocatedBy), v.minLength(1)),
	/** Where the place itself is named: nearly always the briefing. */
	source: v.picklist(SOURCE_IDS),
	// Measured once by the data build (geodata/README.md, "What the app reads"), so the app needs no
	// turf to show them. Optional: the committed geodata/places files do not carry them, only
	// static/data/places.json does, and only on the geometry they describe.
	/** Areas: geodesic area, m² (rounded to 1 m²). */
	area_m2: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
	/** Areas: length of every ring, outer and inner, m. */
	perimeter_m: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
	/** Areas: [lon, lat] inside the area, farthest from its edge (pole of inaccessibility). */
	label_point: v.optional(v.tuple([v.pipe(v.number(), v.finite()), v.pipe(v.number(), v.finite())])),
	/** Lines: geodesic length, m. */
	length_m: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)))
});
export type PlaceProperties = v.InferOutput<typeof PlaceProperties>;

const Position = v.tuple([v.number(), v.number()]);
const PlaceGeometry = v.variant('type', [
	v.object({ type: v.literal('Point'), coordinates: Position }),
	v.object({ type: v.literal('LineString'), coordinates: v.array(Position) }),
	v.object({ type: v.literal('MultiLineString'), coordinates: v.array(v.array(Position)) }),
	v.object({ type: v.literal('Polygon'), coordinates: v.array(v.array(Position)) }),
	v.object({ type: v.literal('MultiPolygon'), coordinates: v.array(v.array(v.array(Position))) })
]);

export const PlaceFeature = v.object({
	type: v.literal('Feature'),
	geometry: PlaceGeometry,
	properties: PlaceProperties
});
export type PlaceFeature = v.InferOutput<typeof PlaceFeature>;

export const PlaceCollection = v.object({
	type: v.literal('FeatureCollection'),
	features: v.array(PlaceFeature)
});
export type PlaceCollection = v.InferOutput<typeof PlaceCollection>;

/**
 * Street classes; `expressway` is a carriageway with no footway (never walkable). Bundled streets take
 * arterial / collector / local from the road register's grade (主干路 / 次干路 / 支路); unnamed ones are
 * `local`; `bridge` marks the short piece over Suzhou Creek.
 */
export const STREET_CLASSES = [
	'expressway',
	'arterial',
	'collector',
	'local',
	'footway',
	'bridge'
] as const;

/** How sure a street's name is; only `high` and `medium` names are labelled on the map. */
export const NAME_CONFIDENCES = ['high', 'medium', 'low', 'none'] as const;

export const StreetProperties = v.object({
	id: v.pipe(v.string(), v.minLength(1)),
	/** Empty when the street's name is not known. */
	name_en: v.string(),
	name_zh: v.string(),
	class: v.picklist(STREET_CLASSES),
	walkable: v.boolean(),
	/** Half-width of the band the true centreline lies in, metres. */
	accuracy_m: v.pipe(v.number(), v.minValue(0)),
	source: v.picklist(SOURCE_IDS),
	length_m: v.optional(v.pipe(v.number(), v.minValue(0))),
	/** How the name was decided (bundled network: conflated from the register; OSM import: `osm`). */
	name_method: v.optional(v.string()),
	name_confidence: v.optional(v.picklist(NAME_CONFIDENCES)),
	/** False when the name is unsure: the street is drawn but not labelled. Missing means labelled. */
	name_label: v.optional(v.boolean()),
	/** Road-register segment codes (路段编码) this piece was matched to. */
	register_codes: v.optional(v.array(v.string()))
});
export type StreetProperties = v.InferOutput<typeof StreetProperties>;

/** Changning's bounding box (WGS84) with a small margin; every project coordinate lies inside. */
export const CHANGNING_BBOX = [121.32, 31.175, 121.445, 31.25] as const;

/** Format valibot issues as one readable line per problem, with the path to the bad value. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	return issues
		.map((issue) => {
			const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
			return `${path}: ${issue.message}`;
		})
		.join('\n');
}
