/**
 * The dashboard reads its figures from the place data. Every figure of the briefing's district story
 * must be found in the real geodata with the briefing's value, each by exactly one fact, and a missing
 * fact must make its figure disappear, not throw.
 */
import { describe, it, expect } from 'vitest';
import { loadPlaces } from './helpers';
import type { PlaceFeature } from '$lib/data/schema';
import {
	FIGURE_IDS,
	FIGURE_SPECS,
	dashboardFigures,
	figuresById,
	matchesSpec,
	type FigureId
} from '$lib/components/dashboard/figures';

const places: PlaceFeature[] = loadPlaces();

/** What the briefing says (and, for the Shanghai Arch's tax per m², Jiefang Daily as reported). */
const BRIEFING: Record<FigureId, { value: number; qualifier: string; period: string; source: string; placeId: string }> = {
	'gdp-growth': { value: 15.3, qualifier: 'exactly', period: 'H1 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'software-revenue-growth': { value: 58.9, qualifier: 'exactly', period: 'H1 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'tax-share-3plus3': { value: 70, qualifier: 'about', period: 'Jan–Jul 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'tax-share-digital': { value: 54.9, qualifier: 'exactly', period: 'Jan–Jul 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'cbd-tax-share': { value: 33.3, qualifier: 'over', period: 'Jan–Jul 2023', source: 'briefing-2023-08-31', placeId: 'hongqiao-cbd-changning' },
	'cbd-area-share': { value: 14.3, qualifier: 'under', period: 'Jan–Jul 2023', source: 'briefing-2023-08-31', placeId: 'hongqiao-cbd-changning' },
	'ecommerce-platforms': { value: 26, qualifier: 'exactly', period: 'as of Aug 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'digital-firms': { value: 6100, qualifier: 'over', period: 'Jan–Jul 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'tax-per-m2-key-buildings': { value: 9000, qualifier: 'about', period: 'as of Aug 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'tax-per-m2-shanghai-arch': { value: 90000, qualifier: 'over', period: '2022', source: 'jiefang-daily-2022-10', placeId: 'shanghai-arch' },
	'arch-tax-2022': { value: 10, qualifier: 'over', period: '2022', source: 'briefing-2023-08-31', placeId: 'shanghai-arch' },
	'arch-tax-2023': { value: 10, qualifier: 'over', period: 'Jan–Jul 2023', source: 'briefing-2023-08-31', placeId: 'shanghai-arch' },
	'old-housing-renovated': { value: 246000, qualifier: 'exactly', period: 'as of Aug 2023', source: 'briefing-2023-08-31', placeId: 'changning-district' },
	'silicon-alley-area': { value: 1.48, qualifier: 'exactly', period: 'as of Aug 2023', source: 'briefing-2023-08-31', placeId: 'silicon-alley' }
};

/** A deep copy of the places with one fact removed (or every fact of one place, or the place itself). */
function without(predicate: (placeId: string, factIndex: number) => boolean, dropPlace?: string): PlaceFeature[] {
	return structuredClone(places)
		.filter((p) => p.properties.id !== dropPlace)
		.map((p) => {
			p.properties.facts = p.properties.facts.filter((_, i) => !predicate(p.properties.id, i));
			return p;
		});
}

describe('dashboardFigures on the real geodata', () => {
	const figures = figuresById(places);

	it.each(FIGURE_IDS.map((id) => [id]))('finds %s with the briefing’s value, period and source', (id) => {
		const figure = figures[id];
		expect(figure, `${id} missing from the place data`).toBeDefined();
		const expected = BRIEFING[id];
		expect(figure).toMatchObject({
			placeId: expected.placeId,
			value: expected.value,
			qualifier: expected.qualifier,
			period: expected.period,
			source: expected.source
		});
		expect(figure!.fact.label.zh.length).toBeGreaterThan(0);
	});

	it('matches each figure to exactly one fact, so an added fact cannot silently take its place', () => {
		for (const spec of FIGURE_SPECS) {
			const place = places.find((p) => p.properties.id === spec.placeId);
			const matches = place?.properties.facts.filter((f) => matchesSpec(f, spec)) ?? [];
			expect(matches, spec.id).toHaveLength(1);
		}
	});

	it('returns the figures in spec order, once each, carrying the fact itself', () => {
		const list = dashboardFigures(places);
		expect(list.map((f) => f.id)).toEqual([...FIGURE_IDS]);
		for (const f of list) expect(f.value).toBe(f.fact.value);
	});
});

describe('dashboardFigures with missing data', () => {
	it.each(FIGURE_SPECS.map((spec) => [spec.id, spec]))('drops %s, and only it, when its fact is removed', (id, spec) => {
		const place = places.find((p) => p.properties.id === spec.placeId)!;
		const index = place.properties.facts.findIndex((f) => matchesSpec(f, spec));
		const reduced = without((placeId, i) => placeId === spec.placeId && i === index);
		let ids: FigureId[] = [];
		expect(() => (ids = dashboardFigures(reduced).map((f) => f.id))).not.toThrow();
		expect(ids).not.toContain(id);
		expect(ids).toHaveLength(FIGURE_IDS.length - 1);
	});

	it('drops every figure of a place that is missing altogether', () => {
		const ids = dashboardFigures(without(() => false, 'shanghai-arch')).map((f) => f.id);
		expect(ids).not.toContain('arch-tax-2022');
		expect(ids).not.toContain('arch-tax-2023');
		expect(ids).not.toContain('tax-per-m2-shanghai-arch');
		expect(ids).toContain('tax-per-m2-key-buildings');
	});

	it('returns nothing for no places', () => {
		expect(dashboardFigures([])).toEqual([]);
		expect(figuresById([])).toEqual({});
	});
});
