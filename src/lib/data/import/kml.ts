/**
 * KML (Google Earth, AMap/Baidu exports, a colleague's file): every Placemark, at any depth of
 * Documents and Folders, with a Point, LineString, Polygon, LinearRing or a MultiGeometry of them.
 * Properties: `name`, `description`, every ExtendedData `<Data name><value>` and
 * `<SchemaData><SimpleData name>`. Other geometries (gx:Track, Model …) are counted, not read.
 */
import type { Geometry, Position } from 'geojson';
import { FeatureSink, type ReadResult } from './features';
import { ImportStop, type ImportLimits } from './problems';
import { attr, child, children, childText, descendants, text, type XmlElement } from './xml';

/**
 * KML coordinates, "lon,lat[,alt]" tuples separated by white space. Spaces after the commas, which
 * some writers put, are tolerated. A tuple that is not numbers yields NaN, which the geometry check
 * then rejects.
 */
function parseCoordinates(value: string): Position[] {
	const tuples = value.replace(/\s*,\s*/g, ',').trim().split(/\s+/).filter(Boolean);
	return tuples.map((t) => t.split(',').map((n) => (n === '' ? NaN : Number(n))));
}

const coordinatesOf = (e: XmlElement) => parseCoordinates(childText(e, 'coordinates') ?? '');

const GEOMETRY_NAMES = ['Point', 'LineString', 'LinearRing', 'Polygon', 'MultiGeometry'];
const UNSUPPORTED = ['Track', 'MultiTrack', 'Model'];

/** The geometries of one element (a Placemark or a MultiGeometry), in order; unsupported kinds tallied. */
function geometriesOf(e: XmlElement, sink: FeatureSink, depth = 0): unknown[] {
	const out: unknown[] = [];
	for (const key of Object.keys(e)) {
		if (UNSUPPORTED.includes(key)) for (let i = 0; i < children(e, key).length; i++) sink.skipUnsupported(`gx:${key}`);
		if (!GEOMETRY_NAMES.includes(key)) continue;
		for (const g of children(e, key)) {
			switch (key) {
				case 'Point': {
					const [p] = coordinatesOf(g);
					out.push({ type: 'Point', coordinates: p });
					break;
				}
				case 'LineString':
					out.push({ type: 'LineString', coordinates: coordinatesOf(g) });
					break;
				case 'LinearRing':
					out.push({ type: 'Polygon', coordinates: [coordinatesOf(g)] });
					break;
				case 'Polygon': {
					const ring = (b: XmlElement | undefined) => (b ? coordinatesOf(child(b, 'LinearRing') ?? {}) : []);
					const outer = ring(child(g, 'outerBoundaryIs'));
					const inner = children(g, 'innerBoundaryIs').flatMap((b) => children(b, 'LinearRing').map(coordinatesOf));
					out.push({ type: 'Polygon', coordinates: [outer, ...inner] });
					break;
				}
				case 'MultiGeometry':
					if (depth < 8) {
						const members = geometriesOf(g, sink, depth + 1);
						if (members.length > 0) out.push(combine(members));
					}
					break;
			}
		}
	}
	return out;
}

/** Several geometries as one: a Multi* when they are all of one kind, else a GeometryCollection. */
function combine(members: unknown[]): unknown {
	if (members.length === 1) return members[0];
	const gs = members as Geometry[];
	const kinds = new Set(gs.map((g) => g?.type));
	if (kinds.size === 1) {
		const [kind] = kinds;
		const coords = gs.map((g) => (g as { coordinates: unknown }).coordinates);
		if (kind === 'Point') return { type: 'MultiPoint', coordinates: coords };
		if (kind === 'LineString') return { type: 'MultiLineString', coordinates: coords };
		if (kind === 'Polygon') return { type: 'MultiPolygon', coordinates: coords };
	}
	return { type: 'GeometryCollection', geometries: gs };
}

/**
 * Reads a parsed `<kml>` tree.
 *
 * @param root the `<kml>` element (xml.ts)
 * @param limits the feature and position limits
 * @returns the features (Placemark numbers, 1-based in document order, in warnings)
 */
export function readKml(root: XmlElement, limits: ImportLimits): ReadResult {
	const sink = new FeatureSink(limits);
	try {
		descendants(root, 'Placemark').forEach((pm, i) => {
			const properties: Record<string, string> = {};
			const name = childText(pm, 'name');
			if (name !== undefined) properties.name = name;
			const description = childText(pm, 'description');
			if (description) properties.description = description;
			for (const ext of children(pm, 'ExtendedData')) {
				for (const d of children(ext, 'Data')) {
					const key = attr(d, 'name');
					if (key) properties[key] = childText(d, 'value') ?? '';
				}
				for (const sd of children(ext, 'SchemaData')) {
					for (const s of children(sd, 'SimpleData')) {
						const key = attr(s, 'name');
						if (key) properties[key] = text(s);
					}
				}
			}
			const geometries = geometriesOf(pm, sink);
			if (geometries.length === 0) {
				// A Placemark with only a gx:Track was tallied as unsupported already: not also "bad".
				if (!UNSUPPORTED.some((k) => pm[k] !== undefined)) sink.reject(i + 1, 'no-geometry');
				return;
			}
			const id = attr(pm, 'id');
			sink.add(combine(geometries), properties, i + 1, id);
		});
	} catch (error) {
		if (error instanceof ImportStop) return { ok: false, error: error.problem, warnings: [] };
		throw error;
	}
	return sink.finish();
}
