/**
 * The typed protocol between the app and the isochrone worker: one map from message name to
 * [params, result]. Everything here is structured-cloneable (no classes, no functions).
 */
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { AmenityCollection } from '$lib/data/amenities';
import type { BandProperties, IsochroneTimings, ReachedStreetProperties } from '$lib/graph';
import type { Coverage, LifeCircleChecklist } from '$lib/geo/life-circle';
import type { LonLat } from '$lib/geo/lonlat';
import type { OffStreetWalk } from '$lib/graph/off-street';

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
}

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

export interface Requests {
	init: [InitParams, GraphSummary];
	isochrone: [IsochroneParams, IsochroneReply];
	route: [RouteParams, RouteReply];
}

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
	| { id: number; ok: false; error: string };
