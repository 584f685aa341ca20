import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString } from 'geojson';
import { BoundedDijkstra } from '../../../src/lib/graph/dijkstra';
import { computeIsochrone, type IsochroneSuccess } from '../../../src/lib/graph/isochrone';
import { MAX_ORIGINS, computeMultiIsochrone } from '../../../src/lib/graph/isochrone-merge';
import { originSeeds } from '../../../src/lib/graph/origin';
import { PieceBuffer, emptyPiece } from '../../../src/lib/graph/pieces';
import { collectPieces } from '../../../src/lib/graph/reached-pieces';
import { mulberry32, randomInt } from '../../../src/lib/graph/random';
import { buildSnapIndex, snapToGraph } from '../../../src/lib/graph/snap';
import { avoidedEdges, kindsMask, streetKindMask } from '../../../src/lib/graph/street-kinds';
import { buildStreetGraph, buildSyntheticGraph, type StreetGraph } from '../../../src/lib/graph/street-graph';
import { inMultiPolygon } from '../../../src/lib/graph/validate';
import { adjacency, referenceDijkstra } from './reference';

function ok(result: ReturnType<typeof computeIsochrone>): IsochroneSuccess {
	if (!result.ok) throw new Error(`expected an isochrone, got: ${result.message}`);
	return result;
}

/** A random avoid mask, the same for both directions of a segment (as a street's kind is). */
function randomAvoid(graph: StreetGraph, rand: () => number, rate: number): Uint8Array {
	const avoid = new Uint8Array(graph.edgeCount);
	for (let u = 0; u < graph.nodeCount; u++) {
		for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
			const v = graph.targets[e];
			if (v < u || rand() >= rate) continue;
			avoid[e] = 1;
			for (let f = graph.offsets[v]; f < graph.offsets[v + 1]; f++) if (graph.targets[f] === u) avoid[f] = 1;
		}
	}
	return avoid;
}

function edgeOf(graph: StreetGraph, u: number, v: number): number[] {
	const out: number[] = [];
	for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) if (graph.targets[e] === v) out.push(e);
	return out;
}

describe('street kinds', () => {
	it('reads the kinds the data can tell from a street feature', () => {
		expect(streetKindMask({ class: 'bridge' })).toBe(1);
		expect(streetKindMask({ class: 'arterial', name_method: 'elevated-over+register' })).toBe(6);
		expect(streetKindMask({ class: 'local', name_method: 'unnamed' })).toBe(0);
		expect(streetKindMask(null)).toBe(0);
	});

	it('marks every edge of an avoided street, both directions, and nothing else; no kinds → null', () => {
		const line = (coords: number[][], props: object) => ({ type: 'Feature' as const, properties: props, geometry: { type: 'LineString' as const, coordinates: coords } });
		const streets: FeatureCollection<LineString> = {
			type: 'FeatureCollection',
			features: [
				line([[121.40, 31.20], [121.401, 31.20], [121.402, 31.20]], { class: 'arterial' }),
				line([[121.402, 31.20], [121.402, 31.201]], { class: 'local' }),
				line([[121.402, 31.201], [121.403, 31.201]], { class: 'bridge' })
			]
		};
		const graph = buildStreetGraph(streets);
		const kinds = streets.features.map((f) => streetKindMask(f.properties));
		const avoid = avoidedEdges(graph, kinds, kindsMask(['arterial']))!;
		for (let e = 0; e < graph.edgeCount; e++) expect(avoid[e], `edge ${e}`).toBe(graph.edgeWay[e] === 0 ? 1 : 0);
		expect(avoidedEdges(graph, kinds, 0)).toBeNull();
		expect(avoidedEdges(graph, kinds, kindsMask(['under-elevated']))).toBeNull();
		expect(() => avoidedEdges(graph, [1], 1)).toThrow(/3 source features/);
	});
});

describe('a profile that avoids streets (seeded random graphs)', () => {
	for (let i = 0; i < 12; i++) {
		const seed = 300 + i;
		it(`seed ${seed}: never walks an avoided edge; with nothing avoided it is the plain walk`, () => {
			const rand = mulberry32(seed);
			const cols = 8 + randomInt(rand, 15);
			const rows = 8 + randomInt(rand, 15);
			const spacing = 40 + rand() * 80;
			const graph = buildSyntheticGraph({ seed, cols, rows, spacing, jitter: 0.3, dropRate: 0.2 });
			const index = buildSnapIndex(graph);
			const avoid = randomAvoid(graph, rand, 0.25);
			const origin = graph.projection.toLonLat([(rand() - 0.5) * cols * spacing, (rand() - 0.5) * rows * spacing]);
			const snap = snapToGraph(graph, index, origin, 250);
			if (!snap.ok) return;
			const seeds = originSeeds(snap);
			const T = 900;

			// the search: node costs equal a textbook Dijkstra on the graph without the avoided edges
			const search = new BoundedDijkstra(graph);
			search.run(seeds.nodes, seeds.costs, T, avoid);
			const adj = adjacency(graph);
			for (const [u, list] of adj) adj.set(u, list.filter((_, k) => avoid[graph.offsets[u] + k] === 0));
			const expected = referenceDijkstra(adj, graph.nodeCount, seeds.nodes, seeds.costs, T);
			for (let n = 0; n < graph.nodeCount; n++) expect(search.cost(n)).toBeCloseTo(expected[n], 6);

			// the pieces: none on an avoided edge, except the one the origin snapped to
			const pieces = new PieceBuffer();
			collectPieces(graph, search, snap, T, pieces, avoid);
			const piece = emptyPiece();
			for (let k = 0; k < pieces.count; k++) {
				pieces.read(k, piece);
				const onOrigin = (piece.u === snap.u && piece.v === snap.v) || (piece.u === snap.v && piece.v === snap.u);
				if (onOrigin) continue;
				expect(edgeOf(graph, piece.u, piece.v).some((e) => avoid[e] === 0), `piece ${piece.u}→${piece.v}`).toBe(true);
			}

			// the whole isochrone: never larger than the plain walk; an all-zero mask is the plain walk
			const plain = ok(computeIsochrone(graph, index, { origin, minutes: [5, 10] }));
			const avoiding = ok(computeIsochrone(graph, index, { origin, minutes: [5, 10], avoidEdges: avoid }));
			const none = ok(computeIsochrone(graph, index, { origin, minutes: [5, 10], avoidEdges: new Uint8Array(graph.edgeCount) }));
			expect(none.bands).toEqual(plain.bands);
			expect(none.areas).toEqual(plain.areas);
			for (let b = 0; b < 2; b++) expect(avoiding.areas[b].area_m2).toBeLessThanOrEqual(plain.areas[b].area_m2 + 1);
		});
	}

	it('rejects a mask of the wrong length', () => {
		const graph = buildSyntheticGraph({ seed: 1, cols: 4, rows: 4 });
		const index = buildSnapIndex(graph);
		const origin = graph.nodeLonLat(5);
		expect(() => computeIsochrone(graph, index, { origin, avoidEdges: new Uint8Array(3) })).toThrow(/avoidEdges has 3 entries/);
	});
});

describe('several origins merged (seeded random graphs)', () => {
	for (let i = 0; i < 12; i++) {
		const seed = 500 + i;
		it(`seed ${seed}: every origin's band lies inside the merged band; one origin merged is itself`, () => {
			const rand = mulberry32(seed);
			const cols = 10 + randomInt(rand, 20);
			const rows = 10 + randomInt(rand, 20);
			const spacing = 40 + rand() * 80;
			const graph = buildSyntheticGraph({ seed, cols, rows, spacing, jitter: 0.3, dropRate: 0.2 });
			const index = buildSnapIndex(graph);
			const at = () => graph.projection.toLonLat([(rand() - 0.5) * cols * spacing, (rand() - 0.5) * rows * spacing]);
			const origins = Array.from({ length: 2 + randomInt(rand, 3) }, at);
			const minutes = [[5, 10, 15], [3, 8], [10]][i % 3];
			const { parts, merged } = computeMultiIsochrone(graph, index, origins, { minutes, cellSize: [25, 20, 40][i % 3] });
			expect(parts).toHaveLength(origins.length);
			const singles = parts.filter((p): p is IsochroneSuccess => p.ok);
			if (singles.length === 0) return expect(merged).toBeNull();
			expect(merged).not.toBeNull();
			const m = merged!;
			const { cs, minX, minY, width } = m.frame;
			for (const part of singles) {
				// per cell, the merged cost is never above the origin's own
				const g = part.grid;
				const ox = Math.round((g.minX - minX) / cs);
				const oy = Math.round((g.minY - minY) / cs);
				for (let y = 0; y < g.height; y++) {
					for (let x = 0; x < g.width; x++) expect(m.cost[(y + oy) * width + x + ox]).toBeLessThanOrEqual(part.cost![y * g.width + x]);
				}
				// per band: larger area, and the centre of every cell well inside the origin's band is inside the merged band
				const singleBands = [...part.bands.features].reverse();
				const mergedBands = [...m.bands].reverse();
				for (let b = 0; b < minutes.length; b++) {
					expect(m.areas[b].area_m2).toBeGreaterThanOrEqual(part.areas[b].area_m2 - 1);
					const limit = singleBands[b].properties.distance_m;
					const geometry = mergedBands[b].geometry;
					const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
					for (let y = 0; y < g.height; y += 2) {
						for (let x = 0; x < g.width; x += 2) {
							if (!(part.cost![y * g.width + x] < limit - cs)) continue;
							const p = graph.projection.toLonLat([g.minX + (x + 0.5) * cs, g.minY + (y + 0.5) * cs]);
							expect(inMultiPolygon(polygons, p), `cell ${x},${y} of band ${minutes[b]}`).toBe(true);
						}
					}
				}
			}
			// one origin: the merged bands are that origin's bands
			const one = computeMultiIsochrone(graph, index, [origins[0]], { minutes });
			if (one.parts[0].ok) expect(one.merged!.bands).toEqual(one.parts[0].bands.features);
		});
	}

	it(`takes 1–${MAX_ORIGINS} origins`, () => {
		const graph = buildSyntheticGraph({ seed: 1, cols: 4, rows: 4 });
		const index = buildSnapIndex(graph);
		expect(() => computeMultiIsochrone(graph, index, [])).toThrow(/1–8 origins/);
		expect(() => computeMultiIsochrone(graph, index, Array.from({ length: 9 }, () => graph.nodeLonLat(0)))).toThrow(/got 9/);
	});
});
