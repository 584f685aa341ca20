/**
 * What the app can hand over as a GeoJSON file: a life circle, a measurement, a place.
 * Pure builders. Output follows RFC 7946: a FeatureCollection in WGS84 lon/lat, positions rounded
 * to 6 decimals (about 0.1 m), polygon rings wound by the right-hand rule, no `crs` member, and
 * flat properties (what a GIS attribute table can show). `export_kind` on every feature says
 * which part of the export it is.
 */
import { length, lineString, rewind } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { walkingMinutes } from '$lib/geo/walking';
import { walkingCircles } from '$lib/geo/walking-circles';
import { measurePolygon } from '$lib/geo/measure';
import type { LonLat } from '$lib/geo/lonlat';
import { flatPlaceProperties } from '$lib/data/places';
import type { PlaceFeature } from '$lib/data/schema';
import type { BandProperties, ReachedStreetProperties } from '$lib/graph';

/** Decimals kept in coordinates (RFC 7946 §11.2 suggests 6: about 10 cm). */
export const COORDINATE_DECIMALS = 6;

type Properties = Record<string, string | number | boolean | null | unknown[]>;

/**
 * A life circle to export: the walking engine's answer (src/lib/worker/protocol.ts `IsochroneReply`)
 * has this shape; only what the file needs is named here.
 */
export type LifeCircleInput =
	| {
			ok: true;
			origin: LonLat;
			snapped: { point: LonLat; distance: number };
			minutes: number[];
			speedKmh: number;
			bands: FeatureCollection<Polygon | MultiPolygon, BandProperties & { circle_ratio: number }>;
			reachedStreets: FeatureCollection<LineString, ReachedStreetProperties>;
	  }
	| { ok: false; message: string };
type Successful = Extract<LifeCircleInput, { ok: true }>;

const round = (value: number, decimals: number) => {
	const f = 10 ** decimals;
	const r = Math.round(value * f) / f;
	return Object.is(r, -0) ? 0 : r;
};

function roundPosition(p: Position): Position {
	return p.map((v) => round(v, COORDINATE_DECIMALS));
}

/**
 * A copy of a geometry with every position rounded to 6 decimals and polygons wound RFC 7946 style
 * (outer rings counter-clockwise). GeometryCollections are rounded member by member.
 *
 * @param {Geometry} geometry any GeoJSON geometry in lon/lat
 * @returns {Geometry} a new geometry; the input is not changed
 */
export function roundGeometry<G extends Geometry>(geometry: G): G {
	const g = geometry as Geometry;
	let out: Geometry;
	switch (g.type) {
		case 'Point':
			out = { type: 'Point', coordinates: roundPosition(g.coordinates) };
			break;
		case 'MultiPoint':
			out = { type: 'MultiPoint', coordinates: g.coordinates.map(roundPosition) };
			break;
		case 'LineString':
			out = { type: 'LineString', coordinates: g.coordinates.map(roundPosition) };
			break;
		case 'MultiLineString':
			out = { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(roundPosition)) };
			break;
		case 'Polygon':
		case 'MultiPolygon': {
			const rounded =
				g.type === 'Polygon'
					? ({ type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(roundPosition)) } as Polygon)
					: ({ type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(roundPosition))) } as MultiPolygon);
			out = rewind(rounded, { mutate: true }) as Polygon | MultiPolygon;
			break;
		}
		case 'GeometryCollection':
			out = { type: 'GeometryCollection', geometries: g.geometries.map((m) => roundGeometry(m)) };
			break;
	}
	return out as G;
}

function feature(geometry: Geometry, properties: Properties): Feature {
	return { type: 'Feature', geometry: roundGeometry(geometry), properties };
}

function collection(features: Feature[]): FeatureCollection {
	return { type: 'FeatureCollection', features };
}

/**
 * A life circle as GeoJSON: one polygon per band (largest first, so smaller bands draw on top in a
 * GIS), the origin as clicked, the origin snapped to the street network, and the reached streets.
 *
 * Band properties: `minutes`, `distance_m` (walking distance of the limit), `area_m2`,
 * `circle_ratio` (area ÷ straight-line circle), `speed_kmh`. Street properties: `minutes`
 * (walking time to the far end of the piece), `band`, `speed_kmh`.
 *
 * @param {LifeCircleInput} reply a successful answer from the isochrone worker
 * @returns {FeatureCollection} RFC 7946 collection
 * @throws {Error} for a failed reply (there is nothing to export)
 * @example
 * lifeCircleGeoJSON(app.lifeCircle.result).features[0].properties.minutes; // 15
 */
export function lifeCircleGeoJSON(reply: LifeCircleInput): FeatureCollection {
	if (!reply.ok) throw new Error(`No life circle to export: ${reply.message}`);
	const r: Successful = reply;
	const speed = r.speedKmh;
	const bands = [...r.bands.features]
		.sort((a, b) => b.properties.minutes - a.properties.minutes)
		.map((band) =>
			feature(band.geometry, {
				export_kind: 'life-circle-band',
				minutes: band.properties.minutes,
				distance_m: round(band.properties.distance_m, 1),
				area_m2: Math.round(band.properties.area_m2),
				circle_ratio: round(band.properties.circle_ratio, 4),
				speed_kmh: speed
			})
		);
	const origin = feature({ type: 'Point', coordinates: r.origin }, { export_kind: 'origin', bands: r.minutes.join(','), speed_kmh: speed });
	const snapped = feature(
		{ type: 'Point', coordinates: r.snapped.point },
		{ export_kind: 'snapped-origin', snap_distance_m: round(r.snapped.distance, 1) }
	);
	const streets = r.reachedStreets.features.map((s) =>
		feature(s.geometry, { export_kind: 'reached-street', minutes: s.properties.minutes, band: s.properties.band, speed_kmh: speed })
	);
	return collection([...bands, origin, snapped, ...streets]);
}

/**
 * A measurement as GeoJSON: a walking-radius circle around the first point per limit
 * (`minutes`, `radius_m`, `speed_kmh`), the path through all points when there are two or more
 * (`length_m`, `walking_minutes` along straight segments, `speed_kmh`, `points`), and the points
 * (`index`, from 0).
 *
 * @param {[number, number][]} points measure points, lon/lat
 * @param {number[]} minutes radius limits, minutes (1–60)
 * @param {number} speedKmh walking speed, km/h (0.5–10)
 * @returns {FeatureCollection} RFC 7946 collection; empty without points
 * @example
 * measureGeoJSON([[121.40, 31.21], [121.41, 31.21]], [15], 4).features.length; // 4
 */
export function measureGeoJSON(points: readonly LonLat[], minutes: readonly number[], speedKmh: number): FeatureCollection {
	const features: Feature[] = [];
	const [first] = points;
	if (!first) return collection(features);
	for (const c of walkingCircles(first, minutes, speedKmh)) {
		features.push(feature(c.disc.geometry, { export_kind: 'measure-circle', minutes: c.minutes, radius_m: round(c.radiusM, 1), speed_kmh: speedKmh }));
	}
	if (points.length >= 2) {
		const path: LineString = lineString(points.map((p) => [...p])).geometry;
		const metres = length({ type: 'Feature', geometry: path, properties: {} }, { units: 'meters' });
		features.push(
			feature(path, {
				export_kind: 'measure-path',
				length_m: round(metres, 1),
				walking_minutes: round(walkingMinutes(metres, speedKmh), 2),
				speed_kmh: speedKmh,
				points: points.length
			})
		);
	}
	points.forEach((p, index) => {
		const geometry: Point = { type: 'Point', coordinates: [...p] };
		features.push(feature(geometry, { export_kind: 'measure-point', index }));
	});
	return collection(features);
}

/**
 * A place as GeoJSON, its properties flattened for attribute tables: `id`, `layer`, `kind`,
 * `name_en`, `name_zh`, `summary_en`, `summary_zh`, `address_en`/`address_zh` (or null),
 * `accuracy_level`, `accuracy_m`, `accuracy_note_en`/`_zh`, `source`, `facts` (an array of
 * `{ label_en, label_zh, value, qualifier, unit, period, source }`), and for areas the computed
 * `area_m2` and `perimeter_m`.
 *
 * @param {PlaceFeature} place a validated place
 * @returns {FeatureCollection} RFC 7946 collection with one feature
 */
export function placeGeoJSON(place: PlaceFeature): FeatureCollection {
	const p = place.properties;
	const measured = measurePolygon(place.geometry as Geometry);
	return collection([
		feature(place.geometry as Geometry, {
			export_kind: 'place',
			...flatPlaceProperties(p),
			summary_en: p.summary.en,
			summary_zh: p.summary.zh,
			address_en: p.address?.en ?? null,
			address_zh: p.address?.zh ?? null,
			accuracy_m: p.accuracy.metres,
			accuracy_note_en: p.accuracy.note.en,
			accuracy_note_zh: p.accuracy.note.zh,
			source: p.source,
			facts: p.facts.map((f) => ({
				label_en: f.label.en,
				label_zh: f.label.zh,
				value: f.value,
				qualifier: f.qualifier ?? null,
				unit: f.unit,
				period: f.period,
				source: f.source
			})),
			area_m2: measured ? Math.round(measured.areaM2) : null,
			perimeter_m: measured ? round(measured.perimeterKm * 1000, 1) : null
		})
	]);
}

/** The text of a .geojson file. */
export function serialiseGeoJSON(value: FeatureCollection): string {
	return JSON.stringify(value);
}

// The coverage tool's evidence pack comes with the other builders (one on-demand module to load).
export { coverageCsv, coverageGeoJSON } from './coverage';
