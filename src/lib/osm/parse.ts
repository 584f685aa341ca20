/**
 * Readers for the three shapes an OpenStreetMap extract comes in: `.osm.pbf`, `.osm` (XML) and
 * Overpass JSON. Each returns the same `OsmData`, so everything downstream is format-blind.
 * No file access here: callers hand in the bytes.
 *
 * Coordinates keep the precision of the file: PBF stores integer 1e-7° units and XML/JSON store
 * decimal strings; `int / 1e7` and `parseFloat("…")` give the same double for the same decimal,
 * which is what makes the three fixtures produce bit-identical output.
 *
 * One module per reader (parse-json.ts, parse-xml.ts, parse-pbf.ts); what they share is
 * parse-common.ts. Here: detecting the format from the content, and dispatching.
 */
import { UTF8 } from './parse-common';
import { parseOverpassJson } from './parse-json';
import { parseOsmPbf } from './parse-pbf';
import { parseOsmXml } from './parse-xml';
import { OsmInputError } from './types';
import type { OsmData, OsmFormat } from './types';

export { checkCoordinate } from './parse-common';
export { parseOverpassJson } from './parse-json';
export { parseOsmXml } from './parse-xml';
export { parseOsmPbf, pbfFrames } from './parse-pbf';

/** First bytes of an OSM PBF file: a 4-byte length, then BlobHeader field 1 = "OSMHeader". */
const PBF_HEADER_TAG = [0x0a, 0x09, ...Array.from('OSMHeader', (c) => c.charCodeAt(0))];

/**
 * Detects the format from the content, never from the file name.
 *
 * @param bytes the whole file
 * @returns 'pbf' | 'xml' | 'json'
 * @throws {OsmInputError} for empty, compressed or unrecognised content
 * @example detectFormat(new TextEncoder().encode('{"elements":[]}')) // 'json'
 */
export function detectFormat(bytes: Uint8Array): OsmFormat {
	if (bytes.length === 0) throw new OsmInputError('the file is empty');
	if (bytes.length >= 4 + PBF_HEADER_TAG.length && PBF_HEADER_TAG.every((b, i) => bytes[4 + i] === b)) return 'pbf';
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new OsmInputError('the file is gzip-compressed: decompress it first');
	if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) {
		throw new OsmInputError('the file is bzip2-compressed: decompress it first');
	}
	const head = UTF8.decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
	if (head.startsWith('<?xml') || head.startsWith('<osm')) return 'xml';
	if (head.startsWith('{')) return 'json';
	throw new OsmInputError('unknown format: expected OSM PBF, OSM XML (<?xml / <osm) or Overpass JSON ({"elements": …})');
}

/**
 * Parses an extract in any of the three formats (detected by content).
 *
 * @throws {OsmInputError} naming the problem (unknown format, truncated PBF, malformed XML, a DOCTYPE,
 *   bad JSON, a coordinate outside WGS84's range, an Overpass `remark` marking a partial answer)
 */
export function parseOsm(bytes: Uint8Array): OsmData {
	const format = detectFormat(bytes);
	try {
		if (format === 'pbf') return parseOsmPbf(bytes);
		const text = UTF8.decode(bytes);
		return format === 'xml' ? parseOsmXml(text) : parseOverpassJson(text);
	} catch (error) {
		// Stack overflow on absurd nesting, or a string longer than V8 allows: still the input's fault.
		if (error instanceof RangeError) {
			const why = /call stack|string length|array length/i.test(error.message) ? ' (nested too deeply or too large)' : '';
			throw new OsmInputError(`cannot read the ${format.toUpperCase()}: ${error.message}${why}`);
		}
		throw error;
	}
}

