/**
 * The files the walking engine starts from: the street graph (required), the water it may not cross
 * off-street, the amenities it counts and the manifest (all three optional: the engine does without,
 * and a quiet notice says so). Each is checked here before the worker sees it, so a corrupt graph is
 * named as a corrupt file, not reported as a worker that failed.
 */
import type { FeatureCollection } from 'geojson';
import { StreetGraph } from '$lib/graph';
import type { AmenityCollection } from './amenities';
import { DataFetchError, FETCH_DEADLINE_MS, MAX_FETCH_BYTES, fetchBytes, fetchJson, problemOf, type FetchProblem } from './fetch';
import { coverageAreaFrom } from './coverage-area';
import { waysFromStreets, type WayInfo } from '$lib/graph/why-not';
import { AMENITY_FILE, DISTRICT_FILE, ELEVATED_FILE, GRAPH_FILE, GREEN_FILE, MANIFEST_FILE, PLACES_FILE, STREETS_FILE, WATER_FILE } from './files';
import { streetKindMask } from '$lib/graph/street-kinds';
import type { CoverageAreaInput } from '$lib/graph/coverage-area';
import type { DataNotice } from './load';
import { loadManifest, type Manifest } from './manifest';


export interface EngineFiles {
	/** The CSR street graph, checked; transfer it to the worker. */
	graph: ArrayBuffer;
	/** Water polygons and lines (Suzhou Creek), or null without the file. */
	water: FeatureCollection | null;
	/** Amenity points; empty without the file. */
	amenities: AmenityCollection;
	/** The build's manifest, or null without it. */
	manifest: Manifest | null;
	/**
	 * What the coverage figures measure against (district, land left out, Inner Ring), or null when
	 * the district outline did not arrive: coverage then draws but states no shares.
	 */
	area: CoverageAreaInput | null;
	/**
	 * What the data tells of each street feature (graph/street-kinds.ts), for the walking profiles;
	 * null when the streets file did not arrive (the map reports that; the profiles then avoid nothing).
	 */
	wayKinds?: Uint8Array | null;
	/** The same features' names and bridge flags, for "why not reachable" (null without the file). */
	ways?: WayInfo[] | null;
}

/** Why the engine cannot start from its files. */
export type FilesFailure =
	/** The graph file did not arrive: HTTP status, network error, deadline or size cap. */
	| { code: 'graph-fetch'; file: string; problem: FetchProblem }
	/** The graph file arrived but its header does not check out (the validator's message). */
	| { code: 'graph-corrupt'; file: string; message: string };

export interface EngineFilesOptions {
	fetcher?: typeof fetch;
	/** Told about each optional file the engine does without. */
	notify?: (notice: DataNotice) => void;
	/** Deadline per file, ms (default {@link FETCH_DEADLINE_MS}). */
	timeoutMs?: number;
}

/**
 * Fetch and check the engine's files.
 *
 * @param assetBase absolute URL the app is served from, ending in "/"
 * @returns the files, or the failure that stops the engine (only the graph can fail)
 */
export async function loadEngineFiles(
	assetBase: string,
	options: EngineFilesOptions = {}
): Promise<{ ok: true; files: EngineFiles } | { ok: false; failure: FilesFailure }> {
	const { fetcher = fetch, notify = () => {}, timeoutMs = FETCH_DEADLINE_MS } = options;
	const url = (file: string) => new URL(file, assetBase).href;
	const optional = <T>(file: string, code: DataNotice['code'], load: () => Promise<T>, fallback: T): Promise<T> =>
		load().catch((error: unknown) => {
			notify({ code, file, problem: problemOf(error) });
			return fallback;
		});
	const json = (file: string) => fetchJson(url(file), file, { fetcher, timeoutMs });
	const [graph, water, amenities, manifest, area, streets] = await Promise.all([
		fetchBytes(url(GRAPH_FILE), GRAPH_FILE, { fetcher, timeoutMs, maxBytes: MAX_FETCH_BYTES }).catch((error: unknown) => error as Error),
		optional(WATER_FILE, 'water', () => json(WATER_FILE).then(readCollection), null),
		optional(AMENITY_FILE, 'amenities', () => json(AMENITY_FILE).then(readAmenities), { type: 'FeatureCollection', features: [] } as AmenityCollection),
		optional(MANIFEST_FILE, 'manifest', () => loadManifest(assetBase, { fetcher, timeoutMs }), null),
		loadCoverageArea(json),
		// One read of the streets for both: what the profiles may avoid, and the names why-not gives.
		json(STREETS_FILE).then(
			(json) => {
				const features = readCollection(json).features;
				return { wayKinds: Uint8Array.from(features, (f) => streetKindMask(f?.properties)), ways: waysFromStreets({ features }) };
			},
			() => null
		)
	]);
	if (graph instanceof Error) {
		const problem: FetchProblem = graph instanceof DataFetchError ? graph.problem : { kind: 'network', message: graph.message };
		return { ok: false, failure: { code: 'graph-fetch', file: GRAPH_FILE, problem } };
	}
	try {
		// A full validation pass (a few ms), on the main thread before the buffer is transferred.
		StreetGraph.fromBuffer(graph);
	} catch (error) {
		return { ok: false, failure: { code: 'graph-corrupt', file: GRAPH_FILE, message: (error as Error).message.replace(/^StreetGraph: /, '') } };
	}
	return { ok: true, files: { graph, water, amenities, manifest, area, wayKinds: streets?.wayKinds ?? null, ways: streets?.ways ?? null } };
}

/**
 * The coverage area from the map's own files (the browser has them cached by now). Only the district
 * outline is needed; without the others the figures leave less out, as coverage-area.ts says. The
 * map already reports a missing or broken file, so this stays quiet and returns null.
 */
async function loadCoverageArea(json: (file: string) => Promise<unknown>): Promise<CoverageAreaInput | null> {
	const maybe = (file: string) => json(file).then(readCollection, () => null);
	const [district, green, places, elevated] = await Promise.all([maybe(DISTRICT_FILE), maybe(GREEN_FILE), maybe(PLACES_FILE), maybe(ELEVATED_FILE)]);
	if (!district) return null;
	try {
		return coverageAreaFrom({ district, green, places, elevated });
	} catch {
		return null;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readCollection(json: unknown): FeatureCollection {
	if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		throw new Error('not a GeoJSON FeatureCollection');
	}
	return json as unknown as FeatureCollection;
}

function readAmenities(json: unknown): AmenityCollection {
	const collection = readCollection(json);
	for (const f of collection.features) {
		const type = f?.geometry?.type;
		if (type !== 'Point' && type !== 'MultiPoint') throw new Error('an amenity is not a point');
	}
	return collection as AmenityCollection;
}
