/**
 * An OpenStreetMap extract as the walking network (issue 11, item 3): parse, keep the walkable
 * streets near Changning, build the street graph, saying how far it got after each stage. Pure: the
 * worker runs it off the main thread (worker/handlers.ts), a test runs it in node.
 */
import type { FeatureCollection, LineString } from 'geojson';
import { CHANGNING_BBOX } from '../data/schema';
import { buildStreetGraph, type StreetGraph } from '../graph';
import { convertOsm } from './convert';
import { parseOsm } from './parse';
import { OsmInputError, type OsmFormat } from './types';
import { NEAR_CHANGNING_DEG } from './validate';
import type { StreetProps } from './geodata-types';

/** An extract that reads, but has no walkable street in Changning to walk on. */
export class NoStreetsError extends OsmInputError {
	override name = 'NoStreetsError';
}

/** How far a build got: each stage's counts so far. */
export type NetworkProgress =
	| { stage: 'parse'; nodes: number; ways: number }
	| { stage: 'convert'; streets: number }
	| { stage: 'build'; nodes: number; edges: number }
	| { stage: 'amenities' };

/** What the panels say about an imported network. */
export interface NetworkSummary {
	/** The file's name, as the user gave it. */
	name: string;
	format: OsmFormat;
	/** OSM elements read. */
	osmNodes: number;
	osmWays: number;
	/** Walkable street ways kept (near Changning). */
	streets: number;
	/** The graph's junctions and street pieces. */
	nodes: number;
	edges: number;
	/** The data's date as the file states it (Overpass `timestamp_osm_base`, an XML `osm_base` or `timestamp`), else null. */
	date: string | null;
}

/** The district's box grown by NEAR_CHANGNING_DEG: streets beyond it are not kept. */
const NEAR: readonly number[] = [
	CHANGNING_BBOX[0] - NEAR_CHANGNING_DEG,
	CHANGNING_BBOX[1] - NEAR_CHANGNING_DEG,
	CHANGNING_BBOX[2] + NEAR_CHANGNING_DEG,
	CHANGNING_BBOX[3] + NEAR_CHANGNING_DEG
];
/** Streets to keep must touch the district's own box (the coverage area is the district). */
const inBox = (box: readonly number[], [x, y]: number[]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];

/**
 * Build the walking network from an extract.
 *
 * @param name the file's name (for the summary)
 * @param bytes the whole file
 * @param report told after each stage
 * @throws {OsmInputError} for a file that cannot be read, or one without a walkable street near Changning
 */
export function networkFromExtract(name: string, bytes: Uint8Array, report: (progress: NetworkProgress) => void = () => {}): { graph: StreetGraph; summary: NetworkSummary } {
	const data = parseOsm(bytes);
	let osmNodes = 0;
	let osmWays = 0;
	for (const e of data.elements) {
		if (e.type === 'node') osmNodes++;
		else if (e.type === 'way') osmWays++;
	}
	report({ stage: 'parse', nodes: osmNodes, ways: osmWays });
	const converted = convertOsm(data);
	const walkable = converted.streets.features.filter(
		(f) => f.properties.walkable && f.geometry.coordinates.some((c) => inBox(NEAR, c)) && f.geometry.coordinates.some((c) => inBox(CHANGNING_BBOX, c))
	);
	report({ stage: 'convert', streets: walkable.length });
	if (walkable.length === 0) {
		throw new NoStreetsError(
			converted.streets.features.length === 0 ? 'it has no street at all' : 'none of its walkable streets is in Changning (is it an extract of another place, or in GCJ-02?)'
		);
	}
	const streets: FeatureCollection<LineString, StreetProps> = { type: 'FeatureCollection', features: walkable };
	const graph = buildStreetGraph(streets);
	if (graph.edgeCount === 0) throw new NoStreetsError('its streets in Changning do not make a network (no street piece left)');
	report({ stage: 'build', nodes: graph.nodeCount, edges: graph.edgeCount });
	return {
		graph,
		summary: { name, format: data.format, osmNodes, osmWays, streets: walkable.length, nodes: graph.nodeCount, edges: graph.edgeCount, date: extractDate(bytes) }
	};
}

/**
 * The data's date as a text extract states it near its start: Overpass JSON's `timestamp_osm_base`,
 * XML's `<meta osm_base="…">` or the `<osm timestamp="…">` attribute. A PBF's header is not read.
 *
 * @returns an ISO date (YYYY-MM-DD), or null
 */
export function extractDate(bytes: Uint8Array): string | null {
	const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
	const m =
		/"timestamp_osm_base"\s*:\s*"(\d{4}-\d{2}-\d{2})/.exec(head) ??
		/<meta\b[^>]*\bosm_base="(\d{4}-\d{2}-\d{2})/.exec(head) ??
		/<osm\b[^>]*\btimestamp="(\d{4}-\d{2}-\d{2})/.exec(head);
	return m ? m[1] : null;
}
