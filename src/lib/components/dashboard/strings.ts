/**
 * Every string of the district dashboard, in English and Chinese. Numbers, units and periods are not
 * here: they come from the place data through formatFact / formatNumber / formatPeriod.
 */
import type { SourceId } from '$lib/data/schema';
import type { Lang } from '$lib/i18n/strings';

export interface DashboardStrings {
	heading: string;
	intro: string;
	growthHeading: string;
	gdp: string;
	software: string;
	taxHeading: string;
	taxCaption: string;
	tax3plus3: string;
	taxDigital: string;
	taxOverlap: string;
	cbdHeading: string;
	cbdCaption: string;
	cbdTax: string;
	cbdArea: string;
	cbdBounds: string;
	/** The lower bound on tax per unit area implied by the two bounds. */
	cbdIntensity: (times: string) => string;
	perM2Heading: string;
	perM2Caption: string;
	perM2KeyBuildings: string;
	perM2Arch: string;
	perM2Ratio: (times: string) => string;
	perM2Note: string;
	archHeading: string;
	archCaption: string;
	archFirst: string;
	digitalHeading: string;
	ecommerce: string;
	digitalFirms: string;
	renewalHeading: string;
	oldHousing: string;
	computedHeading: string;
	computedCaption: string;
	districtArea: (km2: string) => string;
	layerShare: (km2: string, percent: string) => string;
	noArea: (layer: string) => string;
	computedNote: string;
	siliconHeading: string;
	stated: string;
	computed: string;
	siliconCaption: string;
	difference: (diff: string) => string;
	computedSource: string;
	/** Short citations shown beside each figure; sources not listed use their title from SOURCES. */
	source: Partial<Record<SourceId, string>>;
	/** Joins a figure's period and source: "H1 2023 · briefing". */
	meta: (period: string, source: string) => string;
	/** A chart's accessible description from its caption and rows. */
	chartLabel: (caption: string, rows: readonly string[]) => string;
	/** One row of a chart, in words: "Digital economy: 54.9 % (Jan–Jul 2023 · briefing)". */
	chartRow: (label: string, value: string, meta?: string) => string;
	/** A chart's caption with the period and source all its rows share. */
	withMeta: (caption: string, meta: string) => string;
	/** A percentage as text: "45.7 %" in English, "45.7%" in Chinese. */
	percent: (n: string) => string;
	/** An area in square kilometres as text. */
	km2: (n: string) => string;
}

const en: DashboardStrings = {
	heading: 'The district’s story in figures',
	intro: 'What the 31 Aug 2023 briefing said about Changning, with each figure’s period and source; beside it, areas computed from the map’s outlines.',
	growthHeading: 'Growth',
	gdp: 'GDP, year on year',
	software: 'Software and information services revenue',
	taxHeading: 'Where the tax comes from',
	taxCaption: 'Shares of the district’s tax revenue',
	tax3plus3: '“3+3” key industries',
	taxDigital: 'Digital economy',
	taxOverlap: 'The two groups overlap, so the shares do not add up to 100 %.',
	cbdHeading: 'Hongqiao CBD: share of tax vs share of area',
	cbdCaption: 'Changning’s part of the Hongqiao International CBD',
	cbdTax: 'Share of the CBD’s tax revenue',
	cbdArea: 'Share of the CBD’s area',
	cbdBounds: 'The briefing gives bounds, not exact values: each arrow points to the side where the true value lies.',
	cbdIntensity: (times) => `So Changning’s tax per unit area is more than ${times} times the CBD’s average.`,
	perM2Heading: 'Tax per square metre of floor space',
	perM2Caption: 'Tax per square metre, yuan',
	perM2KeyBuildings: 'Key commercial buildings, average',
	perM2Arch: 'Shanghai Arch',
	perM2Ratio: (times) => `The Shanghai Arch: at least ${times} times the key-building average.`,
	perM2Note: 'The two figures cover different periods; the Shanghai Arch’s is as reported by Jiefang Daily.',
	archHeading: 'Shanghai Arch: tax paid',
	archCaption: 'Tax paid by the Shanghai Arch',
	archFirst: 'The city’s first building to pass this mark in 2022, and again the first in 2023 (by July).',
	digitalHeading: 'Digital economy',
	ecommerce: 'E-commerce platforms with transactions over 100 million yuan each',
	digitalFirms: 'Digital-economy enterprises',
	renewalHeading: 'Urban renewal',
	oldHousing: 'Old separate housing renovated',
	computedHeading: 'Computed from the map',
	computedCaption: 'Area of each project layer and its share of the district',
	districtArea: (km2) => `The district’s outline: ${km2} km².`,
	layerShare: (km2, percent) => `${km2} km² · ${percent} of the district`,
	noArea: (layer) => `${layer}: drawn as lines, no area.`,
	computedNote: 'Computed by turf on a spherical Earth from outlines placed by hand; overlapping outlines within a layer are counted once.',
	siliconHeading: 'Shanghai Silicon Alley: stated vs computed',
	stated: 'Stated',
	computed: 'Computed from the outline',
	siliconCaption: 'Area of Shanghai Silicon Alley, stated and computed',
	difference: (diff) => `The outline’s area differs from the stated one by ${diff}.`,
	computedSource: 'computed by Changning Atlas',
	source: {
		'briefing-2023-08-31': 'briefing, 31 Aug 2023',
		'jiefang-daily-2022-10': 'Jiefang Daily, Oct 2022, as reported'
	},
	meta: (period, source) => `${period} · ${source}`,
	chartLabel: (caption, rows) => `${caption}. ${rows.join('; ')}.`,
	chartRow: (label, value, meta) => (meta ? `${label}: ${value} (${meta})` : `${label}: ${value}`),
	withMeta: (caption, meta) => `${caption} (${meta})`,
	percent: (n) => `${n} %`,
	km2: (n) => `${n} km²`
};

const zh: DashboardStrings = {
	heading: '数说长宁',
	intro: '2023年8月31日发布会介绍的长宁发展数据，均注明时期与来源；并列地图轮廓计算出的面积。',
	growthHeading: '增长',
	gdp: '地区生产总值同比增长',
	software: '软件和信息服务业营收增长',
	taxHeading: '税收从哪里来',
	taxCaption: '占全区税收的比重',
	tax3plus3: '“3+3”重点产业',
	taxDigital: '数字经济',
	taxOverlap: '两类产业有交叉，比重相加不等于100%。',
	cbdHeading: '虹桥国际中央商务区：税收占比与面积占比',
	cbdCaption: '长宁区在虹桥国际中央商务区中的占比',
	cbdTax: '占商务区税收',
	cbdArea: '占商务区面积',
	cbdBounds: '发布会给出的是界限，不是确切数值：箭头指向真实数值所在的一侧。',
	cbdIntensity: (times) => `因此长宁区单位面积税收超过商务区平均水平的${times}倍。`,
	perM2Heading: '单位面积税收',
	perM2Caption: '每平方米税收（元）',
	perM2KeyBuildings: '重点商务楼宇平均',
	perM2Arch: '金虹桥国际中心（上海之拱）',
	perM2Ratio: (times) => `金虹桥国际中心至少是重点楼宇平均水平的${times}倍。`,
	perM2Note: '两项数据时期不同；金虹桥国际中心的数据据《解放日报》报道。',
	archHeading: '金虹桥国际中心：纳税额',
	archCaption: '金虹桥国际中心纳税额',
	archFirst: '2022年全市首幢达到这一数额的楼宇；2023年截至7月再次达到，仍是全市首幢。',
	digitalHeading: '数字经济',
	ecommerce: '交易额超亿元的电商平台',
	digitalFirms: '数字经济企业',
	renewalHeading: '城市更新',
	oldHousing: '完成旧住房成套改造',
	computedHeading: '地图计算',
	computedCaption: '各项目图层面积及占全区面积比重',
	districtArea: (km2) => `区界面积：${km2}平方公里。`,
	layerShare: (km2, percent) => `${km2}平方公里 · 占全区${percent}`,
	noArea: (layer) => `${layer}：以线表示，无面积。`,
	computedNote: '由turf按球面地球根据手工绘制的轮廓计算；同一图层内重叠的轮廓只计一次。',
	siliconHeading: '上海硅巷：公布面积与计算面积',
	stated: '公布面积',
	computed: '按轮廓计算',
	siliconCaption: '上海硅巷面积：公布值与计算值',
	difference: (diff) => `轮廓面积与公布面积相差${diff}。`,
	computedSource: '长宁图鉴计算',
	source: {
		'briefing-2023-08-31': '2023年8月31日发布会',
		'jiefang-daily-2022-10': '《解放日报》2022年10月，据报道'
	},
	meta: (period, source) => `${period} · ${source}`,
	chartLabel: (caption, rows) => `${caption}。${rows.join('；')}。`,
	chartRow: (label, value, meta) => (meta ? `${label}：${value}（${meta}）` : `${label}：${value}`),
	withMeta: (caption, meta) => `${caption}（${meta}）`,
	percent: (n) => `${n}%`,
	km2: (n) => `${n}平方公里`
};

export const DASHBOARD_STRINGS: Record<Lang, DashboardStrings> = { en, zh };
