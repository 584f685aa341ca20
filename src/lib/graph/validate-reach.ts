/**
 * The barrier rule of {@link validateIsochrone}, checked from first principles on the result's grid.
 *
 * How barriers work (barriers.ts): the street network crosses a barrier only where a street does (a
 * bridge is an edge of the graph), and the off-street walk from the streets never crosses one. So:
 *
 *   Every point of band k is on a street stretch reached within k minutes, or joined to one by an
 *   off-street walk that crosses no barrier line (a polygon barrier's rings count as lines; only
 *   streets cross them), is at most `maxOffStreet` metres long, and costs, with the network cost of
 *   where it leaves the street, at most k minutes (off-street metres × `offStreetDetour`).
 *
 * Checked at the centre of every cell of `result.grid` that lies inside band k: a walk is a chain of
 * steps between neighbouring cell centres (8-neighbourhood, cs or cs·√2 long) that stay inside the
 * band and cross no barrier segment; it starts in any cell a reached stretch passes through (or the
 * snapped point's cell), at the lowest network cost of the stretch within that cell. The engine's
 * own walks are such chains (each step of its chamfer spread joins two unblocked cells, and no
 * barrier touches an unblocked cell; each cost it stamps is at least that lowest cost), so the rule
 * can only fail where the bands leak: across a barrier, farther than the off-street limit, or
 * cheaper than any honest walk.
 *
 * Lenient where exactness would flag honest results: a step that only touches a barrier does not
 * cross it; centres within 1e-6 cell of a band outline are not checked, nor a lone cell whose four
 * side neighbours are joined (a pinhole: the contouring drops a hole under 0.01 cell² as a sliver,
 * so the band covers an unreached centre); the stretches of band k are taken from the reached node
 * costs (a superset of the engine's samples).
 */
import type { Position } from 'geojson';
import FlatQueue from 'flatqueue';
import { preparedBarriersFor } from './cost-grid';
import { resolveIsochroneOptions, type IsochroneOptions } from './isochrone-options';
import type { IsochroneSuccess } from './isochrone';
import type { StreetGraph } from './street-graph';

const EPS = 1e-6;

/**
 * Every cell (in grid units: cell (i, j) is [i, i+1] × [j, j+1]) that the segment from (x0, y0) to
 * (x1, y1) touches, widened by EPS, with the range [tLo, tHi] of the segment's parameter inside it.
 */
function touchedCells(
	x0: number,
	y0: number,
	x1: number,
	y1: number,
	width: number,
	height: number,
	visit: (cell: number, tLo: number, tHi: number) => void
): void {
	const dx = x1 - x0;
	const dy = y1 - y0;
	const jLo = Math.max(0, Math.floor(Math.min(y0, y1) - EPS));
	const jHi = Math.min(height - 1, Math.floor(Math.max(y0, y1) + EPS));
	for (let j = jLo; j <= jHi; j++) {
		let r0 = 0;
		let r1 = 1;
		if (dy !== 0) {
			const ta = (j - EPS - y0) / dy;
			const tb = (j + 1 + EPS - y0) / dy;
			r0 = Math.max(0, Math.min(ta, tb));
			r1 = Math.min(1, Math.max(ta, tb));
			if (r0 > r1) continue;
		}
		const xa = x0 + dx * r0;
		const xb = x0 + dx * r1;
		const iLo = Math.max(0, Math.floor(Math.min(xa, xb) - EPS));
		const iHi = Math.min(width - 1, Math.floor(Math.max(xa, xb) + EPS));
		for (let i = iLo; i <= iHi; i++) {
			let c0 = r0;
			let c1 = r1;
			if (dx !== 0) {
				const ta = (i - EPS - x0) / dx;
				const tb = (i + 1 + EPS - x0) / dx;
				c0 = Math.max(c0, Math.min(ta, tb));
				c1 = Math.min(c1, Math.max(ta, tb));
				if (c0 > c1) continue;
			}
			visit(j * width + i, c0, c1);
		}
	}
}

/** Whether segments ab and cd cross at a point interior to both (touching is not crossing). */
function crosses(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
	const o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
	const o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
	if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))) return false;
	const o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
	const o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
	return (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0);
}

/** Cells whose centre lies inside the band (even-odd over every ring), EPS off its outline. */
function insideCells(
	rings: Position[][],
	toGrid: (p: Position) => [number, number],
	width: number,
	height: number
): Uint8Array {
	const inside = new Uint8Array(width * height);
	const rows: number[][] = Array.from({ length: height }, () => []);
	for (const ring of rings) {
		const g = ring.map(toGrid);
		for (let k = 0; k + 1 < g.length; k++) {
			const [xa, ya] = g[k];
			const [xb, yb] = g[k + 1];
			// centre heights are j + 0.5; half-open in y so a vertex on a row counts once
			const jLo = Math.max(0, Math.ceil(Math.min(ya, yb) - 0.5));
			const jHi = Math.min(height - 1, Math.ceil(Math.max(ya, yb) - 0.5) - 1);
			for (let j = jLo; j <= jHi; j++) {
				const yc = j + 0.5;
				rows[j].push(xa + ((yc - ya) * (xb - xa)) / (yb - ya));
			}
		}
	}
	rows.forEach((xs, j) => {
		xs.sort((a, b) => a - b);
		for (let k = 0; k + 1 < xs.length; k += 2) {
			const iLo = Math.max(0, Math.ceil(xs[k] + EPS - 0.5));
			const iHi = Math.min(width - 1, Math.floor(xs[k + 1] - EPS - 0.5));
			for (let i = iLo; i <= iHi; i++) inside[j * width + i] = 1;
		}
	});
	return inside;
}

/**
 * Check the barrier rule (see the module comment) for every band of a result.
 *
 * @param {StreetGraph} graph the graph it was computed on
 * @param {IsochroneOptions} options the options it was computed with (barriers, maxOffStreet)
 * @param {IsochroneSuccess} result the result to check
 * @returns {string[]} one message per band that breaks the rule, naming a cell that does
 */
export function barrierRuleErrors(graph: StreetGraph, options: IsochroneOptions, result: IsochroneSuccess): string[] {
	const errors: string[] = [];
	const { maxOffStreet, barriers, limits, detour } = resolveIsochroneOptions({ ...options, minutes: result.minutes, speedKmh: result.speedKmh });
	const { cellSize: cs, minX, minY, width, height } = result.grid;
	const proj = graph.projection;
	const { xy, offsets, targets, lengths, nodeCount } = graph;
	const toGrid = (p: Position): [number, number] => {
		const [x, y] = proj.toMetres(p);
		return [(x - minX) / cs, (y - minY) / cs];
	};
	const centre = (cell: number): Position =>
		proj.toLonLat([minX + ((cell % width) + 0.5) * cs, minY + (Math.floor(cell / width) + 0.5) * cs]);

	// barrier segments in grid units, listed under every cell they touch
	let segs = new Float64Array(0);
	if (barriers) {
		segs = preparedBarriersFor(graph, barriers).segments.map((v, k) => (k % 2 === 0 ? (v - minX) / cs : (v - minY) / cs));
	}
	const byCell = new Map<number, number[]>();
	for (let s = 0; s < segs.length; s += 4) {
		touchedCells(segs[s], segs[s + 1], segs[s + 2], segs[s + 3], width, height, (c) => {
			const list = byCell.get(c);
			if (list) list.push(s);
			else byCell.set(c, [s]);
		});
	}
	const blockedStep = (a: number, b: number, ax: number, ay: number, bx: number, by: number): boolean => {
		for (const list of [byCell.get(a), byCell.get(b)]) {
			if (!list) continue;
			for (const s of list) if (crosses(ax, ay, bx, by, segs[s], segs[s + 1], segs[s + 2], segs[s + 3])) return true;
		}
		return false;
	};

	const cost = new Float64Array(nodeCount).fill(Infinity);
	result.reached.nodes.forEach((n, i) => (cost[n] = result.reached.costs[i]));
	const gx = (n: number): number => (xy[2 * n] - minX) / cs;
	const gy = (n: number): number => (xy[2 * n + 1] - minY) / cs;
	const { u: su, v: sv, t: st, edgeLength: sL } = result.snapped;
	const bands = [...result.bands.features].sort((a, b) => a.properties.minutes - b.properties.minutes);
	const budget = maxOffStreet * (1 + 1e-6) + 1e-3;
	const steps = [
		[1, 0, cs],
		[-1, 0, cs],
		[0, 1, cs],
		[0, -1, cs],
		[1, 1, cs * Math.SQRT2],
		[1, -1, cs * Math.SQRT2],
		[-1, 1, cs * Math.SQRT2],
		[-1, -1, cs * Math.SQRT2]
	];

	bands.forEach((band, k) => {
		if (k >= limits.length) return;
		const limit = limits[k];
		const g = band.geometry;
		const rings = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();
		const inside = insideCells(rings, toGrid, width, height);

		// seeds: the cells of every stretch reached within the limit, at the stretch's lowest cost
		// there, and the snapped point's cell at 0. A stretch is [f0, f1] of the edge a → b, as
		// fractions of it; costMin(g0, g1) is the lowest network cost on the fractions [g0, g1].
		const seedCost = new Float64Array(width * height).fill(Infinity);
		const stretch = (a: number, b: number, f0: number, f1: number, costMin: (g0: number, g1: number) => number): void => {
			const ax = gx(a);
			const ay = gy(a);
			const dx = gx(b) - ax;
			const dy = gy(b) - ay;
			touchedCells(ax + dx * f0, ay + dy * f0, ax + dx * f1, ay + dy * f1, width, height, (c, tLo, tHi) => {
				const m = costMin(f0 + tLo * (f1 - f0), f0 + tHi * (f1 - f0));
				if (m < seedCost[c]) seedCost[c] = m;
			});
		};
		for (let a = 0; a < nodeCount; a++) {
			const ca = cost[a];
			if (!(ca <= limit)) continue;
			for (let e = offsets[a], end = offsets[a + 1]; e < end; e++) {
				const L = lengths[e];
				// walked from a: the cost grows along the edge, lowest at the stretch's start
				stretch(a, targets[e], 0, L > 0 ? Math.min(1, (limit - ca) / L) : 1, (g0) => ca + g0 * L);
			}
		}
		const r = sL > 0 ? limit / sL : 1;
		// around the origin at fraction st: |g − st| · L, 0 where the stretch holds the origin
		stretch(su, sv, Math.max(0, st - r), Math.min(1, st + r), (g0, g1) => (st < g0 ? g0 - st : st > g1 ? st - g1 : 0) * sL);
		{
			const c = Math.floor(gy(su) + st * (gy(sv) - gy(su))) * width + Math.floor(gx(su) + st * (gx(sv) - gx(su)));
			if (c >= 0 && c < seedCost.length) seedCost[c] = 0;
		}

		// The walk from a seed may go r = min(maxOffStreet, (limit − seed cost) / detour) metres. One
		// multi-source Dijkstra over cell centres inside the band, never across a barrier, starting each
		// seed at −r, finds for every cell min over seeds of (walk − r): joined when ≤ 0.
		const slack = limit * 1e-6 + 1e-3;
		const dist = new Float64Array(width * height).fill(Infinity);
		const queue = new FlatQueue<number>();
		for (let c = 0; c < dist.length; c++) {
			if (!(seedCost[c] <= limit + slack)) continue;
			dist[c] = -Math.min(budget, (limit + slack - seedCost[c]) / detour);
			queue.push(c, dist[c]);
		}
		while (queue.length > 0) {
			const d = queue.peekValue() as number;
			const c = queue.pop() as number;
			if (d > dist[c]) continue;
			const i = c % width;
			const j = (c - i) / width;
			for (const [di, dj, len] of steps) {
				const ni = i + di;
				const nj = j + dj;
				if (ni < 0 || nj < 0 || ni >= width || nj >= height) continue;
				const n = nj * width + ni;
				const nd = d + len;
				if (!inside[n] || nd > 0 || nd >= dist[n]) continue;
				if (segs.length > 0 && blockedStep(c, n, i + 0.5, j + 0.5, ni + 0.5, nj + 0.5)) continue;
				dist[n] = nd;
				queue.push(n, nd);
			}
		}

		const joined = (i: number, j: number): boolean =>
			i >= 0 && j >= 0 && i < width && j < height && inside[j * width + i] === 1 && dist[j * width + i] <= 0;
		let cut = 0;
		let example = -1;
		for (let c = 0; c < inside.length; c++) {
			if (!inside[c] || dist[c] <= 0) continue;
			const i = c % width;
			const j = (c - i) / width;
			// a pinhole: the contouring drops its hole as a sliver (< 0.01 cell²), not a leak
			if (joined(i - 1, j) && joined(i + 1, j) && joined(i, j - 1) && joined(i, j + 1)) continue;
			cut++;
			if (example < 0) example = c;
		}
		if (cut > 0) {
			const at = centre(example).map((x) => x.toFixed(6)).join(', ');
			errors.push(
				`barriers: ${cut} cells of the ${band.properties.minutes} min band are not joined to a street by an off-street walk ` +
					`that crosses no barrier, is ≤ ${Math.round(maxOffStreet)} m long and ends within ${band.properties.minutes} min ` +
					`(e.g. the cell at [${at}])`
			);
		}
	});
	return errors;
}
