/**
 * Refreshes the project's copies of the shared source data in `geodata/sources/` from
 * `../shared/geodata-src` (or `$GEODATA_SRC`). The copies are committed, so the data build and CI
 * work from this repository alone; when the shared folder is absent this step says so and the
 * committed copies are used. Files are copied byte for byte: provenance stays checkable.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Shared file → project copy, relative to the two roots. */
export const SOURCE_COPIES: readonly [string, string][] = [
	['osm-roads/changning-roads.osm.wgs84.geojson', 'osm-roads/changning-roads.osm.wgs84.geojson'],
	['osm-roads/README.md', 'osm-roads/README.md'],
	['road-register/changning-road-segments.csv', 'road-register/changning-road-segments.csv'],
	['road-register/README.md', 'road-register/README.md'],
	// Only the categories the life-circle checklist uses (scripts/geodata/amenities.ts).
	...['kindergarten', 'primary_school', 'middle_school', 'hospital', 'bus_stop'].map(
		(name): [string, string] => [`poi-amap-2020/${name}.geojson`, `poi-amap-2020/${name}.geojson`]
	)
];

/**
 * Copy the shared sources when they are there.
 *
 * @param root the repository root
 * @returns how many files were refreshed, or null when the shared folder is not on this machine
 */
export function refreshSources(root: string): number | null {
	const shared = sharedSourceDir(root);
	if (!shared) return null;
	let copied = 0;
	for (const [from, to] of SOURCE_COPIES) {
		const source = join(shared, from);
		if (!existsSync(source)) throw new Error(`sources: ${source} is missing from the shared data`);
		const target = join(root, 'geodata', 'sources', to);
		mkdirSync(dirname(target), { recursive: true });
		copyFileSync(source, target);
		copied++;
	}
	return copied;
}

/** `../shared/geodata-src` (or `$GEODATA_SRC`) when it is on this machine, else null. */
export function sharedSourceDir(root: string): string | null {
	const shared = resolve(process.env.GEODATA_SRC ?? join(root, '..', 'shared', 'geodata-src'));
	return existsSync(shared) ? shared : null;
}
