/** Writing the project's own geodata files (`geodata/places/*.geojson`, `streets.geojson` …). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FeatureCollection } from 'geojson';

/**
 * Write a project geodata file the way the data build does: one feature per line, so a diff shows
 * which features changed.
 *
 * @param {string} path the file to write (its folder is made when missing)
 * @param {FeatureCollection} fc the collection, written as it is (round it first)
 */
export function writeCollection(path: string, fc: FeatureCollection): void {
	mkdirSync(dirname(path), { recursive: true });
	const lines = fc.features.map((f) => JSON.stringify(f));
	writeFileSync(path, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
}
