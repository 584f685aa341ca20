import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { computeIsochrone } from '../../src/lib/graph/isochrone';
import { computeCoverage, coverageAt } from '../../src/lib/graph/coverage';
import { coverageField, snapSources } from '../../src/lib/graph/coverage-search';
import { prepareCoverageArea } from '../../src/lib/graph/coverage-area';
import { shortestPathCosts } from '../../src/lib/graph/dijkstra';
import { mulberry32, randomInt } from '../../src/lib/graph/random';
import { buildSnapIndex, type SnapIndex } from '../../src/lib/graph/snap';
import { buildStreetGraph, buildSyntheticGraph, type StreetGraph } from '../../src/lib/graph/street-graph';
import { inMultiPolygon } from '../../src/lib/graph/validate';
import { metresPerMinute } from '../../src/lib/geo/walking';
import { coverageAreaFrom, innerRingArea } from '../../src/lib/data/coverage-area';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;

const coordsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** A random graph and `n` random source points near it (most snap), seeded. */
function randomCase(seed: number, n: number) {
	const rand = mulberry32(seed);
	const cols = 8 + randomInt(rand, 18);
	const rows = 8 + randomInt(rand, 18);
	const spacing = 40 + rand() * 80;
	const graph = buildSyntheticGraph({ seed, cols, rows, spacing, jitter: rand() * 0.45, dropRate: rand() * 0.35, diagonalRate: rand() * 0.15 });
	const index = buildSnapIndex(graph);
	const at = (): [number, number] => graph.projection.toLonLat([(rand() - 0.5) * cols * spacing, (rand() - 0.5) * rows * spacing]);
	const points = Array.from({ length: n }, () => [at()]);
	return { graph, index, points, rand, at };
}

describe('coverage: the multi-source walk is the minimum over single-source walks', () => {
	for (let seed = 1; seed <= 25; seed++) {
		it(`random graph ${seed}`, () => {
			const { graph, index, points } = randomCase(seed, 1 + (seed % 7));
			const sources = snapSources(graph, index, points);
			const field = coverageField(sources);
			const min = new Float64Array(graph.nodeCount).fill(Infinity);
			const perSource: Float64Array[] = [];
			for (let k = 0; k < sources.owner.length; k++) {
				const L = graph.lengths[sources.edge[k]];
				const single = shortestPathCosts(graph, [sources.u[k], sources.v[k]], [sources.along[k], L - sources.along[k]], Infinity);
				perSource.push(single);
				for (let i = 0; i < graph.nodeCount; i++) if (single[i] < min[i]) min[i] = single[i];
			}
			for (let i = 0; i < graph.nodeCount; i++) {
				if (min[i] === Infinity) {
					expect(field.dist[i]).toBe(Infinity);
					expect(field.nearest[i]).toBe(-1);
				} else {
					expect(field.dist[i]).toBeCloseTo(min[i], 9);
					// the label names a source that really is that near
					expect(perSource[field.nearest[i]][i]).toBeCloseTo(min[i], 9);
				}
			}
		});
	}
});

describe('coverage of one amenity is its isochrone', () => {
	for (let seed = 30; seed < 45; seed++) {
		it(`random graph ${seed}`, () => {
			const { graph, index, at } = randomCase(seed, 0);
			const origin = at();
			const iso = computeIsochrone(graph, index, { origin, minutes: [3, 6, 10] });
			if (!iso.ok) return; // the point snapped nowhere: nothing to compare
			const cov = computeCoverage(graph, snapSources(graph, index, [[origin]]), { minutes: [3, 6, 10] });
			expect(cov.areas).toEqual(iso.areas);
			expect(cov.bands.features.map((f) => f.properties)).toEqual(iso.bands.features.map((f) => f.properties));
			// same rings, vertex for vertex (the sample lattice may be walked from the other end: 1e-12°)
			cov.bands.features.forEach((f, b) => {
				const a = coordsOf(f.geometry).flat(3);
				const c = coordsOf(iso.bands.features[b].geometry).flat(3);
				expect(a.length).toBe(c.length);
				for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - c[i])).toBeLessThan(1e-12);
			});
		});
	}
});

/**
 * Random points in an isochrone band are in the coverage band of the same minutes. Coverage runs the
 * off-street spread once for all amenities, and a cell keeps only its cheapest cost's off-street walk
 * (chamfer.ts): so this can fail only where two amenities' walks meet near the off-street limit. It is
 * asserted for every point here; a failure names the seed.
 */
describe('a point inside an amenity’s isochrone is covered at that threshold', () => {
	for (let seed = 50; seed < 65; seed++) {
		it(`random graph ${seed}`, () => {
			const { graph, index, points, rand } = randomCase(seed, 4 + (seed % 5));
			const T = [4, 7, 10][seed % 3];
			const sources = snapSources(graph, index, points);
			const cov = computeCoverage(graph, sources, { minutes: [T], includeStreets: false });
			const band = cov.bands.features[0].geometry;
			let checked = 0;
			for (const [origin] of points) {
				const iso = computeIsochrone(graph, index, { origin, minutes: [T], includeStreets: false });
				if (!iso.ok) continue;
				const ring = coordsOf(iso.bands.features[0].geometry);
				if (ring.length === 0) continue;
				const [lon0, lat0, lon1, lat1] = bbox(ring);
				for (let i = 0; i < 60; i++) {
					const p = [lon0 + rand() * (lon1 - lon0), lat0 + rand() * (lat1 - lat0)];
					if (!inMultiPolygon(ring, p)) continue;
					checked++;
					expect(inMultiPolygon(coordsOf(band), p), `point ${p} is in an isochrone of ${T} min but not covered`).toBe(true);
				}
			}
			expect(checked).toBeGreaterThan(0);
		});
	}
});

function bbox(mp: Position[][][]): [number, number, number, number] {
	let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const poly of mp) for (const [x, y] of poly[0]) [a, b, c, d] = [Math.min(a, x), Math.min(b, y), Math.max(c, x), Math.max(d, y)];
	return [a, b, c, d];
}

// whole-district computations: a loaded machine can take longer than vitest's 5 s default
describe('coverage on the bundled data', { timeout: 60_000 }, () => {
	const streets = read('geodata/streets.geojson');
	const water = read('geodata/water.geojson');
	const graph: StreetGraph = buildStreetGraph(streets);
	const index: SnapIndex = buildSnapIndex(graph);
	const walk = { offStreetDetour: 1.4, maxOffStreet: 250 };
	const amenities = read('static/data/amenities.geojson');
	const stations = amenities.features.filter((f) => f.properties?.category === 'metro-station');
	const stationPoints = stations.map((f) => [(f.geometry as { coordinates: number[] }).coordinates]);
	const sources = snapSources(graph, index, stationPoints);
	const input = coverageAreaFrom({
		district: read('static/data/changning.geojson'),
		water,
		green: read('static/data/green.geojson'),
		places: read('static/data/places.json'),
		elevated: read('geodata/transit/elevated_roads.geojson')
	});
	const area = prepareCoverageArea(graph, input, { maxOffStreet: walk.maxOffStreet });

	it('with the creek as a barrier, each station’s isochrone lies within the coverage', () => {
		const cov = computeCoverage(graph, sources, { minutes: [5, 10], barriers: water, ...walk, includeStreets: false });
		const rand = mulberry32(7);
		for (const [origin] of stationPoints.slice(0, 12)) {
			const iso = computeIsochrone(graph, index, { origin: origin as [number, number], minutes: [5, 10], barriers: water, ...walk, includeStreets: false });
			if (!iso.ok) continue;
			iso.bands.features.forEach((f, b) => {
				const ring = coordsOf(f.geometry);
				const [lon0, lat0, lon1, lat1] = bbox(ring);
				for (let i = 0; i < 40; i++) {
					const p = [lon0 + rand() * (lon1 - lon0), lat0 + rand() * (lat1 - lat0)];
					if (inMultiPolygon(ring, p)) expect(inMultiPolygon(coordsOf(cov.bands.features[b].geometry), p)).toBe(true);
				}
			});
		}
	});

	it('the covered shares never shrink as the threshold grows', () => {
		let last = { street: -1, land: -1 };
		const cov = computeCoverage(graph, sources, { minutes: [20], barriers: water, ...walk, includeStreets: false, area, threshold: { innerRing: 1300, elsewhere: 1300 } });
		for (const m of [50, 150, 300, 500, 700, 1000, 1300]) {
			// figures from the same grid at a lower threshold: a sweep without recomputing the walk
			const f = computeCoverage(graph, sources, { minutes: [20], barriers: water, ...walk, includeStreets: false, area, threshold: { innerRing: m, elsewhere: m } }).figures!;
			expect(f.street.share).toBeGreaterThanOrEqual(last.street);
			expect(f.land.share).toBeGreaterThanOrEqual(last.land);
			expect(f.street.share).toBeLessThanOrEqual(1);
			expect(f.land.share).toBeLessThanOrEqual(1);
			last = { street: f.street.share, land: f.land.share };
		}
		expect(last.street).toBe(cov.figures!.street.share);
		expect(last.land).toBeGreaterThan(0.3);
	});

	it('the land share leaves out the creek, the parks and the airport, and counts the rest of the district', () => {
		const ids = area.excluded.map((x) => x.id).sort();
		expect(ids).toEqual(['green-hongqiao-airport', 'green-shanghai-zoo', 'water-suzhou-creek', 'zhongshan-park']);
		for (const x of area.excluded) expect(x.m2).toBeGreaterThan(0);
		// the district is 37.2 km² (places.json); what is left is the land
		const left = area.excluded.reduce((s, x) => s + x.m2, 0);
		expect(area.landM2 + left).toBeGreaterThan(36.5e6);
		expect(area.landM2 + left).toBeLessThan(38e6);
		// 125 km of walkable street in the district (geodata/README.md)
		expect(area.streetM / 1000).toBeGreaterThan(115);
		expect(area.streetM / 1000).toBeLessThan(135);
	});

	it('the Inner Ring puts Jiangsu Rd inside and Songhong Rd outside', () => {
		const ring = innerRingArea(read('geodata/transit/elevated_roads.geojson'));
		expect(ring).not.toBeNull();
		expect(inMultiPolygon([ring!.coordinates], [121.427, 31.2214])).toBe(true); // 江苏路
		expect(inMultiPolygon([ring!.coordinates], [121.3968, 31.2134])).toBe(false); // 娄山关路
		expect(inMultiPolygon([ring!.coordinates], [121.3558, 31.22])).toBe(false); // 淞虹路
		expect(area.streetInnerM).toBeGreaterThan(5000);
		expect(area.streetInnerM).toBeLessThan(area.streetM / 2);
	});

	it('a tighter threshold inside the Inner Ring covers less there', () => {
		const base = { minutes: [10], barriers: water, ...walk, includeStreets: false, area };
		const flat = computeCoverage(graph, sources, { ...base, threshold: { innerRing: 500, elsewhere: 500 } }).figures!;
		const zoned = computeCoverage(graph, sources, { ...base, threshold: { innerRing: 300, elsewhere: 500 } });
		const f = zoned.figures!;
		expect(f.street.innerRing.covered_m).toBeLessThan(flat.street.innerRing.covered_m);
		expect(f.street.covered_m - f.street.innerRing.covered_m).toBeCloseTo(flat.street.covered_m - flat.street.innerRing.covered_m, 6);
		expect(f.land.covered_m2).toBeLessThan(flat.land.covered_m2);
		expect(zoned.standard!.properties).toMatchObject({ inner_ring_m: 300, elsewhere_m: 500 });
	});

	it('the point query is the minimum over the stations, and agrees with the streets', () => {
		const field = coverageField(sources);
		const singles = stationPoints.map((p) => coverageField(snapSources(graph, index, [p])));
		const rand = mulberry32(3);
		let asked = 0;
		for (let i = 0; i < 200; i++) {
			const p = graph.projection.toLonLat([(rand() - 0.5) * 9000, (rand() - 0.5) * 6000]);
			const hit = coverageAt(graph, index, field, p, { detour: 1.4 });
			if (!hit.ok) continue;
			asked++;
			let best = Infinity;
			for (const f of singles) {
				if (f.sources.owner.length === 0) continue;
				const h = coverageAt(graph, index, f, p, { detour: 1.4 });
				if (h.ok) best = Math.min(best, h.metres);
			}
			expect(hit.metres).toBeCloseTo(best, 6);
			expect(hit.metres).toBeCloseTo(hit.networkMetres + 1.4 * hit.offStreetMetres, 9);
		}
		expect(asked).toBeGreaterThan(100);
	});

	it('coloured streets: every piece has its nearest station, its band and minutes within the band', () => {
		const mpm = metresPerMinute(4);
		const cov = computeCoverage(graph, sources, { minutes: [5, 10, 15], ...walk });
		expect(cov.streets.features.length).toBeGreaterThan(graph.edgeCount / 2);
		for (const f of cov.streets.features) {
			const { minutes, band, source } = f.properties;
			if (minutes === null) {
				expect(source).toBe(-1);
				continue;
			}
			expect(source).toBeGreaterThanOrEqual(0);
			expect(source).toBeLessThan(stations.length);
			if (band !== null) expect(minutes).toBeLessThanOrEqual(band + 0.01);
			else expect(minutes * mpm).toBeGreaterThan(15 * mpm - 1);
		}
	});
});
