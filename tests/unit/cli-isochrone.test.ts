import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, it, expect } from 'vitest';
import { area, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';

const run = promisify(execFile);
// The CLI reads the streets straight from geodata/, so this test does not depend on a build.
const GRAPH = ['--graph', 'geodata/streets.geojson'];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	try {
		const { stdout, stderr } = await run('npx', ['tsx', 'scripts/isochrone.ts', ...args]);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

describe('npm run isochrone', () => {
	it('prints nested bands with their areas and the snapped origin', async () => {
		const { code, stdout } = await cli(['--lon', '121.418', '--lat', '31.216', '--minutes', '5,10', ...GRAPH]);
		expect(code).toBe(0);
		const fc = JSON.parse(stdout) as FeatureCollection;
		const bands = fc.features.filter((f) => f.properties?.minutes) as Feature<Polygon | MultiPolygon>[];
		expect(bands.map((b) => b.properties?.minutes)).toEqual([5, 10]);
		for (const b of bands) expect(Math.abs(area(b) - b.properties!.area_m2) / b.properties!.area_m2).toBeLessThan(0.01);
		expect(bands[0].properties!.area_m2).toBeLessThan(bands[1].properties!.area_m2);
		const snapped = fc.features.find((f) => f.properties?.role === 'snapped-origin')!;
		expect(booleanPointInPolygon(snapped.geometry as never, bands[1])).toBe(true);
	}, 60_000);

	it('runs a batch, skipping (and reporting) origins far from any street, exit code 2', async () => {
		const { code, stdout, stderr } = await cli(['--origins', 'tests/fixtures/cli/origins.geojson', '--minutes', '10', ...GRAPH]);
		expect(code).toBe(2); // some origins skipped; the rest is still one valid FeatureCollection
		const fc = JSON.parse(stdout) as FeatureCollection;
		const origins = new Set(fc.features.map((f) => f.properties?.origin));
		expect(origins).toEqual(new Set(['zhongshan-park', 'hongqiao-etdz']));
		expect(stderr).toContain('skipped origin "in-the-airport-far-from-streets": No walkable street within');
	}, 60_000);

	it('fails clearly on bad input', async () => {
		const bad = await cli(['--lon', '121.418', '--lat', 'north', ...GRAPH]);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('--lat must be a number, got "north"');
		const minutes = await cli(['--lon', '121.418', '--lat', '31.216', '--minutes', '5,90', ...GRAPH]);
		expect(minutes.code).toBe(1);
		expect(minutes.stderr).toContain('between 1 and 60');
		const speed = await cli(['--lon', '121.418', '--lat', '31.216', '--speed', '40', ...GRAPH]);
		expect(speed.code).toBe(1);
		expect(speed.stderr).toMatch(/--speed: Walking speed must be between/);
		const far = await cli(['--lon', '121.3326', '--lat', '31.1935', ...GRAPH]);
		expect(far.code).toBe(1);
		expect(far.stderr).toMatch(/No walkable street within 250 m/);
		expect(far.stdout).toBe('');
	}, 90_000);
});
