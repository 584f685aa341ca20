/**
 * Coverage: minutes to the NEAREST amenity of a category, everywhere in the district, on the same
 * grid and contouring machinery as the isochrones (cost-grid.ts, chamfer.ts, contour.ts).
 *
 * 1. search (coverage-search.ts): one multi-source Dijkstra from every amenity point, each a source
 *    exactly like an isochrone origin; every node gets its cost and its nearest amenity.
 * 2. surface: for every amenity point, its isochrone's own cost grid (bounded search, reached pieces,
 *    stamping, barrier mask, chamfer — the isochrone's functions, on its own lattice-aligned window),
 *    folded into a grid over the whole network by the minimum. So one amenity's coverage bands ARE its
 *    isochrone's bands, and a point in any amenity's isochrone is covered (tests/unit/coverage.test.ts).
 * 3. bands: marching squares per limit (contourBands), and the "within the standard" outline — for a
 *    threshold that differs inside the Inner Ring, contoured on costs scaled by each cell's threshold.
 * 4. streets: each segment cut where its nearest amenity changes and where it crosses a band limit,
 *    with the minutes to its farthest point, its band and its nearest amenity.
 * 5. figures (with a prepared {@link CoverageArea}): share of the district's street length and of its
 *    land within the threshold.
 *
 * The surface only holds costs up to the largest band (or the threshold, if larger): beyond it is the
 * gap. The streets carry the exact minutes everywhere (the walk itself is unbounded).
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { spreadOffStreet } from './chamfer';
import { bandWindows, contourBand, contourBands, type BandArea, type BandProperties } from './contour';
import { CostGrid, fitGrid, maskBarriers, preparedBarriersFor, stampStreets, type GridFrame } from './cost-grid';
import { BoundedDijkstra } from './dijkstra';
import { originSeeds } from './origin';
import { PieceBuffer } from './pieces';
import { collectPieces } from './reached-pieces';
import { INNER, LAND, coverageFrame, type CoverageArea } from './coverage-area';
import { coverageField, edgeCostPoints, type CoverageField, type CoverageSources } from './coverage-search';
import { resolveIsochroneOptions, type IsochroneOptions } from './isochrone-options';
import { DEFAULT_MAX_SNAP_DISTANCE, snapToGraph, type SnapHit, type SnapIndex, type SnapMiss } from './snap';
import type { StreetGraph } from './street-graph';

export type { CoverageSources, CoverageField } from './coverage-search';
export type { CoverageArea, CoverageAreaInput } from './coverage-area';

/** A threshold as walking metres, inside the Inner Ring and elsewhere. */
export interface ThresholdMetres {
	innerRing: number;
	elsewhere: number;
}

/** Options of {@link computeCoverage}: the isochrone's, without an origin, plus the figures' inputs. */
export interface CoverageOptions extends Omit<IsochroneOptions, 'origin'> {
	/** The district's land and streets on this graph's coverage grid ({@link prepareCoverageArea}); figures need it. */
	area?: CoverageArea | null;
	/** The standard's threshold, metres of walk; gives the "within the standard" outline and the figures. */
	threshold?: ThresholdMetres | null;
}

/** Properties of a coverage street piece. */
export interface CoverageStreetProperties {
	/** Minutes from the nearest amenity to the piece's farthest point (0.01); null if none is reachable. */
	minutes: number | null;
	/** Smallest band (minutes) holding the whole piece; null beyond the largest band. */
	band: number | null;
	/** The nearest amenity (owner index of the sources); −1 if none is reachable. */
	source: number;
}

/** Shares of the district within the threshold. */
export interface CoverageFigures {
	street: { total_m: number; covered_m: number; share: number; innerRing: { total_m: number; covered_m: number } };
	land: { total_m2: number; covered_m2: number; share: number; innerRing: { total_m2: number; covered_m2: number } };
}

export interface CoverageTimings {
	searchMs: number;
	surfaceMs: number;
	bandMs: number;
	streetsMs: number;
	figuresMs: number;
	totalMs: number;
}

export interface CoverageResult {
	/** Band limits, minutes, ascending. */
	minutes: number[];
	speedKmh: number;
	/** One feature per band, LARGEST FIRST (as isochrone bands). */
	bands: FeatureCollection<Polygon | MultiPolygon, BandProperties>;
	areas: BandArea[];
	/** The region within the standard's threshold (by zone), when a threshold was given. */
	standard: Feature<Polygon | MultiPolygon, { inner_ring_m: number; elsewhere_m: number; area_m2: number }> | null;
	streets: FeatureCollection<LineString, CoverageStreetProperties>;
	figures: CoverageFigures | null;
	/** The walk's field (node costs and nearest sources), for point queries. */
	field: CoverageField;
	/** The spread cost grid (metres; a view into scratch, valid until the next call on this graph). */
	grid: { frame: GridFrame; cost: Float64Array };
	timings: CoverageTimings;
}

const now: () => number =
	typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

/** The node an edge starts at (binary search in the CSR offsets). */
function edgeSource(offsets: Uint32Array, e: number, nodeCount: number): number {
	let lo = 0;
	let hi = nodeCount - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (offsets[mid] <= e) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** Per-graph scratch: the district grid, and one isochrone's search, pieces and grid. */
interface Scratch {
	grid: CostGrid;
	search: BoundedDijkstra;
	pieces: PieceBuffer;
	local: CostGrid;
	/** Costs scaled by each cell's threshold, for the zoned "within the standard" outline. */
	scaled: Float64Array;
}
const scratch = new WeakMap<StreetGraph, Scratch>();
function scratchFor(graph: StreetGraph): Scratch {
	let s = scratch.get(graph);
	if (!s) scratch.set(graph, (s = { grid: new CostGrid(), search: new BoundedDijkstra(graph), pieces: new PieceBuffer(), local: new CostGrid(), scaled: new Float64Array(0) }));
	return s;
}

/**
 * The surface: for every snapped amenity point, its isochrone's cost grid exactly as
 * `computeIsochrone` builds it (bounded search, reached pieces, stamping, barrier mask, chamfer, on
 * its own lattice-aligned window), folded into the district grid by the minimum.
 *
 * Why per amenity and not one chamfer over the multi-source stamps: the chamfer keeps one (cost,
 * off-street walk) per cell, so near the off-street limit a cheaper walk from one amenity could
 * shadow a dearer one from another that would have gone further (measured: 1–2.5 % of the cells of
 * random cases). The minimum over per-amenity grids has no such effect: one amenity's coverage is its
 * isochrone, bit for bit, and a point in any amenity's isochrone is covered. The windows are small
 * (the threshold's walk plus the off-street pad), so this stays well within the time budget.
 */
function foldIsochroneGrids(
	graph: StreetGraph,
	s: Scratch,
	frame: GridFrame,
	sources: CoverageSources,
	T: number,
	opts: { cellSize: number; detour: number; maxOffStreet: number; maxCells: number; barriers: IsochroneOptions['barriers'] }
): void {
	const { search, pieces, local, grid } = s;
	const big = grid.cost;
	const { u: su, v: sv, t: st, edge, along } = sources;
	// The barrier mask, rasterised once on the district grid; each window takes its slice (the
	// rasterisation depends only on a cell's place on the lattice, so the slice is the window's own mask).
	let mask: Uint8Array | null = null;
	if (opts.barriers) {
		if (maskBarriers(grid, frame, preparedBarriersFor(graph, opts.barriers))) mask = grid.blocked;
	}
	const seen = new Set<string>();
	for (let k = 0; k < su.length; k++) {
		// two amenities at the same spot of the same street have the same isochrone
		const key = `${edge[k]}:${along[k]}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const L = graph.lengths[edge[k]];
		const snap: SnapHit = { ok: true, edge: edge[k], u: su[k], v: sv[k], t: st[k], point: [0, 0], distance: 0, edgeLength: L };
		const seeds = originSeeds(snap);
		search.run(seeds.nodes, seeds.costs, T);
		const box = collectPieces(graph, search, snap, T, pieces);
		const win = fitGrid(box, opts.cellSize, opts.maxOffStreet, opts.maxCells);
		local.reset(win);
		// the window on the district grid: same lattice, whole cells apart
		const dx = Math.round((win.minX - frame.minX) / frame.cs);
		const dy = Math.round((win.minY - frame.minY) / frame.cs);
		if (win.cs !== frame.cs || dx < 0 || dy < 0 || dx + win.width > frame.width || dy + win.height > frame.height) {
			throw new Error('computeCoverage: an isochrone grid does not fit the coverage grid (cell size grown past maxCells?)');
		}
		let hasBarriers = false;
		if (mask !== null) {
			const lb = local.blocked;
			for (let y = 0; y < win.height; y++) {
				const row = (dy + y) * frame.width + dx;
				lb.set(mask.subarray(row, row + win.width), y * win.width);
				if (!hasBarriers) for (let x = 0; x < win.width; x++) if (mask[row + x] !== 0) hasBarriers = true;
			}
		}
		stampStreets(local, win, graph, pieces, snap, T, opts.detour);
		spreadOffStreet(local.cost, local.off, hasBarriers ? local.blocked : null, win.width, win.height, win.cs, opts.detour, opts.maxOffStreet, T + opts.detour * win.cs, hasBarriers ? 4 : 2);
		const lc = local.cost;
		for (let y = 0; y < win.height; y++) {
			const row = (dy + y) * frame.width + dx;
			const lrow = y * win.width;
			for (let x = 0; x < win.width; x++) {
				const c = lc[lrow + x];
				if (c < big[row + x]) big[row + x] = c;
			}
		}
	}
}

/** Length of {s ∈ [a, b] : min |s − p| ≤ r} over the sorted points `pos[0…n)`. */
function coveredLength(pos: number[], n: number, r: number, a: number, b: number): number {
	let total = 0;
	let curA = Infinity;
	let curB = -Infinity;
	for (let j = 0; j < n; j++) {
		const x0 = Math.max(a, pos[j] - r);
		const x1 = Math.min(b, pos[j] + r);
		if (!(x1 > x0)) continue;
		if (x0 > curB) {
			if (curB > curA) total += curB - curA;
			curA = x0;
			curB = x1;
		} else if (x1 > curB) curB = x1;
	}
	if (curB > curA) total += curB - curA;
	return total;
}

/**
 * Shares of the district's street length and land within the threshold, from a finished walk and its
 * spread grid. A street point counts by its network cost; a land cell by the surface's cost (the
 * off-street walk included), against the threshold of its zone.
 *
 * @param {CoverageField} field the walk
 * @param {CoverageArea} area the prepared district, on the grid's frame
 * @param {Float64Array} cost the spread grid (on `area.frame`)
 * @param {ThresholdMetres} threshold metres
 * @returns {CoverageFigures} totals, covered amounts and shares
 */
export function coverageFigures(field: CoverageField, area: CoverageArea, cost: Float64Array, threshold: ThresholdMetres): CoverageFigures {
	const graph = area.graph;
	const { offsets, targets, lengths, nodeCount } = graph;
	const pos: number[] = [];
	const who: number[] = [];
	let covered = 0;
	let coveredInner = 0;
	let lastEdge = -1;
	let n = 0;
	const { stretchEdge, stretchA, stretchB, stretchZone } = area;
	for (let j = 0; j < stretchEdge.length; j++) {
		const e = stretchEdge[j];
		if (e !== lastEdge) {
			const u = edgeSource(offsets, e, nodeCount);
			n = edgeCostPoints(field, e, u, targets[e], lengths[e], pos, who);
			lastEdge = e;
		}
		const inner = stretchZone[j] & INNER;
		const r = inner ? threshold.innerRing : threshold.elsewhere;
		const c = coveredLength(pos, n, r, stretchA[j], stretchB[j]);
		covered += c;
		if (inner) coveredInner += c;
	}
	const { cells } = area;
	const tIn = threshold.innerRing;
	const tOut = threshold.elsewhere;
	let land = 0;
	let landInner = 0;
	for (let i = 0; i < cells.length; i++) {
		const f = cells[i];
		if ((f & LAND) === 0) continue;
		if (f & INNER) {
			if (cost[i] <= tIn) {
				land++;
				landInner++;
			}
		} else if (cost[i] <= tOut) land++;
	}
	const cellM2 = area.frame.cs * area.frame.cs;
	return {
		street: {
			total_m: area.streetM,
			covered_m: covered,
			share: area.streetM > 0 ? covered / area.streetM : 0,
			innerRing: { total_m: area.streetInnerM, covered_m: coveredInner }
		},
		land: {
			total_m2: area.landM2,
			covered_m2: land * cellM2,
			share: area.landM2 > 0 ? (land * cellM2) / area.landM2 : 0,
			innerRing: { total_m2: area.landInnerM2, covered_m2: landInner * cellM2 }
		}
	};
}

/**
 * Every street segment as pieces coloured by the walk from the nearest amenity: cut where the nearest
 * amenity changes and where a band limit is crossed. Unreachable segments come whole, minutes null.
 *
 * @param {StreetGraph} graph the graph
 * @param {CoverageField} field the walk
 * @param {readonly number[]} minutes band limits, minutes, ascending
 * @param {readonly number[]} limits the same in metres
 * @param {number} mpm metres per minute
 * @returns {Feature<LineString, CoverageStreetProperties>[]} the pieces
 */
export function coverageStreets(
	graph: StreetGraph,
	field: CoverageField,
	minutes: readonly number[],
	limits: readonly number[],
	mpm: number
): Feature<LineString, CoverageStreetProperties>[] {
	const out: Feature<LineString, CoverageStreetProperties>[] = [];
	const { offsets, targets, lengths, lonLat: ll, nodeCount } = graph;
	const owner = field.sources.owner;
	const pos: number[] = [];
	const who: number[] = [];
	const cuts: number[] = [];
	const push = (u: number, v: number, L: number, s0: number, s1: number, props: CoverageStreetProperties): void => {
		const ulon = ll[2 * u];
		const ulat = ll[2 * u + 1];
		const fx = (ll[2 * v] - ulon) / L;
		const fy = (ll[2 * v + 1] - ulat) / L;
		out.push({
			type: 'Feature',
			properties: props,
			geometry: {
				type: 'LineString',
				coordinates: [
					[ulon + fx * s0, ulat + fy * s0],
					[ulon + fx * s1, ulat + fy * s1]
				]
			}
		});
	};
	for (let u = 0; u < nodeCount; u++) {
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			const v = targets[e];
			const L = lengths[e];
			if (v <= u || !(L > 0)) continue;
			const n = edgeCostPoints(field, e, u, v, L, pos, who);
			if (n === 0) {
				push(u, v, L, 0, L, { minutes: null, band: null, source: -1 });
				continue;
			}
			for (let j = 0; j < n; j++) {
				const a = j === 0 ? 0 : Math.max(0, (pos[j - 1] + pos[j]) / 2);
				const b = j === n - 1 ? L : Math.min(L, (pos[j] + pos[j + 1]) / 2);
				if (!(b > a)) continue;
				const p = pos[j];
				cuts.length = 0;
				cuts.push(a);
				for (const lim of limits) {
					if (p - lim > a && p - lim < b) cuts.push(p - lim);
					if (p + lim > a && p + lim < b) cuts.push(p + lim);
				}
				cuts.push(b);
				cuts.sort((x, y) => x - y);
				const source = owner[who[j]];
				for (let c = 0; c + 1 < cuts.length; c++) {
					const x0 = cuts[c];
					const x1 = cuts[c + 1];
					if (!(x1 > x0)) continue;
					// |s − p| on an interval peaks at an end
					const top = Math.max(Math.abs(x0 - p), Math.abs(x1 - p));
					let band: number | null = null;
					for (let k = 0; k < limits.length; k++) {
						if (top <= limits[k] + 1e-9) {
							band = minutes[k];
							break;
						}
					}
					push(u, v, L, x0, x1, { minutes: Math.round((top / mpm) * 100) / 100, band, source });
				}
			}
		}
	}
	return out;
}

/**
 * Coverage of a category: the multi-source walk, its surface as bands, the "within the standard"
 * outline, the streets coloured by minutes and (with an area) the district's figures.
 *
 * @param {StreetGraph} graph the street graph
 * @param {CoverageSources} sources the category's amenities, snapped ({@link snapSources})
 * @param {CoverageOptions} options as {@link computeIsochrone}'s (minutes, speedKmh, cellSize,
 *   offStreetDetour, maxOffStreet, barriers, includeStreets, maxCells — default 4 000 000 here, so the
 *   whole district stays on 25 m cells), plus `area` and `threshold` for the outline and figures
 * @returns {CoverageResult} bands (largest first), standard outline, streets, figures, field, timings
 * @throws {Error} on invalid options, or sources snapped on another graph
 * @example
 * const sources = snapSources(graph, index, kindergartens.map((f) => [f.geometry.coordinates]));
 * const cov = computeCoverage(graph, sources, { minutes: [10, 20, 30], threshold: { innerRing: 667, elsewhere: 667 }, area });
 * cov.figures?.land.share; // e.g. 0.8
 */
export function computeCoverage(graph: StreetGraph, sources: CoverageSources, options: CoverageOptions = {}): CoverageResult {
	const t0 = now();
	if (sources.graph !== graph) throw new Error('computeCoverage: the sources were snapped on another graph');
	let opts;
	try {
		opts = resolveIsochroneOptions({ ...options, origin: [0, 0], maxCells: options.maxCells ?? 4_000_000 });
	} catch (error) {
		throw new Error((error as Error).message.replace(/^computeIsochrone:/, 'computeCoverage:'), { cause: error });
	}
	const { minutes, limits, detour, mpm } = opts;
	const threshold = options.threshold ?? null;
	if (threshold && !(threshold.innerRing > 0 && threshold.elsewhere > 0)) {
		throw new Error(`computeCoverage: threshold metres must be > 0, got ${JSON.stringify(threshold)}`);
	}
	const area = options.area ?? null;
	if (area && area.graph !== graph) throw new Error('computeCoverage: the area was prepared for another graph');
	if (area && area.maxOffStreet !== opts.maxOffStreet) {
		throw new Error(`computeCoverage: the area was prepared for a ${area.maxOffStreet} m off-street walk, not ${opts.maxOffStreet} m`);
	}
	// the grid holds costs up to the largest band or the threshold, whichever is larger
	const T = Math.max(opts.T, threshold ? Math.max(threshold.innerRing, threshold.elsewhere) : 0);

	const field = coverageField(sources);
	const t1 = now();

	const frame = area ? area.frame : coverageFrame(graph, opts.cellSize, opts.maxOffStreet, opts.maxCells);
	const s = scratchFor(graph);
	const grid = s.grid;
	grid.reset(frame);
	foldIsochroneGrids(graph, s, frame, sources, T, { cellSize: opts.cellSize, detour, maxOffStreet: opts.maxOffStreet, maxCells: opts.maxCells, barriers: opts.barriers });
	const t2 = now();

	const bands = contourBands(grid, frame, minutes, limits, detour, graph.projection);
	let standard: CoverageResult['standard'] = null;
	if (threshold) {
		const { innerRing: tIn, elsewhere: tOut } = threshold;
		const n = frame.width * frame.height;
		let cost: Float64Array = grid.cost;
		if (tIn !== tOut && area) {
			// "within its zone's threshold" ⇔ cost · (tOut / tZone) ≤ tOut: one contour of scaled costs
			if (s.scaled.length < n) s.scaled = new Float64Array(n);
			cost = s.scaled;
			const k = tOut / tIn;
			const cells = area.cells;
			for (let i = 0; i < n; i++) cost[i] = cells[i] & INNER ? grid.cost[i] * k : grid.cost[i];
		}
		const scaled = { cost, values: grid.values } as CostGrid;
		const [win] = bandWindows(cost, frame, [tOut]);
		const { polygons, area_m2 } = contourBand(scaled, frame, win, tOut, tOut + detour * frame.cs, graph.projection);
		standard = {
			type: 'Feature',
			properties: { inner_ring_m: tIn, elsewhere_m: tOut, area_m2 },
			geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }
		};
	}
	const t3 = now();

	const streets = opts.includeStreets ? coverageStreets(graph, field, minutes, limits, mpm) : [];
	const t4 = now();

	const figures = area && threshold ? coverageFigures(field, area, grid.cost, threshold) : null;
	const t5 = now();

	return {
		minutes,
		speedKmh: opts.speedKmh,
		bands: { type: 'FeatureCollection', features: bands.features },
		areas: bands.areas,
		standard,
		streets: { type: 'FeatureCollection', features: streets },
		figures,
		field,
		grid: { frame, cost: grid.cost },
		timings: { searchMs: t1 - t0, surfaceMs: t2 - t1, bandMs: t3 - t2, streetsMs: t4 - t3, figuresMs: t5 - t4, totalMs: t5 - t0 }
	};
}

/** The nearest amenity from a point: who, and how far along the streets plus the walk to them. */
export interface CoverageAtHit {
	ok: true;
	/** Owner index of the nearest amenity. */
	owner: number;
	/** Walk along the streets from the amenity to the snapped point, metres. */
	networkMetres: number;
	/** Straight walk from the point to the street, metres. */
	offStreetMetres: number;
	/** networkMetres + detour × offStreetMetres: what the surface charges there. */
	metres: number;
	snapped: SnapHit;
}

/**
 * "Nearest X: who, how far" for any point: it snaps like an isochrone origin; the cost along its
 * street comes from the walk's field, and its own off-street walk is charged like a surface cell's
 * (× detour), so the answer agrees with the colour under the click.
 *
 * @param {StreetGraph} graph the graph
 * @param {SnapIndex} index its snapping index
 * @param {CoverageField} field a finished walk ({@link coverageField} or `computeCoverage(…).field`)
 * @param {readonly number[]} lonLat the point [lon, lat]
 * @param {{ detour?: number; maxSnapDistance?: number }} [options] off-street factor (default 1.3) and
 *   snapping radius (default 250 m)
 * @returns {CoverageAtHit | SnapMiss | { ok: false; reason: 'unreachable' }} the nearest amenity, no
 *   street nearby, or a street from which no amenity of the category can be reached
 * @example
 * const at = coverageAt(graph, index, cov.field, [121.42, 31.22], { detour: 1.4 });
 * if (at.ok) console.log(amenities[at.owner].name, at.metres / metresPerMinute(4));
 */
export function coverageAt(
	graph: StreetGraph,
	index: SnapIndex,
	field: CoverageField,
	lonLat: readonly number[],
	options: { detour?: number; maxSnapDistance?: number } = {}
): CoverageAtHit | SnapMiss | { ok: false; reason: 'unreachable' } {
	const { detour = 1.3, maxSnapDistance = DEFAULT_MAX_SNAP_DISTANCE } = options;
	if (field.sources.graph !== graph) throw new Error('coverageAt: the field was computed on another graph');
	const hit = snapToGraph(graph, index, lonLat, maxSnapDistance);
	if (!hit.ok) return hit;
	const pos: number[] = [];
	const who: number[] = [];
	const n = edgeCostPoints(field, hit.edge, hit.u, hit.v, hit.edgeLength, pos, who);
	const s = hit.t * hit.edgeLength;
	let best = Infinity;
	let k = -1;
	for (let j = 0; j < n; j++) {
		const c = Math.abs(s - pos[j]);
		if (c < best) {
			best = c;
			k = who[j];
		}
	}
	if (k < 0) return { ok: false, reason: 'unreachable' };
	return {
		ok: true,
		owner: field.sources.owner[k],
		networkMetres: best,
		offStreetMetres: hit.distance,
		metres: best + detour * hit.distance,
		snapped: hit
	};
}
