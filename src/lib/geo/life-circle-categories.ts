/**
 * The life circle's categories, tiers and default bands: plain constants, apart from the checklist
 * (life-circle.ts) so that what only needs them (the layer panel, the URL state, the map's legend)
 * does not bring turf's polygon tests into the first view.
 */

/** The guideline's tiers: what a resident should reach within a 5-, 10- and 15-minute walk. */
export const LIFE_CIRCLE_TIERS = [5, 10, 15] as const;
export type LifeCircleTier = (typeof LIFE_CIRCLE_TIERS)[number];

/**
 * The bands the life-circle tool starts with (and the measure tool's radii), minutes: the tiers,
 * so the checklist can judge every tier on a band of its own length.
 */
export const DEFAULT_BANDS: readonly number[] = LIFE_CIRCLE_TIERS;

export interface LifeCircleCategory {
	id: string;
	/** Minutes within which the standard wants this service reached. */
	tier: LifeCircleTier;
	label: { en: string; zh: string };
}

export const LIFE_CIRCLE_CATEGORIES = [
	{ id: 'elderly-care', tier: 5, label: { en: 'Elderly day care / activity room', zh: '老年日间照料 / 活动室' } },
	{ id: 'convenience', tier: 5, label: { en: 'Convenience store / breakfast', zh: '便利店 / 早餐' } },
	{ id: 'small-green', tier: 5, label: { en: 'Small green space', zh: '小型绿地' } },
	{ id: 'bus-stop', tier: 5, label: { en: 'Bus stop', zh: '公交站' } },
	{ id: 'childcare', tier: 10, label: { en: 'Kindergarten / 0–3 childcare', zh: '幼儿园 / 托育' } },
	{ id: 'fresh-market', tier: 10, label: { en: 'Fresh-food market', zh: '菜场' } },
	{ id: 'primary-school', tier: 10, label: { en: 'Primary school', zh: '小学' } },
	{ id: 'pocket-park', tier: 10, label: { en: 'Pocket park', zh: '口袋公园' } },
	{ id: 'health-centre', tier: 15, label: { en: 'Clinic or community health centre', zh: '诊所或社区卫生服务中心' } },
	{ id: 'middle-school', tier: 15, label: { en: 'Middle school', zh: '中学' } },
	{ id: 'culture-sports', tier: 15, label: { en: 'Culture / sports centre', zh: '文化 / 体育中心' } },
	{ id: 'large-park', tier: 15, label: { en: 'Larger park', zh: '较大公园' } },
	{ id: 'metro-station', tier: 15, label: { en: 'Metro station', zh: '地铁站' } }
] as const satisfies readonly LifeCircleCategory[];

/** The coverage tool opens on bus stops: the one rule stated as a distance, and complete data. */
export const DEFAULT_COVERAGE_CATEGORY: LifeCircleCategoryId = 'bus-stop';

/** Whether a value names a life-circle category (each has a coverage standard: geo/coverage-standard.ts). */
export function isLifeCircleCategory(value: unknown): value is LifeCircleCategoryId {
	return typeof value === 'string' && LIFE_CIRCLE_CATEGORIES.some((c) => c.id === value);
}

/** The id of a life-circle category (the amenity data's `category`). */
export type LifeCircleCategoryId = (typeof LIFE_CIRCLE_CATEGORIES)[number]['id'];
