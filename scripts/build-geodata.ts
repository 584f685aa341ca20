/**
 * Builds the app's data files in static/data/ from the sources in geodata/:
 * validated, minified GeoJSON for the embedded basemap, the places collection, and a manifest
 * with feature counts. Run: `npm run build:geodata` (part of `npm run build`).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	bboxClip,
	bboxPolygon,
	centerOfMass,
	booleanPointInPolygon,
	featureCollection,
	mask,
	pointOnFeature
} from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { parsePlaces } from '../src/lib/data/places';
import { PLACE_LAYER_IDS } from '../src/lib/data/schema';
import { buildStreetGraph } from '../src/lib/graph/street-graph';
import { bundledAmenities, type AmenityData } from '../src/lib/data/amenities';

const root = join(import.meta.dirname, '..');
const src = (...p: string[]) => join(root, 'geodata', ...p);
const outDir = join(root, 'static', 'data');

/** The view the basemap is cut to: Changning plus a few kilometres around it. */
const VIEW_BBOX: [number, number, number, number] = [121.2, 31.1, 121.6, 31.32];

const DISTRICT_NAMES_EN: Record<string, string> = {
	黄浦区: 'Huangpu',
	徐汇区: 'Xuhui',
	长宁区: 'Changning',
	静安区: "Jing'an",
	普陀区: 'Putuo',
	虹口区: 'Hongkou',
	杨浦区: 'Yangpu',
	闵行区: 'Minhang',
	宝山区: 'Baoshan',
	嘉定区: 'Jiading',
	浦东新区: 'Pudong',
	金山区: 'Jinshan',
	松江区: 'Songjiang',
	青浦区: 'Qingpu',
	奉贤区: 'Fengxian',
	崇明区: 'Chongming'
};

function readJson<T = FeatureCollection>(path: string): T {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as T;
	} catch (error) {
		throw new Error(`build-geodata: cannot read ${path}: ${(error as Error).message}`, { cause: error });
	}
}

function write(name: string, data: unknown): number {
	const text = JSON.stringify(data);
	writeFileSync(join(outDir, name), text);
	return text.length;
}

function changningFeature(): Feature<Polygon | MultiPolygon> {
	const fc = readJson(src('admin', 'changning.wgs84.geojson'));
	const feature = fc.features[0] as Feature<Polygon | MultiPolygon> | undefined;
	if (!feature) throw new Error('build-geodata: geodata/admin/changning.wgs84.geojson has no feature');
	return feature;
}

/** A label point per district, placed inside the part of the district that is in view. */
function districtLabels(districts: FeatureCollection): FeatureCollection {
	const labels: Feature[] = [];
	for (const d of districts.features as Feature<Polygon | MultiPolygon>[]) {
		const zh = String(d.properties?.name_zh ?? d.properties?.name ?? '');
		const clipped = bboxClip(d, [121.3, 31.16, 121.48, 31.27]) as Feature<Polygon | MultiPolygon>;
		const hasArea = clipped.geometry.coordinates.some((ring) => ring.length > 0);
		if (!hasArea) continue;
		let point = centerOfMass(clipped);
		if (!booleanPointInPolygon(point, clipped)) point = pointOnFeature(clipped);
		labels.push({
			type: 'Feature',
			geometry: point.geometry,
			properties: { name_zh: zh, name_en: `${DISTRICT_NAMES_EN[zh] ?? zh} District` }
		});
	}
	return featureCollection(labels as Feature<never>[]);
}

function placesCollection(): FeatureCollection {
	const features: Feature[] = [];
	for (const layer of PLACE_LAYER_IDS) {
		const path = src('places', `${layer}.geojson`);
		if (!existsSync(path)) throw new Error(`build-geodata: missing ${path}`);
		features.push(...readJson(path).features);
	}
	const collection = { type: 'FeatureCollection' as const, features };
	parsePlaces(collection); // throws a readable list of problems
	return collection;
}

/**
 * Life-circle amenities: an imported OSM extract's amenities.geojson when there is one (every
 * category covered), else what the bundled data really holds (metro stations, the parks placed).
 */
function amenities(metroStations: FeatureCollection, green: FeatureCollection): AmenityData {
	const imported = src('amenities.geojson');
	if (existsSync(imported)) {
		const fc = readJson(imported);
		const categories = new Set(fc.features.map((f) => String(f.properties?.category)));
		return {
			amenities: fc as AmenityData['amenities'],
			coverage: Object.fromEntries([...categories].map((c) => [c, 'complete' as const])),
			origin: { en: 'an imported OpenStreetMap extract', zh: '导入的OpenStreetMap数据' }
		};
	}
	return bundledAmenities(metroStations, green);
}

function main(): void {
	mkdirSync(outDir, { recursive: true });
	const districts = readJson(src('admin', 'shanghai_districts.wgs84.geojson'));
	const changning = changningFeature();
	const streets = readJson(src('streets.geojson'));
	const water = readJson(src('water.geojson'));
	const green = readJson(src('green.geojson'));
	const elevated = readJson(src('transit', 'elevated_roads.geojson'));
	const metroLines = readJson(src('transit', 'metro_lines.geojson'));
	const metroStations = readJson(src('transit', 'metro_stations.geojson'));
	const places = placesCollection();
	const graph = buildStreetGraph(streets);
	writeFileSync(join(outDir, 'streets.graph.bin'), new Uint8Array(graph.toBuffer()));
	const amenityData = amenities(metroStations, green);

	const sizes: Record<string, number> = {
		'shanghai-districts.geojson': write('shanghai-districts.geojson', districts),
		'changning.geojson': write('changning.geojson', featureCollection([changning])),
		'changning-mask.geojson': write(
			'changning-mask.geojson',
			featureCollection([mask(changning, bboxPolygon(VIEW_BBOX))])
		),
		'district-labels.geojson': write('district-labels.geojson', districtLabels(districts)),
		'streets.geojson': write('streets.geojson', streets),
		'water.geojson': write('water.geojson', water),
		'green.geojson': write('green.geojson', green),
		'elevated.geojson': write('elevated.geojson', elevated),
		'metro-lines.geojson': write('metro-lines.geojson', metroLines),
		'metro-stations.geojson': write('metro-stations.geojson', metroStations),
		'places.json': write('places.json', places),
		'amenities.geojson': write('amenities.geojson', amenityData.amenities)
	};
	const counts = {
		streets: streets.features.length,
		metro: metroStations.features.length,
		elevated: elevated.features.length,
		water: water.features.length,
		green: green.features.length
	};
	write('manifest.json', {
		generated: 'scripts/build-geodata.ts',
		counts,
		graph: { file: 'streets.graph.bin', nodes: graph.nodeCount, edges: graph.edgeCount },
		amenities: { coverage: amenityData.coverage, origin: amenityData.origin }
	});
	const total = Object.values(sizes).reduce((a, b) => a + b, 0);
	console.log(
		`build-geodata: ${Object.keys(sizes).length} files, ${(total / 1024).toFixed(0)} KiB in static/data; ` +
			`${places.features.length} places, ${counts.streets} streets, ` +
			`graph ${graph.nodeCount} nodes / ${graph.edgeCount} directed edges`
	);
}

main();
