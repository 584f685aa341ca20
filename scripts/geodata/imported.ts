/**
 * An imported OpenStreetMap extract wins over the bundled network: `npm run import:osm` writes its
 * streets, water, parks and amenities to `geodata/imported/`, and the data build then uses those
 * instead of deriving its own (README: "What an OpenStreetMap import adds").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';

export const IMPORTED_FILES = ['streets', 'water', 'green', 'amenities'] as const;
export type ImportedGeodata = Record<(typeof IMPORTED_FILES)[number], FeatureCollection>;

/**
 * The imported extract's files, or null when nothing was imported.
 *
 * @param geodataDir the project's `geodata/` folder
 * @throws {Error} when an import is there but incomplete (a file is missing or not GeoJSON): a
 *   half import must not be mixed with bundled data silently
 */
export function importedGeodata(geodataDir: string): ImportedGeodata | null {
	const dir = join(geodataDir, 'imported');
	if (!existsSync(join(dir, 'streets.geojson'))) return null;
	const out = {} as ImportedGeodata;
	for (const name of IMPORTED_FILES) {
		const path = join(dir, `${name}.geojson`);
		let fc: FeatureCollection;
		try {
			fc = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
		} catch (error) {
			throw new Error(`geodata/imported/${name}.geojson: ${(error as Error).message} — re-run npm run import:osm, or delete geodata/imported/`, { cause: error });
		}
		if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
			throw new Error(`geodata/imported/${name}.geojson is not a GeoJSON FeatureCollection — re-run npm run import:osm, or delete geodata/imported/`);
		}
		out[name] = fc;
	}
	return out;
}
