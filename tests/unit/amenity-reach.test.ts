import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { buildStreetGraph, buildSyntheticGraph } from '$lib/graph/street-graph';
import { buildSnapIndex, snapToGraph } from '$lib/graph/snap';
import { shortestPathCosts } from '$lib/graph/dijkstra';
import { computeIsochrone } from '$lib/graph/isochrone';
import { pointCosts, snapPoints } from '$lib/graph/amenity-reach';
import { FULL_NETWORK_WALK } from '$lib/graph/off-street';

const OFF_STREET_DETOUR = FULL_NETWORK_WALK.detour;
import { evaluateLifeCircle } from '$lib/geo/life-circle';
import { mulberry32 } from '$lib/graph/random';
import { createHandlers } from '$lib/worker/handlers';
import { WorkerClient, type WorkerLike } from '$lib/worker/client';
import type { RequestMessage, ResponseMessage } from '$lib/worker/protocol';
import type { AmenityCollection } from '$lib/data/amenities';
import { buildAmapAmenities } from '../../scripts/geodata/amenities';

const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection;
const water = JSON.parse(readFileSync('geodata/water.geojson', 'utf8')) as FeatureCollection;
const amap = JSON.parse(readFileSync('geodata/amenities.amap.geojson', 'utf8')) as AmenityCollection;
const coverage = Object.fromEntries(Object.entries(amap.categories ?? {}).map(([id, c]) => [id, c.coverage]));

describe('pointCosts (walking metres to snapped amenities)', () => {
	it('matches a full Dijkstra from both ends of the origin segment plus the charged off-street walk', () => {
		const graph = buildSyntheticGraph({ seed: 3, cols: 30, rows: 30 });
		const index = buildSnapIndex(graph);
		const rand = mulberry32(11);
		const [lon0, lat0] = graph.nodeLonLat(0);
		const [lon1, lat1] = graph.nodeLonLat(graph.nodeCount - 1);
		const randomPoint = () => [lon0 + rand() * (lon1 - lon0), lat0 + rand() * (lat1 - lat0)];
		const points = Array.from({ length: 200 }, () => [randomPoint()]);
		const snapped = snapPoints(graph, index, points);
		for (let trial = 0; trial < 5; trial++) {
			const iso = computeIsochrone(graph, index, { origin: randomPoint(), minutes: [15], includeStreets: false, offStreetDetour: OFF_STREET_DETOUR });
			if (!iso.ok) continue;
			const got = pointCosts(snapped, iso.snapped, iso.reached);
			const o = iso.snapped;
			const full = shortestPathCosts(graph, [o.u, o.v], [o.t * o.edgeLength, (1 - o.t) * o.edgeLength], Infinity);
			points.forEach(([p], i) => {
				const hit = snapToGraph(graph, index, p);
				if (!hit.ok) return expect(got[i]).toBe(Infinity);
				const s = hit.t * hit.edgeLength;
				let want = Math.min(full[hit.u] + s, full[hit.v] + hit.edgeLength - s);
				if (hit.edge === o.edge) want = Math.min(want, Math.abs(s - o.t * o.edgeLength));
				want += OFF_STREET_DETOUR * hit.distance;
				const limit = 15 * (4000 / 60);
				// within the search limit the costs agree; beyond it only "unreached or over" matters
				if (want <= limit) expect(got[i]).toBeCloseTo(want, 6);
				else expect(got[i] > limit || got[i] === Infinity).toBe(true);
			});
		}
	});
});

describe('the amenities each checklist row lists', () => {
	it('are what the walk reached, nearest first, each inside the band it is counted in (random origins, real data)', () => {
		const h = createHandlers();
		h.init({ graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities: amap, coverage });
		const byId = new Map(amap.features.map((f) => [f.properties.id, f]));
		const rand = mulberry32(5);
		let listed = 0;
		for (let k = 0; k < 25; k++) {
			const origin: [number, number] = [121.33 + rand() * 0.11, 31.19 + rand() * 0.05];
			const reply = h.isochrone({ origin, minutes: [5, 10, 15], speedKmh: 4, includeStreets: false });
			if (!reply.ok) continue;
			for (const item of reply.checklist.items) {
				const list = item.reached;
				if (item.coverage === 'none') {
					expect(list, item.category).toEqual([]);
					continue;
				}
				listed += list.length;
				// the count per band is the number listed within it
				for (const m of [5, 10, 15]) expect(item.counts[m], `${item.category} ${m}`).toBe(list.filter((a) => a.band <= m).length);
				list.forEach((a, i) => {
					expect(a.minutes).toBeLessThanOrEqual(a.band);
					// …and past the band below it (the first band starts at the origin, 0 min)
					if (a.band > 5) expect(a.minutes).toBeGreaterThan(a.band - 5);
					else expect(a.minutes).toBeGreaterThanOrEqual(0);
					if (i > 0) expect(a.minutes).toBeGreaterThanOrEqual(list[i - 1].minutes);
					// a real amenity of this row's category, listed once
					expect(byId.get(a.id)?.properties.category).toBe(item.category);
				});
				expect(new Set(list.map((a) => a.id)).size).toBe(list.length);
				expect(item.counts[5]).toBeLessThanOrEqual(item.counts[10]);
				expect(item.counts[10]).toBeLessThanOrEqual(item.counts[15]);
			}
		}
		expect(listed).toBeGreaterThan(100);
	});

	it('an amenity beyond the largest band is never nearest, however close in a straight line', () => {
		const bands = { type: 'FeatureCollection' as const, features: [] };
		const at = (id: string): Feature<Point> => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [121.4, 31.2] }, properties: { id, category: 'bus-stop', name_zh: id } });
		const list = evaluateLifeCircle(
			{ ...bands, features: [5, 10, 15].map((minutes) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [] }, properties: { minutes } })) },
			{ type: 'FeatureCollection', features: [at('far'), at('near'), at('unreached')] },
			{ 'bus-stop': 'complete' },
			[15.02, 9.97, Infinity]
		);
		const bus = list.items.find((i) => i.category === 'bus-stop')!;
		expect(bus.counts).toEqual({ 5: 0, 10: 1, 15: 1 });
		expect(bus.reached).toHaveLength(1);
		expect(bus.reached[0]).toMatchObject({ id: 'near', minutes: 10, band: 10, name: { en: 'near', zh: 'near' } });
		expect(bus.status).toBe('not-met');
	});

	it('a pet clinic next door does not meet the health-care tier (through the AMap build)', () => {
		const graph = buildStreetGraph(streets);
		const hit = snapToGraph(graph, buildSnapIndex(graph), [121.4, 31.215]);
		if (!hit.ok) throw new Error(hit.message);
		const hospital = JSON.parse(readFileSync('geodata/sources/poi-amap-2020/hospital.geojson', 'utf8')) as FeatureCollection<Point>;
		const petRow = hospital.features.find((f) => String(f.properties?.amap_type).includes('宠物诊所'))!;
		const centreRow = hospital.features.find((f) => String(f.properties?.name).endsWith('街道社区卫生服务中心'))!;
		const placed = (f: Feature<Point>, dx: number): Feature<Point> => ({ ...f, geometry: { type: 'Point', coordinates: [hit.point[0] + dx / 95_180, hit.point[1]] } });
		const run = (rows: Feature<Point>[]) => {
			const built = buildAmapAmenities({ hospital: { type: 'FeatureCollection', features: rows } }).collection as AmenityCollection;
			const h = createHandlers();
			h.init({ graph: graph.toBuffer(), barriers: water, amenities: built, coverage: { 'health-centre': 'complete' } });
			const reply = h.isochrone({ origin: hit.point, minutes: [5, 10, 15], speedKmh: 4, includeStreets: false });
			if (!reply.ok) throw new Error(reply.message);
			return reply.checklist.items.find((i) => i.category === 'health-centre')!;
		};
		const petOnly = run([placed(petRow, 0)]);
		expect(petOnly.counts[15]).toBe(0);
		expect(petOnly.reached).toEqual([]);
		expect(petOnly.status).toBe('not-met');
		const both = run([placed(petRow, 0), placed(centreRow, 30)]);
		expect(both.status).toBe('met');
		expect(both.reached.map((a) => a.name.zh)).toEqual([centreRow.properties?.name]);
	});
});

/** Runs the real handlers behind a WorkerLike, cloning every message as postMessage would. */
class InProcessWorker implements WorkerLike {
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	private handlers = createHandlers();
	postMessage(message: unknown): void {
		const { id, name, params } = structuredClone(message) as RequestMessage;
		let response: ResponseMessage;
		try {
			response = { id, ok: true, result: (this.handlers[name] as (p: unknown) => unknown)(params) };
		} catch (error) {
			response = { id, ok: false, error: (error as Error).message };
		}
		queueMicrotask(() => this.onmessage?.({ data: structuredClone(response) } as MessageEvent<ResponseMessage>));
	}
	terminate(): void {}
}

describe('worker protocol round trip with amenities', () => {
	it('init with AMap amenities, then a checklist naming the places reached with their walking minutes', async () => {
		const client = new WorkerClient(new InProcessWorker());
		const init = await client.request('init', { graph: buildStreetGraph(streets).toBuffer(), barriers: water, amenities: amap, coverage });
		expect(init.stale).toBe(false);
		const outcome = await client.request('isochrone', { origin: [121.4, 31.21], minutes: [5, 10, 15], speedKmh: 4, includeStreets: false });
		if (outcome.stale || !outcome.result.ok) throw new Error('no isochrone');
		const bus = outcome.result.checklist.items.find((i) => i.category === 'bus-stop')!;
		expect(bus.coverage).toBe('complete');
		expect(bus.reached.length).toBe(bus.counts[15]);
		const nearest = bus.reached[0];
		expect(nearest.name.zh).toMatch(/\S/);
		expect(nearest.minutes).toBeGreaterThan(0);
		expect(nearest.minutes).toBeLessThanOrEqual(nearest.band);
		expect(amap.features.some((f) => f.properties.id === nearest.id)).toBe(true);
	});
});
