/**
 * How well coordinate-system detection (src/lib/data/import/crs.ts) does on real data: the shared
 * AMap POI files (WGS84 already, see their README), the road network and the OSM metro stations and
 * lines, each shifted into GCJ-02 and BD-09 with gcoord, then detected against the bundled street
 * network and the Changning outline, as the app does.
 *
 *   npx tsx scripts/crs-detect-report.ts [--src ../shared/geodata-src] [--trials 200]
 *
 * Table 1: each whole file in each true system → the guess and its evidence. Table 2: small random
 * samples (seeded) of the POIs, how often the guess is right, by sample size. Table 3: files mixed
 * from two systems.
 *
 * Caveat printed with the table: the bundled network (geodata/streets.geojson) is built from the same
 * roads as osm-roads/, so the roads rows are a sanity check, not independent evidence; the POIs and the
 * OSM metro layers are independent of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { convertCollection, createCrsReference, detectCrs, samplePositions, type Crs, type CrsDetection } from '../src/lib/data/import/crs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;

const shared = arg('--src', join(process.cwd(), '..', 'shared', 'geodata-src'));
const src = existsSync(shared) ? shared : join(process.cwd(), 'geodata', 'sources');
const trials = Number(arg('--trials', '200'));

const streets = read('geodata/streets.geojson').features.map((f) => (f.geometry as LineString).coordinates);
const outline = read('geodata/admin/changning.wgs84.geojson').features[0].geometry as Polygon | MultiPolygon;
const reference = createCrsReference({ streets, outline });

const files: [string, string][] = [
	...['kindergarten', 'primary_school', 'middle_school', 'school', 'hospital', 'bus_stop', 'metro_station', 'food', 'cinema_theatre'].map(
		(n) => [`poi-amap-2020/${n}`, join(src, 'poi-amap-2020', `${n}.geojson`)] as [string, string]
	),
	['osm-roads (network source)', join(src, 'osm-roads', 'changning-roads.osm.wgs84.geojson')],
	['transit/osm_metro_stations', join(src, 'transit', 'osm_metro_stations.bbox.wgs84.geojson')],
	['transit/osm_metro_and_elevated', join(src, 'transit', 'osm_metro_and_elevated_lines.bbox.wgs84.geojson')]
];
const SYSTEMS: Crs[] = ['WGS84', 'GCJ02', 'BD09'];

const verdict = (d: CrsDetection): string => {
	switch (d.kind) {
		case 'detected':
			return `${d.crs} (${d.confidence})`;
		case 'mixed':
			return `mixed ${d.crs}+${d.others.join('+')}`;
		case 'outside-china':
			return 'outside China';
		case 'undetermined':
			return `undetermined (${d.reason})`;
	}
};
const evidence = (d: CrsDetection): string =>
	'scores' in d
		? d.scores.map((s) => `${s.crs}: fit ${s.fit}, median ${s.medianStreetM ?? '–'} m, ${Math.round(s.onStreet * 100)}% ≤30 m (${Math.round(s.chance * 100)}%), ${Math.round(s.inDistrict * 100)}% in district`).join(' · ')
		: '';
const guessOf = (d: CrsDetection): string => (d.kind === 'detected' ? d.crs : d.kind === 'outside-china' ? 'WGS84' : d.kind);

console.log(`# CRS detection on the shared files (reference: geodata/streets.geojson, ${streets.length} lines; outline: Changning)\n`);
console.log(`source folder: ${src}\n`);
console.log('| file | positions | true system | guess | compared | evidence per reading: fit (SD above chance), median distance to a street, share ≤30 m (chance), share in district |');
console.log('|---|---|---|---|---|---|');
let right = 0;
let rows = 0;
for (const [label, path] of files) {
	if (!existsSync(path)) {
		console.log(`| ${label} | (missing) | | | | |`);
		continue;
	}
	const wgs = read(path);
	for (const truth of SYSTEMS) {
		const shifted = convertCollection(wgs, 'WGS84', truth);
		const positions = samplePositions(shifted);
		const d = detectCrs(positions, reference);
		rows++;
		if (guessOf(d) === truth) right++;
		console.log(`| ${label} | ${positions.length} | ${truth} | ${verdict(d)} | ${'compared' in d ? d.compared : 0} | ${evidence(d)} |`);
	}
}
console.log(`\nwhole files: ${right}/${rows} right\n`);

// Small samples: a user's list of 10 community centres is the hard case.
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pois = files.filter(([l, p]) => l.startsWith('poi') && existsSync(p)).flatMap(([, p]) => read(p).features.map((f) => f.geometry));
const points = pois.map((g) => (g as { coordinates: Position }).coordinates);
console.log(`## Random samples of the ${points.length} POIs (${trials} trials per cell, seeded)\n`);
console.log('| sample size | true system | right | wrong | mixed | undetermined | confidence high/medium/low (when right) |');
console.log('|---|---|---|---|---|---|---|');
for (const size of [5, 10, 20, 50, 200]) {
	for (const truth of SYSTEMS) {
		const tally = { right: 0, wrong: 0, mixed: 0, undetermined: 0, high: 0, medium: 0, low: 0 };
		for (let t = 0; t < trials; t++) {
			const sample = Array.from({ length: size }, () => points[Math.floor(random() * points.length)]);
			const fc: FeatureCollection = { type: 'FeatureCollection', features: sample.map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } })) };
			const d = detectCrs(samplePositions(convertCollection(fc, 'WGS84', truth)), reference);
			if (d.kind === 'detected') {
				if (d.crs === truth) {
					tally.right++;
					tally[d.confidence]++;
				} else tally.wrong++;
			} else if (d.kind === 'mixed') tally.mixed++;
			else tally.undetermined++;
		}
		const pct = (n: number) => `${Math.round((n / trials) * 100)}%`;
		console.log(`| ${size} | ${truth} | ${pct(tally.right)} | ${pct(tally.wrong)} | ${pct(tally.mixed)} | ${pct(tally.undetermined)} | ${tally.high}/${tally.medium}/${tally.low} |`);
	}
}

console.log('\n## Mixed files (alternate features of one POI file in two systems)\n');
console.log('| file | systems | guess | fit per reading |');
console.log('|---|---|---|---|');
for (const name of ['kindergarten', 'hospital', 'bus_stop']) {
	const path = join(src, 'poi-amap-2020', `${name}.geojson`);
	if (!existsSync(path)) continue;
	const wgs = read(path);
	for (const [a, b] of [['WGS84', 'GCJ02'], ['WGS84', 'BD09'], ['GCJ02', 'BD09']] as [Crs, Crs][]) {
		const A = convertCollection(wgs, 'WGS84', a);
		const B = convertCollection(wgs, 'WGS84', b);
		const mixed: FeatureCollection = { type: 'FeatureCollection', features: wgs.features.map((_, i) => (i % 2 ? B : A).features[i]) };
		const d = detectCrs(samplePositions(mixed), reference);
		console.log(`| ${name} | ${a} + ${b} | ${verdict(d)} | ${'scores' in d ? d.scores.map((s) => `${s.crs} ${s.fit}`).join(', ') : ''} |`);
	}
}
console.log('\nNote: osm-roads is the source of the bundled network, so its rows only check the machinery; the POIs and OSM metro layers are independent of it.');
