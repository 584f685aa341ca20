/**
 * The value check of a street graph read from bytes: every value a search relies on, in one
 * O(nodes + edges) pass.
 */
import { NO_WAY } from './graph-layout';
import type { StreetGraph } from './street-graph-buffer';

/** How far a stored metre coordinate may stray from its projected lon/lat (float32 rounding), metres. */
const XY_TOLERANCE = 0.5;
/** How much shorter than its chord an edge may be (float32 rounding), metres. */
const CHORD_TOLERANCE = 0.05;

/**
 * Check every value a search relies on, in one O(nodes + edges) pass, and throw one message naming
 * the first bad value. The engine's loops terminate only on a graph that passes: a negative length
 * makes Dijkstra cycle, a non-finite coordinate makes the isochrone grid unbounded, an offset past
 * the edge arrays makes a loop run four billion times.
 *
 * @param {StreetGraph} graph a graph wrapped around bytes from outside
 * @param {string} name how the message names the buffer
 * @throws {Error} `<name>: buffer is corrupt: <the first bad value>`
 */
export function checkGraphValues(graph: StreetGraph, name: string): void {
	const fail = (what: string): never => {
		throw new Error(`${name}: buffer is corrupt: ${what}`);
	};
	const view = new DataView(graph.data);
	const flags = view.getUint32(20, true);
	if (flags !== 0) fail(`header flags are ${flags} (reserved, must be 0)`);
	const reserved = view.getUint32(44, true);
	if (reserved !== 0) fail(`reserved header field is ${reserved} (must be 0)`);
	const { nodeCount: n, edgeCount: m, wayCount, lonLat, xy, offsets, targets, lengths, edgeWay } = graph;
	const { refLon, refLat } = graph;
	const kx = graph.projection.metresPerDegreeLon;
	const ky = graph.projection.metresPerDegreeLat;
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
