import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';

// The house rules are enforced by ESLint; this proves the rules bite where they should.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('import rules', { timeout: 60_000 }, () => {
	it('keeps maplibre-gl inside src/lib/map', async () => {
		const outside = await importErrors('src/lib/components/Example.ts', "import * as m from 'maplibre-gl';\nexport const x = m;\n");
		expect(outside).toHaveLength(1);
		expect(outside[0]).toContain('Import maplibre-gl only inside src/lib/map.');
		expect(await importErrors('src/lib/map/Example.ts', "import * as m from 'maplibre-gl';\nexport const x = m;\n")).toEqual([]);
	});

	it('keeps svelte, SvelteKit and the DOM out of src/lib/graph and src/lib/geo', async () => {
		const svelte = await importErrors('src/lib/graph/example.ts', "import { onMount } from 'svelte';\nexport const x = onMount;\n");
		expect(svelte).toHaveLength(1);
		expect(svelte[0]).toContain('stay pure');
		const kit = await importErrors('src/lib/geo/example.ts', "import { page } from '$app/state';\nexport const x = page;\n");
		expect(kit).toHaveLength(1);
		const dom = await importErrors('src/lib/geo/example.ts', 'export const w = window.innerWidth;\n');
		expect(dom).toHaveLength(1);
		expect(await importErrors('src/lib/geo/example.ts', "import { area } from '@turf/turf';\nexport const x = area;\n")).toEqual([]);
	});
});
