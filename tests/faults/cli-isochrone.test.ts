/**
 * `npm run isochrone` on bad input and hostile surroundings: every case ends within a deadline with
 * the documented exit code (0 ok · 1 nothing computed · 2 some origins skipped), a one-line message
 * naming the problem, and no stack trace.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import type { FeatureCollection } from 'geojson';
import gcoord from 'gcoord';
import { buildSyntheticGraph, type StreetGraph } from '../../src/lib/graph/street-graph';
import { mulberry32 } from '../../src/lib/graph/random';

const DEADLINE_MS = 20_000;
const STACK = /\n\s+at /;

interface Run {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Run a child process with a deadline: a hang is killed and fails the test rather than the suite. */
function runWithDeadline(command: string, args: string[], label: string, env?: NodeJS.ProcessEnv): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${label} did not finish within ${DEADLINE_MS} ms`));
		}, DEADLINE_MS);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** Run the CLI with a deadline. */
function cli(args: string[]): Promise<Run> {
	return runWithDeadline(process.execPath, ['--import', 'tsx', 'scripts/isochrone.ts', ...args], `isochrone ${args.join(' ')}`, {
		...process.env,
		ISOCHRONE_DEBUG: ''
	});
}

/** Run a shell pipeline (bash, for PIPESTATUS) with a deadline. */
function shell(script: string): Promise<Run> {
	return runWithDeadline('bash', ['-c', script], script);
}

/** The common assertions: exit code, one clear message, no stack, nothing half-printed. */
function expectFailure(run: Run, message: RegExp | string, code = 1): void {
	expect(run.signal, run.stderr).toBeNull();
	expect(run.code, run.stderr).toBe(code);
	if (typeof message === 'string') expect(run.stderr).toContain(message);
	else expect(run.stderr).toMatch(message);
	expect(run.stderr).not.toMatch(STACK);
	expect(run.stderr).not.toMatch(/is not a function|Cannot read properties|RangeError|TypeError/);
	if (code === 1) expect(run.stdout).toBe('');
}

let dir = '';
let graph: StreetGraph;
let graphBin = '';
const file = (name: string, content: string | Uint8Array): string => {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
};
const fc = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
const point = (coordinates: unknown, id?: string) => ({
	type: 'Feature',
	properties: id ? { id } : {},
	geometry: { type: 'Point', coordinates }
});

// Graph sections, after the layout table in graph-layout.ts.
const align8 = (x: number): number => Math.ceil(x / 8) * 8;
function corrupt(edit: (view: DataView, s: Record<string, number>) => void): Uint8Array {
	const b = new Uint8Array(graph.toBuffer().slice(0));
	const n = graph.nodeCount;
	const m = graph.edgeCount;
	const lonLat = 48;
	const xy = align8(lonLat + 16 * n);
	const offsets = align8(xy + 8 * n);
	const targets = align8(offsets + 4 * (n + 1));
	const lengths = align8(targets + 4 * m);
	edit(new DataView(b.buffer), { lonLat, xy, offsets, targets, lengths, n, m });
	return b;
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'isochrone-faults-'));
	// small (280 m across), so a batch of thousands runs in seconds and GCJ-02 points fall outside
	graph = buildSyntheticGraph({ seed: 11, cols: 8, rows: 8, spacing: 40, dropRate: 0 });
	graphBin = file('small.graph.bin', new Uint8Array(graph.toBuffer().slice(0)));
	file('none.geojson', fc([])); // no barriers: the small graph is not in the district
});

const centre = (): [number, number] => graph.nodeLonLat(27);
const G = () => ['--graph', graphBin, '--barriers', join(dir, 'none.geojson')];

describe('isochrone CLI: files', { timeout: 60_000 }, () => {
	beforeAll(() => {
		mkdirSync(join(dir, 'a-directory'));
	});

	it('works on the small graph (the baseline for every case below)', async () => {
		const run = await cli(['--lon', String(centre()[0]), '--lat', String(centre()[1]), '--minutes', '5', ...G()]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect((JSON.parse(run.stdout) as FeatureCollection).features).toHaveLength(2);
	});

	it('a missing origins file', async () => {
		expectFailure(await cli(['--origins', join(dir, 'nope.geojson'), ...G()]), /origins file .*nope\.geojson: no such file$/m);
	});

	it('a missing graph file', async () => {
		expectFailure(await cli(['--lon', '121.418', '--lat', '31.222', '--graph', join(dir, 'nope.bin')]), /graph file .*nope\.bin: no such file/);
	});

	it('a directory given as the origins file (EISDIR)', async () => {
		expectFailure(await cli(['--origins', join(dir, 'a-directory'), ...G()]), /origins file .*a-directory is a directory, not a file/);
	});

	it('a directory given as the graph (EISDIR)', async () => {
		expectFailure(await cli(['--lon', '121.418', '--lat', '31.222', '--graph', join(dir, 'a-directory')]), /graph file .*a-directory is a directory, not a file/);
	});

	it('a directory given as the barriers', async () => {
		expectFailure(await cli(['--lon', '121.418', '--lat', '31.222', '--graph', graphBin, '--barriers', join(dir, 'a-directory')]), /barriers file .*a-directory is a directory/);
	});

	it('a named pipe with no writer as the origins file (would block forever on read)', async () => {
		const fifo = join(dir, 'fifo');
		execFileSync('mkfifo', [fifo]);
		expectFailure(await cli(['--origins', fifo, ...G()]), /origins file .*fifo is a named pipe, not a regular file/);
	});

	it.skipIf(process.getuid?.() === 0)('an unreadable origins file (EACCES; root reads it anyway, so skipped as root)', async () => {
		const path = file('secret.geojson', fc([]));
		execFileSync('chmod', ['000', path]);
		expectFailure(await cli(['--origins', path, ...G()]), /permission denied/);
	});

	it('an empty origins file', async () => {
		expectFailure(await cli(['--origins', file('empty.geojson', ''), ...G()]), /origins file .*empty\.geojson is empty/);
		expectFailure(await cli(['--origins', file('blank.geojson', ' \n\t\n'), ...G()]), /blank\.geojson is empty/);
	});

	it('truncated JSON', async () => {
		const text = fc([point(centre(), 'a'), point(centre(), 'b')]);
		expectFailure(await cli(['--origins', file('truncated.geojson', text.slice(0, text.length / 2)), ...G()]), /truncated\.geojson is not valid JSON \(/);
	});

	it('JSON that is not a FeatureCollection', async () => {
		const cases: [string, RegExp][] = [
			['[1, 2]', /is not a GeoJSON FeatureCollection \(it is an array\)/],
			['42', /is not a GeoJSON FeatureCollection \(it is a number\)/],
			['null', /is not a GeoJSON FeatureCollection \(it is a null\)/],
			[JSON.stringify(point(centre())), /is not a GeoJSON FeatureCollection \(its type is "Feature"\)/],
			['{"features": []}', /is not a GeoJSON FeatureCollection \(its type is missing\)/]
		];
		for (const [k, [text, message]] of cases.entries()) {
			expectFailure(await cli(['--origins', file(`not-fc-${k}.geojson`, text), ...G()]), message);
		}
	});

	it('features that is not an array', async () => {
		for (const [k, features] of ['{}', '"points"', 'null', '{"0": {}}'].entries()) {
			const path = file(`features-${k}.geojson`, `{"type":"FeatureCollection","features":${features}}`);
			expectFailure(await cli(['--origins', path, ...G()]), /"features" is not an array/);
		}
	});

	it('an origins file with a byte-order mark is read', async () => {
		const run = await cli(['--origins', file('bom.geojson', '\ufeff' + fc([point(centre(), 'a')])), '--minutes', '5', ...G()]);
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as FeatureCollection).features).toHaveLength(2);
	});

	it('a streets .geojson graph that is not valid JSON, or not streets', async () => {
		expectFailure(await cli(['--lon', '121.418', '--lat', '31.222', '--graph', file('bad-streets.geojson', '{"type":')]), /streets file .*bad-streets\.geojson is not valid JSON/);
		expectFailure(await cli(['--lon', '121.418', '--lat', '31.222', '--graph', file('array-streets.geojson', '[]')]), /streets file .*: expected a GeoJSON FeatureCollection/);
		expectFailure(await cli(['--lon', '121.418', '--lat', '31.222', '--graph', file('no-streets.geojson', fc([]))]), /has no walkable streets/);
	});

	it('output to a full disk (/dev/full)', async () => {
		const run = await shell(
			`${process.execPath} --import tsx scripts/isochrone.ts --lon ${centre()[0]} --lat ${centre()[1]} --graph ${graphBin} --barriers ${join(dir, 'none.geojson')} > /dev/full`
		);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('isochrone: cannot write the output: no space left on device');
		expect(run.stderr).not.toMatch(STACK);
	});

	it('stdout closed early (EPIPE): `… | head -c 100` exits quietly', async () => {
		const origins = Array.from({ length: 400 }, (_, i) => point(centre(), `o${i}`));
		const path = file('many.geojson', fc(origins));
		const run = await shell(
			`${process.execPath} --import tsx scripts/isochrone.ts --origins ${path} --graph ${graphBin} --barriers ${join(dir, 'none.geojson')} | head -c 100; echo " status=\${PIPESTATUS[0]}"`
		);
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(/^\{"type":"FeatureCollection","features":\[/);
		expect(run.stdout).toMatch(/ status=0\n$/);
	});
});

describe('isochrone CLI: corrupt graph files', { timeout: 60_000 }, () => {
	const cases: [string, () => Uint8Array, RegExp][] = [
		['NaN coordinate', () => corrupt((v, s) => v.setFloat64(s.lonLat + 16 * 17, NaN, true)), /node 17 has a non-finite coordinate/],
		['offsets not monotone', () => corrupt((v, s) => v.setUint32(s.offsets + 4 * 5, 0xffffff00, true)), /edge offsets are not monotone at node 5/],
		['offsets past the end', () => corrupt((v, s) => v.setUint32(s.offsets + 4 * s.n, s.m + 4, true)), /edge offsets end at \d+, but there are \d+ edges/],
		['target out of range', () => corrupt((v, s) => v.setUint32(s.targets + 4 * 12, 9999, true)), /target 9999 of edge 12 is out of range \(64 nodes\)/],
		['negative length', () => corrupt((v, s) => v.setFloat32(s.lengths + 4 * 3, -5, true)), /edge 3 has a negative length/],
		['NaN length', () => corrupt((v, s) => v.setFloat32(s.lengths + 4 * 3, NaN, true)), /edge 3 has a non-finite length/],
		['header size disagrees with the file', () => corrupt((v) => v.setUint32(40, 5678, true)), /it is \d+ bytes but its header says 5678/],
		['node count disagrees with the sizes', () => corrupt((v) => v.setUint32(8, 0x7fffffff, true)), /its header says 2147483647 nodes/],
		['truncated', () => new Uint8Array(graph.toBuffer().slice(0, 1000)), /truncated or corrupt: it is 1000 bytes/],
		['wrong magic (a zip file)', () => corrupt((v) => v.setUint32(0, 0x04034b50, true)), /not a street graph buffer/],
		['wrong version', () => corrupt((v) => v.setUint32(4, 9, true)), /unsupported format version 9/],
		['empty file', () => new Uint8Array(0), /buffer of 0 bytes is too short/]
	];
	for (const [what, bytes, message] of cases) {
		it(`--graph: ${what}`, async () => {
			const path = file(`corrupt-${what.replace(/\W+/g, '-')}.bin`, bytes());
			const run = await cli(['--lon', String(centre()[0]), '--lat', String(centre()[1]), '--graph', path]);
			expectFailure(run, message);
			expect(run.stderr).toContain(path);
		});
	}
});

describe('isochrone CLI: arguments', { timeout: 60_000 }, () => {
	const at = () => ['--lon', String(centre()[0]), '--lat', String(centre()[1])];
	const cases: [string, () => string[], RegExp | string][] = [
		['--minutes letters', () => ['--minutes', 'five'], '--minutes: "five" is not a number of minutes'],
		['--minutes empty', () => ['--minutes', ''], '--minutes: Give at least one band'],
		['--minutes huge', () => ['--minutes', '1e400'], '--minutes: "1e400" is not a number of minutes'],
		['--minutes out of range', () => ['--minutes', '5,90'], 'Bands must be between 1 and 60 minutes; got 90'],
		['--minutes too many bands', () => ['--minutes', '1,2,3,4,5,6,7'], 'At most 6 bands'],
		['--speed letters', () => ['--speed', 'fast'], '--speed must be a number, got "fast"'],
		['--speed empty (Number("") is 0)', () => ['--speed', ''], '--speed must be a number, got ""'],
		['--speed huge', () => ['--speed', '1e400'], '--speed must be a number, got "1e400"'],
		['--speed hex', () => ['--speed', '0x4'], '--speed must be a number, got "0x4"'],
		['--speed out of range', () => ['--speed', '40'], '--speed: Walking speed must be between 0.5 and 10 km/h, got 40'],
		['--speed negative', () => ['--speed', '-4'], '--speed: Walking speed must be between'],
		['--off-street huge', () => ['--off-street', '1e9'], '--off-street must be between 0 and 500'],
		['--detour letters', () => ['--detour', 'x'], '--detour must be a number']
	];
	for (const [what, extra, message] of cases) {
		it(what, async () => expectFailure(await cli([...at(), ...extra(), ...G()]), message));
	}
	it('--lon empty (was read as 0)', async () => {
		expectFailure(await cli(['--lon', '', '--lat', '31.2', ...G()]), '--lon must be a number, got ""');
	});
	it('--lat huge', async () => {
		expectFailure(await cli(['--lon', '121.4', '--lat', '1e400', ...G()]), '--lat must be a number, got "1e400"');
		expectFailure(await cli(['--lon', '121.4', '--lat', '1e300', ...G()]), '--lat must be between -90 and 90');
	});
	it('--lat missing', async () => expectFailure(await cli(['--lon', '121.4', ...G()]), '--lat is missing'));
	it('an option given twice', async () => expectFailure(await cli([...at(), '--lon', '1', ...G()]), '--lon is given twice'));
	it('an unknown option', async () => expectFailure(await cli([...at(), '--minute', '5', ...G()]), 'unknown option --minute'));
	it('both --lon/--lat and --origins', async () => {
		expectFailure(await cli([...at(), '--origins', join(dir, 'none.geojson'), ...G()]), 'not both');
	});
	it('a point far outside the network', async () => {
		expectFailure(await cli(['--lon', '121.9', '--lat', '31.5', ...G()]), /No walkable street within 250 m .*outside the street network \(121\.\d+–121\.\d+°E/);
	});
	it('GCJ-02 coordinates (Amap) of a network point snap nowhere, with a hint', async () => {
		const gcj = gcoord.transform(centre(), gcoord.WGS84, gcoord.GCJ02) as [number, number];
		expectFailure(await cli(['--lon', String(gcj[0]), '--lat', String(gcj[1]), ...G()]), /No walkable street within 250 m.*convert them to WGS84 first/);
	});
	it('a batch of GCJ-02 points gets one hint', async () => {
		const gcj = [27, 0, 63].map((i) => point(gcoord.transform(graph.nodeLonLat(i), gcoord.WGS84, gcoord.GCJ02), `amap-${i}`));
		const run = await cli(['--origins', file('gcj.geojson', fc(gcj)), ...G()]);
		expectFailure(run, /isochrone: 3 of the 3 origins with no street nearby would snap if read as GCJ-02: .*convert them to WGS84 first\n/, 2);
		expect(JSON.parse(run.stdout)).toEqual({ type: 'FeatureCollection', features: [] });
	});
	it('--help prints the usage and the exit codes', async () => {
		const run = await cli(['--help']);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/exit 0: .* 1: .* 2: some origins skipped/);
	});
});

describe('isochrone CLI: batches', { timeout: 60_000 }, () => {
	it('reports each bad origin with its index and id, skips it, and exits 2', async () => {
		const features = [
			point(centre(), 'good-1'),
			{ type: 'Feature', properties: { id: 'no-geometry' } },
			{ type: 'Feature', properties: { id: 'null-geometry' }, geometry: null },
			{ type: 'Feature', properties: { id: 'a-line' }, geometry: { type: 'LineString', coordinates: [centre(), centre()] } },
			null,
			'a string',
			point('121.4,31.2', 'string-coordinates'),
			point(['121.4', '31.2'], 'text-numbers'),
			point([121.4], 'one-number'),
			point([200, 31.2], 'lon-200'),
			point([31.2, 121.4], 'swapped'),
			point([121.9, 31.5], 'outside-the-network'),
			point(centre(), 'good-2')
		];
		// 1e400 (Infinity once parsed) and NaN cannot be written by JSON.stringify
		const text = `${fc(features).slice(0, -2)},{"type":"Feature","properties":{"id":"huge"},"geometry":{"type":"Point","coordinates":[1e400,31.2]}}]}`;
		const run = await cli(['--origins', file('mixed.geojson', text), '--minutes', '5', ...G()]);
		expect(run.code, run.stderr).toBe(2);
		expect(run.stderr).not.toMatch(STACK);
		const out = JSON.parse(run.stdout) as FeatureCollection;
		expect(new Set(out.features.map((f) => f.properties?.origin))).toEqual(new Set(['good-1', 'good-2']));
		const lines = run.stderr.trim().split('\n');
		const expected: [string, number, RegExp][] = [
			['no-geometry', 1, /has no geometry/],
			['null-geometry', 2, /has no geometry/],
			['a-line', 3, /is a LineString, not a Point/],
			['4', 4, /is not a GeoJSON Feature/],
			['5', 5, /is not a GeoJSON Feature/],
			['string-coordinates', 6, /malformed Point coordinates/],
			['text-numbers', 7, /coordinates that are not numbers/],
			['one-number', 8, /malformed Point coordinates/],
			['lon-200', 9, /out of range \[200, 31\.2\]/],
			['swapped', 10, /out of range .*swapped\? GeoJSON is \[lon, lat\]/],
			['outside-the-network', 11, /No walkable street within 250 m.*outside the street network/],
			['huge', 13, /non-finite coordinate \[Infinity, 31\.2\]/]
		];
		for (const [id, index, problem] of expected) {
			const line = lines.find((l) => l.startsWith(`isochrone: skipped origin "${id}": `));
			expect(line, id).toBeDefined();
			expect(line).toMatch(problem);
			expect(line).toMatch(new RegExp(`\\(feature ${index}\\)$`));
		}
		expect(lines.at(-1)).toBe('isochrone: 12 of 14 origins skipped (exit code 2)');
	});

	it('an empty batch is an empty FeatureCollection', async () => {
		const run = await cli(['--origins', file('no-origins.geojson', fc([])), ...G()]);
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toEqual({ type: 'FeatureCollection', features: [] });
	});

	it('streams a batch of 3,000 origins as one valid FeatureCollection', async () => {
		const rand = mulberry32(3);
		const [lon, lat] = centre();
		const origins = Array.from({ length: 3000 }, (_, i) =>
			point([lon + (rand() - 0.5) * 0.002, lat + (rand() - 0.5) * 0.002], `o${i}`)
		);
		const run = await cli(['--origins', file('batch.geojson', fc(origins)), '--minutes', '2,4', ...G()]);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toBe('');
		const out = JSON.parse(run.stdout) as FeatureCollection;
		expect(out.type).toBe('FeatureCollection');
		// per origin: two bands and the snapped origin, in input order
		expect(out.features).toHaveLength(3 * 3000);
		expect(out.features[0].properties?.origin).toBe('o0');
		expect(out.features.at(-1)?.properties).toMatchObject({ role: 'snapped-origin', origin: 'o2999' });
	});
});
