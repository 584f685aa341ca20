/**
 * Which UI strings the first view can show (issue 9: a lean first view).
 *
 * The English table is split in two: `i18n/en.ts`, which arrives with the first view, and
 * `i18n/en-tools.ts`, which arrives with the first tool panel (or on the first idle moment). A key a
 * first-view module uses must be in the first part, or the first view would wait for the second.
 * This module finds those keys the way the bundler finds the first view's code: from the page,
 * follow static imports (a dynamic `import()` is on-demand code and ends the walk), and in every
 * module reached collect the string literals that are keys, and the prefixes of keys built at run
 * time (`mode.${mode}` uses every key under `mode.`).
 *
 *   npx tsx scripts/first-view-strings.ts   # prints the count, and any first-view key not in en.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PAGE = join(ROOT, 'src/routes/+page.svelte');

/** Static imports and re-exports; `import type` and `import(...)` are not followed. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
const EXTENSIONS = ['', '.ts', '.svelte.ts', '.js', '.svelte', '/index.ts'];

function resolveImport(from: string, specifier: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = join(ROOT, 'src/lib', specifier.slice('$lib/'.length));
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return null; // a package: not ours
	for (const extension of EXTENSIONS) {
		const path = base + extension;
		if (existsSync(path) && !path.endsWith('/')) {
			try {
				readFileSync(path);
				return path;
			} catch {
				// a directory: try the next extension
			}
		}
	}
	return null;
}

/** Every module of ours the page reaches through static imports, the page included. */
export function firstViewModules(page = PAGE): Set<string> {
	const seen = new Set<string>();
	const queue = [page];
	for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const match of source.matchAll(STATIC_IMPORT)) {
			const target = resolveImport(file, match[1]);
			if (target) queue.push(target);
		}
	}
	return seen;
}

/** The keys (of `allKeys`) a module's source names literally or by a prefix it completes at run time. */
export function keysUsedIn(source: string, allKeys: readonly string[]): Set<string> {
	const used = new Set<string>();
	const keys = new Set(allKeys);
	for (const match of source.matchAll(/['"`]([a-zA-Z][\w.-]*)['"`]/g)) {
		if (keys.has(match[1])) used.add(match[1]);
	}
	// `mode.${mode}.hint`, 'link.' + code: every key under the prefix may be asked for.
	for (const match of source.matchAll(/[`'"]([a-zA-Z][\w.-]*\.)(?:\$\{|['"]\s*\+)/g)) {
		for (const key of allKeys) if (key.startsWith(match[1])) used.add(key);
	}
	return used;
}

/** The keys the first view's modules use (the string tables themselves excluded). */
export function firstViewKeys(allKeys: readonly string[], page = PAGE): Set<string> {
	const used = new Set<string>();
	for (const file of firstViewModules(page)) {
		if (file.includes('/src/lib/i18n/')) continue;
		for (const key of keysUsedIn(readFileSync(file, 'utf8'), allKeys)) used.add(key);
	}
	return used;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { default: zh } = await import('../src/lib/i18n/zh');
	const { default: en } = await import('../src/lib/i18n/en');
	const all = Object.keys(zh);
	const used = firstViewKeys(all);
	const missing = [...used].filter((key) => !(key in en));
	console.log(`first view: ${firstViewModules().size} modules use ${used.size} of ${all.length} keys; en.ts holds ${Object.keys(en).length}`);
	if (missing.length > 0) {
		console.error(`first-view keys missing from en.ts: ${missing.join(', ')}`);
		process.exitCode = 1;
	}
}
