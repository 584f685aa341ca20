/** Fetches the app's data files (same origin, under static/data) and validates them. */
import { parsePlaces } from './places';
import type { PlaceFeature } from './schema';
import type { BasemapCounts } from '$lib/state/app.svelte';
import type { FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';

export interface AtlasData {
	places: PlaceFeature[];
	basemapCounts: BasemapCounts;
	/** The style's `font-faces` table, written by scripts/copy-fonts.mjs (URLs relative to the app). */
	fontFaces: FontFacesSpecification;
}

async function fetchJson(url: string, fetcher: typeof fetch): Promise<unknown> {
	const response = await fetcher(url);
	if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
	try {
		return await response.json();
	} catch {
		throw new Error(`Could not load ${url}: the file is not valid JSON`);
	}
}

export async function loadAtlasData(assetBase: string, fetcher: typeof fetch = fetch): Promise<AtlasData> {
	const [places, manifest, fontFaces] = await Promise.all([
		fetchJson(new URL('data/places.json', assetBase).href, fetcher),
		fetchJson(new URL('data/manifest.json', assetBase).href, fetcher),
		fetchJson(new URL('fonts/font-faces.json', assetBase).href, fetcher)
	]);
	const counts = (manifest as { counts?: BasemapCounts }).counts ?? {};
	return {
		places: parsePlaces(places),
		basemapCounts: counts,
		fontFaces: fontFaces as FontFacesSpecification
	};
}
