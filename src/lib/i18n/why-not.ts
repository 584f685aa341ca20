/**
 * The words of "why is this spot out of reach?" (its card and its map labels), in both languages.
 * Beside the main tables, like coverage.ts: it comes with the card's code, not in the first view.
 * Keys and `{param}` placeholders work as in en.ts/zh.ts.
 */
import { fillTemplate, type Lang } from './strings';

const en = {
	'whyNot.heading': 'Why is a spot out of reach?',
	'whyNot.hint': 'Right-click (or press and hold) a spot on the map, or pick one here: the walk to it, the minutes beyond the largest band, and the way in.',
	'whyNot.pick': 'Pick a spot on the map',
	'whyNot.picking': 'Click the spot on the map. Esc cancels.',
	'whyNot.cancel': 'Cancel',
	'whyNot.centre': 'Ask about the map centre',
	'whyNot.clear': 'Clear the spot',
	'whyNot.computing': 'Finding the walk…',
	'whyNot.needOrigin': 'Place the origin first: the walk starts there.',
	'whyNot.inside': 'Inside the {band}-minute band: a {minutes}-minute walk ({metres} m).',
	'whyNot.outside': 'A {minutes}-minute walk ({metres} m): {extra} min beyond the {limit}-minute band.',
	'whyNot.straight': 'As the crow flies it is {straight} m; the walk is {ratio}× that.',
	'whyNot.bridgeNamed': 'Way in: the bridge on {name}, reached {at} min into the walk. It is the nearest crossing of the water on foot.',
	'whyNot.bridgeNear': 'Way in: an unnamed bridge (the walk goes on to {near}), reached {at} min into the walk. It is the nearest crossing of the water on foot.',
	'whyNot.bridge': 'Way in: an unnamed bridge, reached {at} min into the walk. It is the nearest crossing of the water on foot.',
	'whyNot.street': 'Way in: the walk passes the {limit}-minute limit on {name}, {beyond} m before the spot.',
	'whyNot.streetUnnamed': 'Way in: the walk passes the {limit}-minute limit on an unnamed street, {beyond} m before the spot.',
	'whyNot.offStreet': 'The walk passes the {limit}-minute limit after leaving the street{from}, {beyond} m before the spot: no street in the data comes closer.',
	'whyNot.offStreetFrom': ' ({name})',
	'whyNot.unreachable': 'No walk from the origin reaches this spot: the streets here are not connected to the origin’s in the data.',
	'whyNot.noStreet': 'No walkable street within {max} m of this spot on this side of the water (the nearest is {nearest} m away), so no band can reach it.',
	'whyNot.noOriginStreet': 'The origin has no walkable street nearby, so there is no walk to explain.',
	'whyNot.error': 'The walk could not be computed: {reason}',
	'whyNot.source': 'Walk along the street data at {speed} km/h, as the bands are: the last stretch off the street counts {detour}× its straight line, up to {max} m.',
	'whyNot.sourceRoads': 'The bundled roads (OpenStreetMap, about 2020) have no lanes or paths inside blocks, so a real walk may be shorter.',
	'whyNot.mapOutside': '{minutes} min · {extra} min over',
	'whyNot.mapInside': '{minutes} min',
	'whyNot.mapWayIn': 'way in'
} as const;

export type WhyNotKey = keyof typeof en;

const zh: Record<WhyNotKey, string> = {
	'whyNot.heading': '为什么某处够不着？',
	'whyNot.hint': '在地图上右击（或长按）一处，或在此选点：显示步行路线、超出最大时间圈的分钟数，以及进入的通道。',
	'whyNot.pick': '在地图上选点',
	'whyNot.picking': '请在地图上点击该处。按 Esc 取消。',
	'whyNot.cancel': '取消',
	'whyNot.centre': '查询地图中心',
	'whyNot.clear': '清除该点',
	'whyNot.computing': '正在计算步行路线……',
	'whyNot.needOrigin': '请先放置起点：步行从那里出发。',
	'whyNot.inside': '位于{band}分钟圈内：步行{minutes}分钟（{metres}米）。',
	'whyNot.outside': '步行{minutes}分钟（{metres}米）：超出{limit}分钟圈{extra}分钟。',
	'whyNot.straight': '直线距离{straight}米；步行距离是其{ratio}倍。',
	'whyNot.bridgeNamed': '通道：{name}上的桥，步行{at}分钟时到达。这是步行可达的最近过河处。',
	'whyNot.bridgeNear': '通道：一座无名桥（过桥后经{near}），步行{at}分钟时到达。这是步行可达的最近过河处。',
	'whyNot.bridge': '通道：一座无名桥，步行{at}分钟时到达。这是步行可达的最近过河处。',
	'whyNot.street': '通道：步行在{name}上越过{limit}分钟界限，距该点还有{beyond}米。',
	'whyNot.streetUnnamed': '通道：步行在一条无名街道上越过{limit}分钟界限，距该点还有{beyond}米。',
	'whyNot.offStreet': '步行离开街道{from}后越过{limit}分钟界限，距该点还有{beyond}米：数据中没有更近的街道。',
	'whyNot.offStreetFrom': '（{name}）',
	'whyNot.unreachable': '从起点步行无法到达此处：数据中此处的街道与起点所在街道不相连。',
	'whyNot.noStreet': '此处在水的这一侧{max}米内没有可步行的街道（最近的在{nearest}米外），任何时间圈都到不了。',
	'whyNot.noOriginStreet': '起点附近没有可步行的街道，无从计算步行路线。',
	'whyNot.error': '无法计算步行路线：{reason}',
	'whyNot.source': '按街道数据以{speed}公里/小时计算，与时间圈相同：离开街道的最后一段按直线距离的{detour}倍计，最多{max}米。',
	'whyNot.sourceRoads': '内置道路数据（OpenStreetMap，约2020年）不含弄堂和街坊内部步道，实际步行可能更短。',
	'whyNot.mapOutside': '{minutes}分钟 · 超出{extra}分钟',
	'whyNot.mapInside': '{minutes}分钟',
	'whyNot.mapWayIn': '通道'
};

const TABLES: Record<Lang, Record<WhyNotKey, string>> = { en, zh };

/** A string of this table in a language, `{name}` placeholders filled (as `translate`). */
export function whyNotText(lang: Lang, key: WhyNotKey, params: Record<string, string | number> = {}): string {
	return fillTemplate(TABLES[lang][key], params);
}
