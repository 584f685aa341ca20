/**
 * scripts/geodata/admin-transit.ts rebuilds geodata/admin and geodata/transit from the shared sources
 * byte for byte, and what it writes holds the invariants the map relies on. Needs ../shared/geodata-src;
 * skipped where that folder is not on the machine (the committed files are then all there is).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import {
	copyAdminAndTransit,
	type MetroLineProperties,
	type MetroStationProperties
} from '../../scripts/geodata/admin-transit';

const shared = path.resolve(process.cwd(), '../shared/geodata-src');
const committed = path.join(process.cwd(), 'geodata');

const EXPECTED = [
	'admin/shanghai_districts.wgs84.geojson',
	'admin/changning_and_neighbours.wgs84.geojson',
	'admin/changning.wgs84.geojson',
	'transit/metro_lines.geojson',
	'transit/metro_stations.geojson',
	'transit/elevated_roads.geojson'
];

describe('copyAdminAndTransit', () => {
	const out = mkdtempSync(path.join(tmpdir(), 'admin-transit-'));
	afterAll(() => rmSync(out, { recursive: true, force: true }));
	// One build for every test below; the turf matching takes a few seconds.
	let written: string[] | null = null;
	const build = (): string[] => (written ??= copyAdminAndTransit({ sharedDir: shared, geodataDir: out }).written);
	const read = <T>(rel: string): T => JSON.parse(readFileSync(path.join(out, rel), 'utf8')) as T;

	it.skipIf(!existsSync(shared))(
		'writes exactly the committed geodata/admin and geodata/transit files',
		() => {
			expect(build()).toEqual(EXPECTED);
			for (const rel of EXPECTED) {
				// compare as text so a failure shows where the files differ
				expect(readFileSync(path.join(out, rel), 'utf8'), rel).toBe(readFileSync(path.join(committed, rel), 'utf8'));
			}
		},
		60_000
	);

	it.skipIf(!existsSync(shared))(
		'gives every metro line a colour and a route, and every station an English name and known lines',
		() => {
			build();
			const lines = read<FeatureCollection<LineString | MultiLineString, MetroLineProperties>>(
				'transit/metro_lines.geojson'
			);
			expect(lines.features.length).toBeGreaterThan(0);
			const ids = new Set<string>();
			const routes = new Set<string>();
			for (const { properties: p } of lines.features) {
				expect(p.colour, p.id).toMatch(/^#[0-9A-F]{6}$/);
				expect(p.routes.length, p.id).toBeGreaterThan(0);
				expect(p.route, p.id).toBe(p.routes.join('/'));
				expect(ids.has(p.id), `duplicate id ${p.id}`).toBe(false);
				ids.add(p.id);
				for (const r of p.routes) routes.add(r);
			}

			const stations = read<FeatureCollection<Point, MetroStationProperties>>('transit/metro_stations.geojson');
			expect(stations.features.length).toBeGreaterThan(0);
			for (const { properties: p } of stations.features) {
				// The build falls back to null for a name missing from its table: none may be missing today.
				expect(p.name_en, p.name_zh).toEqual(expect.any(String));
				// An empty list is allowed by the build (a line clipped at the box edge), so only check the entries.
				expect(Array.isArray(p.lines), p.name_zh).toBe(true);
				for (const l of p.lines) expect(routes.has(l), `${p.name_zh}: line ${l}`).toBe(true);
				expect(p.lines, p.name_zh).toEqual([...p.lines].sort((a, b) => Number(a) - Number(b)));
			}
		},
		60_000
	);
});
