/**
 * The UI's languages and the one translator. English (en.ts) is always here; Chinese (zh.ts) is a
 * separate chunk, loaded by {@link loadStrings} before the UI shows it. Data (place names, summaries,
 * fact labels) carries its own two languages; these tables are only for the interface.
 */
import en from './en';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 locale per language, for Intl number and date formats and the `lang` attribute. */
export const LOCALES: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;

const tables: Partial<Record<Lang, Strings>> = { en };
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: Strings }>> = { zh: () => import('./zh') };

/** Whether a language's strings are loaded (English always is). */
export function hasStrings(lang: Lang): boolean {
	return tables[lang] !== undefined;
}

/** Load a language's strings (once); resolves when {@link translate} can use them. */
export async function loadStrings(lang: Lang): Promise<void> {
	if (lang === 'en' || tables[lang]) return;
	tables[lang] = (await loaders[lang]()).default;
}

/**
 * The string for a key in a language, with `{name}` placeholders filled from params. A language
 * whose strings are not loaded yet reads in English (never as keys); the app switches its language
 * only once they are, so this is a safety net, not a state the UI shows.
 *
 * @example translate('en', 'life.minutes', { minutes: 15 }); // "15 min"
 */
export function translate(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
	return fillTemplate((tables[lang] ?? en)[key], params);
}

/** A template's `{name}` placeholders filled from `params`; a name without a value stays as written. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Whether a text is a key of the tables (for keys built from data, like `unit.${fact.unit}`). */
export function isStringKey(key: string): key is StringKey {
	return Object.hasOwn(en, key);
}

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
