/**
 * The bundled walking network with its names: `streets.ts` (clip, expressways, bridges, components)
 * with `conflate-names.ts` as its naming step (register, rough references and AMap bus stops), from the project's copies in `geodata/`. One function,
 * so the data build and the tests that rebuild the network run exactly the same thing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { buildStreets, type StreetBuildReport } from './streets';
import { creekLine } from './water';
import { PROJECT_BUS_STOPS, conflateNames, parseRegisterCsv, referencesFrom, type ConflationReport } from './conflate-names';

export interface NamedNetwork {
	streets: FeatureCollection<LineString>;
	report: StreetBuildReport;
	names: ConflationReport;
}

/**
 * Build the named walking network from `geodata/` under `root`.
 *
 * @param root the repository root
 * @param district the Changning outline (`geodata/admin/changning.wgs84.geojson`)
 */
export function buildNamedNetwork(root: string, district: Feature<Polygon | MultiPolygon>): NamedNetwork {
	const read = <T = FeatureCollection>(...rel: string[]): T => JSON.parse(readFileSync(join(root, 'geodata', ...rel), 'utf8')) as T;
	const roads = read<FeatureCollection<LineString>>('sources', 'osm-roads', 'changning-roads.osm.wgs84.geojson');
	const elevated = read('transit', 'elevated_roads.geojson');
	const register = parseRegisterCsv(readFileSync(join(root, 'geodata', 'sources', 'road-register', 'changning-road-segments.csv'), 'utf8'));
	// The project's earlier hand-digitised streets are kept only as rough named positions for this step.
	const references = referencesFrom(read('src', 'streets.raw.geojson'), elevated);
	// AMap bus stops are named after the crossing they stand at: independent evidence of which road is which.
	const busStops = JSON.parse(readFileSync(join(root, PROJECT_BUS_STOPS), 'utf8')) as FeatureCollection;
	let names: ConflationReport | null = null;
	const { streets, report } = buildStreets({
		roads,
		elevated,
		district,
		creekLine: creekLine(district),
		name: (edges) => {
			const result = conflateNames(edges, register, references, { district, busStops });
			names = result.report;
			return result.names;
		}
	});
	if (!names) throw new Error('network: the street names were not conflated');
	return { streets, report, names };
}
