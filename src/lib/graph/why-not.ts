/**
 * "Why is this spot out of reach?": the cheapest walk from a life circle's origin to a spot, what it
 * costs beyond the largest band, and the way in — the bridge it has to take over the creek, or the
 * street on which it passes the band's limit.
 *
 * The walk is costed as the isochrone costs it (isochrone.ts), so a spot inside a band reports that
 * band: cost 0 at the origin's snapped point, along the streets from there, then a straight walk off
 * the street to the spot of at most `maxOffStreet` metres, charged × `detour`, that never crosses a
 * barrier (Suzhou Creek). Where the walk leaves the street is chosen, like the band's cost grid,
 * as the cheapest of every street point within reach of the spot, not only the nearest one: a spot
 * across the creek 40 m from a bank street on the origin's side is reached from its own bank.
 *
 * One query is a full Dijkstra from the origin with predecessors (the graph is a few thousand nodes;
 * a click, not a drag), then a scan of the street segments near the spot.
 */
import { metresPerMinute } from '../geo/walking';
import type { PreparedBarriers } from './barriers';
import { DEFAULT_MAX_SNAP_DISTANCE, snapToGraph, type SnapHit, type SnapIndex } from './snap';
import type { StreetGraph } from './street-graph';
import { searchScratch, startSearch, type SearchScratch } from './search-scratch';

/** What the street data says about a source feature (by `edgeWay` index). */
export interface WayInfo {
	/** A bridge piece (`class: 'bridge'` in streets.geojson). */
	bridge: boolean;
	name_en: string;
	name_zh: string;
}

export interface WhyNotOptions {
	/** The life circle's origin, WGS84 [lon, lat]. */
	origin: readonly number[];
	/** The spot asked about, WGS84 [lon, lat]. */
	point: readonly number[];
	/** Band limits, minutes (the largest decides "out of reach"). */
	minutes: readonly number[];
	/** Walking speed, km/h. */
	speedKmh: number;
	/** Cost factor of the off-street walk (default 1.3, as the isochrone). */
	detour?: number;
	/** Longest off-street walk, metres (default 120, as the isochrone). */
	maxOffStreet?: number;
	/** Snapping radius of the origin, metres (default 250). */
	maxSnapDistance?: number;
	/** Lines the off-street walk may not cross, prepared in the graph's projection. */
	barriers?: PreparedBarriers | null;
	/** Per source feature of the graph (`edgeWay`): bridge flag and names. Without it no piece is a bridge and none is named. */
	ways?: readonly WayInfo[] | null;
}

/** The walk from the origin to the spot. */
export interface WhyNotWalk {
	/** Minutes: `metres / (speed in metres per minute)`. */
	minutes: number;
	/** Walking cost, metres: `streetMetres + detour × offStreetMetres`. */
	metres: number;
	/** Along the streets, from the origin's snapped point. */
	streetMetres: number;
	/** The straight walk from the street to the spot, metres (charged × detour). */
	offStreetMetres: number;
	/** Origin to spot as the crow flies, metres. */
	straightMetres: number;
	/** The walk as drawn: the origin's snapped point, the street nodes passed, where it leaves the street, the spot. */
	coordinates: [number, number][];
}

/** Where the walk is decided: the bridge over the water, or the street on which it passes the limit. */
export type WayIn =
	| {
			kind: 'bridge';
			/** The bridge piece's source feature (`edgeWay`). */
			way: number;
			name_en: string;
			name_zh: string;
			/** The nearest named street on the walk after the bridge (or before it), to place an unnamed bridge. */
			near_en: string;
			near_zh: string;
			/** The bridge piece as walked. */
			coordinates: [number, number][];
			/** Minutes into the walk at the far end of the bridge. */
			minutesAt: number;
	  }
	| {
			kind: 'street';
			way: number;
			name_en: string;
			name_zh: string;
			/** The street piece the walk is on where it passes the limit, from there to where it leaves it. */
			coordinates: [number, number][];
			/** Walking metres from the limit to the spot. */
			metresBeyond: number;
	  }
	/** The limit falls in the last, off-street stretch to the spot; `way` is the street it leaves (−1: none known). */
	| { kind: 'off-street'; way: number; name_en: string; name_zh: string; coordinates: [number, number][]; metresBeyond: number };

export type WhyNotResult =
	/** The origin has no walkable street within the snapping radius. */
	| { kind: 'no-origin-street'; nearestDistance: number }
	/** No street within the off-street walk of the spot (without crossing water). */
	| { kind: 'no-street'; maxOffStreet: number; nearestDistance: number }
	/** Streets near the spot, but none connects to the origin's (another component of the network). */
	| { kind: 'unreachable' }
	/** Within a band: the smallest band holding the walk. */
	| { kind: 'inside'; band: number; walk: WhyNotWalk }
	| {
			kind: 'outside';
			walk: WhyNotWalk;
			/** The largest band, minutes. */
			limit: number;
			/** `walk.minutes − limit`, > 0. */
			extraMinutes: number;
			/** Where the walk passes the largest band's limit. */
			exit: [number, number];
			/** The walk split there: up to `exit` (within the band) and from it to the spot. */
			within: [number, number][];
			beyond: [number, number][];
			wayIn: WayIn;
	  };


/** Sample spacing along a candidate street, metres (the band grid samples every half cell, ~12 m). */
const SAMPLE_METRES = 2;

/** One leg of the walk: a straight piece with its source feature and the walking cost at both ends. */
interface Leg {
	a: [number, number];
	b: [number, number];
	/** Source feature, −1 for the off-street stretch. */
	way: number;
	c0: number;
	c1: number;
}

/**
 * Explain whether, and why not, a spot is within a life circle's bands.
 *
 * @param {StreetGraph} graph the street graph
 * @param {SnapIndex} index its snapping index
 * @param {WhyNotOptions} options origin, spot, band limits (minutes), speed (km/h); off-street walk
 *   `detour` (default 1.3) and `maxOffStreet` (default 120 m) as the isochrone used; `barriers` and `ways`
 * @returns {WhyNotResult} `inside` with its band, `outside` with the extra minutes and the way in, or why
 *   there is no walk (`no-origin-street`, `no-street`, `unreachable`)
 * @throws {Error} on a non-finite point, no band limits or a speed that is not positive
 * @example
 * const why = explainReach(graph, index, { origin: [121.42, 31.22], point: [121.43, 31.23], minutes: [5, 10, 15], speedKmh: 4 });
 * if (why.kind === 'outside') console.log(why.extraMinutes, why.wayIn.kind);
 */
export function explainReach(graph: StreetGraph, index: SnapIndex, options: WhyNotOptions): WhyNotResult {
	const { origin, point, minutes, speedKmh, detour = 1.3, maxOffStreet = 120, barriers = null, ways = null } = options;
	if (!point || point.length < 2 || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
		throw new Error(`explainReach: point must be a finite [lon, lat], got ${JSON.stringify(point)}`);
	}
	if (!Array.isArray(minutes) || minutes.length === 0 || !minutes.every((m) => m > 0)) {
		throw new Error('explainReach: minutes must be a non-empty list of positive band limits');
	}
	if (!(speedKmh > 0)) throw new Error(`explainReach: speedKmh must be > 0, got ${speedKmh}`);
	const snap = snapToGraph(graph, index, origin, options.maxSnapDistance ?? DEFAULT_MAX_SNAP_DISTANCE);
	if (!snap.ok) return { kind: 'no-origin-street', nearestDistance: snap.nearestDistance };

	const s = search(graph, snap);
	const { dist, stamp, generation: gen } = s;
	const cost = (n: number): number => (stamp[n] === gen ? dist[n] : Infinity);

	// ---- where the walk leaves the streets: the cheapest street point within reach of the spot ----
	const proj = graph.projection;
	const [px, py] = proj.toMetres(point);
	const walls = barriersNear(barriers, px, py, maxOffStreet);
	const { offsets, targets, lengths, xy } = graph;
	let nearest = Infinity;
	let best = Infinity;
	let bestEdge = -1;
	let bestS = 0;
	let bestOff = 0;
	let bestFrom: 'u' | 'v' | 'origin' = 'u';
	let bestU = -1;
	let bestV = -1;
	let anyCandidate = false;
	for (let u = 0; u < graph.nodeCount; u++) {
		const ax = xy[2 * u];
		const ay = xy[2 * u + 1];
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			const v = targets[e];
			if (v < u) continue; // each street segment once (u < v, as the snap index lists them)
			const bx = xy[2 * v];
			const by = xy[2 * v + 1];
			const dx = bx - ax;
			const dy = by - ay;
			const len2 = dx * dx + dy * dy;
			let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			const perp = Math.hypot(ax + t * dx - px, ay + t * dy - py);
			if (perp < nearest) nearest = perp;
			if (perp > maxOffStreet) continue;
			const L = lengths[e];
			const du = cost(u);
			const dv = cost(v);
			const onOrigin = e === snap.edge;
			if (du === Infinity && dv === Infinity && !onOrigin) {
				anyCandidate ||= !crosses(walls, ax + t * dx, ay + t * dy, px, py);
				continue;
			}
			const sT = snap.t * L;
			const steps = Math.max(1, Math.ceil(L / SAMPLE_METRES));
			for (let k = 0; k <= steps + 1; k++) {
				// the samples, and the foot of the perpendicular
				const f = k <= steps ? k / steps : t;
				const qx = ax + f * dx;
				const qy = ay + f * dy;
				const off = Math.hypot(qx - px, qy - py);
				if (off > maxOffStreet) continue;
				const at = f * L;
				let c = du + at;
				let from: 'u' | 'v' | 'origin' = 'u';
				if (dv + L - at < c) {
					c = dv + L - at;
					from = 'v';
				}
				if (onOrigin && Math.abs(at - sT) < c) {
					c = Math.abs(at - sT);
					from = 'origin';
				}
				const total = c + detour * off;
				if (total >= best) continue;
				if (crosses(walls, qx, qy, px, py)) continue;
				anyCandidate = true;
				best = total;
				bestEdge = e;
				bestS = at;
				bestOff = off;
				bestFrom = from;
				bestU = u;
				bestV = v;
			}
		}
	}
	if (bestEdge < 0) {
		if (anyCandidate) return { kind: 'unreachable' };
		return { kind: 'no-street', maxOffStreet, nearestDistance: nearest };
	}

	// ---- the walk, leg by leg, with the cost at each end ----
	const ll = graph.lonLat;
	const nodeLL = (n: number): [number, number] => [ll[2 * n], ll[2 * n + 1]];
	const bu = nodeLL(bestU);
	const bv = nodeLL(bestV);
	const bL = lengths[bestEdge];
	const along = (from: [number, number], to: [number, number], f: number): [number, number] => [from[0] + f * (to[0] - from[0]), from[1] + f * (to[1] - from[1])];
	const leave = along(bu, bv, bL > 0 ? bestS / bL : 0);
	const legs: Leg[] = [];
	const way = (e: number): number => graph.edgeWay[e];
	const wayOfEdge = way(bestEdge);
	const originEdgeWay = way(snap.edge);
	if (bestFrom === 'origin') {
		legs.push({ a: snap.point, b: leave, way: originEdgeWay, c0: 0, c1: Math.abs(bestS - snap.t * bL) });
	} else {
		const endNode = bestFrom === 'u' ? bestU : bestV;
		const chain: number[] = [];
		for (let n = endNode; n !== -1; n = s.pred[n]) chain.push(n);
		chain.reverse();
		// from the snapped origin along its own edge to the first node
		legs.push({ a: snap.point, b: nodeLL(chain[0]), way: originEdgeWay, c0: 0, c1: dist[chain[0]] });
		for (let i = 1; i < chain.length; i++) {
			const n = chain[i];
			legs.push({ a: nodeLL(chain[i - 1]), b: nodeLL(n), way: way(s.predEdge[n]), c0: dist[chain[i - 1]], c1: dist[n] });
		}
		legs.push({ a: nodeLL(endNode), b: leave, way: wayOfEdge, c0: dist[endNode], c1: best - detour * bestOff });
	}
	const streetMetres = best - detour * bestOff;
	const spot: [number, number] = [point[0], point[1]];
	legs.push({ a: leave, b: spot, way: -1, c0: streetMetres, c1: best });

	const coordinates: [number, number][] = [];
	const push = (p: [number, number]): void => {
		const last = coordinates[coordinates.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) coordinates.push(p);
	};
	for (const leg of legs) {
		push(leg.a);
		push(leg.b);
	}
	const mpm = metresPerMinute(speedKmh);
	const [ox, oy] = proj.toMetres(snap.point);
	const walk: WhyNotWalk = {
		minutes: best / mpm,
		metres: best,
		streetMetres,
		offStreetMetres: bestOff,
		straightMetres: Math.hypot(px - ox, py - oy),
		coordinates
	};
	const sorted = [...minutes].sort((a, b) => a - b);
	const limit = sorted[sorted.length - 1];
	const band = sorted.find((m) => best <= m * mpm + 1e-9);
	if (band !== undefined) return { kind: 'inside', band, walk };

	// ---- where it passes the limit, and what decides it ----
	const T = limit * mpm;
	let exit: [number, number] = spot;
	let exitLeg = legs.length - 1;
	for (let i = 0; i < legs.length; i++) {
		const leg = legs[i];
		if (leg.c1 >= T) {
			const f = leg.c1 > leg.c0 ? (T - leg.c0) / (leg.c1 - leg.c0) : 0;
			exit = along(leg.a, leg.b, Math.min(1, Math.max(0, f)));
			exitLeg = i;
			break;
		}
	}
	const info = (w: number): WayInfo | undefined => (w >= 0 && ways ? ways[w] : undefined);
	const piece = (from: number, w: number): [number, number][] => {
		// consecutive legs of the same source feature, from leg `from` on
		const out: [number, number][] = [legs[from].a];
		for (let i = from; i < legs.length && legs[i].way === w; i++) out.push(legs[i].b);
		return out;
	};
	let wayIn: WayIn;
	let bridgeLeg = -1;
	for (let i = legs.length - 1; i >= 0; i--) {
		if (info(legs[i].way)?.bridge) {
			bridgeLeg = i;
			break;
		}
	}
	if (bridgeLeg >= 0) {
		const w = legs[bridgeLeg].way;
		let first = bridgeLeg;
		while (first > 0 && legs[first - 1].way === w) first--;
		const bridge = info(w)!;
		const named = (i: number): WayInfo | undefined => {
			const x = info(legs[i].way);
			return x && !x.bridge && (x.name_en || x.name_zh) ? x : undefined;
		};
		let near: WayInfo | undefined;
		for (let i = bridgeLeg + 1; i < legs.length && !near; i++) near = named(i);
		for (let i = first - 1; i >= 0 && !near; i--) near = named(i);
		wayIn = {
			kind: 'bridge',
			way: w,
			name_en: bridge.name_en,
			name_zh: bridge.name_zh,
			near_en: near?.name_en ?? '',
			near_zh: near?.name_zh ?? '',
			coordinates: piece(first, w),
			minutesAt: legs[bridgeLeg].c1 / mpm
		};
	} else if (legs[exitLeg].way >= 0) {
		const w = legs[exitLeg].way;
		const x = info(w);
		const rest = piece(exitLeg, w);
		rest[0] = exit;
		wayIn = { kind: 'street', way: w, name_en: x?.name_en ?? '', name_zh: x?.name_zh ?? '', coordinates: rest, metresBeyond: best - T };
	} else {
		const w = legs[legs.length - 2]?.way ?? -1;
		const x = info(w);
		wayIn = { kind: 'off-street', way: w, name_en: x?.name_en ?? '', name_zh: x?.name_zh ?? '', coordinates: [exit, spot], metresBeyond: best - T };
	}
	const within: [number, number][] = [];
	const beyond: [number, number][] = [exit];
	const add = (line: [number, number][], p: [number, number]): void => {
		const last = line[line.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) line.push(p);
	};
	for (let i = 0; i < legs.length; i++) {
		if (i < exitLeg) {
			add(within, legs[i].a);
			add(within, legs[i].b);
		} else if (i === exitLeg) {
			add(within, legs[i].a);
			add(within, exit);
			add(beyond, legs[i].b);
		} else add(beyond, legs[i].b);
	}
	return { kind: 'outside', walk, limit, extraMinutes: walk.minutes - limit, exit, within, beyond, wayIn };
}

/** Full Dijkstra from the snapped origin's two ends, with predecessors. */
function search(graph: StreetGraph, snap: SnapHit): SearchScratch {
	const s = searchScratch(graph);
	const { dist, pred, predEdge, stamp, heap } = s;
	const { offsets, targets, lengths } = graph;
	const gen = startSearch(s);
	const seed = (n: number, c: number): void => {
		if (stamp[n] === gen && dist[n] <= c) return;
		stamp[n] = gen;
		dist[n] = c;
		pred[n] = -1;
		predEdge[n] = -1;
		heap.push(n, c);
	};
	seed(snap.u, snap.t * snap.edgeLength);
	seed(snap.v, (1 - snap.t) * snap.edgeLength);
	while (heap.length > 0) {
		const d = heap.peekValue() as number;
		const u = heap.pop() as number;
		if (d > dist[u]) continue;
		for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
			const v = targets[e];
			const nd = d + lengths[e];
			if (stamp[v] !== gen || nd < dist[v]) {
				stamp[v] = gen;
				dist[v] = nd;
				pred[v] = u;
				predEdge[v] = e;
				heap.push(v, nd);
			}
		}
	}
	return s;
}

/** Barrier segments whose box comes within `reach` of (px, py): the only ones a walk from there can cross. */
function barriersNear(barriers: PreparedBarriers | null, px: number, py: number, reach: number): Float64Array {
	if (!barriers) return new Float64Array(0);
	const seg = barriers.segments;
	const out: number[] = [];
	for (let k = 0; k < seg.length; k += 4) {
		const x0 = seg[k];
		const y0 = seg[k + 1];
		const x1 = seg[k + 2];
		const y1 = seg[k + 3];
		if (Math.min(x0, x1) > px + reach || Math.max(x0, x1) < px - reach || Math.min(y0, y1) > py + reach || Math.max(y0, y1) < py - reach) continue;
		out.push(x0, y0, x1, y1);
	}
	return Float64Array.from(out);
}

/** Whether the segment (ax, ay)–(bx, by) crosses or touches any of the barrier segments. */
function crosses(walls: Float64Array, ax: number, ay: number, bx: number, by: number): boolean {
	for (let k = 0; k < walls.length; k += 4) {
		if (segmentsMeet(ax, ay, bx, by, walls[k], walls[k + 1], walls[k + 2], walls[k + 3])) return true;
	}
	return false;
}

function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
	const d1 = orient(cx, cy, dx, dy, ax, ay);
	const d2 = orient(cx, cy, dx, dy, bx, by);
	const d3 = orient(ax, ay, bx, by, cx, cy);
	const d4 = orient(ax, ay, bx, by, dx, dy);
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
	return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * The way table of a street collection (the one the graph was built from: `edgeWay` indexes its
 * features): a bridge is a piece with `class: 'bridge'`; names from `name_en` / `name_zh`.
 *
 * @param {{ features: readonly { properties?: Record<string, unknown> | null }[] }} streets streets.geojson
 * @returns {WayInfo[]} one entry per feature, in order
 */
export function waysFromStreets(streets: { features: readonly { properties?: Record<string, unknown> | null }[] }): WayInfo[] {
	return streets.features.map((f) => {
		const p = f.properties ?? {};
		const text = (v: unknown): string => (typeof v === 'string' ? v : '');
		return { bridge: p.class === 'bridge', name_en: text(p.name_en), name_zh: text(p.name_zh) };
	});
}
