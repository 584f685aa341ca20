/**
 * Copies the read-only district outlines and OpenStreetMap transit layers from the shared source folder
 * (`../shared/geodata-src/{admin,transit}`) into `geodata/admin/` and `geodata/transit/`, with
 * provenance, coordinates rounded to 6 decimals, and metro lines and stations tagged with their lines.
 * It reads `../shared` only at build-data time; the app never does: the outputs are committed.
 *
 * Provenance and licences (written into each FeatureCollection as foreign members):
 * - District outlines: DataV.GeoAtlas (AMap), no open licence stated (DataV/AMap terms); from
 *   github.com/tnnevol/gmap @ b248aaaefc0c13f6bd006a4dc2fa4530d2cfd9b5, GCJ-02 converted to WGS84 by the
 *   iterative inverse of the public formula (<1 m).
 * - Metro lines, stations and elevated roads: © OpenStreetMap contributors, ODbL 1.0; Geofabrik snapshot
 *   2026-07-28 via github.com/luiszengii/shanghai-property-sector-map @ 019c637e3ea8d8a8daf8fde2c5a3ae7af9713ae4,
 *   simplified to 5 m and clipped to lon 121.314–121.466, lat 31.166–31.254.
 *
 * Ported from `scripts/geodata/copy-sources.mjs`; the output is byte for byte what that script wrote
 * (`tests/unit/admin-transit.test.ts` checks it against the committed files).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as turf from '@turf/turf';
import { roundGeometry } from './round';
import type {
	Feature,
	FeatureCollection,
	Geometry,
	LineString,
	MultiLineString,
	MultiPolygon,
	Point,
	Polygon,
	Position
} from 'geojson';

/** Provenance foreign members of every output collection. */
interface Provenance {
	attribution: string;
	licence: string;
	provenance: string;
}

type Collection<G extends Geometry, P> = FeatureCollection<G, P> & Provenance;

const OUTLINES: Provenance = {
	attribution: 'District outlines: DataV.GeoAtlas (AMap), converted to WGS84',
	licence: 'no open licence stated (DataV/AMap terms)',
	provenance:
		'github.com/tnnevol/gmap @ b248aaaefc0c13f6bd006a4dc2fa4530d2cfd9b5; GCJ-02 converted to WGS84 (iterative inverse of the public formula, <1 m); via ../shared/geodata-src/admin'
};

const OSM: Provenance = {
	attribution: '© OpenStreetMap contributors',
	licence: 'ODbL 1.0',
	provenance:
		'OpenStreetMap (Geofabrik snapshot 2026-07-28) via github.com/luiszengii/shanghai-property-sector-map @ 019c637e3ea8d8a8daf8fde2c5a3ae7af9713ae4, simplified to 5 m, clipped to lon 121.314–121.466, lat 31.166–31.254'
};

/** Shared outline file → project file, under `admin/`. The detailed neighbours file loses its suffix. */
const ADMIN_FILES: readonly [string, string][] = [
	['shanghai_districts.wgs84.geojson', 'shanghai_districts.wgs84.geojson'],
	['changning_and_neighbours_detailed.wgs84.geojson', 'changning_and_neighbours.wgs84.geojson'],
	['changning_310105.wgs84.geojson', 'changning.wgs84.geojson']
];

const LINES_FILE = 'transit/osm_metro_and_elevated_lines.bbox.wgs84.geojson';
const STATIONS_FILE = 'transit/osm_metro_stations.bbox.wgs84.geojson';

/** Official line colours, by the first route of a piece. */
const COLOURS: Readonly<Record<string, string>> = {
	'1': '#E3002B',
	'2': '#97D700',
	'3': '#FCD600',
	'4': '#461D84',
	'7': '#FF6900',
	'8': '#009EDB',
	'9': '#71C5E8',
	'10': '#C6AFD4',
	'11': '#871C2B',
	'12': '#007A60',
	'13': '#E999C0',
	'14': '#827A04',
	'15': '#BBA786',
	'17': '#BC796F'
};

/** A route-less OSM "network" piece joins the nearest named line only if all its samples are this close, metres. */
export const NETWORK_MATCH_M = 40;
/** A station serves every line whose OSM alignment passes this close, metres. */
export const STATION_LINE_M = 120;

/** English station names (official signage), by the OSM Chinese name. */
const NAMES_EN: Readonly<Partial<Record<string, string>>> = {
	上海: 'Shanghai Railway Station',
	上海动物园: 'Shanghai Zoo',
	上海图书馆: 'Shanghai Library',
	上海游泳馆: 'Shanghai Indoor Stadium',
	上海虹桥: 'Hongqiao Railway Station',
	中宁路: 'Zhongning Road',
	中山公园: 'Zhongshan Park',
	丰庄: 'Fengzhuang',
	云锦路: 'Yunjin Road',
	交通大学: 'Jiaotong University',
	伊犁路: 'Yili Road',
	北新泾: 'Beixinjing',
	南京西路: 'West Nanjing Road',
	嘉善路: 'Jiashan Road',
	大渡河路: 'Daduhe Road',
	威宁路: 'Weining Road',
	娄山关路: 'Loushanguan Road',
	宋园路: 'Songyuan Road',
	宜山路: 'Yishan Road',
	常熟路: 'Changshu Road',
	徐家汇: 'Xujiahui',
	打浦桥: 'Dapuqiao',
	新闸路: 'Xinzha Road',
	曹杨路: 'Caoyang Road',
	枫桥路: 'Fengqiao Road',
	桂林公园: 'Guilin Park',
	武宁路: 'Wuning Road',
	武定路: 'Wuding Road',
	水城路: 'Shuicheng Road',
	江宁路: 'Jiangning Road',
	江苏路: 'Jiangsu Road',
	淞虹路: 'Songhong Road',
	淮海中路: 'Middle Huaihai Road',
	漕宝路: 'Caobao Road',
	真北路: 'Zhenbei Road',
	真如: 'Zhenru',
	祁连山南路: 'South Qilianshan Road',
	紫藤路: 'Ziteng Road',
	自然博物馆: 'Natural History Museum',
	航中路: 'Hangzhong Road',
	虹桥1号航站楼: 'Hongqiao Airport Terminal 1',
	虹桥2号航站楼: 'Hongqiao Airport Terminal 2',
	虹桥路: 'Hongqiao Road',
	虹漕路: 'Hongcao Road',
	衡山路: 'Hengshan Road',
	金沙江西路: 'West Jinshajiang Road',
	金沙江路: 'Jinshajiang Road',
	铜川路: 'Tongchuan Road',
	陕西南路: 'South Shaanxi Road',
	隆德路: 'Longde Road',
	静安寺: "Jing'an Temple",
	龙华: 'Longhua',
	龙柏新村: 'Longbai Xincun',
	龙溪路: 'Longxi Road',
	龙漕路: 'Longcao Road'
};

// ---- source shapes ----

interface AdminSourceProperties {
	name: string;
	adcode: number;
	crs_note: string;
}

/** One feature of the OSM lines file: a metro piece (`route`, or `layer: metro_line`) or an elevated road (`kind`). */
interface LineSourceProperties {
	id: string;
	name: string;
	layer: string;
	/** `'2'`, `'3-4'` for a shared stretch, or `'network'` for a piece OSM did not assign to a line. */
	route?: string;
	kind?: string;
	scope?: string;
}

interface StationSourceProperties {
	id: string;
	name: string;
}

// ---- output shapes ----

export interface AdminProperties {
	name_zh: string;
	adcode: number;
	crs_note: string;
}

export interface MetroLineProperties {
	/** `metro-<routes joined by ->-<n>`, numbered per route in source order. */
	id: string;
	/** Routes joined by `/`, e.g. `3/4`. */
	route: string;
	routes: string[];
	name_zh: string;
	name_en: string;
	colour: string;
	osm_piece: string;
	note: string;
	source: 'osm';
}

export interface MetroStationProperties {
	id: string;
	name_zh: string;
	/** null when the station is missing from the English-name table. */
	name_en: string | null;
	/** Lines within `STATION_LINE_M`, in numeric order; may be empty for a line clipped at the box edge. */
	lines: string[];
	lines_note: string;
	source: 'osm';
}

export interface ElevatedRoadProperties {
	id: string;
	osm_group: string;
	name_zh: string;
	kind: string;
	scope?: string;
	source: 'osm';
}

/**
 * Reads a source FeatureCollection and checks its outer shape and geometry types.
 * Properties are trusted to match `P`: the shared sources are fixed, and the byte-identity test would catch a change.
 */
function readCollection<G extends Geometry, P>(
	sharedDir: string,
	rel: string,
	geometryTypes: readonly G['type'][]
): Feature<G, P>[] {
	const file = join(sharedDir, rel);
	if (!existsSync(file)) throw new Error(`admin-transit: ${file} is missing from the shared data`);
	const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
	const fc = json as Partial<FeatureCollection>;
	if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
		throw new Error(`admin-transit: ${rel} is not a GeoJSON FeatureCollection`);
	}
	for (const f of fc.features) {
		if (!f.geometry || !(geometryTypes as readonly string[]).includes(f.geometry.type)) {
			throw new Error(
				`admin-transit: ${rel} has a ${f.geometry?.type ?? 'null'} geometry; expected ${geometryTypes.join(' or ')}`
			);
		}
	}
	return fc.features as Feature<G, P>[];
}

const asLines = (g: LineString | MultiLineString): Position[][] =>
	g.type === 'LineString' ? [g.coordinates] : g.coordinates;

/**
 * Copies the district outlines and the OSM metro lines, stations and elevated roads into the project.
 *
 * Metro pieces with an OSM route keep it (`3-4` → routes `['3','4']`); route-less "network" pieces are given
 * the named line whose alignment lies within `NETWORK_MATCH_M` of all of ~9 sampled vertices, else dropped
 * (depots, sidings, unclear). Stations get every line within `STATION_LINE_M`. Deterministic: the same
 * sources give the same bytes. Files are written as one-line JSON with a trailing newline.
 *
 * @param opts.sharedDir the shared source folder, e.g. `../shared/geodata-src` (must hold `admin/` and `transit/`)
 * @param opts.geodataDir the project's `geodata/` folder; `admin/` and `transit/` are created inside it
 * @returns the written files, relative to `geodataDir`, in write order
 * @example
 * const { written } = copyAdminAndTransit({ sharedDir: '../shared/geodata-src', geodataDir: 'geodata' });
 * // written: ['admin/shanghai_districts.wgs84.geojson', …, 'transit/elevated_roads.geojson']
 */
export function copyAdminAndTransit(opts: { sharedDir: string; geodataDir: string }): { written: string[] } {
	const { sharedDir, geodataDir } = opts;
	if (!existsSync(sharedDir)) throw new Error(`admin-transit: shared source folder ${sharedDir} does not exist`);
	const written: string[] = [];
	const write = <G extends Geometry, P>(rel: string, fc: Collection<G, P>): void => {
		const p = join(geodataDir, rel);
		mkdirSync(dirname(p), { recursive: true });
		writeFileSync(p, JSON.stringify(fc) + '\n');
		written.push(rel);
	};

	// ---- admin ----
	for (const [src, dst] of ADMIN_FILES) {
		const features = readCollection<Polygon | MultiPolygon, AdminSourceProperties>(sharedDir, `admin/${src}`, [
			'Polygon',
			'MultiPolygon'
		]);
		write<Polygon | MultiPolygon, AdminProperties>(`admin/${dst}`, {
			type: 'FeatureCollection',
			...OUTLINES,
			features: features.map((f) => ({
				type: 'Feature',
				properties: { name_zh: f.properties.name, adcode: f.properties.adcode, crs_note: f.properties.crs_note },
				geometry: roundGeometry(f.geometry)
			}))
		});
	}

	// ---- metro ----
	const lines = readCollection<LineString | MultiLineString, LineSourceProperties>(sharedDir, LINES_FILE, [
		'LineString',
		'MultiLineString'
	]);
	const metro = lines.filter((f) => f.properties.layer === 'metro_line' || f.properties.route);
	const named = metro.filter((f) => f.properties.route && f.properties.route !== 'network');
	const network = metro.filter((f) => f.properties.route === 'network');
	const routeOf = (f: Feature<LineString | MultiLineString, LineSourceProperties>): string[] =>
		(f.properties.route ?? '').split('-');

	// route → its named pieces; a route whose pieces are all degenerate stays, infinitely far from everything
	const routeRefs = new Map<string, Feature<LineString>[]>();
	for (const f of named) {
		for (const r of routeOf(f)) {
			const refs = routeRefs.get(r) ?? [];
			routeRefs.set(r, refs);
			for (const c of asLines(f.geometry)) if (c.length >= 2) refs.push(turf.lineString(c));
		}
	}
	const distTo = (pt: Feature<Point>, r: string): number =>
		Math.min(...(routeRefs.get(r) ?? []).map((l) => turf.pointToLineDistance(pt, l, { units: 'meters' })));

	interface Piece {
		id: string;
		routes: string[];
		how: string;
		geometry: LineString | MultiLineString;
	}
	const pieces: Piece[] = named.map((f) => ({
		id: f.properties.id,
		routes: routeOf(f),
		how: 'osm route',
		geometry: f.geometry
	}));
	// Sorted as strings ('1' < '10' < '2'): ties go to the first, and the output depends on it.
	const routeKeys = [...routeRefs.keys()].sort();
	for (const f of network) {
		const coords = asLines(f.geometry).flat();
		const last = coords.at(-1);
		if (!last) throw new Error(`admin-transit: metro piece ${f.properties.id} has no coordinates`);
		const step = Math.max(1, Math.floor(coords.length / 8));
		const sample = coords.filter((_, i) => i % step === 0).concat([last]);
		let best: { r: string; d: number } | null = null;
		for (const r of routeKeys) {
			const d = Math.max(...sample.map((c) => distTo(turf.point(c), r)));
			if (!best || d < best.d) best = { r, d };
		}
		if (best && best.d <= NETWORK_MATCH_M) {
			pieces.push({
				id: f.properties.id,
				routes: [best.r],
				how: `network piece matched to line ${best.r} (max ${best.d.toFixed(0)} m)`,
				geometry: f.geometry
			});
		}
	}

	const perRoute = new Map<string, number>();
	write<LineString | MultiLineString, MetroLineProperties>('transit/metro_lines.geojson', {
		type: 'FeatureCollection',
		...OSM,
		features: pieces
			.map((l): Feature<LineString | MultiLineString, MetroLineProperties> => {
				const route = l.routes.join('/');
				const n = (perRoute.get(route) ?? 0) + 1;
				perRoute.set(route, n);
				const colour = COLOURS[l.routes[0]];
				if (colour === undefined) throw new Error(`admin-transit: no colour for metro line ${l.routes[0]}`);
				return {
					type: 'Feature',
					properties: {
						id: `metro-${l.routes.join('-')}-${n}`,
						route,
						routes: l.routes,
						name_zh: `上海地铁${route}号线`,
						name_en: `Metro Line ${route}`,
						colour,
						osm_piece: l.id,
						note: l.how,
						source: 'osm'
					},
					geometry: roundGeometry(l.geometry)
				};
			})
			.sort((a, b) => a.properties.id.localeCompare(b.properties.id, 'en', { numeric: true }))
	});

	// ---- stations ----
	const stations = readCollection<Point, StationSourceProperties>(sharedDir, STATIONS_FILE, ['Point']);
	write<Point, MetroStationProperties>('transit/metro_stations.geojson', {
		type: 'FeatureCollection',
		...OSM,
		features: stations.map((f) => {
			const p = turf.point(f.geometry.coordinates);
			// insertion order, then numeric: the same order the .mjs produced
			const linesAt = [...routeRefs.keys()]
				.filter((r) => distTo(p, r) <= STATION_LINE_M)
				.sort((a, b) => Number(a) - Number(b));
			return {
				type: 'Feature',
				properties: {
					id: f.properties.id,
					name_zh: f.properties.name,
					name_en: NAMES_EN[f.properties.name] ?? null,
					lines: linesAt,
					lines_note: `lines whose OSM alignment passes within ${STATION_LINE_M} m (lines clipped at the box edge may be missing)`,
					source: 'osm'
				},
				geometry: roundGeometry(f.geometry)
			};
		})
	});

	// ---- elevated roads / expressways ----
	write<LineString | MultiLineString, ElevatedRoadProperties>('transit/elevated_roads.geojson', {
		type: 'FeatureCollection',
		...OSM,
		features: lines
			.filter((f): f is Feature<LineString | MultiLineString, LineSourceProperties & { kind: string }> =>
				Boolean(f.properties.kind)
			)
			.map((f, i) => ({
				type: 'Feature',
				properties: {
					id: `elevated-${String(i + 1).padStart(3, '0')}`,
					osm_group: f.properties.id,
					name_zh: f.properties.name,
					kind: f.properties.kind,
					scope: f.properties.scope,
					source: 'osm'
				},
				geometry: roundGeometry(f.geometry)
			}))
	});

	return { written };
}
