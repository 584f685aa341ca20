/**
 * The piece buffer and the cost along a piece: one accessor round-trips what was pushed, the cost is
 * the cheapest of its three ways, and the largest cost on a piece is found without sampling.
 */
import { describe, it, expect } from 'vitest';
import { originSeeds, snappedEdgeStretches } from '../../../src/lib/graph/origin';
import { PieceBuffer, emptyPiece, pieceCost, pieceMaxCost, type Piece } from '../../../src/lib/graph/pieces';
import { mulberry32 } from '../../../src/lib/graph/random';

const rand = mulberry32(42);
/** A random piece: ends reached or not, on the snapped edge or not, a random stretch. */
function randomPiece(): Piece {
	const L = 1 + rand() * 300;
	const du = rand() < 0.2 ? Infinity : rand() * 800;
	const dv = rand() < 0.2 && du !== Infinity ? Infinity : rand() * 800;
	const sT = rand() < 0.4 ? rand() * L : NaN;
	const a = rand() * L;
	const b = rand() * L;
	return { u: Math.floor(rand() * 1e6), v: Math.floor(rand() * 1e6), L, du, dv, sT, s0: Math.min(a, b), s1: Math.max(a, b) };
}

describe('PieceBuffer', () => {
	it('reads back every piece as pushed, across growth and after clear()', () => {
		const buffer = new PieceBuffer(16);
		const pushed = Array.from({ length: 1000 }, randomPiece);
		for (const p of pushed) buffer.push(p.u, p.v, p.L, p.du, p.dv, p.sT, p.s0, p.s1);
		expect(buffer.count).toBe(1000);
		const out = emptyPiece();
		pushed.forEach((p, i) => expect(buffer.read(i, out)).toEqual(p));
		buffer.clear();
		expect(buffer.count).toBe(0);
		buffer.push(1, 2, 3, 4, 5, NaN, 0, 3);
		expect(buffer.read(0, out)).toEqual({ u: 1, v: 2, L: 3, du: 4, dv: 5, sT: NaN, s0: 0, s1: 3 });
	});
});

describe('pieceCost and pieceMaxCost', () => {
	it('the cost is the cheapest of from u, from v and (on the snapped edge) from the origin', () => {
		for (let k = 0; k < 500; k++) {
			const p = randomPiece();
			const s = rand() * p.L;
			const ways = [p.du + s, p.dv + p.L - s, Number.isNaN(p.sT) ? Infinity : Math.abs(s - p.sT)];
			expect(pieceCost(p, s)).toBe(Math.min(...ways));
		}
	});

	it('the largest cost on a piece is its maximum over a dense sampling, and never below a sample', () => {
		const bad: string[] = [];
		for (let k = 0; k < 500; k++) {
			const p = randomPiece();
			const top = pieceMaxCost(p);
			let sampled = -Infinity;
			for (let i = 0; i <= 2000; i++) sampled = Math.max(sampled, pieceCost(p, p.s0 + ((p.s1 - p.s0) * i) / 2000));
			// the cost has slope ±1, so a sampling step h misses the maximum by at most h/2
			if (sampled > top + 1e-9 || top - sampled > (p.s1 - p.s0) / 4000 + 1e-9) bad.push(`${JSON.stringify(p)}: ${top} vs ${sampled}`);
		}
		expect(bad).toEqual([]);
	});
});

describe('the origin on its edge', () => {
	it('starts the search from both ends at their along-edge distances', () => {
		const seeds = originSeeds({ ok: true, edge: 7, u: 3, v: 9, t: 0.25, point: [0, 0], distance: 2, edgeLength: 80 });
		expect(seeds).toEqual({ nodes: [3, 9], costs: [20, 60], sT: 20, L: 80 });
	});

	it('the snapped edge is reached exactly where some way to it is within the limit', () => {
		const bad: string[] = [];
		for (let k = 0; k < 300; k++) {
			const L = 1 + rand() * 400;
			const sT = rand() * L;
			const T = rand() * 500;
			// the ends' costs as a search would find them: along the edge, or around by another way
			const du = rand() < 0.5 ? sT : sT * rand();
			const dv = rand() < 0.5 ? L - sT : (L - sT) * rand();
			const stretches = snappedEdgeStretches(L, sT, du <= T ? du : Infinity, dv <= T ? dv : Infinity, T);
			for (let i = 1; i < stretches.length; i++) if (!(stretches[i][0] > stretches[i - 1][1])) bad.push(`overlap ${JSON.stringify(stretches)}`);
			const piece: Piece = { u: 0, v: 1, L, du, dv, sT, s0: 0, s1: L };
			for (let i = 0; i <= 400; i++) {
				const s = (L * i) / 400;
				const covered = stretches.some(([a, b]) => s >= a && s <= b);
				const cost = pieceCost(piece, s);
				if (Math.abs(cost - T) > 1e-9 && covered !== cost < T) bad.push(`s=${s} cost=${cost} T=${T} covered=${covered}`);
			}
		}
		expect(bad).toEqual([]);
	});
});
