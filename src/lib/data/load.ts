/**
 * Loads what the app starts with (same origin, under static/data) and validates it, in one place.
 *
 * What the app cannot work without is `data/places.json` (the places are the atlas): its failure
 * rejects {@link loadAtlasData}. Everything else degrades: a missing `manifest.json` only loses the
 * feature counts, missing `fonts/font-faces.json` leaves the map drawing labels with the browser's
 * own fonts. Each such loss is returned as a {@link DataNotice}, so the UI can say it quietly.
 */
import type { FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';
import { fetchJson, problemOf, type FetchProblem } from './fetch';
import { FONT_FACES_FILE, MANIFEST_FILE, PLACES_FILE } from './files';
import { loadManifest } from './manifest';
import { parsePlaces } from './places';
import type { PlaceFeature } from './schema';

// The map still imports the font table's path from here.
export { FONT_FACES_FILE } from './files';

/**
 * A missing or unreadable optional file, for a quiet notice. `code` says what the app lost
 * (a map layer, the label fonts, the counts, the amenities, the creek barrier); `problem` why, as
 * data the UI words in its own language.
 */
export interface DataNotice {
	code: 'layer' | 'fonts' | 'manifest' | 'amenities' | 'water';
	file: string;
	problem: FetchProblem;
}

/** Feature counts per basemap layer id, from static/data/manifest.json. */
export type BasemapCounts = Readonly<Partial<Record<string, number>>>;

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

/**
 * Load what the app starts with. Rejects only when the places cannot be loaded, with a message that
 * names the file and the cause ("data/places.json: 404 Not Found").
 */
export async function loadAtlasData(assetBase: string, fetcher: typeof fetch = fetch): Promise<AtlasData> {
	const notices: DataNotice[] = [];
	const optional = <T>(file: string, code: DataNotice['code'], load: Promise<T>, fallback: T): Promise<T> =>
		load.catch((error: unknown) => {
			notices.push({ code, file, problem: problemOf(error) });
			return fallback;
		});
	const [places, manifest, fontFaces] = await Promise.all([
		fetchJson(new URL(PLACES_FILE, assetBase).href, PLACES_FILE, { fetcher }),
		optional(MANIFEST_FILE, 'manifest', loadManifest(assetBase, { fetcher }), null),
		optional(
			FONT_FACES_FILE,
			'fonts',
			fetchJson(new URL(FONT_FACES_FILE, assetBase).href, FONT_FACES_FILE, { fetcher }).then(readFontFaces),
			{}
		)
	]);
	return { places: parsePlaces(places), basemapCounts: manifest?.counts ?? {}, fontFaces, notices };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
