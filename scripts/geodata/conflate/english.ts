/** English street names in Shanghai's street-sign style (pinyin of the proper part, translated suffix). */
import { pinyin } from 'pinyin-pro';

/** Chinese suffix → English, longest first where one ends another (西路 before 路). */
const SUFFIXES: [string, string][] = [
	['西路', 'West Rd'],
	['东路', 'East Rd'],
	['南路', 'South Rd'],
	['北路', 'North Rd'],
	['支路', 'Branch Rd'],
	['公路', 'Hwy'],
	['大道', 'Ave'],
	['东道', 'East Ave'],
	['西道', 'West Ave'],
	['大街', 'St'],
	['路', 'Rd'],
	['道', 'Ave'],
	['街', 'St'],
	['桥', 'Bridge']
];

function pinyinWord(zh: string): string {
	if (!zh) return '';
	const syl = pinyin(zh, { toneType: 'none', type: 'array', v: true }) as string[];
	let out = '';
	syl.forEach((s, i) => {
		// Apostrophe before a syllable starting with a vowel: Yan'an, Dongzhu'anbang.
		if (i > 0 && /^[aoe]/.test(s) && /[a-z]$/.test(out)) out += "'";
		out += s;
	});
	return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * English name in Shanghai's street-sign style: pinyin of the proper part + a translated suffix
 * (路 Rd, 西路 West Rd, 支路 Branch Rd, 公路 Hwy, 大道 Ave, 桥 Bridge; 弄 n → Lane n).
 *
 * @example englishName('安化路') // 'Anhua Rd'
 * @example englishName('虹桥路2489弄') // 'Lane 2489, Hongqiao Rd'
 */
export function englishName(zh: string, known?: Map<string, string>): string {
	const k = known?.get(zh);
	if (k) return k;
	const lane = /^(.*?)(\d+)弄$/.exec(zh);
	if (lane) return `Lane ${lane[2]}, ${englishName(lane[1], known)}`;
	for (const [s, en] of SUFFIXES) {
		if (zh.endsWith(s) && zh.length > s.length) return `${pinyinWord(zh.slice(0, -s.length))} ${en}`;
	}
	return pinyinWord(zh);
}
