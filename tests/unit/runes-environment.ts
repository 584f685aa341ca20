/**
 * A vitest environment for state tests that need runes to run: node's globals, but modules built
 * as for the browser (Vite's "client" environment). In the default node environment SvelteKit's
 * plugin compiles `.svelte.ts` for the server, where `$effect` never runs, and `svelte` resolves to
 * its server build. vite.config.ts runs the `*.svelte.test.ts` files in it (with the `browser`
 * resolve condition); a docblock cannot name a file here, vitest only takes package names there.
 */
import type { Environment } from 'vitest/environments';

export default {
	name: 'runes',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
} satisfies Environment;
