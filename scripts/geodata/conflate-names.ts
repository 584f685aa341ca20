/**
 * Street names for the unnamed road geometry: conflation of three sources.
 *
 * - **Edges**: LineStrings with a unique `properties.id` that meet at exactly shared end points
 *   (the OSM-derived road network, or the walking network built from it). They carry no names.
 * - **References**: rough named lines (the project's hand-digitised streets, 30–200 m off; OSM
 *   elevated roads mapped to the surface street beneath them). They say *roughly where* a street is.
 * - **The register** (Shanghai road-segment register, 2017): for every street of the district, its
 *   segments from cross street to cross street with their lengths. It says *which streets meet which
 *   and how far apart*, but has no geometry.
 *
 * Method, in order (every step is deterministic; ties are broken by name or id):
 * 1. **Strokes.** At each junction the two edges that continue each other best (deflection below
 *    `maxDeflectionDeg`) are paired, so a chain of edges — a stroke — approximates one street.
 * 2. **References.** An edge takes a reference's name when at least `minShare` of it lies within the
 *    reference's `accuracy_m` + `marginM` of that line, running the same way (within 30°). Short gaps in
 *    a stroke between two edges of one name are filled.
 * 3. **Register topology**, repeated until nothing changes (at most 8 rounds): each register street's
 *    segments are chained by their cross streets into an ordered street with distances (安化路: 江苏路
 *    →710 m→ 安西路 →232 m→ 定西路 …). The chain is laid along the street's named run of edges, anchored
 *    at a junction where a named cross street meets it, and its other cross streets are matched to the
 *    run's junctions in order (a junction whose cross street has another name counts against). Then:
 *    - *trim*: reference-named edges wholly beyond the register's ends are unnamed (a rough reference
 *      ran on into the next street: 华阳路's reference over the north end of 定西路);
 *    - *extend*: the name continues along the stroke, edge by edge, to the register's length;
 *    - *infer*: where a placement held by two named junctions puts a cross street on an unnamed stroke,
 *      that stroke takes the cross street's name, laid by the cross street's own chain: a stroke
 *      crossing 安化路 about 710 m from 江苏路 is 安西路. With two named junctions confirming it, the
 *      inference may also replace a low-confidence reference name.
 * 2b. **Bus stops** (AMap, "<street it is on><cross street>(公交站)", split by {@link parseBusStops}) are
 *    independent evidence and outrank the references: each stop votes for the nearest edge within
 *    `stopRadiusM` (40 m) that runs across the line to its twin stop on the other kerb. On a stroke, a
 *    reference name that two or more stops contradict and none confirms is dropped from the whole
 *    stroke, as is a digitised reference continuing the stroke past the voted street under a name that
 *    no stop puts within 200 m; each voted name then spans the stroke from its first to its last voted
 *    edge. The register steps below take stop-named edges as named (anchors) and never trim them.
 * 4. **Register segments** are matched to the edges between their two cross-street junctions; those not
 *    matched are listed with the reason.
 *
 * Confidence: `high` = two sources agree (reference and register, or two or more stops with either); `medium` = one good source (a reference of
 * ≤ 100 m accuracy, or a register inference confirmed by a second named junction); `low` = a guess (a
 * 150–200 m reference alone, or a register inference with one anchor). Only high and medium are labelled.
 *
 * The stages live in `conflate/`: `network.ts` (edges, strokes), `references.ts` (2), `bus-stops.ts` (2b),
 * `register.ts` and `placement.ts` with `topology.ts` (3), `segments.ts` (4), `report.ts` (names and figures).
 *
 * Run alone: `npx tsx scripts/geodata/conflate-names.ts [roads.geojson] [--verbose]` prints the coverage
 * report; `--verbose` also lists every unmatched segment and every stop the final names contradict.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { voteWithBusStops } from './conflate/bus-stops';
import { buildNetwork } from './conflate/network';
import { nameFromReferences, referencesFrom } from './conflate/references';
import { indexRegister, parseRegisterCsv } from './conflate/register';
import { namesAndReport } from './conflate/report';
import { matchRegisterSegments } from './conflate/segments';
import { applyRegisterTopology } from './conflate/topology';
import type { ConflationOptions, ConflationReport, EdgeName, ReferenceLine, RegisterSegment } from './conflate/types';

export { parseBusStops, type BusStop } from './conflate/bus-stops';
export { englishName } from './conflate/english';
export { ELEVATED_OVER, referencesFrom } from './conflate/references';
export { parseRegisterCsv } from './conflate/register';
export type * from './conflate/types';

/** Where the project's bus stops are, relative to the repository root. */
export const PROJECT_BUS_STOPS = 'geodata/sources/poi-amap-2020/bus_stop.geojson';

/**
 * Names the edges of a street network from rough named references, bus stops and the register.
 *
 * @param edges LineStrings with a unique string `properties.id`, meeting at exactly shared end points
 * @param register rows from {@link parseRegisterCsv}
 * @param references rough named lines, e.g. from {@link referencesFrom}
 * @param options see {@link ConflationOptions} (district, marginM = 25, maxDeflectionDeg = 35, minShare = 0.5,
 *   busStops = none, stopRadiusM = 40)
 * @returns `names`: a name for every edge id (`name_method: 'unnamed'` when none), and the coverage report
 * @throws when an edge is not a LineString or its id is missing or repeated
 * @example
 * const { names, report } = conflateNames(roads, parseRegisterCsv(csv), referencesFrom(raw, elevated), { district });
 * names.get('roadspeedcorr-123')?.name_zh // '安化路'
 */
export function conflateNames(
	edges: FeatureCollection<LineString>,
	register: RegisterSegment[],
	references: ReferenceLine[],
	options: ConflationOptions = {}
): { names: Map<string, EdgeName>; report: ConflationReport } {
	const marginM = options.marginM ?? 25;
	const maxDeflectionDeg = options.maxDeflectionDeg ?? 35;
	const minShare = options.minShare ?? 0.5;
	const stopRadiusM = options.stopRadiusM ?? 40;

	// 1. the network and its strokes; the register chained by cross streets
	const network = buildNetwork(edges, options.district, maxDeflectionDeg);
	const index = indexRegister(register, references);
	// 2. references, 2b. bus stops (they outrank the references)
	const assigned = nameFromReferences(network, references, marginM, minShare);
	const stopVotes = voteWithBusStops(network, register, index, assigned, options.busStops, stopRadiusM);
	// 3. register topology: trim, extend, infer
	applyRegisterTopology(network, index, assigned);
	// 4. register segments onto edges
	const segmentMatch = matchRegisterSegments(network, index, assigned);
	return namesAndReport({ network, register, index, references, assigned, stopVotes, stopRadiusM, segmentMatch, englishNames: options.englishNames });
}

/** Reads the project's inputs (paths relative to the repository root) and runs the conflation. */
export function conflateProjectNames(root: string, roadsPath = 'geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson') {
	const read = (p: string) => JSON.parse(readFileSync(resolve(root, p), 'utf8'));
	const roads = read(roadsPath) as FeatureCollection<LineString>;
	const register = parseRegisterCsv(readFileSync(resolve(root, 'geodata/sources/road-register/changning-road-segments.csv'), 'utf8'));
	const references = referencesFrom(read('geodata/src/streets.raw.geojson'), read('geodata/transit/elevated_roads.geojson'));
	const district = (read('geodata/admin/changning.wgs84.geojson') as FeatureCollection<Polygon | MultiPolygon>).features[0];
	const busStops = read(PROJECT_BUS_STOPS) as FeatureCollection;
	return { roads, register, references, district, busStops, ...conflateNames(roads, register, references, { district, busStops }) };
}

// ---------------------------------------------------------------------------------------------
// CLI

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = resolve(fileURLToPath(import.meta.url), '../../..');
	const args = process.argv.slice(2);
	const verbose = args.includes('--verbose');
	const { report } = conflateProjectNames(root, args.find((a) => !a.startsWith('--')));
	const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
	console.log(`edges ${report.edges}; in the district ${report.km_total} km, named ${report.km_named} km (${pct(report.km_named, report.km_total)}), labelled ${report.km_labelled} km`);
	console.log('by confidence (km):', report.km_by_confidence);
	console.log('by method (km):', report.km_by_method);
	console.log(`register segments matched ${report.register_matched} / ${report.register_segments} (${report.register_km_matched} of ${report.register_km} km)`);
	console.log('unmatched by reason:', report.unmatched_by_reason);
	const b = report.bus_stops;
	console.log(`bus stops: ${b.parsed} parsed, ${b.voted} voted; on a named street ${b.checkable}, no named edge within reach ${b.no_named_edge}; nearest named edge agrees ${b.agree} (${pct(b.agree, b.checkable - b.no_named_edge)})`);
	if (verbose) for (const c of b.contradictions) console.log(`  ${c.stop}: nearest named edge ${c.edge} (${c.distance_m} m) is ${c.named}`);
	console.log('\nstreet | register m | segments matched | matched m | ratio | named in district m | complete');
	for (const s of report.streets.filter((s) => s.matched_segments > 0 || s.register_m >= 500)) {
		console.log(`${s.name_zh} ${s.name_en} | ${s.register_m} | ${s.matched_segments}/${s.segments} | ${s.matched_m} | ${s.ratio} | ${s.named_in_district_m} | ${s.complete ? 'yes' : ''}`);
	}
	if (verbose) for (const u of report.unmatched) console.log(`${u.code} ${u.name} ${u.from}→${u.to} ${u.length_m} m: ${u.reason}`);
}
