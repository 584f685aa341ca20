import { sveltekit } from '@sveltejs/kit/vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { firstViewChunk } from './scripts/first-view-chunk';

// The app code the first view loads, in one chunk (scripts/first-view-chunk.ts says why).
const firstView = firstViewChunk({ extra: ['valibot'] });

export default defineConfig({
	plugins: [sveltekit(), firstView.plugin],
	environments: {
		client: {
			build: {
				rolldownOptions: {
					// Needed by includeDependenciesRecursively: false; SvelteKit's nodes keep all their exports.
					preserveEntrySignatures: 'allow-extension',
					output: {
						codeSplitting: {
							// A group takes only the modules it names (a barrel import would drag a whole package in).
							includeDependenciesRecursively: false,
							groups: [
								// maplibre-gl in a chunk of its own: the app's own code then has a size of its own, which
								// scripts/check-size.ts budgets (it finds this chunk by content and requires it to stand alone).
								{ name: 'maplibre-gl', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/, priority: 20 },
								firstView.group
							]
						}
					}
				}
			}
		}
	},
	server: { port: 5173, strictPort: false },
	preview: { port: 4173, strictPort: true },
	test: {
		// The bundled data files, built once when a fresh clone has none (tests/unit/data-setup.ts).
		globalSetup: ['./tests/unit/data-setup.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					include: ['tests/unit/**/*.test.ts', 'tests/faults/**/*.test.ts', 'src/**/*.test.ts'],
					exclude: [...configDefaults.exclude, '**/*.svelte.test.ts'],
					environment: 'node'
				}
			},
			{
				// Runes classes tested with their effects running: compiled for the browser (on the server
				// build `$effect` never runs), in a node environment with the few browser globals they touch.
				extends: true,
				resolve: { conditions: ['browser'] },
				test: { name: 'runes', include: ['tests/unit/**/*.svelte.test.ts'], environment: './tests/unit/runes-environment.ts' }
			}
		]
	}
});
