/**
 * The binary layout of a street graph buffer (format version 1, little-endian, every section 8-byte
 * aligned), written once here for the reader (street-graph-buffer.ts) and the builders (graph-build.ts):
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

/** Magic bytes at the start of a graph buffer. */
export const GRAPH_MAGIC = 'CNSG';
/** Format version written by this code; `fromBuffer` rejects any other. */
export const GRAPH_FORMAT_VERSION = 1;
/** `edgeWay` value for edges that came from no source feature. */
export const NO_WAY = 0xffffffff;

/** Header size, bytes. */
export const HEADER_BYTES = 48;
/** Largest node or edge count: ids are u32 and 0xffffffff is kept free as a sentinel. */
export const MAX_COUNT = 0xfffffffe;

// arithmetic, not `& ~7`: a corrupt header's counts can exceed the 31 bits a bitwise op keeps
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Byte offset of each section, and the whole buffer's length. */
export interface Layout {
	lonLat: number;
	xy: number;
	offsets: number;
	targets: number;
	lengths: number;
	edgeWay: number;
	byteLength: number;
}

/** The layout of a graph of `n` nodes and `m` directed edges. */
export function layout(n: number, m: number): Layout {
	const lonLat = HEADER_BYTES;
	const xy = align8(lonLat + n * 16);
	const offsets = align8(xy + n * 8);
	const targets = align8(offsets + (n + 1) * 4);
	const lengths = align8(targets + m * 4);
	const edgeWay = align8(lengths + m * 4);
	const byteLength = align8(edgeWay + m * 4);
	return { lonLat, xy, offsets, targets, lengths, edgeWay, byteLength };
}
