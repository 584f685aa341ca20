/** Charts in words, for their accessible names: the caption, then every row with its value. */
import type { Translate } from '../messages';

/** "Shares of the district’s tax revenue. “3+3” key industries: 45.7 %; Digital economy: 54.9 %." */
export function chartLabel(t: Translate, caption: string, rows: readonly string[]): string {
	return t('dash.chartLabel', { caption, rows: rows.join(t('dash.rowSeparator')) });
}

/** One row: "Digital economy: 54.9 % (Jan–Jul 2023 · briefing)". */
export function chartRow(t: Translate, label: string, value: string, meta?: string): string {
	return meta ? t('dash.chartRowMeta', { label, value, meta }) : t('dash.chartRow', { label, value });
}
