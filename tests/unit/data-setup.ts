/**
 * Before any unit test: the app's data files exist. Several tests read the bundled data
 * (static/data, written by scripts/build-geodata.ts), and `npm test` runs the unit tests before the
 * build, so on a fresh clone nothing has written them yet. Building them is deterministic from
 * geodata/, so a test never sees other data than the app would.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
	if (existsSync('static/data/amenities.geojson') && existsSync('static/data/places.json')) return;
	execFileSync('node_modules/.bin/tsx', ['scripts/build-geodata.ts'], { stdio: 'ignore' });
}
