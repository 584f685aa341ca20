/**
 * Overpass JSON (`{"elements": [...]}`, as from `[out:json]` or tiny-osmpbf), validated with valibot.
 */
import * as v from 'valibot';
import { checkCoordinate, overpassRemark, validBox, withTags } from './parse-common';
import { OsmInputError } from './types';
import type { OsmData, OsmElement, OsmMember } from './types';

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
