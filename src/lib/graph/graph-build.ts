/**
 * Building street graphs: from GeoJSON centrelines, or a seeded synthetic grid for tests and
 * benchmarks. Both end in one CSR assembly (counting sort by source node).
 */
import type { Feature, FeatureCollection, Geometry, GeoJsonProperties } from 'geojson';
import { createLocalProjection } from '../geo/projection';
import { NO_WAY } from './graph-layout';
import { mulberry32 } from './random';
import { StreetGraph } from './street-graph-buffer';

/**
 * Build the CSR arrays from an undirected edge list (each pair stored once), adding both directions.
 * Out-edges of a node keep the order the list gives them in, so builds are deterministic.
 */
function assemble(
	lonLat: Float64Array,
	nodeCount: number,
	eu: Uint32Array,
	ev: Uint32Array,
	elen: Float64Array,
	eway: Uint32Array,
	pairCount: number,
	wayCount: number,
	refLon: number,
	refLat: number
): StreetGraph {
	const graph = StreetGraph.allocate(nodeCount, pairCount * 2, wayCount, refLon, refLat);
	graph.lonLat.set(lonLat.subarray(0, nodeCount * 2));
	const { xy, offsets, targets, lengths, edgeWay, projection } = graph;
	const kx = projection.metresPerDegreeLon;
	const ky = projection.metresPerDegreeLat;
	for (let i = 0; i < nodeCount; i++) {
		xy[2 * i] = (lonLat[2 * i] - refLon) * kx;
		xy[2 * i + 1] = (lonLat[2 * i + 1] - refLat) * ky;
	}
	// counting sort by source node
	const degree = new Uint32Array(nodeCount + 1);
	for (let k = 0; k < pairCount; k++) {
		degree[eu[k]]++;
		degree[ev[k]]++;
	}
	offsets[0] = 0;
	for (let i = 0; i < nodeCount; i++) offsets[i + 1] = offsets[i] + degree[i];
	const fill = degree; // reuse as write cursor
	for (let i = 0; i < nodeCount; i++) fill[i] = offsets[i];
	for (let k = 0; k < pairCount; k++) {
		const u = eu[k];
		const v = ev[k];
		let e = fill[u]++;
		targets[e] = v;
		lengths[e] = elen[k];
		edgeWay[e] = eway[k];
		e = fill[v]++;
		targets[e] = u;
		lengths[e] = elen[k];
		edgeWay[e] = eway[k];
	}
	return graph;
}

/** Growable typed-array edge list used by the builders. */
class EdgeList {
	u = new Uint32Array(1024);
	v = new Uint32Array(1024);
	len = new Float64Array(1024);
	way = new Uint32Array(1024);
	count = 0;
	add(u: number, v: number, len: number, way: number): void {
		if (this.count === this.u.length) {
			const c = this.count * 2;
			const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
				const b = make(c);
				b.set(a);
				return b;
			};
			this.u = grow(this.u, (n) => new Uint32Array(n));
			this.v = grow(this.v, (n) => new Uint32Array(n));
			this.len = grow(this.len, (n) => new Float64Array(n));
			this.way = grow(this.way, (n) => new Uint32Array(n));
		}
		const k = this.count++;
		this.u[k] = u;
		this.v[k] = v;
		this.len[k] = len;
		this.way[k] = way;
	}
}

/** Options of {@link buildStreetGraph}. */
export interface BuildStreetGraphOptions {
	/** Reference point of the metre projection; default: the centre of the nodes' bounding box. */
	reference?: [number, number];
}

const COORD_SCALE = 1e7;

/**
 * Build a street graph from GeoJSON street centrelines.
 *
 * Each LineString (or each part of a MultiLineString) becomes a chain of straight edges between its
 * consecutive vertices. Vertices with the same coordinates after rounding to 1e-7° (≈ 1 cm) are
 * merged into one node, which is how streets connect: a crossing without a shared vertex is an
 * overpass. Features whose `properties.walkable` is `false` are skipped (a missing flag counts as
 * walkable); other geometry types are ignored. Zero-length segments are dropped.
 *
 * @param {FeatureCollection} streets street centrelines, WGS84 lon/lat (RFC 7946)
 * @param {BuildStreetGraphOptions} [options] optional projection reference
 * @returns {StreetGraph} an undirected CSR graph; `edgeWay[e]` is the index of the feature in `streets.features`
 * @throws {Error} on a non-FeatureCollection or a non-finite / out-of-range coordinate, naming the feature
 * @example
 * const graph = buildStreetGraph(await (await fetch('/data/streets.geojson')).json());
 * graph.nodeCount; // e.g. 18_000
 */
export function buildStreetGraph(
	streets: FeatureCollection<Geometry | null, GeoJsonProperties>,
	options: BuildStreetGraphOptions = {}
): StreetGraph {
	if (!streets || streets.type !== 'FeatureCollection' || !Array.isArray(streets.features)) {
		throw new Error('buildStreetGraph: expected a GeoJSON FeatureCollection of LineStrings');
	}
	const ids = new Map<string, number>();
	let lonLat = new Float64Array(4096);
	let nodeCount = 0;
	const chains: { way: number; nodes: number[] }[] = [];

	const nodeOf = (c: readonly number[], where: string): number => {
		const lon = c[0];
		const lat = c[1];
		if (
			typeof lon !== 'number' ||
			typeof lat !== 'number' ||
			!Number.isFinite(lon) ||
			!Number.isFinite(lat) ||
			Math.abs(lon) > 180 ||
			Math.abs(lat) > 90
		) {
			throw new Error(`buildStreetGraph: ${where} has an invalid coordinate [${String(c)}]`);
		}
		const ix = Math.round(lon * COORD_SCALE);
		const iy = Math.round(lat * COORD_SCALE);
		const key = `${ix},${iy}`;
		let id = ids.get(key);
		if (id === undefined) {
			id = nodeCount++;
			if (2 * id + 1 >= lonLat.length) {
				const bigger = new Float64Array(lonLat.length * 2);
				bigger.set(lonLat);
				lonLat = bigger;
			}
			lonLat[2 * id] = ix / COORD_SCALE;
			lonLat[2 * id + 1] = iy / COORD_SCALE;
			ids.set(key, id);
		}
		return id;
	};

	streets.features.forEach((feature: Feature<Geometry | null, GeoJsonProperties>, way) => {
		if (!feature || feature.properties?.walkable === false || !feature.geometry) return;
		const g = feature.geometry;
		const where = `feature ${way}${feature.properties?.id ? ` (${String(feature.properties.id)})` : ''}`;
		const parts =
			g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
		for (const part of parts) {
			if (!Array.isArray(part)) throw new Error(`buildStreetGraph: ${where} has malformed coordinates`);
			chains.push({ way, nodes: part.map((c) => nodeOf(c, where)) });
		}
	});

	let ref = options.reference;
	if (!ref) {
		let minLon = Infinity;
		let minLat = Infinity;
		let maxLon = -Infinity;
		let maxLat = -Infinity;
		for (let i = 0; i < nodeCount; i++) {
			const lon = lonLat[2 * i];
			const lat = lonLat[2 * i + 1];
			if (lon < minLon) minLon = lon;
			if (lon > maxLon) maxLon = lon;
			if (lat < minLat) minLat = lat;
			if (lat > maxLat) maxLat = lat;
		}
		ref = nodeCount > 0 ? [(minLon + maxLon) / 2, (minLat + maxLat) / 2] : [0, 0];
	}
	const proj = createLocalProjection(ref[0], ref[1]);
	const kx = proj.metresPerDegreeLon;
	const ky = proj.metresPerDegreeLat;
	const edges = new EdgeList();
	for (const { way, nodes } of chains) {
		for (let k = 1; k < nodes.length; k++) {
			const a = nodes[k - 1];
			const b = nodes[k];
			if (a === b) continue;
			const dx = (lonLat[2 * b] - lonLat[2 * a]) * kx;
			const dy = (lonLat[2 * b + 1] - lonLat[2 * a + 1]) * ky;
			edges.add(a, b, Math.sqrt(dx * dx + dy * dy), way);
		}
	}
	return assemble(
		lonLat,
		nodeCount,
		edges.u,
		edges.v,
		edges.len,
		edges.way,
		edges.count,
		streets.features.length,
		ref[0],
		ref[1]
	);
}

/** Options of {@link buildSyntheticGraph}. */
export interface SyntheticGraphOptions {
	/** PRNG seed; the same options always give the same graph. */
	seed: number;
	/** Nodes per row (≥ 2). */
	cols: number;
	/** Nodes per column (≥ 2). */
	rows: number;
	/** Grid spacing in metres (default 60). */
	spacing?: number;
	/** Random displacement of each node, as a fraction of the spacing (default 0.3, max 0.45). */
	jitter?: number;
	/** Probability that a grid edge is left out (default 0.1), which leaves dead ends and some islands. */
	dropRate?: number;
	/** Probability of a diagonal edge in a grid cell (default 0.05). */
	diagonalRate?: number;
	/** Centre of the grid, [lon, lat] (default Zhongshan Park, [121.418, 31.222]). */
	center?: [number, number];
}

/**
 * A seeded random street network: a perturbed grid with dropped edges and occasional diagonals.
 * About `4 · cols · rows · (1 − dropRate)` directed edges: cols = rows = 520 gives ≈ 1 M.
 *
 * @param {SyntheticGraphOptions} options seed, size and shape
 * @returns {StreetGraph} the graph (edgeWay is NO_WAY)
 * @throws {Error} on invalid sizes or rates
 * @example
 * const graph = buildSyntheticGraph({ seed: 1, cols: 40, rows: 40 });
 */
export function buildSyntheticGraph(options: SyntheticGraphOptions): StreetGraph {
	const {
		seed,
		cols,
		rows,
		spacing = 60,
		jitter = 0.3,
		dropRate = 0.1,
		diagonalRate = 0.05,
		center = [121.418, 31.222]
	} = options;
	if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 2) {
		throw new Error(`buildSyntheticGraph: cols and rows must be integers ≥ 2, got ${cols}×${rows}`);
	}
	if (!(spacing > 0)) throw new Error(`buildSyntheticGraph: spacing must be > 0 m, got ${spacing}`);
	if (!(jitter >= 0 && jitter <= 0.45)) {
		throw new Error(`buildSyntheticGraph: jitter must be in 0…0.45, got ${jitter}`);
	}
	if (!(dropRate >= 0 && dropRate < 1) || !(diagonalRate >= 0 && diagonalRate <= 1)) {
		throw new Error('buildSyntheticGraph: dropRate must be in [0, 1) and diagonalRate in [0, 1]');
	}
	const rand = mulberry32(seed);
	const proj = createLocalProjection(center[0], center[1]);
	const n = cols * rows;
	const lonLat = new Float64Array(2 * n);
	const x = new Float64Array(n);
	const y = new Float64Array(n);
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const i = r * cols + c;
			const px = (c - (cols - 1) / 2 + jitter * (2 * rand() - 1)) * spacing;
			const py = (r - (rows - 1) / 2 + jitter * (2 * rand() - 1)) * spacing;
			// round like buildStreetGraph so lengths match what a GeoJSON round trip would give
			const lon = Math.round((center[0] + px / proj.metresPerDegreeLon) * COORD_SCALE) / COORD_SCALE;
			const lat = Math.round((center[1] + py / proj.metresPerDegreeLat) * COORD_SCALE) / COORD_SCALE;
			lonLat[2 * i] = lon;
			lonLat[2 * i + 1] = lat;
			x[i] = (lon - center[0]) * proj.metresPerDegreeLon;
			y[i] = (lat - center[1]) * proj.metresPerDegreeLat;
		}
	}
	const edges = new EdgeList();
	const link = (a: number, b: number): void => {
		const dx = x[b] - x[a];
		const dy = y[b] - y[a];
		edges.add(a, b, Math.sqrt(dx * dx + dy * dy), NO_WAY);
	};
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const i = r * cols + c;
			if (c + 1 < cols && rand() >= dropRate) link(i, i + 1);
			if (r + 1 < rows && rand() >= dropRate) link(i, i + cols);
			if (c + 1 < cols && r + 1 < rows && rand() < diagonalRate) link(i, i + cols + 1);
		}
	}
	return assemble(lonLat, n, edges.u, edges.v, edges.len, edges.way, edges.count, 0, center[0], center[1]);
}
