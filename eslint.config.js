import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * The shape of the house (docs: /work/shared/STYLE.md), as import rules. Folders of src/lib, lowest
 * first; each may import only from itself and the folders after its arrow:
 *
 *   geo        → (nothing of ours)        pure geometry and units: node, the worker and CLI scripts run it
 *   graph      → geo                      the pure street-graph engine
 *   i18n       → (nothing of ours)        the string tables and the one translator
 *   data       → geo, graph, i18n         dataset schemas, file names and loaders (validate on load, once)
 *   osm        → data, geo, graph         the OSM importer: it writes datasets and checks them with data's
 *                                         schemas, so it sits above data (data never needs the importer)
 *   worker     → data, geo, graph, osm    the isochrone worker: protocol, pure handlers, client (osm: it
 *                                         builds a network from the user's OSM extract, off the main thread)
 *   export     → data, geo, graph         GeoJSON download builders (pure)
 *   state      → data, worker, export, geo, graph, i18n
 *                                         runes classes; they own the worker, never the map
 *   map        → state and all below it   THE ONLY code that imports maplibre-gl
 *   components → state and all below it, except map and worker: panels read and write state only
 *   routes     → anything                 composition (src/routes is imported by nobody)
 *
 * `$lib/x` and relative imports that climb out of a folder (`../x/…`) are both caught, `import type`
 * too: a type is a dependency as well. tests/unit/lint-rules.test.ts proves each rule bites.
 */
const LAYERS = {
	geo: [],
	graph: ['geo'],
	i18n: [],
	data: ['geo', 'graph', 'i18n'],
	osm: ['data', 'geo', 'graph'],
	worker: ['data', 'geo', 'graph', 'osm'],
	export: ['data', 'geo', 'graph'],
	state: ['data', 'worker', 'export', 'geo', 'graph', 'i18n'],
	map: ['state', 'data', 'worker', 'export', 'geo', 'graph', 'i18n'],
	components: ['state', 'data', 'export', 'geo', 'graph', 'i18n']
};
/** Folders nobody in src/lib may import: the app's composition. */
const TOP = ['routes'];

const MAPLIBRE_MESSAGE = 'Import maplibre-gl only inside src/lib/map.';
/** maplibre-gl may be imported only inside src/lib/map (the map is the only code that talks to it). */
const noMaplibreOutsideMap = {
	paths: [{ name: 'maplibre-gl', message: MAPLIBRE_MESSAGE }],
	patterns: [{ group: ['maplibre-gl/*'], message: MAPLIBRE_MESSAGE }]
};

/** The pure core runs in node, workers and CLI scripts: no svelte, no SvelteKit. */
const PURE_CORE_PATTERN = {
	group: ['svelte', 'svelte/*', '$app/*'],
	message: 'src/lib/geo and src/lib/graph stay pure: no svelte, SvelteKit or UI imports.'
};

/** One pattern per folder `folder` must not import: `$lib/x…` or a relative path that climbs into `x`. */
function layerPatterns(folder) {
	const allowed = new Set([folder, ...LAYERS[folder]]);
	const forbidden = [...Object.keys(LAYERS), ...TOP].filter((other) => !allowed.has(other));
	return forbidden.map((other) => ({
		regex: `^(\\$lib/|(\\.\\./)+)${other}(/|$)`,
		message: `src/lib/${folder} must not import from src/lib/${other}: ${folder} may import ${LAYERS[folder].join(', ') || 'nothing of ours'} (the layering at the top of eslint.config.js).`
	}));
}

/** The import rule for one folder: the layering, maplibre-gl outside the map, purity for geo and graph. */
function folderRule(folder) {
	const patterns = [...layerPatterns(folder)];
	if (folder !== 'map') patterns.push(...noMaplibreOutsideMap.patterns);
	if (folder === 'geo' || folder === 'graph') patterns.push(PURE_CORE_PATTERN);
	return ['error', { paths: folder === 'map' ? [] : noMaplibreOutsideMap.paths, patterns }];
}

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte', 'scripts/**/*.ts', 'tests/**/*.ts'],
		ignores: ['src/lib/map/**'],
		rules: { 'no-restricted-imports': ['error', noMaplibreOutsideMap] }
	},
	// The layering: one block per folder of src/lib (each replaces the maplibre-only rule above).
	...Object.keys(LAYERS).map((folder) => ({
		files: [`src/lib/${folder}/**`],
		rules: { 'no-restricted-imports': folderRule(folder) }
	})),
	{
		files: ['src/lib/geo/**', 'src/lib/graph/**'],
		languageOptions: { globals: { ...globals.worker } },
		rules: {
			'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage']
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'tests/artifacts/', 'scratch/', '.scratch/'] }
);
