import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';

// The house rules are enforced by ESLint; this proves the rules bite where they should.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

/**
 * The layering, written out here on its own (not read from eslint.config.js): what each folder of
 * src/lib may import besides itself. Anything else must be refused.
 */
const MAY_IMPORT: Record<string, string[]> = {
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
const FOLDERS = [...Object.keys(MAY_IMPORT), 'routes'];

describe('import rules', { timeout: 120_000 }, () => {
	it('keeps maplibre-gl inside src/lib/map', async () => {
		const outside = await importErrors('src/lib/components/Example.ts', "import * as m from 'maplibre-gl';\nexport const x = m;\n");
		expect(outside).toHaveLength(1);
		expect(outside[0]).toContain('Import maplibre-gl only inside src/lib/map.');
		expect(await importErrors('src/lib/map/Example.ts', "import * as m from 'maplibre-gl';\nexport const x = m;\n")).toEqual([]);
		// The layering blocks replace the maplibre-only rule per folder: it must still hold in each.
		expect(await importErrors('src/lib/state/example.ts', "import type { Map } from 'maplibre-gl/dist/maplibre-gl';\nexport type X = Map;\n")).toHaveLength(1);
		expect(await importErrors('tests/unit/example.ts', "import * as m from 'maplibre-gl';\nexport const x = m;\n")).toHaveLength(1);
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

	it('refuses every import against the layering, by $lib and by a relative path that climbs out', async () => {
		for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
			for (const other of FOLDERS.filter((f) => f !== folder && !allowed.includes(f))) {
				const file = `src/lib/${folder}/example.ts`;
				const viaLib = await importErrors(file, `import { thing } from '$lib/${other}/thing';\nexport const x = thing;\n`);
				expect(viaLib, `${folder} → ${other}`).toEqual([expect.stringContaining(`src/lib/${folder} must not import from src/lib/${other}`)]);
				const climbing = await importErrors(file, `import type { Thing } from '../${other}/thing';\nexport type X = Thing;\n`);
				expect(climbing, `${folder} → ../${other}`).toHaveLength(1);
			}
		}
	});

	it('lets every allowed import through, from files at any depth', async () => {
		for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
			for (const other of [folder, ...allowed]) {
				const code = `import { thing } from '$lib/${other}/thing';\nexport const x = thing;\n`;
				expect(await importErrors(`src/lib/${folder}/example.ts`, code), `${folder} → ${other}`).toEqual([]);
				expect(await importErrors(`src/lib/${folder}/deeper/example.ts`, code), `${folder}/deeper → ${other}`).toEqual([]);
			}
		}
		// Routes compose everything.
		expect(await importErrors('src/routes/example.ts', "import { thing } from '$lib/map/thing';\nexport const x = thing;\n")).toEqual([]);
	});

	it('names the complaints of issue 9 one by one', async () => {
		const cases: [string, string][] = [
			['src/lib/state/theme.ts', "import type { Theme } from '$lib/map/palette';"],
			['src/lib/data/load.ts', "import type { BasemapCounts } from '$lib/state/app.svelte';"],
			['src/lib/geo/layer-stats.ts', "import { PLACE_LAYER_IDS } from '$lib/data/schema';"],
			// (Components are .svelte files too; the same rule covers them, and `npx eslint .` lints them.
			// lintText cannot type-check a .svelte file that is not on disk, so these cases are .ts.)
			['src/lib/components/panel.ts', "import { startIsochroneWorker } from '$lib/worker/client';"],
			['src/lib/components/dashboard/chart.ts', "import { PLACE_LAYER_COLOURS } from '../../map/palette';"]
		];
		for (const [file, line] of cases) {
			expect(await importErrors(file, `${line}\nexport {};\n`), `${file}: ${line}`).toHaveLength(1);
		}
	});
});
