/**
 * The OSM data model the importer works on: the Overpass JSON shape (which tiny-osmpbf also
 * returns), narrowed to what the conversion reads. Pure types, no runtime code.
 */

export type Tags = Readonly<Record<string, string>>;

export interface OsmNode {
	type: 'node';
	id: number;
	/** WGS84 degrees. */
	lat: number;
	lon: number;
	tags?: Tags;
}

export interface OsmWay {
	type: 'way';
	id: number;
	/** Node ids in order; a closed way repeats its first id at the end. */
	nodes: number[];
	tags?: Tags;
}

export interface OsmMember {
	type: 'node' | 'way' | 'relation';
	ref: number;
	role: string;
}

export interface OsmRelation {
	type: 'relation';
	id: number;
	members: OsmMember[];
	tags?: Tags;
}

export type OsmElement = OsmNode | OsmWay | OsmRelation;

/** [west, south, east, north], WGS84 degrees. */
export type BBox = [number, number, number, number];

export type OsmFormat = 'pbf' | 'xml' | 'json';

export interface OsmData {
	format: OsmFormat;
	elements: OsmElement[];
	/** The bounds the file declares (XML `<bounds>`, PBF header bbox, Overpass `bounds`), if any. */
	declaredBounds?: BBox;
}

/** Thrown for input the importer cannot read; the message says what is wrong, without the file name. */
export class OsmInputError extends Error {
	override name = 'OsmInputError';
}
