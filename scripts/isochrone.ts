/**
 * Walking isochrones from the command line, for planners' batches.
 *
 *   npm run isochrone -- --lon 121.42 --lat 31.22 [--minutes 5,10,15] [--speed 4.0] [--graph path]
 *   npm run isochrone -- --origins origins.geojson [--minutes ...] > bands.geojson
 *   [--off-street 250 --detour 1.4]  the off-street walk (default: the data build's choice, manifest.json)
 *
 * Prints one GeoJSON FeatureCollection: per origin, the band polygons (properties: minutes,
 * area_m2, distance_m, origin) and the snapped origin (role "snapped-origin"). Bad input: a message
 * on stderr and exit code 1. An origin far from any street is reported on stderr and skipped in a
 * batch; on its own it is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { StreetGraph, buildStreetGraph } from '../src/lib/graph/street-graph';
import { buildSnapIndex } from '../src/lib/graph/snap';
import { computeIsochrone } from '../src/lib/graph/isochrone';
import { prepareBarriers } from '../src/lib/graph/barriers';
import { assertWalkingSpeed, DEFAULT_SPEED_KMH } from '../src/lib/geo/walking';
import { parseMinutesList } from '../src/lib/geo/minutes';
import { ROADS_ONLY_WALK, type OffStreetWalk } from '../src/lib/graph/off-street';

class UsageError extends Error {}

const USAGE =
	'usage: npm run isochrone -- (--lon <deg> --lat <deg> | --origins <file.geojson>) ' +
	'[--minutes 5,10,15] [--speed 4.0] [--graph streets.graph.bin|streets.geojson] [--barriers water.geojson] [--off-street <m>] [--detour <x>]';

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const key = argv[i];
		if (!key.startsWith('--')) throw new UsageError(`unexpected argument "${key}"`);
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) throw new UsageError(`${key} needs a value`);
		args.set(key.slice(2), value);
		i++;
	}
	const known = new Set(['lon', 'lat', 'minutes', 'speed', 'graph', 'origins', 'barriers', 'off-street', 'detour']);
	for (const key of args.keys()) if (!known.has(key)) throw new UsageError(`unknown option --${key}`);
	return args;
}

function number(args: Map<string, string>, key: string, min: number, max: number): number {
	const text = args.get(key);
	const value = Number(text);
	if (text === undefined || !Number.isFinite(value)) throw new UsageError(`--${key} must be a number, got "${text}"`);
	if (value < min || value > max) throw new UsageError(`--${key} must be between ${min} and ${max}, got ${value}`);
	return value;
}

function loadGraph(path: string): StreetGraph {
	if (!existsSync(path)) throw new UsageError(`graph file not found: ${path} (run npm run build:geodata)`);
	if (path.endsWith('.geojson') || path.endsWith('.json')) {
		return buildStreetGraph(JSON.parse(readFileSync(path, 'utf8')));
	}
	return StreetGraph.fromBuffer(readFileSync(path));
}

function loadOrigins(path: string): { id: string; lonLat: [number, number] }[] {
	let fc: FeatureCollection;
	try {
		fc = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new UsageError(`cannot read origins from ${path}: ${(error as Error).message}`);
	}
	if (fc?.type !== 'FeatureCollection') throw new UsageError(`${path} is not a GeoJSON FeatureCollection`);
	return fc.features.map((f, i) => {
		if (f.geometry?.type !== 'Point') throw new UsageError(`${path}: feature ${i} is not a Point`);
		const [lon, lat] = (f as Feature<Point>).geometry.coordinates;
		return { id: String(f.properties?.id ?? f.id ?? i), lonLat: [lon, lat] };
	});
}

/**
 * The off-street walk: `--off-street <m>` and `--detour <x>` when given, else what the data build
 * chose for the bundled data (static/data/manifest.json beside the default graph), else the
 * roads-only setting.
 */
function offStreetWalk(args: Map<string, string>, graphPath: string): OffStreetWalk {
	let walk: OffStreetWalk = ROADS_ONLY_WALK;
	const manifestPath = join(dirname(graphPath), 'manifest.json');
	if (!args.has('graph') && existsSync(manifestPath)) {
		const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { walk?: Partial<OffStreetWalk> };
		if (typeof manifest.walk?.detour === 'number' && typeof manifest.walk.maxMetres === 'number') {
			walk = { detour: manifest.walk.detour, maxMetres: manifest.walk.maxMetres };
		}
	}
	return {
		detour: args.has('detour') ? number(args, 'detour', 1, 3) : walk.detour,
		maxMetres: args.has('off-street') ? number(args, 'off-street', 0, 500) : walk.maxMetres
	};
}

function main(argv: string[]): FeatureCollection {
	const args = parseArgs(argv);
	const minutesParsed = parseMinutesList(args.get('minutes') ?? '5,10,15');
	if (!minutesParsed.ok) throw new UsageError(`--minutes: ${minutesParsed.message}`);
	const speedKmh = args.has('speed') ? Number(args.get('speed')) : DEFAULT_SPEED_KMH;
	try {
		assertWalkingSpeed(speedKmh);
	} catch (error) {
		throw new UsageError(`--speed: ${(error as Error).message}`, { cause: error });
	}
	let origins: { id: string; lonLat: [number, number] }[];
	if (args.has('origins')) origins = loadOrigins(args.get('origins')!);
	else if (args.has('lon') || args.has('lat')) {
		origins = [{ id: 'origin', lonLat: [number(args, 'lon', -180, 180), number(args, 'lat', -90, 90)] }];
	} else throw new UsageError('give --lon and --lat, or --origins');

	const graphPath =
		args.get('graph') ??
		(existsSync('static/data/streets.graph.bin') ? 'static/data/streets.graph.bin' : 'geodata/streets.geojson');
	const graph = loadGraph(graphPath);
	const index = buildSnapIndex(graph);
	const barrierPath = args.get('barriers') ?? 'geodata/water.geojson';
	const barriers = existsSync(barrierPath)
		? prepareBarriers(graph.projection, JSON.parse(readFileSync(barrierPath, 'utf8')))
		: null;

	const walk = offStreetWalk(args, graphPath);
	const features: Feature[] = [];
	for (const origin of origins) {
		const result = computeIsochrone(graph, index, {
			origin: origin.lonLat,
			minutes: minutesParsed.minutes,
			speedKmh,
			barriers,
			includeStreets: false,
			offStreetDetour: walk.detour,
			maxOffStreet: walk.maxMetres
		});
		if (!result.ok) {
			if (origins.length === 1) throw new Error(`${result.message} (origin ${origin.lonLat.join(', ')})`);
			process.stderr.write(`isochrone: skipped origin "${origin.id}": ${result.message}\n`);
			continue;
		}
		for (const band of [...result.bands.features].reverse()) {
			features.push({ ...band, properties: { ...band.properties, origin: origin.id, speed_kmh: speedKmh } });
		}
		features.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: result.snapped.point },
			properties: { role: 'snapped-origin', origin: origin.id, snap_distance_m: Math.round(result.snapped.distance * 10) / 10 }
		});
	}
	return { type: 'FeatureCollection', features };
}

try {
	// 6 decimals (≈ 0.1 m) is finer than the data's accuracy and keeps batches small.
	const round = (_key: string, value: unknown) => (typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value);
	process.stdout.write(JSON.stringify(main(process.argv.slice(2)), round) + '\n');
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`isochrone: ${message}\n${error instanceof UsageError ? USAGE + '\n' : ''}`);
	process.exit(1);
}
