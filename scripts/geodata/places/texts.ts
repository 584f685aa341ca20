/**
 * The hand-kept text of the places, `geodata/src/place-texts.json`: what each place is (names,
 * summary, the briefing's figures, address), how sure its location is and what says where it is.
 * The geometry comes from the recipes in `scripts/geodata/places.ts`; this module checks the file
 * and joins the two by id into the features of `geodata/places/*.geojson` and `geodata/green.geojson`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import * as v from 'valibot';
import {
	PLACE_LAYER_IDS,
	PlaceProperties,
	describeIssues,
	type PlaceFeature,
	type PlaceLayerId
} from '../../../src/lib/data/schema';
import { areaM2 } from './metrics';
import type { PlaceGeometry } from './geometry';

/** Where the texts live, from the repository root. */
export const PLACE_TEXTS_PATH = join('geodata', 'src', 'place-texts.json');

const Bilingual = v.strictObject({ en: v.pipe(v.string(), v.minLength(1)), zh: v.pipe(v.string(), v.minLength(1)) });

/** A located_by entry that cites the file's source table instead of repeating a title and url. */
const Citation = v.strictObject({ cite: v.string(), says: Bilingual });

const GreenText = v.strictObject({
	name: Bilingual,
	kind: v.pipe(v.string(), v.minLength(1)),
	/** Half-width of the band the true outline lies in, m. */
	accuracy_m: v.pipe(v.number(), v.minValue(0)),
	source: v.literal('digitised'),
	/** How the outline was drawn, for the map's details and the README. */
	method: v.pipe(v.string(), v.minLength(1))
});

/** The file as written: places are checked against the schema once their citations are resolved. */
const PlaceTextsFile = v.strictObject({
	about: v.array(v.string()),
	cite: v.record(v.string(), v.strictObject({ title: v.pipe(v.string(), v.minLength(1)), url: v.optional(v.pipe(v.string(), v.url())) })),
	places: v.record(v.string(), v.record(v.string(), v.unknown())),
	green: v.record(v.string(), GreenText)
});
export type PlaceTexts = v.InferOutput<typeof PlaceTextsFile>;
type GreenText = v.InferOutput<typeof GreenText>;

/**
 * Read and check `geodata/src/place-texts.json`.
 *
 * @param {string} root the repository root
 * @throws {Error} naming every problem when the file does not have the shape above
 */
export function readPlaceTexts(root: string): PlaceTexts {
	const path = join(root, PLACE_TEXTS_PATH);
	const result = v.safeParse(PlaceTextsFile, JSON.parse(readFileSync(path, 'utf8')));
	if (!result.success) throw new Error(`${PLACE_TEXTS_PATH} is not valid:\n${describeIssues(result.issues)}`);
	return result.output;
}

/** What `{…}` in a text may name: figures measured on the place's own geometry. */
function placeholders(geometry: PlaceGeometry, statedKm2: number | undefined): Record<string, string> {
	if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return {};
	const area = areaM2(geometry);
	return {
		area_km2: (area / 1e6).toFixed(2),
		area_ha: (area / 1e4).toFixed(1),
		...(statedKm2 === undefined ? {} : { area_vs_stated_pct: (((area - statedKm2 * 1e6) / (statedKm2 * 1e6)) * 100).toFixed(0) })
	};
}

/** Every string in a JSON value with its placeholders filled; an unknown placeholder throws. */
function fill<T>(value: T, values: Record<string, string>, where: string): T {
	if (typeof value === 'string') {
		return value.replace(/\{([^{}]*)\}/g, (_, name: string) => {
			if (!(name in values)) throw new Error(`${PLACE_TEXTS_PATH}: ${where} uses {${name}}, which this place has no value for`);
			return values[name];
		}) as T;
	}
	if (Array.isArray(value)) return value.map((x) => fill(x, values, where)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, fill(x, values, where)])) as T;
	}
	return value;
}

/**
 * A place's properties: its text with citations resolved and placeholders filled, checked against
 * the schema. Keys keep the order of the file (after `id`), so the written features read like it.
 */
function placeProperties(id: string, text: Record<string, unknown>, geometry: PlaceGeometry, texts: PlaceTexts): PlaceFeature['properties'] {
	const known = new Set(Object.keys(PlaceProperties.entries));
	const unknown = Object.keys(text).filter((key) => key === 'id' || !known.has(key));
	if (unknown.length) throw new Error(`${PLACE_TEXTS_PATH}: ${id} has unknown fields ${unknown.join(', ')}`);
	const locatedBy = (Array.isArray(text.located_by) ? text.located_by : []).map((entry: unknown) => {
		if (!v.is(Citation, entry)) return entry;
		const source = texts.cite[entry.cite];
		if (!source) throw new Error(`${PLACE_TEXTS_PATH}: ${id} cites "${entry.cite}", which is not in the cite table`);
		return { title: source.title, ...(source.url === undefined ? {} : { url: source.url }), says: entry.says };
	});
	const facts = Array.isArray(text.facts) ? (text.facts as { unit?: unknown; value?: unknown }[]) : [];
	const stated = facts.find((f) => f.unit === 'km²')?.value;
	const values = placeholders(geometry, typeof stated === 'number' ? stated : undefined);
	const properties = fill({ id, ...text, located_by: locatedBy }, values, id);
	const result = v.safeParse(PlaceProperties, properties);
	if (!result.success) throw new Error(`${PLACE_TEXTS_PATH}: ${id} is not a valid place:\n${describeIssues(result.issues)}`);
	return properties as PlaceFeature['properties'];
}

/** The same keys, or an error naming what is in one and not the other. */
function sameIds(what: string, texts: string[], recipes: string[]): void {
	const noRecipe = texts.filter((id) => !recipes.includes(id));
	const noText = recipes.filter((id) => !texts.includes(id));
	if (noRecipe.length || noText.length) {
		throw new Error(
			`places: the ${what} texts and recipes differ — text without a recipe: ${noRecipe.join(', ') || 'none'}; recipe without a text: ${noText.join(', ') || 'none'}`
		);
	}
}

/**
 * The place layers: one feature per text entry, in the file's order, with the recipe's geometry.
 *
 * @param {PlaceTexts} texts from {@link readPlaceTexts}
 * @param {Record<string, PlaceGeometry>} geometries the recipes' geometry per place id
 * @throws {Error} if an id has a text and no geometry or the other way round, or a text is invalid
 */
export function placeLayers(texts: PlaceTexts, geometries: Record<string, PlaceGeometry>): Record<PlaceLayerId, FeatureCollection> {
	sameIds('place', Object.keys(texts.places), Object.keys(geometries));
	const layers = Object.fromEntries(PLACE_LAYER_IDS.map((layer) => [layer, { type: 'FeatureCollection', features: [] as Feature[] }]));
	for (const [id, text] of Object.entries(texts.places)) {
		const geometry = geometries[id];
		const properties = placeProperties(id, text, geometry, texts);
		layers[properties.layer].features.push({ type: 'Feature', geometry, properties });
	}
	return layers as Record<PlaceLayerId, FeatureCollection>;
}

/**
 * The green areas that are not places, in the file's order.
 *
 * @param {PlaceTexts} texts from {@link readPlaceTexts}
 * @param {Record<string, Polygon>} geometries the recipes' outline per green id
 */
export function greenAreas(texts: PlaceTexts, geometries: Record<string, Polygon>): FeatureCollection {
	sameIds('green', Object.keys(texts.green), Object.keys(geometries));
	const feature = (id: string, text: GreenText): Feature => ({
		type: 'Feature',
		geometry: geometries[id],
		properties: { id, name_en: text.name.en, name_zh: text.name.zh, kind: text.kind, accuracy_m: text.accuracy_m, source: text.source, method: text.method }
	});
	return { type: 'FeatureCollection', features: Object.entries(texts.green).map(([id, text]) => feature(id, text)) };
}
