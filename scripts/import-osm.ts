/**
 * Imports an OpenStreetMap extract into the geodata files the app builds from:
 * streets.geojson, water.geojson, green.geojson and amenities.geojson.
 *
 *   npm run import:osm -- <file> [--out <dir>]        (default --out: geodata/imported/, which the data build then prefers)
 *
 * <file> is `.osm.pbf`, `.osm` (XML) or Overpass JSON; the format is read from the content.
 * All four files are written to a temporary directory, re-read and validated, then renamed into
 * --out. On any problem it prints one line naming the file and the problem, exits 1, and leaves
 * --out untouched.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import {
	AMENITY_CATEGORY_IDS,
	convertOsm,
	OsmInputError,
	parseOsm,
	SKIP_REASONS,
	validateGeodata
} from '../src/lib/osm/index';
import type { GeodataFiles, OsmGeodata } from '../src/lib/osm/index';

const root = join(import.meta.dirname, '..');
const FILES = ['streets', 'water', 'green', 'amenities'] as const;
const USAGE = 'usage: npm run import:osm -- <extract.osm.pbf|.osm|.json> [--out <dir>]';

class ImportError extends Error {}

function parseArgs(argv: string[]): { file: string; out: string } {
	let file: string | undefined;
	let out = join(root, 'geodata', 'imported');
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--out') {
			const dir = argv[++i];
			if (!dir) throw new ImportError(`--out needs a directory\n${USAGE}`);
			out = resolve(dir);
		} else if (a.startsWith('--out=')) {
			out = resolve(a.slice('--out='.length));
		} else if (a === '-h' || a === '--help') {
			console.log(USAGE);
			process.exit(0);
		} else if (a.startsWith('-')) {
			throw new ImportError(`unknown option ${a}\n${USAGE}`);
		} else if (file === undefined) {
			file = a;
		} else {
			throw new ImportError(`more than one input file (${file}, ${a})\n${USAGE}`);
		}
	}
	if (file === undefined) throw new ImportError(`no input file\n${USAGE}`);
	return { file, out };
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

/** Writes to a sibling temp dir, validates what is on disk, then renames into `out`. */
function writeAtomically(result: OsmGeodata, out: string): void {
	const parent = dirname(out);
	mkdirSync(parent, { recursive: true });
	const tmp = mkdtempSync(join(parent, '.import-osm-'));
	try {
		for (const name of FILES) writeFileSync(join(tmp, `${name}.geojson`), serialise(result[name]));
		const reread = Object.fromEntries(
			FILES.map((name) => [name, JSON.parse(readFileSync(join(tmp, `${name}.geojson`), 'utf8')) as FeatureCollection])
		) as unknown as GeodataFiles;
		failOn(validateGeodata(reread, result.bounds), 'written files failed validation: ');
		mkdirSync(out, { recursive: true });
		for (const name of FILES) renameSync(join(tmp, `${name}.geojson`), join(out, `${name}.geojson`));
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}

function summary(file: string, format: string, out: string, r: OsmGeodata): string {
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
		`  areas that could not be assembled (members or nodes missing): ${s.incompleteAreas}`
	].join('\n');
}

function main(): void {
	let label: string | null = null;
	try {
		const { file, out } = parseArgs(process.argv.slice(2));
		label = file;
		let bytes: Uint8Array;
		try {
			bytes = readFileSync(file);
		} catch (error) {
			throw new ImportError(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
		}
		const data = parseOsm(bytes);
		const result = convertOsm(data);
		const problems = validateGeodata(result, result.bounds);
		const missing = result.stats.streets.skipped['missing-nodes'];
		if (missing > 0 && result.streets.features.length === 0) {
			// The usual cause: an Overpass query that printed ways without recursing down to their nodes.
			problems[0] += ` — ${missing} highways have none of their nodes in the file (Overpass: end the query with "(._;>;); out body;" or use "out geom;")`;
		}
		failOn(problems, data.elements.length === 0 ? 'the extract has no elements: ' : '');
		writeAtomically(result, out);
		console.log(summary(file, data.format, out, result));
	} catch (error) {
		if (error instanceof ImportError || error instanceof OsmInputError) {
			console.error(label === null ? `import-osm: ${error.message}` : `import-osm: ${label}: ${error.message}`);
			process.exit(1);
		}
		console.error(`import-osm: ${label ?? ''}: unexpected error: ${(error as Error).stack ?? String(error)}`);
		process.exit(1);
	}
}

main();
