/**
 * Bring your own data: a file (its name and bytes or text) → features in the file's own coordinates,
 * with problems as data; or an OpenStreetMap extract recognised and handed on whole. Pure: no DOM, no
 * file access, nothing thrown for anything a user can put in a file, so it runs the same in the page,
 * in a worker and in vitest (node).
 *
 * The format comes from the content (magic bytes, the first character, the XML root), the name only
 * breaks ties (a .csv that starts with "<" is still XML) and names the file in messages.
 *
 * Coordinates are returned as found: which system they are in (WGS84, GCJ-02, BD-09) is crs.ts's
 * question, asked next by the caller with the street network at hand.
 */
import type { Feature } from 'geojson';
import { readCsv } from './csv';
import { eachPosition, type ReadResult } from './features';
import { parseJson, readGeoJson } from './geojson';
import { readGpx } from './gpx';
import { readKml } from './kml';
import {
	DEFAULT_IMPORT_LIMITS,
	problem,
	type FeatureFormat,
	type ImportFailed,
	type ImportFormat,
	type ImportLimits,
	type ImportProblem,
	type ImportResult
} from './problems';
import { parseXml } from './xml';
import { isInChina, SHANGHAI_BOX } from './crs';

export * from './problems';
export * from './crs';
export { readCsv, sniffSeparator, csvRecords } from './csv';
export { readGeoJson } from './geojson';
export { readKml } from './kml';
export { readGpx } from './gpx';
export { checkGeometry, eachPosition, mapPositions } from './features';

/** What a user hands in: a dropped or picked file's name, and its content as bytes or text. */
export interface ImportInput {
	name: string;
	data: ArrayBuffer | Uint8Array | string;
}

/** First bytes of an OSM PBF file: a 4-byte length, then BlobHeader field 1 = "OSMHeader" (as src/lib/osm). */
const PBF_HEADER_TAG = [0x0a, 0x09, ...Array.from('OSMHeader', (c) => c.charCodeAt(0))];

const extension = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Decodes text: UTF-8 (a BOM removed), else GB18030 — a CSV saved by Excel on a Chinese Windows is
 * GBK, which GB18030 contains. Text with NUL characters is binary, whatever it decodes to.
 */
export function decodeText(bytes: Uint8Array): string | null {
	let text: string | null = null;
	for (const encoding of ['utf-8', 'gb18030']) {
		try {
			text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
			break;
		} catch {
			// try the next encoding (a runtime without GB18030 throws a RangeError here: also next)
		}
	}
	if (text === null || text.includes('\u0000')) return null;
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads one file.
 *
 * @param input the file's name and content
 * @param limits size, feature and position limits (default {@link DEFAULT_IMPORT_LIMITS}: 50 MiB,
 *   200,000 features, 2,000,000 positions)
 * @returns `features` (a FeatureCollection in the file's coordinates, stats, warnings),
 *   `osm-extract` (the bytes, for src/lib/osm) or `failed` (the error, and warnings seen before it)
 * @example
 * importFile({ name: 'centres.csv', data: 'name,经度,纬度\n天山社区,121.40,31.21' });
 * // { kind: 'features', format: 'csv', collection: { type: 'FeatureCollection', features: [ … ] }, … }
 */
export function importFile(input: ImportInput, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ImportResult {
	try {
		return readFile(input, limits);
	} catch (error) {
		// The readers return problems for everything they know of; this is the runtime's own limits
		// (RangeError: string or array too long, call stack exceeded). Still the file's doing, never the app's.
		const message = String((error as Error)?.message ?? error).slice(0, 200);
		return { kind: 'failed', name: input.name, format: null, error: problem('unreadable', { message }), warnings: [] };
	}
}

function readFile(input: ImportInput, limits: ImportLimits): ImportResult {
	const { name } = input;
	const fail = (error: ImportProblem, format: ImportFormat | null = null, warnings: ImportProblem[] = []): ImportFailed => ({
		kind: 'failed',
		name,
		format,
		error,
		warnings
	});
	const size = typeof input.data === 'string' ? input.data.length : input.data.byteLength;
	if (size > limits.maxBytes) return fail(problem('too-large', { bytes: size, maxBytes: limits.maxBytes }));

	let text: string;
	if (typeof input.data === 'string') {
		text = input.data.charCodeAt(0) === 0xfeff ? input.data.slice(1) : input.data;
	} else {
		const bytes = input.data instanceof Uint8Array ? input.data : new Uint8Array(input.data);
		if (bytes.length === 0) return fail(problem('empty', {}));
		if (bytes.length >= 4 + PBF_HEADER_TAG.length && PBF_HEADER_TAG.every((b, i) => bytes[4 + i] === b)) {
			return { kind: 'osm-extract', name, format: 'osm-pbf', bytes, warnings: [] };
		}
		if (bytes[0] === 0x1f && bytes[1] === 0x8b) return fail(problem('compressed', { kind: 'gzip' }));
		if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return fail(problem('compressed', { kind: 'zip' }));
		if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) return fail(problem('compressed', { kind: 'bzip2' }));
		const decoded = decodeText(bytes);
		if (decoded === null) return fail(problem('not-text', {}));
		text = decoded;
	}
	const head = text.slice(0, 4096).trimStart();
	if (head === '') return fail(problem('empty', {}));

	const osmXml = /^(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<osm[\s>/]/.test(head);
	if (osmXml) return { kind: 'osm-extract', name, format: 'osm-xml', bytes: toBytes(input.data, text), warnings: [] };

	let format: FeatureFormat;
	let read: ReadResult;
	if (head.startsWith('<')) {
		const xml = parseXml(text);
		if (!xml.ok) return fail(xml.error, guessXmlFormat(name));
		if (xml.root === 'kml') [format, read] = ['kml', readKml(xml.element, limits)];
		else if (xml.root === 'gpx') [format, read] = ['gpx', readGpx(xml.element, limits)];
		else if (xml.root === 'osm') return { kind: 'osm-extract', name, format: 'osm-xml', bytes: toBytes(input.data, text), warnings: [] };
		else return fail(problem('not-kml-gpx', { root: xml.root }));
	} else if (head.startsWith('{') || head.startsWith('[')) {
		const json = parseJson(text);
		if (!json.ok) return fail(json.error, 'geojson');
		if (isOverpassJson(json.value)) return { kind: 'osm-extract', name, format: 'overpass-json', bytes: toBytes(input.data, text), warnings: [] };
		[format, read] = ['geojson', readGeoJson(json.value, limits)];
	} else if (['json', 'geojson'].includes(extension(name))) {
		// A .geojson that is not JSON at all: say what JSON.parse says, not "unknown format".
		const json = parseJson(text);
		return fail(json.ok ? problem('not-geojson', { found: typeof json.value }) : json.error, 'geojson');
	} else if (['kml', 'gpx'].includes(extension(name))) {
		return fail(problem('xml-syntax', { message: 'the file does not start with "<"', line: 1, column: 1 }), guessXmlFormat(name));
	} else if (['csv', 'tsv', 'txt'].includes(extension(name)) || /^[^\n]*[,;\t]/.test(head)) {
		[format, read] = ['csv', readCsv(text, limits)];
	} else {
		return fail(problem('unknown-format', { name }));
	}
	if (!read.ok) return fail(read.error, format, read.warnings);
	return { kind: 'features', name, format, collection: read.collection, stats: read.stats, warnings: [...read.warnings, ...whereabouts(read.collection.features)] };
}

/**
 * Reads a browser File (or any Blob with a name): refuses one over the size limit before reading a
 * byte of it, so a 2 GB file never lands in memory.
 */
export async function importBlob(file: Blob & { name: string }, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<ImportResult> {
	if (file.size > limits.maxBytes) {
		return { kind: 'failed', name: file.name, format: null, error: problem('too-large', { bytes: file.size, maxBytes: limits.maxBytes }), warnings: [] };
	}
	return importFile({ name: file.name, data: await file.arrayBuffer() }, limits);
}

function guessXmlFormat(name: string): ImportFormat | null {
	const ext = extension(name);
	return ext === 'kml' ? 'kml' : ext === 'gpx' ? 'gpx' : ext === 'osm' ? 'osm-xml' : null;
}

/** Overpass API JSON: an object with an `elements` array (and no GeoJSON `type`). */
function isOverpassJson(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const v = value as { elements?: unknown; type?: unknown };
	return Array.isArray(v.elements) && v.type === undefined;
}

function toBytes(data: ImportInput['data'], text: string): Uint8Array {
	if (typeof data === 'string') return new TextEncoder().encode(text);
	return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/**
 * Warnings about where the features are: outside China (GCJ-02 and BD-09 do not apply; probably
 * another place or swapped columns) or in China but far from Shanghai (nothing will show near
 * Changning). Judged by each feature's first position.
 */
function whereabouts(features: readonly Feature[]): ImportProblem[] {
	let outside = 0;
	let far = 0;
	for (const f of features) {
		let first: number[] | undefined;
		eachPosition(f.geometry, (p) => {
			first ??= p;
		});
		if (!first) continue;
		const [x, y] = first;
		if (!isInChina(x, y)) outside++;
		else if (x < SHANGHAI_BOX[0] || x > SHANGHAI_BOX[2] || y < SHANGHAI_BOX[1] || y > SHANGHAI_BOX[3]) far++;
	}
	const total = features.length;
	const out: ImportProblem[] = [];
	if (outside > 0) out.push(problem('outside-china', { count: outside, total }));
	if (far > 0) out.push(problem('far-away', { count: far, total }));
	return out;
}
