/**
 * Place data: validation on load (one place) and the flattened form the map draws.
 */
import * as v from 'valibot';
import type { Feature, FeatureCollection } from 'geojson';
import {
	PLACE_LAYER_IDS,
	PlaceCollection,
	describeIssues,
	type PlaceFeature,
	type PlaceLayerId,
	type PlaceProperties
} from './schema';

/** Validate a parsed JSON value as the places collection; throws a readable error listing every problem. */
export function parsePlaces(json: unknown): PlaceFeature[] {
	const result = v.safeParse(PlaceCollection, json);
	if (!result.success) {
		throw new Error(`The places data is not valid:\n${describeIssues(result.issues)}`);
	}
	const seen = new Set<string>();
	for (const feature of result.output.features) {
		if (seen.has(feature.properties.id)) {
			throw new Error(`The places data is not valid: duplicate id "${feature.properties.id}"`);
		}
		seen.add(feature.properties.id);
	}
	return result.output.features;
}

/** A place's identity and names as flat properties, the form both the map and an export use. */
export interface FlatPlaceProperties {
	id: string;
	layer: PlaceLayerId;
	kind: PlaceProperties['kind'];
	name_en: string;
	name_zh: string;
	accuracy_level: PlaceProperties['accuracy']['level'];
}

/**
 * Flatten a place's identity: MapLibre would turn nested objects into JSON strings, and a GIS
 * attribute table cannot show them. The one flattening; an export adds its own columns to it.
 */
export function flatPlaceProperties(p: PlaceProperties): FlatPlaceProperties {
	return { id: p.id, layer: p.layer, kind: p.kind, name_en: p.name.en, name_zh: p.name.zh, accuracy_level: p.accuracy.level };
}

/**
 * The properties the style needs, flat ({@link flatPlaceProperties}). Everything else is read from
 * the validated feature by id.
 */
export function toMapFeatures(features: readonly PlaceFeature[]): Record<PlaceLayerId, FeatureCollection> {
	const byLayer = Object.fromEntries(
		PLACE_LAYER_IDS.map((layer) => [layer, { type: 'FeatureCollection', features: [] as Feature[] }])
	) as Record<PlaceLayerId, FeatureCollection & { features: Feature[] }>;
	for (const feature of drawOrder(features)) {
		const p = feature.properties;
		byLayer[p.layer].features.push({
			type: 'Feature',
			geometry: feature.geometry as Feature['geometry'],
			properties: flatPlaceProperties(p)
		});
	}
	return byLayer;
}

/**
 * Larger areas first, then lines, then points: within one map layer later features draw on top,
 * so a small place inside a large one (Linkong inside the Hongqiao CBD) stays clickable. The areas
 * are the data build's (`area_m2`), so the first view needs no turf; an area without one (data not
 * from the build) draws as if it were the smallest.
 */
function drawOrder(features: readonly PlaceFeature[]): PlaceFeature[] {
	const weight = (f: PlaceFeature) => {
		const t = f.geometry.type;
		if (t === 'Polygon' || t === 'MultiPolygon') return -(f.properties.area_m2 ?? 0);
		return t === 'Point' ? 2 : 1;
	};
	return [...features].sort((a, b) => weight(a) - weight(b));
}

export function countByLayer(features: readonly PlaceFeature[]): Record<PlaceLayerId, number> {
	const counts = Object.fromEntries(PLACE_LAYER_IDS.map((l) => [l, 0])) as Record<PlaceLayerId, number>;
	for (const f of features) counts[f.properties.layer]++;
	return counts;
}
