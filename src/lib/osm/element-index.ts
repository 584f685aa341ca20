/**
 * The extract, indexed for the conversion: node positions (rounded once), ways by id, relations, the
 * node bounds; and a way's geometry as runs of the nodes the extract has.
 */
import type { Position } from 'geojson';
import { roundCoord } from './output';
import type { BBox, OsmData, OsmRelation, OsmWay } from './types';

export interface ElementIndex {
	/** Node id → rounded [lon, lat]. */
	nodes: Map<number, Position>;
	ways: Map<number, OsmWay>;
	relations: OsmRelation[];
	/** Bounding box of every node (rounded), or null when there are none. */
	bounds: BBox | null;
}

/**
 * Index the elements of an extract (a later duplicate id replaces an earlier one).
 *
 * @param data parsed OSM data
 * @returns nodes, ways, relations and bounds
 */
export function indexElements(data: OsmData): ElementIndex {
	const nodes = new Map<number, Position>();
	const ways = new Map<number, OsmWay>();
	const relations: OsmRelation[] = [];
	let bounds: BBox | null = null;
	for (const e of data.elements) {
		if (e.type === 'node') {
			const p: Position = [roundCoord(e.lon), roundCoord(e.lat)];
			nodes.set(e.id, p);
			if (bounds === null) bounds = [p[0], p[1], p[0], p[1]];
			else {
				if (p[0] < bounds[0]) bounds[0] = p[0];
				if (p[1] < bounds[1]) bounds[1] = p[1];
				if (p[0] > bounds[2]) bounds[2] = p[0];
				if (p[1] > bounds[3]) bounds[3] = p[1];
			}
		} else if (e.type === 'way') ways.set(e.id, e);
		else relations.push(e);
	}
	return { nodes, ways, relations, bounds };
}

/** Whether a way is closed (a ring of at least three distinct nodes: first id repeated last). */
export function isClosedWay(way: OsmWay): boolean {
	return way.nodes.length >= 4 && way.nodes[0] === way.nodes[way.nodes.length - 1];
}

/**
 * A way's runs of consecutive present nodes (two or more positions each), consecutive duplicate
 * positions dropped, and whether any node was missing.
 *
 * @param way the way
 * @param nodes node positions of the extract
 */
export function wayRuns(way: OsmWay, nodes: ReadonlyMap<number, Position>): { runs: Position[][]; clipped: boolean } {
	const out: Position[][] = [];
	let current: Position[] = [];
	let clipped = false;
	for (const id of way.nodes) {
		const p = nodes.get(id);
		if (!p) {
			clipped = true;
			if (current.length > 0) out.push(current);
			current = [];
			continue;
		}
		const last = current[current.length - 1];
		if (!last || last[0] !== p[0] || last[1] !== p[1]) current.push(p);
	}
	if (current.length > 0) out.push(current);
	return { runs: out.filter((r) => r.length >= 2), clipped };
}
