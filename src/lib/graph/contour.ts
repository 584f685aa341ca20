/**
 * Banding: marching squares (marching-squares.ts, d3-contour's algorithm) on the negated cost grid at −limit gives, for every band,
 * the region whose cost is ≤ the limit. One grid, several thresholds: the bands nest by
 * construction (5 ⊂ 10 ⊂ 15), with no buffering or polygon union. Areas are shoelace areas in the
 * local metre projection (see geo/projection.ts for its error, ≤ 0.1 % in the district).
 *
 * Marching squares puts grid value (x, y) at (x + 0.5, y + 0.5): the centre of cell (x, y), as stamped.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { contourPolygons } from './marching-squares';
import type { LocalProjection } from '../geo/projection';
import type { CostGrid, GridFrame } from './cost-grid';

/** Properties of a band polygon. */
export interface BandProperties {
	/** Band limit, minutes. */
	minutes: number;
	/** Walking distance of the limit, metres. */
	distance_m: number;
	/** Area of the band (holes excluded), m², rounded to 1 m². */
	area_m2: number;
}

/** Area of one band and how it compares with the straight-line circle of the same distance. */
export interface BandArea {
	minutes: number;
	area_m2: number;
	/** area_m2 / (π · distance²); about 0.6 on a street grid. */
	circle_ratio: number;
}

/** Rings under 0.01 cell² (twice-area 0.02) are slivers. */
const MIN_RING_AREA2 = 0.02;

/** A window of grid cells, inclusive bounds; empty when x1 < 0. */
export interface CellWindow {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/**
 * Bounding box (in cells) of each band: the cells whose cost is within its limit. Contouring only
 * that window plus a one-cell margin spares the 5-minute band a scan of the 15-minute grid (≈ 2×
 * less marching-squares work).
 *
 * @param {Float64Array} cost the cost grid
 * @param {GridFrame} frame its size
 * @param {readonly number[]} limits band limits, metres, ascending
 * @returns {CellWindow[]} one window per band, each containing the previous
 */
export function bandWindows(cost: Float64Array, frame: GridFrame, limits: readonly number[]): CellWindow[] {
	const { width, height } = frame;
	const nb = limits.length;
	const T = limits[nb - 1];
	const bx0 = new Int32Array(nb).fill(width);
	const by0 = new Int32Array(nb).fill(height);
	const bx1 = new Int32Array(nb).fill(-1);
	const by1 = new Int32Array(nb).fill(-1);
	for (let y = 0; y < height; y++) {
		const row = y * width;
		for (let x = 0; x < width; x++) {
			const c = cost[row + x];
			if (c > T) continue;
			let b = 0;
			while (limits[b] < c) b++;
			if (x < bx0[b]) bx0[b] = x;
			if (x > bx1[b]) bx1[b] = x;
			if (y < by0[b]) by0[b] = y;
			if (y > by1[b]) by1[b] = y;
		}
	}
	for (let b = 1; b < nb; b++) {
		bx0[b] = Math.min(bx0[b], bx0[b - 1]);
		by0[b] = Math.min(by0[b], by0[b - 1]);
		bx1[b] = Math.max(bx1[b], bx1[b - 1]);
		by1[b] = Math.max(by1[b], by1[b - 1]);
	}
	return Array.from({ length: nb }, (_, b) => ({ x0: bx0[b], y0: by0[b], x1: bx1[b], y1: by1[b] }));
}

/**
 * Contour one band: the region of the grid whose cost is ≤ `limit`, as lon/lat polygons with
 * exteriors counter-clockwise and holes clockwise (RFC 7946 §3.1.6), slivers dropped.
 *
 * Costs are clamped at one cell's walk past THIS band's limit, so the outline of a band depends only
 * on costs near it, not on the largest band asked for: a band is the same (or larger) whatever comes
 * with it.
 *
 * @param {CostGrid} grid the cost grid (its `values` is used as scratch)
 * @param {GridFrame} frame the grid's place and size
 * @param {CellWindow} win the band's cells ({@link bandWindows})
 * @param {number} limit the band limit, metres
 * @param {number} clamp costs above this are drawn as this (limit + detour · cell)
 * @param {LocalProjection} proj the graph's projection
 * @returns {{ polygons: Position[][][]; area_m2: number }} the polygons and their area, m² (holes
 *   excluded, rounded to 1 m²)
 */
export function contourBand(
	grid: CostGrid,
	frame: GridFrame,
	win: CellWindow,
	limit: number,
	clamp: number,
	proj: LocalProjection
): { polygons: Position[][][]; area_m2: number } {
	const { cs, width, height, minX: gMinX, minY: gMinY } = frame;
	const { cost, values } = grid;
	const polys: Position[][][] = [];
	let area2 = 0; // twice the area, grid units²
	if (win.x1 < 0) return { polygons: polys, area_m2: 0 };
	// the window, one cell wider than the band on every side (the grid's padding allows it)
	const wx0 = Math.max(0, win.x0 - 1);
	const wy0 = Math.max(0, win.y0 - 1);
	const ww = Math.min(width - 1, win.x1 + 1) - wx0 + 1;
	const wh = Math.min(height - 1, win.y1 + 1) - wy0 + 1;
	// negate for marching squares: polygons of value ≥ threshold ⇔ cost ≤ limit
	for (let y = 0; y < wh; y++) {
		const src = (wy0 + y) * width + wx0;
		const dst = y * ww;
		for (let x = 0; x < ww; x++) {
			const c = cost[src + x];
			values[dst + x] = c < clamp ? -c : -clamp;
		}
	}
	const coordinates = contourPolygons(values, ww, wh, -limit);
	const kx = proj.metresPerDegreeLon;
	const ky = proj.metresPerDegreeLat;
	const sx = cs / kx;
	const sy = cs / ky;
	const lon0 = proj.refLon + (gMinX + wx0 * cs) / kx;
	const lat0 = proj.refLat + (gMinY + wy0 * cs) / ky;
	for (const poly of coordinates) {
		const rings: Position[][] = [];
		for (let r = 0; r < poly.length; r++) {
			const ring = poly[r];
			const n = ring.length;
			// twice the signed area in grid units, relative to the first vertex for precision
			const x0 = ring[0][0];
			const y0 = ring[0][1];
			let a = 0;
			for (let k = 1; k + 1 < n; k++) {
				a += (ring[k][0] - x0) * (ring[k + 1][1] - y0) - (ring[k + 1][0] - x0) * (ring[k][1] - y0);
			}
			// interpolation can pinch off slivers of (near) zero area: invisible, and their
			// orientation is numerically meaningless, so drop them (an exterior takes its holes)
			if (Math.abs(a) < MIN_RING_AREA2) {
				if (r === 0) break;
				continue;
			}
			// marching-squares rings are clockwise for exteriors once y points north: reverse them so
			// exteriors are counter-clockwise as RFC 7946 §3.1.6 asks
			const out: Position[] = new Array(n);
			for (let k = 0; k < n; k++) {
				const p = ring[k];
				out[n - 1 - k] = [lon0 + p[0] * sx, lat0 + p[1] * sy];
			}
			area2 += a;
			rings.push(out);
		}
		if (rings.length > 0) polys.push(rings);
	}
	return { polygons: polys, area_m2: Math.round((Math.abs(area2) / 2) * cs * cs) };
}

/**
 * Every band as a feature, LARGEST FIRST (so inner bands paint on top in a fill layer), and their
 * areas, ascending.
 *
 * @param {CostGrid} grid the spread cost grid
 * @param {GridFrame} frame its place and size
 * @param {readonly number[]} minutes band limits, minutes, ascending
 * @param {readonly number[]} limits the same in metres
 * @param {number} detour off-street cost factor (sets the clamp, one cell's walk past a limit)
 * @param {LocalProjection} proj the graph's projection
 */
export function contourBands(
	grid: CostGrid,
	frame: GridFrame,
	minutes: readonly number[],
	limits: readonly number[],
	detour: number,
	proj: LocalProjection
): { features: Feature<Polygon | MultiPolygon, BandProperties>[]; areas: BandArea[] } {
	const windows = bandWindows(grid.cost, frame, limits);
	const features: Feature<Polygon | MultiPolygon, BandProperties>[] = [];
	const areas: BandArea[] = [];
	for (let b = 0; b < limits.length; b++) {
		const { polygons, area_m2 } = contourBand(grid, frame, windows[b], limits[b], limits[b] + detour * frame.cs, proj);
		areas.push({ minutes: minutes[b], area_m2, circle_ratio: area_m2 / (Math.PI * limits[b] * limits[b]) });
		features.push({
			type: 'Feature',
			properties: { minutes: minutes[b], distance_m: Math.round(limits[b] * 100) / 100, area_m2 },
			geometry:
				polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }
		});
	}
	features.reverse();
	return { features, areas };
}
