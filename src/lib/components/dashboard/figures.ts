/**
 * The briefing's figures the dashboard tells, looked up in the place data rather than written here:
 * the dashboard and the details panel read the same facts, so they can never disagree.
 * A figure is found by the feature it belongs to plus a stable match on the fact's unit, English label
 * and (where one place states the same thing for two periods) period. A figure whose fact is missing
 * is simply absent from the result.
 */
import type { Bilingual, Fact, PlaceFeature, SourceId } from '$lib/data/schema';

export const FIGURE_IDS = [
	'gdp-growth',
	'software-revenue-growth',
	'tax-share-3plus3',
	'tax-share-digital',
	'cbd-tax-share',
	'cbd-area-share',
	'ecommerce-platforms',
	'digital-firms',
	'tax-per-m2-key-buildings',
	'tax-per-m2-shanghai-arch',
	'arch-tax-2022',
	'arch-tax-2023',
	'old-housing-renovated',
	'silicon-alley-area'
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface Figure {
	id: FigureId;
	/** The place feature whose fact this is. */
	placeId: string;
	value: number;
	qualifier: Fact['qualifier'];
	unit: string;
	period: string;
	source: SourceId;
	/** The fact's own label, as the details panel shows it. */
	label: Bilingual;
	/** The whole fact, for formatFact. */
	fact: Fact;
}

interface FigureSpec {
	id: FigureId;
	placeId: string;
	unit: string;
	/** Lower-case fragments that must all occur in the fact's English label. */
	label: readonly string[];
	period?: string;
}

const DISTRICT = 'changning-district';
const CBD = 'hongqiao-cbd-changning';
const ARCH = 'shanghai-arch';

/** How each figure is found. Order = the order `dashboardFigures` returns them in. */
export const FIGURE_SPECS: readonly FigureSpec[] = [
	{ id: 'gdp-growth', placeId: DISTRICT, unit: '%', label: ['gdp growth'] },
	{ id: 'software-revenue-growth', placeId: DISTRICT, unit: '%', label: ['software', 'revenue growth'] },
	{ id: 'tax-share-3plus3', placeId: DISTRICT, unit: '%', label: ['3+3', 'share of tax'] },
	{ id: 'tax-share-digital', placeId: DISTRICT, unit: '%', label: ['digital economy', 'share of', 'tax'] },
	{ id: 'cbd-tax-share', placeId: CBD, unit: '% (one third)', label: ['tax revenue'] },
	{ id: 'cbd-area-share', placeId: CBD, unit: '% (one seventh)', label: ['area'] },
	{ id: 'ecommerce-platforms', placeId: DISTRICT, unit: 'platforms', label: ['e-commerce'] },
	{ id: 'digital-firms', placeId: DISTRICT, unit: 'companies', label: ['digital economy'] },
	{ id: 'tax-per-m2-key-buildings', placeId: DISTRICT, unit: 'yuan/m²', label: ['tax per unit', 'key commercial buildings'] },
	{ id: 'tax-per-m2-shanghai-arch', placeId: ARCH, unit: 'yuan/m²', label: ['tax per unit'] },
	{ id: 'arch-tax-2022', placeId: ARCH, unit: 'billion yuan', label: ['tax'], period: '2022' },
	{ id: 'arch-tax-2023', placeId: ARCH, unit: 'billion yuan', label: ['tax'], period: 'Jan–Jul 2023' },
	{ id: 'old-housing-renovated', placeId: DISTRICT, unit: 'm²', label: ['old', 'housing'] },
	{ id: 'silicon-alley-area', placeId: 'silicon-alley', unit: 'km²', label: ['area'] }
];

/** Whether a fact is the one a spec describes. */
export function matchesSpec(fact: Fact, spec: FigureSpec): boolean {
	if (fact.unit !== spec.unit) return false;
	if (spec.period !== undefined && fact.period !== spec.period) return false;
	const label = fact.label.en.toLowerCase();
	return spec.label.every((fragment) => label.includes(fragment));
}

/**
 * Every dashboard figure the data holds, in `FIGURE_SPECS` order. A spec whose place or fact is
 * missing yields nothing; if several facts match, the first is used (the unit test asserts exactly
 * one matches in the real data).
 *
 * @example dashboardFigures(app.places).find((f) => f.id === 'gdp-growth')?.value // 15.3
 */
export function dashboardFigures(places: readonly PlaceFeature[]): Figure[] {
	const byId = new Map(places.map((p) => [p.properties.id, p]));
	const figures: Figure[] = [];
	for (const spec of FIGURE_SPECS) {
		const fact = byId.get(spec.placeId)?.properties.facts.find((f) => matchesSpec(f, spec));
		if (!fact) continue;
		figures.push({
			id: spec.id,
			placeId: spec.placeId,
			value: fact.value,
			qualifier: fact.qualifier,
			unit: fact.unit,
			period: fact.period,
			source: fact.source,
			label: fact.label,
			fact
		});
	}
	return figures;
}

/** The same figures keyed by id, for components that place each one by hand. */
export function figuresById(places: readonly PlaceFeature[]): Partial<Record<FigureId, Figure>> {
	return Object.fromEntries(dashboardFigures(places).map((f) => [f.id, f]));
}
