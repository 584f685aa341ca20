import { describe, it, expect } from 'vitest';
import type { Feature, Polygon, Position } from 'geojson';
import { computeIsochrone, type IsochroneOptions, type IsochroneSuccess } from '../../../src/lib/graph/isochrone';
import { mulberry32, randomInt } from '../../../src/lib/graph/random';
import { buildSnapIndex } from '../../../src/lib/graph/snap';
import { buildSyntheticGraph, connectedComponents } from '../../../src/lib/graph/street-graph';
import { validateIsochrone } from '../../../src/lib/graph/validate';
import { fixtureNames, loadFixture, type Fixture } from './fixtures';

function ok(result: ReturnType<typeof computeIsochrone>): IsochroneSuccess {
	if (!result.ok) throw new Error(`expected an isochrone, got: ${result.message}`);
	return result;
}

const bandVertices = (r: IsochroneSuccess): Position[] =>
	r.bands.features.flatMap((f) =>
		(f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2)
	);

describe('validateIsochrone over every fixture', () => {
	for (const name of fixtureNames()) {
		it(name, () => {
			const fx = loadFixture(name);
			const result = ok(computeIsochrone(fx.graph, fx.index, fx.options));
			expect(validateIsochrone(fx.graph, fx.index, fx.options, result)).toEqual([]);
		});
	}
});

describe('validateIsochrone over 60 seeded random graphs', () => {
	const rand = mulberry32(15);
	const cases = Array.from({ length: 60 }, (_, i) => {
		const seed = 100 + i;
		const graphOptions = {
			seed,
			cols: 8 + randomInt(rand, 25),
			rows: 8 + randomInt(rand, 25),
			// up to 400 m between vertices: long edges only partly reached stress the clipping
			spacing: i % 6 === 5 ? 150 + rand() * 250 : 30 + rand() * 90,
			jitter: rand() * 0.45,
			dropRate: rand() * 0.4,
			diagonalRate: rand() * 0.2
		};
		const bands = [[5, 10, 15], [3, 7], [15], [10, 20, 30], [1, 2, 60]][i % 5];
		return { seed, graphOptions, bands, speedKmh: [4, 4.8, 3, 2.5, 6][randomInt(rand, 5)], cellSize: [25, 15, 40][i % 3], barrier: i % 4 === 3, r: rand() };
	});
	for (const c of cases) {
		it(`seed ${c.seed}: ${c.graphOptions.cols}×${c.graphOptions.rows}, ${c.bands.join('/')} min at ${c.speedKmh} km/h${c.barrier ? ', barrier' : ''}`, () => {
			const graph = buildSyntheticGraph(c.graphOptions);
			const index = buildSnapIndex(graph);
			const comp = connectedComponents(graph);
			const rand = mulberry32(c.seed);
			const { spacing, cols, rows } = c.graphOptions;
			const proj = graph.projection;
			const at = (): [number, number] =>
				proj.toLonLat([(rand() - 0.5) * cols * spacing, (rand() - 0.5) * rows * spacing]);
			// a random barrier line across the graph, when asked
			const barriers = c.barrier
				? { type: 'LineString' as const, coordinates: [at(), at()] }
				: null;
			for (let q = 0; q < 3; q++) {
				const options: IsochroneOptions = {
					origin: at(),
					minutes: c.bands,
					speedKmh: c.speedKmh,
					cellSize: c.cellSize,
					barriers,
					maxOffStreet: 60 + rand() * 100
				};
				const result = computeIsochrone(graph, index, options);
				if (!result.ok) {
					expect(result.reason).toBe('no-walkable-street');
					continue;
				}
				expect(validateIsochrone(graph, index, options, result, { components: comp })).toEqual([]);
			}
		});
	}
});

describe('computeIsochrone', () => {
	const graph = buildSyntheticGraph({ seed: 77, cols: 40, rows: 40, spacing: 60 });
	const index = buildSnapIndex(graph);
	const centre: [number, number] = [graph.refLon, graph.refLat];

	it('returns bands largest first, areas ascending, a plausible share of the circle', () => {
		const r = ok(computeIsochrone(graph, index, { origin: centre }));
		expect(r.minutes).toEqual([5, 10, 15]);
		expect(r.bands.features.map((f) => f.properties.minutes)).toEqual([15, 10, 5]);
		expect(r.areas.map((a) => a.minutes)).toEqual([5, 10, 15]);
		// the reference: a 15-minute network walk covers roughly 60–65 % of the straight-line circle
		expect(r.areas[2].circle_ratio).toBeGreaterThan(0.45);
		expect(r.areas[2].circle_ratio).toBeLessThan(0.85);
		expect(r.bands.features[0].properties.distance_m).toBeCloseTo(1000, 6);
		expect(r.reachedStreets.features.length).toBeGreaterThan(100);
		for (const f of r.reachedStreets.features) expect([5, 10, 15]).toContain(f.properties.band);
		expect(Object.keys(r.timings).sort()).toEqual(['bandMs', 'dijkstraMs', 'snapMs', 'streetsMs', 'totalMs']);
	});

	it('is deterministic and does not leak state between calls', () => {
		const a = ok(computeIsochrone(graph, index, { origin: centre }));
		computeIsochrone(graph, index, { origin: [centre[0] + 0.004, centre[1] - 0.003], minutes: [20] });
		const b = ok(computeIsochrone(graph, index, { origin: centre }));
		expect(b.bands).toEqual(a.bands);
		expect(b.reachedStreets).toEqual(a.reachedStreets);
	});

	it('keeps a band the same whatever the larger bands are (grid aligned to the cell lattice)', () => {
		const a = ok(computeIsochrone(graph, index, { origin: centre, minutes: [5, 10] }));
		const b = ok(computeIsochrone(graph, index, { origin: centre, minutes: [5, 10, 20] }));
		// equal up to the last bits of floating point (the lattice offset differs between the grids)
		const five = (r: IsochroneSuccess) =>
			JSON.stringify(r.bands.features.find((f) => f.properties.minutes === 5), (_, v) =>
				typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v
			);
		expect(five(b)).toEqual(five(a));
	});

	it('can skip the reached streets', () => {
		const r = ok(computeIsochrone(graph, index, { origin: centre, includeStreets: false }));
		expect(r.reachedStreets.features).toEqual([]);
	});

	it('reports a far origin as a failure, not an exception', () => {
		const r = computeIsochrone(graph, index, { origin: [centre[0] + 0.2, centre[1]] });
		expect(r).toMatchObject({ ok: false, reason: 'no-walkable-street' });
		expect(!r.ok && r.message).toMatch(/^No walkable street within 250 m of this point/);
	});

	it('validates options up front', () => {
		expect(() => computeIsochrone(graph, index, { origin: centre, minutes: [0.5] })).toThrow(/between 1 and 60 minutes/);
		expect(() => computeIsochrone(graph, index, { origin: centre, minutes: [] })).toThrow(/non-empty/);
		expect(() => computeIsochrone(graph, index, { origin: centre, speedKmh: 20 })).toThrow(/between 0\.5 and 10 km\/h/);
		expect(() => computeIsochrone(graph, index, { origin: centre, cellSize: 1 })).toThrow(/cellSize must be 5–200 m/);
		expect(() => computeIsochrone(graph, index, { origin: centre, offStreetDetour: 0.5 })).toThrow(/offStreetDetour/);
		expect(() => computeIsochrone(graph, index, { origin: [Number.NaN, 1] })).toThrow(/origin must be/);
	});

	it('grows the cell size instead of allocating a huge grid', () => {
		const r = ok(computeIsochrone(graph, index, { origin: centre, minutes: [60], speedKmh: 10, maxCells: 5000 }));
		expect(r.grid.width * r.grid.height).toBeLessThanOrEqual(5000);
		expect(r.grid.cellSize).toBeGreaterThan(25);
		expect(validateIsochrone(graph, index, { origin: centre, minutes: [60], speedKmh: 10, maxCells: 5000 }, r)).toEqual([]);
	});
});

describe('Suzhou Creek', () => {
	const creekEdges = (fx: Fixture): { south: number; north: number } => {
		const creek = fx.barriers[0] as Feature<Polygon>;
		const lats = creek.geometry.coordinates[0].map((p) => p[1]);
		return { south: Math.min(...lats), north: Math.max(...lats) };
	};
	const farBankNodes = (fx: Fixture, r: IsochroneSuccess, north: number): number =>
		[...r.reached.nodes].filter((n) => fx.graph.lonLat[2 * n + 1] > north).length;

	it('isochrone leaks across Suzhou Creek without a bridge', () => {
		const fx = loadFixture('isochrone-leaks-across-suzhou-creek-without-a-bridge');
		const { north } = creekEdges(fx);
		const r = ok(computeIsochrone(fx.graph, fx.index, fx.options));
		expect(farBankNodes(fx, r, north)).toBe(0);
		const far = bandVertices(r).filter((p) => p[1] > north);
		expect(far, 'band polygon reaches the north bank').toEqual([]);
		expect(validateIsochrone(fx.graph, fx.index, fx.options, r)).toEqual([]);

		// the control: without the barrier the off-street spread jumps the 60 m of water
		const leaky = ok(computeIsochrone(fx.graph, fx.index, { ...fx.options, barriers: null }));
		expect(farBankNodes(fx, leaky, north)).toBe(0); // the network never crosses…
		expect(bandVertices(leaky).some((p) => p[1] > north)).toBe(true); // …but the spread did
	});

	it('reaches the north bank once there is a bridge', () => {
		const fx = loadFixture('suzhou-creek-with-bridge');
		const { north } = creekEdges(fx);
		const r = ok(computeIsochrone(fx.graph, fx.index, fx.options));
		expect(farBankNodes(fx, r, north)).toBeGreaterThan(10);
		expect(bandVertices(r).some((p) => p[1] > north + 0.0005)).toBe(true);
		expect(validateIsochrone(fx.graph, fx.index, fx.options, r)).toEqual([]);
	});
});
