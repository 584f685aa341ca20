/**
 * The "moved by" report (`geodata/reports/places-moved.json`): which places moved by more than 100 m
 * against the last hand-placed geometry, and the source that moved them (README, "Places moved").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { distanceMetres } from '../../../src/lib/geo/trace';
import type { LocatedBy } from '../../../src/lib/data/schema';
import { round } from '../round';

/** The last commit with the hand-placed geometry: the report compares against it. */
export const BEFORE_REPLACEMENT = '1606184';

export interface MovedPlace {
	id: string;
	/** Distance between the old and new representative points (point, or centroid), metres. */
	metres: number;
	/** The first located_by title of the new feature: the source that moved it. */
	source: string;
}

/** Representative point of a geometry: the point itself, else the turf centroid. */
function representative(g: Geometry): Position {
	return g.type === 'Point' ? g.coordinates : turf.centroid(g).geometry.coordinates;
}

/**
 * Places whose representative point moved by more than `minMetres` between two builds.
 *
 * @param {Feature[]} before the earlier place features
 * @param {Feature[]} after the new place features (with `located_by`)
 * @param {number} [minMetres=100]
 * @returns {MovedPlace[]} farthest first, then by id
 */
export function movedPlaces(before: Feature[], after: Feature[], minMetres = 100): MovedPlace[] {
	const old = new Map(before.map((f) => [String(f.properties?.id), f]));
	const out: MovedPlace[] = [];
	for (const f of after) {
		const id = String(f.properties?.id);
		const prev = old.get(id);
		if (!prev?.geometry || !f.geometry) continue;
		const metres = round(distanceMetres(representative(prev.geometry), representative(f.geometry)), 0);
		const by = (f.properties?.located_by as LocatedBy[] | undefined)?.[0]?.title ?? '';
		if (metres > minMetres) out.push({ id, metres, source: by });
	}
	return out.sort((a, b) => b.metres - a.metres || a.id.localeCompare(b.id));
}

/** A geodata file's features at {@link BEFORE_REPLACEMENT}, or none when git or the file is not there. */
export function committedFeatures(root: string, rel: string): Feature[] {
	try {
		const text = execFileSync('git', ['show', `${BEFORE_REPLACEMENT}:${rel}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		return (JSON.parse(text) as FeatureCollection).features;
	} catch {
		return [];
	}
}

/**
 * Compare the new places and green areas with {@link BEFORE_REPLACEMENT} and write the report.
 *
 * @param {string} root the repository root
 * @param {Feature[]} places the new place features
 * @param {Feature[]} green the new green features
 * @param {string[]} placeFiles the place files, relative to the root, at the old commit
 * @returns {MovedPlace[]} everything that moved, places first
 */
export function writeMovedReport(root: string, places: Feature[], green: Feature[], placeFiles: string[]): MovedPlace[] {
	const before = placeFiles.flatMap((rel) => committedFeatures(root, rel));
	// The old green file also drew the park and the campus (places now, compared above): renamed, they match nothing.
	const greenBefore = committedFeatures(root, 'geodata/green.geojson').map((f) => ({
		...f,
		properties: { ...f.properties, id: String(f.properties?.id).replace(/^green-(ecupl-changning-campus|zhongshan-park)$/, '$1-green') }
	}));
	const moved = movedPlaces(before, places);
	const greenMoved = movedPlaces(greenBefore, green);
	mkdirSync(join(root, 'geodata', 'reports'), { recursive: true });
	const report = { against: BEFORE_REPLACEMENT, places: moved, green: greenMoved };
	writeFileSync(join(root, 'geodata', 'reports', 'places-moved.json'), JSON.stringify(report, null, 1) + '\n');
	return [...moved, ...greenMoved];
}
