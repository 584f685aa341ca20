/**
 * One chunk for the app code the first view loads (issue 9's budget, scripts/check-size.ts).
 *
 * Why: the bundler splits code by "which entries reach it". The page reaches most of our modules,
 * and the panels it loads on demand reach some of the same ones, so without help the first view
 * arrives as a dozen small shared chunks (state, strings, palette, the walking maths…). Each is
 * compressed on its own, without the others' words to refer back to: about 4 kB of gzip lost. All
 * of them load with the first view anyway, so putting them in one chunk costs the panels nothing:
 * a panel that needs one of those modules finds it already loaded.
 *
 * How: after the module graph is built, collect every module the page reaches through static
 * imports (a dynamic `import()` ends the walk: that is on-demand code), then give the bundler a
 * chunk group that captures exactly those modules, from our own source and `extra` packages only.
 * The Svelte and SvelteKit runtimes keep their chunks (the error page shares them), and a package
 * the page merely reaches (a barrel import whose functions only the panels call) must not be
 * captured, or all of it would come along.
 *
 *   // vite.config.ts
 *   const firstView = firstViewChunk({ extra: ['valibot'] });
 *   plugins: [sveltekit(), firstView.plugin],
 *   environments: { client: { build: { rolldownOptions: { preserveEntrySignatures: 'allow-extension',
 *     output: { codeSplitting: { includeDependenciesRecursively: false, groups: [maplibre, firstView.group] } } } } } }
 *
 * `includeDependenciesRecursively: false` keeps the group to the modules it names (by default a group
 * takes their dependencies too, which is how a barrel import would drag a whole package in); the
 * bundler allows that only when an entry's exports may be extended ('allow-extension'): SvelteKit's
 * page nodes keep every export they have.
 */
import type { Plugin } from 'vite';

export interface FirstViewChunkOptions {
	/** The page module the first view starts from (default: src/routes/+page.svelte). */
	page?: RegExp;
	/** Packages whose first-view modules join the chunk (default none): small ones the first view uses whole. */
	extra?: readonly string[];
	/** The chunk's name (default 'first-view'). */
	name?: string;
}

/** A code-splitting group as rolldown takes it (the fields used here). */
export interface FirstViewGroup {
	name: string;
	test: (id: string) => boolean;
	priority: number;
}

/**
 * @returns the plugin that finds the first view's modules (client build only) and the chunk group
 *   that captures them
 */
export function firstViewChunk(options: FirstViewChunkOptions = {}): { plugin: Plugin; group: FirstViewGroup; modules: ReadonlySet<string> } {
	const page = options.page ?? /[\\/]src[\\/]routes[\\/]\+page\.svelte$/;
	const extra = (options.extra ?? []).map((name) => `/node_modules/${name}/`);
	const modules = new Set<string>();
	const ours = (id: string) => {
		const path = id.replaceAll('\\', '/');
		return path.includes('/node_modules/') ? extra.some((dir) => path.includes(dir)) : !path.startsWith('\0');
	};
	const plugin: Plugin = {
		name: 'first-view-chunk',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		buildEnd() {
			modules.clear();
			const queue = [...this.getModuleIds()].filter((id) => page.test(id));
			if (queue.length === 0) this.error(`first-view-chunk: no module matches ${page} (the page the first view starts from)`);
			for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
				if (modules.has(id)) continue;
				modules.add(id);
				queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
			}
		}
	};
	return { plugin, group: { name: options.name ?? 'first-view', test: (id) => modules.has(id) && ours(id), priority: 10 }, modules };
}
