/** Display formatting for facts and measurements (English UI for now; locale is a parameter). */
import type { Fact } from '$lib/data/schema';

const QUALIFIER: Record<NonNullable<Fact['qualifier']>, string> = {
	over: 'over ',
	under: 'under ',
	about: 'about ',
	exactly: ''
};

export function formatNumber(value: number, locale = 'en', maxFractionDigits = 2): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** "over 500 companies", "+15.3 %", "about 9,000 yuan/m²". */
export function formatFact(fact: Fact, locale = 'en'): string {
	const qualifier = fact.qualifier ? QUALIFIER[fact.qualifier] : '';
	const number = formatNumber(fact.value, locale);
	const unit = fact.unit.trim();
	if (unit === '%') return `${qualifier}${number} %`;
	return unit ? `${qualifier}${number} ${unit}` : `${qualifier}${number}`;
}

export function formatPercentChange(ratio: number, locale = 'en'): string {
	const sign = ratio > 0 ? '+' : ratio < 0 ? '−' : '±';
	return `${sign}${formatNumber(Math.abs(ratio) * 100, locale, 1)} %`;
}
