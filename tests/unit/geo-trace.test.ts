/**
 * The road-tracing helper: invariants over a hand-made grid and over the real osm-roads network.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, LineString, Position } from 'geojson';
import { buildRoadGraph, distanceMetres, nodePosition, shortestPath, traceCorners, type RoadGraph } from '../../src/lib/geo/trace';

/** A 4×4 grid of streets 0.001° apart, each block edge its own line, sharing end points at junctions. */
function grid(): Position[][] {
	const lines: Position[][] = [];
	for (let i = 0; i < 4; i++) {
		for (let j = 0; j < 3; j++) {
			lines.push([[121.4 + j * 0.001, 31.2 + i * 0.001], [121.4 + (j + 1) * 0.001, 31.2 + i * 0.001]]);
			lines.push([[121.4 + i * 0.001, 31.2 + j * 0.001], [121.4 + i * 0.001, 31.2 + (j + 1) * 0.001]]);
		}
	}
	return lines;
}

/** Every consecutive pair of a traced path must be an edge of the graph. */
function followsEdges(graph: RoadGraph, coords: Position[]): boolean {
	const key = (p: Position) => `${p[0]},${p[1]}`;
	const ids = new Map<string, number>();
	for (let i = 0; i < graph.nodeCount; i++) ids.set(key(nodePosition(graph, i)), i);
	for (let k = 1; k < coords.length; k++) {
		const a = ids.get(key(coords[k - 1]));
		const b = ids.get(key(coords[k]));
		if (a === undefined || b === undefined) return false;
		let found = false;
		for (let e = graph.offsets[a]; e < graph.offsets[a + 1]; e++) if (graph.targets[e] === b) found = true;
		if (!found) return false;
	}
	return true;
}

describe('buildRoadGraph', () => {
	it('joins lines only at shared positions', () => {
		const g = buildRoadGraph(grid());
		expect(g.nodeCount).toBe(16);
		expect(g.targets.length).toBe(2 * 24);
	});
	it('rejects a one-point line', () => {
		expect(() => buildRoadGraph([[[121.4, 31.2]]])).toThrow(/needs 2/);
	});
});

describe('traceCorners', () => {
	const g = buildRoadGraph(grid());

	it('starts and ends at the snapped corners, is continuous and follows edges', () => {
		const corners: Position[] = [[121.40001, 31.20002], [121.40298, 31.20301]];
		const r = traceCorners(g, corners);
		expect(r.coordinates[0]).toEqual([121.4, 31.2]);
		expect(r.coordinates[r.coordinates.length - 1]).toEqual([121.403, 31.203]);
		expect(followsEdges(g, r.coordinates)).toBe(true);
		// shortest: Manhattan distance, 6 block edges
		expect(r.coordinates.length).toBe(7);
	});

	it('closes a ring through every corner, in order', () => {
		const corners: Position[] = [[121.4, 31.2], [121.403, 31.2], [121.403, 31.203], [121.4, 31.203]];
		const r = traceCorners(g, corners, { closed: true });
		expect(r.coordinates[0]).toEqual(r.coordinates[r.coordinates.length - 1]);
		expect(r.cornerIndex.map((i) => r.coordinates[i])).toEqual(corners);
		expect(followsEdges(g, r.coordinates)).toBe(true);
		expect(r.coordinates.length).toBe(13);
	});

	it('refuses a corner far from the roads', () => {
		expect(() => traceCorners(g, [[121.4, 31.2], [121.41, 31.21]], { maxSnapMetres: 50 })).toThrow(/from the roads/);
	});

	it('refuses corners on disconnected roads', () => {
		const split = buildRoadGraph([
			[[121.4, 31.2], [121.401, 31.2]],
			[[121.41, 31.2], [121.411, 31.2]]
		]);
		expect(shortestPath(split, 0, 2)).toBeNull();
		expect(() => traceCorners(split, [[121.4, 31.2], [121.411, 31.2]])).toThrow(/not connected/);
	});

	it('on the real osm-roads network: a path is continuous and no longer than a detour bound', () => {
		const roads = JSON.parse(
			readFileSync(join(process.cwd(), 'geodata', 'sources', 'osm-roads', 'changning-roads.osm.wgs84.geojson'), 'utf8')
		) as FeatureCollection<LineString>;
		const real = buildRoadGraph(roads.features.map((f) => f.geometry.coordinates));
		const a: Position = [121.412638, 31.210312]; // Kaixuan Rd × Yan'an West Rd
		const b: Position = [121.411448, 31.219765]; // Kaixuan Rd × Changning Rd
		const r = traceCorners(real, [a, b], { maxSnapMetres: 5 });
		expect(followsEdges(real, r.coordinates)).toBe(true);
		let length = 0;
		for (let k = 1; k < r.coordinates.length; k++) length += distanceMetres(r.coordinates[k - 1], r.coordinates[k]);
		// along one street: barely longer than the straight line
		expect(length).toBeLessThan(1.15 * distanceMetres(a, b));
	});
});
