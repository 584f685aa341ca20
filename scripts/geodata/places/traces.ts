/**
 * Which roads trace which place: the street junctions the traced outlines and lines run between,
 * and the road graph they are traced on. The geometry between two corners is the shortest path
 * along the roads (`traceCorners` in src/lib/geo/trace.ts), so a corner is all a trace needs.
 */
import type { FeatureCollection, LineString, Position } from 'geojson';
import { buildRoadGraph, traceCorners, type RoadGraph } from '../../../src/lib/geo/trace';

/**
 * Junctions of the osm-roads network, named by the streets that meet there. Identified from the metro
 * lines that run under or over the streets (2 under Changning Rd, 3/4 along Kaixuan Rd, 10 under
 * Hongqiao Rd, 11 along Jiangsu Rd, the Yan'an elevated road) and from AMap house-number points.
 */
export const JUNCTIONS = {
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
	kaixuanNorth: [121.409, 31.2246],
	/** West end of the Changning Rd piece that stops short of the fork (see ROAD_GAPS). */
	changningBeforeFork: [121.416169, 31.220853]
} satisfies Record<string, Position>;

/**
 * Two short pieces missing from the osm-roads network at the Changning Rd / Yuyuan Rd fork (the
 * source's lines stop 60–80 m short of each other there; metro 2 and the AMap house numbers show the
 * street is continuous). They are added to the graph as straight links.
 */
export const ROAD_GAPS: Position[][] = [
	[JUNCTIONS.changningBeforeFork, JUNCTIONS.changningFork],
	[[121.416924, 31.221288], JUNCTIONS.changningFork]
];

/** Corners of each traced outline or line; an outline is closed back to its first corner. */
export const TRACES = {
	'silicon-alley': {
		closed: true,
		corners: [
			JUNCTIONS.kaixuanYanan,
			JUNCTIONS.kaixuanChangning,
			JUNCTIONS.changningFork,
			JUNCTIONS.changningJiangsu,
			JUNCTIONS.yuyuanJiangsu,
			JUNCTIONS.jiangsuYanan,
			JUNCTIONS.panyuYanan,
			JUNCTIONS.yananDingxi
		]
	},
	'art-yuyuan': { closed: false, corners: [JUNCTIONS.changningFork, JUNCTIONS.yuyuanJiangsu, JUNCTIONS.yuyuanEast] },
	'elegant-wuyi': { closed: false, corners: [JUNCTIONS.kaixuanWuyi, JUNCTIONS.dingxiWuyi, JUNCTIONS.wuyiEast] },
	'humanities-xinhua': { closed: false, corners: [JUNCTIONS.panyuXinhua, JUNCTIONS.xinhuaDingxi, JUNCTIONS.xinhuaWest] },
	'walking-in-panyu': { closed: false, corners: [JUNCTIONS.panyuYanan, JUNCTIONS.panyuXinhua, JUNCTIONS.panyuHongqiao] },
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

/** A trace's geometry and the corners it was traced through. */
export type Traced = Record<TracedId, { coordinates: Position[]; corners: Position[] }>;

/** How far a corner may lie from a road node, m: corners are road nodes, so only rounding is allowed. */
const MAX_SNAP_M = 5;

/** The road graph the traces run on: osm-roads plus ROAD_GAPS. */
export function placesRoadGraph(roads: FeatureCollection<LineString>): RoadGraph {
	return buildRoadGraph([...roads.features.map((f) => f.geometry.coordinates), ...ROAD_GAPS]);
}

/**
 * The shortest path on the roads through the corners, in order.
 *
 * @throws {Error} if a corner is more than 5 m from a road node or two corners are not connected
 */
export function traceOnRoads(graph: RoadGraph, corners: Position[], closed = false): Position[] {
	return traceCorners(graph, corners, { closed, maxSnapMetres: MAX_SNAP_M }).coordinates;
}

/** Every entry of TRACES, traced. */
export function traceAll(graph: RoadGraph): Traced {
	return Object.fromEntries(
		(Object.keys(TRACES) as TracedId[]).map((id) => {
			const { closed, corners } = TRACES[id];
			return [id, { coordinates: traceOnRoads(graph, corners, closed), corners }];
		})
	) as Traced;
}
