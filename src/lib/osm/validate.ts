/**
 * What must hold for converted geodata before it may replace the files the app builds from.
 */
import * as v from 'valibot';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { StreetProperties } from '../data/schema';
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
