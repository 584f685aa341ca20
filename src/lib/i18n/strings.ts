/**
 * The UI's languages and the one translator. The first view's English (en.ts) is always here; the
 * tool panels' English (en-tools.ts) arrives with the first panel ({@link loadToolStrings}); Chinese
 * (zh.ts, every key) is a separate chunk, loaded by {@link loadStrings} before the UI shows it. Data
 * (place names, summaries, fact labels) carries its own two languages; these tables are only for the
 * interface.
 */
import en from './en';
import type enTools from './en-tools';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP 47 locale per language, for Intl number and date formats and the `lang` attribute. */
export const LOCALES: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

export type StringKey = keyof typeof en | keyof typeof enTools;
export type Strings = Record<StringKey, string>;

/** English holds the first view's keys until the tools' part has loaded. */
const tables: { en: Partial<Strings> } & Partial<Record<Exclude<Lang, 'en'>, Strings>> = { en: { ...en } };
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: Strings }>> = { zh: () => import('./zh') };
let toolStrings: Promise<void> | null = null;
let toolStringsLoaded = false;

/**
 * Load the tool panels' English (once; a failed fetch is forgotten, so the next call tries again).
 * A panel's loader awaits it with the panel's code, so a panel never draws before its words.
 */
export function loadToolStrings(): Promise<void> {
	toolStrings ??= import('./en-tools').then(
		(module) => {
			Object.assign(tables.en, module.default);
			toolStringsLoaded = true;
		},
		(error: unknown) => {
			toolStrings = null;
			throw error;
		}
	);
	return toolStrings;
}

/** Whether the tool panels' English has loaded. */
export function hasToolStrings(): boolean {
	return toolStringsLoaded;
}

/** A module's code and the tool strings, together: `new LazyComponent(() => withToolStrings(import('…')))`. */
export async function withToolStrings<T>(module: Promise<T>): Promise<T> {
	const [loaded] = await Promise.all([module, loadToolStrings()]);
	return loaded;
}

/** Whether a language's strings are loaded (English always is). */
export function hasStrings(lang: Lang): boolean {
	return lang === 'en' || tables[lang] !== undefined;
}

/** Load a language's strings (once); resolves when {@link translate} can use them. */
export async function loadStrings(lang: Lang): Promise<void> {
	if (lang === 'en' || tables[lang]) return;
	tables[lang] = (await loaders[lang]()).default;
}

/**
 * The string for a key in a language, with `{name}` placeholders filled from params. A language
 * whose strings are not loaded yet reads in English (never as keys); the app switches its language
 * only once they are, so this is a safety net, not a state the UI shows. A tool key asked for before
 * the tools' English has arrived reads as empty and starts the load (panels await it, so this too is
 * a safety net; the app's `t` redraws when it lands).
 *
 * @example translate('en', 'life.minutes', { minutes: 15 }); // "15 min"
 */
export function translate(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
	const template = (lang === 'en' ? undefined : tables[lang])?.[key] ?? tables.en[key];
	if (template === undefined) {
		void loadToolStrings().catch(() => undefined);
		return '';
	}
	return fillTemplate(template, params);
}

/** A template's `{name}` placeholders filled from `params`; a name without a value stays as written. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Whether a text is a key of the tables (for keys built from data, like `unit.${fact.unit}`). */
export function isStringKey(key: string): key is StringKey {
	return Object.hasOwn(tables.en, key) || Object.hasOwn(tables.zh ?? {}, key);
}

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
