/**
 * Loading isochrone fixtures (tests/fixtures/isochrone/in) and writing golden outputs (out/).
 * See tests/fixtures/isochrone/make-inputs.ts for the conventions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, GeoJsonProperties, Point } from 'geojson';
import type { IsochroneOptions, IsochroneSuccess } from '../../../src/lib/graph/isochrone';
import { buildSnapIndex, type SnapIndex } from '../../../src/lib/graph/snap';
import { buildStreetGraph, type StreetGraph } from '../../../src/lib/graph/street-graph';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/isochrone');

export interface Fixture {
	name: string;
	input: FeatureCollection<Geometry, GeoJsonProperties>;
	graph: StreetGraph;
	index: SnapIndex;
	options: IsochroneOptions;
	barriers: Feature<Geometry, GeoJsonProperties>[];
}

export function fixtureNames(): string[] {
	return readdirSync(join(FIXTURE_DIR, 'in'))
		.filter((f) => f.endsWith('.geojson'))
		.map((f) => f.replace(/\.geojson$/, ''))
		.sort();
}

export function loadFixture(name: string): Fixture {
	const input = JSON.parse(readFileSync(join(FIXTURE_DIR, 'in', `${name}.geojson`), 'utf8')) as FeatureCollection<
		Geometry,
		GeoJsonProperties
	>;
	const marker = input.features.find((f) => f.properties?.origin === true) as Feature<Point> | undefined;
	if (!marker) throw new Error(`fixture ${name}: no origin marker (a Point with properties.origin = true)`);
	const barriers = input.features.filter((f) => f.properties?.barrier === true);
	// streets: every LineString that is not a barrier (the builder itself skips walkable = false)
	const streets: FeatureCollection<Geometry, GeoJsonProperties> = {
		type: 'FeatureCollection',
		features: input.features.filter((f) => f.geometry.type === 'LineString' && f.properties?.barrier !== true)
	};
	const graph = buildStreetGraph(streets);
	const { origin: _flag, ...opts } = marker.properties ?? {};
	const options: IsochroneOptions = {
		...(opts as Partial<IsochroneOptions>),
		origin: marker.geometry.coordinates as [number, number],
		barriers: barriers.length > 0 ? { type: 'FeatureCollection', features: barriers } : null
	};
	return { name, input, graph, index: buildSnapIndex(graph), options, barriers };
}

const BAND_COLOURS: Record<number, string> = { 5: '#1a9850', 10: '#fee08b', 15: '#d73027' };

/** Round every coordinate to 6 decimals (≈ 0.1 m), like @turf/truncate. */
export function truncate<T>(value: T): T {
	return JSON.parse(
		JSON.stringify(value, (key, v) => (typeof v === 'number' && key !== 'area_m2' ? Math.round(v * 1e6) / 1e6 : v))
	) as T;
}

/** Golden output: the input, then the bands (styled for geojson.io), reached streets and the snapped point. */
export function goldenOutput(fixture: Fixture, result: IsochroneSuccess): FeatureCollection {
	const colour = (m: number): string => BAND_COLOURS[m] ?? '#4575b4';
	const features: Feature[] = [
		...fixture.input.features,
		...result.bands.features.map((f) => ({
			...f,
			properties: { ...f.properties, fill: colour(f.properties.minutes), 'fill-opacity': 0.25, stroke: colour(f.properties.minutes) }
		})),
		...result.reachedStreets.features.map((f) => ({
			...f,
			properties: { ...f.properties, stroke: colour(f.properties.band), 'stroke-width': 3 }
		})),
		{
			type: 'Feature',
			properties: {
				snapped: true,
				t: result.snapped.t,
				distance: result.snapped.distance,
				'marker-color': '#000000',
				'marker-symbol': 'pedestrian'
			},
			geometry: { type: 'Point', coordinates: result.snapped.point }
		}
	];
	return truncate({ type: 'FeatureCollection', features });
}

/** One feature per line, so a golden diff shows which feature moved. */
export function formatCollection(fc: FeatureCollection): string {
	return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
