/** Display formatting for facts and measurements, in the UI's language. */
import type { Fact } from '$lib/data/schema';
import { LOCALES, translate, type Lang } from '$lib/i18n/strings';

/** Chinese for the units and periods the data uses; anything else is shown as written. */
const UNIT_ZH: Record<string, string> = {
	'km²': '平方公里',
	'm²': '平方米',
	'%': '%',
	'% (one third)': '%（三分之一）',
	'% (one seventh)': '%（七分之一）',
	companies: '家企业',
	hubs: '个创新载体',
	platforms: '个平台',
	terminal: '个码头',
	'billion yuan': '亿元（十亿）',
	'yuan/m²': '元/平方米',
	'batch (national list)': '批（国家级名单）',
	'batch (Shanghai list)': '批（上海市名单）'
};
const PERIOD_ZH: Record<string, string> = {
	'Jan–Jul 2023': '2023年1–7月',
	'H1 2023': '2023年上半年',
	'as of Aug 2023': '截至2023年8月',
	'2022': '2022年'
};

export function formatNumber(value: number, lang: Lang = 'en', maxFractionDigits = 2): string {
	return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits }).format(value);
}

export function formatUnit(unit: string, lang: Lang): string {
	return lang === 'zh' ? (UNIT_ZH[unit] ?? unit) : unit;
}

export function formatPeriod(period: string, lang: Lang): string {
	return lang === 'zh' ? (PERIOD_ZH[period] ?? period) : period;
}

/** "over 500 companies", "+15.3 %", "about 9,000 yuan/m²"; in Chinese "超过500家企业". */
export function formatFact(fact: Fact, lang: Lang = 'en'): string {
	const qualifier = fact.qualifier && fact.qualifier !== 'exactly' ? translate(lang, `qualifier.${fact.qualifier}`) : '';
	// "billion yuan" reads as 亿 in Chinese: 10 billion = 100亿.
	if (lang === 'zh' && fact.unit === 'billion yuan') {
		return `${qualifier}${formatNumber(fact.value * 10, lang)}亿元`;
	}
	const number = formatNumber(fact.value, lang);
	const unit = formatUnit(fact.unit.trim(), lang);
	if (lang === 'zh') return `${qualifier}${number}${unit.startsWith('%') ? ' ' : ''}${unit}`;
	const prefix = qualifier ? `${qualifier} ` : '';
	if (unit.startsWith('%')) return `${prefix}${number} ${unit}`;
	return unit ? `${prefix}${number} ${unit}` : `${prefix}${number}`;
}

export function formatPercentChange(ratio: number, lang: Lang = 'en'): string {
	// Decide the sign on the rounded figure, so a tiny difference never reads "−0 %".
	const rounded = Math.round(ratio * 1000) / 1000;
	const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
	return `${sign}${formatNumber(Math.abs(ratio) * 100, lang, 1)} %`;
}
