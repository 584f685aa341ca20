/**
 * The walkable street network as a compressed-sparse-row (CSR) graph over one ArrayBuffer, after
 * mourner/flatbush and mourner/kdbush: a small header, then flat typed arrays, so the whole graph
 * can be fetched as one binary file, handed to a Web Worker as a transferable, and read back
 * without parsing.
 *
 * Every vertex of every input LineString is a node, so every edge is a straight segment; the
 * network is undirected and each street segment is stored in both directions.
 *
 * Binary layout (format version 1, little-endian, every section 8-byte aligned):
 *
 * | bytes            | content                                                          |
 * |------------------|------------------------------------------------------------------|
 * | 0–3              | magic "CNSG" (Changning street graph)                            |
 * | 4–7              | u32 format version                                               |
 * | 8–11             | u32 nodeCount (n)                                                |
 * | 12–15            | u32 edgeCount (m, directed: twice the street segments)           |
 * | 16–19            | u32 wayCount (features of the source collection)                 |
 * | 20–23            | u32 flags (0, reserved)                                          |
 * | 24–31            | f64 reference longitude of the metre projection                  |
 * | 32–39            | f64 reference latitude                                           |
 * | 40–47            | u32 total byte length, u32 reserved                              |
 * | 48…              | Float64Array lonLat (2n) · Float32Array xy metres (2n) ·         |
 * |                  | Uint32Array offsets (n+1) · Uint32Array targets (m) ·            |
 * |                  | Float32Array lengths metres (m) · Uint32Array edgeWay (m)        |
 *
 * The out-edges of node i are `offsets[i] … offsets[i+1]-1`; edge e goes to `targets[e]`, is
 * `lengths[e]` metres long and came from source feature `edgeWay[e]` (NO_WAY for synthetic graphs).
 */
import type { Feature, FeatureCollection, Geometry, GeoJsonProperties } from 'geojson';
import { createLocalProjection, type LocalProjection } from '../geo/projection';
import { mulberry32 } from './random';

/** Magic bytes at the start of a graph buffer. */
export const GRAPH_MAGIC = 'CNSG';
/** Format version written by this code; `fromBuffer` rejects any other. */
export const GRAPH_FORMAT_VERSION = 1;
/** `edgeWay` value for edges that came from no source feature. */
export const NO_WAY = 0xffffffff;

const HEADER_BYTES = 48;
/** Largest node or edge count: ids are u32 and 0xffffffff is kept free as a sentinel. */
const MAX_COUNT = 0xfffffffe;
/** How far a stored metre coordinate may stray from its projected lon/lat (float32 rounding), metres. */
const XY_TOLERANCE = 0.5;
/** How much shorter than its chord an edge may be (float32 rounding), metres. */
const CHORD_TOLERANCE = 0.05;

// arithmetic, not `& ~7`: a corrupt header's counts can exceed the 31 bits a bitwise op keeps
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

interface Layout {
	lonLat: number;
	xy: number;
	offsets: number;
	targets: number;
	lengths: number;
	edgeWay: number;
	byteLength: number;
}

function layout(n: number, m: number): Layout {
	const lonLat = HEADER_BYTES;
	const xy = align8(lonLat + n * 16);
	const offsets = align8(xy + n * 8);
	const targets = align8(offsets + (n + 1) * 4);
	const lengths = align8(targets + m * 4);
	const edgeWay = align8(lengths + m * 4);
	const byteLength = align8(edgeWay + m * 4);
	return { lonLat, xy, offsets, targets, lengths, edgeWay, byteLength };
}

/**
 * A CSR street graph over one ArrayBuffer. Build it with {@link buildStreetGraph} or
 * {@link buildSyntheticGraph}, or read one with {@link StreetGraph.fromBuffer}.
 */
export class StreetGraph {
	/** Number of nodes. */
	readonly nodeCount: number;
	/** Number of directed edges (each street segment counts twice). */
	readonly edgeCount: number;
	/** Number of features in the source collection (edgeWay indexes into it). */
	readonly wayCount: number;
	/** Reference longitude of {@link StreetGraph.projection}. */
	readonly refLon: number;
	/** Reference latitude of {@link StreetGraph.projection}. */
	readonly refLat: number;
	/** Node coordinates, WGS84 degrees, interleaved [lon0, lat0, lon1, lat1, …]. */
	readonly lonLat: Float64Array;
	/** Node coordinates in metres east/north of (refLon, refLat), interleaved [x0, y0, …]. */
	readonly xy: Float32Array;
	/** CSR row starts, length nodeCount + 1. */
	readonly offsets: Uint32Array;
	/** Edge targets, length edgeCount. */
	readonly targets: Uint32Array;
	/** Edge lengths in metres, length edgeCount. */
	readonly lengths: Float32Array;
	/** Source feature index of each edge, or NO_WAY. */
	readonly edgeWay: Uint32Array;
	/** The metre projection the xy arrays use. */
	readonly projection: LocalProjection;
	/** The backing buffer (header included). */
	readonly data: ArrayBuffer;

	private constructor(data: ArrayBuffer, name = 'StreetGraph') {
		// toString, not instanceof: a buffer from another realm (worker, vm) is still an ArrayBuffer
		if (Object.prototype.toString.call(data) !== '[object ArrayBuffer]') {
			throw new Error(`${name}: expected an ArrayBuffer`);
		}
		if (data.byteLength < HEADER_BYTES) {
			throw new Error(
				`${name}: buffer of ${data.byteLength} bytes is too short to be a street graph (header is ${HEADER_BYTES} bytes)`
			);
		}
		const view = new DataView(data);
		const magic = String.fromCharCode(
			view.getUint8(0),
			view.getUint8(1),
			view.getUint8(2),
			view.getUint8(3)
		);
		if (magic !== GRAPH_MAGIC) {
			throw new Error(
				`${name}: not a street graph buffer (magic is "${magic.replace(/[^\x20-\x7e]/g, '?')}", expected "${GRAPH_MAGIC}")`
			);
		}
		const version = view.getUint32(4, true);
		if (version !== GRAPH_FORMAT_VERSION) {
			throw new Error(
				`${name}: unsupported format version ${version} (this build reads version ${GRAPH_FORMAT_VERSION}); rebuild the graph file`
			);
		}
		const n = view.getUint32(8, true);
		const m = view.getUint32(12, true);
		const declared = view.getUint32(40, true);
		if (declared !== data.byteLength) {
			throw new Error(
				`${name}: buffer is truncated or corrupt: it is ${data.byteLength} bytes but its header says ${declared}`
			);
		}
		if (n > MAX_COUNT || m > MAX_COUNT) {
			throw new Error(`${name}: buffer is corrupt: its header says ${n} nodes and ${m} edges, more than 32-bit indices allow`);
		}
		// Checked before any typed array is made over the buffer, so a corrupt count is named here
		// rather than surfacing as a RangeError from a view constructor.
		const l = layout(n, m);
		if (l.byteLength !== declared) {
			throw new Error(
				`${name}: buffer is truncated or corrupt: its header says ${n} nodes and ${m} edges, which need ${l.byteLength} bytes, but ${declared} bytes`
			);
		}
		this.nodeCount = n;
		this.edgeCount = m;
		this.wayCount = view.getUint32(16, true);
		this.refLon = view.getFloat64(24, true);
		this.refLat = view.getFloat64(32, true);
		if (
			!Number.isFinite(this.refLon) ||
			!Number.isFinite(this.refLat) ||
			Math.abs(this.refLon) > 180 ||
			Math.abs(this.refLat) > 85
		) {
			throw new Error(
				`${name}: buffer is corrupt: the projection reference [${this.refLon}, ${this.refLat}] is not a lon/lat within ±180°, ±85°`
			);
		}
		this.data = data;
		this.lonLat = new Float64Array(data, l.lonLat, 2 * n);
		this.xy = new Float32Array(data, l.xy, 2 * n);
		this.offsets = new Uint32Array(data, l.offsets, n + 1);
		this.targets = new Uint32Array(data, l.targets, m);
		this.lengths = new Float32Array(data, l.lengths, m);
		this.edgeWay = new Uint32Array(data, l.edgeWay, m);
		this.projection = createLocalProjection(this.refLon, this.refLat);
	}

	/**
	 * Check every value a search relies on, in one O(nodes + edges) pass, and throw one message naming
	 * the first bad value. The engine's loops terminate only on a graph that passes: a negative length
	 * makes Dijkstra cycle, a non-finite coordinate makes the isochrone grid unbounded, an offset past
	 * the edge arrays makes a loop run four billion times.
	 */
	private validate(name: string): void {
		const fail = (what: string): never => {
			throw new Error(`${name}: buffer is corrupt: ${what}`);
		};
		const view = new DataView(this.data);
		const flags = view.getUint32(20, true);
		if (flags !== 0) fail(`header flags are ${flags} (reserved, must be 0)`);
		const reserved = view.getUint32(44, true);
		if (reserved !== 0) fail(`reserved header field is ${reserved} (must be 0)`);
		const { nodeCount: n, edgeCount: m, wayCount, lonLat, xy, offsets, targets, lengths, edgeWay } = this;
		const { refLon, refLat } = this;
		const kx = this.projection.metresPerDegreeLon;
		const ky = this.projection.metresPerDegreeLat;
		for (let i = 0; i < n; i++) {
			const lon = lonLat[2 * i];
			const lat = lonLat[2 * i + 1];
			if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
				fail(`node ${i} has a non-finite coordinate [${lon}, ${lat}]`);
			}
			if (Math.abs(lon) > 180 || Math.abs(lat) > 90) fail(`node ${i} has an out-of-range coordinate [${lon}, ${lat}]`);
			const x = xy[2 * i];
			const y = xy[2 * i + 1];
			if (!Number.isFinite(x) || !Number.isFinite(y)) fail(`node ${i} has a non-finite metre coordinate [${x}, ${y}]`);
			// xy is a float32 copy of the projected lon/lat: millimetres of rounding, never metres
			const ex = (lon - refLon) * kx;
			const ey = (lat - refLat) * ky;
			if (Math.abs(x - ex) > XY_TOLERANCE + 1e-6 * Math.abs(ex) || Math.abs(y - ey) > XY_TOLERANCE + 1e-6 * Math.abs(ey)) {
				fail(`node ${i} has metre coordinates [${x}, ${y}] that do not match its lon/lat (expected [${ex.toFixed(2)}, ${ey.toFixed(2)}])`);
			}
		}
		if (offsets[0] !== 0) fail(`edge offsets start at ${offsets[0]}, not 0`);
		for (let i = 0; i < n; i++) {
			if (offsets[i + 1] < offsets[i]) {
				fail(`edge offsets are not monotone at node ${i} (${offsets[i]} then ${offsets[i + 1]})`);
			}
		}
		if (offsets[n] !== m) fail(`edge offsets end at ${offsets[n]}, but there are ${m} edges`);
		for (let u = 0; u < n; u++) {
			for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
				const v = targets[e];
				if (v >= n) fail(`target ${v} of edge ${e} is out of range (${n} nodes)`);
				const len = lengths[e];
				if (!Number.isFinite(len)) fail(`edge ${e} has a non-finite length (${len})`);
				if (len < 0) fail(`edge ${e} has a negative length (${len} m)`);
				// every edge is a straight segment, so it is never shorter than its chord: the
				// isochrone's "inside the straight-line circle" guarantee rests on it
				const dx = xy[2 * v] - xy[2 * u];
				const dy = xy[2 * v + 1] - xy[2 * u + 1];
				const chord = Math.sqrt(dx * dx + dy * dy);
				if (len < chord - CHORD_TOLERANCE - 1e-4 * chord) {
					fail(`edge ${e} (node ${u} → ${v}) is ${len} m long, shorter than the ${chord.toFixed(2)} m between its nodes`);
				}
				const way = edgeWay[e];
				if (way !== NO_WAY && way >= wayCount) {
					fail(`edge ${e} comes from source feature ${way}, but the graph has ${wayCount}`);
				}
			}
		}
	}

	/**
	 * Read a graph from a buffer written by {@link StreetGraph.toBuffer} (no copy when given an
	 * ArrayBuffer; a view is copied if it does not cover its whole buffer). Every value is checked
	 * (header sizes against the buffer length, finite coordinates matching their projection, offsets
	 * monotone and spanning the edges, targets in range, finite non-negative lengths no shorter than
	 * the straight line, source features in range) in O(nodes + edges): a graph that loads is safe
	 * to search.
	 *
	 * @param {ArrayBuffer | ArrayBufferView} buffer the bytes of a `.graph.bin` file
	 * @param {string} [name='StreetGraph'] how error messages name the buffer, e.g. its file name
	 * @returns {StreetGraph} a graph whose arrays are views into the buffer
	 * @throws {Error} one message naming the first problem: a wrong magic, an unsupported version, a
	 *   size that disagrees with the buffer length, or a bad value ("…: node 17 has a non-finite coordinate …")
	 * @example
	 * const graph = StreetGraph.fromBuffer(await (await fetch('/data/streets.graph.bin')).arrayBuffer());
	 */
	static fromBuffer(buffer: ArrayBuffer | ArrayBufferView, name = 'StreetGraph'): StreetGraph {
		let ab: ArrayBuffer;
		if (ArrayBuffer.isView(buffer)) {
			const whole =
				buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength &&
				Object.prototype.toString.call(buffer.buffer) === '[object ArrayBuffer]';
			ab = whole
				? (buffer.buffer as ArrayBuffer)
				: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice().buffer;
		} else ab = buffer;
		const graph = new StreetGraph(ab, name);
		graph.validate(name);
		return graph;
	}

	/**
	 * The graph as one ArrayBuffer (the backing buffer itself, not a copy: transferring it to a
	 * worker detaches this graph's arrays).
	 *
	 * @returns {ArrayBuffer} header + arrays, ready to write to a file or post to a worker
	 */
	toBuffer(): ArrayBuffer {
		return this.data;
	}

	/**
	 * Allocate an empty graph buffer and wrap it (internal to the builders).
	 *
	 * @internal
	 */
	static allocate(
		nodeCount: number,
		edgeCount: number,
		wayCount: number,
		refLon: number,
		refLat: number
	): StreetGraph {
		if (nodeCount > MAX_COUNT || edgeCount > MAX_COUNT) {
			throw new Error('StreetGraph: too many nodes or edges for 32-bit indices');
		}
		const l = layout(nodeCount, edgeCount);
		const data = new ArrayBuffer(l.byteLength);
		const view = new DataView(data);
		for (let i = 0; i < 4; i++) view.setUint8(i, GRAPH_MAGIC.charCodeAt(i));
		view.setUint32(4, GRAPH_FORMAT_VERSION, true);
		view.setUint32(8, nodeCount, true);
		view.setUint32(12, edgeCount, true);
		view.setUint32(16, wayCount, true);
		view.setUint32(20, 0, true);
		view.setFloat64(24, refLon, true);
		view.setFloat64(32, refLat, true);
		view.setUint32(40, l.byteLength, true);
		new Uint32Array(data, l.offsets, nodeCount + 1)[nodeCount] = edgeCount;
		return new StreetGraph(data);
	}

	/** [lon, lat] of a node. */
	nodeLonLat(node: number): [number, number] {
		return [this.lonLat[2 * node], this.lonLat[2 * node + 1]];
	}

	/** Number of out-edges of a node (its street degree). */
	degree(node: number): number {
		return this.offsets[node + 1] - this.offsets[node];
	}

	/**
	 * The source node of a directed edge (binary search over offsets, O(log n)).
	 *
	 * @param {number} edge directed edge index
	 * @returns {number} the node whose out-edge it is
	 */
	edgeSource(edge: number): number {
		const offsets = this.offsets;
		let lo = 0;
		let hi = this.nodeCount - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (offsets[mid] <= edge) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}
}

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

/**
 * Connected components of the graph (iterative BFS).
 *
 * @param {StreetGraph} graph the graph
 * @returns {Uint32Array} component id per node (0-based, in order of lowest node id)
 */
export function connectedComponents(graph: StreetGraph): Uint32Array {
	const { nodeCount, offsets, targets } = graph;
	const comp = new Uint32Array(nodeCount).fill(0xffffffff);
	const queue = new Uint32Array(nodeCount);
	let next = 0;
	for (let s = 0; s < nodeCount; s++) {
		if (comp[s] !== 0xffffffff) continue;
		const id = next++;
		let head = 0;
		let tail = 0;
		queue[tail++] = s;
		comp[s] = id;
		while (head < tail) {
			const u = queue[head++];
			for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
				const v = targets[e];
				if (comp[v] === 0xffffffff) {
					comp[v] = id;
					queue[tail++] = v;
				}
			}
		}
	}
	return comp;
}
