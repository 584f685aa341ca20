/**
 * A small, DOM-free XML tree for the KML and GPX readers, over fast-xml-parser (already the OSM
 * importer's XML reader).
 *
 * Why not DOMParser: it does not exist in web workers (where a big file is best parsed) nor in node
 * (the unit tests and CLI scripts), and @tmcw/togeojson needs it. fast-xml-parser behaves the same in
 * all three.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { problem, type ImportProblem } from './problems';

/**
 * One element: child elements by local name (namespace prefixes removed: `gx:Track` is `Track`),
 * always as arrays; attributes as `@name`; text as `#text`.
 */
export interface XmlElement {
	[child: string]: XmlElement[] | string | undefined;
}

/**
 * Parses XML text into a tree, or says why not. A DOCTYPE or ENTITY declaration anywhere is refused
 * before any parser sees the text: KML and GPX never need one, and one can only bring external
 * entities (never to be resolved) or nested ones that expand without bound.
 *
 * @returns the root element's local name and the element, or an `xml-doctype` / `xml-syntax` problem
 */
export function parseXml(text: string): { ok: true; root: string; element: XmlElement } | { ok: false; error: ImportProblem } {
	if (/<!(DOCTYPE|ENTITY)/i.test(text)) return { ok: false, error: problem('xml-doctype', {}) };
	try {
		const valid = XMLValidator.validate(text);
		if (valid !== true) {
			return { ok: false, error: problem('xml-syntax', { message: valid.err.msg, line: valid.err.line, column: valid.err.col }) };
		}
		const parser = new XMLParser({
			ignoreAttributes: false,
			attributeNamePrefix: '@',
			textNodeName: '#text',
			removeNSPrefix: true,
			parseAttributeValue: false,
			parseTagValue: false,
			ignoreDeclaration: true,
			ignorePiTags: true,
			isArray: (_name, _jpath, _leaf, isAttribute) => !isAttribute
		});
		const doc = parser.parse(text) as Record<string, XmlElement[]>;
		const root = Object.keys(doc).find((k) => !k.startsWith('@') && k !== '#text');
		if (!root) return { ok: false, error: problem('xml-syntax', { message: 'no root element', line: 1, column: 1 }) };
		return { ok: true, root, element: asElement(doc[root][0]) };
	} catch (error) {
		// fast-xml-parser throws plain Errors ("Maximum nested tags exceeded"); a RangeError for absurd nesting.
		return { ok: false, error: problem('xml-syntax', { message: String((error as Error).message).slice(0, 200), line: 0, column: 0 }) };
	}
}

/** A leaf `<a>text</a>` parses to the string "text": treat it as an element whose text that is. */
function asElement(value: XmlElement | string | undefined): XmlElement {
	if (value === undefined) return {};
	return typeof value === 'string' ? { '#text': value } : value;
}

/** The child elements of one name. */
export function children(e: XmlElement, name: string): XmlElement[] {
	const list = e[name];
	return Array.isArray(list) ? list.map(asElement) : [];
}

/** The first child element of one name. */
export function child(e: XmlElement, name: string): XmlElement | undefined {
	return children(e, name)[0];
}

/** The trimmed text of an element (its own text only). */
export function text(e: XmlElement | undefined): string {
	const t = e?.['#text'];
	return typeof t === 'string' ? t.trim() : '';
}

/** The text of the first child of one name, or undefined when there is none. */
export function childText(e: XmlElement, name: string): string | undefined {
	const c = child(e, name);
	return c === undefined ? undefined : text(c);
}

/** An attribute's value. */
export function attr(e: XmlElement, name: string): string | undefined {
	const v = e[`@${name}`];
	return typeof v === 'string' ? v : undefined;
}

/** Every descendant element of one name, in document order of their parents (depth-first). */
export function descendants(e: XmlElement, name: string, out: XmlElement[] = [], depth = 0): XmlElement[] {
	if (depth > 64) return out;
	for (const key of Object.keys(e)) {
		if (key.startsWith('@') || key === '#text') continue;
		for (const c of children(e, key)) {
			if (key === name) out.push(c);
			else descendants(c, name, out, depth + 1);
		}
	}
	return out;
}
