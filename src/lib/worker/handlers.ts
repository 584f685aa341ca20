/**
 * The worker's logic, pure and unit-tested: the worker entry only forwards messages here.
 */
import { DEFAULT_MAX_SNAP_DISTANCE, StreetGraph, buildSnapIndex, computeIsochrone, prepareBarriers, shortestRoute, type PreparedBarriers, type SnapIndex } from '$lib/graph';
import { pointCosts, snapPoints, type SnappedPoints } from '$lib/graph/amenity-reach';
import { FULL_NETWORK_WALK, type OffStreetWalk } from '$lib/graph/off-street';
import { evaluateLifeCircle } from '$lib/geo/life-circle';
import { metresPerMinute } from '$lib/geo/walking';
import type { AmenityCollection } from '$lib/data/amenities';
import type { GraphSummary, InitParams, IsochroneParams, IsochroneReply, LifeCircleBandProperties, RequestName, Requests, RouteLeg, RouteParams, RouteReply } from './protocol';

interface Loaded {
	graph: StreetGraph;
	index: SnapIndex;
	barriers: PreparedBarriers | null;
	amenities: AmenityCollection;
	coverage: InitParams['coverage'];
	/** Every amenity point snapped to the streets once, for walking times to them. */
	snappedAmenities: SnappedPoints;
	/** Scratch: walking metres per amenity. */
	amenityMetres: Float64Array;
	walk: OffStreetWalk;
}

export type Handlers = { [K in RequestName]: (params: Requests[K][0]) => Requests[K][1] };

export function createHandlers(now: () => number = () => performance.now()): Handlers {
	let loaded: Loaded | null = null;

	function init(params: InitParams): GraphSummary {
		const started = now();
		const graph = StreetGraph.fromBuffer(params.graph);
		const index = buildSnapIndex(graph);
		const barriers = params.barriers ? prepareBarriers(graph.projection, params.barriers) : null;
		const points = params.amenities.features.map((f) =>
			f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates
		);
		const walk = params.walk ?? FULL_NETWORK_WALK;
		// An amenity counts as reachable when the off-street walk reaches it, so snap at least that far.
		const snappedAmenities = snapPoints(graph, index, points, Math.max(DEFAULT_MAX_SNAP_DISTANCE, walk.maxMetres));
		loaded = {
			graph,
			index,
			barriers,
			amenities: params.amenities,
			coverage: params.coverage,
			snappedAmenities,
			amenityMetres: new Float64Array(points.length),
			walk
		};
		return { nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, loadMs: now() - started };
	}

	function isochrone(params: IsochroneParams): IsochroneReply {
		if (!loaded) throw new Error('isochrone: the street graph is not loaded yet (send "init" first)');
		const result = computeIsochrone(loaded.graph, loaded.index, {
			origin: params.origin,
			minutes: params.minutes,
			speedKmh: params.speedKmh,
			barriers: loaded.barriers,
			includeStreets: params.includeStreets,
			// the amenities' off-street walk is charged the same way (graph/amenity-reach.ts)
			offStreetDetour: loaded.walk.detour,
			maxOffStreet: loaded.walk.maxMetres
		});
		if (!result.ok) {
			return {
				ok: false,
				reason: result.reason,
				message: result.message,
				radius: DEFAULT_MAX_SNAP_DISTANCE,
				nearestDistance: Number.isFinite(result.nearestDistance) ? result.nearestDistance : undefined
			};
		}
		const perMinute = metresPerMinute(result.speedKmh);
		// The straight-line circle of each band's walking distance, once, for every reader of the reply.
		const bands = {
			type: 'FeatureCollection' as const,
			features: result.bands.features.map((band) => {
				const radius = band.properties.minutes * perMinute;
				const circle_m2 = Math.PI * radius * radius;
				const properties: LifeCircleBandProperties = { ...band.properties, circle_m2, circle_ratio: band.properties.area_m2 / circle_m2 };
				return { ...band, properties };
			})
		};
		const metres = pointCosts(loaded.snappedAmenities, result.snapped, result.reached, loaded.walk.detour, loaded.amenityMetres);
		const minutes = Array.from(metres, (m) => m / perMinute);
		return {
			ok: true,
			origin: result.origin,
			snapped: { point: result.snapped.point, distance: result.snapped.distance },
			minutes: result.minutes,
			speedKmh: result.speedKmh,
			bands,
			reachedStreets: result.reachedStreets,
			checklist: evaluateLifeCircle(bands, loaded.amenities, loaded.coverage, minutes),
			timings: result.timings
		};
	}

	/** The walk along the streets for each leg of a measured path; a leg without one says why. */
	function route(params: RouteParams): RouteReply {
		if (!loaded) throw new Error('route: the street graph is not loaded yet (send "init" first)');
		const { graph, index } = loaded;
		const legs: RouteLeg[] = [];
		const unsnapped = new Map<number, number | undefined>();
		for (let i = 1; i < params.points.length; i++) {
			const leg = shortestRoute(graph, index, params.points[i - 1], params.points[i]);
			if (leg.ok) legs.push({ ok: true, coordinates: leg.coordinates, metres: leg.metres });
			else if (leg.reason === 'no-route') legs.push({ ok: false, reason: 'no-route' });
			else {
				legs.push({ ok: false, reason: 'no-walkable-street' });
				for (const [end, at] of [[leg.from, i - 1], [leg.to, i]] as const) {
					if (!end.ok) unsnapped.set(at, Number.isFinite(end.nearestDistance) ? end.nearestDistance : undefined);
				}
			}
		}
		return {
			legs,
			unsnapped: [...unsnapped].sort(([a], [b]) => a - b).map(([index, nearestDistance]) => (nearestDistance === undefined ? { index } : { index, nearestDistance })),
			radius: DEFAULT_MAX_SNAP_DISTANCE
		};
	}

	return { init, isochrone, route };
}
