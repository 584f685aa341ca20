/**
 * AMap (Gaode) POI types → life-circle categories: the one table that says which AMap points count
 * as which daily service, and why the others do not. Pure: used by scripts/geodata/amenities.ts
 * (the data build) and its tests; the app only sees the result.
 *
 * Source: AMap POIs of 2020, via the public repository ni1o1/pygeo-tutorial (MIT, © 2020 ni1o1),
 * commit 26260525b1717634e4ee895ef29e9655fd00f687, cut to the walking-network box in
 * /work/shared/geodata-src/poi-amap-2020 (see geodata/sources/poi-amap-2020/README.md).
 *
 * An `amap_type` is AMap's three-level type `大类;中类;小类`, and a POI with several types joins them
 * with `|` (`医疗保健服务;专科医院;口腔医院|医疗保健服务;诊所;诊所`). Every part is looked up; an
 * excluding part wins over a counting one (a dental practice that is also typed "clinic" is still a
 * dental practice), and a part that only "does not count" never blocks a counting one (a specialist
 * hospital that is also a general 三甲 hospital counts).
 *
 * Decisions, with the numbers of the 2020 box (1,720 medical POIs):
 * - health-centre counts community health service centres and stations (社区卫生服务中心/站, typed
 *   `综合医院;卫生院`), clinics (`诊所`) and general hospitals (`综合医院`, incl. 三级甲等): each is a
 *   door a resident can walk into for basic care. Same reading as the OSM importer
 *   (amenity=clinic|doctors|hospital).
 * - Pet and animal clinics (`动物医疗场所`, 68) are not health care for people: excluded, also when a
 *   name says so under another type (汉维宠仕高级兽医进修医院 is typed `综合医院`).
 * - Dental (`口腔医院`, 249) and cosmetic surgery (`整形美容`, 101) are excluded: mostly private chains,
 *   not the basic care the 15-minute tier means, and numerous enough to make any street corner "met".
 *   Their names overrule a plain `诊所` type too (上海九颜医疗美容诊所, xx口腔诊所).
 * - Specialist hospitals (eye, chest, tumour, psychiatric …), disease control (疾病预防), ambulance
 *   stations (急救中心) and pharmacies do not count: no walk-in general care.
 * - Metro stations come from OpenStreetMap (geodata/transit, complete and newer than 2020), never from
 *   AMap: AMap lists halls and entrances of the same station, which would double count.
 * - A name that says the place is closed (暂停营业, 停业, 已关闭, 已搬迁) never counts.
 * - Kindergartens come from `kindergarten.geojson`, schools from `primary_school` / `middle_school`;
 *   `school.geojson` (all schools, incl. universities) is not read: it repeats those three files.
 */
import type { LifeCircleCategoryId as AmenityCategoryId } from '$lib/geo/life-circle-categories';
import type { Bilingual } from './schema';

/** Short attribution for the panels, in both languages. */
export const AMAP_CREDIT: Bilingual = {
	en: 'POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)',
	zh: '高德POI（2020年，经ni1o1/pygeo-tutorial，MIT）'
};
/** The English credit, for the map's attribution line and the data files. */
export const AMAP_ATTRIBUTION = AMAP_CREDIT.en;

export const AMAP_PROVENANCE = {
	repository: 'https://github.com/ni1o1/pygeo-tutorial',
	commit: '26260525b1717634e4ee895ef29e9655fd00f687',
	path: 'data-sample/上海poi/*.csv',
	licence: 'MIT, © 2020 ni1o1',
	date: '2020'
} as const;

/** The source files the build reads (geodata/sources/poi-amap-2020/<file>.geojson). */
export const AMAP_FILES = ['kindergarten', 'primary_school', 'middle_school', 'hospital', 'bus_stop'] as const;
export type AmapFile = (typeof AMAP_FILES)[number];

/** How one AMap type part is treated. */
export type AmapVerdict =
	/** The POI is in `category`. */
	| { kind: 'count'; category: AmenityCategoryId }
	/** Not the service any category means; does not block another part that counts. */
	| { kind: 'ignore' }
	/** Never counts, whatever its other types say. */
	| { kind: 'exclude' };

export interface AmapTypeRule {
	/** A type prefix: a whole level or several, e.g. `医疗保健服务;动物医疗场所`. */
	type: string;
	verdict: AmapVerdict;
	reason: Bilingual;
}

const count = (category: AmenityCategoryId): AmapVerdict => ({ kind: 'count', category });
const IGNORE: AmapVerdict = { kind: 'ignore' };
const EXCLUDE: AmapVerdict = { kind: 'exclude' };

/** Most specific first: the first rule whose `type` is a prefix (at a `;` boundary) of a part applies. */
export const AMAP_TYPE_RULES: readonly AmapTypeRule[] = [
	{
		type: '医疗保健服务;动物医疗场所',
		verdict: EXCLUDE,
		reason: { en: 'pet and animal clinics: not health care for people', zh: '宠物及动物医疗：不是为人提供的医疗服务' }
	},
	{
		type: '医疗保健服务;专科医院;口腔医院',
		verdict: EXCLUDE,
		reason: { en: 'dental practices: mostly private chains, not basic care', zh: '口腔诊所：多为连锁私营，非基本医疗' }
	},
	{
		type: '医疗保健服务;专科医院;整形美容',
		verdict: EXCLUDE,
		reason: { en: 'cosmetic surgery: not health care in the life-circle sense', zh: '整形美容：不属于生活圈意义上的医疗服务' }
	},
	{
		type: '医疗保健服务;综合医院;卫生院',
		verdict: count('health-centre'),
		reason: { en: 'community health service centres and stations (社区卫生服务中心/站)', zh: '社区卫生服务中心/站' }
	},
	{
		type: '医疗保健服务;综合医院',
		verdict: count('health-centre'),
		reason: { en: 'general hospitals: walk-in basic care', zh: '综合医院：可就近就诊' }
	},
	{
		type: '医疗保健服务;诊所',
		verdict: count('health-centre'),
		reason: { en: 'clinics: walk-in basic care', zh: '诊所：可就近就诊' }
	},
	{
		type: '医疗保健服务;专科医院',
		verdict: IGNORE,
		reason: { en: 'specialist hospitals: no walk-in general care', zh: '专科医院：不提供就近全科诊疗' }
	},
	{
		type: '医疗保健服务',
		verdict: IGNORE,
		reason: {
			en: 'disease control, ambulance stations, pharmacies: no patient care',
			zh: '疾病预防、急救中心、药房：不提供诊疗'
		}
	},
	{
		type: '科教文化服务;学校;幼儿园',
		verdict: count('childcare'),
		reason: { en: 'kindergartens', zh: '幼儿园' }
	},
	{
		type: '科教文化服务;学校;小学',
		verdict: count('primary-school'),
		reason: { en: 'primary schools', zh: '小学' }
	},
	{
		type: '科教文化服务;学校;中学',
		verdict: count('middle-school'),
		reason: { en: 'middle and high schools', zh: '中学（含高中）' }
	},
	{
		type: '交通设施服务;公交车站',
		verdict: count('bus-stop'),
		reason: { en: 'bus stops (each direction is its own stop)', zh: '公交站（每个方向各为一站）' }
	},
	{
		type: '交通设施服务;地铁站',
		verdict: IGNORE,
		reason: {
			en: 'metro stations come from OpenStreetMap (complete, newer); AMap halls and entrances would double count',
			zh: '地铁站取自OpenStreetMap（完整且更新）；高德的站厅与出入口会重复计数'
		}
	}
];

/** Names that overrule the type: a pet hospital typed as a general hospital, a closed school. */
export const AMAP_NAME_RULES: readonly { pattern: RegExp; categories: 'all' | readonly AmenityCategoryId[]; reason: Bilingual }[] = [
	{
		pattern: /宠物|动物|兽医|寵物/,
		categories: ['health-centre'],
		reason: { en: 'pet and animal clinics: not health care for people', zh: '宠物及动物医疗：不是为人提供的医疗服务' }
	},
	{
		pattern: /口腔|牙科|齿科/,
		categories: ['health-centre'],
		reason: { en: 'dental practices: mostly private chains, not basic care', zh: '口腔诊所：多为连锁私营，非基本医疗' }
	},
	{
		pattern: /医疗美容|医美|整形|美容/,
		categories: ['health-centre'],
		reason: { en: 'cosmetic surgery: not health care in the life-circle sense', zh: '整形美容：不属于生活圈意义上的医疗服务' }
	},
	{
		pattern: /暂停营业|停业|已关闭|已搬迁/,
		categories: 'all',
		reason: { en: 'the name says it is closed', zh: '名称注明已停业' }
	}
];

export type AmapClassification =
	| { ok: true; categories: AmenityCategoryId[] }
	| { ok: false; reason: Bilingual };

function ruleFor(part: string): AmapTypeRule | undefined {
	return AMAP_TYPE_RULES.find((r) => part === r.type || part.startsWith(`${r.type};`));
}

/**
 * The life-circle categories of an AMap POI.
 *
 * @param amapType AMap's type, `大类;中类;小类`, several joined with `|`
 * @param name the POI's name (overrules the type for pet clinics and closed places)
 * @returns `{ ok: true, categories }` (possibly several, never duplicated) or `{ ok: false, reason }`
 *   with the bilingual reason of the rule that excluded it or the note that no rule counts it
 * @example classifyAmap('医疗保健服务;综合医院;卫生院', '新泾镇社区卫生服务中心') // { ok: true, categories: ['health-centre'] }
 * @example classifyAmap('医疗保健服务;动物医疗场所;宠物诊所', '瑞鹏宠物医院').ok // false
 */
export function classifyAmap(amapType: string, name: string): AmapClassification {
	if (typeof amapType !== 'string' || amapType.trim() === '') {
		return { ok: false, reason: { en: 'no AMap type', zh: '无高德类型' } };
	}
	const categories: AmenityCategoryId[] = [];
	let ignored: AmapTypeRule | undefined;
	for (const part of amapType.split('|').map((p) => p.trim())) {
		const rule = ruleFor(part);
		if (!rule) continue;
		if (rule.verdict.kind === 'exclude') return { ok: false, reason: rule.reason };
		if (rule.verdict.kind === 'ignore') ignored ??= rule;
		else if (!categories.includes(rule.verdict.category)) categories.push(rule.verdict.category);
	}
	for (const rule of AMAP_NAME_RULES) {
		if (!rule.pattern.test(name)) continue;
		if (rule.categories === 'all' || categories.some((c) => rule.categories.includes(c))) {
			return { ok: false, reason: rule.reason };
		}
	}
	if (categories.length === 0) {
		return { ok: false, reason: ignored?.reason ?? { en: `no rule for type "${amapType}"`, zh: `类型“${amapType}”无对应规则` } };
	}
	return { ok: true, categories };
}

/** What one category's data covers, for the checklist row and the manifest. */
export interface CategorySource {
	/** complete: absence in the data means absence on the ground (as of `date`); partial: it does not. */
	coverage: 'complete' | 'partial';
	source: Bilingual;
	/** When the data describes, e.g. "2020" or "2026-07". */
	date: string;
	/** Plain words on what is in and what is missing. */
	note: Bilingual;
}

const AMAP_SOURCE: Bilingual = { en: 'AMap POIs (via ni1o1/pygeo-tutorial)', zh: '高德POI（经ni1o1/pygeo-tutorial）' };

/** Coverage of the categories the AMap build fills. */
export const AMAP_COVERAGE: Readonly<Partial<Record<AmenityCategoryId, CategorySource>>> = {
	'bus-stop': {
		coverage: 'complete',
		source: AMAP_SOURCE,
		date: '2020',
		note: {
			en: 'Every AMap bus stop of 2020; stops opened or moved since are missing.',
			zh: '2020年高德全部公交站；此后新设或迁移的站点未包含。'
		}
	},
	childcare: {
		coverage: 'partial',
		source: AMAP_SOURCE,
		date: '2020',
		note: {
			en: 'Kindergartens only (2020); 0–3 childcare (托育) is not in the data.',
			zh: '仅幼儿园（2020年）；数据不含0–3岁托育。'
		}
	},
	'primary-school': {
		coverage: 'complete',
		source: AMAP_SOURCE,
		date: '2020',
		note: { en: 'Every AMap primary school of 2020.', zh: '2020年高德全部小学。' }
	},
	'middle-school': {
		coverage: 'complete',
		source: AMAP_SOURCE,
		date: '2020',
		note: { en: 'Every AMap middle and high school of 2020.', zh: '2020年高德全部中学（含高中）。' }
	},
	'health-centre': {
		coverage: 'complete',
		source: AMAP_SOURCE,
		date: '2020',
		note: {
			en: 'Community health centres and stations, clinics and general hospitals (2020); dental, cosmetic, specialist and pet clinics are not counted.',
			zh: '社区卫生服务中心/站、诊所及综合医院（2020年）；口腔、整形、专科及宠物诊所不计。'
		}
	}
};
