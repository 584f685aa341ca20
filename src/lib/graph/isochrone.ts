/**
 * Walking isochrones on the street graph, stage by stage (each stage is its own module):
 *
 * 1. options (isochrone-options.ts): defaults and validation, band limits in metres.
 * 2. origin (snap.ts, origin.ts): the origin snaps to the nearest walkable segment and splits it;
 *    the search starts from both ends with the along-edge distance as their start cost. Cost is 0 at
 *    the snapped point (the straight walk from the clicked point to the street is reported, not
 *    charged).
 * 3. search (dijkstra.ts): bounded Dijkstra settles every node within the largest band's distance.
 * 4. reached pieces (reached-pieces.ts → pieces.ts): every reached street stretch, partial edges
 *    clipped at the limit, in one piece buffer with one accessor.
 * 5. cost grid (cost-grid.ts, chamfer.ts): every piece is sampled every half cell with its
 *    interpolated network cost and stamped into a grid of ~25 m cells (cost + the off-street walk
 *    from the sample to the cell centre). A chamfer distance transform then spreads an off-street
 *    walk from the streets: cost + distance × `offStreetDetour`, at most `maxOffStreet` metres of
 *    off-street walking and never past the limit. It never enters or leaves a blocked (barrier)
 *    cell (barriers.ts), which is how a creek without a bridge stays unreached.
 * 6. bands (contour.ts): marching squares on the cost grid, one threshold per band, so the bands
 *    nest by construction (5 ⊂ 10 ⊂ 15).
 * 7. streets (reached-streets.ts): the reached pieces as LineStrings with their walking time.
 *
 * Stability: the grid is aligned to a lattice of cell-size multiples, samples sit on a lattice along
 * each edge, and each band is contoured with values clamped just past its own limit. So a band does
 * not depend on which larger bands were asked for, and more minutes never shrink anything (checked
 * by validate.ts on every fixture and on random graphs).
 *
 * Guarantee used by the tests: every cell's cost is ≥ its straight-line distance from the snapped
 * point (graph edges are at least as long as their chords and off-street walking is ≥ 1× distance),
 * so every band lies within the circle of its walking distance plus about one cell.
 */
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { spreadOffStreet } from './chamfer';
import { contourBands, type BandArea, type BandProperties } from './contour';
import { CostGrid, fitGrid, maskBarriers, preparedBarriersFor, stampStreets } from './cost-grid';
import { BoundedDijkstra } from './dijkstra';
import { resolveIsochroneOptions, type IsochroneOptions } from './isochrone-options';
import { originSeeds } from './origin';
import { PieceBuffer } from './pieces';
import { collectPieces } from './reached-pieces';
import { reachedStreetFeatures, type ReachedStreetProperties } from './reached-streets';
import { snapToGraph, type SnapHit, type SnapIndex } from './snap';
import type { StreetGraph } from './street-graph';

export type { IsochroneOptions } from './isochrone-options';
export type { BandArea, BandProperties } from './contour';
export type { ReachedStreetProperties } from './reached-streets';

/** Time spent in each stage, milliseconds. */
export interface IsochroneTimings {
	snapMs: number;
	dijkstraMs: number;
	bandMs: number;
	streetsMs: number;
	totalMs: number;
}

/** A computed isochrone. */
export interface IsochroneSuccess {
	ok: true;
	/** The origin as given. */
	origin: [number, number];
	/** Where it snapped on the street network. */
	snapped: SnapHit;
	/** Band limits used, ascending. */
	minutes: number[];
	speedKmh: number;
	/** One feature per band, LARGEST FIRST (so inner bands paint on top in a fill layer). */
	bands: FeatureCollection<Polygon | MultiPolygon, BandProperties>;
	/** Reached street pieces, clipped at the largest limit. Empty when `includeStreets` is false. */
	reachedStreets: FeatureCollection<LineString, ReachedStreetProperties>;
	/** Band areas, ascending minutes. */
	areas: BandArea[];
	/** Settled nodes (copy) and their network cost in metres. */
	reached: { nodes: Uint32Array; costs: Float64Array };
	/** The grid the bands were contoured on (cell size may exceed the requested one). */
	grid: { cellSize: number; width: number; height: number; minX: number; minY: number };
	/** With `keepCost`: the spread cost grid, metres per cell (Infinity unreached), over `grid`. */
	cost?: Float64Array;
	timings: IsochroneTimings;
}

/** Why no isochrone could be computed. */
export interface IsochroneFailure {
	ok: false;
	reason: 'no-walkable-street';
	/** A sentence for the UI. */
	message: string;
	/** Distance from the origin to the nearest street, metres. */
	nearestDistance: number;
}

export type IsochroneResult = IsochroneSuccess | IsochroneFailure;

const now: () => number =
	typeof performance !== 'undefined' && typeof performance.now === 'function'
		? () => performance.now()
		: () => Date.now();

/** Per-graph scratch, reused across calls so the hot path does not allocate typed arrays. */
interface Scratch {
	search: BoundedDijkstra;
	pieces: PieceBuffer;
	grid: CostGrid;
}
const scratch = new WeakMap<StreetGraph, Scratch>();

function scratchFor(graph: StreetGraph): Scratch {
	let s = scratch.get(graph);
	if (!s) {
		s = { search: new BoundedDijkstra(graph), pieces: new PieceBuffer(), grid: new CostGrid() };
		scratch.set(graph, s);
	}
	return s;
}

/**
 * Compute walking isochrone bands around a point.
 *
 * @param {StreetGraph} graph the street graph
 * @param {SnapIndex} index its snapping index ({@link buildSnapIndex})
 * @param {IsochroneOptions} options
 *   - `origin` [lon, lat] (required)
 *   - `minutes` band limits, 1–60 min each (default [5, 10, 15])
 *   - `speedKmh` walking speed, 0.5–10 km/h (default 4.0)
 *   - `cellSize` grid cell, metres (default 25)
 *   - `offStreetDetour` off-street cost factor (default 1.3)
 *   - `maxOffStreet` longest off-street walk, metres (default 120)
 *   - `maxSnapDistance` metres (default 250)
 *   - `barriers` GeoJSON lines/polygons not to be crossed off-street (default none)
 *   - `includeStreets` build reachedStreets (default true)
 *   - `avoidEdges` per edge, non-zero = not walked (default null)
 *   - `keepCost` return the cost grid (default false)
 * @returns {IsochroneResult} `{ ok: true, snapped, bands, reachedStreets, areas, timings, … }` or
 *   `{ ok: false, reason: 'no-walkable-street', message, nearestDistance }`
 * @throws {Error} on invalid options (bad origin, minutes out of 1–60, speed out of 0.5–10 km/h, …)
 * @example
 * const graph = StreetGraph.fromBuffer(buffer);
 * const index = buildSnapIndex(graph);
 * const iso = computeIsochrone(graph, index, { origin: [121.4183, 31.2219], minutes: [5, 10, 15] });
 * if (iso.ok) map.getSource('isochrone').setData(iso.bands);
 * else showMessage(iso.message);
 */
export function computeIsochrone(
	graph: StreetGraph,
	index: SnapIndex,
	options: IsochroneOptions
): IsochroneResult {
	const t0 = now();
	const opts = resolveIsochroneOptions(options);
	if (index.graph !== graph) throw new Error('computeIsochrone: the snap index was built for another graph');
	const { origin, minutes, limits, T, detour } = opts;
	const { search, pieces, grid } = scratchFor(graph);

	const snap = snapToGraph(graph, index, origin, opts.maxSnapDistance);
	const t1 = now();
	if (!snap.ok) {
		return { ok: false, reason: snap.reason, message: snap.message, nearestDistance: snap.nearestDistance };
	}

	const seeds = originSeeds(snap);
	if (opts.avoidEdges !== null && opts.avoidEdges.length !== graph.edgeCount) {
		throw new Error(`computeIsochrone: avoidEdges has ${opts.avoidEdges.length} entries, the graph ${graph.edgeCount} edges`);
	}
	const count = search.run(seeds.nodes, seeds.costs, T, opts.avoidEdges);
	const t2 = now();

	const box = collectPieces(graph, search, snap, T, pieces, opts.avoidEdges);
	const frame = fitGrid(box, opts.cellSize, opts.maxOffStreet, opts.maxCells);
	grid.reset(frame);
	const hasBarriers = !!opts.barriers && maskBarriers(grid, frame, preparedBarriersFor(graph, opts.barriers));
	stampStreets(grid, frame, graph, pieces, snap, T, detour);
	// values beyond the largest limit only shape the outer contour
	const cap = T + detour * frame.cs;
	spreadOffStreet(
		grid.cost,
		grid.off,
		hasBarriers ? grid.blocked : null,
		frame.width,
		frame.height,
		frame.cs,
		detour,
		opts.maxOffStreet,
		cap,
		hasBarriers ? 4 : 2
	);
	const bands = contourBands(grid, frame, minutes, limits, detour, graph.projection);
	const cost = opts.keepCost ? grid.cost.slice(0, frame.width * frame.height) : undefined;
	const t3 = now();

	const streets = opts.includeStreets ? reachedStreetFeatures(graph, pieces, minutes, limits, opts.mpm) : [];
	const t4 = now();

	const { order, dist } = search;
	const nodes = order.slice(0, count);
	const costs = new Float64Array(count);
	for (let i = 0; i < count; i++) costs[i] = dist[nodes[i]];
	return {
		ok: true,
		origin,
		snapped: snap,
		minutes,
		speedKmh: opts.speedKmh,
		bands: { type: 'FeatureCollection', features: bands.features },
		reachedStreets: { type: 'FeatureCollection', features: streets },
		areas: bands.areas,
		reached: { nodes, costs },
		grid: { cellSize: frame.cs, width: frame.width, height: frame.height, minX: frame.minX, minY: frame.minY },
		...(cost ? { cost } : {}),
		timings: {
			snapMs: t1 - t0,
			dijkstraMs: t2 - t1,
			bandMs: t3 - t2,
			streetsMs: t4 - t3,
			totalMs: t4 - t0
		}
	};
}
