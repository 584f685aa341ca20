/**
 * The validator must itself fail on broken isochrones, or the invariant tests prove nothing.
 */
import { describe, it, expect } from 'vitest';
import type { Position } from 'geojson';
import { computeIsochrone, type IsochroneSuccess } from '../../../src/lib/graph/isochrone';
import { buildSnapIndex } from '../../../src/lib/graph/snap';
import { buildSyntheticGraph, connectedComponents } from '../../../src/lib/graph/street-graph';
import { validateIsochrone } from '../../../src/lib/graph/validate';

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
