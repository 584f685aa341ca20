/**
 * Where the places are: one geometry recipe per place of `geodata/places/*.geojson` and per green
 * area of `geodata/green.geojson`. What the places are (names, summaries, figures, accuracy notes and
 * the sources of each location) is kept as data in `geodata/src/place-texts.json`; `buildPlaces`
 * joins the two by id (`places/texts.ts`).
 *
 * Street-edged outlines and the historic streets are traced on the real road network (osm-roads):
 * their corners are street junctions (`places/traces.ts`) and every edge between two corners is the
 * shortest path along the roads. Points are placed by hand from the AMap house numbers and POIs that
 * each place's `located_by` lists. Method and sources: geodata/README.md.
 *
 * Run alone: `npx tsx scripts/geodata/places.ts` (writes geodata/places/, geodata/green.geojson and
 * geodata/reports/places-moved.json, the places moved by more than 100 m since the last hand placement).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { PLACE_LAYER_IDS, type PlaceLayerId } from '../../src/lib/data/schema';
import type { RoadGraph } from '../../src/lib/geo/trace';
import { writeCollection } from './geojson-file';
import { areaWithin, districtShape, lineAlong, pointAt, polygonOf, type DistrictShape, type PlaceGeometry } from './places/geometry';
import { writeMovedReport } from './places/moved';
import { greenAreas, placeLayers, readPlaceTexts, type PlaceTexts } from './places/texts';
import { JUNCTIONS, placesRoadGraph, traceAll, traceOnRoads, type Traced } from './places/traces';

export { ROAD_GAPS, TRACES, placesRoadGraph, type TracedId } from './places/traces';

const ROOT = join(import.meta.dirname, '..', '..');

export interface PlacesBuildOptions {
	/** The osm-roads network (geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson). */
	roads: FeatureCollection<LineString>;
	/** Changning's outline (geodata/admin/changning.wgs84.geojson, first feature). */
	district: Feature<Polygon | MultiPolygon>;
	/** OSM elevated roads (geodata/transit/elevated_roads.geojson); the Outer Ring divides Linkong from the airport. */
	elevated: FeatureCollection;
	/** The places' texts; default: geodata/src/place-texts.json. */
	texts?: PlaceTexts;
}

export interface PlacesBuild {
	places: Record<PlaceLayerId, FeatureCollection>;
	green: FeatureCollection;
	/** Per traced id: the traced coordinates (not rounded) and the corners they run through. */
	traced: Traced;
}

/** What every recipe may stand on. */
interface RecipeInputs {
	graph: RoadGraph;
	traced: Traced;
	district: DistrictShape;
	elevated: FeatureCollection;
}

// ---------------------------------------------------------------- the Outer Ring (Linkong, airport)
/** Latitudes of the streets that bound Linkong north and south where they meet the Outer Ring. */
const XIANXIA_WEST_RD_LAT = 31.208;
const TIANSHAN_WEST_RD_LAT = 31.2202; // metro 2 under Tianshan W Rd near Songhong Rd

/** The Outer Ring expressway's vertices beside the airport, north to south, and its longitude at a latitude. */
function outerRingBesideAirport(elevated: FeatureCollection): { vertices: Position[]; lonAt(lat: number): number } {
	const outerRing = elevated.features.find(
		(f) => f.properties?.name_zh === '外环高速' && f.geometry.type === 'LineString' && (f.geometry as LineString).coordinates.some((p) => p[1] > 31.2 && p[1] < 31.21 && p[0] < 121.36)
	);
	if (!outerRing) throw new Error('buildPlaces: the Outer Ring (外环高速) is not in the elevated roads');
	const vertices = (outerRing.geometry as LineString).coordinates.filter((p) => p[1] > 31.178 && p[1] < 31.228).sort((a, b) => b[1] - a[1]);
	const lonAt = (lat: number): number => {
		for (let i = 1; i < vertices.length; i++) {
			const [a, b] = [vertices[i - 1], vertices[i]];
			if (lat <= a[1] && lat >= b[1]) return a[0] + ((lat - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
		}
		throw new Error(`buildPlaces: latitude ${lat} is off the Outer Ring`);
	};
	return { vertices, lonAt };
}

// ---------------------------------------------------------------- Wanhangdu Rd (Zhongshan Park, ECUPL)
/**
 * Wanhangdu Rd beside Zhongshan Park, west to east: missing from the road network here, so placed from
 * AMap house numbers (1510, 1550 Wanhangdu Rd) and the ECUPL campus points, which all lie north of it.
 * The park's north edge and the campus's south edge, so the two never overlap.
 */
const WANHANGDU_RD: Position[] = [
	[121.4082, 31.2247],
	[121.4115, 31.2252],
	[121.4145, 31.2258],
	[121.4158, 31.2262],
	[121.4168, 31.2272]
];

// ---------------------------------------------------------------- recipes
/** The geometry of every place, by id. */
function placeGeometries({ graph, traced, district, elevated }: RecipeInputs): Record<string, PlaceGeometry> {
	const outerRing = outerRingBesideAirport(elevated);
	// Linkong: the Outer Ring (west), Tianshan West Rd at Songhong Rd station (north), about Xiehe Rd
	// (east) and about Xianxia West Rd (south).
	const linkongRing: Position[] = [
		[outerRing.lonAt(XIANXIA_WEST_RD_LAT), XIANXIA_WEST_RD_LAT],
		[121.3625, XIANXIA_WEST_RD_LAT],
		[121.3625, 31.2196],
		[121.3558, TIANSHAN_WEST_RD_LAT],
		[outerRing.lonAt(TIANSHAN_WEST_RD_LAT), TIANSHAN_WEST_RD_LAT],
		...outerRing.vertices.filter((p) => p[1] < TIANSHAN_WEST_RD_LAT && p[1] > XIANXIA_WEST_RD_LAT)
	];
	// The airport's eastern precinct: the district south of about Xianxia West Rd, west of the Outer Ring.
	const airportEast = district.clip(
		polygonOf([
			[121.3, 31.17],
			...outerRing.vertices.filter((p) => p[1] < XIANXIA_WEST_RD_LAT).reverse(),
			[outerRing.lonAt(XIANXIA_WEST_RD_LAT), XIANXIA_WEST_RD_LAT],
			[121.3, XIANXIA_WEST_RD_LAT]
		])
	);
	// Zhongshan Park: Kaixuan Rd (west) and Changning Rd (south, to just before the fork) traced on the
	// roads; the east edge is not a street in the network: from the end of the traced Changning Rd north
	// to Wanhangdu Rd, west of the Changning Rd house numbers 712–780 that lie east of the park.
	const parkRoads = traceOnRoads(graph, [JUNCTIONS.kaixuanNorth, JUNCTIONS.kaixuanChangning, JUNCTIONS.changningBeforeFork]);
	const parkRing = [...parkRoads, [121.4163, 31.224], ...WANHANGDU_RD.slice(1, 4).reverse()];
	// ECUPL: the creek-bend lobe of the outline north of Wanhangdu Rd.
	const ecupl = district.clip(polygonOf([...WANHANGDU_RD, [121.4168, 31.236], [121.4082, 31.236]]));
	// Suzhou Creek: the district edge along the creek; the cruise terminal (1560-3 Wanhangdu Rd) on it,
	// on the bank between the park and the Kaixuan Rd bridge.
	const creek = district.outerRing.slice(district.vertexNear(121.3434, 31.2455), district.vertexNear(121.4297, 31.2277) + 1);
	const terminal = turf.nearestPointOnLine(turf.lineString(district.outerRing), [121.4102, 31.2258]).geometry.coordinates;
	// Historic streets: traced between their end junctions, clipped to the district.
	const streetInDistrict = (id: 'art-yuyuan' | 'elegant-wuyi' | 'humanities-xinhua' | 'walking-in-panyu') =>
		lineAlong(traced[id].coordinates.filter(district.contains));

	return {
		// Silicon Alley: the block of Kaixuan, Changning, Jiangsu and Yan'an West Rds, traced.
		'silicon-alley': areaWithin(traced['silicon-alley'].coordinates),
		'shanghai-institute-of-ceramics': pointAt(121.4174, 31.2183), // 1295 Dingxi Rd, between AMap Nos. 1281 and 1297
		'shanghai-institute-of-microsystem': pointAt(121.4158, 31.2203), // 865 Changning Rd, beside AMap No. 855
		'simic-valley': pointAt(121.4192, 31.2172), // no site known: inside the Silicon Alley
		'huawei-unicom-innovation-center': pointAt(121.4235, 31.2168), // no site known: inside the Silicon Alley
		// Hongqiao
		'hongqiao-etdz': areaWithin(traced['hongqiao-etdz'].coordinates),
		'hongqiao-hub-business-service-center': pointAt(121.3992, 31.2058), // no address: middle of the ETDZ
		// The CBD's Changning part: the district west of about 121.3655 E (roughly Xiehe Rd).
		'hongqiao-cbd-changning': district.clip(polygonOf([[121.3, 31.17], [121.3655, 31.17], [121.3655, 31.26], [121.3, 31.26]])) as PlaceGeometry,
		'linkong-core-area': areaWithin(linkongRing),
		'hongqiao-airport-east-precinct': airportEast as PlaceGeometry,
		'yi-fung-place': pointAt(121.3918, 31.2068), // no site known: old Hongqiao
		'crystal-hongqiao': pointAt(121.4008, 31.2098), // no site known: old Hongqiao
		'livat-shanghai': pointAt(121.352, 31.2245), // middle of the Fuquan / Jinzhong / Xiehe / Beidi Rds block
		'hongqiao-uptown': pointAt(121.403, 31.2091), // middle of the AMap points of 虹桥南丰城, 100 Zunyi Rd
		'china-europe-exchange-platform': pointAt(121.4012, 31.2035), // no address: in the ETDZ
		'greater-hongqiao-life-sciences-center': pointAt(121.3567, 31.2212), // 207 Songhong Rd, between AMap Nos. 152 and 507
		'dobe-we-greater-hongqiao': pointAt(121.3905, 31.212), // no site known: Hongqiao side of the district
		'columbia-circle-phase-2': pointAt(121.4223, 31.2119), // AMap point inside Columbia Circle
		'shanghai-arch': pointAt(121.3979, 31.211), // middle of the AMap points at 523–533 Loushanguan Rd
		// Suzhou Creek
		'suzhou-creek-waterfront': lineAlong(creek),
		'zhongshan-park': areaWithin(parkRing),
		'ecupl-changning-campus': areaWithin(ecupl.coordinates[0]),
		'suzhou-creek-cruise-terminal': pointAt(terminal[0], terminal[1]),
		// Historic streets
		'art-yuyuan': streetInDistrict('art-yuyuan'),
		'humanities-xinhua': streetInDistrict('humanities-xinhua'),
		'elegant-wuyi': streetInDistrict('elegant-wuyi'),
		'walking-in-panyu': streetInDistrict('walking-in-panyu'),
		// The district
		'changning-district': district.geometry as PlaceGeometry
	};
}

/** The outline of every green area that is not a place (the park and the campus are places, drawn once). */
function greenGeometries({ graph, district }: RecipeInputs): Record<string, Polygon> {
	// The zoo: Hongqiao Rd (south) and Hami Rd (east) traced, the road west of the zoo, and a straight
	// north edge at 31.1985 N set so the encyclopaedia point lies near the middle.
	const zooRoads = traceOnRoads(graph, [[121.362647, 31.198226], [121.365418, 31.192027], [121.352494, 31.193735]]);
	const airportBox = polygonOf([[121.33, 31.178], [121.352, 31.178], [121.352, 31.212], [121.33, 31.212]]);
	return {
		'green-shanghai-zoo': polygonOf([...zooRoads, [121.3527, 31.1985]]),
		'green-hongqiao-airport': polygonOf(district.clip(airportBox).coordinates[0])
	};
}

/**
 * Build every place layer and the green areas.
 *
 * @param {PlacesBuildOptions} opts roads, district outline and elevated roads (see the fields)
 * @returns {PlacesBuild} the place layers keyed by layer id, green.geojson, and the traced geometries
 * @throws {Error} if a corner is off the roads, a trace is disconnected, or a place's text and recipe
 *   do not match (an id in one and not the other, an invalid text)
 * @example
 * const { places, green } = buildPlaces({ roads, district, elevated });
 */
export function buildPlaces(opts: PlacesBuildOptions): PlacesBuild {
	const { roads, district, elevated } = opts;
	if (!roads?.features?.length) throw new Error('buildPlaces: roads has no features');
	if (district?.geometry?.type !== 'Polygon' && district?.geometry?.type !== 'MultiPolygon') {
		throw new Error('buildPlaces: district must be a Polygon or MultiPolygon feature');
	}
	const graph = placesRoadGraph(roads);
	const inputs: RecipeInputs = { graph, traced: traceAll(graph), district: districtShape(district), elevated };
	const texts = opts.texts ?? readPlaceTexts(ROOT);
	return {
		places: placeLayers(texts, placeGeometries(inputs)),
		green: greenAreas(texts, greenGeometries(inputs)),
		traced: inputs.traced
	};
}

// ---------------------------------------------------------------- CLI
if (import.meta.url === `file://${process.argv[1]}`) {
	const read = <T>(rel: string): T => JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as T;
	const { places, green } = buildPlaces({
		roads: read<FeatureCollection<LineString>>('geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson'),
		district: read<FeatureCollection<Polygon | MultiPolygon>>('geodata/admin/changning.wgs84.geojson').features[0],
		elevated: read<FeatureCollection>('geodata/transit/elevated_roads.geojson')
	});
	for (const layer of PLACE_LAYER_IDS) writeCollection(join(ROOT, 'geodata', 'places', `${layer}.geojson`), places[layer]);
	writeCollection(join(ROOT, 'geodata', 'green.geojson'), green);
	const after = PLACE_LAYER_IDS.flatMap((layer) => places[layer].features);
	const placeFiles = PLACE_LAYER_IDS.map((layer) => `geodata/places/${layer}.geojson`);
	for (const m of writeMovedReport(ROOT, after, green.features, placeFiles)) console.log(`moved ${m.id}: ${m.metres} m (${m.source})`);
	console.log(`places: ${after.length} features, green: ${green.features.length}`);
}
