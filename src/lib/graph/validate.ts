/**
 * The invariants every isochrone must satisfy, checked from first principles (after mapbox/delaunator's
 * `validate()` in its tests). Used by the unit tests over fixtures and seeded random graphs, and
 * usable from scripts on the real network.
 *
 * Checks, each reported as one line when violated:
 * - the snapped point lies on its edge and the origin costs 0 there (start costs are the partial edge);
 * - every reached node is within the largest limit, and the costs are exact shortest paths:
 *   no edge offers a shortcut, every non-source node has a tight predecessor, and no unreached
 *   neighbour could have been reached within the limit (a Bellman certificate);
 * - nodes of another connected component are never reached;
 * - bands nest: every vertex of band k lies inside or on band k+1, and areas grow;
 * - band rings are closed, exteriors counter-clockwise and holes clockwise (RFC 7946);
 * - every band vertex and reached street lies within the straight-line circle of its walking
 *   distance (plus one grid cell) around the snapped point;
 * - barriers (validate-reach.ts): every point of band k is on a street reached within k minutes or
 *   joined to one by an off-street walk of at most `maxOffStreet` metres that crosses no barrier
 *   line; only streets (bridges) cross barriers;
 * - more minutes never shrink the result (recomputed with every limit raised).
 */
import type { Position } from 'geojson';
import { metresPerMinute } from '../geo/walking';
import { computeIsochrone, type IsochroneOptions, type IsochroneSuccess } from './isochrone';
import type { SnapIndex } from './snap';
import { connectedComponents, type StreetGraph } from './street-graph';
import { barrierRuleErrors } from './validate-reach';

/** Extra inputs of {@link validateIsochrone}. */
export interface ValidateOptions {
	/** Component id per node (from `connectedComponents(graph)`); computed when absent. */
	components?: Uint32Array;
	/** Recompute with larger limits to check monotonicity (default true). */
	checkMonotone?: boolean;
}

/**
 * Check an isochrone against its invariants.
 *
 * @param {StreetGraph} graph the graph it was computed on
 * @param {SnapIndex} index the snap index it was computed with
 * @param {IsochroneOptions} options the options it was computed with
 * @param {IsochroneSuccess} result the result to check
 * @param {ValidateOptions} [extra] precomputed components, monotonicity switch
 * @returns {string[]} one message per violated invariant; empty when all hold
 * @example
 * expect(validateIsochrone(graph, index, options, result)).toEqual([]);
 */
export function validateIsochrone(
	graph: StreetGraph,
	index: SnapIndex,
	options: IsochroneOptions,
	result: IsochroneSuccess,
	extra: ValidateOptions = {}
): string[] {
	const errors: string[] = [];
	const fail = (msg: string): void => {
		if (errors.length < 20) errors.push(msg);
	};
	const { snapped, minutes, speedKmh } = result;
	const mpm = metresPerMinute(speedKmh);
	const limits = minutes.map((m) => m * mpm);
	const T = limits[limits.length - 1];
	const eps = 1e-3 + T * 1e-6;
	const { offsets, targets, lengths, nodeCount } = graph;
	const proj = graph.projection;
	const toXY = (p: Position): [number, number] => proj.toMetres(p);

	// ---- snap --------------------------------------------------------------------------------
	const { u, v, t, edge } = snapped;
	if (graph.edgeSource(edge) !== u || targets[edge] !== v) fail(`snap: edge ${edge} is not ${u}→${v}`);
	if (!(t >= 0 && t <= 1)) fail(`snap: t=${t} outside 0…1`);
	const [ux, uy] = toXY(graph.nodeLonLat(u));
	const [vx, vy] = toXY(graph.nodeLonLat(v));
	const [px, py] = toXY(snapped.point);
	const onEdge = Math.hypot(ux + t * (vx - ux) - px, uy + t * (vy - uy) - py);
	if (onEdge > 0.01) fail(`snap: snapped point is ${onEdge.toFixed(3)} m off its edge`);
	const [ox, oy] = toXY(result.origin);
	const snapDist = Math.hypot(ox - px, oy - py);
	if (Math.abs(snapDist - snapped.distance) > 0.05) {
		fail(`snap: reported distance ${snapped.distance} but origin is ${snapDist} m from the snapped point`);
	}

	// ---- costs: a Bellman certificate ------------------------------------------------------------
	const cost = new Float64Array(nodeCount).fill(Infinity);
	const { nodes, costs } = result.reached;
	for (let i = 0; i < nodes.length; i++) {
		if (cost[nodes[i]] !== Infinity) fail(`costs: node ${nodes[i]} listed twice`);
		cost[nodes[i]] = costs[i];
		if (!(costs[i] >= 0 && costs[i] <= T + eps)) fail(`costs: node ${nodes[i]} costs ${costs[i]} m > limit ${T} m`);
		if (i > 0 && costs[i] < costs[i - 1] - eps) fail('costs: reached nodes are not in settle order');
	}
	const L = snapped.edgeLength;
	const startU = t * L;
	const startV = (1 - t) * L;
	if (startU <= T && !(cost[u] <= startU + eps)) fail(`origin: edge end u costs ${cost[u]} > ${startU}`);
	if (startV <= T && !(cost[v] <= startV + eps)) fail(`origin: edge end v costs ${cost[v]} > ${startV}`);
	if (nodes.length > 0 && Math.abs(costs[0] - Math.min(startU, startV)) > eps) {
		fail(`origin: cheapest node costs ${costs[0]}, expected ${Math.min(startU, startV)} (origin must cost 0)`);
	}
	for (let a = 0; a < nodeCount; a++) {
		const ca = cost[a];
		let tight = (a === u && Math.abs(ca - startU) <= eps) || (a === v && Math.abs(ca - startV) <= eps);
		for (let e = offsets[a], end = offsets[a + 1]; e < end; e++) {
			const b = targets[e];
			const cb = cost[b];
			const len = lengths[e];
			if (ca !== Infinity && cb > ca + len + eps) {
				if (cb === Infinity && ca + len <= T - eps) fail(`costs: node ${b} reachable in ${ca + len} m but not reached`);
				else if (cb !== Infinity) fail(`costs: edge ${a}→${b} is a shortcut (${ca}+${len} < ${cb})`);
			}
			if (ca !== Infinity && cb !== Infinity && Math.abs(cb + len - ca) <= eps) tight = true;
		}
		if (ca !== Infinity && !tight) fail(`costs: node ${a} (${ca} m) has no tight predecessor`);
	}

	// ---- components --------------------------------------------------------------------------------
	const comp = extra.components ?? connectedComponents(graph);
	for (const n of nodes) {
		if (comp[n] !== comp[u]) fail(`components: node ${n} of another component was reached`);
	}

	// ---- band geometry ---------------------------------------------------------------------------
	const bands = [...result.bands.features].sort((a, b) => a.properties.minutes - b.properties.minutes);
	if (bands.length !== minutes.length) fail(`bands: ${bands.length} features for ${minutes.length} limits`);
	const polys = bands.map((f) =>
		f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
	);
	const cell = result.grid.cellSize;
	polys.forEach((mp, k) => {
		const radius = limits[k] + cell * 1.01 + 0.5;
		for (const poly of mp) {
			poly.forEach((ring, r) => {
				if (ring.length < 4) fail(`bands: ${minutes[k]} min ring with ${ring.length} positions`);
				const first = ring[0];
				const last = ring[ring.length - 1];
				if (first[0] !== last[0] || first[1] !== last[1]) fail(`bands: ${minutes[k]} min ring not closed`);
				const area = signedArea(ring);
				if (r === 0 && !(area > 0)) fail(`bands: ${minutes[k]} min exterior ring is not counter-clockwise`);
				if (r > 0 && !(area < 0)) fail(`bands: ${minutes[k]} min hole is not clockwise`);
				for (const p of ring) {
					const [x, y] = toXY(p);
					const d = Math.hypot(x - px, y - py);
					if (d > radius) {
						fail(`circle: ${minutes[k]} min band vertex ${d.toFixed(1)} m from the start (> ${radius.toFixed(1)} m)`);
						break;
					}
				}
			});
		}
	});
	for (let k = 0; k + 1 < polys.length; k++) {
		const inner = polys[k];
		const outer = polys[k + 1];
		if (bands[k].properties.area_m2 > bands[k + 1].properties.area_m2) {
			fail(`nesting: ${minutes[k]} min area exceeds ${minutes[k + 1]} min area`);
		}
		let outside = 0;
		for (const poly of inner) {
			for (const ring of poly) {
				for (const p of ring) if (!inMultiPolygon(outer, p)) outside++;
			}
		}
		if (outside > 0) fail(`nesting: ${outside} vertices of the ${minutes[k]} min band lie outside the ${minutes[k + 1]} min band`);
	}

	// ---- reached streets ---------------------------------------------------------------------------
	for (const f of result.reachedStreets.features) {
		if (f.properties.minutes > minutes[minutes.length - 1] + 1e-9) {
			fail(`streets: piece at ${f.properties.minutes} min beyond the limit`);
		}
		for (const p of f.geometry.coordinates) {
			const [x, y] = toXY(p);
			if (Math.hypot(x - px, y - py) > T + 0.5) {
				fail('circle: a reached street lies outside the straight-line circle');
				break;
			}
		}
	}

	// ---- barriers: the off-street walk never crosses one -----------------------------------------
	for (const msg of barrierRuleErrors(graph, options, result)) fail(msg);

	// ---- monotone in minutes -----------------------------------------------------------------------
	// Recompute with one more, larger band: every node stays reached and every band keeps (at
	// least) its outline: each old vertex lies inside or on the new band of the same minutes.
	if (extra.checkMonotone !== false) {
		const top = minutes[minutes.length - 1];
		const more = top < 60 ? [...minutes, Math.min(60, top + 3)] : minutes;
		const bigger = computeIsochrone(graph, index, { ...options, minutes: more });
		if (!bigger.ok) fail('monotone: more minutes failed to compute');
		else {
			const reachedMore = new Uint8Array(nodeCount);
			for (const n of bigger.reached.nodes) reachedMore[n] = 1;
			let lost = 0;
			for (const n of nodes) if (!reachedMore[n]) lost++;
			if (lost > 0) fail(`monotone: ${lost} nodes reached in ${minutes.join('/')} min are lost with more minutes`);
			const sameGrid = bigger.grid.cellSize === result.grid.cellSize;
			// when the larger isochrone needed a coarser grid (maxCells), outlines are drawn at another
			// resolution and only the reached nodes are comparable
			result.areas.forEach((a, k) => {
				if (sameGrid && bigger.areas[k].area_m2 < a.area_m2) {
					fail(`monotone: the ${a.minutes} min band shrinks from ${a.area_m2} to ${bigger.areas[k].area_m2} m² with more minutes`);
				}
			});
			if (sameGrid) {
				minutes.forEach((m, k) => {
					const f = bigger.bands.features.find((x) => x.properties.minutes === m);
					if (!f) return fail(`monotone: no ${m} min band with more minutes`);
					const np = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
					let outside = 0;
					for (const poly of polys[k]) for (const p of poly[0]) if (!inMultiPolygon(np, p)) outside++;
					if (outside > 0) fail(`monotone: ${outside} outline vertices of the ${m} min band fall outside it with more minutes`);
				});
			}
		}
	}
	return errors;
}

/**
 * Twice-signed area of a closed ring in degrees² (positive = counter-clockwise), taken relative to
 * the first vertex: raw lon·lat products (≈ 3800 deg²) would cancel away small rings' areas.
 */
export function signedArea(ring: readonly Position[]): number {
	const x0 = ring[0][0];
	const y0 = ring[0][1];
	let a = 0;
	for (let i = 1; i + 1 < ring.length; i++) {
		a += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
	}
	return a;
}

/** Point in (or on the boundary of, within ~1 mm) a MultiPolygon's coordinates, even-odd over rings. */
export function inMultiPolygon(mp: readonly (readonly (readonly Position[])[])[], p: Position): boolean {
	for (const poly of mp) {
		let inside = false;
		for (const ring of poly) {
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
				const a = ring[i];
				const b = ring[j];
				if (onSegment(a, b, p)) return true;
				if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
					inside = !inside;
				}
			}
		}
		if (inside) return true;
	}
	return false;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
	const tol = 1e-8; // degrees, ≈ 1 mm
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len2 = dx * dx + dy * dy;
	let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	const ex = a[0] + t * dx - p[0];
	const ey = a[1] + t * dy - p[1];
	return ex * ex + ey * ey <= tol * tol;
}
