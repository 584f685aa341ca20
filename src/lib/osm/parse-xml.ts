/**
 * OSM XML (API 0.6 / osmium / JOSM), read with fast-xml-parser after refusing any DTD.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkCoordinate, overpassRemark, validBox, withTags } from './parse-common';
import { OsmInputError } from './types';
import type { BBox, OsmData, OsmElement, OsmMember } from './types';

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
