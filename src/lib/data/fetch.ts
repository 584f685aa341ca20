/**
 * Fetching the app's own files (same origin) with a deadline and a size cap, so a stalled server or
 * a file far too large can neither hang the app nor fill its memory. What went wrong is a structured
 * {@link FetchProblem}: the UI words it in its language, {@link describeFetchProblem} in English for logs.
 */
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

/** How long one file may take, headers and body together, before the fetch counts as failed. */
export const FETCH_DEADLINE_MS = 20_000;
/** The largest file the app fetches: its street graph is well under 1 MB (a full OSM import a few MB). */
export const MAX_FETCH_BYTES = 32 * 2 ** 20;

export interface FetchLimits {
	/** Give up after this long, headers and body together (ms). Default {@link FETCH_DEADLINE_MS}. */
	timeoutMs?: number;
	/** Refuse a body larger than this (bytes), without reading the rest. Default {@link MAX_FETCH_BYTES}. */
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
	const { timeoutMs = FETCH_DEADLINE_MS, maxBytes = MAX_FETCH_BYTES, fetcher = fetch } = limits;
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

/**
 * What went wrong, from whatever a loader threw: the fetch's own problem, or a file that arrived but
 * is not what it should be (`invalid`, with the validator's message).
 */
export function problemOf(error: unknown): FetchProblem {
	return error instanceof DataFetchError ? error.problem : { kind: 'invalid', message: messageOf(error) };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
