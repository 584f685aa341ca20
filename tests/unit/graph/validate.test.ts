/**
 * The validator must itself fail on broken isochrones, or the invariant tests prove nothing.
 */
import { describe, it, expect } from 'vitest';
import type { Position } from 'geojson';
import { computeIsochrone, type IsochroneOptions, type IsochroneSuccess } from '../../../src/lib/graph/isochrone';
import { buildSnapIndex } from '../../../src/lib/graph/snap';
import { buildSyntheticGraph, connectedComponents } from '../../../src/lib/graph/street-graph';
import { validateIsochrone } from '../../../src/lib/graph/validate';
import { loadFixture } from './fixtures';

describe('validateIsochrone catches broken results', () => {
	const graph = buildSyntheticGraph({ seed: 31, cols: 30, rows: 30, dropRate: 0.3 });
	const index = buildSnapIndex(graph);
	const options = { origin: [graph.refLon, graph.refLat] as [number, number], minutes: [3, 6] };
	const good = computeIsochrone(graph, index, options);
	if (!good.ok) throw new Error(good.message);
	const comp = connectedComponents(graph);
	const check = (broken: IsochroneSuccess): string[] =>
		validateIsochrone(graph, index, options, broken, { components: comp, checkMonotone: false });
	const copy = (): IsochroneSuccess => structuredClone(good);
	const polygonOf = (r: IsochroneSuccess, minutes: number): Position[][][] => {
		const g = r.bands.features.find((f) => f.properties.minutes === minutes)!.geometry;
		return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
	};

	it('accepts the real result', () => {
		expect(validateIsochrone(graph, index, options, good, { components: comp })).toEqual([]);
	});

	it('a node of another component', () => {
		const r = copy();
		const island = [...comp.keys()].find((n) => comp[n] !== comp[r.snapped.u])!;
		r.reached.nodes = Uint32Array.from([...r.reached.nodes, island]);
		r.reached.costs = Float64Array.from([...r.reached.costs, r.reached.costs[r.reached.costs.length - 1]]);
		expect(check(r).join('\n')).toMatch(/components: node \d+ of another component/);
	});

	it('a cost that is not the shortest path', () => {
		const r = copy();
		const last = r.reached.costs.length - 1;
		r.reached.costs[Math.floor(last / 2)] += 5;
		expect(check(r).join('\n')).toMatch(/shortcut|no tight predecessor/);
	});

	it('a node left out although within reach', () => {
		const r = copy();
		r.reached.nodes = r.reached.nodes.slice(0, -1);
		r.reached.costs = r.reached.costs.slice(0, -1);
		expect(check(r).join('\n')).toMatch(/reachable in .* but not reached/);
	});

	it('an inner band poking out of the outer band and the circle', () => {
		const r = copy();
		const [cx, cy] = r.snapped.point;
		for (const poly of polygonOf(r, 3)) for (const ring of poly) for (const p of ring) {
			p[0] = cx + (p[0] - cx) * 2.5;
			p[1] = cy + (p[1] - cy) * 2.5;
		}
		const errors = check(r).join('\n');
		expect(errors).toMatch(/nesting: \d+ vertices of the 3 min band lie outside the 6 min band/);
		expect(errors).toMatch(/circle: 3 min band vertex/);
	});

	it('a clockwise exterior ring', () => {
		const r = copy();
		const f = r.bands.features.find((x) => x.properties.minutes === 6)!;
		const g = f.geometry;
		const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates[0];
		rings[0].reverse();
		expect(check(r).join('\n')).toMatch(/exterior ring is not counter-clockwise/);
	});
});

/**
 * The barrier rule: a band point must be joined to a reached street by an off-street walk that
 * crosses no barrier, stays within maxOffStreet and ends within the band's minutes. Proven by
 * running the engine with barriers switched off and validating against the options that have them.
 */
describe('validateIsochrone catches a band that leaks across a barrier', () => {
	const graph = buildSyntheticGraph({ seed: 31, cols: 30, rows: 30, dropRate: 0.3 });
	const index = buildSnapIndex(graph);
	const comp = connectedComponents(graph);
	const proj = graph.projection;
	// a north–south wall 60 m west of the origin, across the whole grid: the streets that cross it are
	// bridges (the network walk may use them), the off-street walk may not cross it
	const wall: [number, number][] = [proj.toLonLat([-60, -900]), proj.toLonLat([-60, 900])];
	const options = {
		origin: [graph.refLon, graph.refLat] as [number, number],
		minutes: [3, 6],
		barriers: { type: 'LineString' as const, coordinates: wall }
	};
	const check = (r: ReturnType<typeof computeIsochrone>, opts: IsochroneOptions = options): string => {
		if (!r.ok) throw new Error(r.message);
		return validateIsochrone(graph, index, opts, r, { components: comp, checkMonotone: false }).join('\n');
	};

	it('the wall cuts street edges, and the honest result passes', () => {
		let cut = 0;
		const [wx, wy0, wy1] = [-60, -900, 900];
		for (let u = 0; u < graph.nodeCount; u++) {
			for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
				const v = graph.targets[e];
				const [ux, uy, vx, vy] = [graph.xy[2 * u], graph.xy[2 * u + 1], graph.xy[2 * v], graph.xy[2 * v + 1]];
				const y = uy + ((wx - ux) * (vy - uy)) / (vx - ux);
				if (u < v && (ux - wx) * (vx - wx) < 0 && y > wy0 && y < wy1) cut++;
			}
		}
		expect(cut).toBeGreaterThan(10);
		expect(check(computeIsochrone(graph, index, options))).toBe('');
	});

	it('the same engine run with barriers switched off', () => {
		const leaky = computeIsochrone(graph, index, { ...options, barriers: null });
		expect(check(leaky)).toMatch(/barriers: \d+ cells of the 3 min band are not joined to a street by an off-street walk that crosses no barrier/);
		// …and without the wall in the options, the same result is honest
		expect(check(leaky, { ...options, barriers: null })).toBe('');
	});

	it('isochrone leaks across Suzhou Creek without a bridge (barriers switched off)', () => {
		for (const name of ['isochrone-leaks-across-suzhou-creek-without-a-bridge', 'suzhou-creek-with-bridge']) {
			const fx = loadFixture(name);
			const leaky = computeIsochrone(fx.graph, fx.index, { ...fx.options, barriers: null });
			if (!leaky.ok) throw new Error(leaky.message);
			const errors = validateIsochrone(fx.graph, fx.index, fx.options, leaky, { checkMonotone: false }).join('\n');
			for (const m of [5, 10, 15]) expect(errors, name).toMatch(new RegExp(`barriers: \\d+ cells of the ${m} min band`));
		}
	});

	it('a walk longer than maxOffStreet, or cheaper than offStreetDetour allows', () => {
		const open = { ...options, barriers: null };
		const r = computeIsochrone(graph, index, open);
		expect(check(r, open)).toBe('');
		expect(check(r, { ...open, maxOffStreet: 40 })).toMatch(/barriers: \d+ cells of the 6 min band .* ≤ 40 m long/);
		expect(check(r, { ...open, offStreetDetour: 2 })).toMatch(/barriers: \d+ cells of the 6 min band .* ends within 6 min/);
	});
});
