/**
 * AMap bus stops, named "<street it is on><cross street>(公交站)": independent evidence of which road
 * is which, that outranks the rough references (stage 2b of conflate-names.ts).
 */
import type { FeatureCollection, Position } from 'geojson';
import type { Network } from './network';
import { axisDiff, bearing, pointSegDist, type XY } from './plane';
import { LANDMARK, LANE, type RegisterIndex } from './register';
import type { Assignments } from './assignments';
import type { RegisterSegment } from './types';

/** A bus stop whose name splits into the street it stands on and the cross street it is named after. */
export interface BusStop {
	/** The stop's name as given, e.g. `娄山关路仙霞路(公交站)`. */
	name: string;
	/** The street the stop stands on (`娄山关路`). */
	on: string;
	/** The cross street near which it stands (`仙霞路`). */
	cross: string;
	/** WGS84 lon/lat. */
	position: Position;
}

/** Cross-street spellings in stop names that are only a direction word off a known street. */
const DIRECTION = /[东西南北]$/;

/**
 * Splits AMap bus-stop names ("<street the stop is on><cross street>(公交站)") into street pairs,
 * against a set of known street names, longest first: `延安西路娄山关路(公交站)` → 延安西路 × 娄山关路, not
 * 延安路. A trailing direction word (东/西/南/北) is dropped only when the name with it is not a
 * street itself (`仙霞路北` → 仙霞路, but `仙霞西路` stays). Stops named after a landmark
 * (`上海动物园`), a single street (`凯旋路`) or a street not in the set are skipped.
 *
 * @param stops Point features with a string `properties.name` (`sources/poi-amap-2020/bus_stop.geojson`)
 * @param streetNames the known street names
 * @returns the stops that split into two different known streets, in input order, and the names skipped
 * @example parseBusStops(fc, new Set(['娄山关路', '仙霞路'])).stops[0] // { on: '娄山关路', cross: '仙霞路', … }
 */
export function parseBusStops(stops: FeatureCollection, streetNames: Iterable<string>): { stops: BusStop[]; skipped: string[] } {
	const known = new Set(streetNames);
	const byLength = [...known].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length || a.localeCompare(b));
	const crossOf = (rest: string): string | undefined => {
		if (known.has(rest)) return rest;
		if (DIRECTION.test(rest) && known.has(rest.slice(0, -1))) return rest.slice(0, -1);
		return undefined;
	};
	const out: BusStop[] = [];
	const skipped: string[] = [];
	for (const f of stops.features) {
		const name = String(f.properties?.name ?? '');
		if (f.geometry?.type !== 'Point') throw new Error(`parseBusStops: stop "${name}" is not a Point (got ${f.geometry?.type})`);
		const raw = name.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
		let hit: BusStop | undefined;
		for (const on of byLength) {
			if (!raw.startsWith(on)) continue;
			const cross = crossOf(raw.slice(on.length));
			if (cross && cross !== on) {
				hit = { name, on, cross, position: f.geometry.coordinates };
				break;
			}
		}
		if (hit) out.push(hit);
		else skipped.push(name);
	}
	return { stops: out, skipped };
}

const NO_STOPS: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** What the stops said, for the confidence of the final names and the agreement check. */
export interface StopVotes {
	/** The parsed stops inside the network's box. */
	stops: BusStop[];
	/** Their projected positions. */
	stopXY: XY[];
	/** Per edge: street name → number of stops that put it there. */
	votes: Map<string, number>[];
	/** How many stops found an edge to vote for. */
	voted: number;
}

/**
 * Stage 2b: each stop votes for the nearest edge within `stopRadiusM` that runs across the line to
 * its twin stop on the other kerb. On a stroke, a reference name that two or more stops contradict
 * and none confirms is dropped from the whole stroke, as is a digitised reference continuing the
 * stroke past the voted street under a name that no stop puts within 200 m; each voted name then
 * spans the stroke from its first to its last voted edge. Changes `assigned` in place.
 */
export function voteWithBusStops(
	network: Network,
	register: RegisterSegment[],
	index: RegisterIndex,
	assigned: Assignments,
	busStops: FeatureCollection | undefined,
	stopRadiusM: number
): StopVotes {
	const { edges, strokes, projection, edgesNear } = network;
	const stopNames = new Set(index.knownNames);
	for (const segment of register) {
		for (const x of [segment.from, segment.to]) {
			const n = index.normalise(x);
			if (/(路|道|公路)$/.test(n) && !LANDMARK.test(n) && !LANE.test(n)) stopNames.add(n);
		}
	}
	const [west, south, east, north] = network.bbox;
	const stops = parseBusStops(busStops ?? NO_STOPS, stopNames).stops.filter(
		({ position: [x, y] }) => x >= west && x <= east && y >= south && y <= north
	);
	const stopXY = stops.map((s) => projection.xy(s.position));
	const votes: Map<string, number>[] = edges.map(() => new Map());
	let voted = 0;
	stops.forEach((stop, i) => {
		const p = stopXY[i];
		// A stop of the same name across the road (AMap lists each direction) gives the road's cross
		// direction: the street runs at right angles to the line between the two.
		const twin = stops.findIndex((o, j) => j !== i && o.name === stop.name && Math.hypot(stopXY[j][0] - p[0], stopXY[j][1] - p[1]) < 100);
		const across = twin >= 0 ? bearing(p, stopXY[twin]) : undefined;
		const candidates = edgesNear(p, stopRadiusM).filter((c) => across === undefined || axisDiff(c.dir, across) >= 45);
		// Near the junction the cross street's own edge may be a little nearer: pass over an edge already
		// named as the cross street when another candidate is left.
		const pick = candidates.find((c) => assigned[c.edge]?.name !== stop.cross) ?? candidates[0];
		if (!pick) return;
		voted++;
		votes[pick.edge].set(stop.on, (votes[pick.edge].get(stop.on) ?? 0) + 1);
	});
	/** Where stops say a street is: the stops on it, and those named after it as their cross street. */
	const mentions = new Map<string, XY[]>();
	stops.forEach((s, i) => {
		for (const n of [s.on, s.cross]) mentions.set(n, [...(mentions.get(n) ?? []), stopXY[i]]);
	});
	const farFromMentions = (e: number, name: string, radius: number) => {
		const points = mentions.get(name);
		if (!points) return false;
		return points.every((p) => {
			for (let k = 1; k < edges[e].xy.length; k++) if (pointSegDist(p, edges[e].xy[k - 1], edges[e].xy[k]) <= radius) return false;
			return true;
		});
	};
	const winnerAt = (e: number): string | undefined =>
		[...votes[e]].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
	for (const stroke of strokes) {
		const winners = stroke.edges.map(winnerAt);
		if (winners.every((w) => w === undefined)) continue;
		const total = new Map<string, number>();
		stroke.edges.forEach((e) => votes[e].forEach((n, name) => total.set(name, (total.get(name) ?? 0) + n)));
		// A reference name that two or more stops on this stroke contradict, and none confirms, is a
		// rough line on the wrong road: it is dropped from the whole stroke. (One stop alone may be a
		// stop at a corner, nearer the cross street: it only names what nothing else named.)
		const contradicted = new Set<string>();
		stroke.edges.forEach((e, k) => {
			const a = assigned[e];
			const w = winners[k];
			if (a && w && a.name !== w && (total.get(w) ?? 0) >= 2 && !total.has(a.name)) contradicted.add(a.name);
		});
		for (const e of stroke.edges) if (assigned[e] && contradicted.has(assigned[e]!.name)) assigned[e] = undefined;
		// A digitised reference that continues the stroke beyond a street two stops vote for, under a
		// name that the stops put elsewhere (none naming it within 200 m), is on the wrong road too:
		// 兴义路's line lay along 娄山关路, where stops put 兴义路 on the cross streets 古北路 and 遵义南路.
		for (const [name, n] of total) {
			if (n < 2) continue;
			const ks = winners.map((w, k) => (w === name ? k : -1)).filter((k) => k >= 0);
			for (const [from, step] of [
				[ks[0] - 1, -1],
				[ks[ks.length - 1] + 1, 1]
			] as const) {
				const first = assigned[stroke.edges[from]];
				if (!first || first.method !== 'reference' || total.has(first.name)) continue;
				const block: number[] = [];
				for (let k = from; k >= 0 && k < stroke.edges.length && assigned[stroke.edges[k]]?.name === first.name && assigned[stroke.edges[k]]!.method === 'reference'; k += step) block.push(stroke.edges[k]);
				if (block.every((e) => farFromMentions(e, first.name, 200))) for (const e of block) assigned[e] = undefined;
			}
		}
		// Each voted name spans the stroke from its first to its last voted edge (unless another name is
		// voted in between); the gaps take the name when nothing else named them.
		for (const [name, n] of [...total].sort((a, b) => a[0].localeCompare(b[0]))) {
			const ks = winners.map((w, k) => (w === name ? k : -1)).filter((k) => k >= 0);
			if (!ks.length) continue;
			const [k0, k1] = [ks[0], ks[ks.length - 1]];
			if (winners.slice(k0, k1 + 1).some((w) => w !== undefined && w !== name)) continue;
			for (let k = k0; k <= k1; k++) {
				const e = stroke.edges[k];
				const a = assigned[e];
				if (a?.name === name) a.stops = n;
				else if (!a || (winners[k] === name && n >= 2 && a.base <= 1)) {
					assigned[e] = { name, method: 'busstop', base: n >= 2 ? 3 : 2, anchors: 0, codes: new Set(), stops: n };
				}
			}
		}
	}
	return { stops, stopXY, votes, voted };
}
