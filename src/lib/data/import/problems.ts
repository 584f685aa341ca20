/**
 * What can go wrong when a user brings a file, as data: a `code` and its `params`, so the UI words it
 * in its own language (src/lib/components/messages.ts picks the sentence; the tables in src/lib/i18n
 * hold it under `import.<code>`). Readers never throw on user input: they return one of these.
 *
 * A problem is either the reason a file was refused (`ImportFailed.error`) or a warning next to a
 * usable result (rows skipped, a ring closed, points outside China). The same code can be either:
 * `bad-rows` is a warning while some rows are good and the error when none is.
 */
import type { BBox, FeatureCollection } from 'geojson';

/** The formats a file is read as. The three OSM ones are only recognised, never read here. */
export type FeatureFormat = 'geojson' | 'csv' | 'kml' | 'gpx';
export type OsmExtractFormat = 'osm-pbf' | 'osm-xml' | 'overpass-json';
export type ImportFormat = FeatureFormat | OsmExtractFormat;

export type ImportProblem =
	/** Nothing in the file (0 bytes, or only whitespace). */
	| { code: 'empty'; params: Record<string, never> }
	/** Bigger than the limit: refused before reading. */
	| { code: 'too-large'; params: { bytes: number; maxBytes: number } }
	/** More features (points, lines, polygons) than the limit; `count` is at least this many. */
	| { code: 'too-many-features'; params: { count: number; max: number } }
	/** More coordinate pairs in all geometries than the limit. */
	| { code: 'too-many-positions'; params: { count: number; max: number } }
	/** Neither the name nor the content says what it is. */
	| { code: 'unknown-format'; params: { name: string } }
	/** A zip (also KMZ), gzip or bzip2 file: unpack it first. */
	| { code: 'compressed'; params: { kind: 'zip' | 'gzip' | 'bzip2' } }
	/** Binary, or text in an encoding that is neither UTF-8 nor GB18030/GBK. */
	| { code: 'not-text'; params: Record<string, never> }
	/** JSON that does not parse; `line` is 1-based, 0 when unknown. */
	| { code: 'json-syntax'; params: { message: string; line: number } }
	/** XML that does not parse. */
	| { code: 'xml-syntax'; params: { message: string; line: number; column: number } }
	/** XML declaring a DOCTYPE or entities: refused, never expanded (billion laughs, external files). */
	| { code: 'xml-doctype'; params: Record<string, never> }
	/** JSON, but not GeoJSON: `found` is the top-level `type` or a short description. */
	| { code: 'not-geojson'; params: { found: string } }
	/** XML, but neither KML nor GPX: `root` is the root element's name. */
	| { code: 'not-kml-gpx'; params: { root: string } }
	/**
	 * Features left out because their geometry is missing or invalid. `first` lists the first few
	 * (1-based feature numbers for GeoJSON, Placemark/waypoint numbers for KML/GPX).
	 */
	| { code: 'bad-features'; params: { count: number; first: string; reason: BadFeatureReason } }
	/** Geometry types a reader does not turn into features (KML gx:Track, Model …), with counts. */
	| { code: 'unsupported-geometry'; params: { count: number; kinds: string } }
	/** A CSV without a header row that names a longitude and a latitude column. */
	| { code: 'csv-no-coordinates'; params: { columns: string } }
	/** CSV rows whose coordinates are missing or not numbers (1-based line numbers, header = 1). */
	| { code: 'bad-rows'; params: { count: number; first: string } }
	/** The longitude and latitude columns were the wrong way round (every "latitude" beyond ±90): swapped. */
	| { code: 'swapped-lonlat'; params: { lon: string; lat: string } }
	/** A file that was read, but holds no usable feature. */
	| { code: 'no-features'; params: Record<string, never> }
	/** Coordinates that cannot be longitude/latitude (|lon| > 180 or |lat| > 90: a projected CRS?). */
	| { code: 'not-lonlat'; params: { count: number; example: string } }
	/** Features lying outside China, where GCJ-02 and BD-09 do not apply. */
	| { code: 'outside-china'; params: { count: number; total: number } }
	/** Features far from Shanghai: they will not show near Changning. */
	| { code: 'far-away'; params: { count: number; total: number } }
	/** Anything else that stopped the reader (the runtime's own limits: a string too long, nesting too deep). */
	| { code: 'unreadable'; params: { message: string } };

export type ImportProblemCode = ImportProblem['code'];

/** Why a feature was left out (one reason per `bad-features` notice: the most common). */
export type BadFeatureReason =
	| 'no-geometry'
	| 'bad-type'
	| 'bad-coordinates'
	| 'too-few-positions'
	| 'not-lonlat';

/** Every problem code, for a test that each has its sentence in every language. */
export const IMPORT_PROBLEM_CODES = [
	'empty',
	'too-large',
	'too-many-features',
	'too-many-positions',
	'unknown-format',
	'compressed',
	'not-text',
	'json-syntax',
	'xml-syntax',
	'xml-doctype',
	'not-geojson',
	'not-kml-gpx',
	'bad-features',
	'unsupported-geometry',
	'csv-no-coordinates',
	'bad-rows',
	'swapped-lonlat',
	'no-features',
	'not-lonlat',
	'outside-china',
	'far-away',
	'unreadable'
] as const satisfies readonly ImportProblemCode[];

/**
 * Limits on what a browser tab is asked to hold. A 50 MB GeoJSON is roughly 500k points and parses in
 * a few seconds; MapLibre's GeoJSON source (geojson-vt in a worker) stays responsive up to a few
 * hundred thousand features. Beyond that the file is refused whole, never truncated in silence.
 */
export interface ImportLimits {
	/** Largest file read, bytes (default 50 MiB). */
	maxBytes: number;
	/** Most features kept (default 200,000). */
	maxFeatures: number;
	/** Most coordinate pairs over all geometries (default 2,000,000). */
	maxPositions: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
	maxBytes: 50 * 2 ** 20,
	maxFeatures: 200_000,
	maxPositions: 2_000_000
});

/** What was read, for the layer's details and the log. */
export interface ImportStats {
	features: number;
	positions: number;
	/** Features per geometry type ("Point": 120, "LineString": 3). */
	geometryTypes: Partial<Record<string, number>>;
	/** [west, south, east, north] in the file's own coordinates; null when there is no feature. */
	bbox: BBox | null;
}

/** A file read into features, in the file's own coordinates (the CRS guess comes after: crs.ts). */
export interface ImportedFeatures {
	kind: 'features';
	name: string;
	format: FeatureFormat;
	collection: FeatureCollection;
	stats: ImportStats;
	warnings: ImportProblem[];
}

/** An OpenStreetMap extract: recognised only, handed whole to the OSM importer (src/lib/osm). */
export interface ImportedOsmExtract {
	kind: 'osm-extract';
	name: string;
	format: OsmExtractFormat;
	bytes: Uint8Array;
	warnings: ImportProblem[];
}

/** A file refused: `error` says why; nothing of it is kept. */
export interface ImportFailed {
	kind: 'failed';
	name: string;
	/** What the file was taken for, when that was known before it failed. */
	format: ImportFormat | null;
	error: ImportProblem;
	warnings: ImportProblem[];
}

export type ImportResult = ImportedFeatures | ImportedOsmExtract | ImportFailed;

/** A problem, built with its params typed by its code. */
export function problem<C extends ImportProblemCode>(code: C, params: Extract<ImportProblem, { code: C }>['params']): ImportProblem {
	return { code, params } as ImportProblem;
}

/** "3, 7, 12" or "3, 7, 12, 15, 20 …" — the first few of a list of numbers, for a message. */
export function firstFew(items: readonly (number | string)[], max = 5): string {
	const shown = items.slice(0, max).join(', ');
	return items.length > max ? `${shown} …` : shown;
}

/** Thrown inside a reader to stop at the first fatal problem; caught by the reader's entry point. */
export class ImportStop extends Error {
	constructor(readonly problem: ImportProblem) {
		super(problem.code);
	}
}
