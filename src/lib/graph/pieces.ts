/**
 * The piece buffer: every reached street piece of one isochrone, flat in one growable Float64Array.
 *
 * A piece is the stretch [s0, s1] (metres from u) of the directed edge u → v of length L that lies
 * within the search limit. The network cost of a point at s along the edge is the cheapest of three
 * ways to it (see {@link pieceCost}): from u (du + s), from v (dv + L − s), and, on the edge the
 * origin snapped to, straight along the edge from the origin at sT (|s − sT|).
 *
 * The stages read pieces through ONE accessor, {@link PieceBuffer.read}, so the stride and field
 * order are written down once, here.
 */

/** One reached street piece (see the module comment). */
export interface Piece {
	/** Source node of the edge. */
	u: number;
	/** Target node of the edge. */
	v: number;
	/** Edge length, metres. */
	L: number;
	/** Network cost of u, metres (Infinity if u was not reached). */
	du: number;
	/** Network cost of v, metres (Infinity if v was not reached). */
	dv: number;
	/** Position of the origin along the edge, metres from u; NaN unless this is the snapped edge. */
	sT: number;
	/** Start and end of the reached stretch, metres from u (0 ≤ s0 ≤ s1 ≤ L). */
	s0: number;
	s1: number;
}

/** Numbers per piece in the buffer: u, v, L, du, dv, sT, s0, s1. */
const STRIDE = 8;

/** A fresh piece to read into (reuse one per loop: `read` overwrites every field). */
export function emptyPiece(): Piece {
	return { u: 0, v: 0, L: 0, du: 0, dv: 0, sT: NaN, s0: 0, s1: 0 };
}

/** Reached pieces of the last search, reused across calls so the hot path does not allocate. */
export class PieceBuffer {
	private data: Float64Array;
	/** Number of pieces. */
	count = 0;

	/**
	 * @param {number} [capacity=1024] initial capacity in pieces; doubles on demand
	 */
	constructor(capacity = 1024) {
		this.data = new Float64Array(STRIDE * Math.max(16, capacity | 0));
	}

	/** Forget every piece (memory is kept). */
	clear(): void {
		this.count = 0;
	}

	/** Append a piece; fields as in {@link Piece} (`sT` NaN off the snapped edge). */
	push(u: number, v: number, L: number, du: number, dv: number, sT: number, s0: number, s1: number): void {
		let d = this.data;
		const k = this.count * STRIDE;
		if (k + STRIDE > d.length) {
			const bigger = new Float64Array(d.length * 2);
			bigger.set(d);
			this.data = d = bigger;
		}
		d[k] = u;
		d[k + 1] = v;
		d[k + 2] = L;
		d[k + 3] = du;
		d[k + 4] = dv;
		d[k + 5] = sT;
		d[k + 6] = s0;
		d[k + 7] = s1;
		this.count++;
	}

	/**
	 * Read piece `i` into `out` (no allocation).
	 *
	 * @param {number} i piece index, 0 … count − 1
	 * @param {Piece} out overwritten and returned
	 * @returns {Piece} `out`
	 */
	read(i: number, out: Piece): Piece {
		const d = this.data;
		const k = i * STRIDE;
		out.u = d[k];
		out.v = d[k + 1];
		out.L = d[k + 2];
		out.du = d[k + 3];
		out.dv = d[k + 4];
		out.sT = d[k + 5];
		out.s0 = d[k + 6];
		out.s1 = d[k + 7];
		return out;
	}
}

/**
 * Network cost, metres, of the point `s` metres from u along a piece's edge.
 *
 * @param {Piece} p the piece (only L, du, dv and sT are read)
 * @param {number} s metres from u, 0 … L
 * @returns {number} min(du + s, dv + L − s, |s − sT|) (the last only on the snapped edge)
 */
export function pieceCost(p: Piece, s: number): number {
	let c = p.du + s;
	const c2 = p.dv + p.L - s;
	if (c2 < c) c = c2;
	const sT = p.sT;
	if (sT === sT) {
		const c3 = s > sT ? s - sT : sT - s;
		if (c3 < c) c = c3;
	}
	return c;
}

/**
 * The largest network cost on a piece, metres. The cost is the minimum of lines in s, so it is
 * concave along the piece: its maximum is at an end or where two of the lines meet.
 *
 * @param {Piece} p the piece
 * @returns {number} max of {@link pieceCost} over [s0, s1]
 */
export function pieceMaxCost(p: Piece): number {
	const { L, du, dv, sT, s0, s1 } = p;
	let top = Math.max(pieceCost(p, s0), pieceCost(p, s1));
	const meet = (dv + L - du) / 2; // du + s meets dv + L − s
	if (meet > s0 && meet < s1) top = Math.max(top, pieceCost(p, meet));
	if (sT === sT) {
		const m1 = (sT - du) / 2; // |s − sT| meets du + s
		const m2 = (sT + dv + L) / 2; // |s − sT| meets dv + L − s
		if (m1 > s0 && m1 < s1) top = Math.max(top, pieceCost(p, m1));
		if (m2 > s0 && m2 < s1) top = Math.max(top, pieceCost(p, m2));
	}
	return top;
}
