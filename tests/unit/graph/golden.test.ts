/**
 * Golden files: tests/fixtures/isochrone/out/<name>.geojson = input + bands + reached streets + snapped
 * point, truncated to 6 decimals. `REGEN=1 npx vitest run tests/unit/graph` rewrites them; look at
 * the diff (geojson.io renders the styling) before committing.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeIsochrone } from '../../../src/lib/graph/isochrone';
import { FIXTURE_DIR, fixtureNames, formatCollection, goldenOutput, loadFixture } from './fixtures';

const REGEN = process.env.REGEN === '1';

describe('isochrone golden files', () => {
	for (const name of fixtureNames()) {
		it(name, () => {
			const fx = loadFixture(name);
			const result = computeIsochrone(fx.graph, fx.index, fx.options);
			if (!result.ok) throw new Error(result.message);
			const text = formatCollection(goldenOutput(fx, result));
			const file = join(FIXTURE_DIR, 'out', `${name}.geojson`);
			if (REGEN) {
				mkdirSync(join(FIXTURE_DIR, 'out'), { recursive: true });
				writeFileSync(file, text);
			}
			// A missing golden file is a failure, not a file to write: a person looks at it first.
			expect(existsSync(file), `${file} is missing; run REGEN=1 npx vitest run tests/unit/graph and look at it`).toBe(true);
			expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
		});
	}
});
