/**
 * The worker's logic, pure and unit-tested: the worker entry only forwards messages here.
 */
import { StreetGraph } from '$lib/graph/street-graph';
import { DEFAULT_MAX_SNAP_DISTANCE, buildSnapIndex, type SnapIndex } from '$lib/graph/snap';
import { computeIsochrone } from '$lib/graph/isochrone';
import { prepareBarriers, type PreparedBarriers } from '$lib/graph/barriers';
import { evaluateLifeCircle } from '$lib/geo/life-circle';
import type { AmenityCollection } from '$lib/data/amenities';
import type { GraphSummary, InitParams, IsochroneParams, IsochroneReply, RequestName, Requests } from './protocol';

interface Loaded {
	graph: StreetGraph;
	index: SnapIndex;
	barriers: PreparedBarriers | null;
	amenities: AmenityCollection;
	coverage: InitParams['coverage'];
}

export type Handlers = { [K in RequestName]: (params: Requests[K][0]) => Requests[K][1] };

export function createHandlers(now: () => number = () => performance.now()): Handlers {
	let loaded: Loaded | null = null;

	function init(params: InitParams): GraphSummary {
		const started = now();
		const graph = StreetGraph.fromBuffer(params.graph);
		const index = buildSnapIndex(graph);
		const barriers = params.barriers ? prepareBarriers(graph.projection, params.barriers) : null;
		loaded = { graph, index, barriers, amenities: params.amenities, coverage: params.coverage };
		return { nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, loadMs: now() - started };
	}

	function isochrone(params: IsochroneParams): IsochroneReply {
		if (!loaded) throw new Error('isochrone: the street graph is not loaded yet (send "init" first)');
		const result = computeIsochrone(loaded.graph, loaded.index, {
			origin: params.origin,
			minutes: params.minutes,
			speedKmh: params.speedKmh,
			barriers: loaded.barriers,
			includeStreets: params.includeStreets
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
		return {
			ok: true,
			origin: result.origin,
			snapped: { point: result.snapped.point, distance: result.snapped.distance },
			minutes: result.minutes,
			speedKmh: result.speedKmh,
			bands: result.bands,
			reachedStreets: result.reachedStreets,
			areas: result.areas,
			checklist: evaluateLifeCircle(result.bands, loaded.amenities, loaded.coverage),
			timings: result.timings
		};
	}

	return { init, isochrone };
}
