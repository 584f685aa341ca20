import { beforeAll, describe, expect, it } from 'vitest';
import { BAND_FILL_OPACITY, legendSections, type LegendInput, type LegendSection } from '$lib/data/legend';
import { bandPaint, buildLayers } from '$lib/map/layer-catalog';
import { loadToolStrings, translate, type StringKey } from '$lib/i18n/strings';

// The legend's words are tool strings (en-tools.ts): the app loads them with the legend.
beforeAll(() => loadToolStrings());
import { mulberry32 } from '../../src/lib/graph/random';

// The legend is only worth something if it shows the colours the map paints: checked against the
// layer catalog's own paint (the expressions MapLibre gets), for random band sets in both themes.
const t = (key: StringKey, params?: Record<string, string | number>) => translate('en', key, params);
const random = mulberry32(1201);

/** The outputs of a `case` colour expression, in order (a single colour is itself). */
function caseColours(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	const e = value as unknown[];
	expect(e[0]).toBe('case');
	return [...e.slice(2).filter((_, i) => i % 2 === 0), e.at(-1)] as string[];
}

function randomBands(): number[] {
	const n = 1 + Math.floor(random() * 6);
	const set = new Set<number>();
	while (set.size < n) set.add(1 + Math.floor(random() * 60));
	return [...set].sort((a, b) => a - b);
}

const section = (sections: LegendSection[], id: LegendSection['id']) => sections.find((s) => s.id === id);

describe('legendSections', () => {
	it('band swatches are the colours every band-coloured layer paints, band by band, in both themes', () => {
		for (let i = 0; i < 200; i++) {
			const minutes = randomBands();
			const theme = i % 2 ? 'dark' : 'light';
			const input: LegendInput = { theme, lifeCircle: { minutes, streets: true }, measure: null, amenities: null };
			const life = section(legendSections(input, t, 'en'), 'life-circle')!;
			const areas = life.rows.flatMap((r) => (r.swatch.kind === 'area' ? [r.swatch.colour] : []));
			const ramp = life.rows.flatMap((r) => (r.swatch.kind === 'ramp' ? r.swatch.colours : []));
			expect(areas).toHaveLength(minutes.length);
			for (const [, , value] of bandPaint(minutes, theme)) expect(caseColours(value)).toEqual(areas);
			expect(ramp).toEqual(areas);
			expect(life.rows.slice(0, minutes.length).map((r) => r.label)).toEqual(minutes.map((m) => `Within ${m} min`));
		}
	});

	it('the measure swatches are the measure layers’ paint, and the band fill opacity is the fill layer’s', () => {
		for (const theme of ['light', 'dark'] as const) {
			const layers = new Map(buildLayers('en', theme).map((l) => [l.id, l]));
			const paint = (id: string, property: string) => (layers.get(id)!.paint as Record<string, unknown>)[property];
			const measure = section(legendSections({ theme, lifeCircle: null, measure: { points: 3, route: true }, amenities: null }, t, 'en'), 'measure')!;
			const byLabel = new Map(measure.rows.map((r) => [r.label, r.swatch]));
			expect(byLabel.get(t('legend.route'))).toMatchObject({ colour: paint('measure-route', 'line-color'), casing: paint('measure-route-casing', 'line-color') });
			expect(byLabel.get(t('legend.straight'))).toMatchObject({ colour: paint('measure-path', 'line-color'), dashed: true });
			expect(byLabel.get(t('legend.radii'))).toMatchObject({ colour: paint('measure-circles', 'line-color'), dashed: true });
			expect(byLabel.get(t('legend.points'))).toMatchObject({ colour: paint('measure-vertices', 'circle-color'), stroke: paint('measure-vertices', 'circle-stroke-color') });
			expect(paint('life-circle-bands-fill', 'fill-opacity')).toBe(BAND_FILL_OPACITY);
			const origin = section(legendSections({ theme, lifeCircle: { minutes: [5], streets: false }, measure: null, amenities: null }, t, 'en'), 'life-circle')!.rows.at(-1)!;
			expect(origin.label).toBe(t('legend.origin'));
			expect(origin.swatch).toMatchObject({ kind: 'dot', colour: paint('life-circle-snap', 'circle-stroke-color') });
			expect(section(legendSections({ theme, lifeCircle: { minutes: [5], streets: false }, measure: null, amenities: null }, t, 'en'), 'life-circle')!.rows.find((r) => r.label === t('legend.circle'))!.swatch).toMatchObject({ colour: paint('life-circle-circles', 'line-color'), dashed: true });
		}
	});

	it('amenity swatches are the amenity layer’s match colours, for the categories the data has', () => {
		const layer = buildLayers('en', 'light').find((l) => l.id === 'amenities-point')!;
		const match = (layer.paint as Record<string, unknown[]>)['circle-color'];
		const colours = new Map<string, string>();
		for (let i = 2; i < match.length - 1; i += 2) colours.set(match[i] as string, match[i + 1] as string);
		const amenities = ['bus-stop', 'health-centre', 'no-such-category'];
		const rows = section(legendSections({ theme: 'light', lifeCircle: { minutes: [5], streets: false }, measure: null, amenities }, t, 'zh'), 'amenities')!.rows;
		expect(rows.map((r) => r.label)).toEqual(['公交站', '诊所或社区卫生服务中心']);
		expect(rows.map((r) => (r.swatch.kind === 'dot' ? r.swatch.colour : null))).toEqual([colours.get('bus-stop'), colours.get('health-centre')]);
	});

	it('says nothing when nothing is analysed, and only what is drawn', () => {
		expect(legendSections({ theme: 'light', lifeCircle: null, measure: null, amenities: ['bus-stop'] }, t, 'en')).toEqual([]);
		const one = legendSections({ theme: 'light', lifeCircle: null, measure: { points: 1, route: false }, amenities: null }, t, 'en');
		expect(one.map((s) => s.id)).toEqual(['measure']);
		expect(one[0].rows.map((r) => r.label)).toEqual([t('legend.radii'), t('legend.points')]);
		const noStreets = legendSections({ theme: 'light', lifeCircle: { minutes: [5, 10], streets: false }, measure: null, amenities: null }, t, 'en');
		expect(noStreets[0].rows.some((r) => r.swatch.kind === 'ramp')).toBe(false);
	});
});

describe('the coverage legend', () => {
	it('keys the colours the coverage layers paint: the bands, and the gap colour of the streets', async () => {
		const { coveragePaint } = await import('$lib/map/layers/coverage');
		for (const theme of ['light', 'dark'] as const) {
			for (let n = 0; n < 50; n++) {
				const minutes = randomBands();
				const coverage = section(legendSections({ theme, lifeCircle: null, measure: null, coverage: { minutes, service: 'Bus stop' }, amenities: null }, t, 'en'), 'coverage')!;
				const paint = new Map(coveragePaint(minutes, theme).map(([id, , value]) => [id, value]));
				const areas = coverage.rows.filter((r) => r.swatch.kind === 'area').map((r) => (r.swatch as { colour: string }).colour);
				expect(areas).toEqual(caseColours(paint.get('coverage-bands-fill')));
				// The street colour is ['case', gap?, GAP, <band expression>].
				const streets = paint.get('coverage-streets') as unknown[];
				const gap = coverage.rows.find((r) => r.label === t('legend.coverageGap'))!.swatch as { colour: string };
				expect(gap.colour).toBe(streets[2]);
				expect(caseColours(streets[3])).toEqual(areas);
			}
		}
		expect(section(legendSections({ theme: 'light', lifeCircle: null, measure: null, coverage: null, amenities: null }, t, 'en'), 'coverage')).toBeUndefined();
	});
});
