/**
 * "The importer still wins": what `npm run import:osm` writes by default is what the data build then
 * uses instead of the bundled network, and a broken import is refused, not mixed in.
 */
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importedGeodata } from '../../scripts/geodata/imported';

describe('an imported OpenStreetMap extract wins over the bundled data', () => {
	it('nothing imported: the bundled data is used (null)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'geodata-'));
		expect(importedGeodata(dir)).toBeNull();
		rmSync(dir, { recursive: true });
	});

	it('the importer writes geodata/imported/ and the build reads exactly that', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'geodata-'));
		await promisify(execFile)('npx', ['tsx', 'scripts/import-osm.ts', 'tests/fixtures/osm/tiny.osm', '--out', join(dir, 'imported')], {
			cwd: process.cwd(),
			encoding: 'utf8'
		});
		const picked = importedGeodata(dir);
		expect(picked).not.toBeNull();
		const written = JSON.parse(readFileSync(join(dir, 'imported', 'streets.geojson'), 'utf8'));
		expect(picked!.streets).toEqual(written);
		// OSM names come through as they are: the import's streets carry no conflated-name flags.
		expect(picked!.streets.features.some((f) => f.properties?.name_zh || f.properties?.name_en)).toBe(true);
		expect(picked!.streets.features.every((f) => f.properties?.name_method === undefined)).toBe(true);
		rmSync(dir, { recursive: true });
	}, 60_000);

	it('a half import is refused with a message that says what to do', () => {
		const dir = mkdtempSync(join(tmpdir(), 'geodata-'));
		const imported = join(dir, 'imported');
		mkdirSync(imported);
		writeFileSync(join(imported, 'streets.geojson'), '{"type":"FeatureCollection","features":[]}');
		expect(() => importedGeodata(dir)).toThrow(/water\.geojson.*import:osm/);
		rmSync(dir, { recursive: true });
	});
});
