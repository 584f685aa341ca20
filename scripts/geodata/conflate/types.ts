/**
 * What the street-name conflation takes and gives (scripts/geodata/conflate-names.ts has the method).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** One row of the register (`changning-road-segments.csv`). Lengths in metres, areas in m². */
export interface RegisterSegment {
	/** 路段编码, e.g. `CNS000001137`. */
	code: string;
	/** 路名. */
	name: string;
	/** 段起点: the cross street (or landmark) where the segment starts. */
	from: string;
	/** 段止点. */
	to: string;
	/** 等级: 主干路 / 次干路 / 支路. */
	grade: '主干路' | '次干路' | '支路';
	length_m: number;
	area_m2: number;
	sidewalk_m2: number;
}

/** A rough named line that says roughly where a street is. Coordinates WGS84 lon/lat. */
export interface ReferenceLine {
	name_zh: string;
	name_en?: string;
	/** How far (m) the real street may lie from this line. */
	accuracy_m: number;
	/** Where the line comes from: a digitised street or an elevated road over its surface street. */
	kind: 'digitised' | 'elevated-over';
	coordinates: Position[];
}

export type NameConfidence = 'high' | 'medium' | 'low' | 'none';

/** The name decided for one edge. Same shape as `StreetNameRecord` in `streets.ts`. */
export interface EdgeName {
	name_zh: string;
	name_en: string;
	/**
	 * How the name was decided: `reference+register`, `elevated-over+register`, `reference-only`,
	 * `elevated-over`, `stroke-gap`, `register-extension`, `register-topology`, or `unnamed`.
	 */
	name_method: string;
	name_confidence: NameConfidence;
	/** Whether the map may label the edge: only for high and medium confidence. */
	name_label: boolean;
	/** Register segment codes (路段编码) laid on this edge; several when the edge spans a junction-less stretch. */
	register_codes: string[];
	/** The register grade of the street: 主干路 arterial, 次干路 collector, 支路 local. */
	grade?: 'arterial' | 'collector' | 'local';
}

export type UnmatchedReason =
	| 'lane-level road (弄/宅/浜/村): the road network has no lanes'
	| 'service road beside a main street: the network has one line per corridor'
	| 'street not found in the geometry: no reference line and no register inference reached it'
	| 'cross street not found on the street'
	| 'beyond the named extent of the street in the geometry'
	| 'ends at a landmark, not a street, and could not be placed by length';

export interface UnmatchedSegment {
	code: string;
	name: string;
	from: string;
	to: string;
	length_m: number;
	reason: UnmatchedReason;
}

export interface StreetCheck {
	name_zh: string;
	name_en: string;
	/** Sum of the register's segment lengths (m). */
	register_m: number;
	segments: number;
	matched_segments: number;
	/** Length (m) of the edges that carry this street's register codes. */
	matched_m: number;
	/** Length (m) of everything named so, inside the district. */
	named_in_district_m: number;
	/** Every segment matched, the register chain is one unbroken street: the lengths must agree. */
	complete: boolean;
	/** matched_m / register_m. */
	ratio: number;
}

export interface ConflationReport {
	edges: number;
	/** Length inside the district (all, when no district is given), km. */
	km_total: number;
	km_named: number;
	/** Named with high or medium confidence (labelled on the map), km. */
	km_labelled: number;
	km_by_confidence: Record<'high' | 'medium' | 'low', number>;
	km_by_method: Record<string, number>;
	register_segments: number;
	register_matched: number;
	/** Register length (sum of 长度), all segments and the matched ones, km. */
	register_km: number;
	register_km_matched: number;
	unmatched: UnmatchedSegment[];
	/** Unmatched segments per reason: how many, and their register length in km. */
	unmatched_by_reason: Record<string, { segments: number; km: number }>;
	streets: StreetCheck[];
	/** How far the final names agree with the bus stops. */
	bus_stops: BusStopCheck;
}

export interface ConflationOptions {
	/** Lengths inside this polygon are the coverage figures; without it all edges count. */
	district?: Feature<Polygon | MultiPolygon>;
	/** Added to each reference's accuracy when testing nearness, m. Default 25. */
	marginM?: number;
	/** Largest deflection at a junction for two edges to belong to one stroke, degrees. Default 35. */
	maxDeflectionDeg?: number;
	/** Share of an edge that must lie near a reference for it to take the name, 0–1. Default 0.5. */
	minShare?: number;
	/** English names known from elsewhere (name_zh → name_en); the rest are made with pinyin. */
	englishNames?: Map<string, string>;
	/**
	 * Bus stops (Point features with `properties.name`, "<street it is on><cross street>(公交站)").
	 * Default: none. The build passes the project's `geodata/sources/poi-amap-2020/bus_stop.geojson`.
	 */
	busStops?: FeatureCollection;
	/** Greatest distance of a stop from the centreline of the street it stands on, m. Default 40. */
	stopRadiusM?: number;
}

/** One stop that the final names contradict: it stands on `on`, the nearest named edge says `named`. */
export interface StopContradiction {
	stop: string;
	on: string;
	/** The nearest named edge within the stop radius and its name. */
	edge: string;
	named: string;
	distance_m: number;
}

export interface BusStopCheck {
	/** Stops in the network's box whose names split into two known streets. */
	parsed: number;
	/** Stops that voted (an edge within the radius, running the right way). */
	voted: number;
	/** Parsed stops whose on-street is named somewhere in the network… */
	checkable: number;
	/** …of which this many have no named edge within the radius (not counted below). */
	no_named_edge: number;
	/** …and this many have a named edge within the radius, the nearest of which carries the on-street. */
	agree: number;
	/** agree / (checkable - no_named_edge). */
	agreement: number;
	contradictions: StopContradiction[];
}
