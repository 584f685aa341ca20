/**
 * The typed protocol between the app and the isochrone worker: one map from message name to
 * [params, result]. Everything here is structured-cloneable (no classes, no functions).
 */
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { AmenityCollection } from '$lib/data/amenities';
import type { BandArea, BandProperties, IsochroneTimings, ReachedStreetProperties } from '$lib/graph/isochrone';
import type { LifeCircleChecklist } from '$lib/geo/life-circle';
import type { OffStreetWalk } from '$lib/graph/off-street';

export interface InitParams {
	/** The CSR street graph (static/data/streets.graph.bin); transferred, not copied. */
	graph: ArrayBuffer;
	/** Lines and polygons the off-street walk may not cross: Suzhou Creek. */
	barriers: FeatureCollection | null;
	/** Amenity points with a life-circle `category`, for the checklist. */
	amenities: AmenityCollection;
	/** Categories the amenity data covers, and how well. */
	coverage: Record<string, 'complete' | 'partial'>;
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
	origin: [number, number];
	minutes: number[];
	speedKmh: number;
	includeStreets: boolean;
}

export type IsochroneReply =
	| {
			ok: true;
			origin: [number, number];
			snapped: { point: [number, number]; distance: number };
			minutes: number[];
			speedKmh: number;
			bands: FeatureCollection<Polygon | MultiPolygon, BandProperties>;
			reachedStreets: FeatureCollection<LineString, ReachedStreetProperties>;
			areas: BandArea[];
			checklist: LifeCircleChecklist;
			timings: IsochroneTimings;
	  }
	| {
			ok: false;
			reason: string;
			/** English, for logs and the CLI; the UI words it from reason and the numbers below. */
			message: string;
			/** For 'no-walkable-street': the snapping radius and the nearest street, metres. */
			radius?: number;
			nearestDistance?: number;
	  };

export interface Requests {
	init: [InitParams, GraphSummary];
	isochrone: [IsochroneParams, IsochroneReply];
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
