/**
 * static/data/manifest.json, written by scripts/build-geodata.ts: feature counts of the basemap
 * layers, the off-street walk the build chose for its network, and what the amenity data covers.
 * Validated here, once, with one schema; fetched once per page by {@link loadManifest} for both of
 * its readers (the layer panel's counts and the walking engine).
 */
import * as v from 'valibot';
import { fetchJson, type FetchLimits } from './fetch';
import { MANIFEST_FILE } from './files';
import { describeIssues } from './schema';

const Bilingual = v.object({ en: v.string(), zh: v.string() });
const Count = v.pipe(v.number(), v.finite(), v.minValue(0));
const Coverage = v.picklist(['complete', 'partial']);

const CategorySource = v.object({
	coverage: Coverage,
	source: Bilingual,
	date: v.string(),
	note: Bilingual
});

export const Manifest = v.object({
	/** Feature counts per basemap layer id. */
	counts: v.record(v.string(), Count),
	/**
	 * The off-street walk that suits this network; older builds have none, and the engine then uses
	 * its full-network default.
	 */
	walk: v.optional(
		v.object({
			network: v.optional(v.picklist(['roads-only', 'full-osm'])),
			detour: v.pipe(v.number(), v.finite(), v.minValue(1)),
			maxMetres: v.pipe(v.number(), v.finite(), v.minValue(0))
		})
	),
	amenities: v.object({
		/** Per life-circle category: whether the data covers it completely or only partly. */
		coverage: v.record(v.string(), Coverage),
		/** Where the amenities come from, in a few words, for the checklist. */
		origin: v.optional(Bilingual, { en: '', zh: '' }),
		categories: v.optional(v.record(v.string(), CategorySource))
	})
});
export type Manifest = v.InferOutput<typeof Manifest>;

/**
 * Validate a parsed manifest.json.
 *
 * @throws {Error} naming the first problem, e.g. `not a manifest: amenities.coverage: Invalid type…`
 */
export function parseManifest(json: unknown): Manifest {
	const result = v.safeParse(Manifest, json);
	if (!result.success) throw new Error(`not a manifest: ${describeIssues(result.issues.slice(0, 1))}`);
	return result.output;
}

/** One load per fetcher and URL: the panel's counts and the engine share it. */
const loads = new WeakMap<typeof fetch, Map<string, Promise<Manifest>>>();

/**
 * The validated manifest under an app's base URL, fetched once however many ask. A failed load is
 * not remembered, so a later attempt (the engine's Retry) fetches it again.
 *
 * @param assetBase absolute URL the app is served from, ending in "/"
 * @throws {DataFetchError} when the file cannot be fetched, or {Error} when it is not a manifest
 */
export function loadManifest(assetBase: string, limits: FetchLimits = {}): Promise<Manifest> {
	const fetcher = limits.fetcher ?? fetch;
	const url = new URL(MANIFEST_FILE, assetBase).href;
	const byUrl = loads.get(fetcher) ?? new Map<string, Promise<Manifest>>();
	loads.set(fetcher, byUrl);
	const known = byUrl.get(url);
	if (known) return known;
	const load = fetchJson(url, MANIFEST_FILE, { ...limits, fetcher }).then(parseManifest);
	byUrl.set(url, load);
	load.catch(() => byUrl.delete(url));
	return load;
}
