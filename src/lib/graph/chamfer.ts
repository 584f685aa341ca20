/**
 * The off-street walk: a chamfer distance transform that spreads the street costs of the grid
 * (cost-grid.ts) into the blocks, cost + distance × detour, at most `maxOff` metres off the street
 * and never past `cap`. It never enters, leaves or cuts the corner of a blocked (barrier) cell, which
 * is how a creek without a bridge stays unreached.
 *
 * Why a chamfer transform and not a Euclidean disk per street sample: it costs O(cells) instead of
 * O(samples · disk), and it respects barriers naturally. Its 3×3 metric overestimates Euclidean
 * distance by at most 8 % (octagonal), which only makes the off-street spread slightly smaller.
 */

/**
 * Two-pass (four with barriers) chamfer distance transform of the off-street walk, in place.
 * A cell takes a neighbour's cost + detour × step when the accumulated off-street distance stays
 * within `maxOff` and the cost below `cap`; blocked cells neither receive nor pass on a cost, and a
 * diagonal step may not cut the corner of a blocked cell.
 *
 * @param {Float64Array} cost cost per cell, metres (row-major, `w` a row); updated in place
 * @param {Float32Array} off off-street metres per cell; updated in place
 * @param {Uint8Array | null} blocked 1 = barrier cell, or null for no barriers
 * @param {number} w grid width, cells
 * @param {number} h grid height, cells
 * @param {number} cs cell side, metres
 * @param {number} detour cost factor of off-street walking (≥ 1)
 * @param {number} maxOff longest off-street walk, metres (0 = no spread)
 * @param {number} cap largest cost written, metres
 * @param {number} passes sweeps, alternating forward and backward (2 without barriers, 4 with:
 *   going around a wall needs the extra pair)
 */
export function spreadOffStreet(
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
	// Per row, the span of columns holding a finite cost. A cell whose four sources (the cell before
	// it in its row, three in the row already swept) are all Infinity cannot change, so each row is
	// swept only where its own span or the swept row's span reaches: the corners of a window beyond
	// the walk's reach are never visited. Same result, cell for cell, as sweeping every cell.
	if (spanLo.length < h) {
		spanLo = new Int32Array(Math.max(h, 2 * spanLo.length));
		spanHi = new Int32Array(spanLo.length);
	}
	const lo = spanLo;
	const hi = spanHi;
	for (let y = 0; y < h; y++) {
		const row = y * w;
		let first = w;
		let last = -1;
		for (let x = 0; x < w; x++) {
			if (cost[row + x] !== Infinity) {
				if (first === w) first = x;
				last = x;
			}
		}
		lo[y] = first;
		hi[y] = last;
	}
	for (let pass = 0; pass < passes; pass++) {
		const forward = pass % 2 === 0;
		const dir = forward ? 1 : -1;
		const yStart = forward ? 1 : h - 2;
		const yEnd = forward ? h - 1 : 0;
		for (let y = yStart; forward ? y < yEnd : y > yEnd; y += dir) {
			const row = y * w;
			const py = y - dir;
			const prev = py * w; // the row already swept
			if (hi[y] < 0 && hi[py] < 0) continue; // nothing finite to take from or to lower
			// Forward, cell x can change only if x − 1 (this row) or x − 1 … x + 1 (swept row) is finite.
			let x: number;
			let bound: number;
			if (forward) {
				x = Math.max(1, Math.min(lo[y] + 1, lo[py] - 1));
				bound = Math.max(hi[y] + 1, hi[py] + 1);
			} else {
				x = Math.min(w - 2, Math.max(hi[y] - 1, hi[py] + 1));
				bound = Math.min(lo[y] - 1, lo[py] - 1);
			}
			let first = lo[y];
			let last = hi[y];
			for (; forward ? x < w - 1 : x > 0; x += dir) {
				const i = row + x;
				const a = i - dir;
				// past every finite source, with an Infinity before it: the rest of the row stays Infinity
				if ((forward ? x > bound : x < bound) && cost[a] === Infinity) break;
				if (blocked !== null && blocked[i] !== 0) continue;
				let best = cost[i];
				let bestOff = off[i];
				// straight: previous cell in this row, cell in the previous row
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
				if (best !== Infinity) {
					if (x < first) first = x;
					if (x > last) last = x;
				}
			}
			lo[y] = first;
			hi[y] = last;
		}
	}
}

/** Scratch: per row, the first and last column with a finite cost (w and −1 for none). */
let spanLo = new Int32Array(0);
let spanHi = new Int32Array(0);
