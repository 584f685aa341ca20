/**
 * The English table is split: what the first view shows (en.ts) and what the tool panels show
 * (en-tools.ts, loaded with the first panel). A first-view module that used a tool key would read
 * empty until the tools' part arrived; these tests keep the split honest.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { firstViewKeys, firstViewModules, keysUsedIn } from '../../scripts/first-view-strings';
import en from '$lib/i18n/en';
import enTools from '$lib/i18n/en-tools';
import zh from '$lib/i18n/zh';
import { hasToolStrings, loadToolStrings, translate, withToolStrings } from '$lib/i18n/strings';

const relative = (files: Iterable<string>) => [...files].map((file) => file.slice(file.indexOf('/src/') + 1));

describe('the first view’s modules', () => {
	const modules = relative(firstViewModules());

	it('are what the page imports statically: the map view and app state, not the lazy panels', () => {
		expect(modules).toContain('src/routes/+page.svelte');
		expect(modules).toContain('src/lib/map/MapView.svelte');
		expect(modules).toContain('src/lib/state/app.svelte.ts');
		for (const lazy of ['LifeCirclePanel.svelte', 'MeasurePanel.svelte', 'DetailsPanel.svelte', 'SharePanel.svelte']) {
			expect(modules).not.toContain(`src/lib/components/${lazy}`);
		}
		expect(modules).not.toContain('src/lib/i18n/en-tools.ts');
		expect(modules).not.toContain('src/lib/i18n/zh.ts');
	});

	it('use only keys of the first view’s English table', () => {
		const used = firstViewKeys(Object.keys(zh));
		expect(used.size).toBeGreaterThan(50);
		expect([...used].filter((key) => !(key in en))).toEqual([]);
	});
});

describe('finding the keys a module uses', () => {
	const keys = ['mode.browse', 'mode.measure', 'mode.browse.hint', 'link.zoom', 'life.heading'];

	it('finds literal keys and the keys under a prefix completed at run time', () => {
		expect([...keysUsedIn(`app.t('life.heading')`, keys)]).toEqual(['life.heading']);
		expect([...keysUsedIn('app.t(`mode.${mode}`)', keys)].sort()).toEqual(['mode.browse', 'mode.browse.hint', 'mode.measure']);
		expect([...keysUsedIn(`t('link.' + code)`, keys)]).toEqual(['link.zoom']);
		expect([...keysUsedIn(`'life.headings'`, keys)]).toEqual([]);
	});

	it('sees every key the life-circle panel names (a panel the split must not miss)', () => {
		const panel = readFileSync('src/lib/components/LifeCirclePanel.svelte', 'utf8');
		const used = keysUsedIn(panel, Object.keys(zh));
		expect(used.size).toBeGreaterThan(10);
		for (const key of used) expect(key in en || key in enTools).toBe(true);
	});
});

describe('the two English tables', () => {
	it('share no key and together hold every Chinese key', () => {
		expect(Object.keys(en).filter((key) => key in enTools)).toEqual([]);
		expect([...Object.keys(en), ...Object.keys(enTools)].sort()).toEqual(Object.keys(zh).sort());
	});

	it('are both needed: the tools’ part is most of the words, the first view’s part is smaller', () => {
		const size = (table: object) => JSON.stringify(table).length;
		expect(size(enTools)).toBeGreaterThan(size(en));
	});

	it('a tool key reads empty before its table loads, and in English after', async () => {
		const key = Object.keys(enTools)[0] as keyof typeof enTools;
		expect(hasToolStrings()).toBe(false);
		expect(translate('en', key)).toBe('');
		const module = { default: 'panel' };
		expect(await withToolStrings(Promise.resolve(module))).toBe(module);
		expect(hasToolStrings()).toBe(true);
		expect(translate('en', key)).toBe(enTools[key]);
		await loadToolStrings(); // once: a second call shares the first load
		expect(translate('en', 'app.title')).toBe(en['app.title']);
	});
});
