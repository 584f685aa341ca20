/** Display formatting for facts and measurements, in the UI's language (words from src/lib/i18n). */
import type { Fact } from '$lib/data/schema';
import { LOCALES, isStringKey, translate, type Lang } from '$lib/i18n/strings';

export function formatNumber(value: number, lang: Lang = 'en', maxFractionDigits = 2): string {
	return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** The units the UI writes numbers in; each has a `qty.<unit>` pattern ("{n} m", "{n}米"). */
export type QuantityUnit = 'm' | 'km' | 'km2' | 'ha' | 'kmh' | 'percent';

/** A number with its unit, as the language writes it: "1,000 m", "1,000米". */
export function formatQuantity(value: number, unit: QuantityUnit, lang: Lang = 'en', maxFractionDigits = 2): string {
	return translate(lang, `qty.${unit}`, { n: formatNumber(value, lang, maxFractionDigits) });
}

/** A unit as the place data writes it ("km²", "companies"), in a language; unknown units as written. */
export function formatUnit(unit: string, lang: Lang): string {
	const key = `unit.${unit}`;
	return isStringKey(key) ? translate(lang, key) : unit;
}

/** A period as the place data writes it ("H1 2023"), in a language; unknown periods as written. */
export function formatPeriod(period: string, lang: Lang): string {
	const key = `period.${period}`;
	return isStringKey(key) ? translate(lang, key) : period;
}

/** "over 500 companies", "+15.3 %", "about 9,000 yuan/m²"; in Chinese "超过500家企业". */
export function formatFact(fact: Fact, lang: Lang = 'en'): string {
	const qualifier = fact.qualifier && fact.qualifier !== 'exactly' ? translate(lang, `qualifier.${fact.qualifier}`) : '';
	// "billion yuan" reads as 亿 in Chinese: 10 billion = 100亿.
	if (lang === 'zh' && fact.unit === 'billion yuan') {
		return `${qualifier}${formatNumber(fact.value * 10, lang)}${translate(lang, 'unit.yi')}`;
	}
	const number = formatNumber(fact.value, lang);
	const unit = formatUnit(fact.unit.trim(), lang);
	if (lang === 'zh') return `${qualifier}${number}${unit.startsWith('%') ? ' ' : ''}${unit}`;
	const prefix = qualifier ? `${qualifier} ` : '';
	if (unit.startsWith('%')) return `${prefix}${number} ${unit}`;
	return unit ? `${prefix}${number} ${unit}` : `${prefix}${number}`;
}

/** A relative change with its sign and one decimal: "+1.2 %", "−0.4 %", "±0 %". */
export function formatPercentChange(ratio: number, lang: Lang = 'en', maxFractionDigits = 1): string {
	// Decide the sign on the rounded figure, so a tiny difference never reads "−0 %".
	const f = 10 ** (maxFractionDigits + 2);
	const rounded = Math.round(ratio * f) / f;
	const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
	return sign + formatQuantity(Math.abs(ratio) * 100, 'percent', lang, maxFractionDigits);
}
