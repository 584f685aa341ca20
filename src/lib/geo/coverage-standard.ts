/**
 * The planner's thresholds: per life-circle category, how far the nearest one may be, by the Shanghai
 * standard, and what share of the district the plan wants within it. One table, as data; the coverage
 * engine (graph/coverage.ts) and the worker read it, the UI shows `source` beside every figure.
 *
 * Sources (all "as reported": no copy of the guideline's PDF is available; see
 * /work/shared/reference/life-circle-standard.md, whose sections are named in `SOURCES`):
 * - the 2016 guideline (《上海市15分钟社区生活圈规划导则（试行）》) gives elderly care 5 min and 0–3
 *   childcare 10 min (about 500 m) — reference, first table, "news of the 2016 release";
 * - the other categories take their tier (life-circle-categories.ts) from the reference's "Facility
 *   tiers derived from the above (a reasonable reading, not a quotation)" — so they say so;
 * - bus stops: 300 m inside the Inner Ring, 500 m elsewhere, from the 2024 draft technical standard —
 *   reference, "Later documents", a SECONDARY summary only; a walking distance, converted to minutes
 *   at the chosen walking speed;
 * - the target share: the Master Plan 2017–2035's 99 % of residents (reference, "Later documents",
 *   press); the draft's "full coverage" for bus stops inside the Inner Ring. Our figures are shares
 *   of street length and of land area (no population data), so they approximate a resident share.
 *
 * The threshold of a time-tier category is its tier, read from LIFE_CIRCLE_CATEGORIES (one fact, one
 * place); only the bus stop's distance rule is written here.
 */
import { LIFE_CIRCLE_CATEGORIES, type LifeCircleCategoryId } from './life-circle-categories';
import { metresPerMinute } from './walking';
import type { UserCategoryId } from './user-category';

/** Where a threshold comes from. */
export type StandardSourceId = 'guideline-2016' | 'derived-tier' | 'draft-2024' | 'master-plan-2035' | 'user-choice';

/** The sources, in both languages, with the reference section they are taken from. */
export const STANDARD_SOURCES: Record<StandardSourceId, { en: string; zh: string; section: string }> = {
	'guideline-2016': {
		en: 'Shanghai 15-minute community life circle planning guideline (trial, 2016), as reported at its release',
		zh: '《上海市15分钟社区生活圈规划导则（试行）》（2016），据发布时报道',
		section: 'life-circle-standard.md, first table (elderly services; childcare 0–3)'
	},
	'derived-tier': {
		en: 'tier derived from the 2016 guideline (a reading, not a quotation)',
		zh: '依2016年导则推定的层级（推定，非原文）',
		section: 'life-circle-standard.md, "Facility tiers derived from the above"'
	},
	'draft-2024': {
		en: 'Shanghai 15-minute life circle technical standard, 2024 draft for comment (secondary summary only)',
		zh: '《上海15分钟社区生活圈规划技术标准（征求意见稿）》（2024，仅见二手摘要）',
		section: 'life-circle-standard.md, "Later documents", 2024 draft technical standard'
	},
	'master-plan-2035': {
		en: 'Shanghai Master Plan 2017–2035: 99 % of residents covered (as reported by the press)',
		zh: '《上海市城市总体规划（2017—2035年）》：99%居民覆盖（据媒体报道）',
		section: 'life-circle-standard.md, "Later documents", Shanghai Master Plan 2017–2035'
	},
	'user-choice': {
		en: 'your choice: no Shanghai standard exists for your own data',
		zh: '由您选定：您自己的数据没有上海标准可依',
		section: 'none (a user category, geo/user-category.ts)'
	}
};

/** A threshold: a walking time, or a walking distance that depends on the Inner Ring. */
export type CoverageThreshold =
	| { kind: 'minutes'; minutes: number }
	| { kind: 'distance'; innerRingMetres: number; elsewhereMetres: number };

export interface CoverageStandard {
	category: LifeCircleCategoryId | UserCategoryId;
	threshold: CoverageThreshold;
	/** Where the threshold comes from. */
	source: StandardSourceId;
	/** The share the plan wants within the threshold (0–1), and where that comes from. */
	target: { share: number; source: StandardSourceId };
}

/** Categories whose threshold the guideline itself states (the others take their derived tier). */
const STATED: Partial<Record<LifeCircleCategoryId, StandardSourceId>> = {
	'elderly-care': 'guideline-2016',
	childcare: 'guideline-2016'
};

/** The draft standard's bus-stop rule: metres of walk to the nearest stop. */
export const BUS_STOP_METRES = { innerRingMetres: 300, elsewhereMetres: 500 } as const;

/** The master plan's target, for every category. */
const TARGET = { share: 0.99, source: 'master-plan-2035' as const };

/** Every category's standard, in the order of LIFE_CIRCLE_CATEGORIES. */
export const COVERAGE_STANDARDS: readonly CoverageStandard[] = LIFE_CIRCLE_CATEGORIES.map((c): CoverageStandard =>
	c.id === 'bus-stop'
		? { category: c.id, threshold: { kind: 'distance', ...BUS_STOP_METRES }, source: 'draft-2024', target: TARGET }
		: { category: c.id, threshold: { kind: 'minutes', minutes: c.tier }, source: STATED[c.id] ?? 'derived-tier', target: TARGET }
);

/**
 * The standard of one category.
 *
 * @param {string} category a life-circle category id, e.g. 'childcare'
 * @returns {CoverageStandard} its threshold, source and target
 * @throws {Error} for an unknown category
 * @example
 * coverageStandard('childcare').threshold; // { kind: 'minutes', minutes: 10 }
 */
export function coverageStandard(category: string): CoverageStandard {
	const found = COVERAGE_STANDARDS.find((s) => s.category === category);
	if (!found) {
		throw new Error(`coverageStandard: unknown category "${category}" (known: ${COVERAGE_STANDARDS.map((s) => s.category).join(', ')})`);
	}
	return found;
}

/**
 * The standard of a user category: the threshold the user picked, said to be theirs. The target
 * share is the master plan's, kept only so the figures have the same shape; the panel does not show
 * it for a user category.
 *
 * @param {UserCategoryId} category `user:` and the layer's id
 * @param {number} minutes the threshold the user picked
 * @returns {CoverageStandard} a minutes threshold with source 'user-choice'
 */
export function userCoverageStandard(category: UserCategoryId, minutes: number): CoverageStandard {
	return { category, threshold: { kind: 'minutes', minutes }, source: 'user-choice', target: TARGET };
}

/**
 * A category's threshold as walking metres, inside the Inner Ring and elsewhere (equal for a time
 * threshold).
 *
 * @param {CoverageThreshold} threshold the category's threshold
 * @param {number} speedKmh walking speed, km/h (converts minutes to metres)
 * @returns {{ innerRing: number; elsewhere: number }} metres of walk
 * @example
 * thresholdMetres({ kind: 'minutes', minutes: 5 }, 4); // { innerRing: 333.3…, elsewhere: 333.3… }
 */
export function thresholdMetres(threshold: CoverageThreshold, speedKmh: number): { innerRing: number; elsewhere: number } {
	if (threshold.kind === 'distance') return { innerRing: threshold.innerRingMetres, elsewhere: threshold.elsewhereMetres };
	const m = threshold.minutes * metresPerMinute(speedKmh);
	return { innerRing: m, elsewhere: m };
}

/**
 * The bands a coverage map starts with: a third, two thirds and all of the threshold (the larger one
 * for a distance rule, in minutes at `speedKmh`), rounded to 0.5 min and kept within 1–60. Beyond the
 * last band is the gap. Why not bands past the threshold: the surface is built from each amenity's
 * isochrone up to the largest band, so its cost grows with the square of that band; the coloured
 * streets still carry the exact minutes beyond it.
 *
 * @param {CoverageThreshold} threshold the category's threshold
 * @param {number} speedKmh walking speed, km/h
 * @returns {number[]} band limits, minutes, ascending
 * @example
 * defaultCoverageBands({ kind: 'minutes', minutes: 15 }, 4); // [5, 10, 15]
 */
export function defaultCoverageBands(threshold: CoverageThreshold, speedKmh: number): number[] {
	const { innerRing, elsewhere } = thresholdMetres(threshold, speedKmh);
	const t = Math.max(innerRing, elsewhere) / metresPerMinute(speedKmh);
	const bands = [1, 2, 3].map((k) => Math.min(60, Math.max(1, Math.round(((k * t) / 3) * 2) / 2)));
	return [...new Set(bands)].sort((a, b) => a - b);
}
