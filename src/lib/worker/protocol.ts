/**
 * The typed protocol between the app and the isochrone worker: one map from message name to
 * [params, result]. Everything here is structured-cloneable (no classes, no functions).
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { AmenityCollection } from '$lib/data/amenities';
import type { BandProperties, IsochroneTimings, ReachedStreetProperties } from '$lib/graph';
import type { Coverage, LifeCircleChecklist } from '$lib/geo/life-circle';
import type { LonLat } from '$lib/geo/lonlat';
import type { OffStreetWalk } from '$lib/graph/off-street';
import type { CoverageAreaInput } from '$lib/graph/coverage-area';
import type { CoverageFigures, CoverageTimings } from '$lib/graph/coverage';
import type { CoverageStandard } from '$lib/geo/coverage-standard';
import type { WayInfo, WhyNotResult } from '$lib/graph/why-not';
import type { StreetKind } from '$lib/graph/street-kinds';
import type { UserSource } from '$lib/geo/user-category';
import type { NetworkProgress, NetworkSummary } from '$lib/osm/network';

export type { NetworkProgress, NetworkSummary } from '$lib/osm/network';

export interface InitParams {
	/** The CSR street graph (static/data/streets.graph.bin); transferred, not copied. */
	graph: ArrayBuffer;
	/** Lines and polygons the off-street walk may not cross: Suzhou Creek. */
	barriers: FeatureCollection | null;
	/** Amenity points with a life-circle `category`, for the checklist. */
	amenities: AmenityCollection;
	/** Categories the amenity data covers, and how well. */
	coverage: Coverage;
	/**
	 * The off-street walk that suits this network (manifest.json `walk`); default: the full-network
	 * setting, the engine's own default.
	 */
	walk?: OffStreetWalk;
	/**
	 * The district, the land left out of its land share and the Inner Ring area, for the coverage
	 * figures (`coverageAreaFrom` in data/coverage-area.ts builds it from the app's files). Without it,
	 * coverage still draws its surface and streets, and its `figures` are null.
	 */
	area?: CoverageAreaInput | null;
	/**
	 * Per source feature of the graph (streets.geojson), what the data tells of it (bits of
	 * `STREET_KIND_BITS`, graph/street-kinds.ts), for the walking profiles' streets to avoid. Without
	 * it (or with a count that does not match the graph) no profile can avoid anything, and says so.
	 */
	wayKinds?: Uint8Array | null;
}

export interface GraphSummary {
	nodeCount: number;
	edgeCount: number;
	loadMs: number;
}

export interface IsochroneParams {
	origin: LonLat;
	minutes: number[];
	speedKmh: number;
	includeStreets: boolean;
	/** Kinds of street the walking profile keeps off (default none). */
	avoid?: StreetKind[];
	/** Further origins (same minutes, speed and profile): each gets its own reply in `others`, and all together `merged`. */
	others?: LonLat[];
	/** A second profile from `origin`, for its outline beside the first. */
	compare?: { speedKmh: number; avoid: StreetKind[] };
}

/** What a profile kept off: the kinds, and how many km of street that is; null when the data cannot tell. */
export type AvoidedStreets = { kinds: StreetKind[]; km: number } | null;

/** Several origins together: per band, the area within reach of any of them. */
export interface MergedLifeCircle {
	/** One feature per band, largest first. */
	bands: FeatureCollection<Polygon | MultiPolygon, LifeCircleBandProperties>;
	/** The checklist from the nearest origin to each amenity. */
	checklist: LifeCircleChecklist;
}

/** The same origin walked with another profile. */
export type CompareReply =
	| { ok: true; speedKmh: number; avoided?: AvoidedStreets; bands: FeatureCollection<Polygon | MultiPolygon, LifeCircleBandProperties> }
	| { ok: false };

/**
 * A band as the app receives it: the engine's properties plus the straight-line circle of the same
 * walking distance, computed once here for the panel, the export and the map alike.
 */
export interface LifeCircleBandProperties extends BandProperties {
	/** Area of the straight-line circle of radius `distance_m`, m². */
	circle_m2: number;
	/** `area_m2 / circle_m2`: about 0.6 on a street grid. */
	circle_ratio: number;
}

export type IsochroneSuccess = {
	ok: true;
	origin: LonLat;
	snapped: { point: LonLat; distance: number };
	/** Band limits used, ascending. */
	minutes: number[];
	speedKmh: number;
	/** One feature per band, largest first (inner bands paint on top). */
	bands: FeatureCollection<Polygon | MultiPolygon, LifeCircleBandProperties>;
	reachedStreets: FeatureCollection<LineString, ReachedStreetProperties>;
	checklist: LifeCircleChecklist;
	timings: IsochroneTimings;
	/** The streets the profile kept off (absent when it avoids nothing). */
	avoided?: AvoidedStreets;
	/** With `others`: their replies, in order. */
	others?: IsochroneReply[];
	/** With `others`: the union of every origin's bands, and its checklist. */
	merged?: MergedLifeCircle | null;
	/** With `compare`: the other profile's bands from the same origin. */
	compare?: CompareReply;
};

export type IsochroneFailure =
	| {
			ok: false;
			/** No walkable street within the snapping radius of the origin. */
			reason: 'no-walkable-street';
			/** English, for logs and the CLI; the UI words it from the numbers below. */
			message: string;
			/** The snapping radius, metres. */
			radius: number;
			/** The nearest street, metres, when there is one at all. */
			nearestDistance?: number;
	  }
	| {
			ok: false;
			/** The request failed (the worker threw): `message` says why, in English. */
			reason: 'error';
			message: string;
	  };

export type IsochroneReply = IsochroneSuccess | IsochroneFailure;

export interface RouteParams {
	/** A measured path's points, in order: one walk along the streets per leg between consecutive points. */
	points: LonLat[];
}

/** One leg's walk along the streets, or why there is none (the leg then stays a straight line). */
export type RouteLeg =
	| {
			ok: true;
			/** The walk, from the leg's first point to its second, through the streets. */
			coordinates: LonLat[];
			/** Its length, metres, the off-street bits at both ends included. */
			metres: number;
	  }
	/** An end of the leg has no walkable street within the snapping radius (see `unsnapped`). */
	| { ok: false; reason: 'no-walkable-street' }
	/** Both ends are on streets, but the streets do not connect. */
	| { ok: false; reason: 'no-route' };

export interface RouteReply {
	/** One per leg, in order (points.length − 1 of them). */
	legs: RouteLeg[];
	/** The points with no walkable street within `radius`, by index, with the nearest street's distance, metres, when there is one. */
	unsnapped: { index: number; nearestDistance?: number }[];
	/** The snapping radius, metres. */
	radius: number;
}

export interface CoverageParams {
	/** A life-circle category id with amenities in the data, e.g. 'childcare', or a user category ('user:' + layer id). */
	category: string;
	/** A user category's threshold, minutes (its standard is the user's choice; default 10). Ignored for the built-in ones. */
	thresholdMinutes?: number;
	speedKmh: number;
	/** Band limits, minutes, each 1–60 (default: the threshold, twice and three times it). */
	minutes?: number[];
	/** Build the coloured streets (default true). */
	includeStreets?: boolean;
}

/** A coverage street piece as the app receives it. */
export interface CoverageStreetReplyProperties {
	/** Minutes from the nearest amenity to the piece's farthest point (0.01); null where none is reachable. */
	minutes: number | null;
	/** Smallest band (minutes) holding the piece; null beyond the largest band (a gap). */
	band: number | null;
	/** The nearest amenity's id; null where none is reachable. */
	source: string | null;
}

export interface CoverageSuccess {
	ok: true;
	category: string;
	speedKmh: number;
	/** Band limits used, ascending. */
	minutes: number[];
	/** The standard: threshold, its source and the target share (geo/coverage-standard.ts). */
	standard: CoverageStandard;
	/** The threshold as metres of walk, inside the Inner Ring and elsewhere, and as minutes at `speedKmh`. */
	threshold: { innerRingMetres: number; elsewhereMetres: number; innerRingMinutes: number; elsewhereMinutes: number };
	/** How complete the category's data is ('none' when the data has no such amenity at all). */
	completeness: 'complete' | 'partial' | 'none';
	/** Amenities of the category, and how many snapped to a street (within the origin's radius). */
	amenities: { count: number; snapped: number };
	/** One polygon per band of minutes to the nearest amenity, largest first (inner bands paint on top). */
	bands: FeatureCollection<Polygon | MultiPolygon, BandProperties>;
	/** Where the standard is met (cost within the threshold of the cell's zone); its complement is the gap. */
	within: Feature<Polygon | MultiPolygon, { inner_ring_m: number; elsewhere_m: number; area_m2: number }> | null;
	/** Every street piece, by minutes to its nearest amenity (empty when `includeStreets` is false). */
	streets: FeatureCollection<LineString, CoverageStreetReplyProperties>;
	/** Shares of the district's street length and land within the threshold; null without `area` at init. */
	figures: CoverageFigures | null;
	timings: CoverageTimings;
}

export type CoverageReply = CoverageSuccess | { ok: false; reason: 'no-amenities'; category: string; message: string };

export interface CoverageAtParams {
	category: string;
	/** As in CoverageParams. */
	thresholdMinutes?: number;
	speedKmh: number;
	/** Where the user clicked. */
	point: LonLat;
}

export type CoverageAtReply =
	| {
			ok: true;
			category: string;
			/** The nearest amenity. */
			id: string;
			name_en: string;
			name_zh: string;
			/** Minutes to it: along the streets plus the point's own walk to the street (× the off-street detour). */
			minutes: number;
			/** Of which along the streets. */
			networkMinutes: number;
			/** The point's straight walk to the street, metres. */
			offStreetMetres: number;
			snapped: { point: LonLat; distance: number };
	  }
	| { ok: false; reason: 'no-walkable-street'; radius: number; nearestDistance?: number }
	/** The category has no amenity, or none is reachable from this street (another component). */
	| { ok: false; reason: 'no-amenities' | 'unreachable'; category: string };

export interface WhyNotParams {
	/** The life circle's origin. */
	origin: LonLat;
	/** The spot asked about. */
	point: LonLat;
	/** Band limits, minutes, and the speed, as the life circle uses them. */
	minutes: number[];
	speedKmh: number;
	/** Per street feature (the graph's `edgeWay`): bridge flag and names, from streets.geojson; null without it. */
	ways: WayInfo[] | null;
}

/** Whether the spot is in a band, and if not, the walk to it, its extra minutes and its way in (graph/why-not.ts). */
export type WhyNotReply = WhyNotResult;
/** The user's point layers used for analysis: the whole set, replacing the last one. */
export interface UserSourcesParams {
	sources: UserSource[];
}

export interface UserSourcesReply {
	/** Per source: its points, and how many are within reach of a street. */
	sources: { id: string; count: number; snapped: number }[];
}

/** An OSM extract to use as the walking network instead of the bundled one (until the worker is replaced). */
export interface BuildNetworkParams {
	/** The file's name, for the summary. */
	name: string;
	/** The whole file; transferred, not copied. */
	bytes: ArrayBuffer;
}

export type BuildNetworkReply =
	/** The worker now walks on the extract's streets (the bundled amenities, water and district stay). */
	| { ok: true; summary: NetworkSummary }
	/** The file cannot be used (unreadable, or no walkable street near Changning): `message`, one line, English, says why. The bundled network stays. */
	| { ok: false; reason: 'bad-file' | 'no-streets'; message: string };

export interface Requests {
	init: [InitParams, GraphSummary];
	isochrone: [IsochroneParams, IsochroneReply];
	route: [RouteParams, RouteReply];
	/** Coverage of one category over the district (latest wins while the user changes category). */
	coverage: [CoverageParams, CoverageReply];
	/** "Nearest X from here" for a clicked point. */
	coverageAt: [CoverageAtParams, CoverageAtReply];
	/** "Why is this spot out of reach?" for the life circle's origin. */
	whyNot: [WhyNotParams, WhyNotReply];
	/** The user's own point layers as extra checklist rows and coverage categories (they never leave the machine). */
	setUserSources: [UserSourcesParams, UserSourcesReply];
	/** Parse an OSM extract and walk on its streets from now on; progress comes as `progress` messages. */
	buildNetwork: [BuildNetworkParams, BuildNetworkReply];
}

/** What a request may report while it runs (only buildNetwork does). */
export type Progress = NetworkProgress;

export type RequestName = keyof Requests;
export type ParamsOf<K extends RequestName> = Requests[K][0];
export type ResultOf<K extends RequestName> = Requests[K][1];

export interface RequestMessage<K extends RequestName = RequestName> {
	id: number;
	name: K;
	params: ParamsOf<K>;
}

export type ResponseMessage =
	| { id: number; ok: true; result: unknown }
	| { id: number; ok: false; error: string }
	/** Not an answer: how far the request `id` has got (the client forwards it; the answer follows). */
	| { id: number; progress: Progress };
