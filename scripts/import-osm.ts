/**
 * Imports an OpenStreetMap extract into the geodata files the app builds from:
 * streets.geojson, water.geojson, green.geojson and amenities.geojson.
 *
 *   npm run import:osm -- <file> [--out <dir>]        (default --out: geodata/imported/, which the data build then prefers)
 *
 * <file> is `.osm.pbf`, `.osm` (XML) or Overpass JSON; the format is read from the content.
 * Coordinates are taken as WGS84, which is what OSM stores; a file from a Chinese map service
 * (GCJ-02, ≈ 0.5 km off in Changning) cannot be told apart and is not converted. An extract that
 * lies nowhere near Changning, a node outside −90…90 / −180…180, and an Overpass answer carrying a
 * `remark` (timed out or out of memory: partial data) are refused.
 *
 * Writing is all or nothing. The complete new folder is built beside --out (`.import-osm-XXXXXX`,
 * holding the four files, re-read and validated, plus copies of anything else --out held), then the
 * folders are swapped: --out → `<tmp>-previous`, new → --out, previous deleted. Any failure before the
 * second rename puts the old folder back, so --out is exactly what it was; a failure deleting the
 * previous folder afterwards is only a warning (the import is complete). On any problem it prints one
 * line naming the file and the problem, exits 1, and leaves --out untouched.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import {
	AMENITY_CATEGORY_IDS,
	convertOsm,
	extractRegion,
	OsmInputError,
	parseOsm,
	SKIP_REASONS,
	validateGeodata
} from '../src/lib/osm/index';
import type { BBox, GeodataFiles, OsmGeodata } from '../src/lib/osm/index';
import { CHANGNING_BBOX } from '../src/lib/data/schema';

const root = join(import.meta.dirname, '..');
const FILES = ['streets', 'water', 'green', 'amenities'] as const;
const FILE_NAMES: readonly string[] = FILES.map((name) => `${name}.geojson`);
const USAGE = 'usage: npm run import:osm -- <extract.osm.pbf|.osm|.json> [--out <dir>]';
/** Larger than any city extract; a country file would exhaust memory before it failed cleanly. */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** A problem the user can fix; its message is printed as it is, after the file name. */
export class ImportError extends Error {
	override name = 'ImportError';
}

/** The steps of writing --out, in order. */
export const SWAP_STEPS = ['stage', 'write', 'copy', 'verify', 'backup', 'install', 'cleanup'] as const;
export type SwapStep = (typeof SWAP_STEPS)[number];
/**
 * Test seam: called before each step (and before each file written or copied, with its name as
 * `detail`); throwing from it is a fault at that step. The command line never passes one.
 */
export type SwapHook = (step: SwapStep, detail: string) => void;

/** What an errno code means, for messages a user can act on. */
const FS_CODES: Record<string, string> = {
	ENOENT: 'does not exist',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on the device',
	EDQUOT: 'disk quota exceeded',
	EISDIR: 'is a folder, not a file',
	ENOTDIR: 'a part of the path is a file, not a folder',
	EEXIST: 'already exists',
	ENOTEMPTY: 'folder not empty',
	EBUSY: 'busy or locked',
	EMFILE: 'too many open files',
	EIO: 'input/output error',
	ELOOP: 'too many symbolic links',
	ENAMETOOLONG: 'name too long',
	ERR_FS_FILE_TOO_LARGE: 'file too large to read'
};

/** `path: what (CODE)` for a file-system error, else the error's first line; never a stack. */
export function describeError(error: unknown): string {
	const e = error as NodeJS.ErrnoException;
	const first = (s: string) => s.split('\n')[0];
	if (e instanceof ImportError || e instanceof OsmInputError) return e.message.replace(/\s*\n\s*/g, '; ');
	if (e instanceof Error && typeof e.code === 'string') {
		const what = FS_CODES[e.code] ?? first(e.message);
		return e.path ? `${e.path}: ${what} (${e.code})` : `${what} (${e.code})`;
	}
	if (e instanceof RangeError) return `${first(e.message)} (the input is nested too deeply or too large)`;
	return `unexpected error: ${e instanceof Error ? first(e.message) : String(error)}`;
}

function parseArgs(argv: string[]): { file: string; out: string } | 'help' {
	let file: string | undefined;
	let out = join(root, 'geodata', 'imported');
	const outValue = (dir: string | undefined) => {
		if (!dir || dir.startsWith('-')) throw new ImportError(`--out needs a folder; ${USAGE}`);
		return resolve(dir);
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--out') out = outValue(argv[++i]);
		else if (a.startsWith('--out=')) out = outValue(a.slice('--out='.length));
		else if (a === '-h' || a === '--help') return 'help';
		else if (a.startsWith('-') && a !== '-') throw new ImportError(`unknown option ${a}; ${USAGE}`);
		else if (file === undefined) file = a;
		else throw new ImportError(`more than one input file (${file}, ${a}); ${USAGE}`);
	}
	if (file === undefined) throw new ImportError(`no input file; ${USAGE}`);
	return { file, out };
}

/** Reads the input, refusing what is not a regular file (a FIFO or /dev/zero would never end). */
function readInput(file: string): Uint8Array {
	try {
		const st = statSync(file);
		if (st.isDirectory()) throw new ImportError('cannot read the file: EISDIR (it is a folder)');
		if (!st.isFile()) throw new ImportError('cannot read the file: not a regular file (a device, pipe or socket)');
		if (st.size > MAX_INPUT_BYTES) {
			throw new ImportError(`the file is ${Math.round(st.size / 2 ** 20)} MiB, more than the ${MAX_INPUT_BYTES / 2 ** 20} MiB allowed: cut it to Shanghai first (osmium extract -b …)`);
		}
		return readFileSync(file);
	} catch (error) {
		if (error instanceof ImportError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new ImportError(`cannot read the file: ${code ? `${code} (${FS_CODES[code] ?? (error as Error).message})` : (error as Error).message}`);
	}
}

/** One feature per line: diffs stay readable and the file stays valid JSON. */
function serialise(fc: FeatureCollection): string {
	if (fc.features.length === 0) return '{"type":"FeatureCollection","features":[]}\n';
	return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function failOn(problems: string[], stage: string): void {
	if (problems.length === 0) return;
	const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
	throw new ImportError(`${stage}${problems[0]}${more}`);
}

/** The folder --out names (symlinks resolved) and its mode, or mode null when it does not exist yet. */
function inspectTarget(out: string): { target: string; mode: number | null } {
	let st;
	try {
		st = statSync(out);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return { target: out, mode: null };
		throw new ImportError(`cannot use --out ${out}: ${FS_CODES[code ?? ''] ?? (error as Error).message} (${code})`);
	}
	if (!st.isDirectory()) throw new ImportError(`--out ${out} is a file, not a folder`);
	const target = realpathSync(out);
	// The swap moves the whole folder and copies what else it holds: only ever do that to an earlier
	// import or an empty folder, never to `--out .` or `--out ~` by a slip of the keyboard.
	const entries = readdirSync(target);
	if (entries.length > 0 && !entries.includes('streets.geojson')) {
		throw new ImportError(`--out ${out} is not empty and holds no earlier import (no streets.geojson): choose a new or empty folder`);
	}
	for (const name of FILE_NAMES) {
		const path = join(target, name);
		let kind: string | null = null;
		try {
			const s = statSync(path);
			if (!s.isFile()) kind = s.isDirectory() ? 'a folder' : 'not a regular file';
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
		if (kind) throw new ImportError(`${join(out, name)} is ${kind}, not a file: move it out of the way and run again`);
	}
	return { target, mode: st.mode & 0o7777 };
}

/**
 * Replaces the folder `out` with one holding the four files (and copies of whatever else `out` held),
 * all or nothing: see the header comment for the steps.
 *
 * @param result the converted geodata (its `bounds` are re-checked on the files as written)
 * @param out the folder to replace or create
 * @param hook test seam, see SwapHook
 * @returns warnings (only from deleting the previous folder, after the new one is in place)
 * @throws {ImportError|Error} with `out` exactly as it was before the call
 */
export function installGeodata(result: OsmGeodata, out: string, hook: SwapHook = () => {}): string[] {
	const { target, mode } = inspectTarget(out);
	const parent = dirname(target);
	try {
		mkdirSync(parent, { recursive: true });
	} catch (error) {
		throw new ImportError(`cannot create the folder for --out ${out}: ${describeError(error)}`);
	}
	hook('stage', parent);
	const stage = mkdtempSync(join(parent, '.import-osm-'));
	let backup: string | null = null;
	try {
		// mkdtemp makes 0700; the installed folder should look like the one it replaces.
		chmodSync(stage, mode ?? 0o755);
		for (const name of FILES) {
			hook('write', `${name}.geojson`);
			writeFileSync(join(stage, `${name}.geojson`), serialise(result[name]));
		}
		if (mode !== null) {
			for (const entry of readdirSync(target)) {
				if (FILE_NAMES.includes(entry)) continue;
				hook('copy', entry);
				cpSync(join(target, entry), join(stage, entry), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
			}
		}
		hook('verify', stage);
		const reread = Object.fromEntries(
			FILES.map((name) => [name, JSON.parse(readFileSync(join(stage, `${name}.geojson`), 'utf8')) as FeatureCollection])
		) as unknown as GeodataFiles;
		failOn(validateGeodata(reread, result.bounds), 'written files failed validation: ');
		if (mode !== null) {
			hook('backup', target);
			renameSync(target, `${stage}-previous`);
			backup = `${stage}-previous`;
		}
		hook('install', target);
		renameSync(stage, target);
	} catch (error) {
		let restored = '';
		if (backup !== null) {
			try {
				renameSync(backup, target);
			} catch (restoreError) {
				restored = `; putting the previous folder back failed too (${describeError(restoreError)}): it is in ${backup}`;
			}
		}
		try {
			rmSync(stage, { recursive: true, force: true });
		} catch {
			// Best effort: a leftover .import-osm-* folder is harmless and named after the tool.
		}
		if (restored) throw new ImportError(`${describeError(error)}${restored}`);
		throw error;
	}
	if (backup === null) return [];
	try {
		hook('cleanup', backup);
		rmSync(backup, { recursive: true, force: true });
		return [];
	} catch (error) {
		return [`the import is complete, but the previous folder could not be deleted (${describeError(error)}): delete ${backup}`];
	}
}

const fmtBox = (b: readonly number[]) => `[${b.join(', ')}]`;

function summary(file: string, format: string, out: string, r: OsmGeodata, notes: string[]): string {
	const s = r.stats;
	const pad = (name: string) => `${name}.geojson`.padEnd(19);
	const list = (entries: [string, number][]) =>
		entries
			.filter(([, n]) => n > 0)
			.map(([k, n]) => `${k} ${n}`)
			.join(', ') || 'none';
	const rel = (p: string) => {
		const r = relative(process.cwd(), p);
		return r === '' ? '.' : r.startsWith('..') ? p : r;
	};
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	const e = s.elements;
	return [
		`import-osm: ${file} (${format}: ${plural(e.nodes, 'node')}, ${plural(e.ways, 'way')}, ${plural(e.relations, 'relation')}) → ${rel(out)}/`,
		`  ${pad('streets')}${r.streets.features.length} (${s.streets.walkable} walkable, ${s.streets.notWalkable} expressway; ` +
			`${plural(s.streets.clipped, 'way')} clipped to the nodes present in the extract)`,
		`  ${pad('water')}${r.water.features.length}`,
		`  ${pad('green')}${r.green.features.length}`,
		`  ${pad('amenities')}${r.amenities.features.length} (${list(AMENITY_CATEGORY_IDS.map((c) => [c, s.amenities[c]]))})`,
		`  skipped highways: ${list(SKIP_REASONS.map((k) => [k, s.streets.skipped[k]]))}`,
		`  areas that could not be assembled (members or nodes missing): ${s.incompleteAreas}`,
		...notes.map((n) => `  note: ${n}`)
	].join('\n');
}

/** Refuses an extract nowhere near Changning; returns the notes for one that is near but outside. */
function checkRegion(bounds: BBox | null): string[] {
	const notes = ['coordinates taken as WGS84, as OSM stores them (GCJ-02 data from a Chinese map service would sit ≈ 0.5 km off, undetected)'];
	const region = extractRegion(bounds);
	if (region === 'far') {
		throw new ImportError(
			`the extract lies nowhere near Changning: its nodes span ${fmtBox(bounds!)} (lon/lat), Changning is ${fmtBox(CHANGNING_BBOX)} — wrong file, or latitude and longitude swapped?`
		);
	}
	if (region === 'near') notes.push(`the extract does not reach Changning ${fmtBox(CHANGNING_BBOX)}: its nodes span ${fmtBox(bounds!)}`);
	return notes;
}

/**
 * Messages quote the input (a JSON snippet, an Overpass remark, a file name): newlines would break
 * the one-line promise and escape codes could repaint the terminal, so both are neutralised.
 */
function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

export interface Io {
	log(line: string): void;
	error(line: string): void;
}

/**
 * The whole command: parse arguments, read, convert, validate, install.
 *
 * @param argv the arguments after the script name
 * @param io where the summary (log) and the one-line problem or warnings (error) go
 * @param hook test seam for faults while writing --out
 * @returns the exit code: 0 imported, 1 refused or failed (--out untouched)
 */
export function run(argv: string[], io: Io = console, hook?: SwapHook): number {
	let label: string | null = null;
	try {
		const args = parseArgs(argv);
		if (args === 'help') {
			io.log(USAGE);
			return 0;
		}
		const { file, out } = args;
		label = file;
		const data = parseOsm(readInput(file));
		const result = convertOsm(data);
		const notes = checkRegion(result.bounds);
		const problems = validateGeodata(result, result.bounds);
		const missing = result.stats.streets.skipped['missing-nodes'];
		if (missing > 0 && result.streets.features.length === 0 && problems.length > 0) {
			// The usual cause: an Overpass query that printed ways without recursing down to their nodes.
			problems[0] += ` — ${missing} highways have none of their nodes in the file (Overpass: end the query with "(._;>;); out body;" or use "out geom;")`;
		}
		failOn(problems, data.elements.length === 0 ? 'the extract has no elements: ' : '');
		const warnings = installGeodata(result, out, hook);
		io.log(summary(file, data.format, out, result, notes));
		for (const w of warnings) io.error(oneLine(`import-osm: ${file}: warning: ${w}`));
		return 0;
	} catch (error) {
		io.error(oneLine(`import-osm: ${label === null ? '' : `${label}: `}${describeError(error)}`));
		return 1;
	}
}

// Run only as the command (`tsx scripts/import-osm.ts`), not when a test imports run()/installGeodata().
const isMain = () => {
	try {
		return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
	} catch {
		return false;
	}
};
if (isMain()) process.exitCode = run(process.argv.slice(2));
