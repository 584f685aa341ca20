/**
 * The cost grid the bands are contoured from: cells of ~25 m over the reached box, each holding the
 * cheapest walking cost to its centre (metres) and how much of that walk was off-street.
 *
 * Here: fitting the grid to the reached pieces, masking barrier cells, and stamping the streets
 * (every reached piece sampled every half cell, plus the snapped point at cost 0). The off-street
 * spread that fills the rest is chamfer.ts.
 */
import { prepareBarriers, rasteriseBarriers, type BarrierInput, type PreparedBarriers } from './barriers';
import { emptyPiece, pieceCost, type PieceBuffer } from './pieces';
import type { MetreBox } from './reached-pieces';
import type { SnapHit } from './snap';
import type { StreetGraph } from './street-graph';

/** Where a grid lies: cell (0, 0) has its south-west corner at (minX, minY), metres. */
export interface GridFrame {
	/** Cell side, metres. */
	cs: number;
	minX: number;
	minY: number;
	width: number;
	height: number;
}

/** Per-graph grid scratch, grown on demand and reused across calls. */
export class CostGrid {
	/** Cost per cell, metres (Infinity = unreached); row-major, `width` cells a row. */
	cost = new Float64Array(0);
	/** Off-street metres of each cell's cost. */
	off = new Float32Array(0);
	/** 1 = barrier cell (only meaningful when the last mask reported barriers). */
	blocked = new Uint8Array(0);
	/** Scratch for the contouring stage. */
	values = new Float64Array(0);

	/** Make room for the frame's cells and clear them: every cost Infinity, every off-street walk 0. */
	reset(frame: GridFrame): void {
		const cells = frame.width * frame.height;
		if (this.cost.length < cells) {
			const c = Math.max(cells, this.cost.length * 2);
			this.cost = new Float64Array(c);
			this.values = new Float64Array(c);
			this.off = new Float32Array(c);
			this.blocked = new Uint8Array(c);
		}
		this.cost.fill(Infinity, 0, cells);
		this.off.fill(0, 0, cells);
	}
}

/**
 * The smallest lattice-aligned grid around the reached box, padded for the off-street spread.
 *
 * The grid is aligned to multiples of the cell size in projection metres, so two queries share
 * cells: the 5-minute band is the same whether 15 or 20 is the largest, and a dragged origin does
 * not make the outline shimmer. Too many cells → the cell grows in steps of 1.25×.
 *
 * @param {MetreBox} box the reached box, metres
 * @param {number} cellSize requested cell side, metres
 * @param {number} maxOff longest off-street walk, metres (the padding)
 * @param {number} maxCells largest grid, in cells
 * @returns {GridFrame} the grid
 * @throws {Error} on a non-finite box (a corrupt graph)
 */
export function fitGrid(box: MetreBox, cellSize: number, maxOff: number, maxCells: number): GridFrame {
	const { minX, minY, maxX, maxY } = box;
	// A graph from StreetGraph.fromBuffer or the builders has finite coordinates, so the box is
	// finite and the loop below ends (each step shrinks the cell count ≈ 1.56×). Say so if not,
	// instead of growing the cell forever on NaN.
	if (!Number.isFinite(minX) || !Number.isFinite(minY) || !Number.isFinite(maxX) || !Number.isFinite(maxY)) {
		throw new Error('computeIsochrone: the reached streets have non-finite coordinates (corrupt graph?)');
	}
	let cs = cellSize;
	for (;;) {
		const pad = maxOff + 2 * cs;
		const gMinX = Math.floor((minX - pad) / cs) * cs;
		const gMinY = Math.floor((minY - pad) / cs) * cs;
		const width = Math.ceil((maxX + pad - gMinX) / cs) + 1;
		const height = Math.ceil((maxY + pad - gMinY) / cs) + 1;
		if (width * height <= maxCells) return { cs, minX: gMinX, minY: gMinY, width, height };
		cs *= 1.25;
	}
}

const preparedCache = new WeakMap<object, PreparedBarriers>();

function isPrepared(b: unknown): b is PreparedBarriers {
	return typeof b === 'object' && b !== null && (b as PreparedBarriers).segments instanceof Float64Array;
}

/**
 * Barriers projected for `graph`: a {@link PreparedBarriers} as given, GeoJSON projected once per
 * object and projection (WeakMap), so the same object passed on every call costs nothing.
 *
 * @param {StreetGraph} graph the graph whose projection to use
 * @param {BarrierInput | PreparedBarriers} barriers GeoJSON lines/polygons or prepared barriers
 * @returns {PreparedBarriers} the prepared barriers
 */
export function preparedBarriersFor(graph: StreetGraph, barriers: BarrierInput | PreparedBarriers): PreparedBarriers {
	if (isPrepared(barriers)) return barriers;
	const cached = preparedCache.get(barriers as object);
	if (cached && cached.projection === graph.projection) return cached;
	const prepared = prepareBarriers(graph.projection, barriers);
	preparedCache.set(barriers as object, prepared);
	return prepared;
}

/**
 * Mark barrier cells in `grid.blocked` (cleared first).
 *
 * @returns {boolean} whether any cell of the grid is blocked
 */
export function maskBarriers(grid: CostGrid, frame: GridFrame, barriers: PreparedBarriers): boolean {
	const { cs, minX, minY, width, height } = frame;
	grid.blocked.fill(0, 0, width * height);
	return rasteriseBarriers(barriers, { minX, minY, cellSize: cs, width, height }, grid.blocked) > 0;
}

/**
 * Stamp the streets into a cleared grid: samples every half cell along every reached piece, each
 * charging its network cost plus `detour` × the straight walk from the sample to its cell's centre,
 * and the snapped point at cost 0 (plus its walk to its centre). A cell keeps its cheapest stamp.
 *
 * The samples sit on a lattice anchored at the edge's start (spacing L / ⌈L / half-cell⌉), not at
 * the piece's ends, so a larger limit adds samples but never moves the old ones: bands only grow
 * with more minutes.
 *
 * @param {CostGrid} grid the grid scratch, {@link CostGrid.reset} for `frame`
 * @param {GridFrame} frame the grid
 * @param {StreetGraph} graph the graph
 * @param {PieceBuffer} pieces the reached pieces
 * @param {SnapHit} snap the snapped origin
 * @param {number} T the search limit, metres: samples beyond it are skipped
 * @param {number} detour off-street cost factor
 */
export function stampStreets(
	grid: CostGrid,
	frame: GridFrame,
	graph: StreetGraph,
	pieces: PieceBuffer,
	snap: SnapHit,
	T: number,
	detour: number
): void {
	const { cs, minX: gMinX, minY: gMinY, width } = frame;
	const { cost, off } = grid;
	const xy = graph.xy;
	const inv = 1 / cs;
	const half = cs / 2;
	const piece = emptyPiece();
	for (let p = 0; p < pieces.count; p++) {
		const { u, v, L, s0, s1 } = pieces.read(p, piece);
		const ux = (xy[2 * u] - gMinX) * inv;
		const uy = (xy[2 * u + 1] - gMinY) * inv;
		const ddx = L > 0 ? ((xy[2 * v] - xy[2 * u]) * inv) / L : 0;
		const ddy = L > 0 ? ((xy[2 * v + 1] - xy[2 * u + 1]) * inv) / L : 0;
		const n = Math.max(1, Math.ceil(L / half));
		const step = L / n;
		const k0 = Math.max(0, Math.ceil(s0 / step - 1e-9));
		const k1 = Math.min(n, Math.floor(s1 / step + 1e-9));
		for (let k = k0; k <= k1; k++) {
			const s = k === n ? L : k * step;
			const c = pieceCost(piece, s);
			if (c > T) continue;
			const gx = ux + ddx * s;
			const gy = uy + ddy * s;
			const ix = Math.floor(gx);
			const iy = Math.floor(gy);
			const ox = (ix + 0.5 - gx) * cs;
			const oy = (iy + 0.5 - gy) * cs;
			const o = Math.sqrt(ox * ox + oy * oy);
			const cc = c + detour * o;
			const i = iy * width + ix;
			if (cc < cost[i]) {
				cost[i] = cc;
				off[i] = o;
			}
		}
	}
	// and the snapped point itself, at cost 0
	const gx = (xy[2 * snap.u] + snap.t * (xy[2 * snap.v] - xy[2 * snap.u]) - gMinX) * inv;
	const gy = (xy[2 * snap.u + 1] + snap.t * (xy[2 * snap.v + 1] - xy[2 * snap.u + 1]) - gMinY) * inv;
	const ix = Math.floor(gx);
	const iy = Math.floor(gy);
	const o = Math.hypot((ix + 0.5 - gx) * cs, (iy + 0.5 - gy) * cs);
	const i = iy * width + ix;
	if (detour * o < cost[i]) {
		cost[i] = detour * o;
		off[i] = o;
	}
}
