/**
 * What the coverage figures are shares OF: the district's streets and its land, prepared once per
 * graph on the coverage grid.
 *
 * - land: grid cells whose centre lies in the district and in none of the excluded polygons (water,
 *   parks, the airport — whatever the caller passes; data/coverage-area.ts says which), counted at the
 *   cell's area. Same cells as the surface, so "covered land" is exactly the cells the surface puts
 *   within the threshold.
 * - streets: every street segment clipped to the district polygon, exactly (segment × ring
 *   crossings), each stretch tagged with its zone.
 * - zone: inside the Inner Ring or elsewhere (the bus-stop rule); cells and stretches are tagged by
 *   their centre / midpoint.
 */
import type { Geometry } from 'geojson';
import { fitGrid, type GridFrame } from './cost-grid';
import { prepareBarriers } from './barriers';
import type { StreetGraph } from './street-graph';

/** The area's inputs, WGS84. */
export interface CoverageAreaInput {
	/** The district outline. */
	district: Geometry;
	/** Land that is not lived on and is left out of the land share: water, parks, the airport. */
	exclude: { id: string; kind: string; geometry: Geometry }[];
	/** The area inside the Inner Ring (for the bus-stop rule), or null: everything is "elsewhere". */
	innerRing: Geometry | null;
}

/** Cell flag: counted as land. */
export const LAND = 1;
/** Cell / stretch flag: inside the Inner Ring. */
export const INNER = 2;

/** The prepared area on one coverage grid. */
export interface CoverageArea {
	graph: StreetGraph;
	frame: GridFrame;
	/** Off-street limit the frame was padded for, metres. */
	maxOffStreet: number;
	/** Per cell: LAND | INNER bits. */
	cells: Uint8Array;
	/** Per street stretch in the district: its edge (u < v), from–to metres from u, and INNER bit. */
	stretchEdge: Uint32Array;
	stretchA: Float64Array;
	stretchB: Float64Array;
	stretchZone: Uint8Array;
	/** Totals: land area (m²) and street length (m) in the district, all and inside the Inner Ring. */
	landM2: number;
	landInnerM2: number;
	streetM: number;
	streetInnerM: number;
	/** What was left out of the land share, by id, with the area it took from the district, m². */
	excluded: { id: string; kind: string; m2: number }[];
}

/** Ring segments [x0, y0, x1, y1, …] of every polygon of a geometry, projected. */
function polygonsOf(graph: StreetGraph, g: Geometry | null): Float64Array[] {
	if (!g) return [];
	return [...prepareBarriers(graph.projection, g).polygons];
}

/** Even-odd point-in-polygon over ring segments. */
function inside(seg: Float64Array, x: number, y: number): boolean {
	let c = false;
	for (let k = 0; k < seg.length; k += 4) {
		const y0 = seg[k + 1];
		const y1 = seg[k + 3];
		if (y0 > y !== y1 > y) {
			const xc = seg[k] + ((y - y0) / (y1 - y0)) * (seg[k + 2] - seg[k]);
			if (x < xc) c = !c;
		}
	}
	return c;
}

const insideAny = (polys: Float64Array[], x: number, y: number): boolean => polys.some((p) => inside(p, x, y));

/** Call `fill(i)` for every cell whose centre is inside the polygon (even-odd, scanline). */
function scanFill(seg: Float64Array, frame: GridFrame, fill: (i: number) => void): void {
	const { cs, minX, minY, width, height } = frame;
	let pMinY = Infinity;
	let pMaxY = -Infinity;
	for (let k = 1; k < seg.length; k += 2) {
		if (seg[k] < pMinY) pMinY = seg[k];
		if (seg[k] > pMaxY) pMaxY = seg[k];
	}
	const row0 = Math.max(0, Math.floor((pMinY - minY) / cs - 0.5));
	const row1 = Math.min(height - 1, Math.ceil((pMaxY - minY) / cs - 0.5));
	const xs: number[] = [];
	for (let cy = row0; cy <= row1; cy++) {
		const yc = minY + (cy + 0.5) * cs;
		xs.length = 0;
		for (let k = 0; k < seg.length; k += 4) {
			const y0 = seg[k + 1];
			const y1 = seg[k + 3];
			if (y0 > yc !== y1 > yc) xs.push(seg[k] + ((yc - y0) / (y1 - y0)) * (seg[k + 2] - seg[k]));
		}
		xs.sort((a, b) => a - b);
		for (let j = 0; j + 1 < xs.length; j += 2) {
			// cells whose centre x lies in [xs[j], xs[j+1])
			const c0 = Math.max(0, Math.ceil((xs[j] - minX) / cs - 0.5));
			const c1 = Math.min(width - 1, Math.ceil((xs[j + 1] - minX) / cs - 0.5) - 1);
			for (let cx = c0; cx <= c1; cx++) fill(cy * width + cx);
		}
	}
}

/** Where segment (ax, ay)–(bx, by) crosses the rings, as fractions 0…1 of it. */
function crossings(polys: Float64Array[], ax: number, ay: number, bx: number, by: number, out: number[]): void {
	const dx = bx - ax;
	const dy = by - ay;
	for (const seg of polys) {
		for (let k = 0; k < seg.length; k += 4) {
			const ex = seg[k + 2] - seg[k];
			const ey = seg[k + 3] - seg[k + 1];
			const den = dx * ey - dy * ex;
			if (den === 0) continue;
			const qx = seg[k] - ax;
			const qy = seg[k + 1] - ay;
			const t = (qx * ey - qy * ex) / den;
			const r = (qx * dy - qy * dx) / den;
			if (t > 0 && t < 1 && r >= 0 && r <= 1) out.push(t);
		}
	}
}

/**
 * The box of every node of the graph, metres (cached per graph): the coverage grid covers the whole
 * network, so it contains the grid of any isochrone on it (same lattice, same cells).
 */
const nodeBoxes = new WeakMap<StreetGraph, { minX: number; minY: number; maxX: number; maxY: number }>();
export function graphBox(graph: StreetGraph): { minX: number; minY: number; maxX: number; maxY: number } {
	let box = nodeBoxes.get(graph);
	if (box) return box;
	box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
	const xy = graph.xy;
	for (let i = 0; i < graph.nodeCount; i++) {
		const x = xy[2 * i];
		const y = xy[2 * i + 1];
		if (x < box.minX) box.minX = x;
		if (x > box.maxX) box.maxX = x;
		if (y < box.minY) box.minY = y;
		if (y > box.maxY) box.maxY = y;
	}
	nodeBoxes.set(graph, box);
	return box;
}

/**
 * The coverage grid of a graph: the whole network's box (and `extra`, e.g. the district), padded for
 * the off-street walk and aligned to the same lattice as every isochrone grid (fitGrid).
 *
 * @param {StreetGraph} graph the graph
 * @param {number} cellSize cell side, metres (an isochrone's grid agrees cell for cell only when equal)
 * @param {number} maxOffStreet off-street limit, metres
 * @param {number} maxCells largest grid; beyond it the cell grows (and no longer matches isochrones)
 * @param extra another box to include, metres
 */
export function coverageFrame(
	graph: StreetGraph,
	cellSize: number,
	maxOffStreet: number,
	maxCells: number,
	extra?: { minX: number; minY: number; maxX: number; maxY: number }
): GridFrame {
	const b = graphBox(graph);
	const box = extra
		? { minX: Math.min(b.minX, extra.minX), minY: Math.min(b.minY, extra.minY), maxX: Math.max(b.maxX, extra.maxX), maxY: Math.max(b.maxY, extra.maxY) }
		: b;
	if (!(box.maxX >= box.minX)) throw new Error('coverage: the graph has no nodes');
	return fitGrid(box, cellSize, maxOffStreet, maxCells);
}

/**
 * Prepare the district's land and streets on the coverage grid (once per graph and walk setting).
 *
 * @param {StreetGraph} graph the graph
 * @param {CoverageAreaInput} input district outline, exclusions and the Inner Ring area, WGS84
 * @param {{ cellSize?: number; maxOffStreet: number; maxCells?: number }} options grid settings,
 *   the same as the coverage computed on it (cellSize default 25 m, maxCells default 4 000 000)
 * @returns {CoverageArea} the cell flags, the street stretches and the totals
 * @throws {Error} when the district has no polygon
 */
export function prepareCoverageArea(
	graph: StreetGraph,
	input: CoverageAreaInput,
	options: { cellSize?: number; maxOffStreet: number; maxCells?: number }
): CoverageArea {
	const { cellSize = 25, maxOffStreet, maxCells = 4_000_000 } = options;
	const district = polygonsOf(graph, input.district);
	if (district.length === 0) throw new Error('prepareCoverageArea: the district geometry has no polygon');
	const inner = polygonsOf(graph, input.innerRing);
	const dBox = prepareBarriers(graph.projection, input.district).bbox;
	const frame = coverageFrame(graph, cellSize, maxOffStreet, maxCells, { minX: dBox[0], minY: dBox[1], maxX: dBox[2], maxY: dBox[3] });
	const cells = new Uint8Array(frame.width * frame.height);
	for (const p of district) scanFill(p, frame, (i) => (cells[i] |= LAND));
	// land left out: each exclusion's cells that were land, counted before they are cleared
	const cellM2 = frame.cs * frame.cs;
	const excluded: CoverageArea['excluded'] = [];
	for (const x of input.exclude) {
		let n = 0;
		for (const p of polygonsOf(graph, x.geometry)) {
			scanFill(p, frame, (i) => {
				if (cells[i] & LAND) {
					cells[i] &= ~LAND;
					n++;
				}
			});
		}
		excluded.push({ id: x.id, kind: x.kind, m2: n * cellM2 });
	}
	for (const p of inner) scanFill(p, frame, (i) => (cells[i] |= INNER));
	let land = 0;
	let landInner = 0;
	for (let i = 0; i < cells.length; i++) {
		if (cells[i] & LAND) {
			land++;
			if (cells[i] & INNER) landInner++;
		}
	}

	// streets: each segment once (u < v), cut where it crosses the district or the Inner Ring
	const { offsets, targets, lengths, xy } = graph;
	const sE: number[] = [];
	const sA: number[] = [];
	const sB: number[] = [];
	const sZ: number[] = [];
	let streetM = 0;
	let streetInnerM = 0;
	const ts: number[] = [];
	const [dx0, dy0, dx1, dy1] = dBox;
	for (let u = 0; u < graph.nodeCount; u++) {
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			const v = targets[e];
			const L = lengths[e];
			if (v <= u || !(L > 0)) continue;
			const ax = xy[2 * u];
			const ay = xy[2 * u + 1];
			const bx = xy[2 * v];
			const by = xy[2 * v + 1];
			if (Math.max(ax, bx) < dx0 || Math.min(ax, bx) > dx1 || Math.max(ay, by) < dy0 || Math.min(ay, by) > dy1) continue;
			ts.length = 0;
			ts.push(0, 1);
			crossings(district, ax, ay, bx, by, ts);
			crossings(inner, ax, ay, bx, by, ts);
			ts.sort((a, b) => a - b);
			for (let j = 0; j + 1 < ts.length; j++) {
				const t0 = ts[j];
				const t1 = ts[j + 1];
				if (!(t1 > t0)) continue;
				const tm = (t0 + t1) / 2;
				const mx = ax + (bx - ax) * tm;
				const my = ay + (by - ay) * tm;
				if (!insideAny(district, mx, my)) continue;
				const zone = insideAny(inner, mx, my) ? INNER : 0;
				const last = sE.length - 1;
				// merge with the previous stretch of the same edge and zone
				if (last >= 0 && sE[last] === e && sZ[last] === zone && sB[last] === t0 * L) sB[last] = t1 * L;
				else {
					sE.push(e);
					sA.push(t0 * L);
					sB.push(t1 * L);
					sZ.push(zone);
				}
				streetM += (t1 - t0) * L;
				if (zone) streetInnerM += (t1 - t0) * L;
			}
		}
	}
	return {
		graph,
		frame,
		maxOffStreet,
		cells,
		stretchEdge: Uint32Array.from(sE),
		stretchA: Float64Array.from(sA),
		stretchB: Float64Array.from(sB),
		stretchZone: Uint8Array.from(sZ),
		landM2: land * cellM2,
		landInnerM2: landInner * cellM2,
		streetM,
		streetInnerM,
		excluded
	};
}
