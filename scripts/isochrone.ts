/**
 * Walking isochrones from the command line, for planners' batches.
 *
 *   npm run isochrone -- --lon 121.42 --lat 31.22 [--minutes 5,10,15] [--speed 4.0] [--graph path]
 *   npm run isochrone -- --origins origins.geojson [--minutes ...] > bands.geojson
 *   [--off-street 250 --detour 1.4]  the off-street walk (default: the data build's choice, manifest.json)
 *   [--timing]  one line on stderr: start-up, engine and output time, and the time per origin
 *
 * Prints one GeoJSON FeatureCollection: per origin, the band polygons (properties: minutes,
 * area_m2, distance_m, origin) and the snapped origin (role "snapped-origin"). A batch is streamed,
 * one origin's features at a time, so memory stays flat however many origins there are.
 *
 * Exit codes (also in the usage text):
 *   0  every origin was computed (or stdout was closed early by the reader, e.g. `| head`)
 *   1  nothing usable: bad arguments, a missing/unreadable/corrupt input file, a single origin that
 *      cannot be used, or the output could not be written
 *   2  a batch finished, but some origins were skipped (each named on stderr; stdout is still one
 *      valid FeatureCollection with the others)
 * Every problem is one line on stderr, never a stack trace (ISOCHRONE_DEBUG=1 adds the stack of an
 * unexpected error).
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Feature } from 'geojson';
import gcoord from 'gcoord';
import { StreetGraph, buildStreetGraph } from '../src/lib/graph/street-graph';
import { buildSnapIndex, snapToGraph, DEFAULT_MAX_SNAP_DISTANCE, type SnapIndex } from '../src/lib/graph/snap';
import { computeIsochrone } from '../src/lib/graph/isochrone';
import { prepareBarriers, type PreparedBarriers } from '../src/lib/graph/barriers';
import { assertWalkingSpeed, DEFAULT_SPEED_KMH } from '../src/lib/geo/walking';
import { parseMinutesList } from '../src/lib/geo/minutes';
import { ROADS_ONLY_WALK, type OffStreetWalk } from '../src/lib/graph/off-street';
import { round, COORDINATE_DECIMALS } from './geodata/round';

/** Bad arguments: the message is followed by the usage text. */
class UsageError extends Error {}
/** A bad input file or origin: the message says what is wrong with it. */
class InputError extends Error {}

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_SKIPPED = 2;

const USAGE = `usage: npm run isochrone -- (--lon <deg> --lat <deg> | --origins <file.geojson>)
    [--minutes 5,10,15] [--speed 4.0] [--graph streets.graph.bin|streets.geojson]
    [--barriers water.geojson] [--off-street <m>] [--detour <x>] [--timing]
  Prints one GeoJSON FeatureCollection on stdout (a batch is streamed origin by origin).
  Origins that cannot be used (no Point geometry, bad or out-of-range coordinates, no street
  within ${DEFAULT_MAX_SNAP_DISTANCE} m) are reported on stderr and skipped.
  exit 0: all origins computed · 1: nothing computed (bad arguments or input) · 2: some origins skipped`;

/** Largest JSON input: V8 cannot hold a much longer string; split bigger batches. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;
/** Largest graph file (a million edges is about 50 MB). */
const MAX_GRAPH_BYTES = 1024 * 1024 * 1024;

// ---- arguments ----------------------------------------------------------------------------------

const OPTIONS = ['lon', 'lat', 'minutes', 'speed', 'graph', 'origins', 'barriers', 'off-street', 'detour'];
/** Options without a value. */
const FLAGS = ['timing'];

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const key = argv[i];
		if (!key.startsWith('--')) throw new UsageError(`unexpected argument "${printable(key)}"`);
		const name = key.slice(2);
		if (FLAGS.includes(name)) {
			if (args.has(name)) throw new UsageError(`${key} is given twice`);
			args.set(name, '');
			continue;
		}
		if (!OPTIONS.includes(name)) throw new UsageError(`unknown option ${printable(key)}`);
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) throw new UsageError(`${key} needs a value`);
		if (args.has(name)) throw new UsageError(`${key} is given twice`);
		args.set(name, value);
		i++;
	}
	return args;
}

// Number() reads "", " ", "0x1f" and "1_0"-less junk as numbers ("" is 0): accept decimals only.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(args: Map<string, string>, key: string): number {
	const text = args.get(key);
	if (text === undefined) throw new UsageError(`--${key} is missing`);
	const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
	if (!Number.isFinite(value)) throw new UsageError(`--${key} must be a number, got "${printable(text)}"`);
	return value;
}

function number(args: Map<string, string>, key: string, min: number, max: number): number {
	const value = parseNumber(args, key);
	if (value < min || value > max) throw new UsageError(`--${key} must be between ${min} and ${max}, got ${value}`);
	return value;
}

/** A value safe to echo in a one-line message: no control characters, not a screenful. */
function printable(text: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
	const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
	return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

// ---- files --------------------------------------------------------------------------------------

/** What went wrong with a file, in words (no errno internals). */
function fsProblem(error: unknown): string {
	const code = (error as NodeJS.ErrnoException)?.code;
	switch (code) {
		case 'ENOENT':
			return 'no such file';
		case 'ENOTDIR':
			return 'a part of the path is not a directory';
		case 'EISDIR':
			return 'it is a directory, not a file';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'ELOOP':
			return 'too many symbolic links';
		case 'ENAMETOOLONG':
			return 'the path is too long';
		case 'EIO':
			return 'input/output error';
		case 'EMFILE':
		case 'ENFILE':
			return 'too many open files';
		case 'ENOMEM':
			return 'out of memory';
		case 'ERR_FS_FILE_TOO_LARGE':
			return 'the file is too large';
		default:
			return code ? `system error ${code}` : printable(String((error as Error)?.message ?? error));
	}
}

function kindOf(st: Stats): string {
	if (st.isFIFO()) return 'named pipe';
	if (st.isSocket()) return 'socket';
	if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
	return 'special file';
}

/**
 * Read a whole input file. Only regular files (and the shell's /dev/fd/N of `<(…)`): a named pipe
 * without a writer would block the read forever.
 */
function readInput(path: string, what: string, maxBytes: number): Buffer {
	let st: Stats;
	try {
		st = statSync(path);
	} catch (error) {
		throw new InputError(`${what} ${path}: ${fsProblem(error)}`);
	}
	const shellPipe = /^\/(dev|proc\/self)\/fd\/\d+$/.test(path) || path === '/dev/stdin';
	if (st.isDirectory()) throw new InputError(`${what} ${path} is a directory, not a file`);
	if (!st.isFile() && !shellPipe) throw new InputError(`${what} ${path} is a ${kindOf(st)}, not a regular file`);
	if (st.size > maxBytes) {
		throw new InputError(`${what} ${path} is ${Math.round(st.size / 1048576)} MB, more than the ${Math.round(maxBytes / 1048576)} MB this tool reads`);
	}
	try {
		return readFileSync(path);
	} catch (error) {
		throw new InputError(`cannot read ${what} ${path}: ${fsProblem(error)}`);
	}
}

function readJson(path: string, what: string): unknown {
	let text = readInput(path, what, MAX_JSON_BYTES).toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark from Windows tools
	if (text.trim() === '') throw new InputError(`${what} ${path} is empty`);
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new InputError(`${what} ${path} is not valid JSON (${printable((error as Error).message)})`);
	}
}

function exists(path: string): boolean {
	try {
		statSync(path);
		return true;
	} catch {
		return false;
	}
}

function loadGraph(path: string): StreetGraph {
	let graph: StreetGraph;
	if (path.endsWith('.geojson') || path.endsWith('.json')) {
		const streets = readJson(path, 'streets file');
		try {
			graph = buildStreetGraph(streets as never);
		} catch (error) {
			throw new InputError(`streets file ${path}: ${(error as Error).message.replace(/^buildStreetGraph: /, '')}`);
		}
	} else {
		const bytes = readInput(path, 'graph file', MAX_GRAPH_BYTES);
		try {
			graph = StreetGraph.fromBuffer(bytes, path);
		} catch (error) {
			throw new InputError(`${(error as Error).message} (rebuild it with npm run build:geodata)`);
		}
	}
	if (graph.edgeCount === 0) throw new InputError(`graph ${path} has no walkable streets`);
	return graph;
}

function loadBarriers(path: string, graph: StreetGraph): PreparedBarriers {
	const fc = readJson(path, 'barriers file');
	try {
		return prepareBarriers(graph.projection, fc as never);
	} catch (error) {
		throw new InputError(`barriers file ${path}: ${(error as Error).message}`);
	}
}

/**
 * The off-street walk: `--off-street <m>` and `--detour <x>` when given, else what the data build
 * chose for the bundled data (static/data/manifest.json beside the default graph), else the
 * roads-only setting.
 */
function offStreetWalk(args: Map<string, string>, graphPath: string): OffStreetWalk {
	let walk: OffStreetWalk = ROADS_ONLY_WALK;
	const manifestPath = join(dirname(graphPath), 'manifest.json');
	if (!args.has('graph') && exists(manifestPath)) {
		const manifest = readJson(manifestPath, 'manifest') as { walk?: Partial<OffStreetWalk> } | null;
		if (typeof manifest?.walk?.detour === 'number' && typeof manifest.walk.maxMetres === 'number') {
			walk = { detour: manifest.walk.detour, maxMetres: manifest.walk.maxMetres };
		}
	}
	return {
		detour: args.has('detour') ? number(args, 'detour', 1, 3) : walk.detour,
		maxMetres: args.has('off-street') ? number(args, 'off-street', 0, 500) : walk.maxMetres
	};
}

// ---- origins ------------------------------------------------------------------------------------

interface Origin {
	/** Position in the input, 0-based. */
	index: number;
	id: string;
	lonLat: [number, number];
}

/** The features of an origins file; each is checked on its own later, so one bad one costs only itself. */
function loadOriginFeatures(path: string): unknown[] {
	const fc = readJson(path, 'origins file') as { type?: unknown; features?: unknown } | null;
	if (typeof fc !== 'object' || fc === null || Array.isArray(fc)) {
		throw new InputError(`origins file ${path} is not a GeoJSON FeatureCollection (it is ${Array.isArray(fc) ? 'an array' : `a ${fc === null ? 'null' : typeof fc}`})`);
	}
	if (fc.type !== 'FeatureCollection') {
		const type = typeof fc.type === 'string' ? `"${printable(fc.type)}"` : 'missing';
		throw new InputError(`origins file ${path} is not a GeoJSON FeatureCollection (its type is ${type})`);
	}
	if (!Array.isArray(fc.features)) {
		throw new InputError(`origins file ${path}: "features" is not an array (it is ${fc.features === null ? 'null' : typeof fc.features})`);
	}
	return fc.features;
}

function originId(f: unknown, index: number): string {
	const feature = f as { id?: unknown; properties?: { id?: unknown } | null } | null;
	const raw = (typeof feature?.properties === 'object' ? feature?.properties?.id : undefined) ?? feature?.id;
	return typeof raw === 'string' || typeof raw === 'number' ? printable(String(raw)) : String(index);
}

/** An origin, or why the feature cannot be one. */
function readOrigin(f: unknown, index: number): Origin | { index: number; id: string; problem: string } {
	const id = originId(f, index);
	const bad = (problem: string) => ({ index, id, problem });
	if (typeof f !== 'object' || f === null || Array.isArray(f)) return bad('is not a GeoJSON Feature');
	const geometry = (f as { geometry?: unknown }).geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
	if (geometry === undefined || geometry === null) return bad('has no geometry');
	if (typeof geometry !== 'object') return bad('has a malformed geometry');
	if (geometry.type !== 'Point') {
		return bad(`is a ${typeof geometry.type === 'string' ? printable(geometry.type) : 'geometry without a type'}, not a Point`);
	}
	const c = geometry.coordinates;
	if (!Array.isArray(c) || c.length < 2) return bad('has malformed Point coordinates (expected [lon, lat])');
	const [lon, lat] = c as unknown[];
	if (typeof lon !== 'number' || typeof lat !== 'number') return bad('has coordinates that are not numbers');
	// JSON cannot say NaN, but 1e400 parses as Infinity
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return bad(`has a non-finite coordinate [${lon}, ${lat}]`);
	if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
		const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180 ? ' (swapped? GeoJSON is [lon, lat])' : '';
		return bad(`has coordinates out of range [${lon}, ${lat}]: longitude must be within ±180°, latitude ±90°${swapped}`);
	}
	return { index, id, lonLat: [lon, lat] };
}

/** Why a point snaps nowhere: the engine's sentence, plus where the network is if the point is outside it. */
function explainMiss(graph: StreetGraph, lonLat: [number, number], message: string): string {
	const { minLon, minLat, maxLon, maxLat } = networkBox(graph);
	const outside = lonLat[0] < minLon || lonLat[0] > maxLon || lonLat[1] < minLat || lonLat[1] > maxLat;
	return outside
		? `${message}; the point is outside the street network (${minLon.toFixed(3)}–${maxLon.toFixed(3)}°E, ${minLat.toFixed(3)}–${maxLat.toFixed(3)}°N)`
		: message;
}

/**
 * Chinese web maps (Amap/Gaode, Tencent) publish GCJ-02, a few hundred metres off WGS84. A point
 * "looks like GCJ-02" when its WGS84 reading snaps and lands much closer to a street. One such
 * point proves little in a dense network, so a batch gives the hint only when most misses agree.
 */
function looksLikeGcj02(graph: StreetGraph, index: SnapIndex, lonLat: [number, number], nearest: number): boolean {
	const wgs = gcoord.transform([lonLat[0], lonLat[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number];
	if (!Number.isFinite(wgs[0]) || !Number.isFinite(wgs[1]) || Math.abs(wgs[0]) > 180 || Math.abs(wgs[1]) > 90) return false;
	const hit = snapToGraph(graph, index, wgs);
	return hit.ok && hit.distance < nearest / 2;
}

const GCJ_HINT = 'if these are GCJ-02 coordinates (Amap/Gaode, Tencent), convert them to WGS84 first';

type Box = { minLon: number; minLat: number; maxLon: number; maxLat: number };
const boxes = new WeakMap<StreetGraph, Box>();
function networkBox(graph: StreetGraph): Box {
	let box = boxes.get(graph);
	if (box) return box;
	box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
	boxes.set(graph, box);
	for (let i = 0; i < graph.nodeCount; i++) {
		const [lon, lat] = graph.nodeLonLat(i);
		box.minLon = Math.min(box.minLon, lon);
		box.maxLon = Math.max(box.maxLon, lon);
		box.minLat = Math.min(box.minLat, lat);
		box.maxLat = Math.max(box.maxLat, lat);
	}
	return box;
}

// ---- output -------------------------------------------------------------------------------------

/** Set when the reader closed stdout early (`| head`): stop computing and exit quietly. */
let outputClosed = false;

/**
 * A FeatureCollection written to stdout feature by feature, waiting for the pipe to drain, so a batch
 * of any size holds one origin's features in memory, not the whole output as one string.
 */
class FeatureStream {
	private count = 0;
	private readonly out = process.stdout;
	/** Output not yet written: origins are written in chunks of about {@link FLUSH_CHARS}, not one system call each. */
	private pending = '';

	async open(): Promise<void> {
		this.pending = '{"type":"FeatureCollection","features":[\n';
		await this.flush();
	}

	/** One origin's features, appended to the pending chunk; written once the chunk is large. */
	features(features: readonly Feature[]): Promise<void> | undefined {
		let chunk = '';
		for (const feature of features) {
			// rounded in place (the engine's features are fresh for each origin), then stringified
			// without a replacer: a replacer call per number cost more than the engine's contouring
			roundNumbers(feature);
			chunk += (this.count++ === 0 ? '' : ',\n') + JSON.stringify(feature);
		}
		this.pending += chunk;
		// no promise (and no await) per origin: only a write waits for the pipe to drain
		return this.pending.length >= FLUSH_CHARS ? this.flush() : undefined;
	}

	async close(): Promise<void> {
		this.pending += '\n]}\n';
		await this.flush();
	}

	private flush(): Promise<void> {
		const chunk = this.pending;
		this.pending = '';
		if (outputClosed || chunk === '') return Promise.resolve();
		if (this.out.write(chunk)) return Promise.resolve();
		return new Promise((resolve) => {
			// 'drain' never comes once the stream has failed: the error handler ends the process
			this.out.once('drain', resolve);
		});
	}
}

/** Characters of output gathered before a write: ~1 MB, so a batch is a few hundred writes, still flat in memory. */
const FLUSH_CHARS = 1 << 20;

/** 6 decimals (≈ 0.1 m) is finer than the data's accuracy and keeps batches small. */
function roundNumbers(value: unknown): unknown {
	if (typeof value === 'number') return round(value, COORDINATE_DECIMALS);
	if (Array.isArray(value)) {
		// coordinate arrays are most of the output: round them without recursing per number
		for (let i = 0; i < value.length; i++) {
			const v = value[i];
			value[i] = typeof v === 'number' ? (Number.isFinite(v) ? Math.round(v * SCALE) / SCALE : round(v, COORDINATE_DECIMALS)) : roundNumbers(v);
		}
		return value;
	}
	if (typeof value === 'object' && value !== null) {
		const o = value as Record<string, unknown>;
		for (const key of Object.keys(o)) o[key] = roundNumbers(o[key]);
	}
	return value;
}
/** round(v, 6) is Math.round(v · 10^6) / 10^6 (scripts/geodata/round.ts): the same arithmetic, inlined. */
const SCALE = 10 ** COORDINATE_DECIMALS;

function onOutputError(error: NodeJS.ErrnoException): void {
	if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
		// the reader has all it wanted (`| head`): not an error
		outputClosed = true;
		process.exit(EXIT_OK);
	}
	const problem =
		error.code === 'ENOSPC' ? 'no space left on device'
		: error.code === 'EROFS' ? 'read-only file system'
		: error.code === 'EBADF' ? 'stdout is closed'
		: fsProblem(error);
	process.stderr.write(`isochrone: cannot write the output: ${problem}\n`);
	process.exit(EXIT_FAILED);
}

// ---- timing -------------------------------------------------------------------------------------

/**
 * `--timing`: where a batch's time goes — start-up (node, the script, the graph and its index, up to
 * the first origin), the engine, and writing the GeoJSON — and the time per origin, on stderr.
 */
class Clock {
	private engineMs = 0;
	private outputMs = 0;
	private readonly startupMs = performance.now();
	/** CPU time of this process (user + system) at start-up, µs: wall time alone hides a busy machine. */
	private readonly startupCpu = process.cpuUsage();
	constructor(
		private readonly on: boolean,
		private readonly graph: StreetGraph
	) {}
	engine(ms: number): void {
		this.engineMs += ms;
	}
	output(ms: number): void {
		this.outputMs += ms;
	}
	report(origins: number): void {
		if (!this.on) return;
		const total = performance.now();
		const cpu = process.cpuUsage(this.startupCpu);
		const cpuMs = (cpu.user + cpu.system) / 1000;
		const per = (ms: number) => (origins > 0 ? (ms / origins).toFixed(3) : '—');
		process.stderr.write(
			`isochrone: timing: ${origins} origins on ${this.graph.nodeCount} nodes · start-up ${this.startupMs.toFixed(0)} ms · ` +
				`engine ${this.engineMs.toFixed(0)} ms (${per(this.engineMs)} ms/origin) · output ${this.outputMs.toFixed(0)} ms (${per(this.outputMs)} ms/origin) · ` +
				`after start-up ${(total - this.startupMs).toFixed(0)} ms wall (${per(total - this.startupMs)} ms/origin), ${cpuMs.toFixed(0)} ms CPU (${per(cpuMs)} ms/origin) · ` +
				`overall ${per(total)} ms/origin\n`
		);
	}
}

// ---- main ---------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(USAGE + '\n');
		return EXIT_OK;
	}
	const args = parseArgs(argv);
	const minutesParsed = parseMinutesList(args.get('minutes') ?? '5,10,15');
	if (!minutesParsed.ok) throw new UsageError(`--minutes: ${minutesParsed.message}`);
	const speedKmh = args.has('speed') ? parseNumber(args, 'speed') : DEFAULT_SPEED_KMH;
	try {
		assertWalkingSpeed(speedKmh);
	} catch (error) {
		throw new UsageError(`--speed: ${(error as Error).message}`, { cause: error });
	}
	const batch = args.has('origins');
	if (batch && (args.has('lon') || args.has('lat'))) throw new UsageError('give --lon and --lat, or --origins, not both');
	if (!batch && !args.has('lon') && !args.has('lat')) throw new UsageError('give --lon and --lat, or --origins');
	const single: Origin | null = batch
		? null
		: { index: 0, id: 'origin', lonLat: [number(args, 'lon', -180, 180), number(args, 'lat', -90, 90)] };
	const features = batch ? loadOriginFeatures(args.get('origins')!) : [];

	const graphPath =
		args.get('graph') ??
		(exists('static/data/streets.graph.bin') ? 'static/data/streets.graph.bin' : 'geodata/streets.geojson');
	const graph = loadGraph(graphPath);
	const index = buildSnapIndex(graph);
	const barrierPath = args.get('barriers') ?? 'geodata/water.geojson';
	const barriers = args.has('barriers') || exists(barrierPath) ? loadBarriers(barrierPath, graph) : null;
	const walk = offStreetWalk(args, graphPath);
	const clock = new Clock(args.has('timing'), graph);

	let misses = 0;
	let gcjMisses = 0;
	const compute = (origin: Origin): Feature[] | string => {
		let result;
		const t0 = performance.now();
		try {
			result = computeIsochrone(graph, index, {
				origin: origin.lonLat,
				minutes: minutesParsed.minutes,
				speedKmh,
				barriers,
				includeStreets: false,
				offStreetDetour: walk.detour,
				maxOffStreet: walk.maxMetres
			});
		} catch (error) {
			return printable((error as Error).message);
		} finally {
			clock.engine(performance.now() - t0);
		}
		if (!result.ok) {
			misses++;
			if (looksLikeGcj02(graph, index, origin.lonLat, result.nearestDistance)) gcjMisses++;
			return explainMiss(graph, origin.lonLat, result.message);
		}
		const out: Feature[] = [];
		for (const band of [...result.bands.features].reverse()) {
			out.push({ ...band, properties: { ...band.properties, origin: origin.id, speed_kmh: speedKmh } });
		}
		out.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: result.snapped.point },
			properties: { role: 'snapped-origin', origin: origin.id, snap_distance_m: round(result.snapped.distance, 1) }
		});
		return out;
	};

	const stream = new FeatureStream();
	if (single) {
		// on its own, an origin that cannot be used is an error, and nothing is printed
		const out = compute(single);
		if (typeof out === 'string') {
			throw new InputError(`${out} (origin ${single.lonLat.join(', ')})${gcjMisses > 0 ? `; ${GCJ_HINT}` : ''}`);
		}
		await stream.open();
		const t0 = performance.now();
		await stream.features(out);
		await stream.close();
		clock.output(performance.now() - t0);
		clock.report(1);
		return EXIT_OK;
	}

	let skipped = 0;
	const skip = (index: number, id: string, problem: string): void => {
		skipped++;
		process.stderr.write(`isochrone: skipped origin "${id}": ${problem} (feature ${index})\n`);
	};
	await stream.open();
	for (let i = 0; i < features.length && !outputClosed; i++) {
		const origin = readOrigin(features[i], i);
		if ('problem' in origin) {
			skip(i, origin.id, origin.problem);
			continue;
		}
		const out = compute(origin);
		if (typeof out === 'string') {
			skip(i, origin.id, out);
			continue;
		}
		const t0 = performance.now();
		const written = stream.features(out);
		if (written) await written;
		clock.output(performance.now() - t0);
	}
	const t1 = performance.now();
	await stream.close();
	clock.output(performance.now() - t1);
	clock.report(features.length - skipped);
	if (gcjMisses > 0 && gcjMisses >= misses / 2) {
		process.stderr.write(`isochrone: ${gcjMisses} of the ${misses} origins with no street nearby would snap if read as GCJ-02: ${GCJ_HINT}\n`);
	}
	if (skipped > 0) {
		process.stderr.write(`isochrone: ${skipped} of ${features.length} origins skipped (exit code ${EXIT_SKIPPED})\n`);
		return EXIT_SKIPPED;
	}
	return EXIT_OK;
}

function fail(error: unknown): void {
	if (error instanceof UsageError) {
		process.stderr.write(`isochrone: ${error.message}\n${USAGE}\n`);
	} else if (error instanceof InputError) {
		process.stderr.write(`isochrone: ${error.message}\n`);
	} else {
		// a bug, or the machine (out of memory …): still one line, the stack only on request
		const message = error instanceof Error ? error.message : String(error);
		const debug = process.env.ISOCHRONE_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
		process.stderr.write(`isochrone: unexpected error: ${printable(message)}${debug}\n`);
	}
	process.exitCode = EXIT_FAILED;
}

process.stdout.on('error', onOutputError);
const die = (error: unknown): void => {
	fail(error);
	process.exit(EXIT_FAILED);
};
process.on('uncaughtException', die);
process.on('unhandledRejection', die);
// exitCode, not exit(): exit() could cut off output still queued for a pipe
main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
}, fail);
