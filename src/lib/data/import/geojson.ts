/**
 * GeoJSON (RFC 7946): a FeatureCollection, one Feature, or a bare geometry. Features whose geometry
 * is missing or broken are left out and counted; the rest is kept with its properties.
 */
import { FeatureSink, type ReadResult } from './features';
import { ImportStop, problem, type ImportLimits, type ImportProblem } from './problems';
import type { GeoJsonProperties } from 'geojson';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * Line (1-based) of a JSON.parse error, 0 when unknown. V8 says "… at position N", or only quotes
 * the text around the error: `Unexpected token ',', ..."atures": [,]…" is not valid JSON`, where
 * the quote starts 10 characters before the error when it begins with "...".
 */
function errorLine(text: string, message: string): number {
	const line = /line (\d+)/.exec(message);
	if (line) return Number(line[1]);
	let at = -1;
	const pos = /position (\d+)/.exec(message);
	if (pos) at = Number(pos[1]);
	else {
		const quoted = /token '(.+?)', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON/.exec(message);
		const start = quoted ? text.indexOf(quoted[3]) : -1;
		if (quoted && start >= 0) at = start + (quoted[2] ? 10 : Math.max(0, quoted[3].indexOf(quoted[1])));
	}
	if (at < 0) return 0;
	let n = 1;
	for (let i = 0, end = Math.min(at, text.length); i < end; i++) if (text.charCodeAt(i) === 10) n++;
	return n;
}

/** Parses JSON text without throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: ImportProblem } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		const message = (error as Error).message;
		return { ok: false, error: problem('json-syntax', { message: message.slice(0, 200), line: errorLine(text, message) }) };
	}
}

/**
 * Reads an already-parsed GeoJSON value.
 *
 * @param value what JSON.parse returned
 * @param limits the feature and position limits
 * @returns the features (1-based feature numbers in warnings) or the reason there are none
 * @example readGeoJson({ type: 'Point', coordinates: [121.42, 31.22] }, DEFAULT_IMPORT_LIMITS)
 */
export function readGeoJson(value: unknown, limits: ImportLimits): ReadResult {
	const sink = new FeatureSink(limits);
	try {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			return { ok: false, error: problem('not-geojson', { found: Array.isArray(value) ? 'array' : typeof value }), warnings: [] };
		}
		const root = value as { type?: unknown; features?: unknown };
		if (root.type === 'FeatureCollection') {
			if (!Array.isArray(root.features)) return { ok: false, error: problem('not-geojson', { found: 'FeatureCollection without features' }), warnings: [] };
			root.features.forEach((f, i) => addFeature(sink, f, i + 1));
		} else if (root.type === 'Feature') {
			addFeature(sink, root, 1);
		} else if (typeof root.type === 'string' && GEOMETRY_TYPES.has(root.type)) {
			sink.add(root, {}, 1);
		} else {
			return { ok: false, error: problem('not-geojson', { found: typeof root.type === 'string' ? root.type.slice(0, 40) : 'object without type' }), warnings: [] };
		}
	} catch (error) {
		if (error instanceof ImportStop) return { ok: false, error: error.problem, warnings: [] };
		throw error;
	}
	return sink.finish();
}

function addFeature(sink: FeatureSink, f: unknown, n: number): void {
	if (typeof f !== 'object' || f === null || (f as { type?: unknown }).type !== 'Feature') {
		sink.reject(n, 'bad-type');
		return;
	}
	const feature = f as { geometry?: unknown; properties?: unknown; id?: unknown };
	const props = typeof feature.properties === 'object' && feature.properties !== null && !Array.isArray(feature.properties) ? (feature.properties as GeoJsonProperties) : {};
	const id = typeof feature.id === 'string' || typeof feature.id === 'number' ? feature.id : undefined;
	sink.add(feature.geometry, props, n, id);
}
