/**
 * explainReach ("why is this spot out of reach?", issue 10 item 5): invariants over the creek
 * fixture and seeded random graphs. The minutes are the walk's cost over the speed; the extra minutes
 * are the cost beyond the largest band; a spot in a band says so; across a creek with one bridge the
 * way in is that bridge.
 */
import { describe, expect, it } from 'vitest';
import { prepareBarriers } from '../../../src/lib/graph/barriers';
import { computeIsochrone } from '../../../src/lib/graph/isochrone';
import { mulberry32 } from '../../../src/lib/graph/random';
import { buildSnapIndex } from '../../../src/lib/graph/snap';
import { buildStreetGraph, buildSyntheticGraph, type StreetGraph } from '../../../src/lib/graph/street-graph';
import { inMultiPolygon } from '../../../src/lib/graph/validate';
import { explainReach, waysFromStreets, type WayInfo, type WhyNotResult, type WhyNotWalk } from '../../../src/lib/graph/why-not';
import { metresPerMinute } from '../../../src/lib/geo/walking';
import { loadFixture } from './fixtures';

const CREEK = 'suzhou-creek-with-bridge';

function creek() {
	const fixture = loadFixture(CREEK);
	const streets = fixture.input.features.filter((f) => f.geometry.type === 'LineString' && f.properties?.barrier !== true);
	const ways: WayInfo[] = streets.map((f) => ({ bridge: f.properties?.class === 'bridge', name_en: String(f.properties?.name_en ?? ''), name_zh: String(f.properties?.name_zh ?? '') }));
	const barriers = prepareBarriers(fixture.graph.projection, { type: 'FeatureCollection', features: fixture.barriers });
	return { ...fixture, ways, prepared: barriers, origin: fixture.options.origin as [number, number] };
}

/** Polyline length in the graph's metre projection. */
function polylineMetres(graph: StreetGraph, line: readonly (readonly number[])[]): number {
	let sum = 0;
	for (let i = 1; i < line.length; i++) {
		const [x0, y0] = graph.projection.toMetres(line[i - 1]);
		const [x1, y1] = graph.projection.toMetres(line[i]);
		sum += Math.hypot(x1 - x0, y1 - y0);
	}
	return sum;
}

/** What holds for every walk: minutes = metres / speed, metres = street + detour × off-street, and the drawn line is that long. */
function checkWalk(graph: StreetGraph, walk: WhyNotWalk, speedKmh: number, detour: number, label: string): void {
	expect(walk.minutes * metresPerMinute(speedKmh), label).toBeCloseTo(walk.metres, 6);
	expect(walk.metres, label).toBeCloseTo(walk.streetMetres + detour * walk.offStreetMetres, 6);
	// The drawn street part: from the snapped origin to where it leaves the street (float32 lengths: 0.5 %).
	const street = walk.coordinates.slice(0, -1);
	expect(Math.abs(polylineMetres(graph, street) - walk.streetMetres), label).toBeLessThanOrEqual(0.005 * walk.streetMetres + 0.5);
	const last = walk.coordinates.length - 1;
	expect(polylineMetres(graph, walk.coordinates.slice(last - 1)), label).toBeCloseTo(walk.offStreetMetres, 3);
	// Never shorter than the straight line from the snapped origin (edges ≥ chords; detour ≥ 1).
	expect(walk.metres + 0.5, label).toBeGreaterThanOrEqual(walk.straightMetres);
}

function checkResult(graph: StreetGraph, why: WhyNotResult, minutes: number[], speedKmh: number, detour: number, label: string): void {
	if (why.kind === 'inside') {
		checkWalk(graph, why.walk, speedKmh, detour, label);
		expect(minutes).toContain(why.band);
		expect(why.walk.minutes).toBeLessThanOrEqual(why.band + 1e-9);
		const smaller = minutes.filter((m) => m < why.band);
		for (const m of smaller) expect(why.walk.minutes, label).toBeGreaterThan(m);
	} else if (why.kind === 'outside') {
		checkWalk(graph, why.walk, speedKmh, detour, label);
		expect(why.limit).toBe(Math.max(...minutes));
		expect(why.extraMinutes, label).toBeGreaterThan(0);
		expect(why.extraMinutes, label).toBeCloseTo(why.walk.minutes - why.limit, 9);
		// the walk split where it passes the limit: the part within is as long as the limit allows
		expect(why.within[0]).toEqual(why.walk.coordinates[0]);
		expect(why.within[why.within.length - 1]).toEqual(why.exit);
		expect(why.beyond[0]).toEqual(why.exit);
		expect(why.beyond[why.beyond.length - 1]).toEqual(why.walk.coordinates[why.walk.coordinates.length - 1]);
		expect(polylineMetres(graph, why.within) + polylineMetres(graph, why.beyond), label).toBeCloseTo(polylineMetres(graph, why.walk.coordinates), 3);
		if (why.wayIn.kind !== 'bridge') expect(why.wayIn.metresBeyond / metresPerMinute(speedKmh), label).toBeCloseTo(why.extraMinutes, 6);
	}
}

describe('explainReach', () => {
	it('names the one bridge as the way in across Suzhou Creek', () => {
		const c = creek();
		const point: [number, number] = [121.4158, 31.2262]; // north of the creek, west of the bridge
		const minutes = [2, 4];
		const why = explainReach(c.graph, c.index, { origin: c.origin, point, minutes, speedKmh: 4, barriers: c.prepared, ways: c.ways });
		expect(why.kind).toBe('outside');
		if (why.kind !== 'outside') return;
		checkResult(c.graph, why, minutes, 4, 1.3, 'creek');
		expect(why.wayIn.kind).toBe('bridge');
		if (why.wayIn.kind !== 'bridge') return;
		expect(why.wayIn.name_en).toBe('footbridge');
		// the bridge's ends are the fixture's bridge line
		const lons = why.wayIn.coordinates.map((p) => p[0]);
		for (const lon of lons) expect(lon).toBeCloseTo(121.4220991, 6);
		expect(why.wayIn.minutesAt).toBeLessThan(why.walk.minutes);
		// the walk is much longer than the straight line: it has to go round by the bridge
		expect(why.walk.metres).toBeGreaterThan(1.3 * why.walk.straightMetres);
	});

	it('a spot across the creek 40 m from a bank street on the origin side is not reached over the water', () => {
		const c = creek();
		// just north of the creek polygon (31.2245412), south of street s16 (31.2246314)
		const point: [number, number] = [121.4190, 31.22457];
		const why = explainReach(c.graph, c.index, { origin: c.origin, point, minutes: [1], speedKmh: 4, barriers: c.prepared, ways: c.ways });
		expect(why.kind).toBe('outside');
		if (why.kind === 'outside') expect(why.wayIn.kind).toBe('bridge');
		// without the creek as a barrier, the bank street south of it would do
		const leaky = explainReach(c.graph, c.index, { origin: c.origin, point, minutes: [1], speedKmh: 4, ways: c.ways });
		expect(leaky.kind === 'outside' || leaky.kind === 'inside').toBe(true);
		if (why.kind === 'outside' && (leaky.kind === 'outside' || leaky.kind === 'inside')) expect(leaky.walk.metres).toBeLessThan(why.walk.metres);
	});

	it('a spot inside a band reports that band, and agrees with the drawn band', () => {
		const c = creek();
		const minutes = [5, 10, 15];
		const iso = computeIsochrone(c.graph, c.index, { origin: c.origin, minutes, speedKmh: 4, barriers: c.prepared, offStreetDetour: 1.3, maxOffStreet: 120 });
		if (!iso.ok) throw new Error('no isochrone');
		const rnd = mulberry32(7);
		let inside = 0;
		for (let i = 0; i < 200; i++) {
			const point: [number, number] = [121.4140 + rnd() * 0.0125, 31.2205 + rnd() * 0.0075];
			const why = explainReach(c.graph, c.index, { origin: c.origin, point, minutes, speedKmh: 4, barriers: c.prepared, ways: c.ways });
			checkResult(c.graph, why, minutes, 4, 1.3, `spot ${i}`);
			if (why.kind !== 'inside') continue;
			inside++;
			// Well inside by the walk (60 m of slack for the grid and its chamfer distance) and not in the grid cells the creek blocks
			// (its 25 m cells are walls where they touch the water): inside the drawn band of that many minutes.
			const nearCreek = point[1] > 31.224 - 0.0004 && point[1] < 31.2245412 + 0.00055;
			if (!nearCreek && why.walk.minutes * metresPerMinute(4) < why.band * metresPerMinute(4) - 60) {
				const band = iso.bands.features.find((f) => f.properties.minutes === why.band)!;
				const g = band.geometry;
				const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
				expect(inMultiPolygon(polygons, point), `spot ${i} in the ${why.band}-minute band`).toBe(true);
			}
		}
		expect(inside).toBeGreaterThan(20);
	});

	it('says unreachable for a spot on another component, and no street far from every street', () => {
		const streets = {
			type: 'FeatureCollection' as const,
			features: [
				{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: [[121.40, 31.22], [121.402, 31.22]] } },
				{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: [[121.41, 31.22], [121.412, 31.22]] } }
			]
		};
		const graph = buildStreetGraph(streets);
		const index = buildSnapIndex(graph);
		const base = { origin: [121.401, 31.2201], minutes: [15], speedKmh: 4 };
		expect(explainReach(graph, index, { ...base, point: [121.411, 31.2201] }).kind).toBe('unreachable');
		const far = explainReach(graph, index, { ...base, point: [121.406, 31.23] });
		expect(far.kind).toBe('no-street');
		expect(explainReach(graph, index, { ...base, origin: [121.5, 31.3], point: [121.401, 31.22] }).kind).toBe('no-origin-street');
	});

	it('holds its invariants on random graphs', () => {
		const rnd = mulberry32(42);
		for (let g = 0; g < 4; g++) {
			const graph = buildSyntheticGraph({ rows: 12, cols: 12, spacing: 80, seed: 100 + g, jitter: 0.3, dropRate: 0.15 });
			const index = buildSnapIndex(graph);
			const [minLon, minLat, maxLon, maxLat] = bboxOf(graph);
			for (let i = 0; i < 30; i++) {
				const origin = [minLon + rnd() * (maxLon - minLon), minLat + rnd() * (maxLat - minLat)];
				const point = [minLon + rnd() * (maxLon - minLon), minLat + rnd() * (maxLat - minLat)];
				const minutes = [3, 6];
				const why = explainReach(graph, index, { origin, point, minutes, speedKmh: 4.5, detour: 1.4, maxOffStreet: 150 });
				checkResult(graph, why, minutes, 4.5, 1.4, `graph ${g} query ${i}`);
				// more minutes never turn an inside spot outside
				if (why.kind === 'inside') {
					const more = explainReach(graph, index, { origin, point, minutes: [3, 6, 9], speedKmh: 4.5, detour: 1.4, maxOffStreet: 150 });
					expect(more.kind).toBe('inside');
				}
			}
		}
	});

	it('reads the way table from the street collection, feature by feature', () => {
		const ways = waysFromStreets({
			features: [
				{ properties: { class: 'bridge', name_en: 'Weining Rd', name_zh: '威宁路' } },
				{ properties: { class: 'local', name_en: 7 } },
				{ properties: null }
			]
		});
		expect(ways).toEqual([
			{ bridge: true, name_en: 'Weining Rd', name_zh: '威宁路' },
			{ bridge: false, name_en: '', name_zh: '' },
			{ bridge: false, name_en: '', name_zh: '' }
		]);
	});

	it('throws on a bad spot or no bands', () => {
		const c = creek();
		expect(() => explainReach(c.graph, c.index, { origin: c.origin, point: [NaN, 1], minutes: [5], speedKmh: 4 })).toThrow(/point/);
		expect(() => explainReach(c.graph, c.index, { origin: c.origin, point: c.origin, minutes: [], speedKmh: 4 })).toThrow(/minutes/);
	});
});

function bboxOf(graph: StreetGraph): [number, number, number, number] {
	let a = Infinity;
	let b = Infinity;
	let c = -Infinity;
	let d = -Infinity;
	for (let i = 0; i < graph.nodeCount; i++) {
		a = Math.min(a, graph.lonLat[2 * i]);
		b = Math.min(b, graph.lonLat[2 * i + 1]);
		c = Math.max(c, graph.lonLat[2 * i]);
		d = Math.max(d, graph.lonLat[2 * i + 1]);
	}
	return [a, b, c, d];
}
