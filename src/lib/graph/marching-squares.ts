/**
 * Marching squares: the polygons of a grid where value ≥ threshold — d3-contour's `contour()`
 * (https://github.com/d3/d3-contour, v4.0.3, src/contours.js; ISC, © 2012-2026 Mike Bostock),
 * re-implemented step for step so it returns the SAME rings, vertex for vertex, in the same order
 * (tests/unit/coverage-marching-squares.test.ts checks it against d3-contour on random grids).
 *
 * Why not d3-contour itself: it keeps its open ring fragments in sparse arrays it `delete`s from (which
 * drops them into slow dictionary mode), prepends to rings with `unshift` (O(n) each) and calls a
 * closure per marching case through `forEach`. In a batch of isochrones its `stitch` was the largest
 * single cost (16 % of the CLI's profile). Here the fragment tables are reused Int32Arrays, a ring
 * grows at its front in a separate reversed array, and the cases are plain loops.
 *
 * As in d3: value (x, y) sits at (x + 0.5, y + 0.5); outside the grid counts as below the threshold,
 * so every ring closes; exteriors have positive d3 area (clockwise once y points north) and each hole
 * goes to the first exterior that contains it.
 */
import type { Position } from 'geojson';

/** The marching-squares segments of each of the 16 cases (d3-contour's table). */
const CASES: readonly (readonly (readonly [number, number])[])[][] = [
	[],
	[[[1.0, 1.5], [0.5, 1.0]]],
	[[[1.5, 1.0], [1.0, 1.5]]],
	[[[1.5, 1.0], [0.5, 1.0]]],
	[[[1.0, 0.5], [1.5, 1.0]]],
	[
		[[1.0, 1.5], [0.5, 1.0]],
		[[1.0, 0.5], [1.5, 1.0]]
	],
	[[[1.0, 0.5], [1.0, 1.5]]],
	[[[1.0, 0.5], [0.5, 1.0]]],
	[[[0.5, 1.0], [1.0, 0.5]]],
	[[[1.0, 1.5], [1.0, 0.5]]],
	[
		[[0.5, 1.0], [1.0, 0.5]],
		[[1.5, 1.0], [1.0, 1.5]]
	],
	[[[1.5, 1.0], [1.0, 0.5]]],
	[[[0.5, 1.0], [1.5, 1.0]]],
	[[[1.0, 1.5], [1.5, 1.0]]],
	[[[0.5, 1.0], [1.0, 1.5]]],
	[]
];

/** An open ring: `head` holds its front reversed (so prepending is a push), `tail` the rest. */
interface Fragment {
	start: number;
	end: number;
	head: Position[];
	tail: Position[];
}

/** The fragment's points in ring order (folds `head` into `tail`). */
function ringOf(f: Fragment): Position[] {
	if (f.head.length > 0) {
		const r = f.head.reverse();
		for (let i = 0; i < f.tail.length; i++) r.push(f.tail[i]);
		f.tail = r;
		f.head = [];
	}
	return f.tail;
}

/** Fragment id + 1 by start / end point index; 0 = none. Reused, and left all-zero after each call. */
let byStart = new Int32Array(0);
let byEnd = new Int32Array(0);

const above = (x: number, value: number): number => (+x >= value ? 1 : 0);

/** Every closed ring of the isolines at `value`, to `callback`, in d3-contour's order. */
function isorings(values: ArrayLike<number>, dx: number, dy: number, value: number, callback: (ring: Position[]) => void): void {
	const size = 2 * dx + 4 * (dx + 1) * (dy + 1) + 8;
	if (byStart.length < size) {
		byStart = new Int32Array(size);
		byEnd = new Int32Array(size);
	}
	const frags: Fragment[] = [];
	const k = (dx + 1) * 4;
	let x = -1;
	let y = -1;

	const stitch = (line: readonly (readonly [number, number])[]): void => {
		const start: Position = [line[0][0] + x, line[0][1] + y];
		const end: Position = [line[1][0] + x, line[1][1] + y];
		const startIndex = start[0] * 2 + start[1] * k;
		const endIndex = end[0] * 2 + end[1] * k;
		let fi = byEnd[startIndex];
		let gi: number;
		if (fi !== 0) {
			const f = frags[fi - 1];
			if ((gi = byStart[endIndex]) !== 0) {
				const g = frags[gi - 1];
				byEnd[f.end] = 0;
				byStart[g.start] = 0;
				if (f === g) {
					const ring = ringOf(f);
					ring.push(end);
					callback(ring);
				} else {
					frags.push({ start: f.start, end: g.end, head: [], tail: ringOf(f).concat(ringOf(g)) });
					byStart[f.start] = byEnd[g.end] = frags.length;
				}
			} else {
				byEnd[f.end] = 0;
				f.tail.push(end);
				byEnd[(f.end = endIndex)] = fi;
			}
		} else if ((fi = byStart[endIndex]) !== 0) {
			const f = frags[fi - 1];
			if ((gi = byEnd[startIndex]) !== 0) {
				const g = frags[gi - 1];
				byStart[f.start] = 0;
				byEnd[g.end] = 0;
				if (f === g) {
					const ring = ringOf(f);
					ring.push(end);
					callback(ring);
				} else {
					frags.push({ start: g.start, end: f.end, head: [], tail: ringOf(g).concat(ringOf(f)) });
					byStart[g.start] = byEnd[f.end] = frags.length;
				}
			} else {
				byStart[f.start] = 0;
				f.head.push(start);
				byStart[(f.start = startIndex)] = fi;
			}
		} else {
			frags.push({ start: startIndex, end: endIndex, head: [], tail: [start, end] });
			byStart[startIndex] = byEnd[endIndex] = frags.length;
		}
	};
	const run = (c: number): void => {
		// cases 0 and 15 (all below, all above) have no segment: most cells of a grid
		if (c === 0 || c === 15) return;
		const lines = CASES[c];
		for (let i = 0; i < lines.length; i++) stitch(lines[i]);
	};

	let t0: number;
	let t1: number;
	let t2: number;
	let t3: number;
	// first row (y = −1, t2 = t3 = 0)
	t1 = above(values[0], value);
	run(t1 << 1);
	while (++x < dx - 1) {
		t0 = t1;
		t1 = above(values[x + 1], value);
		run(t0 | (t1 << 1));
	}
	run(t1 << 0);
	// intermediate rows
	while (++y < dy - 1) {
		x = -1;
		t1 = above(values[y * dx + dx], value);
		t2 = above(values[y * dx], value);
		run((t1 << 1) | (t2 << 2));
		while (++x < dx - 1) {
			t0 = t1;
			t1 = above(values[y * dx + dx + x + 1], value);
			t3 = t2;
			t2 = above(values[y * dx + x + 1], value);
			run(t0 | (t1 << 1) | (t2 << 2) | (t3 << 3));
		}
		run(t1 | (t2 << 3));
	}
	// last row (y = dy − 1, t0 = t1 = 0)
	x = -1;
	t2 = values[y * dx] >= value ? 1 : 0;
	run(t2 << 2);
	while (++x < dx - 1) {
		t3 = t2;
		t2 = above(values[y * dx + x + 1], value);
		run((t2 << 2) | (t3 << 3));
	}
	run(t2 << 3);
	// every ring closed, so the tables are clear again; make sure of it for the next call
	for (const f of frags) {
		byStart[f.start] = 0;
		byEnd[f.end] = 0;
	}
}

const valid = (v: number): number => (v == null || isNaN((v = +v)) ? -Infinity : v);

function smooth1(x: number, v0: number, v1: number, value: number): number {
	const a = value - v0;
	const b = v1 - v0;
	const d = isFinite(a) || isFinite(b) ? a / b : Math.sign(a) / Math.sign(b);
	return isNaN(d) ? x : x + d - 0.5;
}

/** Move each vertex along its cell edge to where the values cross the threshold (linear). */
function smoothLinear(ring: Position[], values: ArrayLike<number>, dx: number, dy: number, value: number): void {
	for (const point of ring) {
		const x = point[0];
		const y = point[1];
		const xt = x | 0;
		const yt = y | 0;
		const v1 = valid(values[yt * dx + xt]);
		if (x > 0 && x < dx && xt === x) point[0] = smooth1(x, valid(values[yt * dx + xt - 1]), v1, value);
		if (y > 0 && y < dy && yt === y) point[1] = smooth1(y, valid(values[(yt - 1) * dx + xt]), v1, value);
	}
}

function area(ring: Position[]): number {
	const n = ring.length;
	let a = ring[n - 1][1] * ring[0][0] - ring[n - 1][0] * ring[0][1];
	for (let i = 1; i < n; i++) a += ring[i - 1][1] * ring[i][0] - ring[i - 1][0] * ring[i][1];
	return a;
}

const collinear = (a: Position, b: Position, c: Position): boolean => (b[0] - a[0]) * (c[1] - a[1]) === (c[0] - a[0]) * (b[1] - a[1]);
const within = (p: number, q: number, r: number): boolean => (p <= q && q <= r) || (r <= q && q <= p);
function segmentContains(a: Position, b: Position, c: Position): boolean {
	const i = +(a[0] === b[0]);
	return collinear(a, b, c) && within(a[i], c[i], b[i]);
}

/** 1 inside, −1 outside, 0 on the ring. */
function ringContains(ring: Position[], point: Position): number {
	const x = point[0];
	const y = point[1];
	let contains = -1;
	for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
		const pi = ring[i];
		const xi = pi[0];
		const yi = pi[1];
		const pj = ring[j];
		const xj = pj[0];
		const yj = pj[1];
		if (segmentContains(pi, pj, point)) return 0;
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) contains = -contains;
	}
	return contains;
}

function contains(ring: Position[], hole: Position[]): number {
	for (let i = 0; i < hole.length; i++) {
		const c = ringContains(ring, hole[i]);
		if (c) return c;
	}
	return 0;
}

/**
 * The region of a `dx` × `dy` grid (row-major) where the value is ≥ `value`, as MultiPolygon
 * coordinates in grid units — what `contours().size([dx, dy]).contour(values, value).coordinates`
 * of d3-contour returns.
 *
 * @param {ArrayLike<number>} values dx · dy values, row-major (more are ignored)
 * @param {number} dx grid width
 * @param {number} dy grid height
 * @param {number} value the threshold
 * @returns {Position[][][]} polygons: exterior first, then its holes
 * @throws {Error} on a threshold that is not a number
 * @example
 * contourPolygons(Float64Array.of(0, 1, 1, 0), 2, 2, 0.5); // the region around the two 1s
 */
export function contourPolygons(values: ArrayLike<number>, dx: number, dy: number, value: number): Position[][][] {
	if (isNaN(value)) throw new Error(`contourPolygons: invalid value: ${value}`);
	const polygons: Position[][][] = [];
	const holes: Position[][] = [];
	if (dx <= 0 || dy <= 0) return polygons;
	isorings(values, dx, dy, value, (ring) => {
		smoothLinear(ring, values, dx, dy, value);
		if (area(ring) > 0) polygons.push([ring]);
		else holes.push(ring);
	});
	if (holes.length === 0) return polygons;
	// d3 gives each hole to the first exterior that does not have it outside. An exterior whose box
	// misses the hole's first vertex has it outside (ringContains is −1) — unless the exterior has a
	// zero-length segment at that vertex's y, which d3's segmentContains counts as "on the ring"
	// (then the full test runs). Skipping the others keeps d3's answer and makes this part linear
	// instead of quadratic on grids with many small rings.
	const boxes = new Float64Array(4 * polygons.length);
	const pointY: (number[] | null)[] = [];
	polygons.forEach(([ring], i) => {
		let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
		let ys: number[] | null = null;
		for (let j = 0, n = ring.length, k = n - 1; j < n; k = j++) {
			const [x, y] = ring[j];
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
			if (x === ring[k][0] && y === ring[k][1]) (ys ??= []).push(y);
		}
		boxes.set([x0, y0, x1, y1], 4 * i);
		pointY.push(ys);
	});
	for (const hole of holes) {
		const [hx, hy] = hole[0];
		for (let i = 0; i < polygons.length; i++) {
			const outside = hx < boxes[4 * i] || hx > boxes[4 * i + 2] || hy < boxes[4 * i + 1] || hy > boxes[4 * i + 3];
			if (outside && !pointY[i]?.includes(hy)) continue;
			if (contains(polygons[i][0], hole) !== -1) {
				polygons[i].push(hole);
				break;
			}
		}
	}
	return polygons;
}
