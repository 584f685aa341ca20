/**
 * The street graph as compressed-sparse-row (CSR) typed arrays over one ArrayBuffer, after
 * mourner/flatbush and mourner/kdbush: a small header, then flat typed arrays, so the whole graph can
 * be fetched as one binary file, handed to a Web Worker as a transferable, and read back without
 * parsing. The layout is in graph-layout.ts; the builders are in graph-build.ts.
 */
import { createLocalProjection, type LocalProjection } from '../geo/projection';
import { checkGraphValues } from './graph-check';
import { GRAPH_FORMAT_VERSION, GRAPH_MAGIC, HEADER_BYTES, MAX_COUNT, layout } from './graph-layout';

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
		checkGraphValues(graph, name);
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
