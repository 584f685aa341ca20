/**
 * Several origins at once: each origin's isochrone as usual, and their union per band.
 *
 * The union is taken on the cost grids, not on the polygons: every grid is aligned to the same
 * lattice of cell-size multiples (cost-grid.ts `fitGrid`), so the grids of two origins share cells,
 * and the merged grid holds per cell the cheaper of the origins' costs. Contouring that grid gives,
 * per band, the region within the limit from the nearest origin — the union of the single bands,
 * with no polygon clipping. Every single band lies inside the merged one (the minimum is never
 * above an origin's own cost; tests/unit/graph/isochrone-merge.test.ts checks it on random graphs).
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { contourBands, type BandArea, type BandProperties } from './contour';
import { CostGrid, type GridFrame } from './cost-grid';
import { computeIsochrone, type IsochroneOptions, type IsochroneResult, type IsochroneSuccess } from './isochrone';
import { resolveIsochroneOptions } from './isochrone-options';
import type { SnapIndex } from './snap';
import type { StreetGraph } from './street-graph';

/** Most origins one request takes. */
export const MAX_ORIGINS = 8;

/** The union of several origins' bands. */
export interface MergedBands {
	/** One feature per band, LARGEST FIRST, as in a single isochrone. */
	bands: Feature<Polygon | MultiPolygon, BandProperties>[];
	/** Band areas, ascending minutes. */
	areas: BandArea[];
	/** The merged grid's place. */
	frame: GridFrame;
	/** The merged cost per cell, metres (the cheapest origin's). */
	cost: Float64Array;
}

/** Several origins' isochrones and their union. */
export interface MultiIsochrone {
	/** One result per origin, in the order given. */
	parts: IsochroneResult[];
	/** The union per band of the parts that reached a street; null when none did. */
	merged: MergedBands | null;
}

/**
 * The cheapest cost per cell over the parts' cost grids, on one frame covering them all.
 *
 * @param {readonly IsochroneSuccess[]} parts isochrones computed with `keepCost`, on the same cell size
 * @returns {{ frame: GridFrame; grid: CostGrid }} the merged grid
 * @throws {Error} when a part has no cost grid or the cell sizes differ
 */
export function mergeCostGrids(parts: readonly IsochroneSuccess[]): { frame: GridFrame; grid: CostGrid } {
	if (parts.length === 0) throw new Error('mergeCostGrids: no isochrone to merge');
	const cs = parts[0].grid.cellSize;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const p of parts) {
		if (!p.cost) throw new Error('mergeCostGrids: compute each isochrone with keepCost: true');
		if (p.grid.cellSize !== cs) throw new Error(`mergeCostGrids: cell sizes differ (${cs} m and ${p.grid.cellSize} m)`);
		minX = Math.min(minX, p.grid.minX);
		minY = Math.min(minY, p.grid.minY);
		maxX = Math.max(maxX, p.grid.minX + p.grid.width * cs);
		maxY = Math.max(maxY, p.grid.minY + p.grid.height * cs);
	}
	const frame: GridFrame = { cs, minX, minY, width: Math.round((maxX - minX) / cs), height: Math.round((maxY - minY) / cs) };
	const grid = new CostGrid();
	grid.reset(frame);
	const out = grid.cost;
	for (const p of parts) {
		const cost = p.cost!;
		const { width, height } = p.grid;
		// the lattice is shared, so the offsets are whole cells
		const ox = Math.round((p.grid.minX - minX) / cs);
		const oy = Math.round((p.grid.minY - minY) / cs);
		for (let y = 0; y < height; y++) {
			const from = y * width;
			const to = (y + oy) * frame.width + ox;
			for (let x = 0; x < width; x++) {
				const c = cost[from + x];
				if (c < out[to + x]) out[to + x] = c;
			}
		}
	}
	return { frame, grid };
}

/**
 * Isochrones from several origins, and their union per band.
 *
 * @param {StreetGraph} graph the street graph
 * @param {SnapIndex} index its snapping index
 * @param {readonly (readonly number[])[]} origins 1–{@link MAX_ORIGINS} points [lon, lat]
 * @param {Omit<IsochroneOptions, 'origin' | 'keepCost'>} options as for `computeIsochrone`, shared by every origin
 * @returns {MultiIsochrone} each origin's result (as `computeIsochrone` gives it, with its cost grid) and the union
 * @throws {Error} on no origin, more than {@link MAX_ORIGINS}, or invalid options
 * @example
 * const { parts, merged } = computeMultiIsochrone(graph, index, [[121.41, 31.21], [121.42, 31.22]], { minutes: [5, 10, 15] });
 */
export function computeMultiIsochrone(
	graph: StreetGraph,
	index: SnapIndex,
	origins: readonly (readonly number[])[],
	options: Omit<IsochroneOptions, 'origin' | 'keepCost'> = {}
): MultiIsochrone {
	if (!Array.isArray(origins) || origins.length === 0 || origins.length > MAX_ORIGINS) {
		throw new Error(`computeMultiIsochrone: give 1–${MAX_ORIGINS} origins, got ${Array.isArray(origins) ? origins.length : String(origins)}`);
	}
	let parts = origins.map((origin) => computeIsochrone(graph, index, { ...options, origin, keepCost: true }));
	const sizes = new Set(parts.filter((p) => p.ok).map((p) => (p as IsochroneSuccess).grid.cellSize));
	if (sizes.size > 1) {
		// A grid grew past maxCells for one origin: walk them all again on its (coarser) cell.
		const cellSize = Math.min(200, Math.max(...sizes));
		parts = origins.map((origin) => computeIsochrone(graph, index, { ...options, origin, keepCost: true, cellSize, maxCells: Number.MAX_SAFE_INTEGER }));
	}
	const ok = parts.filter((p): p is IsochroneSuccess => p.ok);
	if (ok.length === 0) return { parts, merged: null };
	const opts = resolveIsochroneOptions({ ...options, origin: origins[0] });
	const { frame, grid } = mergeCostGrids(ok);
	const { features, areas } = contourBands(grid, frame, opts.minutes, opts.limits, opts.detour, graph.projection);
	return { parts, merged: { bands: features, areas, frame, cost: grid.cost.slice(0, frame.width * frame.height) } };
}
