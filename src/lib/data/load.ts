/**
 * Fetches the app's data files (same origin, under static/data) and validates them, in one place.
 *
 * What the app cannot work without is `data/places.json` (the places are the atlas): its failure
 * rejects {@link loadAtlasData}. Everything else degrades: a missing `manifest.json` only loses the
 * feature counts, missing `fonts/font-faces.json` leaves the map drawing labels with the browser's
 * own fonts. Each such loss is returned as a {@link DataNotice}, so the UI can say it quietly.
 */
import { parsePlaces } from './places';
import type { PlaceFeature } from './schema';
import type { BasemapCounts } from '$lib/state/app.svelte';
import type { FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';

/** What went wrong fetching one file; worded by {@link describeFetchProblem}. */
export type FetchProblem =
	| { kind: 'http'; status: number; statusText: string }
	| { kind: 'network'; message: string }
	| { kind: 'timeout'; seconds: number }
	| { kind: 'too-large'; maxBytes: number }
	| { kind: 'invalid'; message: string };

/** A fetch of one of the app's files failed; `file` is the path under the app, e.g. `data/places.json`. */
export class DataFetchError extends Error {
	constructor(
		readonly file: string,
		readonly problem: FetchProblem
	) {
		super(`${file}: ${describeFetchProblem(problem)}`);
		this.name = 'DataFetchError';
	}
}

/**
 * A missing or unreadable optional file, for a quiet notice. `code` says what the app lost
 * (a map layer, the label fonts, the counts, the amenities, the creek barrier); `reason` is the
 * technical cause in English ("404 Not Found", "not valid JSON").
 */
export interface DataNotice {
	code: 'layer' | 'fonts' | 'manifest' | 'amenities' | 'water';
	file: string;
	reason: string;
}

/** A problem in English, short: "404 Not Found", "no answer within 20 s", "larger than 32 MB". */
export function describeFetchProblem(problem: FetchProblem): string {
	switch (problem.kind) {
		case 'http':
			return `${problem.status} ${problem.statusText || 'HTTP error'}`.trim();
		case 'network':
			return problem.message;
		case 'timeout':
			return `no answer within ${problem.seconds} s`;
		case 'too-large':
			return `larger than ${Math.round(problem.maxBytes / 2 ** 20)} MB`;
		case 'invalid':
			return problem.message;
	}
}

export interface FetchLimits {
	/** Give up after this long, headers and body together (ms). Default 20,000. */
	timeoutMs?: number;
	/** Refuse a body larger than this (bytes), without reading the rest. Default 32 MiB. */
	maxBytes?: number;
	fetcher?: typeof fetch;
}

/**
 * Fetch one file as bytes with a deadline and a size cap, so a stalled server or a file far too
 * large can neither hang the app nor fill its memory.
 *
 * @param url absolute URL
 * @param file the path under the app, for messages (e.g. `data/streets.graph.bin`)
 * @throws {DataFetchError} with the HTTP status, the timeout, the cap or the network error
 * @example
 * const bytes = await fetchBytes(new URL('data/streets.graph.bin', base).href, 'data/streets.graph.bin');
 */
export async function fetchBytes(url: string, file: string, limits: FetchLimits = {}): Promise<ArrayBuffer> {
	const { timeoutMs = 20_000, maxBytes = 32 * 2 ** 20, fetcher = fetch } = limits;
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	const timeout = () => new DataFetchError(file, { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) });
	try {
		let response: Response;
		try {
			response = await fetcher(url, { signal: controller.signal });
		} catch (error) {
			throw controller.signal.aborted ? timeout() : new DataFetchError(file, { kind: 'network', message: messageOf(error) });
		}
		if (!response.ok) {
			void response.body?.cancel();
			throw new DataFetchError(file, { kind: 'http', status: response.status, statusText: response.statusText });
		}
		const tooLarge = new DataFetchError(file, { kind: 'too-large', maxBytes });
		if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
			controller.abort();
			throw tooLarge;
		}
		if (!response.body) {
			const whole = await response.arrayBuffer();
			if (whole.byteLength > maxBytes) throw tooLarge;
			return whole;
		}
		const reader = response.body.getReader();
		const chunks: Uint8Array[] = [];
		let total = 0;
		for (;;) {
			let chunk: ReadableStreamReadResult<Uint8Array>;
			try {
				chunk = await reader.read();
			} catch (error) {
				throw controller.signal.aborted ? timeout() : new DataFetchError(file, { kind: 'network', message: messageOf(error) });
			}
			if (chunk.done) break;
			total += chunk.value.byteLength;
			if (total > maxBytes) {
				controller.abort();
				throw tooLarge;
			}
			chunks.push(chunk.value);
		}
		const bytes = new Uint8Array(total);
		let at = 0;
		for (const chunk of chunks) {
			bytes.set(chunk, at);
			at += chunk.byteLength;
		}
		return bytes.buffer;
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Fetch and parse one JSON file (deadline and cap as {@link fetchBytes}).
 *
 * @throws {DataFetchError} as fetchBytes, or `invalid` when the body is not JSON
 */
export async function fetchJson(url: string, file: string, limits: FetchLimits = {}): Promise<unknown> {
	const bytes = await fetchBytes(url, file, limits);
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
	} catch {
		throw new DataFetchError(file, { kind: 'invalid', message: 'not valid JSON' });
	}
}

/** The reason for a notice, from whatever a loader threw. */
export function reasonOf(error: unknown): string {
	return error instanceof DataFetchError ? describeFetchProblem(error.problem) : messageOf(error);
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface AtlasData {
	places: PlaceFeature[];
	basemapCounts: BasemapCounts;
	/**
	 * The style's `font-faces` table, written by scripts/copy-fonts.mjs (URLs relative to the app);
	 * empty when the table could not be loaded, and the map then draws labels with the browser's fonts.
	 */
	fontFaces: FontFacesSpecification;
	/** Optional files that could not be used, for a quiet notice. */
	notices: DataNotice[];
}

const PLACES_FILE = 'data/places.json';
const MANIFEST_FILE = 'data/manifest.json';
export const FONT_FACES_FILE = 'fonts/font-faces.json';

/**
 * Load what the app starts with. Rejects only when the places cannot be loaded, with a message that
 * names the file and the cause ("data/places.json: 404 Not Found").
 */
export async function loadAtlasData(assetBase: string, fetcher: typeof fetch = fetch): Promise<AtlasData> {
	const at = (file: string) => fetchJson(new URL(file, assetBase).href, file, { fetcher });
	const notices: DataNotice[] = [];
	const optional = <T>(file: string, code: DataNotice['code'], read: (json: unknown) => T, fallback: T): Promise<T> =>
		at(file).then(read).catch((error: unknown) => {
			notices.push({ code, file, reason: reasonOf(error) });
			return fallback;
		});
	const [places, basemapCounts, fontFaces] = await Promise.all([
		at(PLACES_FILE),
		optional(MANIFEST_FILE, 'manifest', readCounts, {}),
		optional(FONT_FACES_FILE, 'fonts', readFontFaces, {})
	]);
	return { places: parsePlaces(places), basemapCounts, fontFaces, notices };
}

function readCounts(json: unknown): BasemapCounts {
	if (!isRecord(json) || !isRecord(json.counts)) throw new Error('no "counts" table');
	const counts: Record<string, number> = {};
	for (const [id, n] of Object.entries(json.counts)) if (typeof n === 'number' && Number.isFinite(n)) counts[id] = n;
	return counts as BasemapCounts;
}

function readFontFaces(json: unknown): FontFacesSpecification {
	if (!isRecord(json)) throw new Error('not a font-faces table');
	for (const [name, value] of Object.entries(json)) {
		const ok =
			typeof value === 'string' ||
			(Array.isArray(value) && value.every((face) => isRecord(face) && typeof face.url === 'string'));
		if (!ok) throw new Error(`font "${name}" has no file URL`);
	}
	return json as FontFacesSpecification;
}
