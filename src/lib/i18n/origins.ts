/**
 * The words of the life circle's several origins and walking profiles, in both languages. Beside the
 * main tables, like coverage.ts: this table comes with the life-circle panel and map layer, which load
 * on demand, so the first view does not carry it. Keys and `{param}` placeholders work as in en.ts/zh.ts.
 */
import { fillTemplate, type Lang } from './strings';

const en = {
	'origins.heading': 'Origins',
	'origins.add': 'Add origin',
	'origins.addAtCentre': 'Add at map centre',
	'origins.adding': 'Click the map where the new origin goes.',
	'origins.cancel': 'Cancel',
	'origins.full': 'At most {max} origins: remove one first.',
	'origins.origin': 'Origin {n}',
	'origins.selected': 'shown',
	'origins.remove': 'Remove origin {n}',
	'origins.marker': 'Life-circle origin {n} (drag to move, Delete to remove)',
	'origins.view': 'Several origins',
	'origins.merged': 'Together',
	'origins.each': 'One by one',
	'origins.bandDisplay': 'Bands',
	'origins.cumulative': 'From the origin',
	'origins.ring': 'As rings',
	'origins.mergedCaption': 'Reach of {count} origins together at {speed} km/h',
	'origins.mergedNote': 'Together: a place counts when any origin reaches it in time. The checklist takes the nearest origin to each service.',
	'origins.eachNote': 'Figures and checklist of origin {n}. Pick another origin above to see its own.',
	'origins.ringBand': '{from}–{to} min',
	'origins.ringArea': 'Ring area',
	'profile.legend': 'Walking profile',
	'profile.avoids': 'Keeps off {what}: {km} km of street in the data.',
	'profile.noKinds': 'The street file did not load, so this profile walks every street.',
	'profile.everyStreet': 'Walks every street in the data.',
	'profile.kind.bridge': 'the Suzhou Creek bridges',
	'profile.kind.arterial': 'arterial roads',
	'profile.kind.under-elevated': 'streets under elevated roads',
	'profile.cannot': 'The data cannot tell kerbs, steps, lifts, slopes, crossings or pavement width: check them on site. The walk may still cross a street it keeps off at a junction.',
	'profile.compare': 'Compare with',
	'profile.compareNone': 'No second profile',
	'profile.compareCaption': 'Same origin, two profiles ({minutes} min)',
	'profile.profile': 'Profile',
	'profile.area': 'Area',
	'profile.dashed': 'dashed outline on the map',
	'profile.compareFailed': 'The second profile found no street from this origin.'
} as const;

export type OriginsKey = keyof typeof en;

const zh: Record<OriginsKey, string> = {
	'origins.heading': '起点',
	'origins.add': '添加起点',
	'origins.addAtCentre': '在地图中心添加',
	'origins.adding': '在地图上点击新起点的位置。',
	'origins.cancel': '取消',
	'origins.full': '最多{max}个起点：请先删除一个。',
	'origins.origin': '起点{n}',
	'origins.selected': '当前',
	'origins.remove': '删除起点{n}',
	'origins.marker': '生活圈起点{n}（可拖动，按Delete删除）',
	'origins.view': '多个起点',
	'origins.merged': '合并',
	'origins.each': '逐个',
	'origins.bandDisplay': '圈层',
	'origins.cumulative': '自起点累计',
	'origins.ring': '环带',
	'origins.mergedCaption': '{count}个起点合计可达范围（{speed}公里/小时）',
	'origins.mergedNote': '合并：任一起点按时可达即计入。清单按每项设施最近的起点计算。',
	'origins.eachNote': '起点{n}的数据与清单。在上方选择其他起点可查看其各自结果。',
	'origins.ringBand': '{from}–{to}分钟',
	'origins.ringArea': '环带面积',
	'profile.legend': '步行类型',
	'profile.avoids': '避开{what}：数据中共{km}公里街道。',
	'profile.noKinds': '街道文件未能加载，此类型按全部街道步行。',
	'profile.everyStreet': '按数据中的全部街道步行。',
	'profile.kind.bridge': '苏州河桥梁',
	'profile.kind.arterial': '主干道',
	'profile.kind.under-elevated': '高架路下方的街道',
	'profile.cannot': '数据无法反映路缘、台阶、电梯、坡度、过街设施或人行道宽度，请实地核查。步行仍可能在路口穿越所避开的街道。',
	'profile.compare': '对比',
	'profile.compareNone': '不对比',
	'profile.compareCaption': '同一起点、两种步行类型（{minutes}分钟）',
	'profile.profile': '步行类型',
	'profile.area': '面积',
	'profile.dashed': '地图上的虚线轮廓',
	'profile.compareFailed': '第二种步行类型从此起点找不到街道。'
};

const tables: Record<Lang, Record<OriginsKey, string>> = { en, zh };

/**
 * A sentence of the origins and profiles, in a language, with its placeholders filled.
 *
 * @example originsText('en', 'origins.origin', { n: 2 }); // "Origin 2"
 */
export function originsText(lang: Lang, key: OriginsKey, params?: Record<string, string | number>): string {
	return fillTemplate((tables[lang] ?? en)[key], params);
}
