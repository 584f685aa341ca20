/**
 * The bundled walking network (geodata/streets.geojson) and Suzhou Creek (geodata/water.geojson),
 * as `npm run build:geodata` writes them from geodata/sources/. Invariants, not examples: every
 * check here holds for any correct build of any road file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import * as v from 'valibot';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { StreetProperties } from '../../src/lib/data/schema';
import { MARGIN_M, type StreetBuildReport } from '../../scripts/geodata/streets';
import { buildNamedNetwork } from '../../scripts/geodata/network';
import { buildCreek, creekLine } from '../../scripts/geodata/water';
import { buildStreetGraph } from '../../src/lib/graph/street-graph';

const read = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(process.cwd(), rel), 'utf8')) as T;
const streets = read<FeatureCollection<LineString>>('geodata/streets.geojson');
const water = read<FeatureCollection<Polygon | MultiPolygon>>('geodata/water.geojson').features;
const roads = read<FeatureCollection<LineString>>('geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson');
const district = read<FeatureCollection<Polygon | MultiPolygon>>('geodata/admin/changning.wgs84.geojson').features[0];

const M_LAT = 110574;
const M_LON = 111320 * Math.cos((31.21 * Math.PI) / 180);
const dist = (a: Position, b: Position) => Math.hypot((a[0] - b[0]) * M_LON, (a[1] - b[1]) * M_LAT);
const key = (c: Position) => `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
const walkable = streets.features.filter((f) => f.properties?.walkable === true);
const creek = water.find((f) => f.properties?.id === 'water-suzhou-creek') as Feature<Polygon | MultiPolygon>;
const creekEdge = creekLine(district);
const inDistrict = (c: Position) => turf.booleanPointInPolygon(c, district);

describe('geodata/streets.geojson is the real road network', () => {
	it('every feature passes the street schema, ids are unique, coordinates are WGS84 rounded to 6 decimals', () => {
		const ids = new Set<string>();
		for (const f of streets.features) {
			const parsed = v.safeParse(StreetProperties, f.properties);
			expect(parsed.success, `${f.properties?.id}: ${JSON.stringify(parsed.issues?.[0]?.message)}`).toBe(true);
			expect(f.properties?.source).toBe('osm');
			expect(ids.has(f.properties?.id)).toBe(false);
			ids.add(f.properties?.id);
			for (const [x, y] of f.geometry.coordinates) {
				expect(x > 121.28 && x < 121.5 && y > 31.14 && y < 31.28, `${f.properties?.id} ${x},${y}`).toBe(true);
				expect(Math.abs(x * 1e6 - Math.round(x * 1e6)) < 1e-3 && Math.abs(y * 1e6 - Math.round(y * 1e6)) < 1e-3).toBe(true);
			}
		}
	});

	it('no invented geometry: every vertex lies on a source road', () => {
		const index = turf.geojsonRbush<LineString>();
		index.load(roads);
		const off: string[] = [];
		for (const f of streets.features) {
			for (const c of f.geometry.coordinates) {
				const near = index.search(turf.buffer(turf.point(c), 5, { units: 'meters' })!).features;
				const d = Math.min(...near.map((r) => turf.pointToLineDistance(c, r, { units: 'meters' })));
				if (!(d < 0.5)) off.push(`${f.properties?.id} at ${key(c)}: ${d.toFixed(1)} m from any source road`);
			}
		}
		expect(off).toEqual([]);
	}, 60_000);

	it('reaches the margin: the network extends past the district, but not past district + margin', () => {
		const area = turf.buffer(district, MARGIN_M + 5, { units: 'meters' })!;
		const outside = walkable.filter((f) => f.geometry.coordinates.some((c) => !inDistrict(c)));
		expect(outside.length).toBeGreaterThan(50);
		for (const f of streets.features) {
			for (const c of f.geometry.coordinates) expect(turf.booleanPointInPolygon(c, area), `${f.properties?.id} ${key(c)}`).toBe(true);
		}
	}, 60_000);

	it('the walkable network is one connected component', () => {
		const graph = buildStreetGraph(streets);
		const seen = new Uint8Array(graph.nodeCount);
		const stack = [0];
		seen[0] = 1;
		let reached = 1;
		while (stack.length) {
			const n = stack.pop()!;
			for (let e = graph.offsets[n]; e < graph.offsets[n + 1]; e++) {
				const t = graph.targets[e];
				if (!seen[t]) {
					seen[t] = 1;
					reached++;
					stack.push(t);
				}
			}
		}
		expect(reached).toBe(graph.nodeCount);
	});

	it('every crossing of two walkable streets is a shared vertex (junctions are where roads really meet)', () => {
		const index = turf.geojsonRbush<LineString>();
		index.load(turf.featureCollection(walkable));
		const bad: string[] = [];
		for (const a of walkable) {
			for (const b of index.search(a).features) {
				if (String(b.properties?.id) <= String(a.properties?.id)) continue;
				const shared = new Set(a.geometry.coordinates.map(key));
				for (const x of turf.lineIntersect(a, b).features) {
					const p = x.geometry.coordinates;
					const ok = b.geometry.coordinates.some((c) => shared.has(key(c)) && dist(c, p) <= 0.5);
					if (!ok) bad.push(`${a.properties?.id} × ${b.properties?.id} at ${key(p)}`);
				}
			}
		}
		expect(bad).toEqual([]);
	}, 60_000);

	it('Suzhou Creek is crossed only at bridges, and every bridge crosses it', () => {
		const crossing = walkable.filter((f) => turf.lineIntersect(f, creekEdge).features.length > 0);
		const bridges = walkable.filter((f) => f.properties?.class === 'bridge');
		expect(bridges.length).toBeGreaterThanOrEqual(5);
		expect(crossing.map((f) => f.properties?.id).sort()).toEqual(bridges.map((f) => f.properties?.id).sort());
		for (const b of bridges) expect(turf.length(b, { units: 'meters' }), String(b.properties?.id)).toBeLessThan(120);
	});

	it('no street other than a bridge runs in the creek (the band keeps clear of the bank roads)', () => {
		const bad: string[] = [];
		for (const f of walkable) {
			if (f.properties?.class === 'bridge' || !turf.booleanIntersects(f, creek)) continue;
			const cs = f.geometry.coordinates;
			let inside = 0;
			for (let k = 0; k < cs.length - 1; k++) {
				const len = dist(cs[k], cs[k + 1]);
				const n = Math.max(1, Math.ceil(len / 2));
				for (let s = 0; s < n; s++) {
					const t = (s + 0.5) / n;
					const p = [cs[k][0] + t * (cs[k + 1][0] - cs[k][0]), cs[k][1] + t * (cs[k + 1][1] - cs[k][1])];
					if (turf.booleanPointInPolygon(p, creek)) inside += len / n;
				}
			}
			if (inside > 15) bad.push(`${f.properties?.id}: ${inside.toFixed(0)} m in the creek`);
		}
		expect(bad).toEqual([]);
	});

	it('expressway carriageways are drawn but never walked', () => {
		const express = streets.features.filter((f) => f.properties?.class === 'expressway');
		expect(express.length).toBeGreaterThan(0);
		for (const f of express) expect(f.properties?.walkable, String(f.properties?.id)).toBe(false);
		const graph = buildStreetGraph(streets);
		const walkedKm = walkable.reduce((t, f) => t + turf.length(f), 0);
		// The graph stores each walkable piece once in each direction, and nothing else.
		let graphKm = 0;
		for (let e = 0; e < graph.edgeCount; e++) graphKm += graph.lengths[e] / 1000;
		expect(graphKm / 2).toBeCloseTo(walkedKm, 0);
	});

	it('no corridor is walked twice: no two walkable pieces run side by side for more than 150 m', () => {
		const index = turf.geojsonRbush<LineString>();
		index.load(turf.featureCollection(walkable));
		const twins: string[] = [];
		for (const a of walkable) {
			const len = turf.length(a, { units: 'meters' });
			if (len < 150) continue;
			const n = Math.ceil(len / 25);
			const near = index.search(turf.buffer(a, 12, { units: 'meters' })!).features.filter((b) => b.properties?.id !== a.properties?.id);
			for (const b of near) {
				let alongside = 0;
				for (let i = 1; i < n; i++) {
					const p = turf.along(a, (len * i) / n, { units: 'meters' });
					if (turf.pointToLineDistance(p, b, { units: 'meters' }) < 12) alongside += len / n;
				}
				if (alongside > 150) twins.push(`${a.properties?.id} ∥ ${b.properties?.id} for ${alongside.toFixed(0)} m`);
			}
		}
		expect(twins).toEqual([]);
	}, 60_000);
});

describe('the network build is reproducible', () => {
	let rebuilt: { streets: FeatureCollection<LineString>; report: StreetBuildReport };
	beforeAll(() => {
		rebuilt = buildNamedNetwork(process.cwd(), district);
	}, 120_000);

	it('names, classes, ids and coordinates round-trip: rebuilding from the sources gives the committed file', () => {
		// A fresh read: the spatial indexes above add `bbox` members to the features they load.
		expect(rebuilt.streets).toEqual(read<FeatureCollection<LineString>>('geodata/streets.geojson'));
	});

	it('what the build leaves out is listed, and none of it lies in the district', () => {
		for (const c of rebuilt.report.droppedComponents) expect(c.km).toBeLessThan(3);
		const kept = new Set(streets.features.map((f) => f.properties?.id));
		const droppedInside = roads.features.filter(
			(r) => !kept.has(`street-${r.properties?.id}`) && ![...kept].some((k) => String(k).startsWith(`street-${r.properties?.id}-`))
		).filter((r) => r.geometry.coordinates.every(inDistrict));
		expect(droppedInside.map((r) => r.properties?.id)).toEqual([]);
	});

	it('the creek band is rebuilt the same way', () => {
		expect(buildCreek(district, streets).geometry.coordinates).toEqual(creek.geometry.coordinates);
	});
});

describe('Suzhou Creek polygon', () => {
	it('is valid and believable (a closed ring without self-intersection, 30–150 ha)', () => {
		expect(turf.kinks(creek).features.length).toBe(0);
		const rings = creek.geometry.type === 'Polygon' ? creek.geometry.coordinates : creek.geometry.coordinates.flat();
		for (const ring of rings) expect(key(ring[0])).toBe(key(ring[ring.length - 1]));
		const ha = turf.area(creek) / 1e4;
		expect(ha).toBeGreaterThan(30);
		expect(ha).toBeLessThan(150);
	});
});
