/**
 * The first-view size budget (scripts/check-size.ts) on a tiny built site held in memory: which files
 * the first view loads (modulepreload links, the bootstrap's imports, static imports — never dynamic
 * ones), and the verdict on them.
 */
import { describe, expect, test } from 'vitest';
import {
	MAPLIBRE_MARKER,
	entryUrlsOf,
	firstViewFiles,
	resolveSitePath,
	staticImportsOf,
	verdictOf,
	type FirstViewFile,
	type ReadSiteFile
} from '../../scripts/check-size';

/** A site as SvelteKit's static adapter writes it, small enough to read whole. */
const SITE: Record<string, string> = {
	'index.html': `<!doctype html><html><head>
		<link href="./_app/immutable/entry/start.js" rel="modulepreload">
		<link rel="modulepreload" href="./_app/immutable/nodes/2.js">
		<link href="./_app/immutable/assets/2.css" rel="stylesheet">
		<link rel="preload" as="font" href="./fonts/a.woff2">
		</head><body><script>
			Promise.all([import("./_app/immutable/entry/start.js"), import("./_app/immutable/entry/app.js")]);
		</script></body></html>`,
	'_app/immutable/entry/start.js': 'export{a as start}from"../chunks/runtime.js";',
	'_app/immutable/entry/app.js': 'import"../chunks/runtime.js";const nodes=[()=>import("../nodes/2.js")];export{nodes};',
	// The runtime and the page import each other: a cycle must be walked once.
	'_app/immutable/chunks/runtime.js': 'import{p}from"../nodes/2.js";export const a=1;export{p};',
	'_app/immutable/nodes/2.js': [
		'import{a}from"../chunks/runtime.js";',
		'import*as m from"../chunks/maplibre.js";',
		'export*from"../chunks/shared.js";',
		// Fetched on demand: never part of the first view.
		'const panel=()=>import("../chunks/panel.js");',
		'const s="import x from \'../chunks/not-an-import.js\'";',
		'export const p=[a,m,panel,s];'
	].join(''),
	'_app/immutable/chunks/shared.js': 'export const shared="' + 'shared code '.repeat(50) + '";',
	'_app/immutable/chunks/maplibre.js': `const c="${MAPLIBRE_MARKER}";export{c as Map};`,
	'_app/immutable/chunks/panel.js': 'export default "a panel"',
	'_app/immutable/assets/2.css': 'body{}'
};
const read: ReadSiteFile = (path) => SITE[path];

describe('what the first view loads', () => {
	test('the page starts from its modulepreload links and its bootstrap imports, not its styles or fonts', () => {
		expect(entryUrlsOf(SITE['index.html'])).toEqual([
			'./_app/immutable/entry/start.js',
			'./_app/immutable/nodes/2.js',
			'./_app/immutable/entry/app.js'
		]);
	});

	test('static imports and re-exports count; dynamic import() and strings that look like imports do not', () => {
		expect(staticImportsOf(SITE['_app/immutable/nodes/2.js'])).toEqual([
			'../chunks/runtime.js',
			'../chunks/maplibre.js',
			'../chunks/shared.js'
		]);
		expect(staticImportsOf(SITE['_app/immutable/entry/app.js'])).toEqual(['../chunks/runtime.js']);
	});

	test('module URLs resolve against the file that names them; other origins are not the site', () => {
		expect(resolveSitePath('_app/immutable/nodes/2.js', '../chunks/a.js')).toBe('_app/immutable/chunks/a.js');
		expect(resolveSitePath('index.html', './_app/x.js')).toBe('_app/x.js');
		expect(resolveSitePath('_app/immutable/nodes/2.js', '/_app/x.js?v=1')).toBe('_app/x.js');
		expect(resolveSitePath('index.html', 'https://cdn.example/x.js')).toBeUndefined();
	});

	test('every file reachable by static imports, each once, and nothing loaded on demand', () => {
		const files = firstViewFiles('index.html', read);
		expect(files.map((f) => f.path).sort()).toEqual(
			[
				'_app/immutable/chunks/maplibre.js',
				'_app/immutable/chunks/runtime.js',
				'_app/immutable/chunks/shared.js',
				'_app/immutable/entry/app.js',
				'_app/immutable/entry/start.js',
				'_app/immutable/nodes/2.js'
			].sort()
		);
		expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
		// Closed under static imports: whatever a first-view file imports is in the first view.
		const paths = new Set(files.map((f) => f.path));
		for (const file of files) for (const imported of file.imports) expect(paths.has(imported), `${file.path} → ${imported}`).toBe(true);
		expect(files.find((f) => f.path.endsWith('maplibre.js'))?.role).toBe('maplibre-gl');
		expect(files.filter((f) => f.role === 'maplibre-gl')).toHaveLength(1);
	});

	test('a file the build names but does not hold is a broken build, said with who named it', () => {
		const broken: ReadSiteFile = (path) => (path.endsWith('shared.js') ? undefined : read(path));
		expect(() => firstViewFiles('index.html', broken)).toThrow(/shared\.js, named by _app\/immutable\/nodes\/2\.js/);
		expect(() => firstViewFiles('index.html', () => undefined)).toThrow(/index\.html is not in the built site/);
	});
});

describe('the verdict', () => {
	const file = (path: string, gzip: number, role: FirstViewFile['role'] = 'app', imports: string[] = []): FirstViewFile => ({
		path,
		imports,
		role,
		raw: gzip * 3,
		gzip
	});
	const maplibre = file('chunks/maplibre.js', 290_000, 'maplibre-gl');

	test('only the app counts against the budget; maplibre-gl is printed beside it', () => {
		const v = verdictOf([file('nodes/2.js', 30_000), file('chunks/runtime.js', 19_000), maplibre], 50_000, 50_000);
		expect(v).toMatchObject({ ok: true, appGzip: 49_000, maplibreGzip: 290_000 });
		expect(v.message).toMatch(/check:size: ok/);
	});

	test('over budget fails, listing every file with its size, largest app file first', () => {
		const v = verdictOf([file('chunks/runtime.js', 19_000), file('nodes/2.js', 32_000), maplibre], 50_000, 50_000);
		expect(v.ok).toBe(false);
		expect(v.message).toMatch(/51\.0 kB gzip, 1\.0 kB over the budget of 50\.0 kB/);
		const lines = v.message.split('\n');
		expect(lines.findIndex((l) => l.includes('nodes/2.js'))).toBeLessThan(lines.findIndex((l) => l.includes('runtime.js')));
		expect(v.message).toMatch(/nodes\/2\.js\s+96000 B\s+32\.0 kB gzip\s+app/);
	});

	test('the budget is inclusive: exactly on it passes, one byte over fails', () => {
		expect(verdictOf([file('nodes/2.js', 50_000), maplibre], 50_000, 50_000).ok).toBe(true);
		expect(verdictOf([file('nodes/2.js', 50_001), maplibre], 50_000, 50_000).ok).toBe(false);
	});

	test('a budget above the goal says the gap', () => {
		const v = verdictOf([file('nodes/2.js', 60_000), maplibre], 62_000, 50_000);
		expect(v.ok).toBe(true);
		expect(v.message).toMatch(/budget 62\.0 kB \(goal 50\.0 kB: 12\.0 kB to go\)/);
	});

	test('maplibre-gl mixed with app code fails, however small the rest', () => {
		const mixed = file('nodes/2.js', 360_000, 'maplibre-gl', ['chunks/runtime.js']);
		const v = verdictOf([mixed, file('chunks/runtime.js', 1_000)], 50_000, 50_000);
		expect(v.ok).toBe(false);
		expect(v.message).toMatch(/holds maplibre-gl but also imports chunks\/runtime\.js/);
	});

	test('no maplibre-gl in the first view fails (the marker would be stale, or the map moved)', () => {
		const v = verdictOf([file('nodes/2.js', 1_000)], 50_000, 50_000);
		expect(v.ok).toBe(false);
		expect(v.message).toMatch(/no first-view file holds maplibre-gl/);
	});

	test('the verdict follows the sum for any split of the same files', () => {
		// Invariant: ok ⇔ the app's files sum to at most the budget (with maplibre-gl alone in its chunk).
		for (let seed = 1; seed <= 50; seed++) {
			const sizes = Array.from({ length: 1 + (seed % 7) }, (_, i) => ((seed * 7919 + i * 104_729) % 20_000) + 1);
			const files = [...sizes.map((s, i) => file(`chunks/${i}.js`, s)), maplibre];
			const sum = sizes.reduce((a, b) => a + b, 0);
			const v = verdictOf(files, 50_000, 50_000);
			expect(v.appGzip).toBe(sum);
			expect(v.ok).toBe(sum <= 50_000);
		}
	});
});
