/**
 * Size budget of the first view: the JavaScript a visitor's browser must fetch before the map can
 * draw, beyond maplibre-gl itself. A size, never a timing, so it gives the same verdict on any machine.
 *
 *   npm run check:size                          checks build/ (run after the build; part of npm test)
 *   npx tsx scripts/check-size.ts --dir <dir>   checks another built site
 *
 * What the first view loads is read from the built site as the browser would find it: the page's
 * `<link rel="modulepreload">` tags and the `import("…")` calls of its inline bootstrap script, then
 * every static `import`/`export … from` of those files, transitively. Dynamic `import()` inside the
 * bundle is not followed: that is code fetched on demand (panels, tools), not the first view.
 *
 * Each file is gzipped (zlib's default level, as a web server would) and counted as maplibre-gl's
 * (its main chunk, found by content; vite.config.ts keeps it in a chunk of its own) or as the app's
 * own (everything else: our code, Svelte's and SvelteKit's runtime). Only the app's own JavaScript has
 * a budget; maplibre-gl's size is printed beside it. If maplibre-gl shares a chunk with app code, the
 * app's share cannot be told apart: that is a failure too, with the reason.
 *
 * Exit code 1 when over budget or when the site cannot be read, 0 otherwise. The pure parts are
 * exported and unit-tested on a tiny fixture site (tests/unit/check-size.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'vite';

/** Issue 9's goal for the app's own JavaScript before the first map view, in gzip bytes. */
export const GOAL_GZIP_BYTES = 50_000;
/**
 * The budget enforced: the goal once reached; until then the size measured when it was set, rounded up
 * (the gap is said with every verdict). 74.0 kB after the panels, the figures tab and the tools became
 * on-demand code; 80.6 kB once the checklist's "projects within reach" and the measure tool's route
 * had brought turf back in. Set at 72 kB: 71.3 kB measured once turf left the first view for good
 * (life-circle constants apart from the checklist, circles and path lengths in geo/sphere.ts, a
 * bounds function, precomputed place areas) and the worker client, the graph reader and the export
 * builders became on-demand code. Of the total, Svelte's and SvelteKit's runtime are 31 kB. Lower it
 * as the first view loses weight; never raise it to let a change through unexamined. 69 kB: 68.4 kB
 * once the first-view modules shared one chunk (scripts/first-view-chunk.ts). Raised to 70.5 kB,
 * examined, for what the first view itself now does: camera padding measured from the panels (the
 * framing logic itself loads on demand), skip links and the Share/Export button in the top bar
 * (the menu loads on demand), and the coverage tool's mode, state and link parameter (its panel,
 * map layer and words load on demand). Measured 70.2 kB, then 70.4 kB with the coverage legend.
 * 67 kB: 66.8 kB once the tool panels' English left the first view (i18n/en-tools.ts, loaded with the
 * first panel; scripts/first-view-strings.ts and its test keep the first view's keys in en.ts).
 * Raised, examined, for what the first view itself now does: the basemap switch (its state and link
 * parameter, the layers an online basemap hides and the credit that follows it; the picker, its words,
 * the tile layer and the GCJ-02 warp load on demand), the why-not layers in the catalog, several
 * origins and walking profiles in the life-circle state and link, imported points as a category, the
 * imported network's status. Measured 70.8 kB (turf, which the ring bands need, loads with them).
 */
export const BUDGET_GZIP_BYTES = 71_000;

/**
 * A string only maplibre-gl's main bundle holds (the class of the element that wraps its canvas).
 * Matched as text, so it survives minification and renaming.
 */
export const MAPLIBRE_MARKER = 'maplibregl-canvas-container';

export type Role = 'maplibre-gl' | 'app';

export interface FirstViewFile {
	/** Path inside the site, with forward slashes, e.g. `_app/immutable/nodes/2.abc.js`. */
	path: string;
	/** Static imports of this file, as site paths. */
	imports: string[];
	role: Role;
	raw: number;
	gzip: number;
}

/** Reads a file of the built site by its path inside the site, or undefined when there is none. */
export type ReadSiteFile = (sitePath: string) => string | undefined;

/**
 * The module URLs a prerendered page starts from: its modulepreload links and the `import("…")`
 * calls of its inline scripts (SvelteKit's bootstrap), as written in the HTML (relative to the page).
 *
 * @example
 * entryUrlsOf('<link href="./_app/a.js" rel="modulepreload"><script>import("./_app/b.js")</script>')
 * //=> ['./_app/a.js', './_app/b.js']
 */
export function entryUrlsOf(html: string): string[] {
	const urls: string[] = [];
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		if (!/\brel\s*=\s*["']?modulepreload\b/i.test(tag)) continue;
		const href = /\bhref\s*=\s*"([^"]*)"|\bhref\s*=\s*'([^']*)'/i.exec(tag);
		const url = href?.[1] ?? href?.[2];
		if (url) urls.push(url);
	}
	for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const src = /\bsrc\s*=\s*"([^"]*)"/i.exec(attributes)?.[1];
		if (src && /\btype\s*=\s*"module"/i.test(attributes)) urls.push(src);
		for (const [, url] of body.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) urls.push(url);
	}
	return [...new Set(urls)];
}

/**
 * The specifiers of a module's static imports and re-exports (`import … from`, `import "…"`,
 * `export … from`), in order. Dynamic `import()` is left out on purpose.
 */
export function staticImportsOf(code: string): string[] {
	const specifiers: string[] = [];
	for (const node of parseAst(code).body) {
		if (
			(node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') &&
			node.source &&
			typeof node.source.value === 'string'
		) {
			specifiers.push(node.source.value);
		}
	}
	return specifiers;
}

/** A relative or root-relative module URL, resolved against the site path of the file that names it. */
export function resolveSitePath(from: string, url: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined; // another origin or a bare name
	const path = url.split(/[?#]/)[0];
	const joined = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(from), path);
	return posix.normalize(joined).replace(/^\.\//, '');
}

/** Whether this file is (or holds) maplibre-gl's main bundle. */
export function holdsMaplibre(code: string): boolean {
	return code.includes(MAPLIBRE_MARKER);
}

export function gzipSize(code: string): number {
	return gzipSync(code).length;
}

/**
 * Every JavaScript file the page loads before any `import()` runs: the page's entry URLs and their
 * static imports, transitively, each once, in the order first reached.
 *
 * @param page the page's site path (`index.html`); entry URLs are resolved against it
 * @throws when a file the page or a module names is not in the site (a broken build)
 */
export function firstViewFiles(page: string, read: ReadSiteFile): FirstViewFile[] {
	const html = read(page);
	if (html === undefined) throw new Error(`${page} is not in the built site: build it first (npx vite build).`);
	const files: FirstViewFile[] = [];
	const seen = new Set<string>();
	const queue: { path: string; namedBy: string }[] = [];
	const enqueue = (from: string, url: string) => {
		const path = resolveSitePath(from, url);
		if (path && !seen.has(path)) {
			seen.add(path);
			queue.push({ path, namedBy: from });
		}
	};
	for (const url of entryUrlsOf(html)) enqueue(page, url);
	for (let next = queue.shift(); next; next = queue.shift()) {
		const code = read(next.path);
		if (code === undefined) throw new Error(`${next.path}, named by ${next.namedBy}, is not in the built site.`);
		const specifiers = staticImportsOf(code);
		const imports = specifiers.flatMap((url) => resolveSitePath(next.path, url) ?? []);
		for (const url of specifiers) enqueue(next.path, url);
		files.push({
			path: next.path,
			imports,
			role: holdsMaplibre(code) ? 'maplibre-gl' : 'app',
			raw: Buffer.byteLength(code),
			gzip: gzipSize(code)
		});
	}
	return files;
}

export interface Verdict {
	ok: boolean;
	appGzip: number;
	maplibreGzip: number;
	/** What to print: a table of the files and a one-line verdict (with the reason when it fails). */
	message: string;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * Judge the first view's files against a budget on the app's own JavaScript (gzip bytes).
 * maplibre-gl's chunk must stand alone (no static imports): one that imports other chunks is mixed
 * with app code whose size cannot be told apart, and fails.
 */
export function verdictOf(files: FirstViewFile[], budget = BUDGET_GZIP_BYTES, goal = GOAL_GZIP_BYTES): Verdict {
	const app = files.filter((f) => f.role === 'app');
	const maplibre = files.filter((f) => f.role === 'maplibre-gl');
	const appGzip = app.reduce((sum, f) => sum + f.gzip, 0);
	const maplibreGzip = maplibre.reduce((sum, f) => sum + f.gzip, 0);
	const width = Math.max(4, ...files.map((f) => f.path.length));
	const rows = [...files]
		.sort((a, b) => (a.role === b.role ? b.gzip - a.gzip : a.role === 'app' ? -1 : 1))
		.map((f) => `  ${f.path.padEnd(width)} ${String(f.raw).padStart(9)} B ${kB(f.gzip).padStart(9)} gzip  ${f.role}`);
	const table = [`  ${'file'.padEnd(width)} ${'raw'.padStart(11)} ${'gzip'.padStart(14)}  counted as`, ...rows].join('\n');
	const gap = budget > goal ? ` (goal ${kB(goal)}: ${kB(budget - goal)} to go)` : '';
	const problems: string[] = [];
	const mixed = maplibre.filter((f) => f.imports.length > 0);
	for (const f of mixed) {
		problems.push(
			`${f.path} holds maplibre-gl but also imports ${f.imports.join(', ')}: it is mixed with app code, whose size cannot be ` +
				'told apart. Keep maplibre-gl in a chunk of its own (vite.config.ts, build.rolldownOptions.output.codeSplitting).'
		);
	}
	if (maplibre.length === 0) problems.push(`no first-view file holds maplibre-gl (looked for "${MAPLIBRE_MARKER}"): has the map moved to on-demand code, or has maplibre-gl changed?`);
	if (appGzip > budget) {
		problems.push(
			`the app's own JavaScript before the first map view is ${kB(appGzip)} gzip, ${kB(appGzip - budget)} over the budget of ${kB(budget)}${gap}. ` +
				'Load on demand what the first view does not draw (a dynamic import()), biggest files first.'
		);
	}
	const summary =
		`first view: app JS ${kB(appGzip)} gzip in ${app.length} files, budget ${kB(budget)}${gap}; ` +
		`maplibre-gl ${kB(maplibreGzip)} gzip, not budgeted`;
	const ok = problems.length === 0 && maplibre.length > 0;
	const message = [table, summary, ...(ok ? ['check:size: ok'] : problems.map((p) => `check:size: FAIL: ${p}`))].join('\n');
	return { ok, appGzip, maplibreGzip, message };
}

/** A reader over a built site on disk; paths outside it read as missing. */
export function siteReader(dir: string): ReadSiteFile {
	const root = resolve(dir);
	return (sitePath) => {
		const file = resolve(root, sitePath);
		if (relative(root, file).startsWith('..') || !existsSync(file)) return undefined;
		return readFileSync(file, 'utf8');
	};
}

function main(): void {
	const at = process.argv.indexOf('--dir');
	const dir = at >= 0 ? process.argv[at + 1] : 'build';
	if (!dir) throw new Error('--dir needs a directory');
	try {
		const verdict = verdictOf(firstViewFiles('index.html', siteReader(dir)));
		console.log(`check:size: ${join(dir, 'index.html')}\n${verdict.message}`);
		process.exitCode = verdict.ok ? 0 : 1;
	} catch (error) {
		console.error(`check:size: FAIL: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
