/**
 * The place layers (`geodata/places/*.geojson`) and the non-place green areas (`geodata/green.geojson`).
 *
 * What the places are comes from the 31 Aug 2023 briefing; where they are comes from the sources each
 * feature lists in `located_by`. Street-edged outlines and the historic streets are traced on the real
 * road network (osm-roads) with `traceCorners`: the corners below are street junctions, and every edge
 * between two corners is the shortest path along the roads. Method and sources: geodata/README.md.
 *
 * Run alone: `npx tsx scripts/geodata/places.ts` (writes geodata/places/, geodata/green.geojson and
 * geodata/reports/places-moved.json, the places moved by more than 100 m since the last commit).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { buildRoadGraph, distanceMetres, traceCorners, type RoadGraph } from '../../src/lib/geo/trace';
import {
	PLACE_LAYER_IDS,
	type Accuracy,
	type Bilingual,
	type Fact,
	type LocatedBy,
	type PlaceFeature,
	type PlaceLayerId,
	type PlaceProperties,
	type SourceId
} from '../../src/lib/data/schema';

const B: SourceId = 'briefing-2023-08-31';
type Kind = PlaceProperties['kind'];
type PlaceGeometry = PlaceFeature['geometry'];

// ---------------------------------------------------------------- small helpers
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const round = (ps: Position[]): Position[] => dedupe(ps.map((p) => [r6(p[0]), r6(p[1])]));
function dedupe(ps: Position[]): Position[] {
	return ps.filter((p, i) => i === 0 || p[0] !== ps[i - 1][0] || p[1] !== ps[i - 1][1]);
}
/** A polygon geometry: rounded, closed, outer ring counter-clockwise (RFC 7946). */
function polygonOf(ring: Position[]): Polygon {
	const r = round(ring);
	if (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1]) r.push(r[0]);
	if (turf.booleanClockwise(r)) r.reverse();
	return { type: 'Polygon', coordinates: [r] };
}
function cleanArea(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
	const fixRing = (ring: Position[], hole: boolean): Position[] => {
		const r = round(ring);
		if (turf.booleanClockwise(r) !== hole) r.reverse();
		return r;
	};
	if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r, i) => fixRing(r, i > 0)) };
	return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r, i) => fixRing(r, i > 0))) };
}
const pt = (lon: number, lat: number): PlaceGeometry => ({ type: 'Point', coordinates: [r6(lon), r6(lat)] });
const ls = (coords: Position[]): PlaceGeometry => ({ type: 'LineString', coordinates: round(coords) as [number, number][] });
const poly = (ring: Position[]): PlaceGeometry => polygonOf(ring) as PlaceGeometry;
const bi = (en: string, zh: string): Bilingual => ({ en, zh });
function fact(
	en: string,
	zh: string,
	value: number,
	unit: string,
	period: string,
	qualifier?: Fact['qualifier'],
	source: SourceId = B
): Fact {
	return { label: bi(en, zh), value, ...(qualifier ? { qualifier } : {}), unit, period, source };
}
const acc = (level: Accuracy['level'], metres: number, en: string, zh: string): Accuracy => ({ level, metres, note: bi(en, zh) });

interface PlaceInput {
	name: Bilingual;
	summary: Bilingual;
	facts?: Fact[];
	address?: Bilingual;
	accuracy: Accuracy;
	source?: SourceId;
}
function F(layer: PlaceLayerId, id: string, kind: Kind, geometry: PlaceGeometry, input: PlaceInput): PlaceFeature {
	const { name, summary, facts = [], address, accuracy, source = B } = input;
	// LOCATED_BY is declared further down; F() only runs inside buildPlaces(), after the module has loaded.
	const located_by = LOCATED_BY[id];
	if (!located_by || located_by.length === 0) throw new Error(`places: ${id} has no located_by entry`);
	const properties: PlaceProperties = {
		id,
		layer,
		kind,
		name,
		summary,
		facts,
		...(address ? { address } : {}),
		accuracy,
		located_by,
		source
	};
	return { type: 'Feature', geometry, properties };
}

// ---------------------------------------------------------------- sources
const POI = 'AMap points of interest, 2020 (via ni1o1/pygeo-tutorial, MIT)';
const POI_URL = 'https://github.com/ni1o1/pygeo-tutorial';
const ROADS = 'OpenStreetMap road network, c. 2020 (via ni1o1/roadspeedcorr; © OpenStreetMap contributors, ODbL)';
const ROADS_URL = 'https://github.com/ni1o1/roadspeedcorr';
const OUTLINE = 'District outline, DataV.GeoAtlas (AMap), converted to WGS84';
const OUTLINE_URL = 'https://datav.aliyun.com/portal/school/atlas/area_selector';
const METRO = 'OpenStreetMap metro lines and stations (© OpenStreetMap contributors, ODbL)';
const BRIEFING = 'Shanghai municipal press briefing, Changning session, 31 Aug 2023';
const REFERENCE = 'Project reference notes on the briefing’s places (shared/reference)';
const says = (en: string, zh: string): Bilingual => bi(en, zh);
const roads = (en: string, zh: string): LocatedBy => ({ title: ROADS, url: ROADS_URL, says: says(en, zh) });
const poi = (en: string, zh: string): LocatedBy => ({ title: POI, url: POI_URL, says: says(en, zh) });
const briefingOnly = (en: string, zh: string): LocatedBy => ({ title: BRIEFING, says: says(en, zh) });

// ---------------------------------------------------------------- street corners (WGS84 road nodes)
/**
 * Junctions of the osm-roads network, named by the streets that meet there. Identified from the metro
 * lines that run under or over the streets (2 under Changning Rd, 3/4 along Kaixuan Rd, 10 under
 * Hongqiao Rd, 11 along Jiangsu Rd, the Yan'an elevated road) and from AMap house-number points.
 */
const J = {
	kaixuanYanan: [121.412638, 31.210312],
	kaixuanChangning: [121.411448, 31.219765],
	/** Changning Rd / Yuyuan Rd / Dingxi Rd fork east of Zhongshan Park. */
	changningFork: [121.416996, 31.220704],
	/** East end of Changning Rd at Jiangsu Rd / Wanhangdu Rd. */
	changningJiangsu: [121.423179, 31.226274],
	yuyuanJiangsu: [121.426538, 31.221208],
	jiangsuYanan: [121.428422, 31.216314],
	panyuYanan: [121.424079, 31.212586],
	yananDingxi: [121.418928, 31.211729],
	yuyuanEast: [121.431524, 31.222706],
	kaixuanWuyi: [121.41333, 31.214538],
	dingxiWuyi: [121.418455, 31.214916],
	wuyiEast: [121.426207, 31.214724],
	panyuXinhua: [121.425485, 31.204013],
	panyuHongqiao: [121.425057, 31.201879],
	xinhuaDingxi: [121.418671, 31.20609],
	xinhuaWest: [121.41356, 31.2073],
	/** Kaixuan Rd north of Changning Rd, by the west side of Zhongshan Park. */
	kaixuanNorth: [121.409, 31.2246]
} satisfies Record<string, Position>;

/**
 * Two short pieces missing from the osm-roads network at the Changning Rd / Yuyuan Rd fork (the
 * source's lines stop 60–80 m short of each other there; metro 2 and the AMap house numbers show the
 * street is continuous). They are added to the graph as straight links.
 */
export const ROAD_GAPS: Position[][] = [
	[[121.416169, 31.220853], J.changningFork],
	[[121.416924, 31.221288], J.changningFork]
];

/** Corners of each traced outline or line; an outline is closed back to its first corner. */
export const TRACES = {
	'silicon-alley': {
		closed: true,
		corners: [J.kaixuanYanan, J.kaixuanChangning, J.changningFork, J.changningJiangsu, J.yuyuanJiangsu, J.jiangsuYanan, J.panyuYanan, J.yananDingxi]
	},
	'art-yuyuan': { closed: false, corners: [J.changningFork, J.yuyuanJiangsu, J.yuyuanEast] },
	'elegant-wuyi': { closed: false, corners: [J.kaixuanWuyi, J.dingxiWuyi, J.wuyiEast] },
	'humanities-xinhua': { closed: false, corners: [J.panyuXinhua, J.xinhuaDingxi, J.xinhuaWest] },
	'walking-in-panyu': { closed: false, corners: [J.panyuYanan, J.panyuXinhua, J.panyuHongqiao] },
	// The ETDZ as the block it is commonly described by; junctions read off the named network.
	'hongqiao-etdz': {
		closed: true,
		corners: [
			// Which road is which is read off the AMap bus stops named after each crossing (古北路茅台路 …):
			// Gubei Rd is the road over metro line 15; Loushanguan Rd stops at Yan'an West Rd further east.
			[121.394456, 31.202256], // Gubei Rd × Hongqiao Rd / Yan'an West Rd
			[121.401297, 31.200014], // Zunyi Rd × Hongqiao Rd
			[121.402618, 31.2107], // Zunyi Rd × Maotai Rd
			[121.395984, 31.211566] // Gubei Rd × Maotai Rd
		]
	}
} satisfies Record<string, { closed: boolean; corners: Position[] }>;
export type TracedId = keyof typeof TRACES;

/** The road graph the traces run on: osm-roads plus ROAD_GAPS. */
export function placesRoadGraph(roads: FeatureCollection<LineString>): RoadGraph {
	return buildRoadGraph([...roads.features.map((f) => f.geometry.coordinates), ...ROAD_GAPS]);
}

// ---------------------------------------------------------------- build
export interface PlacesBuildOptions {
	/** The osm-roads network (geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson). */
	roads: FeatureCollection<LineString>;
	/** Changning's outline (geodata/admin/changning.wgs84.geojson, first feature). */
	district: Feature<Polygon | MultiPolygon>;
	/** OSM elevated roads (geodata/transit/elevated_roads.geojson); the Outer Ring divides Linkong from the airport. */
	elevated: FeatureCollection;
}

export interface PlacesBuild {
	places: Record<PlaceLayerId, FeatureCollection>;
	green: FeatureCollection;
	/** Per traced id: the straight gap links the trace used (empty when the whole trace is on osm-roads). */
	traced: Record<TracedId, { coordinates: Position[]; corners: Position[] }>;
}

/**
 * Build every place layer and the green areas.
 *
 * @param {PlacesBuildOptions} opts roads, district outline and elevated roads (see the fields)
 * @returns {PlacesBuild} the place layers keyed by layer id, green.geojson, and the traced geometries
 * @throws {Error} if a corner is off the roads, a trace is disconnected, or a place has no located_by
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
	const traced = Object.fromEntries(
		(Object.keys(TRACES) as TracedId[]).map((id) => {
			const t = TRACES[id];
			const r = traceCorners(graph, t.corners, { closed: t.closed, maxSnapMetres: 5 });
			return [id, { coordinates: r.coordinates, corners: t.corners }];
		})
	) as PlacesBuild['traced'];
	const districtGeom = cleanArea(district.geometry);
	const districtFeature = turf.feature(districtGeom);
	const outerRing: Position[] =
		district.geometry.type === 'Polygon' ? district.geometry.coordinates[0] : district.geometry.coordinates[0][0];
	const clipTo = (geom: Polygon): Polygon => {
		const g = turf.intersect(turf.featureCollection([districtFeature, turf.feature(geom)]));
		if (!g) throw new Error('buildPlaces: empty clip');
		if (g.geometry.type === 'MultiPolygon') {
			const parts = g.geometry.coordinates.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a));
			return cleanArea(parts[0].geometry) as Polygon;
		}
		return cleanArea(g.geometry) as Polygon;
	};
	const outlineIndex = (lon: number, lat: number): number => {
		const i = outerRing.findIndex((p) => Math.abs(p[0] - lon) < 1e-4 && Math.abs(p[1] - lat) < 1e-4);
		if (i < 0) throw new Error(`buildPlaces: no outline vertex near ${lon}, ${lat}`);
		return i;
	};

	// ---- Silicon Alley: traced on the four streets
	const saRing = traced['silicon-alley'].coordinates;

	// ---- Hongqiao: the ETDZ block, traced on the four streets it is usually described by
	const etdzRing = traced['hongqiao-etdz'].coordinates;
	const cbdGeom = clipTo(polygonOf([[121.3, 31.17], [121.3655, 31.17], [121.3655, 31.26], [121.3, 31.26]]));
	const s20Feature = elevated.features.find(
		(f) => f.properties?.name_zh === '外环高速' && f.geometry.type === 'LineString' && (f.geometry as LineString).coordinates.some((p) => p[1] > 31.2 && p[1] < 31.21 && p[0] < 121.36)
	);
	if (!s20Feature) throw new Error('buildPlaces: the Outer Ring (外环高速) is not in the elevated roads');
	const s20 = (s20Feature.geometry as LineString).coordinates.filter((p) => p[1] > 31.178 && p[1] < 31.228).sort((a, b) => b[1] - a[1]);
	const s20LonAt = (lat: number): number => {
		for (let i = 1; i < s20.length; i++) {
			const [a, b] = [s20[i - 1], s20[i]];
			if (lat <= a[1] && lat >= b[1]) return a[0] + ((lat - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
		}
		throw new Error(`buildPlaces: latitude ${lat} is off the Outer Ring`);
	};
	const XIANXIA_W_LAT = 31.208;
	const TIANSHAN_W_LAT = 31.2202; // metro 2 under Tianshan W Rd near Songhong Rd
	const linkongRing: Position[] = [
		[s20LonAt(XIANXIA_W_LAT), XIANXIA_W_LAT],
		[121.3625, XIANXIA_W_LAT],
		[121.3625, 31.2196],
		[121.3558, TIANSHAN_W_LAT],
		[s20LonAt(TIANSHAN_W_LAT), TIANSHAN_W_LAT],
		...s20.filter((p) => p[1] < TIANSHAN_W_LAT && p[1] > XIANXIA_W_LAT)
	];
	const airportEastGeom = clipTo(
		polygonOf([
			[121.3, 31.17],
			...s20.filter((p) => p[1] < XIANXIA_W_LAT).reverse(),
			[s20LonAt(XIANXIA_W_LAT), XIANXIA_W_LAT],
			[121.3, XIANXIA_W_LAT]
		])
	);

	// ---- Suzhou Creek: the district edge along the creek
	const creek = outerRing.slice(outlineIndex(121.3434, 31.2455), outlineIndex(121.4297, 31.2277) + 1);
	// ECUPL: the creek-bend lobe of the outline north of Wanhangdu Rd. The south edge follows Wanhangdu Rd,
	// which the road network lacks here: placed from AMap house numbers (1510, 1550 Wanhangdu Rd) and the
	// campus's own points, which all lie north of it.
	const WANHANGDU: Position[] = [
		[121.4082, 31.2247],
		[121.4115, 31.2252],
		[121.4145, 31.2258],
		[121.4158, 31.2262],
		[121.4168, 31.2272]
	];
	const ecuplCut = clipTo(polygonOf([...WANHANGDU, [121.4168, 31.236], [121.4082, 31.236]]));
	const ecuplRing = ecuplCut.coordinates[0];
	// Zhongshan Park: Kaixuan Rd (west) and Changning Rd (south, then its north-east leg) traced on the
	// roads; the north edge is the same Wanhangdu Rd line (shared with ECUPL, so the two never overlap).
	const parkRoads = traceCorners(graph, [J.kaixuanNorth, J.kaixuanChangning, [121.416169, 31.220853]], {
		maxSnapMetres: 5
	}).coordinates;
	// East edge: not a street in the network; from the end of the traced Changning Rd north to Wanhangdu Rd,
	// west of the Changning Rd house numbers 712–780 that lie east of the park.
	const parkRing: Position[] = [...parkRoads, [121.4163, 31.224], [121.4158, 31.2262], [121.4145, 31.2258], [121.4115, 31.2252]];
	// Cruise terminal: 1560-3 Wanhangdu Rd, on the bank between the park and the Kaixuan Rd bridge
	const terminal = turf.nearestPointOnLine(turf.lineString(outerRing), [121.4102, 31.2258]).geometry.coordinates;

	// ---- Historic streets: traced between their end junctions, clipped to the district
	const inDistrict = (p: Position): boolean => turf.booleanPointInPolygon(p, districtFeature);
	const streetLine = (id: TracedId): Position[] => traced[id].coordinates.filter(inDistrict);
	const yuyuanLine = streetLine('art-yuyuan');
	const wuyiLine = streetLine('elegant-wuyi');
	const xinhuaLine = streetLine('humanities-xinhua');
	const panyuLine = streetLine('walking-in-panyu');
	const streetAcc = (en: string, zh: string, m = 30): Accuracy =>
		acc(
			'approximate',
			m,
			`${en} The line follows the real road between its end junctions (OpenStreetMap road network, checked against the metro lines and AMap house numbers); the road data itself is good to about 25 m.`,
			`${zh}线形沿真实道路在两端路口之间描绘（OpenStreetMap道路网，并以地铁线和高德门牌点核对），道路数据本身精度约25米。`
		);

	const places = {} as Record<PlaceLayerId, FeatureCollection>;
	const L1: PlaceLayerId = 'silicon-alley';
	const L2: PlaceLayerId = 'hongqiao';
	const L3: PlaceLayerId = 'suzhou-creek';
	const L4: PlaceLayerId = 'historic-streets';
	const L5: PlaceLayerId = 'district';
	const collect = (layer: PlaceLayerId, features: PlaceFeature[]): void => {
		places[layer] = { type: 'FeatureCollection', features: features as Feature[] };
	};
	const siliconAlley: PlaceFeature[] = [
		F(L1, 'silicon-alley', 'innovation-area', poly(saRing), {
			name: bi('Shanghai Silicon Alley', '上海硅巷'),
			summary: bi(
				'A compact science-and-innovation quarter in eastern Changning built around two Chinese Academy of Sciences institutes, meant to bring research and tech firms back into the old city blocks. The district presents it as its flagship for turning lab results into businesses.',
				'以中国科学院两家研究所为依托、位于长宁东部老城区的紧凑型科创街区，目标是让科研和科技企业回归中心城区，是长宁推动科技成果转化的重点区域。'
			),
			facts: [
				fact('Area', '面积', 1.48, 'km²', 'as of Aug 2023', 'exactly'),
				fact('Innovation hubs', '创新载体', 10, 'hubs', 'as of Aug 2023', 'over'),
				fact('Technology companies', '科技企业', 500, 'companies', 'as of Aug 2023', 'over')
			],
			accuracy: acc(
				'approximate',
				40,
				`Not an official boundary (none was found in public sources): the block the project is usually described by, traced on the real streets — Kaixuan Rd (west), Changning Rd including its north-east leg up to Jiangsu Rd (north), Jiangsu Rd (east) and Yan'an West Rd (south). Edges lie on the road centre lines. Measured this way the block is ${(turf.area(turf.polygon([saRing])) / 1e6).toFixed(2)} km², ${(((turf.area(turf.polygon([saRing])) - 1.48e6) / 1.48e6) * 100).toFixed(0)} % more than the 1.48 km² the briefing gives. The outline was not adjusted to the figure: the official area is probably measured on a boundary that is not these centre lines (it may leave out the road space, the land north of Yuyuan Rd, or follow plot edges).`,
				`非官方边界（公开资料中未找到）：按通常描述的四条道路在真实路网上描绘——西凯旋路、北长宁路（含东北向至江苏路一段）、东江苏路、南延安西路，边线位于道路中心线。按此计算面积为${(turf.area(turf.polygon([saRing])) / 1e6).toFixed(2)}平方公里，比发布会公布的1.48平方公里多${(((turf.area(turf.polygon([saRing])) - 1.48e6) / 1.48e6) * 100).toFixed(0)}%。未为凑面积而修改边界：官方面积所依据的边界大概不是这些道路中心线（可能不含道路用地、不含愚园路以北地块，或按地块边界划定）。`
			)
		}),
		F(L1, 'shanghai-institute-of-ceramics', 'institute', pt(121.4174, 31.2183), {
			name: bi('Shanghai Institute of Ceramics, CAS', '中国科学院上海硅酸盐研究所'),
			summary: bi(
				'A national research institute for inorganic and advanced materials, and one of the two anchor institutions of the Silicon Alley.',
				'从事无机非金属及先进材料研究的国家级科研机构，是上海硅巷的两家核心院所之一。'
			),
			address: bi('1295 Dingxi Road, Changning', '长宁区定西路1295号'),
			accuracy: acc(
				'approximate',
				80,
				'Placed at 1295 Dingxi Rd between the AMap points for Nos. 1281 and 1297–1307 on the west side of the street; the campus outline is not drawn.',
				'依高德门牌点（定西路1281号与1297—1307号之间，路西侧）定位于定西路1295号；未绘制院区轮廓。'
			)
		}),
		F(L1, 'shanghai-institute-of-microsystem', 'institute', pt(121.4158, 31.2203), {
			name: bi(
				'Shanghai Institute of Microsystem and Information Technology, CAS',
				'中国科学院上海微系统与信息技术研究所'
			),
			summary: bi(
				'A CAS institute working on microelectronics, sensors and information technology; together with the ceramics institute it anchors the Silicon Alley.',
				'中国科学院从事微电子、传感器与信息技术研究的院所，与硅酸盐所共同构成上海硅巷的科研核心。'
			),
			address: bi('865 Changning Road, Changning', '长宁区长宁路865号'),
			accuracy: acc(
				'approximate',
				80,
				'Placed at 865 Changning Rd, beside the AMap point for No. 855 on the south side of the street, just west of the Yuyuan Rd fork; the campus outline is not drawn.',
				'依高德门牌点（长宁路855号，路南侧）定位于长宁路865号，愚园路分岔口以西；未绘制院区轮廓。'
			)
		}),
		F(L1, 'simic-valley', 'innovation-hub', pt(121.4192, 31.2172), {
			name: bi('SIMIC Valley', 'SIMIC Valley（中文名待核实）'),
			summary: bi(
				'One of the innovation hubs the briefing names inside the Silicon Alley. Its Chinese name and exact site could not be confirmed for this map.',
				'发布会点名的上海硅巷创新载体之一。本地图未能核实其中文名称和具体位置。'
			),
			accuracy: acc(
				'uncertain',
				800,
				'Location unknown: the marker only shows that the hub lies somewhere inside the Silicon Alley; it is placed near the middle of the area, not at the real site.',
				'位置未知：标记仅表示该载体位于上海硅巷范围内，放在片区中部，并非实际地点。'
			)
		}),
		F(L1, 'huawei-unicom-innovation-center', 'innovation-hub', pt(121.4235, 31.2168), {
			name: bi('Huawei–Unicom Innovation Demonstration Center', '华为联通创新示范中心'),
			summary: bi(
				'A joint showcase of Huawei and China Unicom technology that the district counts among the Silicon Alley\'s innovation hubs.',
				'华为与中国联通合作的技术展示中心，被长宁区列为上海硅巷的创新载体之一。'
			),
			accuracy: acc(
				'uncertain',
				800,
				'Location unknown: the briefing only says the centre is in the Silicon Alley, so the marker is set inside the area as a placeholder, not at a verified address.',
				'位置未知：发布会仅说明该中心位于上海硅巷内，标记只是片区内的占位点，并非核实过的地址。'
			)
		})
	];
	collect(L1, siliconAlley);

	const oldHq = (en: string, zh: string): Accuracy =>
		acc(
			'uncertain',
			1200,
			`Location not verified: ${en} The marker only places the project in the old Hongqiao area around the development zone, as the briefing does.`,
			`位置未核实：${zh}标记仅按发布会的表述，把项目放在开发区周边的老虹桥地区。`
		);

	const hongqiao: PlaceFeature[] = [
		F(L2, 'hongqiao-etdz', 'development-zone', poly(etdzRing), {
			name: bi('Hongqiao Economic and Technological Development Zone', '虹桥经济技术开发区'),
			summary: bi(
				'A small, dense business zone of trade centres, offices and hotels west of the inner city; it was among the first state-level development zones in China, approved in 1986 (commonly reported), and its footprint is usually given as about 0.65 km².',
				'位于中心城区西侧、由贸易中心、写字楼和酒店密集组成的商务区，是全国最早一批国家级经济技术开发区之一（通常记载为1986年获批），面积一般记为约0.65平方公里。'
			),
			accuracy: acc(
				'uncertain',
				300,
				`Not an official boundary (no public source gives one): the block between Gubei Rd (west), Zunyi Rd (east), Hongqiao Rd (south) and Maotai Rd (north), traced on the road centre lines; ${(turf.area(turf.polygon([etdzRing])) / 1e6).toFixed(2)} km² against the commonly reported 0.652 km². Which streets bound the real zone is not confirmed, so whole edges may be off by about 300 m.`,
				`非官方边界（公开资料未给出）：古北路（西）、遵义路（东）、虹桥路（南）与茅台路（北）围合的街坊，沿道路中心线描绘；面积${(turf.area(turf.polygon([etdzRing])) / 1e6).toFixed(2)}平方公里，通常记载为0.652平方公里。开发区的实际边界道路未经证实，整条边线可能偏差约300米。`
			)
		}),
		F(L2, 'hongqiao-hub-business-service-center', 'platform', pt(121.3992, 31.2058), {
			name: bi('Hongqiao International Opening-up Hub Business Service Center', '虹桥国际开放枢纽商务服务中心'),
			summary: bi(
				'A one-stop service venue for companies using the Hongqiao hub policies; the 31 August 2023 briefing was held here.',
				'为利用虹桥国际开放枢纽政策的企业提供一站式服务的场所，2023年8月31日的发布会即在此举行。'
			),
			accuracy: acc(
				'uncertain',
				600,
				'Address not verified: the briefing only says the centre is inside the Hongqiao development zone, so the marker sits in the middle of that zone.',
				'地址未核实：发布会只说明该中心位于虹桥开发区内，标记放在开发区中部。'
			)
		}),
		F(L2, 'hongqiao-cbd-changning', 'business-district', cbdGeom as PlaceGeometry, {
			name: bi('Hongqiao International CBD – Changning part', '虹桥国际中央商务区（长宁片区）'),
			summary: bi(
				'The slice of the Hongqiao International Central Business District that lies in Changning: the airport\'s eastern side and the Linkong business park. It is a small share of the CBD\'s land but a large share of its tax base.',
				'虹桥国际中央商务区位于长宁区的部分，包括虹桥机场东侧和临空园区。面积在商务区中占比不大，税收贡献却很高。'
			),
			facts: [
				fact("Share of the Hongqiao CBD's tax revenue", '占虹桥国际中央商务区税收比重', 33.3, '% (one third)', 'Jan–Jul 2023', 'over'),
				fact("Share of the Hongqiao CBD's area", '占虹桥国际中央商务区面积比重', 14.3, '% (one seventh)', 'Jan–Jul 2023', 'under')
			],
			accuracy: acc(
				'uncertain',
				1000,
				'Schematic: the part of the district outline west of about 121.3655° E (roughly Xiehe Rd). The official sub-area boundary was not available; the shape only shows that Changning\'s share is the district\'s western end.',
				'示意：取区界内约东经121.3655°（大致协和路）以西的部分。未取得官方片区边界，图形只表示长宁片区位于本区西端。'
			)
		}),
		F(L2, 'linkong-core-area', 'core-area', poly(linkongRing), {
			name: bi('Linkong core area (Linkong Economic Demonstration Zone)', '临空核心区（临空经济示范区）'),
			summary: bi(
				'An office-park cluster north of Hongqiao Airport, home to aviation firms and internet and service company headquarters; the district is concentrating new facilities here.',
				'位于虹桥机场北侧的园区集群，集聚航空企业以及互联网、服务业企业总部，长宁正在此集中配置新的配套设施。'
			),
			accuracy: acc(
				'uncertain',
				400,
				'Rough block between the Outer Ring expressway (west, OpenStreetMap), Tianshan West Rd at Songhong Rd station (north), about Xiehe Rd (east) and about Xianxia West Rd (south). The official core-area boundary was not available.',
				'大致范围：西至外环高速（OpenStreetMap）、北至淞虹路站附近的天山西路、东约至协和路、南约至仙霞西路。未取得官方核心区边界。'
			)
		}),
		F(L2, 'hongqiao-airport-east-precinct', 'airport-precinct', airportEastGeom as PlaceGeometry, {
			name: bi('Eastern precinct of Hongqiao Airport', '虹桥机场东片区'),
			summary: bi(
				'The land on the east side of Hongqiao Airport around Terminal 1, between the airfield and the Outer Ring Road, which the district wants to develop for aviation-related business.',
				'虹桥机场东侧、1号航站楼周边、机场与外环之间的地区，长宁区计划将其培育为航空相关产业承载区。'
			),
			accuracy: acc(
				'uncertain',
				500,
				'Schematic: the district outline south of about Xianxia West Rd and west of the Outer Ring expressway (OpenStreetMap), which takes in Terminal 1 (metro station used as a check). The official precinct boundary was not available.',
				'示意：区界内约仙霞西路以南、外环高速（OpenStreetMap）以西的部分，包含1号航站楼（以地铁站核对）。未取得官方片区边界。'
			)
		}),
		F(L2, 'yi-fung-place', 'renewal-project', pt(121.3918, 31.2068), {
			name: bi('Yi Fung Place', 'Yi Fung Place（中文名待核实）'),
			summary: bi(
				'One of the major projects the district is pushing to renew the old Hongqiao area. Details beyond its English name were not confirmed for this map.',
				'长宁推进老虹桥地区更新的重大项目之一。除英文名外，本地图未能核实其他信息。'
			),
			accuracy: oldHq('neither the Chinese name nor the site could be confirmed.', '中文名称和地点均未能确认。')
		}),
		F(L2, 'crystal-hongqiao', 'renewal-project', pt(121.4008, 31.2098), {
			name: bi('Crystal Hongqiao', 'Crystal Hongqiao（中文名待核实，或为“水晶虹桥”）'),
			summary: bi(
				'A renewal project in old Hongqiao named in the briefing; the Chinese name shown is a guess pending confirmation.',
				'发布会提到的老虹桥更新项目；所示中文名为推测，有待核实。'
			),
			accuracy: oldHq('the site could not be confirmed.', '地点未能确认。')
		}),
		F(L2, 'livat-shanghai', 'renewal-project', pt(121.352, 31.2245), {
			name: bi('Livat Shanghai', 'LIVAT上海荟聚'),
			summary: bi(
				'A large retail and leisure centre of the Livat brand run by Ingka, the IKEA group company, listed among the old Hongqiao renewal projects.',
				'英格卡（宜家集团旗下公司）运营的“荟聚”品牌大型商业休闲中心项目，被列为老虹桥更新项目之一。'
			),
			accuracy: acc(
				'approximate',
				200,
				'Placed in the block the district government describes: Fuquan Rd, Jinzhong Rd, Xiehe Rd and Beidi Rd, at 788 Jinzhong Rd, beside Songhong Rd metro in Linkong — not in old Hongqiao, where it was shown before. The point marks the middle of that block.',
				'按区政府发布的四至定位：福泉路、金钟路、协和路、北翟路围合地块（金钟路788号），位于临空地区淞虹路站附近，而非此前所标的老虹桥。点位为该地块中部。'
			)
		}),
		F(L2, 'hongqiao-uptown', 'renewal-project', pt(121.403, 31.2091), {
			name: bi('Hongqiao Uptown', 'Hongqiao Uptown（中文名待核实）'),
			summary: bi(
				'Another flagship project in the old Hongqiao renewal programme named in the briefing; no further details were confirmed here.',
				'发布会列出的老虹桥更新重点项目之一；本地图未能核实更多信息。'
			),
			accuracy: acc(
				'uncertain',
				300,
				'Shown at 100 Zunyi Rd (虹桥南丰城, formerly 虹桥上海城), the middle of the AMap points of that mall. That this is the project the briefing calls Hongqiao Uptown is this project’s reading of the English name, not confirmed by a source.',
				'标在遵义路100号（虹桥南丰城，原虹桥上海城），取该商场高德POI的中部。将其认定为发布会所称的Hongqiao Uptown是本项目对英文名的推断，尚无来源证实。'
			)
		}),
		F(L2, 'china-europe-exchange-platform', 'platform', pt(121.4012, 31.2035), {
			name: bi(
				'Chinese-European Enterprise Transnational Exchange and Cooperation Platform',
				'中欧企业跨国交流合作平台'
			),
			summary: bi(
				'A functional platform connecting Chinese and European companies, used by the district to widen Hongqiao\'s international reach.',
				'连接中国与欧洲企业的功能性平台，长宁借此扩大虹桥的国际影响力。'
			),
			accuracy: acc(
				'uncertain',
				1500,
				'Location not verified: the marker is a placeholder in the Hongqiao development zone, where the other hub platforms are; the platform may be housed elsewhere.',
				'位置未核实：标记为放在虹桥开发区内的占位点（其他枢纽平台亦在此），平台实际所在地可能不同。'
			)
		}),
		F(L2, 'greater-hongqiao-life-sciences-center', 'platform', pt(121.3567, 31.2212), {
			name: bi('Greater Hongqiao Life Sciences Innovation Center', '大虹桥生命科学创新中心'),
			summary: bi(
				'A platform for life-science and health companies, part of the district\'s push into life sciences as one of its new key industries.',
				'面向生命科学与健康企业的功能平台，服务于长宁将生命科学列为新重点产业的布局。'
			),
			accuracy: acc(
				'approximate',
				250,
				'Phase 1 (生命元山) is at 207 Songhong Rd; placed on Songhong Rd between the AMap points for Nos. 152 and 507, by house number. Other phases were not located.',
				'一期“生命元山”位于淞虹路207号；按门牌号在淞虹路152号与507号的高德点位之间插值定位。其他各期未定位。'
			)
		}),
		F(L2, 'dobe-we-greater-hongqiao', 'fashion-landmark', pt(121.3905, 31.2120), {
			name: bi('DoBe WE at Greater Hongqiao', '大虹桥DoBe WE（中文名待核实）'),
			summary: bi(
				'A fashion and creative landmark project under way, part of the district\'s fashion-industry cluster plan.',
				'正在推进的时尚创意地标项目，属于长宁时尚产业集群布局的一部分。'
			),
			accuracy: acc(
				'uncertain',
				2000,
				'Location not verified: the briefing gives only the name; the marker is a placeholder in the Hongqiao side of the district.',
				'位置未核实：发布会只给出名称，标记为放在本区虹桥一侧的占位点。'
			)
		}),
		F(L2, 'columbia-circle-phase-2', 'fashion-landmark', pt(121.4223, 31.2119), {
			name: bi('Columbia Circle Phase II', '上生·新所二期'),
			summary: bi(
				'The second phase of Columbia Circle, the former Shanghai Institute of Biological Products campus with historic villas turned into a creative and retail quarter.',
				'上生·新所的二期。上生·新所由原上海生物制品研究所旧址改造而成，老建筑被活化为创意与商业街区。'
			),
			address: bi('Columbia Circle: 1262 Yan\'an West Road, Changning (Phase II site not confirmed)', '上生·新所：长宁区延安西路1262号（二期具体位置未核实）'),
			accuracy: acc(
				'uncertain',
				300,
				'Shown at Columbia Circle, 1262 Yan\'an West Rd (AMap point inside the site, south of Yan\'an West Rd near Panyu Rd). The Phase II plot itself was not found in a source.',
				'标在上生·新所（延安西路1262号，高德点位在园区内、延安西路以南、番禺路附近）。二期具体地块未在资料中找到。'
			)
		}),
		F(L2, 'shanghai-arch', 'landmark-building', pt(121.3979, 31.211), {
			name: bi('Shanghai Arch (Gold Hongqiao International Center)', '金虹桥国际中心'),
			summary: bi(
				'An office complex that in 2022 became the first building in Shanghai that year to pay over 10 billion yuan in tax, and by July 2023 had passed that mark again.',
				'写字楼综合体，2022年成为当年上海首幢纳税超百亿元的楼宇，2023年截至7月再次突破百亿元。'
			),
			facts: [
				fact('Tax paid', '纳税额', 10, 'billion yuan', '2022', 'over'),
				fact('Tax paid', '纳税额', 10, 'billion yuan', 'Jan–Jul 2023', 'over'),
				fact('Tax per unit floor area', '单位面积税收', 90000, 'yuan/m²', '2022', 'over', 'jiefang-daily-2022-10')
			],
			address: bi('Loushanguan Road at Maotai Road, Changning', '长宁区娄山关路茅台路口'),
			accuracy: acc(
				'approximate',
				60,
				'Placed at the middle of the AMap points addressed 523–533 Loushanguan Rd / 179 Maotai Rd (金虹桥国际中心), at the corner of the two streets; the building footprint is not drawn.',
				'取地址为娄山关路523—533号/茅台路179号（金虹桥国际中心）的高德点位中部，位于两路路口；未绘制楼宇轮廓。'
			)
		})
	];
	collect(L2, hongqiao);

	const suzhou: PlaceFeature[] = [
		F(L3, 'suzhou-creek-waterfront', 'waterfront', ls(creek), {
			name: bi('Suzhou Creek waterfront (Changning bank)', '苏州河长宁段滨水岸线'),
			summary: bi(
				'The Changning side of Suzhou Creek, opened up as a continuous public riverside path with parks, campus frontage and piers along the way.',
				'苏州河长宁一侧的岸线，已贯通为连续的公共滨水步道，沿途串联公园、校园和码头。'
			),
			accuracy: acc(
				'approximate',
				60,
				'Traced from the district\'s northern boundary (DataV.GeoAtlas outline converted to WGS84), which follows the creek. It marks the district edge, i.e. roughly mid-channel, not the walkway itself; a short stretch east of the ECUPL campus, near the north end of Jiangsu Rd, follows a road rather than the water.',
				'取自沿苏州河的区界北缘（DataV.GeoAtlas区界，已转换为WGS84），表示的是区界（大致为河道中线）而非步道本身；华东政法大学校园以东、江苏路北端附近有一小段区界沿道路而非水面。'
			),
			source: B
		}),
		F(L3, 'zhongshan-park', 'park', poly(parkRing), {
			name: bi('Zhongshan Park', '中山公园'),
			summary: bi(
				'A park of more than a hundred years, first laid out as an English-style landscape garden, now being opened up towards the surrounding streets; its Gate 1 area was fully opened to the street in the first half of 2023.',
				'已有百余年历史、最初按英式风景园布局的公园，目前正向周边街道开放融合；2023年上半年，1号门区域已全面开放。'
			),
			facts: [fact('Gate 1 area opened', '1号门区域开放', 100, '%', 'H1 2023', 'exactly')],
			address: bi('780 Changning Road, Changning', '长宁区长宁路780号'),
			accuracy: acc(
				'approximate',
				150,
				`West edge on Kaixuan Rd and south edge on Changning Rd, both traced on the real roads; the north edge is Wanhangdu Rd, which the road network lacks here, placed between the park’s music stage (1550 Wanhangdu Rd) and the ECUPL buildings; the east edge is estimated. ${(turf.area(turf.polygon([polygonOf(parkRing).coordinates[0]])) / 1e4).toFixed(1)} ha against the published 21.42 ha: the outline is too large by about half — the park does not reach the streets on every side and its east and north edges are estimates — so read it as the block the park lies in.`,
				`西边沿凯旋路、南边沿长宁路，均在真实道路上描绘；北边为万航渡路（路网在此缺失），位于公园露天音乐台（万航渡路1550号）与华东政法大学建筑之间；东边为估计。面积${(turf.area(turf.polygon([polygonOf(parkRing).coordinates[0]])) / 1e4).toFixed(1)}公顷，公布面积为21.42公顷：轮廓约大一半——公园并非各边都抵达道路，东、北边亦为估计——应理解为公园所在的街坊。`
			)
		}),
		F(L3, 'ecupl-changning-campus', 'campus', poly(ecuplRing), {
			name: bi('East China University of Political Science and Law – Changning campus', '华东政法大学长宁校区'),
			summary: bi(
				'The historic campus of the former St. John\'s University inside a loop of Suzhou Creek, whose riverside has been opened to the public as part of the creek walk.',
				'位于苏州河河湾内的原圣约翰大学历史校园，其沿河段已作为苏州河步道的一部分向公众开放。'
			),
			address: bi('1575 Wanhangdu Road, Changning', '长宁区万航渡路1575号'),
			accuracy: acc(
				'approximate',
				60,
				'The creek-bend lobe of the district outline (which follows Suzhou Creek) north of Wanhangdu Rd; the south edge is Wanhangdu Rd, placed from AMap house numbers because the road network lacks it here. All AMap points of the campus (1575 Wanhangdu Rd) fall inside.',
				'区界（沿苏州河）河湾凸出部分、万航渡路以北；南边为万航渡路，因路网在此缺失，按高德门牌点定位。校园（万航渡路1575号）的高德点位均落在其内。'
			)
		}),
		F(L3, 'suzhou-creek-cruise-terminal', 'terminal', pt(terminal[0], terminal[1]), {
			name: bi('Suzhou Creek cruise terminal (Changning section)', '苏州河游船码头（长宁段）'),
			summary: bi(
				'A pier for the Suzhou Creek sightseeing boats on the Changning bank, which went into service in the first half of 2023.',
				'苏州河长宁岸段的观光游船码头，于2023年上半年投入使用。'
			),
			facts: [fact('Terminal in service', '码头投入运营', 1, 'terminal', 'H1 2023', 'exactly')],
			accuracy: acc(
				'approximate',
				100,
				'Zhongshan Park Pier, 1560-3 Wanhangdu Rd: on the south bank where the ECUPL creek walk meets Zhongshan Park gate 3, between the park and the Kaixuan Rd bridge (Shanghai transport news, June 2023). Placed on the district edge, which follows the creek.',
				'中山公园码头，万航渡路1560-3号：位于苏州河南岸、苏河华政段步道入口与中山公园3号门交汇处，在公园与凯旋路桥之间（上海交通，2023年6月）。定位在沿河的区界上。'
			)
		})
	];
	collect(L3, suzhou);

	const historic: PlaceFeature[] = [
		F(L4, 'art-yuyuan', 'historic-street', ls(yuyuanLine), {
			name: bi('Art Yuyuan (Yuyuan Road)', '艺术愚园（愚园路）'),
			summary: bi(
				'The Changning stretch of Yuyuan Road, a lane-house and garden-villa street being reshaped into an art-themed neighbourhood; it is on the national list of tourism and leisure districts.',
				'愚园路长宁段，沿线多新式里弄和花园洋房，正打造为以艺术为主题的街区，已入选国家级旅游休闲街区。'
			),
			facts: [fact('National tourism and leisure district', '国家级旅游休闲街区', 2, 'batch (national list)', 'as of Aug 2023', 'exactly')],
			address: bi('Yuyuan Road, Changning section', '愚园路长宁段'),
			accuracy: streetAcc(
				'The Changning section, from Dingxi Rd east past Jiangsu Rd to the Jing\'an boundary.',
				'长宁段，自定西路向东经江苏路至静安区界。',
				30
			)
		}),
		F(L4, 'humanities-xinhua', 'historic-street', ls(xinhuaLine), {
			name: bi('Humanities Xinhua (Xinhua Road)', '人文新华（新华路）'),
			summary: bi(
				'Xinhua Road, a tree-lined street of historic villas and lane neighbourhoods being upgraded as a culture-and-community street.',
				'新华路两侧多历史洋房与里弄社区，林荫成行，正提升为人文社区街区。'
			),
			address: bi('Xinhua Road, Changning', '长宁区新华路'),
			accuracy: streetAcc(
				'Between Yan\'an West Rd and Hongqiao Rd, from the Panyu Rd end west towards Zhongshan West Rd.',
				'位于延安西路与虹桥路之间，自番禺路一端向西至中山西路附近。',
				30
			)
		}),
		F(L4, 'elegant-wuyi', 'historic-street', ls(wuyiLine), {
			name: bi('Elegant Wuyi (Wuyi Road)', '雅致武夷（武夷路）'),
			summary: bi(
				'Wuyi Road, a quiet street of garden houses and small shops being refined into a walkable neighbourhood; it is on the Shanghai list of municipal tourism and leisure districts.',
				'武夷路沿线多花园住宅与小店，正营造为宜步行的精致街区，已入选上海市级旅游休闲街区。'
			),
			facts: [fact('Municipal tourism and leisure district', '市级旅游休闲街区', 2, 'batch (Shanghai list)', 'as of Aug 2023', 'exactly')],
			address: bi('Wuyi Road, Changning', '长宁区武夷路'),
			accuracy: streetAcc(
				'Between Changning Rd and Yan\'an West Rd, from near Jiangsu Rd west to Kaixuan Rd.',
				'位于长宁路与延安西路之间，自江苏路附近向西至凯旋路。',
				30
			)
		}),
		F(L4, 'walking-in-panyu', 'historic-street', ls(panyuLine), {
			name: bi('Walking in Panyu (Panyu Road)', '漫步番禺（番禺路）'),
			summary: bi(
				'Panyu Road, running south from Yan\'an West Road past Columbia Circle, being redesigned for strolling with small shops and street frontage.',
				'番禺路自延安西路向南经过上生·新所，正改造为适合漫步、小店林立的街道。'
			),
			address: bi('Panyu Road, Changning', '长宁区番禺路'),
			accuracy: streetAcc(
				'From Yan\'an West Rd south towards Hongqiao Rd, along the east side of Columbia Circle.',
				'自延安西路向南至虹桥路方向，沿上生·新所东侧。',
				30
			)
		})
	];
	collect(L4, historic);

	// ============ district ============
	collect(L5, [
		F(L5, 'changning-district', 'district', districtGeom as PlaceGeometry, {
			name: bi('Changning District', '长宁区'),
			summary: bi(
				'Shanghai\'s only downtown district inside the Hongqiao International Opening-up Hub, stretching from Jing\'an in the east to Hongqiao Airport in the west. It promotes low-carbon buildings through the CN100 carbon-neutrality initiative for buildings and has been building a network of habitat gardens as part of its zero-waste-city work.',
				'长宁区是虹桥国际开放枢纽中唯一的中心城区，东接静安，西至虹桥机场。区内通过CN100建筑碳中和倡议机制推动低碳楼宇，并在“无废城市”建设中打造生境花园网络。'
			),
			facts: [
				fact('GDP growth, year on year', '地区生产总值同比增长', 15.3, '%', 'H1 2023', 'exactly'),
				fact('District general public budget revenue, share of annual target', '区级一般公共预算收入完成年度目标', 70, '%', 'Jan–Jul 2023', 'over'),
				fact('"3+3" key industries, share of tax revenue', '“3+3”重点产业税收占比', 70, '%', 'Jan–Jul 2023', 'about'),
				fact('Digital economy enterprises', '数字经济企业', 6100, 'companies', 'Jan–Jul 2023', 'over'),
				fact('Digital economy, share of district tax revenue', '数字经济税收占全区比重', 54.9, '%', 'Jan–Jul 2023', 'exactly'),
				fact('E-commerce platforms with transaction value over 100 million yuan', '交易额超亿元的电商平台', 26, 'platforms', 'as of Aug 2023', 'exactly'),
				fact('Software and information services revenue growth', '软件和信息服务业营收增长', 58.9, '%', 'H1 2023', 'exactly'),
				fact('Tax per unit floor area, key commercial buildings', '重点商务楼宇单位面积税收', 9000, 'yuan/m²', 'as of Aug 2023', 'about'),
				fact('Old separate housing renovated', '完成旧住房成套改造', 246000, 'm²', 'as of Aug 2023', 'exactly')
			],
			accuracy: acc(
				'approximate',
				30,
				'District outline from DataV.GeoAtlas (AMap), converted from GCJ-02 to WGS84; the source is simplified and its own accuracy is not stated.',
				'区界取自DataV.GeoAtlas（高德），已由GCJ-02转换为WGS84；原始数据经过简化，精度未注明。'
			),
			source: B
		})
		]);
	// ---- green.geojson: only what is not a place (the park and the campus are places, drawn once)
	const zooRoads = traceCorners(graph, [[121.362647, 31.198226], [121.365418, 31.192027], [121.352494, 31.193735]], {
		maxSnapMetres: 5
	}).coordinates;
	const zooRing: Position[] = [...zooRoads, [121.3527, 31.1985]];
	const greenArea = (id: string, en: string, zh: string, kind: string, ring: Polygon, accuracy_m: number, method: string): Feature => ({
		type: 'Feature',
		geometry: ring,
		properties: { id, name_en: en, name_zh: zh, kind, accuracy_m, source: 'digitised', method }
	});
	const green: FeatureCollection = {
		type: 'FeatureCollection',
		features: [
			greenArea(
				'green-shanghai-zoo',
				'Shanghai Zoo',
				'上海动物园',
				'zoo',
				polygonOf(zooRing),
				250,
				'North of Hongqiao Rd and west of Hami Rd (gazetteer); south edge Hongqiao Rd and east edge Hami Rd traced on the roads, west edge the road west of the zoo, north edge a straight line at 31.1985 N set so that the encyclopaedia point (31.195476 N, 121.358757 E) lies near the middle; this gives about 100 ha against the official 74.3 ha, so the north and west edges are probably too generous'
			),
			greenArea(
				'green-hongqiao-airport',
				'Shanghai Hongqiao International Airport (Changning part)',
				'上海虹桥国际机场（长宁区部分）',
				'airport',
				polygonOf(clipTo(polygonOf([[121.33, 31.178], [121.352, 31.178], [121.352, 31.212], [121.33, 31.212]])).coordinates[0]),
				300,
				'rough extent: the district west of about 121.352 E and south of about 31.212 N (terminal 1 area and eastern airfield)'
			)
		]
	};
	return { places, green, traced };
}

/**
 * Where each place is and what says so. Every place has at least one entry; a place no source pins
 * down says so here and stays `uncertain`.
 */
const AMAP_STOPS_TITLE = 'AMap bus stops, 2020 (via ni1o1/pygeo-tutorial, MIT)';
const LOCATED_BY: Record<string, LocatedBy[]> = {
	'silicon-alley': [
		roads('The four streets the outline follows: Kaixuan Rd, Changning Rd, Jiangsu Rd and Yan\'an West Rd, as real road centre lines.', '轮廓所沿的四条道路（凯旋路、长宁路、江苏路、延安西路）的真实道路中心线。'),
		{ title: METRO, says: says('Metro 2 under Changning Rd, 3/4 along Kaixuan Rd, 11 along Jiangsu Rd and the Yan\'an elevated road identify which roads are which.', '地铁2号线（长宁路下）、3/4号线（凯旋路旁）、11号线（江苏路下）和延安高架用于辨认道路。') },
		briefingOnly('Names the area and gives 1.48 km²; no boundary.', '给出名称和1.48平方公里面积，未给边界。')
	],
	'shanghai-institute-of-ceramics': [
		{ title: REFERENCE, says: says('1295 Dingxi Rd.', '定西路1295号。') },
		poi('House-number points on Dingxi Rd: No. 1281 at 121.41767 E 31.21758 N, No. 1297 at 121.41737 E 31.21837 N, No. 1307 at 121.41724 E 31.21865 N.', '定西路门牌点：1281号（121.41767, 31.21758）、1297号（121.41737, 31.21837）、1307号（121.41724, 31.21865）。')
	],
	'shanghai-institute-of-microsystem': [
		{ title: REFERENCE, says: says('865 Changning Rd.', '长宁路865号。') },
		poi('No. 855 Changning Rd (亨通国际大厦) at 121.41559 E 31.22039 N, south side of the street.', '长宁路855号（亨通国际大厦）位于121.41559, 31.22039，路南侧。')
	],
	'simic-valley': [briefingOnly('Names the hub as one of the Silicon Alley\'s; gives no address. No other source found.', '列为上海硅巷创新载体之一，未给地址；未找到其他来源。')],
	'huawei-unicom-innovation-center': [briefingOnly('Names the centre inside the Silicon Alley; gives no address. No other source found.', '称该中心位于上海硅巷，未给地址；未找到其他来源。')],
	'hongqiao-etdz': [
		briefingOnly('Names the zone; gives no boundary. No public boundary found.', '提及开发区，未给边界；未找到公开边界。'),
		{ title: 'OpenStreetMap road network, c. 2020', says: says('Where the four streets run and meet: the block\'s edges.', '四条道路的走向与交叉口：即街坊边线。') },
		{ title: AMAP_STOPS_TITLE, says: says('Stops named 古北路茅台路, 古北路仙霞路, 遵义路仙霞路 and 遵义路天山路 identify Gubei Rd and Zunyi Rd among the parallel roads.', '“古北路茅台路”“古北路仙霞路”“遵义路仙霞路”“遵义路天山路”等公交站名确定了平行道路中哪条是古北路、哪条是遵义路。') }
	],
	'hongqiao-hub-business-service-center': [briefingOnly('Says the centre (where the briefing was held) is in the Hongqiao development zone; no address.', '称该中心（发布会举办地）位于虹桥开发区内，未给地址。')],
	'hongqiao-cbd-changning': [
		{ title: OUTLINE, url: OUTLINE_URL, says: says('The district\'s western end, which the shape is cut from.', '图形所取的区界西端。') },
		briefingOnly('Gives the shares of the CBD\'s tax and area; no boundary.', '给出税收和面积占比，未给边界。')
	],
	'linkong-core-area': [
		{ title: METRO, says: says('The Outer Ring expressway (west edge) and Songhong Rd station on Tianshan West Rd (north edge).', '外环高速（西界）与天山西路上的淞虹路站（北界）。') },
		briefingOnly('Names the core area; no boundary.', '提及核心区，未给边界。')
	],
	'hongqiao-airport-east-precinct': [
		{ title: METRO, says: says('The Outer Ring expressway (east edge) and Hongqiao Airport Terminal 1 station.', '外环高速（东界）与虹桥1号航站楼站。') },
		{ title: OUTLINE, url: OUTLINE_URL, says: says('The district edge around the airfield.', '机场周边的区界。') }
	],
	'yi-fung-place': [briefingOnly('Names the project among the old Hongqiao renewal projects; no site. No other source found.', '列为老虹桥更新项目，未给地点；未找到其他来源。')],
	'crystal-hongqiao': [briefingOnly('Names the project among the old Hongqiao renewal projects; no site. No other source found.', '列为老虹桥更新项目，未给地点；未找到其他来源。')],
	'livat-shanghai': [
		{ title: 'Changning District government news, 3 Jun 2024 (shcn.gov.cn)', url: 'https://www.shcn.gov.cn/col7345/20240604/1260858.html', says: says('Livat Shanghai is at 788 Jinzhong Rd, in the block of Fuquan Rd, Jinzhong Rd, Xiehe Rd and Beidi Rd, in the Linkong zone.', '上海荟聚位于金钟路788号，福泉路、金钟路、协和路、北翟路围合地块，属临空经济示范区。') },
		poi('Bus stops 协和路金钟路 (121.3501 E 31.2242 N) and 天山西路福泉路 / 福泉路天山西路 mark the block\'s west and east streets.', '公交站“协和路金钟路”（121.3501, 31.2242）及“福泉路天山西路”标出地块东西两侧道路。')
	],
	'hongqiao-uptown': [
		poi('About 20 points addressed 100–150 Zunyi Rd, 虹桥南丰城 (south and north blocks), around 121.4030 E 31.2091 N.', '约20个地址为遵义路100—150号“虹桥南丰城”（南区、北区）的点位，集中在121.4030, 31.2091附近。'),
		briefingOnly('Names Hongqiao Uptown; no address.', '提及Hongqiao Uptown，未给地址。')
	],
	'china-europe-exchange-platform': [briefingOnly('Names the platform; no address. No other source found.', '提及该平台，未给地址；未找到其他来源。')],
	'greater-hongqiao-life-sciences-center': [
		{ title: 'Laodong Bao, 18 Oct 2023, from the Changning district account', url: 'https://www.51ldb.com/shsldb/sh/content/a48172d6-6c13-4308-a403-a37796aadcf5.html', says: says('Phase 1, 生命元山, opened at 207 Songhong Rd: four 8-storey research buildings.', '一期“生命元山”位于淞虹路207号，四栋8层研发办公楼。') },
		poi('House-number points on Songhong Rd: No. 152 at 121.35687 E 31.22234 N, No. 507 at 121.35584 E 31.21681 N.', '淞虹路门牌点：152号（121.35687, 31.22234）、507号（121.35584, 31.21681）。')
	],
	'dobe-we-greater-hongqiao': [briefingOnly('Names the project; no site. No other source found.', '提及该项目，未给地点；未找到其他来源。')],
	'columbia-circle-phase-2': [
		poi('A unit inside Columbia Circle, 1262 Yan\'an West Rd, at 121.42231 E 31.21190 N.', '上生·新所（延安西路1262号）内一处商户点位：121.42231, 31.21190。'),
		briefingOnly('Names Phase II; no plot.', '提及二期，未给地块。')
	],
	'shanghai-arch': [
		{ title: REFERENCE, says: says('金虹桥国际中心, at the corner of Loushanguan Rd and Maotai Rd.', '金虹桥国际中心，位于娄山关路与茅台路路口。') },
		poi('About 40 points addressed 523–533 Loushanguan Rd / 179 Maotai Rd (金虹桥国际中心 and its mall), around 121.3979 E 31.2110 N.', '约40个地址为娄山关路523—533号/茅台路179号（金虹桥国际中心及商场）的点位，集中在121.3979, 31.2110附近。')
	],
	'suzhou-creek-waterfront': [{ title: OUTLINE, url: OUTLINE_URL, says: says('The district\'s northern edge, which follows Suzhou Creek.', '沿苏州河的区界北缘。') }],
	'zhongshan-park': [
		{ title: REFERENCE, says: says('780 Changning Rd.', '长宁路780号。') },
		roads('Kaixuan Rd (west edge) and Changning Rd (south edge).', '凯旋路（西界）和长宁路（南界）。'),
		poi('The open-air music stage, 1550 Wanhangdu Rd (121.41500 E 31.22526 N), lies in the north of the park; 1510 Wanhangdu Rd is at 121.41508 E 31.22608 N.', '露天音乐台（万航渡路1550号，121.41500, 31.22526）在公园北部；万航渡路1510号在121.41508, 31.22608。'),
		{ title: 'Encyclopaedia and travel pages on Zhongshan Park', says: says('Total area 21.42 ha.', '总面积21.42万平方米。') }
	],
	'ecupl-changning-campus': [
		{ title: REFERENCE, says: says('1575 Wanhangdu Rd, inside a bend of Suzhou Creek beside Zhongshan Park.', '万航渡路1575号，位于中山公园旁的苏州河河湾内。') },
		poi('Six campus points (华东政法大学长宁校区 121.41262 E 31.22820 N; 同仁楼, 东风楼 and others) between 31.2263 and 31.2292 N.', '六个校园点位（华东政法大学长宁校区121.41262, 31.22820；同仁楼、东风楼等），纬度31.2263—31.2292。'),
		{ title: OUTLINE, url: OUTLINE_URL, says: says('The creek bend the campus fills.', '校园所在的河湾。') }
	],
	'suzhou-creek-cruise-terminal': [
		{ title: 'Shanghai Jiaotong (transport) news, 28 Jun 2023', url: 'http://m.siliao.rexun.cn/dt/2023/0628/4984.html', says: says('Zhongshan Park Pier, 1560-3 Wanhangdu Rd, where the ECUPL creek walk meets Zhongshan Park gate 3, between the park and the Kaixuan Rd bridge; the fifth Suzhou Creek pier.', '中山公园码头，万航渡路1560-3号，苏河华政段步道入口与中山公园3号门交汇处，位于公园与凯旋路桥之间；苏州河第五座游船码头。') },
		{ title: 'The Paper, Nov 2023', says: says('Zhongshan Park Pier went into service on 1 May 2023.', '中山公园码头于2023年5月1日投入运营。') }
	],
	'art-yuyuan': [roads('Yuyuan Rd from the Changning Rd fork east past Jiangsu Rd station to the district edge.', '愚园路自长宁路分岔口向东经江苏路站至区界。'), poi('Yuyuan Rd house numbers (1107–1398) along this road.', '沿线的愚园路门牌点（1107—1398号）。')],
	'humanities-xinhua': [roads('Xinhua Rd from Panyu Rd west past Dingxi Rd.', '新华路自番禺路向西经定西路。'), poi('Xinhua Rd house numbers 321–668 along this road.', '沿线的新华路门牌点（321—668号）。')],
	'elegant-wuyi': [roads('Wuyi Rd from Kaixuan Rd east past Dingxi Rd to Yan\'an West Rd.', '武夷路自凯旋路向东经定西路至延安西路。'), poi('Wuyi Rd house numbers along this road.', '沿线的武夷路门牌点。')],
	'walking-in-panyu': [roads('Panyu Rd from Yan\'an West Rd south to Hongqiao Rd, the district edge.', '番禺路自延安西路向南至区界虹桥路。'), poi('Panyu Rd house numbers 230–504 along this road.', '沿线的番禺路门牌点（230—504号）。')],
	'changning-district': [{ title: OUTLINE, url: OUTLINE_URL, says: says('The district outline (code 310105), converted from GCJ-02.', '区界（310105），由GCJ-02转换。') }]
};

// ---------------------------------------------------------------- moved-by report
export interface MovedPlace {
	id: string;
	/** Distance between the old and new representative points (point, or centroid), metres. */
	metres: number;
	/** The first located_by title of the new feature: the source that moved it. */
	source: string;
}

/** Representative point of a geometry: the point itself, else the turf centroid. */
function representative(g: Geometry): Position {
	return g.type === 'Point' ? g.coordinates : turf.centroid(g).geometry.coordinates;
}

/**
 * Places whose representative point moved by more than `minMetres` between two builds.
 *
 * @param {Feature[]} before the earlier place features
 * @param {Feature[]} after the new place features (with `located_by`)
 * @param {number} [minMetres=100]
 */
export function movedPlaces(before: Feature[], after: Feature[], minMetres = 100): MovedPlace[] {
	const old = new Map(before.map((f) => [String(f.properties?.id), f]));
	const out: MovedPlace[] = [];
	for (const f of after) {
		const id = String(f.properties?.id);
		const prev = old.get(id);
		if (!prev?.geometry || !f.geometry) continue;
		const metres = Math.round(distanceMetres(representative(prev.geometry), representative(f.geometry)));
		const by = (f.properties?.located_by as LocatedBy[] | undefined)?.[0]?.title ?? '';
		if (metres > minMetres) out.push({ id, metres, source: by });
	}
	return out.sort((a, b) => b.metres - a.metres || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------- CLI
/**
 * Write a project geodata file the way the data build does: one feature per line, so a diff shows
 * which features changed.
 */
export function writeCollection(path: string, fc: FeatureCollection): void {
	mkdirSync(join(path, '..'), { recursive: true });
	const lines = fc.features.map((f) => JSON.stringify(f));
	writeFileSync(path, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
}

/** The last commit with the hand-placed geometry: the "moved by" report compares against it. */
const BEFORE_REPLACEMENT = '1606184';


function committedFeatures(root: string, rel: string): Feature[] {
	try {
		const text = execFileSync('git', ['show', `${BEFORE_REPLACEMENT}:${rel}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		return (JSON.parse(text) as FeatureCollection).features;
	} catch {
		return [];
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const root = join(import.meta.dirname, '..', '..');
	const read = <T>(rel: string): T => JSON.parse(readFileSync(join(root, rel), 'utf8')) as T;
	const roadsPath = 'geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson';
	const { places, green } = buildPlaces({
		roads: read<FeatureCollection<LineString>>(roadsPath),
		district: read<FeatureCollection<Polygon | MultiPolygon>>('geodata/admin/changning.wgs84.geojson').features[0],
		elevated: read<FeatureCollection>('geodata/transit/elevated_roads.geojson')
	});
	const before = PLACE_LAYER_IDS.flatMap((layer) => committedFeatures(root, `geodata/places/${layer}.geojson`));
	const greenBefore = committedFeatures(root, 'geodata/green.geojson').map((f) => ({
		...f,
		properties: { ...f.properties, id: String(f.properties?.id).replace(/^green-(ecupl-changning-campus|zhongshan-park)$/, '$1-green') }
	}));
	for (const layer of PLACE_LAYER_IDS) writeCollection(join(root, 'geodata', 'places', `${layer}.geojson`), places[layer]);
	writeCollection(join(root, 'geodata', 'green.geojson'), green);
	const after = PLACE_LAYER_IDS.flatMap((layer) => places[layer].features);
	const moved = movedPlaces(before, after);
	const greenMoved = movedPlaces(greenBefore, green.features);
	mkdirSync(join(root, 'geodata', 'reports'), { recursive: true });
	writeFileSync(join(root, 'geodata', 'reports', 'places-moved.json'), JSON.stringify({ against: BEFORE_REPLACEMENT, places: moved, green: greenMoved }, null, 1) + '\n');
	for (const m of [...moved, ...greenMoved]) console.log(`moved ${m.id}: ${m.metres} m (${m.source})`);
	console.log(`places: ${after.length} features, green: ${green.features.length}`);
}
