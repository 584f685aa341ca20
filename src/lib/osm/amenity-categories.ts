/**
 * Life-circle amenity categories and the OSM tags that place a feature in them.
 *
 * Tiers follow the project's reading of the Shanghai 15-minute community life circle guideline
 * (《上海市15分钟社区生活圈规划导则（试行）》, 2016, as reported; see
 * /work/shared/reference/life-circle-standard.md): what a resident should reach within a 5-, 10- or
 * 15-minute walk. The tag choices are ours:
 *
 * - convenience: shop=convenience|supermarket|bakery|kiosk and breakfast fast food
 *   (amenity=fast_food + cuisine=breakfast). Plain fast_food is left out: in OSM it is mostly chains,
 *   not the neighbourhood breakfast stall the guideline means. Greengrocers count as fresh-market.
 * - elderly-care: senior social facilities, nursing homes, and the Chinese names of day care
 *   (日间照料), care homes (养老/敬老) and Shanghai's 长者照护之家. Geriatric hospitals are health, not care.
 * - Parks by area (leisure=park, computed geodesic area): a park of 0.1–1 ha is both `small-green`
 *   (5 min) and `pocket-park` (10 min) on purpose — a small park serves both tiers. Gardens and
 *   playgrounds are only ever `small-green`. A park mapped as a node has no area and gets no park category.
 * - Name matches (菜市场, 小学, 社区卫生服务中心 …) never apply to transport features: Shanghai bus stops
 *   and stations are routinely named after the clinic or school next to them.
 * - Schools: isced:level 1 → primary, 2/3 → middle; a 九年一贯制 school tagged "1;2" is both.
 */
import type { LifeCircleCategoryId, LifeCircleTier } from '../geo/life-circle';
import type { Tags } from './types';

/**
 * The importer's categories: the life-circle checklist's (src/lib/geo/life-circle.ts) and community
 * canteens, which the import keeps and the map draws but the checklist does not judge.
 */
export type AmenityCategoryId = LifeCircleCategoryId | 'canteen';

/**
 * One way to match a feature; every field given must hold.
 * - `tags`: key → accepted values (`true` = any value except "no"). A tag value like "1;2" matches
 *   if any of its `;`-separated parts is accepted.
 * - `name`: tested against `name`, `name:zh` and `name:en`; skipped for transport features.
 * - `areaM2`: [min, max) in square metres; needs the feature's area.
 */
export interface TagMatcher {
	tags?: Readonly<Record<string, true | readonly string[]>>;
	name?: RegExp;
	areaM2?: readonly [number, number];
}

export interface AmenityCategory {
	id: AmenityCategoryId;
	/** The checklist's tier of the category (canteens: ours, 10 minutes). */
	tier: LifeCircleTier;
	en: string;
	zh: string;
	/** The feature is in the category if any matcher matches and no `exclude` matcher does. */
	match: readonly TagMatcher[];
	exclude?: readonly TagMatcher[];
}

const HA = 10_000;
const SCHOOL = { amenity: ['school'] } as const;

const TABLE = [
	// --- 5 minutes ---------------------------------------------------------------------------
	{
		id: 'elderly-care',
		tier: 5,
		en: 'Elderly day care',
		zh: '养老日间照料',
		match: [
			{ tags: { amenity: ['social_facility'], 'social_facility:for': ['senior', 'elderly'] } },
			{ tags: { amenity: ['social_facility'], social_facility: ['nursing_home', 'assisted_living'] } },
			{ tags: { amenity: ['nursing_home'] } },
			{ name: /养老|敬老|日间照料|长者照护|老年日托/ }
		]
	},
	{
		id: 'convenience',
		tier: 5,
		en: 'Convenience store',
		zh: '便利店',
		match: [
			{ tags: { shop: ['convenience', 'supermarket', 'bakery', 'kiosk'] } },
			{ tags: { amenity: ['fast_food'], cuisine: ['breakfast'] } }
		]
	},
	{
		id: 'small-green',
		tier: 5,
		en: 'Small green space',
		zh: '小型绿地',
		match: [{ tags: { leisure: ['park', 'garden', 'playground'] }, areaM2: [0, 1 * HA] }]
	},
	{
		id: 'bus-stop',
		tier: 5,
		en: 'Bus stop',
		zh: '公交站',
		match: [{ tags: { highway: ['bus_stop'] } }, { tags: { public_transport: ['platform'], bus: ['yes'] } }]
	},
	// --- 10 minutes --------------------------------------------------------------------------
	{
		id: 'childcare',
		tier: 10,
		en: 'Kindergarten and childcare',
		zh: '幼儿园与托育',
		match: [{ tags: { amenity: ['kindergarten', 'childcare'] } }, { name: /幼儿园|托育|托儿所/ }]
	},
	{
		id: 'fresh-market',
		tier: 10,
		en: 'Fresh-food market',
		zh: '菜市场',
		match: [
			{ tags: { amenity: ['marketplace'] } },
			{ tags: { shop: ['greengrocer', 'butcher', 'seafood'] } },
			{ name: /菜场|菜市场/ }
		]
	},
	{
		id: 'primary-school',
		tier: 10,
		en: 'Primary school',
		zh: '小学',
		match: [
			{ tags: { ...SCHOOL, 'isced:level': ['1'] } },
			{ tags: { ...SCHOOL, 'school:type': ['primary'] } },
			{ tags: { ...SCHOOL, school: ['primary'] } },
			{ tags: SCHOOL, name: /小学/ }
		]
	},
	{
		id: 'pocket-park',
		tier: 10,
		en: 'Pocket park',
		zh: '口袋公园',
		match: [{ tags: { leisure: ['park'] }, areaM2: [0.1 * HA, 4 * HA] }]
	},
	{
		id: 'canteen',
		tier: 10,
		en: 'Community canteen',
		zh: '社区食堂',
		match: [{ tags: { amenity: ['canteen'] } }, { name: /社区食堂|长者食堂|老年助餐|助餐点/ }]
	},
	// --- 15 minutes --------------------------------------------------------------------------
	{
		id: 'health-centre',
		tier: 15,
		en: 'Clinic or community health centre',
		zh: '诊所或社区卫生服务中心',
		match: [
			{ tags: { amenity: ['clinic', 'doctors', 'hospital'] } },
			{ tags: { healthcare: ['centre', 'clinic', 'hospital', 'doctor'] } },
			{ name: /社区卫生服务(中心|站)/ }
		]
	},
	{
		id: 'middle-school',
		tier: 15,
		en: 'Middle school',
		zh: '中学',
		match: [
			{ tags: { ...SCHOOL, 'isced:level': ['2', '3'] } },
			{ tags: { ...SCHOOL, 'school:type': ['secondary', 'middle', 'high'] } },
			{ tags: { ...SCHOOL, school: ['secondary', 'middle', 'high'] } },
			{ tags: SCHOOL, name: /中学/ }
		]
	},
	{
		id: 'culture-sports',
		tier: 15,
		en: 'Culture and sports centre',
		zh: '文体中心',
		match: [
			{ tags: { amenity: ['community_centre', 'library', 'arts_centre'] } },
			{ tags: { leisure: ['sports_centre', 'fitness_centre', 'stadium'] } },
			{ name: /文化活动中心|社区文化中心|文体中心|体育中心/ }
		]
	},
	{
		id: 'large-park',
		tier: 15,
		en: 'Large park',
		zh: '大型公园',
		match: [{ tags: { leisure: ['park'] }, areaM2: [4 * HA, Infinity] }]
	},
	{
		id: 'metro-station',
		tier: 15,
		en: 'Metro station',
		zh: '地铁站',
		match: [
			{ tags: { railway: ['station', 'halt'], station: ['subway'] } },
			{ tags: { railway: ['station', 'halt'], subway: ['yes'] } },
			{ tags: { public_transport: ['station'], subway: ['yes'] } }
		],
		// Entrances are mapped as their own nodes, often with the station's name and subway=yes.
		exclude: [{ tags: { railway: ['subway_entrance', 'train_station_entrance'] } }, { tags: { entrance: true } }]
	}
] as const satisfies readonly AmenityCategory[];

/** Every category id the table has no rules for; must be none (a checklist category nobody imports). */
type WithoutRules = Exclude<AmenityCategoryId, (typeof TABLE)[number]['id']>;
/** Compiles only while {@link WithoutRules} is empty. */
const _everyCategoryHasRules: [WithoutRules] extends [never] ? true : WithoutRules = true;

/** The categories and their rules, in table order. */
export const AMENITY_CATEGORIES: readonly AmenityCategory[] = TABLE;

/** Every category id, in table order (tier 5 first): the order of the import's counts and output. */
export const AMENITY_CATEGORY_IDS: readonly AmenityCategoryId[] = AMENITY_CATEGORIES.map((c) => c.id);

const BY_ID = new Map(AMENITY_CATEGORIES.map((c) => [c.id, c]));

/** The category record for an id; throws on an unknown id. */
export function amenityCategory(id: AmenityCategoryId): AmenityCategory {
	const category = BY_ID.get(id);
	if (!category) throw new Error(`amenityCategory: unknown category "${id}"`);
	return category;
}

/** Features whose names describe their neighbours, not themselves (see the module comment). */
function isTransport(tags: Tags): boolean {
	return (
		tags.highway !== undefined ||
		tags.public_transport !== undefined ||
		tags.railway !== undefined ||
		tags.amenity === 'bus_station' ||
		tags.amenity === 'ferry_terminal' ||
		tags.route !== undefined
	);
}

function tagMatches(value: string | undefined, accepted: true | readonly string[]): boolean {
	if (value === undefined) return false;
	if (accepted === true) return value !== 'no';
	return value.split(';').some((part) => accepted.includes(part.trim()));
}

function matcherMatches(m: TagMatcher, tags: Tags, areaM2: number | undefined, transport: boolean): boolean {
	if (m.tags) {
		for (const key in m.tags) if (!tagMatches(tags[key], m.tags[key])) return false;
	}
	if (m.name) {
		if (transport) return false;
		const names = [tags.name, tags['name:zh'], tags['name:en']];
		if (!names.some((n) => n !== undefined && m.name!.test(n))) return false;
	}
	if (m.areaM2) {
		if (areaM2 === undefined || !(areaM2 >= m.areaM2[0] && areaM2 < m.areaM2[1])) return false;
	}
	return true;
}

/**
 * The life-circle categories an OSM feature belongs to, in table order (tier 5 first).
 *
 * @param tags the feature's OSM tags
 * @param areaM2 the feature's geodesic area in square metres, if it is a polygon; area-based
 *   categories (parks) never match without it
 * @returns category ids, possibly empty
 * @example categorise({ amenity: 'kindergarten' }) // ['childcare']
 * @example categorise({ leisure: 'park' }, 30_000) // ['pocket-park']
 */
export function categorise(tags: Tags, areaM2?: number): AmenityCategoryId[] {
	const transport = isTransport(tags);
	const out: AmenityCategoryId[] = [];
	for (const c of AMENITY_CATEGORIES) {
		if (!c.match.some((m) => matcherMatches(m, tags, areaM2, transport))) continue;
		if (c.exclude?.some((m) => matcherMatches(m, tags, areaM2, transport))) continue;
		out.push(c.id);
	}
	return out;
}
