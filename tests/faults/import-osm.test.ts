/**
 * Fault suite for `npm run import:osm` (issue 8): bad input, bad arguments, bad output locations and
 * failures while writing. Every failing case must exit 1 with one stderr line that names the file and
 * the problem, print no stack trace, finish before its deadline, and leave --out byte for byte as it
 * was (every file hashed before and after, with its mtime). The few cases that must succeed say so.
 *
 * Each CLI case runs the real command (`tsx scripts/import-osm.ts`) in a child process with its own
 * --out folder; big and random inputs are generated here, seeded, in a temp dir. The failures while
 * swapping folders are injected in-process through the `SwapHook` seam of `run()`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import gcoord from 'gcoord';
import type { FeatureCollection } from 'geojson';
import { encodeOsmPbf, type OsmElement } from '../fixtures/osm/make-pbf';
import { run, SWAP_STEPS } from '../../scripts/import-osm';
import type { SwapHook, SwapStep } from '../../scripts/import-osm';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'tests', 'fixtures', 'osm');
const TSX = join(root, 'node_modules', '.bin', 'tsx');
const OUT_FILES = ['streets.geojson', 'water.geojson', 'green.geojson', 'amenities.geojson'];
/** A run killed after this long hung; generous, because the cases share two CPUs with other suites. */
const DEADLINE_MS = 90_000;
const STACK_LINE = /^\s+at /m;


const tinyBytes = {
	xml: readFileSync(join(fixtures, 'tiny.osm')),
	json: readFileSync(join(fixtures, 'tiny.overpass.json')),
	pbf: readFileSync(join(fixtures, 'tiny.osm.pbf'))
};
const tinyElements = (): OsmElement[] => (JSON.parse(tinyBytes.json.toString('utf8')) as { elements: OsmElement[] }).elements;
const overpass = (elements: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ version: 0.6, ...extra, elements });
const moveNodes = (f: (lon: number, lat: number) => [number, number]) =>
	tinyElements().map((e) => {
		if (e.type !== 'node') return e;
		const [lon, lat] = f(e.lon!, e.lat!);
		return { ...e, lon, lat };
	});

/** mulberry32: small, seeded, good enough for test bytes. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const randomBytes = (n: number, seed: number) => {
	const r = random(seed);
	return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
};

/**
 * A synthetic grid of streets inside Changning: `side`² nodes (jittered, seeded), one residential way
 * per row and one footway per column.
 */
function grid(side: number, seed: number): string {
	const r = random(seed);
	const parts: string[] = [];
	const id = (i: number, j: number) => i * side + j + 1;
	for (let i = 0; i < side; i++) {
		for (let j = 0; j < side; j++) {
			const lat = (31.18 + (0.06 * i) / side + r() * 1e-5).toFixed(7);
			const lon = (121.33 + (0.1 * j) / side + r() * 1e-5).toFixed(7);
			parts.push(`{"type":"node","id":${id(i, j)},"lat":${lat},"lon":${lon}}`);
		}
	}
	let way = 1;
	for (let i = 0; i < side; i++) {
		const nodes = Array.from({ length: side }, (_, j) => id(i, j));
		parts.push(JSON.stringify({ type: 'way', id: way++, nodes, tags: { highway: 'residential' } }));
	}
	for (let j = 0; j < side; j++) {
		const nodes = Array.from({ length: side }, (_, i) => id(i, j));
		parts.push(JSON.stringify({ type: 'way', id: way++, nodes, tags: { highway: 'footway' } }));
	}
	return `{"version":0.6,"elements":[\n${parts.join(',\n')}\n]}\n`;
}

/** Every entry under `dir` (recursively): kind, content hash and mtime. Missing folder → null. */
function snapshot(dir: string): Record<string, string> | null {
	if (!existsSync(dir)) return null;
	const out: Record<string, string> = {};
	const walk = (path: string, rel: string) => {
		const st = lstatSync(path);
		if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(path)}`;
		else if (st.isDirectory()) {
			out[rel] = `dir ${st.mode.toString(8)}`;
			for (const name of readdirSync(path).sort()) walk(join(path, name), `${rel}/${name}`);
		} else out[rel] = `file ${createHash('sha256').update(readFileSync(path)).digest('hex')} ${st.mtimeMs}`;
	};
	walk(dir, '.');
	return out;
}

/** An --out folder from "an earlier import": the four files, a README and a sub-folder of notes. */
function previousImport(dir: string): void {
	mkdirSync(join(dir, 'notes'), { recursive: true });
	for (const f of OUT_FILES) writeFileSync(join(dir, f), `{"type":"FeatureCollection","features":[]} previous ${f}\n`);
	writeFileSync(join(dir, 'README.md'), 'where this import came from\n');
	writeFileSync(join(dir, 'notes', 'query.overpassql'), '[out:json];\n');
}

const leftovers = (parent: string) => readdirSync(parent).filter((n) => n.startsWith('.import-osm-'));

interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
}

function runCli(args: string[]): Promise<CliResult> {
	return new Promise((done) => {
		execFile(TSX, ['scripts/import-osm.ts', ...args], { cwd: root, encoding: 'utf8', timeout: DEADLINE_MS, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
			const e = error as (Error & { code?: number | string; killed?: boolean; signal?: string }) | null;
			done({
				status: e === null ? 0 : typeof e.code === 'number' ? e.code : null,
				stdout,
				stderr,
				timedOut: e?.killed === true || e?.signal === 'SIGTERM'
			});
		});
	});
}

/** Runs `tasks` at most `n` at a time (two CPUs: more would only slow each tsx start). */
async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const k = next++;
			results[k] = await tasks[k]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
	return results;
}

interface Case {
	name: string;
	/** Input file name in the temp dir and its bytes; or `path` for an existing path. */
	input?: { name: string; bytes: Uint8Array | string } | { path: string };
	/** Arguments; `$IN` is the input path, `$OUT` the case's own --out folder (prefilled). Default: `$IN --out $OUT`. */
	args?: string[];
	/** What stderr must say (failures) — or, for a case that must import, `ok` with what stdout must say. */
	problem?: RegExp;
	ok?: RegExp;
	/** The file whose name the message must carry (default: the input path; null: no file involved). */
	names?: string | null;
	/** Prepares odd --out structures; returns the path whose contents must not change (default: $OUT). */
	setup?: (out: string, dir: string) => string;
}

let tmp: string;
const cases: Case[] = [];
const results = new Map<string, { r: CliResult; before: Record<string, string> | null; watched: string; input: string; out: string }>();

const xmlText = tinyBytes.xml.toString('utf8');
const jsonText = tinyBytes.json.toString('utf8');
const at = (b: Uint8Array, k: number) => b.subarray(0, k);
const XML_CUTS = [1, 40, Math.floor(xmlText.length / 2), xmlText.length - 8];
const JSON_CUTS = [1, 60, Math.floor(jsonText.length / 2), jsonText.length - 4];
const PBF_CUTS = [3, 30, 200, Math.floor(tinyBytes.pbf.length / 2), tinyBytes.pbf.length - 1];
const DEEP = 100_000;

cases.push(
	{ name: 'empty file', input: { name: 'empty.osm', bytes: '' }, problem: /the file is empty/ },
	...XML_CUTS.map((k) => ({
		name: `XML truncated at byte ${k}`,
		input: { name: `cut-${k}.osm`, bytes: at(tinyBytes.xml, k) },
		problem: /malformed XML|unknown format/
	})),
	...JSON_CUTS.map((k) => ({
		name: `Overpass JSON truncated at byte ${k}`,
		input: { name: `cut-${k}.json`, bytes: at(tinyBytes.json, k) },
		problem: /invalid JSON/
	})),
	...PBF_CUTS.map((k) => ({
		name: `PBF truncated at byte ${k}`,
		input: { name: `cut-${k}.osm.pbf`, bytes: at(tinyBytes.pbf, k) },
		problem: k < 13 ? /unknown format/ : /truncated (or corrupt )?PBF/
	})),
	{ name: 'random bytes (64 KiB, seeded)', input: { name: 'random.osm.pbf', bytes: randomBytes(65536, 8) }, problem: /unknown format/ },
	{
		name: 'a PBF header followed by random bytes',
		input: { name: 'header-then-noise.osm.pbf', bytes: Buffer.concat([tinyBytes.pbf.subarray(0, 200), randomBytes(4096, 9)]) },
		problem: /(corrupt|truncated) PBF/
	},
	{
		name: 'wrong extension: Overpass JSON named .osm.pbf imports (format read from the content)',
		input: { name: 'really-json.osm.pbf', bytes: tinyBytes.json },
		ok: /really-json\.osm\.pbf \(json: 61 nodes/
	},
	{
		name: 'wrong extension: GeoJSON named .osm',
		input: { name: 'geojson.osm', bytes: '{"type":"FeatureCollection","features":[]}' },
		problem: /no "elements" array/
	},
	{ name: 'wrong extension: gzip-compressed XML named .osm', input: { name: 'packed.osm', bytes: gzipSync(tinyBytes.xml) }, problem: /gzip-compressed/ },
	{
		name: `JSON nested ${DEEP} levels deep inside "elements"`,
		input: { name: 'deep.json', bytes: `{"elements":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}` },
		problem: /elements\[0\]\.type: Invalid type/
	},
	{
		name: `JSON nested ${DEEP} levels deep in a node's tags`,
		input: {
			name: 'deep-tags.json',
			bytes: `{"elements":[{"type":"node","id":1,"lat":31.2,"lon":121.4,"tags":{"a":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}}]}`
		},
		problem: /elements\[0\]\.tags\.a: Invalid type/
	},
	{
		name: `XML nested ${DEEP} levels deep`,
		input: { name: 'deep.osm', bytes: `<?xml version="1.0"?>\n<osm>${'<a>'.repeat(DEEP)}${'</a>'.repeat(DEEP)}</osm>` },
		problem: /malformed XML/
	},
	{
		name: 'huge node count: 250 000 nodes, 1 000 ways (synthetic grid) imports',
		input: { name: 'grid.json', bytes: grid(500, 42) },
		ok: /250000 nodes, 1000 ways[\s\S]*streets\.geojson\s+1000 \(1000 walkable/
	},
	{
		name: 'a node at latitude 1000 (Overpass JSON)',
		input: { name: 'lat1000.json', bytes: overpass(tinyElements().map((e) => (e.id === 3 && e.type === 'node' ? { ...e, lat: 1000 } : e))) },
		problem: /node 3\): latitude 1000 is outside −90…90/
	},
	{
		name: 'a node at latitude 1000 (XML)',
		input: { name: 'lat1000.osm', bytes: xmlText.replace(/(<node id="3" lat=")[^"]*/, '$11000') },
		problem: /node 3: latitude 1000 is outside −90…90/
	},
	{
		name: 'a node at latitude 1000 (PBF)',
		input: {
			name: 'lat1000.osm.pbf',
			bytes: encodeOsmPbf(tinyElements().map((e) => (e.id === 3 && e.type === 'node' ? { ...e, lat: 1000 } : e)))
		},
		problem: /node 3: latitude 1000 is outside −90…90/
	},
	{
		name: 'an `out geom` way with a longitude of 200',
		input: {
			name: 'geom-lon200.json',
			bytes: overpass([{ type: 'way', id: 5, nodes: [1, 2], geometry: [{ lat: 31.22, lon: 121.42 }, { lat: 31.22, lon: 200 }], tags: { highway: 'footway' } }])
		},
		problem: /geometry\[1\]: longitude 200 is outside −180…180/
	},
	{ name: 'lon NaN (XML)', input: { name: 'lon-nan.osm', bytes: xmlText.replace(/(<node id="3" lat="[^"]*" lon=")[^"]*/, '$1NaN') }, problem: /node 3 has a missing or bad lon "NaN"/ },
	{
		name: 'lon "NaN" (Overpass JSON, a string)',
		input: { name: 'lon-nan.json', bytes: overpass(tinyElements().map((e) => (e.id === 3 && e.type === 'node' ? { ...e, lon: 'NaN' } : e))) },
		problem: /elements\[\d+\]\.lon: Invalid type: Expected number/
	},
	{ name: 'missing lat (XML)', input: { name: 'no-lat.osm', bytes: xmlText.replace(/(<node id="3") lat="[^"]*"/, '$1') }, problem: /node 3 has a missing or bad lat ""/ },
	{
		name: 'missing lat (Overpass JSON)',
		input: {
			name: 'no-lat.json',
			bytes: overpass(tinyElements().map((e) => (e.id === 3 && e.type === 'node' ? { type: 'node', id: 3, lon: e.lon } : e)))
		},
		problem: /elements\[\d+\]\.lat: Invalid key/
	},
	{
		name: 'an extract nowhere near Changning (the tiny place moved to Paris)',
		input: { name: 'paris.json', bytes: overpass(moveNodes((lon, lat) => [lon - 119.07, lat + 17.63])) },
		problem: /nowhere near Changning: its nodes span \[2\.35/
	},
	{
		name: 'latitude and longitude swapped (a latitude of 121.4…)',
		input: { name: 'swapped.json', bytes: overpass(moveNodes((lon, lat) => [lat, lon])) },
		problem: /latitude 121\.\d+ is outside −90…90/
	},
	{
		name: 'an extract of a neighbouring district imports, with a note',
		input: { name: 'xuhui.json', bytes: overpass(moveNodes((lon, lat) => [lon + 0.05, lat - 0.06])) },
		ok: /note: the extract does not reach Changning/
	},
	{
		name: 'GCJ-02 coordinates (the tiny place shifted ≈ 0.5 km) import, and the summary says WGS84 is assumed',
		input: { name: 'gcj02.json', bytes: overpass(moveNodes((lon, lat) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number])) },
		ok: /note: coordinates taken as WGS84[^\n]*GCJ-02/
	},
	{
		name: 'Overpass JSON whose remark says the query timed out',
		input: {
			name: 'timeout.json',
			bytes: overpass(tinyElements(), { remark: 'runtime error: Query timed out in "query" at line 3 after 26 seconds.' })
		},
		problem: /incomplete Overpass answer \(remark: "runtime error: Query timed out/
	},
	{
		name: 'Overpass XML with a <remark> (out of memory)',
		input: {
			name: 'remark.osm',
			bytes: xmlText.replace(/(<osm[^>]*>)/, '$1\n  <remark> runtime error: Query run out of memory using about 2048 MB of RAM. </remark>')
		},
		problem: /incomplete Overpass answer \(remark: "runtime error: Query run out of memory/
	},
	{
		name: 'an Overpass remark with a newline and terminal escape codes stays one harmless line',
		input: { name: 'remark-escapes.json', bytes: overpass([], { remark: 'runtime error:\n\u001b[2J\u001b[31mQuery timed out\r\n    at line 3' }) },
		problem: /incomplete Overpass answer \(remark: "runtime error: \uFFFD\[2J\uFFFD\[31mQuery timed out at line 3"/
	},
	{ name: 'Overpass JSON with "elements" an object', input: { name: 'elements-object.json', bytes: '{"elements":{"0":{"type":"node"}}}' }, problem: /no "elements" array/ },
	{ name: 'Overpass JSON with "elements": null', input: { name: 'elements-null.json', bytes: '{"version":0.6,"elements":null}' }, problem: /no "elements" array/ },
	{
		name: 'XML external entity (file:///etc/passwd) is refused, never resolved',
		input: {
			name: 'xxe.osm',
			bytes: xmlText.replace('<osm ', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<osm ').replace('Changning Road', '&e;')
		},
		problem: /declares a DOCTYPE or ENTITY/
	},
	{
		name: 'XML entity expansion ("billion laughs") is refused',
		input: {
			name: 'lol.osm',
			bytes: `<?xml version="1.0"?>\n<!DOCTYPE osm [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${(i === 0 ? '&a;' : `&${'b'.repeat(i)};`).repeat(10)}">`).join('')}]>\n<osm><node id="1" lat="31.22" lon="121.42"><tag k="name" v="&bbbbbbbbb;"/></node></osm>`
		},
		problem: /declares a DOCTYPE or ENTITY/
	},
	{ name: 'the input is a folder', input: { path: fixtures }, problem: /cannot read the file: EISDIR/ },
	{ name: 'the input is /dev/zero (would never end)', input: { path: '/dev/zero' }, problem: /not a regular file/ },
	{ name: 'the input does not exist', input: { path: '/nonexistent/extract.osm.pbf' }, problem: /cannot read the file: ENOENT/ },
	{
		name: '--out is a file',
		input: { name: 'ok-out-file.osm', bytes: tinyBytes.xml },
		args: ['$IN', '--out', '$OUT/streets.geojson'],
		problem: /--out \S+streets\.geojson is a file, not a folder/
	},
	{
		name: "--out's parent is a file (a location nothing can be written to, even as root)",
		input: { name: 'ok-parent-file.osm', bytes: tinyBytes.xml },
		args: ['$IN', '--out', '$OUT/README.md/imported'],
		problem: /cannot use --out \S+README\.md\/imported: a part of the path is a file, not a folder \(ENOTDIR\)/
	},
	{
		name: '--out holds a folder named water.geojson (the rename-one-at-a-time defect)',
		input: { name: 'ok-water-dir.osm', bytes: tinyBytes.xml },
		setup: (out) => {
			rmSync(join(out, 'water.geojson'));
			mkdirSync(join(out, 'water.geojson'));
			writeFileSync(join(out, 'water.geojson', 'keep.txt'), 'mine\n');
			return out;
		},
		problem: /water\.geojson is a folder, not a file: move it out of the way/
	},
	{
		name: '--out is a folder that is not an earlier import (`--out .` by a slip)',
		input: { name: 'ok-out-dot.osm', bytes: tinyBytes.xml },
		args: ['$IN', '--out', '$OUT/notes'],
		problem: /--out \S+notes is not empty and holds no earlier import \(no streets\.geojson\)/
	},
	{ name: '--out without a value', input: { name: 'ok-no-out.osm', bytes: tinyBytes.xml }, args: ['$IN', '--out'], names: null, problem: /--out needs a folder; usage:/ },
	{ name: '--out= with an empty value', input: { name: 'ok-empty-out.osm', bytes: tinyBytes.xml }, args: ['$IN', '--out='], names: null, problem: /--out needs a folder/ },
	{ name: '--out followed by another flag', args: ['--out', '--help'], names: null, problem: /--out needs a folder/ },
	{ name: 'unknown flag', input: { name: 'ok-flag.osm', bytes: tinyBytes.xml }, args: ['$IN', '--outt', '$OUT'], names: null, problem: /unknown option --outt; usage:/ },
	{ name: 'two input files', args: ['a.osm', 'b.osm'], names: null, problem: /more than one input file \(a\.osm, b\.osm\)/ }
);

beforeAll(async () => {
	tmp = mkdtempSync(join(tmpdir(), 'import-osm-faults-'));
	const tasks = cases.map((c, k) => async () => {
		const dir = join(tmp, `case-${k}`);
		const out = join(dir, 'imported');
		mkdirSync(dir);
		previousImport(out);
		let input = join(dir, 'none');
		if (c.input && 'path' in c.input) input = c.input.path;
		else if (c.input) {
			input = join(dir, c.input.name);
			writeFileSync(input, c.input.bytes);
		}
		const watched = c.setup?.(out, dir) ?? out;
		const before = snapshot(watched);
		const args = (c.args ?? ['$IN', '--out', '$OUT']).map((a) => a.replace('$IN', input).replace('$OUT', out));
		const r = await runCli(args);
		results.set(c.name, { r, before, watched, input, out });
	});
	await pool(tasks, 3);
}, 600_000);

afterAll(() => {
	if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('import-osm: every bad input, argument or --out gives one clear line, exit 1, --out untouched', () => {
	it('has at least 20 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(20);
		expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
	});

	for (const c of cases) {
		it(c.name, () => {
			const res = results.get(c.name);
			expect(res, 'case did not run').toBeDefined();
			const { r, before, watched, input, out } = res!;
			expect(r.timedOut, `hung past ${DEADLINE_MS} ms`).toBe(false);
			expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
			expect(r.stdout + r.stderr).not.toContain('root:x:0:0');
			expect(r.stderr).not.toContain('\u001b');
			if (c.ok) {
				expect(r.status, r.stderr).toBe(0);
				expect(r.stderr).toBe('');
				expect(r.stdout).toMatch(c.ok);
				for (const f of OUT_FILES) {
					const fc = JSON.parse(readFileSync(join(out, f), 'utf8')) as FeatureCollection;
					expect(fc.type).toBe('FeatureCollection');
				}
				// What else --out held survives the swap.
				expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('where this import came from\n');
				expect(readFileSync(join(out, 'notes', 'query.overpassql'), 'utf8')).toBe('[out:json];\n');
			} else {
				expect(r.status, r.stdout).toBe(1);
				expect(r.stdout).toBe('');
				const lines = r.stderr.trimEnd().split('\n');
				expect(lines, r.stderr).toHaveLength(1);
				expect(lines[0]).toMatch(/^import-osm: /);
				expect(lines[0]).toMatch(c.problem!);
				const names = c.names === undefined ? input : c.names;
				if (names !== null) expect(lines[0]).toContain(`import-osm: ${names}: `);
				expect(snapshot(watched)).toEqual(before);
			}
			expect(leftovers(join(out, '..'))).toEqual([]);
		});
	}
});

describe('import-osm: a fault at any step of replacing --out leaves it exactly as it was', () => {
	let dir: string;
	const input = join(fixtures, 'tiny.overpass.json');
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'import-osm-swap-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Errors shaped like node's own errno errors, one code per step. */
	const CODES: Record<SwapStep, string> = {
		stage: 'EROFS',
		write: 'ENOSPC',
		copy: 'EACCES',
		verify: 'EIO',
		backup: 'EBUSY',
		install: 'EXDEV',
		cleanup: 'EPERM'
	};
	const failAt =
		(step: SwapStep, nth = 1): SwapHook =>
		(s, detail) => {
			if (s === step && --nth === 0) throw Object.assign(new Error(`${CODES[step]}: injected, ${detail}`), { code: CODES[step], path: detail });
		};
	const capture = () => {
		const lines = { log: [] as string[], error: [] as string[] };
		return { lines, io: { log: (l: string) => lines.log.push(l), error: (l: string) => lines.error.push(l) } };
	};

	const faults: [SwapStep, number][] = [...SWAP_STEPS.filter((s) => s !== 'cleanup').map((s): [SwapStep, number] => [s, 1]), ['write', 3], ['copy', 2]];
	for (const [step, nth] of faults) {
		it(`fault at "${step}"${nth > 1 ? ` (call ${nth})` : ''}: exit 1, one line naming the path and the problem, --out unchanged`, () => {
			const out = join(dir, `${step}-${nth}`, 'imported');
			previousImport(out);
			const before = snapshot(out);
			const { lines, io } = capture();
			expect(run([input, '--out', out], io, failAt(step, nth))).toBe(1);
			expect(lines.log).toEqual([]);
			expect(lines.error).toHaveLength(1);
			expect(lines.error[0]).toMatch(new RegExp(`^import-osm: ${input}: \\S+: .+ \\(${CODES[step]}\\)$`));
			expect(lines.error[0]).not.toMatch(STACK_LINE);
			expect(snapshot(out)).toEqual(before);
			expect(leftovers(join(out, '..'))).toEqual([]);
		});
	}

	it('fault while creating a new --out (none before): it still does not exist, nothing is left beside it', () => {
		for (const step of ['stage', 'write', 'verify', 'install'] as const) {
			const out = join(dir, `fresh-${step}`, 'imported');
			mkdirSync(join(out, '..'));
			const { lines, io } = capture();
			expect(run([input, '--out', out], io, failAt(step))).toBe(1);
			expect(lines.error[0]).toMatch(new RegExp(`\\(${CODES[step]}\\)$`));
			expect(existsSync(out)).toBe(false);
			expect(leftovers(join(out, '..'))).toEqual([]);
		}
	});

	it('a fault deleting the previous folder comes after the new one is in place: exit 0, a warning naming what to delete', () => {
		const out = join(dir, 'cleanup', 'imported');
		previousImport(out);
		const { lines, io } = capture();
		expect(run([input, '--out', out], io, failAt('cleanup'))).toBe(0);
		expect(lines.error).toHaveLength(1);
		expect(lines.error[0]).toMatch(/warning: the import is complete, but the previous folder could not be deleted \(.*\(EPERM\)\): delete \S+\.import-osm-\w+-previous$/);
		expect(readFileSync(join(out, 'streets.geojson'), 'utf8')).toMatch(/osm-way-2001/);
		expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('where this import came from\n');
		expect(leftovers(join(out, '..'))).toHaveLength(1);
	});

	it('without a fault the swap replaces the four files and keeps everything else', () => {
		const out = join(dir, 'clean', 'imported');
		previousImport(out);
		const { lines, io } = capture();
		expect(run([input, '--out', out], io)).toBe(0);
		expect(lines.error).toEqual([]);
		expect(readdirSync(out).sort()).toEqual([...OUT_FILES, 'README.md', 'notes'].sort());
		for (const f of OUT_FILES) expect(readFileSync(join(out, f), 'utf8')).not.toMatch(/previous/);
		expect(readFileSync(join(out, 'notes', 'query.overpassql'), 'utf8')).toBe('[out:json];\n');
		expect(lstatSync(out).mode & 0o777).toBe(0o755);
		expect(leftovers(join(out, '..'))).toEqual([]);
	});
});
