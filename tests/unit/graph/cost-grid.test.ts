/**
 * The cost grid stage: the grid fits the reached box on the cell lattice, stamped and spread costs
 * never beat the straight line from the origin, and the off-street spread never crosses a wall of
 * blocked cells, not even diagonally through a corner.
 */
import { describe, it, expect } from 'vitest';
import { spreadOffStreet } from '../../../src/lib/graph/chamfer';
import { CostGrid, fitGrid, preparedBarriersFor, stampStreets, type GridFrame } from '../../../src/lib/graph/cost-grid';
import { BoundedDijkstra } from '../../../src/lib/graph/dijkstra';
import { originSeeds } from '../../../src/lib/graph/origin';
import { PieceBuffer } from '../../../src/lib/graph/pieces';
import { mulberry32 } from '../../../src/lib/graph/random';
import { collectPieces } from '../../../src/lib/graph/reached-pieces';
import { buildSnapIndex, snapToGraph } from '../../../src/lib/graph/snap';
import { buildSyntheticGraph } from '../../../src/lib/graph/street-graph';

describe('fitGrid', () => {
	it('is aligned to the lattice, covers the padded box, fits maxCells, and grows the cell no more than needed', () => {
		const rand = mulberry32(3);
		for (let k = 0; k < 300; k++) {
			const minX = (rand() - 0.5) * 1e4;
			const minY = (rand() - 0.5) * 1e4;
			const box = { minX, minY, maxX: minX + rand() * 5000, maxY: minY + rand() * 5000 };
			const cellSize = 5 + rand() * 100;
			const maxOff = rand() * 300;
			const maxCells = 1000 + Math.floor(rand() * 50_000);
			const f = fitGrid(box, cellSize, maxOff, maxCells);
			const steps = Math.round(Math.log(f.cs / cellSize) / Math.log(1.25));
			expect(f.cs).toBeCloseTo(cellSize * 1.25 ** steps, 9);
			expect(Math.abs(f.minX / f.cs - Math.round(f.minX / f.cs))).toBeLessThan(1e-9);
			expect(Math.abs(f.minY / f.cs - Math.round(f.minY / f.cs))).toBeLessThan(1e-9);
			const pad = maxOff + 2 * f.cs;
			expect(f.minX).toBeLessThanOrEqual(box.minX - pad + 1e-9);
			expect(f.minY).toBeLessThanOrEqual(box.minY - pad + 1e-9);
			expect(f.minX + f.width * f.cs).toBeGreaterThanOrEqual(box.maxX + pad);
			expect(f.minY + f.height * f.cs).toBeGreaterThanOrEqual(box.maxY + pad);
			expect(f.width * f.height).toBeLessThanOrEqual(maxCells);
			if (steps > 0) {
				const smaller = fitGrid(box, f.cs / 1.25, maxOff, Number.MAX_SAFE_INTEGER);
				expect(smaller.width * smaller.height).toBeGreaterThan(maxCells);
			}
		}
	});

	it('refuses a non-finite box instead of growing the cell forever', () => {
		expect(() => fitGrid({ minX: NaN, minY: 0, maxX: 1, maxY: 1 }, 25, 100, 1e5)).toThrow(/non-finite/);
	});
});

describe('stamping and the off-street spread', () => {
	const graph = buildSyntheticGraph({ seed: 12, cols: 25, rows: 25, spacing: 70, dropRate: 0.25 });
	const index = buildSnapIndex(graph);

	it('no cell costs less than the straight line from the snapped point; the spread only lowers costs, within maxOff', () => {
		const rand = mulberry32(9);
		const bad: string[] = [];
		for (let q = 0; q < 20; q++) {
			const origin = graph.projection.toLonLat([(rand() - 0.5) * 1500, (rand() - 0.5) * 1500]);
			const snap = snapToGraph(graph, index, origin, 1e6);
			if (!snap.ok) continue;
			const T = 200 + rand() * 800;
			const detour = 1 + rand();
			const maxOff = rand() * 200;
			const search = new BoundedDijkstra(graph);
			const seeds = originSeeds(snap);
			search.run(seeds.nodes, seeds.costs, T);
			const pieces = new PieceBuffer();
			const frame = fitGrid(collectPieces(graph, search, snap, T, pieces), 10 + rand() * 30, maxOff, 250_000);
			const grid = new CostGrid();
			grid.reset(frame);
			stampStreets(grid, frame, graph, pieces, snap, T, detour);
			const cells = frame.width * frame.height;
			const stamped = grid.cost.slice(0, cells);
			spreadOffStreet(grid.cost, grid.off, null, frame.width, frame.height, frame.cs, detour, maxOff, T + detour * frame.cs, 2);
			const [sx, sy] = [graph.xy[2 * snap.u] + snap.t * (graph.xy[2 * snap.v] - graph.xy[2 * snap.u]), graph.xy[2 * snap.u + 1] + snap.t * (graph.xy[2 * snap.v + 1] - graph.xy[2 * snap.u + 1])];
			for (let c = 0; c < cells; c++) {
				const cost = grid.cost[c];
				if (cost > stamped[c]) bad.push(`cell ${c}: the spread raised ${stamped[c]} to ${cost}`);
				if (cost === Infinity) continue;
				const cx = frame.minX + ((c % frame.width) + 0.5) * frame.cs;
				const cy = frame.minY + (Math.floor(c / frame.width) + 0.5) * frame.cs;
				const line = Math.hypot(cx - sx, cy - sy);
				if (cost < line - 0.01) bad.push(`cell ${c}: cost ${cost} < straight line ${line}`);
				if (grid.off[c] > maxOff + 1e-3 && stamped[c] !== cost) bad.push(`cell ${c}: ${grid.off[c]} m off-street > ${maxOff}`);
			}
		}
		expect(bad.slice(0, 10)).toEqual([]);
	});
});

describe('spreadOffStreet and barriers', () => {
	/** A 30 × 30 grid of 10 m cells with one street cell at (3, 15), cost 0. */
	const setup = (): { frame: GridFrame; cost: Float64Array; off: Float32Array; blocked: Uint8Array } => {
		const frame = { cs: 10, minX: 0, minY: 0, width: 30, height: 30 };
		const cost = new Float64Array(900).fill(Infinity);
		cost[15 * 30 + 3] = 0;
		return { frame, cost, off: new Float32Array(900), blocked: new Uint8Array(900) };
	};
	const spread = (s: ReturnType<typeof setup>, blocked: Uint8Array | null): void =>
		spreadOffStreet(s.cost, s.off, blocked, 30, 30, 10, 1.3, 500, 1e9, blocked ? 4 : 2);

	it('a wall of blocked cells (4-connected) stops the walk; without it the walk crosses', () => {
		const s = setup();
		for (let y = 0; y < 30; y++) s.blocked[y * 30 + 10] = 1;
		spread(s, s.blocked);
		for (let y = 1; y < 29; y++) for (let x = 11; x < 29; x++) expect(s.cost[y * 30 + x]).toBe(Infinity);
		expect(s.cost[15 * 30 + 9]).toBeLessThan(Infinity);
		const open = setup();
		spread(open, null);
		expect(open.cost[15 * 30 + 20]).toBeLessThan(Infinity);
	});

	it('a diagonal line of blocked cells (only corner to corner) is not cut through either', () => {
		const s = setup();
		for (let k = 0; k < 30; k++) s.blocked[k * 30 + (29 - k)] = 1; // x + y = 29
		spread(s, s.blocked);
		for (let y = 1; y < 29; y++) for (let x = 1; x < 29; x++) if (x + y > 29) expect(s.cost[y * 30 + x], `${x},${y}`).toBe(Infinity);
	});

	it('barriers are projected once per object and passed through when prepared', () => {
		const graph = buildSyntheticGraph({ seed: 1, cols: 3, rows: 3 });
		const line = { type: 'LineString' as const, coordinates: [[121.41, 31.22], [121.42, 31.23]] };
		const prepared = preparedBarriersFor(graph, line);
		expect(preparedBarriersFor(graph, line)).toBe(prepared);
		expect(preparedBarriersFor(graph, prepared)).toBe(prepared);
		expect(prepared.segments.length).toBe(4);
	});
});
