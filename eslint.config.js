import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** maplibre-gl may be imported only inside src/lib/map (the map is the only code that talks to it). */
const noMaplibreOutsideMap = {
	paths: [{ name: 'maplibre-gl', message: 'Import maplibre-gl only inside src/lib/map.' }],
	patterns: [{ group: ['maplibre-gl/*'], message: 'Import maplibre-gl only inside src/lib/map.' }]
};

/** The pure core runs in node, workers and CLI scripts: no svelte, no maplibre-gl, no SvelteKit. */
const pureCore = {
	paths: noMaplibreOutsideMap.paths,
	patterns: [
		...noMaplibreOutsideMap.patterns,
		{ group: ['svelte', 'svelte/*', '$app/*', '$lib/map/*', '$lib/state/*', '$lib/components/*'], message: 'src/lib/geo and src/lib/graph stay pure: no svelte, SvelteKit or UI imports.' }
	]
};

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
	{
		files: ['src/lib/geo/**', 'src/lib/graph/**'],
		languageOptions: { globals: { ...globals.worker } },
		rules: {
			'no-restricted-imports': ['error', pureCore],
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
