/**
 * Areas of the project layers, computed from their outlines: what the dashboard puts beside the
 * briefing's stated figures. Pure: runs in node, the browser and workers.
 */
import { area, featureCollection, flatten, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { relativeDifference } from '$lib/geo/measure';
import { PLACE_LAYER_IDS, type Fact, type PlaceFeature, type PlaceLayerId } from './schema';

export interface LayerAreaStat {
	layer: PlaceLayerId;
	/** Area covered by the layer's polygons, overlaps counted once (geodesic, spherical Earth), m². */
	areaM2: number;
	/** The part of that area inside the district outline, m². */
	insideDistrictM2: number;
	/** `insideDistrictM2` ÷ the district's area, in [0, 1]; null when the data has no district polygon. */
	shareOfDistrict: number | null;
	/** Polygon or MultiPolygon features in the layer (lines and points have no area and are not counted). */
	polygonCount: number;
}

export interface StatedVsComputed {
	/** The feature the stated area belongs to. */
	placeId: string;
	/** The fact that states the area (its unit is km²). */
	stated: Fact;
	/** The feature's outline, measured, km². */
	computedKm2: number;
	/** (computed − stated) ÷ stated, e.g. 0.012 when the outline is 1.2 % larger than stated. */
	relativeDifference: number;
}

type Areal = Feature<Polygon | MultiPolygon>;

/** The layer whose single polygon is the district, the denominator of every share. */
export const DISTRICT_LAYER: PlaceLayerId = 'district';

function isAreal(feature: PlaceFeature): boolean {
	return feature.geometry.type === 'Polygon' || feature.geometry.type === 'MultiPolygon';
}

function asAreal(feature: PlaceFeature): Areal {
	return { type: 'Feature', geometry: feature.geometry as Polygon | MultiPolygon, properties: {} };
}

/**
 * The union of polygons as one (Multi)Polygon feature, or null when there are none.
 * MultiPolygons are split into their parts first, so overlapping parts of one feature are merged too.
 * turf.union needs at least two geometries, hence the single-part shortcut.
 *
 * @example unionOf([squareA, squareA]) // the area of one square
 */
export function unionOf(polygons: readonly Areal[]): Areal | null {
	const parts = polygons.flatMap((p) => flatten(p).features);
	if (parts.length === 0) return null;
	if (parts.length === 1) return parts[0];
	return union(featureCollection(parts));
}

/**
 * Area covered by polygons, with overlaps counted once, m² (turf.area on a spherical Earth).
 * 0 for an empty list.
 */
export function unionAreaM2(polygons: readonly Areal[]): number {
	const merged = unionOf(polygons);
	return merged ? area(merged) : 0;
}

/**
 * For every project layer (in `PLACE_LAYER_IDS` order): the area its polygons cover and its share of
 * the district's area. Overlapping polygons within a layer (the Hongqiao CBD's Changning part contains
 * the Linkong core area and the airport precinct) are unioned, never summed. The share counts only the
 * part inside the district outline, so it stays in [0, 1] even where an outline is drawn a little wide.
 *
 * @param places validated place features (any order; lines and points are ignored)
 * @returns one entry per layer; a layer with no polygons has area 0 and polygonCount 0
 * @throws when turf cannot union a layer's polygons (invalid geometry), naming the layer
 * @example
 * layerAreaStats(places).find((s) => s.layer === 'silicon-alley')?.areaM2 // ≈ 1.48e6
 */
export function layerAreaStats(places: readonly PlaceFeature[]): LayerAreaStat[] {
	const byLayer = new Map<PlaceLayerId, Areal[]>(PLACE_LAYER_IDS.map((layer) => [layer, []]));
	for (const feature of places) {
		if (isAreal(feature)) byLayer.get(feature.properties.layer)?.push(asAreal(feature));
	}
	const district = unionOf(byLayer.get(DISTRICT_LAYER) ?? []);
	const districtM2 = district ? area(district) : 0;

	return PLACE_LAYER_IDS.map((layer) => {
		const polygons = byLayer.get(layer) ?? [];
		let merged: Areal | null;
		try {
			merged = unionOf(polygons);
		} catch (error) {
			throw new Error(`layerAreaStats: cannot union the polygons of layer "${layer}": ${String(error)}`, {
				cause: error
			});
		}
		const areaM2 = merged ? area(merged) : 0;
		let insideDistrictM2 = 0;
		if (merged && district) {
			const inside = layer === DISTRICT_LAYER ? merged : intersect(featureCollection([merged, district]));
			insideDistrictM2 = inside ? area(inside) : 0;
		}
		// Rounding in turf can push a fully-inside layer a hair above 1.
		const shareOfDistrict = districtM2 > 0 ? Math.min(1, insideDistrictM2 / districtM2) : null;
		return { layer, areaM2, insideDistrictM2, shareOfDistrict, polygonCount: polygons.length };
	});
}

/**
 * Every polygon feature whose facts state an area in km², beside the area measured from its outline
 * (e.g. Shanghai Silicon Alley: 1.48 km² stated by the briefing).
 *
 * @example statedVsComputed(places)[0] // { placeId: 'silicon-alley', stated, computedKm2: 1.48…, relativeDifference: 0.000… }
 */
export function statedVsComputed(places: readonly PlaceFeature[]): StatedVsComputed[] {
	const rows: StatedVsComputed[] = [];
	for (const feature of places) {
		if (!isAreal(feature)) continue;
		const stated = feature.properties.facts.find((f) => f.unit === 'km²' && f.value > 0);
		if (!stated) continue;
		const computedKm2 = area(asAreal(feature)) / 1e6;
		rows.push({
			placeId: feature.properties.id,
			stated,
			computedKm2,
			relativeDifference: relativeDifference(computedKm2, stated.value)
		});
	}
	return rows;
}
