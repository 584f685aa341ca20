/**
 * shortestRoute: the walk between two points along the streets (issue 12, item 9). Invariants over
 * seeded random graphs, checked against the brute-force reference Dijkstra, plus the failures the
 * measure tool words for the user (a point too far from any street, streets that do not connect).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { shortestRoute, type RouteFound } from '../../../src/lib/graph/route';
import { buildSnapIndex, type SnapHit } from '../../../src/lib/graph/snap';
import { mulberry32, randomInt } from '../../../src/lib/graph/random';
import { buildStreetGraph, buildSyntheticGraph, connectedComponents, type StreetGraph } from '../../../src/lib/graph/street-graph';
import { adjacency, referenceDijkstra, type Adjacency } from './reference';

type LonLat = [number, number];

/** Straight-line distance in the graph's own metre projection. */
function metresBetween(graph: StreetGraph, p: readonly number[], q: readonly number[]): number {
	const { toMetres } = graph.projection;
	const [x1, y1] = toMetres([p[0], p[1]]);
	const [x2, y2] = toMetres([q[0], q[1]]);
	return Math.hypot(x2 - x1, y2 - y1);
}

/** The reference's answer: the street metres from snapped point to snapped point (Infinity: no route). */
function referenceStreetMetres(adj: Adjacency, graph: StreetGraph, a: SnapHit, b: SnapHit): number {
	const d = referenceDijkstra(adj, graph.nodeCount, [a.u, a.v], [a.t * a.edgeLength, (1 - a.t) * a.edgeLength], Infinity);
	const viaNodes = Math.min(d[b.u] + b.t * b.edgeLength, d[b.v] + (1 - b.t) * b.edgeLength);
	return a.edge === b.edge ? Math.min(viaNodes, Math.abs(a.t - b.t) * a.edgeLength) : viaNodes;
}

/** Shortest edge u → v (a street may be stored twice between the same nodes), or undefined. */
function edgeLength(graph: StreetGraph, u: number, v: number): number | undefined {
	let best: number | undefined;
	for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
		if (graph.targets[e] === v && (best === undefined || graph.lengths[e] < best)) best = graph.lengths[e];
	}
	return best;
}

/**
 * What must hold for every route found: it equals the reference, it is never shorter than the
 * straight line, its nodes are a walk over real edges, and its polyline is as long as it says.
 */
function checkRoute(graph: StreetGraph, adj: Adjacency, from: LonLat, to: LonLat, route: RouteFound, label: string): void {
	const { from: a, to: b } = route;
	expect(route.streetMetres, `${label}: equals the reference Dijkstra`).toBeCloseTo(referenceStreetMetres(adj, graph, a, b), 6);
	expect(route.metres, label).toBeCloseTo(route.offStreetMetres[0] + route.streetMetres + route.offStreetMetres[1], 9);
	expect(route.offStreetMetres[0]).toBeCloseTo(a.distance, 9);
	expect(route.offStreetMetres[1]).toBeCloseTo(b.distance, 9);
	// Never shorter than the straight line, between the snapped points and between the points themselves.
	const slack = 1e-3 + 1e-6 * route.metres;
	expect(route.streetMetres, `${label}: ≥ the straight line between the snapped points`).toBeGreaterThanOrEqual(metresBetween(graph, a.point, b.point) - slack);
	expect(route.metres, `${label}: ≥ the straight line between the points`).toBeGreaterThanOrEqual(metresBetween(graph, from, to) - slack);

	// Connected: consecutive nodes are joined by an edge, and the walk adds up to the street metres.
	let along = 0;
	for (let i = 1; i < route.nodes.length; i++) {
		const len = edgeLength(graph, route.nodes[i - 1], route.nodes[i]);
		expect(len, `${label}: nodes ${route.nodes[i - 1]} → ${route.nodes[i]} are joined by an edge`).toBeDefined();
		along += len!;
	}
	if (route.nodes.length === 0) {
		expect(a.edge, `${label}: a walk without nodes stays on one segment`).toBe(b.edge);
		along = Math.abs(a.t - b.t) * a.edgeLength;
	} else {
		const first = route.nodes[0];
		const last = route.nodes[route.nodes.length - 1];
		expect([a.u, a.v], `${label}: the walk starts at an end of the first point's segment`).toContain(first);
		expect([b.u, b.v], `${label}: the walk ends at an end of the second point's segment`).toContain(last);
		along += first === a.u ? a.t * a.edgeLength : (1 - a.t) * a.edgeLength;
		along += last === b.u ? b.t * b.edgeLength : (1 - b.t) * b.edgeLength;
	}
	expect(along, `${label}: the nodes' edges add up to the street metres`).toBeCloseTo(route.streetMetres, 3);

	// The polyline: from the first point to the second, no repeated vertex, as long as the walk.
	const line = route.coordinates;
	expect(line[0]).toEqual(from);
	expect(line[line.length - 1]).toEqual(to);
	let drawn = 0;
	for (let i = 1; i < line.length; i++) {
		expect(line[i], `${label}: no repeated vertex`).not.toEqual(line[i - 1]);
		drawn += metresBetween(graph, line[i - 1], line[i]);
	}
	// Synthetic edges are exactly as long as their chords (up to float32 rounding).
	expect(Math.abs(drawn - route.metres), `${label}: the line is as long as the walk`).toBeLessThan(0.01 + 1e-5 * route.metres);
}

describe('shortestRoute on seeded random graphs', () => {
	it('equals the reference, is never shorter than the straight line, is connected and symmetric; no route only between components', () => {
		const rand = mulberry32(912);
		let found = 0;
		let unreachable = 0;
		let sameSegment = 0;
		for (let seed = 1; seed <= 30; seed++) {
			const cols = 4 + randomInt(rand, 12);
			const rows = 4 + randomInt(rand, 12);
			// Up to 45 % of the edges dropped: islands, so some pairs have no route.
			const graph = buildSyntheticGraph({ seed, cols, rows, dropRate: rand() * 0.45, diagonalRate: rand() * 0.2 });
			const index = buildSnapIndex(graph);
			const adj = adjacency(graph);
			const component = connectedComponents(graph);
			const proj = graph.projection;
			const randomPoint = (): LonLat => proj.toLonLat([(rand() - 0.5) * cols * 60, (rand() - 0.5) * rows * 60]) as LonLat;
			for (let q = 0; q < 8; q++) {
				const from = randomPoint();
				// Now and then the second point lies close to the first, often on the same segment.
				const to = q % 4 === 3 ? (proj.toLonLat([proj.toMetres(from)[0] + 3, proj.toMetres(from)[1] + 2]) as LonLat) : randomPoint();
				const route = shortestRoute(graph, index, from, to, { maxSnapDistance: 1e6 });
				const back = shortestRoute(graph, index, to, from, { maxSnapDistance: 1e6 });
				const label = `seed ${seed} pair ${q}`;
				if (!route.ok) {
					expect(route.reason, label).toBe('no-route');
					if (route.reason !== 'no-route') continue;
					// Only points whose streets lie in different components have no route.
					expect(component[route.from.u], label).not.toBe(component[route.to.u]);
					expect(referenceStreetMetres(adj, graph, route.from, route.to), label).toBe(Infinity);
					expect(route.message).toMatch(/not connected/);
					expect(back.ok, `${label}: no route back either`).toBe(false);
					unreachable++;
					continue;
				}
				found++;
				if (route.nodes.length === 0) sameSegment++;
				checkRoute(graph, adj, from, to, route, label);
				// Symmetric on an undirected graph: the way back is exactly as long.
				expect(back.ok, label).toBe(true);
				if (back.ok) expect(back.metres, `${label}: symmetric`).toBeCloseTo(route.metres, 6);
			}
		}
		// The generator must exercise every branch, or the test proves less than it says.
		expect(found).toBeGreaterThan(150);
		expect(unreachable).toBeGreaterThan(0);
		expect(sameSegment).toBeGreaterThan(0);
	});

	it('reuses its scratch across graphs and queries without leaking one answer into the next', () => {
		const g1 = buildSyntheticGraph({ seed: 5, cols: 12, rows: 12 });
		const g2 = buildSyntheticGraph({ seed: 6, cols: 9, rows: 14 });
		const i1 = buildSnapIndex(g1);
		const i2 = buildSnapIndex(g2);
		const a: LonLat = [121.4165, 31.2212];
		const b: LonLat = [121.4195, 31.2228];
		const first = shortestRoute(g1, i1, a, b);
		shortestRoute(g2, i2, b, a);
		shortestRoute(g1, i1, b, [121.418, 31.222]);
		expect(shortestRoute(g1, i1, a, b)).toEqual(first);
	});
});

describe('shortestRoute on hand-made streets', () => {
	const line = (coordinates: LonLat[]) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates } });
	// An L-shaped street, and a second street 500 m east that touches neither.
	const streets: FeatureCollection = {
		type: 'FeatureCollection',
		features: [
			line([
				[121.41, 31.21],
				[121.415, 31.21],
				[121.415, 31.215]
			]),
			line([
				[121.425, 31.21],
				[121.425, 31.215]
			])
		]
	};
	const graph = buildStreetGraph(streets);
	const index = buildSnapIndex(graph);
	const adj = adjacency(graph);

	it('walks round the corner, with the off-street bits at both ends', () => {
		const from: LonLat = [121.412, 31.2102]; // ~22 m north of the first leg
		const to: LonLat = [121.4152, 31.2135]; // ~19 m east of the second leg
		const route = shortestRoute(graph, index, from, to);
		if (!route.ok) throw new Error(route.message);
		checkRoute(graph, adj, from, to, route, 'corner');
		expect(route.offStreetMetres[0]).toBeGreaterThan(15);
		expect(route.offStreetMetres[1]).toBeGreaterThan(15);
		// point, its street, the corner, the street, point
		expect(route.coordinates).toHaveLength(5);
		expect(route.coordinates[2]).toEqual([121.415, 31.21]);
		// Round the corner is longer than across it.
		expect(route.metres).toBeGreaterThan(1.2 * metresBetween(graph, from, to));
	});

	it('stays on one segment when both points snap to it', () => {
		const from: LonLat = [121.411, 31.2101];
		const to: LonLat = [121.414, 31.2099];
		const route = shortestRoute(graph, index, from, to);
		if (!route.ok) throw new Error(route.message);
		checkRoute(graph, adj, from, to, route, 'one segment');
		expect(route.nodes).toEqual([]);
		expect(route.coordinates).toHaveLength(4);
	});

	it('says "no route" between streets that do not connect', () => {
		const route = shortestRoute(graph, index, [121.412, 31.21], [121.425, 31.212]);
		expect(route).toMatchObject({ ok: false, reason: 'no-route' });
		if (!route.ok) expect(route.message).toMatch(/not connected/);
	});

	it('says which point has no walkable street within the radius, and how far the nearest is', () => {
		const far: LonLat = [121.4, 31.23]; // ~2.4 km north-west of the L-shaped street, the nearest
		const near: LonLat = [121.412, 31.21];
		const to = shortestRoute(graph, index, near, far);
		expect(to).toMatchObject({ ok: false, reason: 'no-walkable-street', end: 'to', from: { ok: true }, to: { ok: false } });
		if (!to.ok && to.reason === 'no-walkable-street' && !to.to.ok) {
			expect(to.to.nearestDistance).toBeGreaterThan(2000);
			expect(to.message).toMatch(/The second point: No walkable street within 250 m/);
		}
		expect(shortestRoute(graph, index, far, near)).toMatchObject({ ok: false, end: 'from' });
		expect(shortestRoute(graph, index, far, far)).toMatchObject({ ok: false, end: 'both' });
		// A wider radius reaches it.
		expect(shortestRoute(graph, index, near, far, { maxSnapDistance: 5000 }).ok).toBe(true);
	});

	it('rejects a point that is not a lon/lat', () => {
		expect(() => shortestRoute(graph, index, [Number.NaN, 31.21], [121.412, 31.21])).toThrow(/finite \[lon, lat\]/);
	});
});

describe('shortestRoute on the bundled streets', () => {
	const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection;
	const graph = buildStreetGraph(streets);
	const index = buildSnapIndex(graph);
	const adj = adjacency(graph);

	it('finds walks between seeded points in the district that satisfy every invariant', () => {
		const rand = mulberry32(12);
		let checked = 0;
		for (let i = 0; i < 6; i++) {
			const from: LonLat = [121.37 + rand() * 0.07, 31.2 + rand() * 0.03];
			const to: LonLat = [121.37 + rand() * 0.07, 31.2 + rand() * 0.03];
			const route = shortestRoute(graph, index, from, to);
			if (!route.ok) continue; // a point on the airfield or in a park, far from a road
			checkRoute(graph, adj, from, to, route, `pair ${i}`);
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(3);
	});
});
