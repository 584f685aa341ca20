/**
 * Multipolygon assembly: joins member ways end to end into closed rings, then nests inner rings
 * in the outer ring that holds them. Works on node ids, so joins are exact.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface AssembledRings {
	/** Closed rings as node ids, first id repeated at the end. */
	rings: number[][];
	/** How many chains could not be closed (a member way missing from the extract, or bad data). */
	unclosed: number;
}

/**
 * Joins node-id chains into closed rings. A chain may be used forwards or backwards; an already
 * closed chain is a ring by itself.
 *
 * @param chains the member ways' node ids, in any order and direction
 * @example assembleRings([[1, 2, 3], [1, 4, 3]]) // { rings: [[1, 2, 3, 4, 1]], unclosed: 0 }
 */
export function assembleRings(chains: readonly (readonly number[])[]): AssembledRings {
	const rings: number[][] = [];
	let unclosed = 0;
	const open: (readonly number[])[] = [];
	for (const c of chains) {
		if (c.length < 2) continue;
		if (c[0] === c[c.length - 1]) {
			if (c.length >= 4) rings.push([...c]);
			else unclosed++;
		} else {
			open.push(c);
		}
	}
	// endpoint id → indices of open chains that start or end there
	const byEnd = new Map<number, number[]>();
	const addEnd = (id: number, i: number) => {
		const list = byEnd.get(id);
		if (list) list.push(i);
		else byEnd.set(id, [i]);
	};
	open.forEach((c, i) => {
		addEnd(c[0], i);
		addEnd(c[c.length - 1], i);
	});
	const used = new Uint8Array(open.length);
	for (let start = 0; start < open.length; start++) {
		if (used[start]) continue;
		used[start] = 1;
		const ring = [...open[start]];
		while (ring[0] !== ring[ring.length - 1]) {
			const end = ring[ring.length - 1];
			const next = byEnd.get(end)?.find((i) => !used[i]);
			if (next === undefined) break;
			used[next] = 1;
			const c = open[next];
			const forwards = c[0] === end ? c : [...c].reverse();
			for (let k = 1; k < forwards.length; k++) ring.push(forwards[k]);
		}
		if (ring[0] === ring[ring.length - 1] && ring.length >= 4) rings.push(ring);
		else unclosed++;
	}
	return { rings, unclosed };
}

/** Twice the signed planar area of a ring in degrees; > 0 means counter-clockwise. */
function signedArea2(ring: readonly Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	}
	return sum;
}

/** Returns the ring wound counter-clockwise (ccw = true) or clockwise, as RFC 7946 asks. */
export function windRing(ring: Position[], ccw: boolean): Position[] {
	return signedArea2(ring) > 0 === ccw ? ring : [...ring].reverse();
}

function pointInRing(p: Position, ring: readonly Position[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/**
 * Builds a Polygon (one outer ring) or MultiPolygon from coordinate rings, outer rings wound
 * counter-clockwise and holes clockwise (RFC 7946). Each inner ring goes to the smallest outer ring
 * containing its first vertex; an inner ring inside no outer ring is dropped.
 *
 * @returns null when there is no outer ring
 */
export function ringsToPolygon(outers: Position[][], inners: Position[][]): Polygon | MultiPolygon | null {
	if (outers.length === 0) return null;
	const polygons: Position[][][] = outers
		.map((r) => windRing(r, true))
		.sort((a, b) => Math.abs(signedArea2(a)) - Math.abs(signedArea2(b)))
		.map((r) => [r]);
	for (const inner of inners) {
		const home = polygons.find((p) => pointInRing(inner[0], p[0]));
		if (home) home.push(windRing(inner, false));
	}
	// Largest first, so the main body of a river or park leads.
	polygons.reverse();
	return polygons.length === 1
		? { type: 'Polygon', coordinates: polygons[0] }
		: { type: 'MultiPolygon', coordinates: polygons };
}
