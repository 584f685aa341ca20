/**
 * Readers for the three shapes an OpenStreetMap extract comes in: `.osm.pbf`, `.osm` (XML) and
 * Overpass JSON. Each returns the same `OsmData`, so everything downstream is format-blind.
 * No file access here: callers hand in the bytes.
 *
 * Coordinates keep the precision of the file: PBF stores integer 1e-7° units and XML/JSON store
 * decimal strings; `int / 1e7` and `parseFloat("…")` give the same double for the same decimal,
 * which is what makes the three fixtures produce bit-identical output.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import tinyOsmPbf from 'tiny-osmpbf';
import * as v from 'valibot';
import { OsmInputError } from './types';
import type { BBox, OsmData, OsmElement, OsmFormat, OsmMember } from './types';

const UTF8 = new TextDecoder('utf-8');

/**
 * Throws unless `lat`/`lon` are finite WGS84 degrees (lat −90…90, lon −180…180). Every reader puts
 * every node through this, so a node at latitude 1000 can never become a street.
 *
 * @param what names the node in the message, e.g. `node 5`
 * @throws {OsmInputError} `node 5: latitude 1000 is outside −90…90`
 */
export function checkCoordinate(lat: number, lon: number, what: string): void {
	if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new OsmInputError(`${what}: latitude ${lat} is outside −90…90`);
	if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new OsmInputError(`${what}: longitude ${lon} is outside −180…180`);
}

/** A declared bounds box is a hint only: one that is not a valid WGS84 box is dropped, not trusted. */
function validBox(box: number[]): BBox | undefined {
	const [w, s, e, n] = box;
	const ok = box.every(Number.isFinite) && w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n;
	return ok ? [w, s, e, n] : undefined;
}

/**
 * Overpass reports a query that ran out of time or memory in `remark` (JSON) or `<remark>` (XML) and
 * still answers 200 with whatever it had collected: a partial extract that looks complete. Importing
 * it would silently drop streets, so any remark is an error.
 */
function overpassRemark(remark: unknown): OsmInputError | null {
	if (remark === undefined || remark === null || remark === '') return null;
	const text = (typeof remark === 'string' ? remark : JSON.stringify(remark)).replace(/\s+/g, ' ').trim();
	const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
	return new OsmInputError(
		`incomplete Overpass answer (remark: "${short}"): the query did not finish, so elements are missing — ` +
			're-run it with a larger [timeout:…]/[maxsize:…] or a smaller area'
	);
}

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

// ---------------------------------------------------------------------------------------------
// Overpass JSON

const Id = v.pipe(v.number(), v.safeInteger());
const TagsSchema = v.optional(v.record(v.string(), v.string()));
const Coordinate = v.object({ lat: v.pipe(v.number(), v.finite()), lon: v.pipe(v.number(), v.finite()) });
const JsonElement = v.variant('type', [
	v.object({ type: v.literal('node'), id: Id, lat: v.pipe(v.number(), v.finite()), lon: v.pipe(v.number(), v.finite()), tags: TagsSchema }),
	v.object({
		type: v.literal('way'),
		id: Id,
		nodes: v.array(Id),
		tags: TagsSchema,
		// Overpass `out geom` puts the node coordinates on the way instead of emitting the nodes.
		geometry: v.optional(v.array(v.nullable(Coordinate)))
	}),
	v.object({
		type: v.literal('relation'),
		id: Id,
		members: v.array(v.object({ type: v.picklist(['node', 'way', 'relation']), ref: Id, role: v.optional(v.string(), '') })),
		tags: TagsSchema
	}),
	// Overpass may add `area`/`count` pseudo-elements; they carry no geometry we use.
	v.object({ type: v.picklist(['area', 'count', 'timeline']) })
]);
const JsonBounds = v.object({
	minlat: v.number(),
	minlon: v.number(),
	maxlat: v.number(),
	maxlon: v.number()
});

/**
 * Parses Overpass JSON (`{"elements": [...]}`, as from `[out:json]` or tiny-osmpbf).
 *
 * @throws {OsmInputError} for invalid JSON, a missing `elements` array or a malformed element
 */
export function parseOverpassJson(text: string): OsmData {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		throw new OsmInputError(`invalid JSON: ${(error as Error).message}`);
	}
	if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { elements?: unknown }).elements)) {
		throw new OsmInputError('JSON has no "elements" array (expected Overpass JSON: {"elements": [...]})');
	}
	const remark = overpassRemark((doc as { remark?: unknown }).remark);
	if (remark) throw remark;
	const raw = (doc as { elements: unknown[] }).elements;
	const elements: OsmElement[] = [];
	const seenNodes = new Set<number>();
	const geomNodes: OsmElement[] = [];
	for (let i = 0; i < raw.length; i++) {
		const result = v.safeParse(JsonElement, raw[i]);
		if (!result.success) {
			const issue = result.issues[0];
			const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
			throw new OsmInputError(`elements[${i}]${path ? '.' + path : ''}: ${issue.message}`);
		}
		const e = result.output;
		if (e.type === 'node') {
			checkCoordinate(e.lat, e.lon, `elements[${i}] (node ${e.id})`);
			seenNodes.add(e.id);
			elements.push(withTags({ type: 'node', id: e.id, lat: e.lat, lon: e.lon }, e.tags));
		} else if (e.type === 'way') {
			elements.push(withTags({ type: 'way', id: e.id, nodes: e.nodes }, e.tags));
			e.geometry?.forEach((c, k) => {
				const ref = e.nodes[k];
				if (c) checkCoordinate(c.lat, c.lon, `elements[${i}] (way ${e.id}) geometry[${k}]`);
				if (c && ref !== undefined) geomNodes.push({ type: 'node', id: ref, lat: c.lat, lon: c.lon });
			});
		} else if (e.type === 'relation') {
			const members: OsmMember[] = e.members.map((m) => ({ type: m.type, ref: m.ref, role: m.role }));
			elements.push(withTags({ type: 'relation', id: e.id, members }, e.tags));
		}
	}
	for (const n of geomNodes) {
		if (!seenNodes.has(n.id)) {
			seenNodes.add(n.id);
			elements.push(n);
		}
	}
	const b = v.safeParse(JsonBounds, (doc as { bounds?: unknown }).bounds);
	return {
		format: 'json',
		elements,
		declaredBounds: b.success ? validBox([b.output.minlon, b.output.minlat, b.output.maxlon, b.output.maxlat]) : undefined
	};
}

function withTags<T extends OsmElement>(element: T, tags: Record<string, string> | undefined): T {
	if (tags && Object.keys(tags).length > 0) element.tags = tags;
	return element;
}

// ---------------------------------------------------------------------------------------------
// OSM XML

const XML_LISTS = new Set(['node', 'way', 'relation', 'tag', 'nd', 'member']);

interface XmlTag {
	k?: string;
	v?: string;
}
interface XmlElement {
	id?: string;
	lat?: string;
	lon?: string;
	action?: string;
	visible?: string;
	tag?: XmlTag[];
	nd?: { ref?: string }[];
	member?: { type?: string; ref?: string; role?: string }[];
}

/**
 * Parses OSM XML (API 0.6 / osmium / JOSM). Elements marked `action="delete"` or `visible="false"`
 * (JOSM and history files) are dropped.
 *
 * @throws {OsmInputError} for malformed XML, a missing `<osm>` root or a bad id/coordinate
 */
export function parseOsmXml(text: string): OsmData {
	// OSM XML never declares a DTD. One can only bring entities: external ones (file:///etc/passwd,
	// http://…) that must never be resolved, or nested internal ones that expand without bound. So a
	// DOCTYPE or ENTITY declaration anywhere (even in a comment: cheaper than being clever) is refused
	// before any parser sees the text.
	if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
		throw new OsmInputError('XML declares a DOCTYPE or ENTITY: entity declarations are not allowed in OSM XML and are never resolved');
	}
	let valid: ReturnType<typeof XMLValidator.validate>;
	try {
		valid = XMLValidator.validate(text);
	} catch (error) {
		throw new OsmInputError(`malformed XML: ${(error as Error).message}`);
	}
	if (valid !== true) {
		throw new OsmInputError(`malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
	}
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '',
		parseAttributeValue: false,
		parseTagValue: false,
		isArray: (name) => XML_LISTS.has(name)
	});
	let doc: { osm?: Record<string, unknown> | string };
	try {
		doc = parser.parse(text) as typeof doc;
	} catch (error) {
		// fast-xml-parser throws plain Errors ("Maximum nested tags exceeded", "External entities are not supported").
		throw new OsmInputError(`malformed XML: ${(error as Error).message}`);
	}
	const osm = doc.osm;
	if (osm === undefined) throw new OsmInputError('XML has no <osm> root element');
	if (typeof osm !== 'object') return { format: 'xml', elements: [] };
	const remark = overpassRemark(osm.remark);
	if (remark) throw remark;

	const elements: OsmElement[] = [];
	const live = (e: XmlElement) => e.action !== 'delete' && e.visible !== 'false';
	for (const n of (osm.node as XmlElement[] | undefined) ?? []) {
		if (!live(n)) continue;
		const node = { type: 'node' as const, id: xmlId(n.id, 'node'), lat: xmlNumber(n.lat, n, 'lat'), lon: xmlNumber(n.lon, n, 'lon') };
		checkCoordinate(node.lat, node.lon, `node ${node.id}`);
		elements.push(withTags(node, xmlTags(n)));
	}
	for (const w of (osm.way as XmlElement[] | undefined) ?? []) {
		if (!live(w)) continue;
		const nodes = (w.nd ?? []).map((nd) => xmlId(nd.ref, `way ${w.id} <nd ref>`));
		elements.push(withTags({ type: 'way', id: xmlId(w.id, 'way'), nodes }, xmlTags(w)));
	}
	for (const r of (osm.relation as XmlElement[] | undefined) ?? []) {
		if (!live(r)) continue;
		const members: OsmMember[] = (r.member ?? []).map((m) => {
			if (m.type !== 'node' && m.type !== 'way' && m.type !== 'relation') {
				throw new OsmInputError(`relation ${r.id} has a member of unknown type "${m.type}"`);
			}
			return { type: m.type, ref: xmlId(m.ref, `relation ${r.id} <member ref>`), role: m.role ?? '' };
		});
		elements.push(withTags({ type: 'relation', id: xmlId(r.id, 'relation'), members }, xmlTags(r)));
	}

	const b = osm.bounds as Record<string, string> | undefined;
	let declaredBounds: BBox | undefined;
	if (b && typeof b === 'object') {
		const box = [b.minlon, b.minlat, b.maxlon, b.maxlat].map(Number);
		declaredBounds = validBox(box);
	}
	return { format: 'xml', elements, declaredBounds };
}

function xmlId(value: string | undefined, what: string): number {
	const id = Number(value);
	if (value === undefined || value === '' || !Number.isSafeInteger(id)) {
		throw new OsmInputError(`${what} has a missing or bad id "${value ?? ''}"`);
	}
	return id;
}

function xmlNumber(value: string | undefined, e: XmlElement, what: string): number {
	const x = Number(value);
	if (value === undefined || value === '' || !Number.isFinite(x)) {
		throw new OsmInputError(`node ${e.id} has a missing or bad ${what} "${value ?? ''}"`);
	}
	return x;
}

function xmlTags(e: XmlElement): Record<string, string> | undefined {
	if (!e.tag) return undefined;
	const tags: Record<string, string> = {};
	for (const t of e.tag) if (t.k !== undefined) tags[t.k] = t.v ?? '';
	return tags;
}

// ---------------------------------------------------------------------------------------------
// OSM PBF

interface PbfFrame {
	type: string;
	/** Byte range of the whole frame (length prefix + BlobHeader + Blob). */
	start: number;
	end: number;
}

/**
 * Walks the PBF framing (4-byte length, BlobHeader, Blob) and checks every frame fits in the file.
 * tiny-osmpbf reads past the end of a truncated file without noticing, so this is the truncation check.
 */
export function pbfFrames(bytes: Uint8Array): PbfFrame[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const frames: PbfFrame[] = [];
	let pos = 0;
	while (pos < bytes.length) {
		const start = pos;
		if (pos + 4 > bytes.length) throw new OsmInputError(`truncated PBF: ${bytes.length - pos} stray bytes at offset ${pos}`);
		const headerLength = view.getInt32(pos, false);
		pos += 4;
		if (headerLength <= 0 || headerLength > 64 * 1024 || pos + headerLength > bytes.length) {
			throw new OsmInputError(`truncated or corrupt PBF: blob header at offset ${start} runs past the end of the file`);
		}
		const header = readBlobHeader(bytes.subarray(pos, pos + headerLength));
		pos += headerLength;
		if (header === null) throw new OsmInputError(`corrupt PBF: unreadable blob header at offset ${start}`);
		if (pos + header.datasize > bytes.length) {
			throw new OsmInputError(
				`truncated PBF: ${header.type} blob at offset ${start} needs ${header.datasize} bytes, only ${bytes.length - pos} left`
			);
		}
		pos += header.datasize;
		frames.push({ type: header.type, start, end: pos });
	}
	if (frames.length === 0 || frames[0].type !== 'OSMHeader') throw new OsmInputError('corrupt PBF: no OSMHeader blob first');
	return frames;
}

/** Reads BlobHeader { string type = 1; bytes indexdata = 2; int32 datasize = 3 } by hand. */
function readBlobHeader(buf: Uint8Array): { type: string; datasize: number } | null {
	let pos = 0;
	let type: string | null = null;
	let datasize: number | null = null;
	const varint = (): number => {
		let result = 0;
		let shift = 0;
		for (;;) {
			if (pos >= buf.length || shift > 35) throw new RangeError('bad varint');
			const b = buf[pos++];
			result += (b & 0x7f) * 2 ** shift;
			if (b < 0x80) return result;
			shift += 7;
		}
	};
	try {
		while (pos < buf.length) {
			const key = varint();
			const field = Math.floor(key / 8);
			const wire = key & 7;
			if (wire === 0) {
				const value = varint();
				if (field === 3) datasize = value;
			} else if (wire === 2) {
				const length = varint();
				if (pos + length > buf.length) return null;
				if (field === 1) type = UTF8.decode(buf.subarray(pos, pos + length));
				pos += length;
			} else {
				return null;
			}
		}
	} catch {
		return null;
	}
	return type === null || datasize === null ? null : { type, datasize };
}

interface TinyElement {
	type: string;
	id: number;
	lat?: number;
	lon?: number;
	nodes?: number[];
	members?: OsmMember[];
	tags?: Record<string, string>;
}

/**
 * Parses `.osm.pbf` with tiny-osmpbf (zlib or raw blobs; DenseNodes, ways, relations).
 * Each data blob is decoded on its own (header frame + that blob), which keeps memory linear:
 * tiny-osmpbf copies its whole input once per blob.
 *
 * Needs a global `Buffer` (node, or a polyfill in the browser).
 *
 * @throws {OsmInputError} for a truncated or corrupt file
 */
export function parseOsmPbf(bytes: Uint8Array): OsmData {
	const frames = pbfFrames(bytes);
	const header = bytes.subarray(frames[0].start, frames[0].end);
	const elements: OsmElement[] = [];
	let declaredBounds: BBox | undefined;
	const collect = (e: TinyElement) => {
		if (e.type === 'node') {
			const lat = round1e9(e.lat ?? NaN);
			const lon = round1e9(e.lon ?? NaN);
			checkCoordinate(lat, lon, `node ${e.id}`);
			elements.push(withTags({ type: 'node', id: e.id, lat, lon }, e.tags));
		} else if (e.type === 'way') {
			elements.push(withTags({ type: 'way', id: e.id, nodes: e.nodes ?? [] }, e.tags));
		} else if (e.type === 'relation') {
			const members = (e.members ?? []).map((m) => ({ type: m.type, ref: m.ref, role: m.role ?? '' }));
			elements.push(withTags({ type: 'relation', id: e.id, members }, e.tags));
		}
	};
	const blobs = frames.slice(1).filter((f) => f.type === 'OSMData');
	// A file with only a header still goes through tiny-osmpbf once, for the bounds.
	const chunks = blobs.length > 0 ? blobs : [null];
	for (const frame of chunks) {
		const data = frame ? bytes.subarray(frame.start, frame.end) : new Uint8Array(0);
		const chunk = new Uint8Array(header.length + data.length);
		chunk.set(header, 0);
		chunk.set(data, header.length);
		let result: { bounds?: { minlat: number; minlon: number; maxlat: number; maxlon: number } };
		try {
			result = tinyOsmPbf(chunk, collect);
		} catch (error) {
			if (error instanceof OsmInputError) throw error;
			const where = frame ? `data blob at offset ${frame.start}` : 'header blob';
			throw new OsmInputError(`corrupt PBF: ${where}: ${(error as Error).message}`);
		}
		if (result.bounds && !declaredBounds) {
			const { minlon, minlat, maxlon, maxlat } = result.bounds;
			declaredBounds = validBox([round1e9(minlon), round1e9(minlat), round1e9(maxlon), round1e9(maxlat)]);
		}
	}
	return { format: 'pbf', elements, declaredBounds };
}

/**
 * tiny-osmpbf computes `offset * 1e-9 + value / 1e7`, which can land one ulp off the decimal the
 * value encodes; rounding to 1e-9° (far below OSM's 1e-7° precision) snaps it back.
 */
function round1e9(x: number): number {
	return Math.round(x * 1e9) / 1e9;
}
