/**
 * The one data build. `npm run build:geodata` (part of `npm run build`):
 * 1. refreshes `geodata/sources/` from `../shared/geodata-src` when that folder exists (else the
 *    committed copies are used);
 * 2. derives the project's geodata from them: Suzhou Creek (`water.ts`), the walking network with
 *    bridges, expressways and conflated names (`streets.ts`, `conflate-names.ts`) — unless an
 *    OpenStreetMap extract was imported into `geodata/imported/`, which then wins;
 * 3. writes what the app serves into `static/data/`: validated, minified GeoJSON, the binary street
 *    graph, amenities and a manifest.
 * Deterministic: a second run leaves `geodata/` byte for byte the same.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { refreshSources, sharedSourceDir } from './geodata/sources';
import { copyAdminAndTransit } from './geodata/admin-transit';
import { buildCreek } from './geodata/water';
import type { StreetBuildReport } from './geodata/streets';
import { writeAmapAmenities } from './geodata/amenities';
import { buildPlaces } from './geodata/places';
import { writeCollection } from './geodata/geojson-file';
import { withPlaceMetrics } from './geodata/places/metrics';
import { importedGeodata } from './geodata/imported';
import { buildNamedNetwork } from './geodata/network';
import { FULL_NETWORK_WALK, ROADS_ONLY_WALK } from '../src/lib/graph/off-street';
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
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { parsePlaces } from '../src/lib/data/places';
import { PLACE_LAYER_IDS } from '../src/lib/data/schema';
import { buildStreetGraph } from '../src/lib/graph/street-graph';
import { bundledAmenities, importedSources, withAmapAmenities, type AmenityData } from '../src/lib/data/amenities';

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

function writeGeodata(rel: string, fc: FeatureCollection): void {
	writeCollection(src(rel), fc);
}

/**
 * The geodata the map and the walk stand on: an imported OSM extract's files when there are any
 * (`npm run import:osm` writes them to geodata/imported/), else the bundled network derived here.
 */
function derivedGeodata(changning: Feature<Polygon | MultiPolygon>): {
	streets: FeatureCollection;
	water: FeatureCollection;
	green: FeatureCollection;
	report: StreetBuildReport | null;
} {
	const roads = readJson(src('sources', 'osm-roads', 'changning-roads.osm.wgs84.geojson')) as FeatureCollection<LineString>;
	const elevated = readJson(src('transit', 'elevated_roads.geojson'));
	// The briefing's places are traced on the real roads whatever the basemap: an import does not move them.
	const { places, green } = buildPlaces({ roads, district: changning, elevated });
	for (const layer of PLACE_LAYER_IDS) writeGeodata(join('places', `${layer}.geojson`), places[layer]);
	writeGeodata('green.geojson', green);

	const imported = importedGeodata(src());
	if (imported) {
		console.log('build-geodata: using the OpenStreetMap extract in geodata/imported/ (remove that folder to go back)');
		return { streets: imported.streets, water: imported.water, green: imported.green, report: null };
	}
	mkdirSync(src('reports'), { recursive: true });
	const { streets, report, names } = buildNamedNetwork(root, changning);
	writeFileSync(src('reports', 'names.json'), JSON.stringify(names, null, 1) + '\n');
	writeGeodata('streets.geojson', streets);
	const water = featureCollection([buildCreek(changning, streets)]);
	writeGeodata('water.geojson', water);
	writeFileSync(src('reports', 'network.json'), JSON.stringify(report, null, 1) + '\n');
	return { streets, water, green, report };
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

/**
 * Every place layer in one collection, each area and line with its metrics precomputed
 * (`area_m2`, `perimeter_m`, `label_point`, `length_m`: scripts/geodata/places/metrics.ts), so the app
 * shows them without loading turf.
 */
function placesCollection(): FeatureCollection {
	const features: Feature[] = [];
	for (const layer of PLACE_LAYER_IDS) {
		const path = src('places', `${layer}.geojson`);
		if (!existsSync(path)) throw new Error(`build-geodata: missing ${path}`);
		features.push(...readJson(path).features.map(withPlaceMetrics));
	}
	const collection = { type: 'FeatureCollection' as const, features };
	parsePlaces(collection); // throws a readable list of problems
	return collection;
}

/**
 * Life-circle amenities. An imported OSM extract's geodata/imported/amenities.geojson wins when there is one
 * (`npm run import:osm` writes it; every category it has counts as covered). Otherwise what the
 * bundled data really holds: OSM metro stations and the parks placed by hand, plus the AMap 2020 POIs
 * of geodata/amenities.amap.geojson (scripts/geodata/amenities.ts) when that file exists.
 */
function amenities(metroStations: FeatureCollection, green: FeatureCollection): AmenityData {
	const imported = src('imported', 'amenities.geojson');
	if (existsSync(imported)) {
		const fc = readJson(imported);
		const categories = importedSources(new Set(fc.features.map((f) => String(f.properties?.category))));
		return {
			amenities: { ...(fc as AmenityData['amenities']), categories },
			coverage: Object.fromEntries(Object.keys(categories).map((c) => [c, 'complete' as const])),
			categories,
			origin: { en: 'an imported OpenStreetMap extract', zh: '导入的OpenStreetMap数据' }
		};
	}
	const bundled = bundledAmenities(metroStations, green);
	const amap = src('amenities.amap.geojson');
	return existsSync(amap) ? withAmapAmenities(bundled, readJson<AmenityData['amenities']>(amap)) : bundled;
}

function main(): void {
	mkdirSync(outDir, { recursive: true });
	const refreshed = refreshSources(root);
	const shared = sharedSourceDir(root);
	if (shared) copyAdminAndTransit({ sharedDir: shared, geodataDir: src() });
	console.log(
		refreshed === null
			? 'build-geodata: ../shared/geodata-src not on this machine; using the committed copies in geodata/sources/'
			: `build-geodata: refreshed ${refreshed} files in geodata/sources/ from the shared source data`
	);
	const districts = readJson(src('admin', 'shanghai_districts.wgs84.geojson'));
	const changning = changningFeature();
	const { streets, water, green, report } = derivedGeodata(changning);
	if (report) {
		console.log(
			`build-geodata: network ${report.walkableKmInDistrict} km walkable in the district (${report.walkableKm} km with the margin), ` +
				`${report.junctionsInDistrict} junctions, ${report.bridges.length} creek bridges, ${report.expressway.length} expressway pieces not walked`
		);
	}
	const elevated = readJson(src('transit', 'elevated_roads.geojson'));
	const metroLines = readJson(src('transit', 'metro_lines.geojson'));
	const metroStations = readJson(src('transit', 'metro_stations.geojson'));
	const places = placesCollection();
	const graph = buildStreetGraph(streets);
	writeFileSync(join(outDir, 'streets.graph.bin'), new Uint8Array(graph.toBuffer()));
	writeAmapAmenities(root);
	// Parks are in green.geojson (the zoo) or, when the briefing names them, in the places (Zhongshan Park).
	const placeParks = places.features
		.filter((f) => f.properties?.kind === 'park')
		.map((f) => ({ ...f, properties: { id: f.properties?.id, kind: 'park', name_en: f.properties?.name?.en, name_zh: f.properties?.name?.zh } }));
	const amenityData = amenities(metroStations, featureCollection([...green.features, ...placeParks] as Feature<never>[]));

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
		// The off-street walk suits the network: long for the roads-only bundled data, short for a
		// full OSM import with footpaths (src/lib/graph/off-street.ts).
		walk: report ? { network: 'roads-only', ...ROADS_ONLY_WALK } : { network: 'full-osm', ...FULL_NETWORK_WALK },
		amenities: { coverage: amenityData.coverage, origin: amenityData.origin, categories: amenityData.categories }
	});
	const total = Object.values(sizes).reduce((a, b) => a + b, 0);
	console.log(
		`build-geodata: ${Object.keys(sizes).length} files, ${(total / 1024).toFixed(0)} KiB in static/data; ` +
			`${places.features.length} places, ${counts.streets} streets, ` +
			`graph ${graph.nodeCount} nodes / ${graph.edgeCount} directed edges`
	);
}

main();
