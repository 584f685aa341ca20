/**
 * Link notices in the UI's language. The URL decoder (pure, also used outside the UI) writes them
 * in English as `Ignored "<param>=<value>": <reason>`; here the frame and the known reasons are
 * put into Chinese, and a reason we have no words for stays in English rather than being lost.
 */
import type { Lang } from './strings';

const WHAT_ZH: Record<string, string> = {
	zoom: '缩放级别',
	latitude: '纬度',
	longitude: '经度',
	bearing: '方位角',
	speed: '速度'
};

const REASONS_ZH: [RegExp, (m: RegExpMatchArray) => string][] = [
	[/^expected en or zh$/, () => '应为 en 或 zh'],
	[/^expected zoom\/lat\/lon\[\/bearing\]$/, () => '应为 缩放/纬度/经度[/方位角]'],
	[/^expected lon,lat$/, () => '应为 经度,纬度'],
	[/^expected (.+)$/, (m) => `应为 ${m[1]}`],
	[/^unknown layer$/, () => '未知图层'],
	[/^unknown place$/, () => '未知地点'],
	[/^unknown walking-speed preset \(known: (.+)\)$/, (m) => `未知步行速度预设（可用：${m[1]}）`],
	[/^could not be read$/, () => '无法读取'],
	[/^(\w+) is not a (finite )?number$/, (m) => `${WHAT_ZH[m[1]] ?? m[1]}不是数字`],
	[/^zoom must be (.+)$/, (m) => `缩放级别须为 ${m[1]}`],
	[/^speed must be (.+) km\/h$/, (m) => `速度须为 ${m[1]} 公里/小时`],
	[/^(.+) is outside Shanghai \((.+)\)$/, (m) => `${m[1]} 不在上海范围内（${m[2]}）`],
	[/^at most (\d+) points$/, (m) => `最多 ${m[1]} 个点`],
	[/^"(\w+)" was already given$/, (m) => `“${m[1]}”已给出过`],
	[/^speed=(.+) overrides it$/, (m) => `被 speed=${m[1]} 取代`],
	[/^Bands must be between (\d+) and (\d+) minutes; got (.+)$/, (m) => `时间圈须在${m[1]}至${m[2]}分钟之间；输入为${m[3]}`],
	[/^"(.+)" is not a number of minutes$/, (m) => `“${m[1]}”不是分钟数`],
	[/^At most (\d+) bands at once$/, (m) => `最多同时${m[1]}个时间圈`]
];

/** One notice line in a language. */
export function translateNotice(lang: Lang, notice: string): string {
	if (lang === 'en') return notice;
	const unknown = /^Ignored unknown parameters? (.+)$/.exec(notice);
	if (unknown) return `已忽略未知参数 ${unknown[1]}`;
	const framed = /^Ignored ("[^"]*"|[^:]+): (.+)$/.exec(notice);
	if (!framed) return notice.replace(/^Ignored /, '已忽略 ');
	const [, echo, reason] = framed;
	for (const [pattern, render] of REASONS_ZH) {
		const m = reason.match(pattern);
		if (m) return `已忽略 ${echo}：${render(m)}`;
	}
	return `已忽略 ${echo}：${reason}`;
}
