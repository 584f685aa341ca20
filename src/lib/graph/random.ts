/**
 * Seeded pseudo-random numbers for reproducible tests and benchmarks.
 */

/**
 * mulberry32: a tiny 32-bit PRNG (Tommy Ettinger's), good enough for test data, not for secrets.
 *
 * @param {number} seed any integer; the same seed always gives the same sequence
 * @returns {() => number} a function returning floats in [0, 1)
 * @example
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636, every time
 */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return function next(): number {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Integer in [0, n) from a PRNG.
 *
 * @param {() => number} rand a PRNG such as `mulberry32(seed)`
 * @param {number} n exclusive upper bound (≥ 1)
 * @returns {number} an integer in [0, n)
 */
export function randomInt(rand: () => number, n: number): number {
	return Math.floor(rand() * n);
}
