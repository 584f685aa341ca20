/**
 * Print the folder import graph of src/lib: for each pair of folders, how many import statements in
 * the first point into the second. Run with `npx tsx scripts/import-graph.ts` (add `--files` to list
 * each cross-folder import, `--json` for machine-readable output).
 *
 * The TypeScript parser, not a regular expression, finds the imports, so multi-line imports,
 * `import type`, `export … from`, dynamic `import()` and `import('x').T` type queries all count.
 * `.svelte` files are read through their `<script>` blocks. A count is written `n` or `n (t type)`
 * when t of the n imports only bring in types (they vanish at run time but still couple folders).
 *
 * Folders: the first path segment under src/lib (geo, graph, …); `routes` for src/routes.
 * Imports of a file in the same folder, of packages and of SvelteKit virtual modules are skipped.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const lib = join(root, 'src', 'lib');

interface Edge {
	from: string;
	to: string;
	file: string;
	spec: string;
	typeOnly: boolean;
}

function walk(dir: string): string[] {
	const out: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...walk(path));
		else if (/\.(ts|js|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
	}
	return out;
}

/** The folder a file belongs to, or null when it is outside src/lib and src/routes. */
function folderOf(path: string): string | null {
	const rel = relative(join(root, 'src'), path).split(sep);
	if (rel[0] === 'routes') return 'routes';
	if (rel[0] === 'lib' && rel.length > 2) return rel[1];
	// `$lib/graph` is the folder's index: it belongs to the folder, not to src/lib itself.
	if (rel[0] === 'lib' && rel.length === 2 && !rel[1].includes('.')) return rel[1];
	if (rel[0] === 'lib') return '(lib root)';
	return null;
}

/** Absolute target path of an import specifier, or null for packages and virtual modules. */
function target(spec: string, file: string): string | null {
	if (spec.startsWith('$lib/') || spec === '$lib') return join(lib, spec.slice('$lib/'.length));
	if (spec.startsWith('.')) return resolve(dirname(file), spec);
	return null;
}

/** The script text of a file: the whole file, or the `<script>` blocks of a .svelte component. */
function scriptOf(path: string): string {
	const text = readFileSync(path, 'utf8');
	if (!path.endsWith('.svelte')) return text;
	return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Every module specifier in the source, with whether it only brings in types. */
function importsOf(path: string): { spec: string; typeOnly: boolean }[] {
	const source = ts.createSourceFile(path, scriptOf(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const found: { spec: string; typeOnly: boolean }[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.importClause;
			const named = clause?.namedBindings;
			// `import { type A, type B } from` is type-only too, as long as there is no default import.
			const allNamedTypes =
				clause !== undefined &&
				!clause.name &&
				named !== undefined &&
				ts.isNamedImports(named) &&
				named.elements.length > 0 &&
				named.elements.every((e) => e.isTypeOnly);
			found.push({ spec: node.moduleSpecifier.text, typeOnly: Boolean(clause?.isTypeOnly) || allNamedTypes });
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
		} else if (
			ts.isCallExpression(node) &&
			node.expression.kind === ts.SyntaxKind.ImportKeyword &&
			node.arguments[0] &&
			ts.isStringLiteralLike(node.arguments[0])
		) {
			found.push({ spec: node.arguments[0].text, typeOnly: false });
		} else if (
			ts.isImportTypeNode(node) &&
			ts.isLiteralTypeNode(node.argument) &&
			ts.isStringLiteral(node.argument.literal)
		) {
			found.push({ spec: node.argument.literal.text, typeOnly: true });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

const edges: Edge[] = [];
for (const file of [...walk(lib), ...walk(join(root, 'src', 'routes'))]) {
	const from = folderOf(file);
	if (!from) continue;
	for (const { spec, typeOnly } of importsOf(file)) {
		const abs = target(spec, file);
		if (!abs) continue;
		const to = folderOf(abs);
		if (!to || to === from) continue;
		edges.push({ from, to, file: relative(root, file), spec, typeOnly });
	}
}

const counts = new Map<string, { n: number; types: number }>();
for (const e of edges) {
	const key = `${e.from} → ${e.to}`;
	const c = counts.get(key) ?? { n: 0, types: 0 };
	c.n += 1;
	if (e.typeOnly) c.types += 1;
	counts.set(key, c);
}

const args = process.argv.slice(2);
if (args.includes('--json')) {
	console.log(JSON.stringify(Object.fromEntries(counts), null, 2));
} else {
	const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
	const width = Math.max(...rows.map(([k]) => k.length));
	for (const [key, c] of rows) console.log(`${key.padEnd(width)}  ${c.n}${c.types ? ` (${c.types} type)` : ''}`);
	console.log(`${edges.length} cross-folder imports, ${rows.length} folder pairs`);
	if (args.includes('--files')) {
		for (const e of edges.sort((a, b) => `${a.from}${a.to}${a.file}`.localeCompare(`${b.from}${b.to}${b.file}`)))
			console.log(`  ${e.from} → ${e.to}  ${e.file}  '${e.spec}'${e.typeOnly ? ' (type)' : ''}`);
	}
}
