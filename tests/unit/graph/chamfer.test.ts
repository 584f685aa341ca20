/**
 * spreadOffStreet sweeps only the spans of rows that hold or border a finite cost (a performance
 * change, issue 10 item 7): it must give the same costs and off-street metres, cell for cell, as
 * sweeping every cell. The reference below is the full sweep it replaced.
 */
import { describe, expect, it } from 'vitest';
import { spreadOffStreet } from '../../../src/lib/graph/chamfer';
import { mulberry32 } from '../../../src/lib/graph/random';

function referenceSpread(
	cost: Float64Array,
	off: Float32Array,
	blocked: Uint8Array | null,
	w: number,
	h: number,
	cs: number,
	detour: number,
	maxOff: number,
	cap: number,
	passes: number
): void {
	if (maxOff <= 0) return;
	const s1 = cs;
	const s2 = cs * Math.SQRT2;
	const c1 = detour * s1;
	const c2 = detour * s2;
	for (let pass = 0; pass < passes; pass++) {
		const forward = pass % 2 === 0;
		const dir = forward ? 1 : -1;
		const yStart = forward ? 1 : h - 2;
		const yEnd = forward ? h - 1 : 0;
		for (let y = yStart; forward ? y < yEnd : y > yEnd; y += dir) {
			const row = y * w;
			const prev = row - dir * w; // the row already swept
			const xStart = forward ? 1 : w - 2;
			const xEnd = forward ? w - 1 : 0;
			for (let x = xStart; forward ? x < xEnd : x > xEnd; x += dir) {
				const i = row + x;
				if (blocked !== null && blocked[i] !== 0) continue;
				let best = cost[i];
				let bestOff = off[i];
				// straight: previous cell in this row, cell in the previous row
				const a = i - dir;
				const b = prev + x;
				const ca = cost[a] + c1;
				if (ca < best && ca <= cap && off[a] + s1 <= maxOff && (blocked === null || blocked[a] === 0)) {
					best = ca;
					bestOff = off[a] + s1;
				}
				const cb = cost[b] + c1;
				if (cb < best && cb <= cap && off[b] + s1 <= maxOff && (blocked === null || blocked[b] === 0)) {
					best = cb;
					bestOff = off[b] + s1;
				}
				// diagonals in the previous row
				const d1 = b - dir;
				const d2 = b + dir;
				const cd1 = cost[d1] + c2;
				if (
					cd1 < best &&
					cd1 <= cap &&
					off[d1] + s2 <= maxOff &&
					(blocked === null || (blocked[d1] === 0 && blocked[a] === 0 && blocked[b] === 0))
				) {
					best = cd1;
					bestOff = off[d1] + s2;
				}
				const cd2 = cost[d2] + c2;
				if (
					cd2 < best &&
					cd2 <= cap &&
					off[d2] + s2 <= maxOff &&
					(blocked === null || (blocked[d2] === 0 && blocked[b] === 0 && blocked[i + dir] === 0))
				) {
					best = cd2;
					bestOff = off[d2] + s2;
				}
				cost[i] = best;
				off[i] = bestOff;
			}
		}
	}
}

describe('spreadOffStreet', () => {
	it('equals the full sweep on random grids, with and without barriers', () => {
		const rnd = mulberry32(2026);
		for (let trial = 0; trial < 300; trial++) {
			const w = 3 + Math.floor(rnd() * 40);
			const h = 3 + Math.floor(rnd() * 40);
			const n = w * h;
			const cost = new Float64Array(n).fill(Infinity);
			const off = new Float32Array(n);
			// a few stamped clusters, sometimes none, sometimes on the border
			const stamps = Math.floor(rnd() * 12);
			for (let k = 0; k < stamps; k++) {
				const cx = Math.floor(rnd() * w);
				const cy = Math.floor(rnd() * h);
				for (let j = 0; j < 1 + Math.floor(rnd() * 6); j++) {
					const x = Math.min(w - 1, Math.max(0, cx + Math.floor(rnd() * 5) - 2));
					const y = Math.min(h - 1, Math.max(0, cy + Math.floor(rnd() * 5) - 2));
					cost[y * w + x] = rnd() * 800;
					off[y * w + x] = rnd() * 10;
				}
			}
			let blocked: Uint8Array | null = null;
			if (rnd() < 0.5) {
				blocked = new Uint8Array(n);
				// a wall with a gap, and some noise
				const wy = Math.floor(rnd() * h);
				const gap = Math.floor(rnd() * w);
				for (let x = 0; x < w; x++) if (Math.abs(x - gap) > 1) blocked[wy * w + x] = 1;
				for (let i = 0; i < n; i++) if (rnd() < 0.03) blocked[i] = 1;
			}
			const cs = 25;
			const detour = 1 + rnd();
			const maxOff = rnd() < 0.1 ? 0 : rnd() * 400;
			const cap = 200 + rnd() * 1200;
			const passes = blocked ? 4 : 2;
			const c1 = Float64Array.from(cost);
			const o1 = Float32Array.from(off);
			const c2 = Float64Array.from(cost);
			const o2 = Float32Array.from(off);
			spreadOffStreet(c1, o1, blocked, w, h, cs, detour, maxOff, cap, passes);
			referenceSpread(c2, o2, blocked, w, h, cs, detour, maxOff, cap, passes);
			expect(Array.from(c1), `trial ${trial}: costs`).toEqual(Array.from(c2));
			expect(Array.from(o1), `trial ${trial}: off-street metres`).toEqual(Array.from(o2));
		}
	});
});
