/**
 * The pure isochrone engine, one import for the worker:
 *
 * ```ts
 * import { StreetGraph, buildSnapIndex, computeIsochrone } from '$lib/graph';
 * const graph = StreetGraph.fromBuffer(buffer); // transferred ArrayBuffer of streets.graph.bin
 * const index = buildSnapIndex(graph); // once per graph
 * const result = computeIsochrone(graph, index, { origin, minutes: [5, 10, 15], speedKmh: 4 });
 * const walk = shortestRoute(graph, index, from, to); // along the streets, with its polyline
 * ```
 *
 * No svelte, maplibre-gl, DOM or node: imports anywhere under src/lib/graph.
 */
export {
	GRAPH_FORMAT_VERSION,
	GRAPH_MAGIC,
	NO_WAY,
	StreetGraph,
	buildStreetGraph,
	buildSyntheticGraph,
	connectedComponents,
	type BuildStreetGraphOptions,
	type SyntheticGraphOptions
} from './street-graph';
export {
	DEFAULT_MAX_SNAP_DISTANCE,
	SnapIndex,
	buildSnapIndex,
	snapToGraph,
	type SnapHit,
	type SnapMiss,
	type SnapResult
} from './snap';
export { BoundedDijkstra, shortestPathCosts } from './dijkstra';
export {
	computeIsochrone,
	type BandArea,
	type BandProperties,
	type IsochroneFailure,
	type IsochroneOptions,
	type IsochroneResult,
	type IsochroneSuccess,
	type IsochroneTimings,
	type ReachedStreetProperties
} from './isochrone';
export { prepareBarriers, rasteriseBarriers, type BarrierInput, type GridSpec, type PreparedBarriers } from './barriers';
export { FULL_NETWORK_WALK, ROADS_ONLY_WALK, type OffStreetWalk } from './off-street';
export { pointCosts, snapPoints, type SnappedPoints } from './amenity-reach';
export { shortestRoute, type RouteFound, type RouteNoPath, type RouteNoStreet, type RouteOptions, type RouteResult } from './route';
export { validateIsochrone, inMultiPolygon, signedArea, type ValidateOptions } from './validate';
export { mulberry32, randomInt } from './random';
