/**
 * What every reader shares: checking one geometry, and a sink that collects features while it
 * enforces the limits and tallies what was left out. One place decides what a valid imported
 * geometry is, whichever format it came from.
 */
import type { BBox, Feature, FeatureCollection, Geometry, GeoJsonProperties, Position } from 'geojson';
import {
	firstFew,
	ImportStop,
	problem,
	type BadFeatureReason,
	type ImportLimits,
	type ImportProblem,
	type ImportStats
} from './problems';

/** What a reader returns: features with their stats and warnings, or the reason there are none. */
export type ReadResult =
	| { ok: true; collection: FeatureCollection; stats: ImportStats; warnings: ImportProblem[] }
	| { ok: false; error: ImportProblem; warnings: ImportProblem[] };

export type GeometryCheck = { ok: true; geometry: Geometry; positions: number } | { ok: false; reason: BadFeatureReason };

const isLonLat = (x: number, y: number) => x >= -180 && x <= 180 && y >= -90 && y <= 90;

/**
 * Checks and copies one position: two or three finite numbers (a fourth, M, is dropped), within
 * longitude/latitude range. Returns the reason when it is not.
 */
function checkPosition(value: unknown): Position | BadFeatureReason {
	if (!Array.isArray(value) || value.length < 2) return 'bad-coordinates';
	const [x, y, z] = value as unknown[];
	if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return 'bad-coordinates';
	if (!isLonLat(x, y)) return 'not-lonlat';
	return typeof z === 'number' && Number.isFinite(z) ? [x, y, z] : [x, y];
}

function checkLine(value: unknown, min: number): Position[] | BadFeatureReason {
	if (!Array.isArray(value)) return 'bad-coordinates';
	const out: Position[] = [];
	for (const item of value) {
		const p = checkPosition(item);
		if (!Array.isArray(p)) return p;
		out.push(p);
	}
	return out.length < min ? 'too-few-positions' : out;
}

/** A ring: at least 3 distinct positions; closed here when the file left it open (KML often does). */
function checkRing(value: unknown): Position[] | BadFeatureReason {
	const ring = checkLine(value, 3);
	if (!Array.isArray(ring)) return ring;
	const [a, b] = [ring[0], ring[ring.length - 1]];
	if (a[0] !== b[0] || a[1] !== b[1]) ring.push([...a]);
	return ring.length < 4 ? 'too-few-positions' : ring;
}

function checkRings(value: unknown): Position[][] | BadFeatureReason {
	if (!Array.isArray(value) || value.length === 0) return 'bad-coordinates';
	const out: Position[][] = [];
	for (const r of value) {
		const ring = checkRing(r);
		if (!Array.isArray(ring)) return ring;
		out.push(ring);
	}
	return out;
}

function checkList<T>(value: unknown, check: (v: unknown) => T | BadFeatureReason): T[] | BadFeatureReason {
	if (!Array.isArray(value) || value.length === 0) return 'bad-coordinates';
	const out: T[] = [];
	for (const item of value) {
		const r = check(item);
		if (typeof r === 'string') return r as BadFeatureReason;
		out.push(r);
	}
	return out;
}

const countPositions = (c: unknown): number => (Array.isArray(c) ? (typeof c[0] === 'number' ? 1 : c.reduce((n: number, x) => n + countPositions(x), 0)) : 0);

/**
 * Checks one GeoJSON geometry as it came from a file (anything) and returns a clean copy: finite
 * lon/lat positions, lines of 2+ positions, closed rings of 4+. Nested GeometryCollections are kept
 * (RFC 7946 allows them) but each member must be valid.
 */
export function checkGeometry(value: unknown, depth = 0): GeometryCheck {
	if (value === null || value === undefined) return { ok: false, reason: 'no-geometry' };
	if (typeof value !== 'object' || depth > 8) return { ok: false, reason: 'bad-type' };
	const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
	let result: Geometry | BadFeatureReason;
	switch (g.type) {
		case 'Point': {
			const p = checkPosition(g.coordinates);
			result = Array.isArray(p) ? { type: 'Point', coordinates: p } : p;
			break;
		}
		case 'MultiPoint': {
			const ps = checkList(g.coordinates, checkPosition);
			result = Array.isArray(ps) ? { type: 'MultiPoint', coordinates: ps } : ps;
			break;
		}
		case 'LineString': {
			const l = checkLine(g.coordinates, 2);
			result = Array.isArray(l) ? { type: 'LineString', coordinates: l } : l;
			break;
		}
		case 'MultiLineString': {
			const ls = checkList(g.coordinates, (v) => checkLine(v, 2));
			result = Array.isArray(ls) ? { type: 'MultiLineString', coordinates: ls } : ls;
			break;
		}
		case 'Polygon': {
			const rs = checkRings(g.coordinates);
			result = Array.isArray(rs) ? { type: 'Polygon', coordinates: rs } : rs;
			break;
		}
		case 'MultiPolygon': {
			const ps = checkList(g.coordinates, checkRings);
			result = Array.isArray(ps) ? { type: 'MultiPolygon', coordinates: ps } : ps;
			break;
		}
		case 'GeometryCollection': {
			if (!Array.isArray(g.geometries) || g.geometries.length === 0) return { ok: false, reason: 'bad-coordinates' };
			const members: Geometry[] = [];
			let positions = 0;
			for (const m of g.geometries) {
				const r = checkGeometry(m, depth + 1);
				if (!r.ok) return r;
				members.push(r.geometry);
				positions += r.positions;
			}
			return { ok: true, geometry: { type: 'GeometryCollection', geometries: members }, positions };
		}
		default:
			return { ok: false, reason: 'bad-type' };
	}
	if (typeof result === 'string') return { ok: false, reason: result };
	return { ok: true, geometry: result, positions: countPositions(result.coordinates) };
}

/** Calls `visit` with every position of a geometry. */
export function eachPosition(geometry: Geometry, visit: (p: Position) => void): void {
	switch (geometry.type) {
		case 'Point':
			return visit(geometry.coordinates);
		case 'MultiPoint':
		case 'LineString':
			return geometry.coordinates.forEach(visit);
		case 'MultiLineString':
		case 'Polygon':
			return geometry.coordinates.forEach((l) => l.forEach(visit));
		case 'MultiPolygon':
			return geometry.coordinates.forEach((p) => p.forEach((l) => l.forEach(visit)));
		case 'GeometryCollection':
			return geometry.geometries.forEach((g) => eachPosition(g, visit));
	}
}

/** Maps every position of a geometry to a new one; returns a new geometry (the input is not changed). */
export function mapPositions<G extends Geometry>(geometry: G, map: (p: Position) => Position): G {
	const line = (l: Position[]) => l.map(map);
	switch (geometry.type) {
		case 'Point':
			return { ...geometry, coordinates: map(geometry.coordinates) };
		case 'MultiPoint':
		case 'LineString':
			return { ...geometry, coordinates: line(geometry.coordinates) };
		case 'MultiLineString':
		case 'Polygon':
			return { ...geometry, coordinates: geometry.coordinates.map(line) };
		case 'MultiPolygon':
			return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map(line)) };
		case 'GeometryCollection':
			return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, map)) };
	}
	return geometry;
}

/**
 * Collects a reader's features. Stops the reader (throws {@link ImportStop}, caught by the reader's
 * entry point) as soon as a limit is passed, so a million-point file is refused without building a
 * million features first. Bad features are counted, not kept; `finish` turns the tallies into
 * warnings, or into the error when nothing usable is left.
 */
export class FeatureSink {
	readonly features: Feature[] = [];
	private positions = 0;
	private readonly geometryTypes: Partial<Record<string, number>> = {};
	private readonly bad: { label: string; reason: BadFeatureReason }[] = [];
	private readonly unsupported = new Map<string, number>();
	private readonly box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	private notLonLatExample = '';

	constructor(private readonly limits: ImportLimits) {}

	/**
	 * Adds a feature from a geometry as found in the file. `label` names it in a warning (its 1-based
	 * number, or a CSV line). Returns false when the geometry was bad (it is tallied).
	 */
	add(rawGeometry: unknown, properties: GeoJsonProperties, label: string | number, id?: string | number): boolean {
		const checked = checkGeometry(rawGeometry);
		if (!checked.ok) {
			this.reject(label, checked.reason, rawGeometry);
			return false;
		}
		if (this.features.length + 1 > this.limits.maxFeatures) {
			throw new ImportStop(problem('too-many-features', { count: this.features.length + 1, max: this.limits.maxFeatures }));
		}
		this.positions += checked.positions;
		if (this.positions > this.limits.maxPositions) {
			throw new ImportStop(problem('too-many-positions', { count: this.positions, max: this.limits.maxPositions }));
		}
		const feature: Feature = { type: 'Feature', geometry: checked.geometry, properties: properties ?? {} };
		if (id !== undefined) feature.id = id;
		this.features.push(feature);
		const type = checked.geometry.type;
		this.geometryTypes[type] = (this.geometryTypes[type] ?? 0) + 1;
		const box = this.box;
		eachPosition(checked.geometry, ([x, y]) => {
			if (x < box[0]) box[0] = x;
			if (y < box[1]) box[1] = y;
			if (x > box[2]) box[2] = x;
			if (y > box[3]) box[3] = y;
		});
		return true;
	}

	/** Tallies a feature left out for a reason the reader found itself. */
	reject(label: string | number, reason: BadFeatureReason, rawGeometry?: unknown): void {
		this.bad.push({ label: String(label), reason });
		if (reason === 'not-lonlat' && !this.notLonLatExample) this.notLonLatExample = firstPositionText(rawGeometry);
	}

	/** Tallies a geometry kind the reader does not turn into a feature. */
	skipUnsupported(kind: string): void {
		this.unsupported.set(kind, (this.unsupported.get(kind) ?? 0) + 1);
	}

	/** The collection, its stats and warnings; or the error when no feature is usable. */
	finish(): ReadResult {
		const warnings: ImportProblem[] = [];
		if (this.unsupported.size > 0) {
			const kinds = [...this.unsupported].map(([k, n]) => `${k} (${n})`).join(', ');
			warnings.push(problem('unsupported-geometry', { count: [...this.unsupported.values()].reduce((a, b) => a + b, 0), kinds }));
		}
		const badLonLat = this.bad.filter((b) => b.reason === 'not-lonlat');
		// Every coordinate out of range means a projected file (metres): say that, not "bad features".
		if (this.features.length === 0 && badLonLat.length > 0 && badLonLat.length === this.bad.length) {
			return { ok: false, error: problem('not-lonlat', { count: badLonLat.length, example: this.notLonLatExample }), warnings };
		}
		if (this.bad.length > 0) {
			const tally = new Map<BadFeatureReason, number>();
			for (const b of this.bad) tally.set(b.reason, (tally.get(b.reason) ?? 0) + 1);
			const reason = [...tally].sort((a, b) => b[1] - a[1])[0][0];
			const notice = problem('bad-features', { count: this.bad.length, first: firstFew(this.bad.map((b) => b.label)), reason });
			if (this.features.length === 0) return { ok: false, error: notice, warnings };
			warnings.push(notice);
		}
		if (this.features.length === 0) return { ok: false, error: problem('no-features', {}), warnings };
		const stats: ImportStats = {
			features: this.features.length,
			positions: this.positions,
			geometryTypes: { ...this.geometryTypes },
			bbox: [...this.box] as BBox
		};
		return { ok: true, collection: { type: 'FeatureCollection', features: this.features }, stats, warnings };
	}
}

function firstPositionText(raw: unknown): string {
	let c: unknown = (raw as { coordinates?: unknown } | null)?.coordinates;
	while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
	return Array.isArray(c) ? c.slice(0, 2).map(String).join(', ') : '';
}
