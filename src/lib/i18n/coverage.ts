/**
 * The words of the coverage tool (its panel and its map labels), in both languages. Beside the main
 * tables, not in them, because en.ts ships in the first view and the first-view budget
 * (scripts/check-size.ts) has no room for them; this table comes with the tool's code. Keys and
 * `{param}` placeholders work as in en.ts/zh.ts.
 */
import { fillTemplate, type Lang } from './strings';

const en = {
	'coverage.heading': 'Coverage across the district',
	'coverage.hint': 'Pick a service: streets and land are coloured by the walk to the nearest one; magenta is beyond the standard. Click the map to ask about one spot.',
	'coverage.category': 'Service',
	'coverage.noData': 'no data',
	'coverage.thresholdMinutes': 'Standard: within a {minutes}-minute walk (at {speed} km/h).',
	'coverage.thresholdDistance': 'Standard: within {inner} m inside the Inner Ring ({innerMinutes} min) and {elsewhere} m elsewhere ({elsewhereMinutes} min).',
	'coverage.standardSource': 'Source: {source}',
	'coverage.computing': 'Walking from every one of them…',
	'coverage.error': 'Coverage could not be computed: {reason}',
	'coverage.noAmenities': 'The data has no {category} to walk from.',
	'coverage.legend': 'Walk to the nearest one',
	'coverage.within': '≤ {minutes} min',
	'coverage.gap': 'beyond the standard',
	'coverage.figuresCaption': '{category}: share within the standard',
	'coverage.share': 'Now',
	'coverage.target': 'Target',
	'coverage.streetShare': 'Street length ({covered} of {total} km)',
	'coverage.landShare': 'Land ({covered} of {total} km²)',
	'coverage.innerStreetShare': 'Streets inside the Inner Ring (300 m)',
	'coverage.targetSource': 'Target: {source}',
	'coverage.figuresNote': 'Shares of street length and of land (water, the zoo, Zhongshan Park and the airport box left out), not of residents: there is no population data. Walks follow the streets; the street data has no footpaths inside blocks, so shares are a lower bound.',
	'coverage.noFigures': 'The district outline did not load, so no shares can be given; the map still shows the walk.',
	'coverage.amenities': '{count} in the data, {snapped} within reach of a street.',
	'coverage.probeHint': 'Click anywhere on the map: the nearest one and the walk to it.',
	'coverage.nearest': 'Nearest {category}: {name}',
	'coverage.minutesAway': '{minutes} min walk',
	'coverage.probeDetail': '{network} min along the streets, plus {offStreet} m from the spot to the street.',
	'coverage.probeNoStreet': 'No walkable street within {radius} m of this spot.',
	'coverage.probeNone': 'None can be reached on foot from here.',
	'coverage.clearProbe': 'Clear the spot',
} as const;

export type CoverageKey = keyof typeof en;

const zh: Record<CoverageKey, string> = {
	'coverage.heading': '全区覆盖',
	'coverage.hint': '选择一类设施：街道与用地按步行到最近一处的时间着色，品红色为超出标准。点击地图可查询任一地点。',
	'coverage.category': '设施',
	'coverage.noData': '无数据',
	'coverage.thresholdMinutes': '标准：步行{minutes}分钟内（按{speed}公里/小时）。',
	'coverage.thresholdDistance': '标准：内环内{inner}米（{innerMinutes}分钟），其他地区{elsewhere}米（{elsewhereMinutes}分钟）。',
	'coverage.standardSource': '来源：{source}',
	'coverage.computing': '正在从每一处设施出发计算步行……',
	'coverage.error': '无法计算覆盖：{reason}',
	'coverage.noAmenities': '数据中没有可出发的{category}。',
	'coverage.legend': '步行到最近一处',
	'coverage.within': '≤ {minutes}分钟',
	'coverage.gap': '超出标准',
	'coverage.figuresCaption': '{category}：标准内所占比例',
	'coverage.share': '现状',
	'coverage.target': '目标',
	'coverage.streetShare': '街道长度（{total}公里中的{covered}公里）',
	'coverage.landShare': '用地（{total}平方公里中的{covered}平方公里）',
	'coverage.innerStreetShare': '内环内街道（300米）',
	'coverage.targetSource': '目标：{source}',
	'coverage.figuresNote': '比例按街道长度与用地面积计（已扣除水面、动物园、中山公园及机场范围），而非居民人数：暂无人口数据。步行沿街道计算；街道数据不含街坊内部步道，故比例为下限。',
	'coverage.noFigures': '区界未能加载，无法给出比例；地图仍显示步行时间。',
	'coverage.amenities': '数据中共{count}处，其中{snapped}处可从街道到达。',
	'coverage.probeHint': '点击地图任一处：显示最近的一处及步行时间。',
	'coverage.nearest': '最近的{category}：{name}',
	'coverage.minutesAway': '步行{minutes}分钟',
	'coverage.probeDetail': '沿街步行{network}分钟，另加从该点到街道{offStreet}米。',
	'coverage.probeNoStreet': '该点{radius}米内没有可步行的街道。',
	'coverage.probeNone': '从这里步行无法到达任何一处。',
	'coverage.clearProbe': '清除该点',
};

const TABLES: Record<Lang, Record<CoverageKey, string>> = { en, zh };

/** A string of this table in a language, `{name}` placeholders filled (as `translate`). */
export function coverageText(lang: Lang, key: CoverageKey, params: Record<string, string | number> = {}): string {
	return fillTemplate(TABLES[lang][key], params);
}
