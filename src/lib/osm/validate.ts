/**
 * What must hold for converted geodata before it may replace the files the app builds from.
 */
import * as v from 'valibot';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { CHANGNING_BBOX, StreetProperties } from '../data/schema';
import type { BBox } from './types';

export interface GeodataFiles {
	streets: FeatureCollection;
	water: FeatureCollection;
	green: FeatureCollection;
	amenities: FeatureCollection;
}

/** How far a coordinate may sit outside the bounds: one unit of the 7th decimal, for rounding. */
const EPS = 1.5e-7;

function positions(g: Geometry): Position[][] {
	switch (g.type) {
		case 'Point':
			return [[g.coordinates]];
		case 'LineString':
			return [g.coordinates];
		case 'MultiPoint':
			return [g.coordinates];
		case 'Polygon':
		case 'MultiLineString':
			return g.coordinates;
		case 'MultiPolygon':
			return g.coordinates.flat();
		case 'GeometryCollection':
			return g.geometries.flatMap(positions);
	}
}

/**
 * Checks converted geodata: at least one walkable street; every feature has a geometry whose
 * coordinates are finite [lon, lat] pairs inside `bounds`; lines have ≥ 2 positions; polygon rings are
 * closed with ≥ 4; street properties pass the app's `StreetProperties` schema; ids are unique per file.
 *
 * @param files the four collections
 * @param bounds [west, south, east, north] the coordinates must lie in (the extract's node bounds)
 * @returns problems, one line each; empty when all is well
 */
export function validateGeodata(files: GeodataFiles, bounds: BBox | null): string[] {
	const problems: string[] = [];
	if (!files.streets.features.some((f) => f.properties?.walkable === true)) {
		problems.push('no walkable street in the extract (no highway=footway/residential/primary… with its nodes)');
	}
	for (const name of ['streets', 'water', 'green', 'amenities'] as const) {
		const fc = files[name];
		if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
			problems.push(`${name}: not a FeatureCollection`);
			continue;
		}
		const ids = new Set<string>();
		for (const f of fc.features) {
			const id = String(f.properties?.id ?? '(no id)');
			if (ids.has(id)) problems.push(`${name}: duplicate id ${id}`);
			ids.add(id);
			if (!f.geometry) {
				problems.push(`${name}: ${id} has no geometry`);
				continue;
			}
			const g = f.geometry;
			const parts = positions(g);
			if (g.type === 'LineString' && g.coordinates.length < 2) problems.push(`${name}: ${id} has fewer than 2 positions`);
			if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
				for (const ring of parts) {
					const a = ring[0];
					const z = ring[ring.length - 1];
					if (ring.length < 4 || a[0] !== z[0] || a[1] !== z[1]) problems.push(`${name}: ${id} has an unclosed ring`);
				}
			}
			const bad = parts.flat().find((p) => {
				const [x, y] = p;
				if (p.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) return true;
				if (!bounds) return false;
				return x < bounds[0] - EPS || x > bounds[2] + EPS || y < bounds[1] - EPS || y > bounds[3] + EPS;
			});
			if (bad) problems.push(`${name}: ${id} has a coordinate [${bad.join(', ')}] that is not finite or outside the extract`);
			if (name === 'streets') {
				const r = v.safeParse(StreetProperties, f.properties);
				if (!r.success) problems.push(`streets: ${id}: ${r.issues[0].message}`);
			}
		}
	}
	return problems;
}

/** How far (degrees, ≈ 28 km) an extract may lie from Changning and still be "near": all of central Shanghai. */
export const NEAR_CHANGNING_DEG = 0.25;

const intersects = (a: readonly number[], b: readonly number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * Where an extract lies relative to Changning: `'changning'` when its node bounds overlap the
 * district, `'near'` when they overlap the district grown by NEAR_CHANGNING_DEG (a neighbouring
 * district; the import goes ahead with a note), `'far'` otherwise (refused: an atlas of Changning has
 * no use for it, and it is usually a wrong file or lat/lon swapped). A GCJ-02 extract of Changning
 * (shifted ≈ 0.5 km) is still `'changning'`: the shift cannot be told from the coordinates alone.
 *
 * @param bounds [west, south, east, north] WGS84 degrees, or null for an extract without nodes
 * @returns null for no bounds
 * @example extractRegion([121.42, 31.217, 121.43, 31.226]) // 'changning'
 */
export function extractRegion(bounds: BBox | null): 'changning' | 'near' | 'far' | null {
	if (!bounds) return null;
	if (intersects(bounds, CHANGNING_BBOX)) return 'changning';
	const [w, s, e, n] = CHANGNING_BBOX;
	const d = NEAR_CHANGNING_DEG;
	return intersects(bounds, [w - d, s - d, e + d, n + d]) ? 'near' : 'far';
}
