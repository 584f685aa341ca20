/**
 * Invariants of the layer areas the dashboard shows beside the briefing's figures: unions never
 * double-count overlaps, shares stay in [0, 1], moving everything together changes nothing.
 * Run over the real geodata and over synthetic layers.
 */
import { describe, it, expect } from 'vitest';
import { area, transformTranslate } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { loadPlaces } from './helpers';
import type { PlaceFeature, PlaceLayerId } from '$lib/data/schema';
import { layerAreaStats, statedVsComputed, unionAreaM2 } from '$lib/data/layer-stats';

const places: PlaceFeature[] = loadPlaces();

/** A Polygon whose positions are pairs, as the place schema types them. */
type Square = { type: 'Polygon'; coordinates: [number, number][][] };

/** A square of `sideM` metres with its south-west corner at `at` (built from metre offsets). */
function square(sideM: number, at: [number, number] = [121.39, 31.21]): Square {
	const dLat = sideM / 111_320;
	const dLon = sideM / (111_320 * Math.cos((at[1] * Math.PI) / 180));
	const [x, y] = at;
	return { type: 'Polygon', coordinates: [[[x, y], [x + dLon, y], [x + dLon, y + dLat], [x, y + dLat], [x, y]]] };
}

/** A minimal valid place feature for synthetic layers. */
function place(id: string, layer: PlaceLayerId, geometry: PlaceFeature['geometry']): PlaceFeature {
	return {
		type: 'Feature',
		geometry,
		properties: {
			id,
			layer,
			kind: layer === 'district' ? 'district' : 'innovation-area',
			name: { en: id, zh: id },
			summary: { en: id, zh: id },
			facts: [],
			accuracy: { level: 'exact', metres: 0, note: { en: '-', zh: '-' } },
			located_by: [{ title: 'test', says: { en: '-', zh: '-' } }],
			source: 'digitised'
		}
	};
}

const areal = (f: PlaceFeature): Feature<Polygon | MultiPolygon> => ({
	type: 'Feature',
	geometry: f.geometry as Polygon | MultiPolygon,
	properties: {}
});
const isAreal = (f: PlaceFeature) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon';
const statOf = (stats: ReturnType<typeof layerAreaStats>, layer: PlaceLayerId) => {
	const s = stats.find((x) => x.layer === layer);
	if (!s) throw new Error(`no stats for ${layer}`);
	return s;
};

describe('layerAreaStats on the real geodata', () => {
	const stats = layerAreaStats(places);
	const district = statOf(stats, 'district');

	it('has one entry per layer and counts only polygons', () => {
		expect(stats.map((s) => s.layer).sort()).toEqual(
			['district', 'historic-streets', 'hongqiao', 'silicon-alley', 'suzhou-creek']
		);
		for (const s of stats) {
			expect(s.polygonCount).toBe(places.filter((p) => p.properties.layer === s.layer && isAreal(p)).length);
		}
		// Historic streets are lines: no area, never NaN.
		expect(statOf(stats, 'historic-streets')).toMatchObject({ areaM2: 0, polygonCount: 0, shareOfDistrict: 0 });
	});

	it('a union is no larger than the sum of its polygons and no smaller than the largest', () => {
		for (const s of stats) {
			const areas = places.filter((p) => p.properties.layer === s.layer && isAreal(p)).map((p) => area(areal(p)));
			if (areas.length === 0) continue;
			const sum = areas.reduce((a, b) => a + b, 0);
			expect(s.areaM2).toBeLessThanOrEqual(sum * (1 + 1e-9));
			expect(s.areaM2).toBeGreaterThanOrEqual(Math.max(...areas) * (1 - 1e-9));
		}
	});

	it('does not double-count Linkong and the airport precinct inside the Hongqiao CBD part', () => {
		const hongqiao = statOf(stats, 'hongqiao');
		const sum = places
			.filter((p) => p.properties.layer === 'hongqiao' && isAreal(p))
			.reduce((a, p) => a + area(areal(p)), 0);
		expect(hongqiao.polygonCount).toBeGreaterThanOrEqual(3);
		expect(hongqiao.areaM2).toBeLessThan(sum * 0.9);
	});

	it('shares lie in [0, 1], the district is 1, and a layer inside the district is no larger than it', () => {
		expect(district.shareOfDistrict).toBe(1);
		for (const s of stats) {
			expect(s.shareOfDistrict).not.toBeNull();
			expect(s.shareOfDistrict!).toBeGreaterThanOrEqual(0);
			expect(s.shareOfDistrict!).toBeLessThanOrEqual(1);
			expect(s.insideDistrictM2).toBeLessThanOrEqual(s.areaM2 * (1 + 1e-9));
			if (s.layer !== 'district' && s.polygonCount > 0) {
				// Every project area lies (almost) wholly inside the district.
				expect(s.insideDistrictM2 / s.areaM2).toBeGreaterThan(0.98);
				expect(s.areaM2).toBeLessThanOrEqual(district.areaM2);
			}
		}
	});

	it('translating all polygons together changes no area by more than 0.5 %', () => {
		const moved = places.map((p) =>
			isAreal(p)
				? { ...p, geometry: transformTranslate(areal(p), 3, 60, { units: 'kilometers' }).geometry as PlaceFeature['geometry'] }
				: p
		);
		const after = layerAreaStats(moved);
		for (const s of stats) {
			const m = statOf(after, s.layer);
			if (s.areaM2 === 0) {
				expect(m.areaM2).toBe(0);
				continue;
			}
			expect(Math.abs(m.areaM2 - s.areaM2) / s.areaM2).toBeLessThan(0.005);
			expect(Math.abs(m.shareOfDistrict! - s.shareOfDistrict!)).toBeLessThan(0.005);
		}
	});

	it('puts Silicon Alley’s outline beside the briefing’s 1.48 km²', () => {
		const rows = statedVsComputed(places);
		const alley = rows.find((r) => r.placeId === 'silicon-alley');
		expect(alley?.stated.value).toBe(1.48);
		expect(alley?.stated.unit).toBe('km²');
		// the outline is traced on the real streets, not fitted to the figure: the difference is reported, not bounded
		expect(alley!.relativeDifference).toBeCloseTo((alley!.computedKm2 - 1.48) / 1.48, 6);
		expect(alley!.computedKm2).toBeCloseTo(statOf(stats, 'silicon-alley').areaM2 / 1e6, 6);
	});
});

describe('layerAreaStats on synthetic layers', () => {
	const districtSquare = place('d', 'district', square(5000, [121.37, 31.19]));

	it('two identical squares have the area of one', () => {
		const a = place('a', 'silicon-alley', square(1000));
		const b = place('b', 'silicon-alley', square(1000));
		const s = statOf(layerAreaStats([districtSquare, a, b]), 'silicon-alley');
		expect(s.polygonCount).toBe(2);
		expect(s.areaM2 / area(areal(a))).toBeCloseTo(1, 6);
		expect(s.shareOfDistrict!).toBeCloseTo(1 / 25, 3);
	});

	it('a MultiPolygon of two identical squares has the area of one too', () => {
		const sq = square(1000).coordinates;
		const multi = place('m', 'hongqiao', { type: 'MultiPolygon', coordinates: [sq, sq] });
		expect(unionAreaM2([areal(multi)]) / area({ type: 'Feature', geometry: square(1000), properties: {} })).toBeCloseTo(1, 6);
	});

	it('disjoint squares add up; half-overlapping squares cover 1.5 squares', () => {
		const a = square(1000, [121.39, 31.21]);
		const far = square(1000, [121.42, 31.21]);
		const dLon = 500 / (111_320 * Math.cos((31.21 * Math.PI) / 180));
		const half = square(1000, [121.39 + dLon, 31.21]);
		const one = area({ type: 'Feature', geometry: a, properties: {} });
		const f = (g: Polygon): Feature<Polygon> => ({ type: 'Feature', geometry: g, properties: {} });
		expect(unionAreaM2([f(a), f(far)]) / one).toBeCloseTo(2, 2);
		expect(unionAreaM2([f(a), f(half)]) / one).toBeCloseTo(1.5, 2);
		expect(unionAreaM2([])).toBe(0);
	});

	it('counts only the part inside the district in the share', () => {
		// A 1 km square straddling the district's west edge: half inside.
		const dLon = 500 / (111_320 * Math.cos((31.2 * Math.PI) / 180));
		const straddling = place('s', 'suzhou-creek', square(1000, [121.37 - dLon, 31.2]));
		const s = statOf(layerAreaStats([districtSquare, straddling]), 'suzhou-creek');
		expect(s.insideDistrictM2 / s.areaM2).toBeCloseTo(0.5, 2);
		expect(s.shareOfDistrict!).toBeCloseTo(0.5 / 25, 3);
	});

	it('gives no share, rather than dividing by zero, when there is no district polygon', () => {
		const stats = layerAreaStats([place('a', 'silicon-alley', square(1000))]);
		expect(statOf(stats, 'silicon-alley').shareOfDistrict).toBeNull();
		expect(statOf(stats, 'district')).toMatchObject({ areaM2: 0, polygonCount: 0, shareOfDistrict: null });
		expect(layerAreaStats([]).every((s) => s.areaM2 === 0)).toBe(true);
	});
});
