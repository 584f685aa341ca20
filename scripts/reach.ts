/**
 * Life-circle figures at four fixed origins spread across Changning (west to east: Songhong Rd,
 * Beixinjing, Loushanguan Rd and Jiangsu Rd metro stations), for comparing networks and off-street
 * settings: band areas and the reach ratio (band area / straight-line circle of the same distance).
 *
 *   npx tsx scripts/reach.ts [--streets geodata/streets.geojson] [--water geodata/water.geojson]
 *                            [--detour 1.4] [--max-off 250] [--speed 4]
 *
 * Defaults: the bundled network with its roads-only off-street walk (src/lib/graph/off-street.ts).
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Point } from 'geojson';
import { computeIsochrone } from '../src/lib/graph/isochrone';
import { buildSnapIndex } from '../src/lib/graph/snap';
import { buildStreetGraph } from '../src/lib/graph/street-graph';
import { ROADS_ONLY_WALK } from '../src/lib/graph/off-street';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const read = <T = FeatureCollection>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export const REACH_ORIGINS = ['淞虹路', '北新泾', '娄山关路', '江苏路'] as const;

const streets = read(arg('--streets', 'geodata/streets.geojson'));
const water = read(arg('--water', 'geodata/water.geojson'));
const detour = Number(arg('--detour', String(ROADS_ONLY_WALK.detour)));
const maxOffStreet = Number(arg('--max-off', String(ROADS_ONLY_WALK.maxMetres)));
const speedKmh = Number(arg('--speed', '4'));
const stations = read<FeatureCollection<Point>>('geodata/transit/metro_stations.geojson').features;
const graph = buildStreetGraph(streets);
const index = buildSnapIndex(graph);
console.log(`graph ${graph.nodeCount} nodes · off-street ${maxOffStreet} m at ${detour}× · ${speedKmh} km/h`);
console.log('| origin | lon, lat | 5 min km² (reach) | 10 min km² (reach) | 15 min km² (reach) |');
console.log('|---|---|---|---|---|');
for (const name of REACH_ORIGINS) {
	const station = stations.find((f) => f.properties?.name_zh === name);
	if (!station) throw new Error(`reach: no station ${name} in geodata/transit/metro_stations.geojson`);
	const origin = station.geometry.coordinates as [number, number];
	const result = computeIsochrone(graph, index, { origin, minutes: [5, 10, 15], speedKmh, barriers: water, offStreetDetour: detour, maxOffStreet });
	const label = `${station.properties?.name_en} (${name})`;
	if (!result.ok) {
		console.log(`| ${label} | ${origin.map((x) => x.toFixed(4)).join(', ')} | ${result.message} | | |`);
		continue;
	}
	const cells = result.areas.map((a) => `${(a.area_m2 / 1e6).toFixed(2)} (${Math.round(a.circle_ratio * 100)} %)`);
	console.log(`| ${label} | ${origin.map((x) => x.toFixed(4)).join(', ')} | ${cells.join(' | ')} |`);
}
