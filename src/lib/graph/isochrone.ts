/**
 * Walking isochrones on the street graph: snap → bounded Dijkstra → cost grid → contour bands.
 *
 * 1. The origin is snapped to the nearest walkable segment and splits it: the search starts from
 *    both endpoints with the along-edge distance as their start cost. Cost is 0 at the snapped point
 *    (the straight walk from the clicked point to the street is reported, not charged).
 * 2. Bounded Dijkstra settles every node within the largest band's distance.
 * 3. Every reached street piece (partial edges clipped at the limit) is sampled every half cell with
 *    its interpolated network cost and stamped into a grid of ~25 m cells (cost + the off-street
 *    walk from the sample to the cell centre). A chamfer distance transform then spreads an
 *    off-street walk from the streets: cost + distance × `offStreetDetour`, at most `maxOffStreet`
 *    metres of off-street walking and never past the limit. It never enters or leaves a blocked
 *    (barrier) cell, which is how a creek without a bridge stays unreached.
 * 4. Marching squares (d3-contour) on the negated cost grid at −limit gives, for every band, the
 *    region whose cost is ≤ the limit. One grid, several thresholds: the bands nest by construction
 *    (5 ⊂ 10 ⊂ 15), with no buffering or polygon union. Areas are shoelace areas in the local metre
 *    projection (see geo/projection.ts for its error, ≤ 0.1 % in the district).
 *
 * Stability: the grid is aligned to a lattice of cell-size multiples, samples sit on a lattice along
 * each edge, and each band is contoured with values clamped just past its own limit. So a band does
 * not depend on which larger bands were asked for, and more minutes never shrink anything (checked
 * by validate.ts on every fixture and on random graphs).
 *
 * Why a chamfer transform and not a Euclidean disk per sample: it costs O(cells) instead of
 * O(samples · disk), and it respects barriers naturally. Its 3×3 metric overestimates Euclidean
 * distance by at most 8 % (octagonal), which only makes the off-street spread slightly smaller.
 *
 * Guarantee used by the tests: every cell's cost is ≥ its straight-line distance from the snapped
 * point (graph edges are at least as long as their chords and off-street walking is ≥ 1× distance),
 * so every band lies within the circle of its walking distance plus about one cell.
 */
import type {
	Feature,
	FeatureCollection,
	LineString,
	MultiPolygon,
	Polygon,
	Position
} from 'geojson';
import { contours } from 'd3-contour';
import {
	DEFAULT_SPEED_KMH,
	assertMinutes,
	assertWalkingSpeed,
	metresPerMinute
} from '../geo/walking';
import { prepareBarriers, rasteriseBarriers, type BarrierInput, type PreparedBarriers } from './barriers';
import { BoundedDijkstra } from './dijkstra';
import { DEFAULT_MAX_SNAP_DISTANCE, snapToGraph, type SnapHit, type SnapIndex } from './snap';
import type { StreetGraph } from './street-graph';

/** Options of {@link computeIsochrone}. */
export interface IsochroneOptions {
	/** Start point, WGS84 [lon, lat]. */
	origin: readonly [number, number] | readonly number[];
	/** Band limits in minutes, each 1–60 (default [5, 10, 15]); sorted and de-duplicated. */
	minutes?: readonly number[];
	/** Walking speed, km/h, 0.5–10 (default 4.0, the Shanghai 1 km / 15 min standard). */
	speedKmh?: number;
	/** Grid cell side in metres, 5–200 (default 25); grown automatically beyond `maxCells`. */
	cellSize?: number;
	/** Cost factor of off-street walking relative to its straight-line distance, 1–3 (default 1.3). */
	offStreetDetour?: number;
	/** Longest off-street walk from a street, metres, 0–500 (default 120). */
	maxOffStreet?: number;
	/** Snapping radius, metres (default 250). */
	maxSnapDistance?: number;
	/**
	 * Lines/polygons the off-street walk may not cross (e.g. the Suzhou Creek polygon of
	 * geodata/water.geojson), WGS84. Projected once per object (WeakMap): pass the same object on
	 * every call and do not mutate it, or pass the result of `prepareBarriers(graph.projection, …)`.
	 */
	barriers?: BarrierInput | PreparedBarriers | null;
	/** Build `reachedStreets` (default true); skip it to save time when only bands are drawn. */
	includeStreets?: boolean;
	/** Largest grid, in cells (default 250 000); the cell size grows to fit. */
	maxCells?: number;
}

/** Properties of a band polygon. */
export interface BandProperties {
	/** Band limit, minutes. */
	minutes: number;
	/** Walking distance of the limit, metres. */
	distance_m: number;
	/** Area of the band (holes excluded), m², rounded to 1 m². */
	area_m2: number;
}

/** Properties of a reached street piece. */
export interface ReachedStreetProperties {
	/** Walking time to the piece's farthest point, minutes (0.01 precision). */
	minutes: number;
	/** Smallest band limit (minutes) containing the whole piece. */
	band: number;
}

/** Area of one band and how it compares with the straight-line circle of the same distance. */
export interface BandArea {
	minutes: number;
	area_m2: number;
	/** area_m2 / (π · distance²); about 0.6 on a street grid. */
	circle_ratio: number;
}

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
class Engine {
	readonly search: BoundedDijkstra;
	/** Reached pieces, stride PIECE: u, v, L, du, dv, sT (NaN unless snapped edge), s0, s1. */
	pieces = new Float64Array(8 * 1024);
	pieceCount = 0;
	cost = new Float64Array(0);
	values = new Float64Array(0);
	off = new Float32Array(0);
	blocked = new Uint8Array(0);
	constructor(graph: StreetGraph) {
		this.search = new BoundedDijkstra(graph);
	}
	ensureGrid(cells: number): void {
		if (this.cost.length < cells) {
			const c = Math.max(cells, this.cost.length * 2);
			this.cost = new Float64Array(c);
			this.values = new Float64Array(c);
			this.off = new Float32Array(c);
			this.blocked = new Uint8Array(c);
		}
	}
	pushPiece(u: number, v: number, L: number, du: number, dv: number, sT: number, s0: number, s1: number): void {
		let p = this.pieces;
		const k = this.pieceCount * PIECE;
		if (k + PIECE > p.length) {
			const bigger = new Float64Array(p.length * 2);
			bigger.set(p);
			this.pieces = p = bigger;
		}
		p[k] = u;
		p[k + 1] = v;
		p[k + 2] = L;
		p[k + 3] = du;
		p[k + 4] = dv;
		p[k + 5] = sT;
		p[k + 6] = s0;
		p[k + 7] = s1;
		this.pieceCount++;
	}
}
const PIECE = 8;
/** Rings under 0.01 cell² (twice-area 0.02) are slivers. */
const MIN_RING_AREA2 = 0.02;

const engines = new WeakMap<StreetGraph, Engine>();
const preparedCache = new WeakMap<object, PreparedBarriers>();

function isPrepared(b: unknown): b is PreparedBarriers {
	return typeof b === 'object' && b !== null && (b as PreparedBarriers).segments instanceof Float64Array;
}

/** Network cost at distance s along an edge (see Engine.pieces). */
function edgeCost(s: number, L: number, du: number, dv: number, sT: number): number {
	let c = du + s;
	const c2 = dv + L - s;
	if (c2 < c) c = c2;
	if (sT === sT) {
		const c3 = s > sT ? s - sT : sT - s;
		if (c3 < c) c = c3;
	}
	return c;
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
	const {
		origin,
		minutes: minutesIn = [5, 10, 15],
		speedKmh = DEFAULT_SPEED_KMH,
		cellSize: requestedCell = 25,
		offStreetDetour: detour = 1.3,
		maxOffStreet = 120,
		maxSnapDistance = DEFAULT_MAX_SNAP_DISTANCE,
		barriers = null,
		includeStreets = true,
		maxCells = 250_000
	} = options;

	// ---- validate up front -------------------------------------------------------------------
	if (!origin || origin.length < 2 || !Number.isFinite(origin[0]) || !Number.isFinite(origin[1])) {
		throw new Error(`computeIsochrone: origin must be a [lon, lat] pair of finite numbers, got ${JSON.stringify(origin)}`);
	}
	if (!Array.isArray(minutesIn) || minutesIn.length === 0) {
		throw new Error('computeIsochrone: minutes must be a non-empty array of band limits, e.g. [5, 10, 15]');
	}
	minutesIn.forEach(assertMinutes);
	assertWalkingSpeed(speedKmh);
	if (!(requestedCell >= 5 && requestedCell <= 200)) {
		throw new Error(`computeIsochrone: cellSize must be 5–200 m, got ${requestedCell}`);
	}
	if (!(detour >= 1 && detour <= 3)) {
		throw new Error(`computeIsochrone: offStreetDetour must be 1–3, got ${detour}`);
	}
	if (!(maxOffStreet >= 0 && maxOffStreet <= 500)) {
		throw new Error(`computeIsochrone: maxOffStreet must be 0–500 m, got ${maxOffStreet}`);
	}
	if (!(maxCells >= 1000)) throw new Error(`computeIsochrone: maxCells must be ≥ 1000, got ${maxCells}`);
	if (index.graph !== graph) throw new Error('computeIsochrone: the snap index was built for another graph');
	const minutes = [...new Set(minutesIn)].sort((a, b) => a - b);
	const mpm = metresPerMinute(speedKmh);
	const limits = minutes.map((m) => m * mpm);
	const T = limits[limits.length - 1];

	let engine = engines.get(graph);
	if (!engine) {
		engine = new Engine(graph);
		engines.set(graph, engine);
	}

	// ---- 1. snap -------------------------------------------------------------------------------
	const snap = snapToGraph(graph, index, origin, maxSnapDistance);
	const t1 = now();
	if (!snap.ok) {
		return { ok: false, reason: snap.reason, message: snap.message, nearestDistance: snap.nearestDistance };
	}

	// ---- 2. bounded Dijkstra from both ends of the split edge ----------------------------------
	const L0 = snap.edgeLength;
	const sT = snap.t * L0;
	const search = engine.search;
	const count = search.run([snap.u, snap.v], [sT, L0 - sT], T);
	const t2 = now();

	// ---- 3a. reached pieces (partial edges clipped at T) and their bounding box -----------------
	const { dist, stamp, order, generation: gen } = search;
	const { offsets, targets, lengths, xy } = graph;
	engine.pieceCount = 0;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	const grow = (u: number, v: number, L: number, s0: number, s1: number): void => {
		const ux = xy[2 * u];
		const uy = xy[2 * u + 1];
		const dx = (xy[2 * v] - ux) / L;
		const dy = (xy[2 * v + 1] - uy) / L;
		const x0 = ux + dx * s0;
		const y0 = uy + dy * s0;
		const x1 = ux + dx * s1;
		const y1 = uy + dy * s1;
		if (x0 < minX) minX = x0;
		if (x0 > maxX) maxX = x0;
		if (y0 < minY) minY = y0;
		if (y0 > maxY) maxY = y0;
		if (x1 < minX) minX = x1;
		if (x1 > maxX) maxX = x1;
		if (y1 < minY) minY = y1;
		if (y1 > maxY) maxY = y1;
	};
	// the snapped edge: reached around the origin and from either end; the union of
	// [sT−T, sT+T], [0, T−du] and [L−(T−dv), L], clipped to the edge
	{
		const u = snap.u;
		const v = snap.v;
		const du = search.cost(u);
		const dv = search.cost(v);
		if (L0 > 0) {
			const iv: [number, number][] = [[Math.max(0, sT - T), Math.min(L0, sT + T)]];
			if (du <= T) iv.push([0, Math.min(L0, T - du)]);
			if (dv <= T) iv.push([Math.max(0, L0 - (T - dv)), L0]);
			iv.sort((a, b) => a[0] - b[0]);
			let [a0, a1] = iv[0];
			for (let k = 1; k <= iv.length; k++) {
				if (k < iv.length && iv[k][0] <= a1) {
					a1 = Math.max(a1, iv[k][1]);
					continue;
				}
				engine.pushPiece(u, v, L0, du, dv, sT, a0, a1);
				grow(u, v, L0, a0, a1);
				if (k < iv.length) [a0, a1] = iv[k];
			}
		} else {
			minX = maxX = xy[2 * u];
			minY = maxY = xy[2 * u + 1];
		}
	}
	// the reverse twin of the snapped edge must not be processed again as an ordinary edge
	let twin = -1;
	for (let e = offsets[snap.v], end = offsets[snap.v + 1]; e < end; e++) {
		if (targets[e] === snap.u && lengths[e] === L0) {
			twin = e;
			break;
		}
	}
	for (let i = 0; i < count; i++) {
		const u = order[i];
		const du = dist[u];
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			if (e === snap.edge || e === twin) continue;
			const v = targets[e];
			const vReached = stamp[v] === gen;
			// each street segment once: from its lower-id end when both ends are reached
			if (vReached && v < u) continue;
			const L = lengths[e];
			if (!(L > 0)) continue;
			const dv = vReached ? dist[v] : Infinity;
			const a1 = T - du; // reached from u up to here
			const b0 = L - (T - dv); // reached from v from here
			if (a1 >= b0 || a1 >= L) {
				engine.pushPiece(u, v, L, du, dv, NaN, 0, L);
				grow(u, v, L, 0, L);
			} else {
				engine.pushPiece(u, v, L, du, dv, NaN, 0, a1);
				grow(u, v, L, 0, a1);
				if (vReached) {
					engine.pushPiece(u, v, L, du, dv, NaN, b0, L);
					grow(u, v, L, b0, L);
				}
			}
		}
	}

	// ---- 3b. cost grid ---------------------------------------------------------------------------
	// The grid is aligned to multiples of the cell size in projection metres, so two queries share
	// cells: the 5-minute band is the same whether 15 or 20 is the largest, and a dragged origin
	// does not make the outline shimmer. Too many cells → the cell grows in steps of 1.25×.
	const { cs, gMinX, gMinY, width, height } = fitGrid(minX, minY, maxX, maxY, requestedCell, maxOffStreet, maxCells);
	const cells = width * height;
	engine.ensureGrid(cells);
	const cost = engine.cost;
	const off = engine.off;
	const blocked = engine.blocked;
	cost.fill(Infinity, 0, cells);
	off.fill(0, 0, cells);
	let hasBarriers = false;
	if (barriers) {
		let prepared: PreparedBarriers;
		if (isPrepared(barriers)) prepared = barriers;
		else {
			const cached = preparedCache.get(barriers as object);
			if (cached && cached.projection === graph.projection) prepared = cached;
			else {
				prepared = prepareBarriers(graph.projection, barriers);
				preparedCache.set(barriers as object, prepared);
			}
		}
		blocked.fill(0, 0, cells);
		hasBarriers =
			rasteriseBarriers(prepared, { minX: gMinX, minY: gMinY, cellSize: cs, width, height }, blocked) > 0;
	}

	// Stamp samples every half cell along every piece. The samples sit on a lattice anchored at the
	// edge's start (spacing L / ⌈L / half-cell⌉), not at the piece's ends, so a larger limit adds
	// samples but never moves the old ones: bands only grow with more minutes.
	const inv = 1 / cs;
	const half = cs / 2;
	const pieces = engine.pieces;
	for (let p = 0, end = engine.pieceCount * PIECE; p < end; p += PIECE) {
		const u = pieces[p];
		const v = pieces[p + 1];
		const L = pieces[p + 2];
		const du = pieces[p + 3];
		const dv = pieces[p + 4];
		const st = pieces[p + 5];
		const s0 = pieces[p + 6];
		const s1 = pieces[p + 7];
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
			const c = edgeCost(s, L, du, dv, st);
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
	{
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

	// chamfer spread of the off-street walk
	const cap = T + detour * cs; // values beyond the largest limit only shape the outer contour
	spread(cost, off, hasBarriers ? blocked : null, width, height, cs, detour, maxOffStreet, cap, hasBarriers ? 4 : 2);

	// Bounding box (in cells) of each band: contour only that window plus a one-cell margin, so
	// the 5-minute band does not scan the 15-minute grid (≈ 2× less marching-squares work).
	const nb = limits.length;
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
	const values = engine.values;
	const proj = graph.projection;
	const kx = proj.metresPerDegreeLon;
	const ky = proj.metresPerDegreeLat;
	const sx = cs / kx;
	const sy = cs / ky;
	const bandFeatures: Feature<Polygon | MultiPolygon, BandProperties>[] = [];
	const areas: BandArea[] = [];
	for (let b = 0; b < nb; b++) {
		const polys: Position[][][] = [];
		let area2 = 0; // twice the area, grid units²
		const empty = bx1[b] < 0;
		// the window, one cell wider than the band on every side (the grid's padding allows it)
		const wx0 = empty ? 0 : Math.max(0, bx0[b] - 1);
		const wy0 = empty ? 0 : Math.max(0, by0[b] - 1);
		const ww = empty ? 0 : Math.min(width - 1, bx1[b] + 1) - wx0 + 1;
		const wh = empty ? 0 : Math.min(height - 1, by1[b] + 1) - wy0 + 1;
		// Negate for d3-contour (polygons of value ≥ threshold ⇔ cost ≤ limit). Clamp at one cell's
		// walk past THIS band's limit, so the outline of a band depends only on costs near it, not
		// on the largest band asked for: a band is the same (or larger) whatever comes with it.
		const clamp = limits[b] + detour * cs;
		for (let y = 0; y < wh; y++) {
			const src = (wy0 + y) * width + wx0;
			const dst = y * ww;
			for (let x = 0; x < ww; x++) {
				const c = cost[src + x];
				values[dst + x] = c < clamp ? -c : -clamp;
			}
		}
		const mp = empty
			? { coordinates: [] as number[][][][] }
			: contours()
					.size([ww, wh])
					.contour(values.subarray(0, ww * wh) as unknown as number[], -limits[b]);
		const lon0 = proj.refLon + (gMinX + wx0 * cs) / kx;
		const lat0 = proj.refLat + (gMinY + wy0 * cs) / ky;
		for (const poly of mp.coordinates) {
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
				// d3-contour rings are clockwise for exteriors once y points north: reverse them so
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
		const area_m2 = Math.round((Math.abs(area2) / 2) * cs * cs);
		areas.push({ minutes: minutes[b], area_m2, circle_ratio: area_m2 / (Math.PI * limits[b] * limits[b]) });
		bandFeatures.push({
			type: 'Feature',
			properties: { minutes: minutes[b], distance_m: Math.round(limits[b] * 100) / 100, area_m2 },
			geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys }
		});
	}
	bandFeatures.reverse();
	const t3 = now();

	// ---- 5. reached streets -----------------------------------------------------------------------
	const streetFeatures: Feature<LineString, ReachedStreetProperties>[] = [];
	if (includeStreets) {
		const ll = graph.lonLat;
		for (let p = 0, end = engine.pieceCount * PIECE; p < end; p += PIECE) {
			const u = pieces[p];
			const v = pieces[p + 1];
			const L = pieces[p + 2];
			const du = pieces[p + 3];
			const dv = pieces[p + 4];
			const st = pieces[p + 5];
			const s0 = pieces[p + 6];
			const s1 = pieces[p + 7];
			if (!(s1 > s0)) continue;
			// the cost is concave along a piece: its maximum is at an end or where two branches meet
			let top = Math.max(edgeCost(s0, L, du, dv, st), edgeCost(s1, L, du, dv, st));
			const meet = (dv + L - du) / 2;
			if (meet > s0 && meet < s1) top = Math.max(top, edgeCost(meet, L, du, dv, st));
			if (st === st) {
				const m1 = (st - du) / 2; // |s−sT| meets du+s
				const m2 = (st + dv + L) / 2; // |s−sT| meets dv+L−s
				if (m1 > s0 && m1 < s1) top = Math.max(top, edgeCost(m1, L, du, dv, st));
				if (m2 > s0 && m2 < s1) top = Math.max(top, edgeCost(m2, L, du, dv, st));
			}
			const mins = Math.round((Math.min(top, T) / mpm) * 100) / 100;
			let band = minutes[minutes.length - 1];
			for (let b = 0; b < limits.length; b++) {
				if (top <= limits[b] + 1e-9) {
					band = minutes[b];
					break;
				}
			}
			const ulon = ll[2 * u];
			const ulat = ll[2 * u + 1];
			const fx = (ll[2 * v] - ulon) / L;
			const fy = (ll[2 * v + 1] - ulat) / L;
			streetFeatures.push({
				type: 'Feature',
				properties: { minutes: mins, band },
				geometry: {
					type: 'LineString',
					coordinates: [
						[ulon + fx * s0, ulat + fy * s0],
						[ulon + fx * s1, ulat + fy * s1]
					]
				}
			});
		}
	}
	const t4 = now();

	const nodes = order.slice(0, count);
	const costs = new Float64Array(count);
	for (let i = 0; i < count; i++) costs[i] = dist[nodes[i]];
	return {
		ok: true,
		origin: [origin[0], origin[1]],
		snapped: snap,
		minutes,
		speedKmh,
		bands: { type: 'FeatureCollection', features: bandFeatures },
		reachedStreets: { type: 'FeatureCollection', features: streetFeatures },
		areas,
		reached: { nodes, costs },
		grid: { cellSize: cs, width, height, minX: gMinX, minY: gMinY },
		timings: {
			snapMs: t1 - t0,
			dijkstraMs: t2 - t1,
			bandMs: t3 - t2,
			streetsMs: t4 - t3,
			totalMs: t4 - t0
		}
	};
}

/** The smallest lattice-aligned grid around the reached box, padded for the off-street spread. */
function fitGrid(
	minX: number,
	minY: number,
	maxX: number,
	maxY: number,
	cellSize: number,
	maxOff: number,
	maxCells: number
): { cs: number; gMinX: number; gMinY: number; width: number; height: number } {
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
		if (width * height <= maxCells) return { cs, gMinX, gMinY, width, height };
		cs *= 1.25;
	}
}

/**
 * Two-pass (four with barriers) chamfer distance transform of the off-street walk, in place.
 * A cell takes a neighbour's cost + detour × step when the accumulated off-street distance stays
 * within `maxOff` and the cost below `cap`; blocked cells neither receive nor pass on a cost, and a
 * diagonal step may not cut the corner of a blocked cell.
 */
function spread(
	cost: Float64Array,
	off: Float32Array,
	blocked: Uint8Array | null,
	w: number,
	h: number,
	cs: number,
	detour: number,
	maxOff: number,
	cap: number,
	passes: number
): void {
	if (maxOff <= 0) return;
	const s1 = cs;
	const s2 = cs * Math.SQRT2;
	const c1 = detour * s1;
	const c2 = detour * s2;
	for (let pass = 0; pass < passes; pass++) {
		const forward = pass % 2 === 0;
		const dir = forward ? 1 : -1;
		const yStart = forward ? 1 : h - 2;
		const yEnd = forward ? h - 1 : 0;
		for (let y = yStart; forward ? y < yEnd : y > yEnd; y += dir) {
			const row = y * w;
			const prev = row - dir * w; // the row already swept
			const xStart = forward ? 1 : w - 2;
			const xEnd = forward ? w - 1 : 0;
			for (let x = xStart; forward ? x < xEnd : x > xEnd; x += dir) {
				const i = row + x;
				if (blocked !== null && blocked[i] !== 0) continue;
				let best = cost[i];
				let bestOff = off[i];
				// straight: previous cell in this row, cell in the previous row
				const a = i - dir;
				const b = prev + x;
				const ca = cost[a] + c1;
				if (ca < best && ca <= cap && off[a] + s1 <= maxOff && (blocked === null || blocked[a] === 0)) {
					best = ca;
					bestOff = off[a] + s1;
				}
				const cb = cost[b] + c1;
				if (cb < best && cb <= cap && off[b] + s1 <= maxOff && (blocked === null || blocked[b] === 0)) {
					best = cb;
					bestOff = off[b] + s1;
				}
				// diagonals in the previous row
				const d1 = b - dir;
				const d2 = b + dir;
				const cd1 = cost[d1] + c2;
				if (
					cd1 < best &&
					cd1 <= cap &&
					off[d1] + s2 <= maxOff &&
					(blocked === null || (blocked[d1] === 0 && blocked[a] === 0 && blocked[b] === 0))
				) {
					best = cd1;
					bestOff = off[d1] + s2;
				}
				const cd2 = cost[d2] + c2;
				if (
					cd2 < best &&
					cd2 <= cap &&
					off[d2] + s2 <= maxOff &&
					(blocked === null || (blocked[d2] === 0 && blocked[b] === 0 && blocked[i + dir] === 0))
				) {
					best = cd2;
					bestOff = off[d2] + s2;
				}
				cost[i] = best;
				off[i] = bestOff;
			}
		}
	}
}
