/**
 * The words for using the user's own data in the analysis (issue 11, item 3): their point layers as
 * checklist rows and coverage categories, and an OSM extract as the walking network. A table of its
 * own beside the main ones (as i18n/coverage.ts), loaded with the panels that use it.
 */
import { fillTemplate, type Lang } from './strings';

const en = {
	'analysis.use': 'Use in life circle and coverage',
	'analysis.noPoints': 'Only a layer of points can be used in the analysis.',
	'analysis.inUse': 'Used in the analysis: {count} points.',
	'analysis.checklistHeading': 'Your data',
	'analysis.checklistCounts': '{counts}',
	'analysis.bandCount': '{count} within {minutes} min',
	'analysis.noneReached': 'none within {minutes} min',
	'analysis.source': 'Source: your data (“{name}”, {total} points, kept in this browser). No Shanghai standard applies, so no tier is judged.',
	'analysis.optgroupBuiltIn': 'Bundled data',
	'analysis.optgroupUser': 'Your data',
	'analysis.option': '{name} (your data, {count} points)',
	'analysis.threshold': 'Threshold (your choice), minutes',
	'analysis.thresholdNote': 'No Shanghai standard exists for your own data: pick the walk you want to test (starts at {minutes} min). The 99 % target of the master plan does not apply either.',
	'analysis.userData': '{count} of your points ({snapped} within reach of a street), from “{name}”, as you gave them: complete as far as your file is.',
	'analysis.network.use': 'Use as the walking network',
	'analysis.network.hint': '“{name}” is an OpenStreetMap extract ({format}): it can replace the bundled street network for the life circle, coverage and measured walks until the page is reloaded.',
	'analysis.network.stage.read': 'Reading the file…',
	'analysis.network.stage.parse': 'Reading OpenStreetMap data: {nodes} nodes, {ways} ways…',
	'analysis.network.stage.convert': 'Picking the walkable streets: {streets} found…',
	'analysis.network.stage.build': 'Building the network: {nodes} junctions, {edges} street pieces…',
	'analysis.network.stage.amenities': 'Placing the services on the new streets…',
	'analysis.network.cancel': 'Cancel',
	'analysis.network.dismiss': 'Not now',
	'analysis.network.cancelled': 'Stopped: the bundled street network is back.',
	'analysis.network.failed': '“{name}” cannot be used as the network: {reason}',
	'analysis.network.noStreets': 'it has no walkable street near Changning.',
	'analysis.network.active': 'Walking network: your extract “{name}” ({ways} streets, {nodes} junctions{date}), not the bundled one. Only until the page is reloaded.',
	'analysis.network.date': ', data of {date}',
	'analysis.network.back': 'Back to the bundled network'
} as const;

export type UserAnalysisKey = keyof typeof en;

const zh: Record<UserAnalysisKey, string> = {
	'analysis.use': '用于生活圈和覆盖分析',
	'analysis.noPoints': '只有点图层可以用于分析。',
	'analysis.inUse': '已用于分析：{count} 个点。',
	'analysis.checklistHeading': '你的数据',
	'analysis.checklistCounts': '{counts}',
	'analysis.bandCount': '{minutes} 分钟内 {count} 处',
	'analysis.noneReached': '{minutes} 分钟内没有',
	'analysis.source': '来源：你的数据（“{name}”，{total} 个点，保存在本浏览器中）。没有适用的上海标准，因此不判断层级。',
	'analysis.optgroupBuiltIn': '内置数据',
	'analysis.optgroupUser': '你的数据',
	'analysis.option': '{name}（你的数据，{count} 个点）',
	'analysis.threshold': '阈值（由你选定），分钟',
	'analysis.thresholdNote': '你自己的数据没有上海标准可依：请选择要检验的步行时间（默认 {minutes} 分钟）。总体规划 99% 的目标同样不适用。',
	'analysis.userData': '你的 {count} 个点（其中 {snapped} 个可到达道路），来自“{name}”，按原样使用：完整程度取决于你的文件。',
	'analysis.network.use': '用作步行路网',
	'analysis.network.hint': '“{name}”是 OpenStreetMap 数据（{format}）：可以替代内置路网，用于生活圈、覆盖分析和路径测量，直到页面重新加载。',
	'analysis.network.stage.read': '正在读取文件…',
	'analysis.network.stage.parse': '正在读取 OpenStreetMap 数据：{nodes} 个节点，{ways} 条路径…',
	'analysis.network.stage.convert': '正在挑选可步行道路：已找到 {streets} 条…',
	'analysis.network.stage.build': '正在构建路网：{nodes} 个路口，{edges} 段道路…',
	'analysis.network.stage.amenities': '正在把设施放到新道路上…',
	'analysis.network.cancel': '取消',
	'analysis.network.dismiss': '暂不使用',
	'analysis.network.cancelled': '已停止：恢复使用内置路网。',
	'analysis.network.failed': '“{name}”不能用作路网：{reason}',
	'analysis.network.noStreets': '长宁附近没有可步行的道路。',
	'analysis.network.active': '步行路网：你的数据“{name}”（{ways} 条道路，{nodes} 个路口{date}），而非内置路网。仅在页面重新加载前有效。',
	'analysis.network.date': '，数据日期 {date}',
	'analysis.network.back': '恢复内置路网'
};

export const USER_ANALYSIS_STRINGS: Record<Lang, Record<UserAnalysisKey, string>> = { en, zh };

/** A string of this table in a language, `{name}` placeholders filled (as `translate`). */
export function userAnalysisText(lang: Lang, key: UserAnalysisKey, params: Record<string, string | number> = {}): string {
	return fillTemplate(USER_ANALYSIS_STRINGS[lang][key], params);
}
