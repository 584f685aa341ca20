/**
 * Street names for the unnamed road geometry: conflation of three sources.
 *
 * - **Edges**: LineStrings with a unique `properties.id` that meet at exactly shared end points
 *   (the OSM-derived road network, or the walking network built from it). They carry no names.
 * - **References**: rough named lines (the project's hand-digitised streets, 30–200 m off; OSM
 *   elevated roads mapped to the surface street beneath them). They say *roughly where* a street is.
 * - **The register** (Shanghai road-segment register, 2017): for every street of the district, its
 *   segments from cross street to cross street with their lengths. It says *which streets meet which
 *   and how far apart*, but has no geometry.
 *
 * Method, in order (every step is deterministic; ties are broken by name or id):
 * 1. **Strokes.** At each junction the two edges that continue each other best (deflection below
 *    `maxDeflectionDeg`) are paired, so a chain of edges — a stroke — approximates one street.
 * 2. **References.** An edge takes a reference's name when at least `minShare` of it lies within the
 *    reference's `accuracy_m` + `marginM` of that line, running the same way (within 30°). Short gaps in
 *    a stroke between two edges of one name are filled.
 * 3. **Register topology**, repeated until nothing changes (at most 8 rounds): each register street's
 *    segments are chained by their cross streets into an ordered street with distances (安化路: 江苏路
 *    →710 m→ 安西路 →232 m→ 定西路 …). The chain is laid along the street's named run of edges, anchored
 *    at a junction where a named cross street meets it, and its other cross streets are matched to the
 *    run's junctions in order (a junction whose cross street has another name counts against). Then:
 *    - *trim*: reference-named edges wholly beyond the register's ends are unnamed (a rough reference
 *      ran on into the next street: 华阳路's reference over the north end of 定西路);
 *    - *extend*: the name continues along the stroke, edge by edge, to the register's length;
 *    - *infer*: where a placement held by two named junctions puts a cross street on an unnamed stroke,
 *      that stroke takes the cross street's name, laid by the cross street's own chain: a stroke
 *      crossing 安化路 about 710 m from 江苏路 is 安西路. With two named junctions confirming it, the
 *      inference may also replace a low-confidence reference name.
 * 2b. **Bus stops** (AMap, "<street it is on><cross street>(公交站)", split by {@link parseBusStops}) are
 *    independent evidence and outrank the references: each stop votes for the nearest edge within
 *    `stopRadiusM` (40 m) that runs across the line to its twin stop on the other kerb. On a stroke, a
 *    reference name that two or more stops contradict and none confirms is dropped from the whole
 *    stroke, as is a digitised reference continuing the stroke past the voted street under a name that
 *    no stop puts within 200 m; each voted name then spans the stroke from its first to its last voted
 *    edge. The register steps below take stop-named edges as named (anchors) and never trim them.
 * 4. **Register segments** are matched to the edges between their two cross-street junctions; those not
 *    matched are listed with the reason.
 *
 * Confidence: `high` = two sources agree (reference and register, or two or more stops with either); `medium` = one good source (a reference of
 * ≤ 100 m accuracy, or a register inference confirmed by a second named junction); `low` = a guess (a
 * 150–200 m reference alone, or a register inference with one anchor). Only high and medium are labelled.
 *
 * Run alone: `npx tsx scripts/geodata/conflate-names.ts [roads.geojson]` prints the coverage report.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import { pinyin } from 'pinyin-pro';

// ---------------------------------------------------------------------------------------------
// Types

/** One row of the register (`changning-road-segments.csv`). Lengths in metres, areas in m². */
export interface RegisterSegment {
	/** 路段编码, e.g. `CNS000001137`. */
	code: string;
	/** 路名. */
	name: string;
	/** 段起点: the cross street (or landmark) where the segment starts. */
	from: string;
	/** 段止点. */
	to: string;
	/** 等级: 主干路 / 次干路 / 支路. */
	grade: '主干路' | '次干路' | '支路';
	length_m: number;
	area_m2: number;
	sidewalk_m2: number;
}

/** A rough named line that says roughly where a street is. Coordinates WGS84 lon/lat. */
export interface ReferenceLine {
	name_zh: string;
	name_en?: string;
	/** How far (m) the real street may lie from this line. */
	accuracy_m: number;
	/** Where the line comes from: a digitised street or an elevated road over its surface street. */
	kind: 'digitised' | 'elevated-over';
	coordinates: Position[];
}

export type NameConfidence = 'high' | 'medium' | 'low' | 'none';

/** The name decided for one edge. Same shape as `StreetNameRecord` in `streets.ts`. */
export interface EdgeName {
	name_zh: string;
	name_en: string;
	/**
	 * How the name was decided: `reference+register`, `elevated-over+register`, `reference-only`,
	 * `elevated-over`, `stroke-gap`, `register-extension`, `register-topology`, or `unnamed`.
	 */
	name_method: string;
	name_confidence: NameConfidence;
	/** Whether the map may label the edge: only for high and medium confidence. */
	name_label: boolean;
	/** Register segment codes (路段编码) laid on this edge; several when the edge spans a junction-less stretch. */
	register_codes: string[];
	/** The register grade of the street: 主干路 arterial, 次干路 collector, 支路 local. */
	grade?: 'arterial' | 'collector' | 'local';
}

export type UnmatchedReason =
	| 'lane-level road (弄/宅/浜/村): the road network has no lanes'
	| 'service road beside a main street: the network has one line per corridor'
	| 'street not found in the geometry: no reference line and no register inference reached it'
	| 'cross street not found on the street'
	| 'beyond the named extent of the street in the geometry'
	| 'ends at a landmark, not a street, and could not be placed by length';

export interface UnmatchedSegment {
	code: string;
	name: string;
	from: string;
	to: string;
	length_m: number;
	reason: UnmatchedReason;
}

export interface StreetCheck {
	name_zh: string;
	name_en: string;
	/** Sum of the register's segment lengths (m). */
	register_m: number;
	segments: number;
	matched_segments: number;
	/** Length (m) of the edges that carry this street's register codes. */
	matched_m: number;
	/** Length (m) of everything named so, inside the district. */
	named_in_district_m: number;
	/** Every segment matched, the register chain is one unbroken street: the lengths must agree. */
	complete: boolean;
	/** matched_m / register_m. */
	ratio: number;
}

export interface ConflationReport {
	edges: number;
	/** Length inside the district (all, when no district is given), km. */
	km_total: number;
	km_named: number;
	/** Named with high or medium confidence (labelled on the map), km. */
	km_labelled: number;
	km_by_confidence: Record<'high' | 'medium' | 'low', number>;
	km_by_method: Record<string, number>;
	register_segments: number;
	register_matched: number;
	/** Register length (sum of 长度), all segments and the matched ones, km. */
	register_km: number;
	register_km_matched: number;
	unmatched: UnmatchedSegment[];
	/** Unmatched segments per reason: how many, and their register length in km. */
	unmatched_by_reason: Record<string, { segments: number; km: number }>;
	streets: StreetCheck[];
	/** How far the final names agree with the bus stops. */
	bus_stops: BusStopCheck;
}

export interface ConflationOptions {
	/** Lengths inside this polygon are the coverage figures; without it all edges count. */
	district?: Feature<Polygon | MultiPolygon>;
	/** Added to each reference's accuracy when testing nearness, m. Default 25. */
	marginM?: number;
	/** Largest deflection at a junction for two edges to belong to one stroke, degrees. Default 35. */
	maxDeflectionDeg?: number;
	/** Share of an edge that must lie near a reference for it to take the name, 0–1. Default 0.5. */
	minShare?: number;
	/** English names known from elsewhere (name_zh → name_en); the rest are made with pinyin. */
	englishNames?: Map<string, string>;
	/**
	 * Bus stops (Point features with `properties.name`, "<street it is on><cross street>(公交站)").
	 * Default: none. The build passes the project's `geodata/sources/poi-amap-2020/bus_stop.geojson`.
	 */
	busStops?: FeatureCollection;
	/** Greatest distance of a stop from the centreline of the street it stands on, m. Default 40. */
	stopRadiusM?: number;
}

/** One stop that the final names contradict: it stands on `on`, the nearest named edge says `named`. */
export interface StopContradiction {
	stop: string;
	on: string;
	/** The nearest named edge within the stop radius and its name. */
	edge: string;
	named: string;
	distance_m: number;
}

export interface BusStopCheck {
	/** Stops in the network's box whose names split into two known streets. */
	parsed: number;
	/** Stops that voted (an edge within the radius, running the right way). */
	voted: number;
	/** Parsed stops whose on-street is named somewhere in the network… */
	checkable: number;
	/** …of which this many have no named edge within the radius (not counted below). */
	no_named_edge: number;
	/** …and this many have a named edge within the radius, the nearest of which carries the on-street. */
	agree: number;
	/** agree / (checkable - no_named_edge). */
	agreement: number;
	contradictions: StopContradiction[];
}

// ---------------------------------------------------------------------------------------------
// Register CSV

const REGISTER_HEADER = ['路段编码', '路名', '区属', '类型', '段起点', '段止点', '等级', '长度', '路段面积', '人行道面积'];
const GRADES = new Set(['主干路', '次干路', '支路']);

/**
 * Parses the register CSV (UTF-8, comma-separated, no quoted fields in this file; a BOM is allowed).
 *
 * @param text the whole file
 * @returns one record per data row, in file order
 * @throws when the header differs, a row has the wrong number of fields, a code repeats, the grade
 *   is unknown or a number does not parse — naming the line
 * @example parseRegisterCsv(readFileSync('geodata/sources/road-register/changning-road-segments.csv', 'utf8'))
 */
export function parseRegisterCsv(text: string): RegisterSegment[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const header = lines[0].split(',').map((s) => s.trim());
	if (header.join(',') !== REGISTER_HEADER.join(',')) {
		throw new Error(`register: expected header ${REGISTER_HEADER.join(',')}, got ${lines[0]}`);
	}
	const out: RegisterSegment[] = [];
	const seen = new Set<string>();
	for (let i = 1; i < lines.length; i++) {
		if (lines[i].trim() === '') continue;
		if (lines[i].includes('"')) throw new Error(`register line ${i + 1}: quoted fields are not supported`);
		const f = lines[i].split(',');
		if (f.length !== REGISTER_HEADER.length) {
			throw new Error(`register line ${i + 1}: expected ${REGISTER_HEADER.length} fields, got ${f.length}`);
		}
		const [code, name, , , from, to, grade, len, area, side] = f.map((s) => s.trim());
		if (!/^[A-Z]{3}\d+$/.test(code)) throw new Error(`register line ${i + 1}: bad segment code "${code}"`);
		if (seen.has(code)) throw new Error(`register line ${i + 1}: segment code ${code} repeats`);
		seen.add(code);
		if (!name) throw new Error(`register line ${i + 1}: empty road name`);
		if (!GRADES.has(grade)) throw new Error(`register line ${i + 1}: unknown grade "${grade}"`);
		const nums = [len, area, side].map(Number);
		if (nums.some((n) => !Number.isFinite(n) || n < 0) || nums[0] <= 0) {
			throw new Error(`register line ${i + 1}: length/area must be numbers ≥ 0 (length > 0), got ${len},${area},${side}`);
		}
		out.push({ code, name, from, to, grade: grade as RegisterSegment['grade'], length_m: nums[0], area_m2: nums[1], sidewalk_m2: nums[2] });
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// References

/**
 * Which surface street lies under an OSM elevated road, and where: only inside `bbox` (lon/lat), so
 * the ring roads are not mistaken for the street beneath them elsewhere in the city.
 */
export const ELEVATED_OVER: { elevated: RegExp; street: string; bbox: [number, number, number, number] }[] = [
	{ elevated: /^延安高架路$/, street: '延安西路', bbox: [121.33, 31.19, 121.44, 31.225] },
	{ elevated: /^内环高架路$/, street: '中山西路', bbox: [121.405, 31.185, 121.425, 31.225] },
	{ elevated: /^中环路$/, street: '北虹路', bbox: [121.37, 31.2, 121.39, 31.2222] },
	{ elevated: /^北翟高架路$/, street: '北翟路', bbox: [121.33, 31.21, 121.385, 31.23] }
];

/** OSM elevated pieces that carry a surface street's own name (bridges, ramps over a junction). */
const ELEVATED_OWN_NAME = /^[\u4e00-\u9fff]+(路|公路)$/;

/**
 * Reference lines from the project's digitised streets and the OSM elevated roads.
 *
 * @param digitised `geodata/src/streets.raw.geojson`: `name_zh`, `name_en`, `accuracy_m`; ids starting
 *   `street-local-connector` are invented and skipped, as are footways, bridges and expressways
 * @param elevated `geodata/transit/elevated_roads.geojson`: `name_zh`
 * @returns the references, digitised first, in input order
 */
export function referencesFrom(digitised: FeatureCollection, elevated: FeatureCollection): ReferenceLine[] {
	const refs: ReferenceLine[] = [];
	for (const f of digitised.features) {
		const p = f.properties ?? {};
		const id = String(p.id ?? '');
		if (id.startsWith('street-local-connector') || f.geometry?.type !== 'LineString') continue;
		if (['footway', 'bridge', 'expressway'].includes(String(p.class))) continue;
		const name = String(p.name_zh ?? '');
		if (!name) continue;
		refs.push({ name_zh: name, name_en: p.name_en ? String(p.name_en) : undefined, accuracy_m: Number(p.accuracy_m ?? 200), kind: 'digitised', coordinates: f.geometry.coordinates });
	}
	for (const f of elevated.features) {
		const name = String(f.properties?.name_zh ?? '');
		if (f.geometry?.type !== 'LineString') continue;
		const over = ELEVATED_OVER.find((o) => o.elevated.test(name));
		if (over) {
			const [x0, y0, x1, y1] = over.bbox;
			const inside = f.geometry.coordinates.filter(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
			// Keep only the stretch inside the box (the pieces are short, so a filter of vertices does).
			if (inside.length >= 2) refs.push({ name_zh: over.street, accuracy_m: 30, kind: 'elevated-over', coordinates: inside });
		} else if (ELEVATED_OWN_NAME.test(name) && !/高架|高速|环/.test(name)) {
			refs.push({ name_zh: name, accuracy_m: 25, kind: 'elevated-over', coordinates: f.geometry.coordinates });
		}
	}
	return refs;
}

// ---------------------------------------------------------------------------------------------
// Bus stops

/** A bus stop whose name splits into the street it stands on and the cross street it is named after. */
export interface BusStop {
	/** The stop's name as given, e.g. `娄山关路仙霞路(公交站)`. */
	name: string;
	/** The street the stop stands on (`娄山关路`). */
	on: string;
	/** The cross street near which it stands (`仙霞路`). */
	cross: string;
	/** WGS84 lon/lat. */
	position: Position;
}

/** Cross-street spellings in stop names that are only a direction word off a known street. */
const DIRECTION = /[东西南北]$/;

/**
 * Splits AMap bus-stop names ("<street the stop is on><cross street>(公交站)") into street pairs,
 * against a set of known street names, longest first: `延安西路娄山关路(公交站)` → 延安西路 × 娄山关路, not
 * 延安路. A trailing direction word (东/西/南/北) is dropped only when the name with it is not a
 * street itself (`仙霞路北` → 仙霞路, but `仙霞西路` stays). Stops named after a landmark
 * (`上海动物园`), a single street (`凯旋路`) or a street not in the set are skipped.
 *
 * @param stops Point features with a string `properties.name` (`sources/poi-amap-2020/bus_stop.geojson`)
 * @param streetNames the known street names
 * @returns the stops that split into two different known streets, in input order, and the names skipped
 * @example parseBusStops(fc, new Set(['娄山关路', '仙霞路'])).stops[0] // { on: '娄山关路', cross: '仙霞路', … }
 */
export function parseBusStops(stops: FeatureCollection, streetNames: Iterable<string>): { stops: BusStop[]; skipped: string[] } {
	const known = new Set(streetNames);
	const byLength = [...known].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length || a.localeCompare(b));
	const crossOf = (rest: string): string | undefined => {
		if (known.has(rest)) return rest;
		if (DIRECTION.test(rest) && known.has(rest.slice(0, -1))) return rest.slice(0, -1);
		return undefined;
	};
	const out: BusStop[] = [];
	const skipped: string[] = [];
	for (const f of stops.features) {
		const name = String(f.properties?.name ?? '');
		if (f.geometry?.type !== 'Point') throw new Error(`parseBusStops: stop "${name}" is not a Point (got ${f.geometry?.type})`);
		const raw = name.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
		let hit: BusStop | undefined;
		for (const on of byLength) {
			if (!raw.startsWith(on)) continue;
			const cross = crossOf(raw.slice(on.length));
			if (cross && cross !== on) {
				hit = { name, on, cross, position: f.geometry.coordinates };
				break;
			}
		}
		if (hit) out.push(hit);
		else skipped.push(name);
	}
	return { stops: out, skipped };
}

// ---------------------------------------------------------------------------------------------
// English names

const SUFFIXES: [string, string][] = [
	['西路', 'West Rd'],
	['东路', 'East Rd'],
	['南路', 'South Rd'],
	['北路', 'North Rd'],
	['支路', 'Branch Rd'],
	['公路', 'Hwy'],
	['大道', 'Ave'],
	['东道', 'East Ave'],
	['西道', 'West Ave'],
	['大街', 'St'],
	['路', 'Rd'],
	['道', 'Ave'],
	['街', 'St'],
	['桥', 'Bridge']
];

function pinyinWord(zh: string): string {
	if (!zh) return '';
	const syl = pinyin(zh, { toneType: 'none', type: 'array', v: true }) as string[];
	let out = '';
	syl.forEach((s, i) => {
		// Apostrophe before a syllable starting with a vowel: Yan'an, Dongzhu'anbang.
		if (i > 0 && /^[aoe]/.test(s) && /[a-z]$/.test(out)) out += "'";
		out += s;
	});
	return out.charAt(0).toUpperCase() + out.slice(1);
}

/**
 * English name in Shanghai's street-sign style: pinyin of the proper part + a translated suffix
 * (路 Rd, 西路 West Rd, 支路 Branch Rd, 公路 Hwy, 大道 Ave, 桥 Bridge; 弄 n → Lane n).
 *
 * @example englishName('安化路') // 'Anhua Rd'
 * @example englishName('虹桥路2489弄') // 'Lane 2489, Hongqiao Rd'
 */
export function englishName(zh: string, known?: Map<string, string>): string {
	const k = known?.get(zh);
	if (k) return k;
	const lane = /^(.*?)(\d+)弄$/.exec(zh);
	if (lane) return `Lane ${lane[2]}, ${englishName(lane[1], known)}`;
	for (const [s, en] of SUFFIXES) {
		if (zh.endsWith(s) && zh.length > s.length) return `${pinyinWord(zh.slice(0, -s.length))} ${en}`;
	}
	return pinyinWord(zh);
}

// ---------------------------------------------------------------------------------------------
// Geometry helpers (a local metric projection: a few metres of error over the district's 12 km)

type XY = [number, number];

interface Projection {
	xy(p: Position): XY;
}

function projection(lat0: number, lon0: number): Projection {
	const kx = 111320 * Math.cos((lat0 * Math.PI) / 180);
	const ky = 110540;
	return { xy: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky] };
}

/** Direction in degrees, 0–360, of the vector a→b. */
const bearing = (a: XY, b: XY) => ((Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI + 360) % 360;

/** Difference of two undirected directions, 0–90. */
function axisDiff(a: number, b: number): number {
	const d = Math.abs(a - b) % 180;
	return d > 90 ? 180 - d : d;
}

function polylineLength(xy: XY[]): number {
	let s = 0;
	for (let i = 1; i < xy.length; i++) s += Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
	return s;
}

/** Points every `step` m along a polyline with the direction of their segment. */
function samples(xy: XY[], step: number): { p: XY; dir: number }[] {
	const out: { p: XY; dir: number }[] = [];
	const len = polylineLength(xy);
	const n = Math.max(2, Math.ceil(len / step));
	let seg = 1;
	let acc = 0;
	for (let k = 0; k <= n; k++) {
		const target = Math.min(len, ((k + 0.5) / (n + 1)) * len);
		while (seg < xy.length - 1 && acc + Math.hypot(xy[seg][0] - xy[seg - 1][0], xy[seg][1] - xy[seg - 1][1]) < target) {
			acc += Math.hypot(xy[seg][0] - xy[seg - 1][0], xy[seg][1] - xy[seg - 1][1]);
			seg++;
		}
		const a = xy[seg - 1];
		const b = xy[seg];
		const l = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
		const t = Math.max(0, Math.min(1, (target - acc) / l));
		out.push({ p: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], dir: bearing(a, b) });
	}
	return out;
}

/** The point `d` m along the polyline from its start (for end bearings). */
function pointAlong(xy: XY[], d: number): XY {
	let acc = 0;
	for (let i = 1; i < xy.length; i++) {
		const l = Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
		if (acc + l >= d) {
			const t = l === 0 ? 0 : (d - acc) / l;
			return [xy[i - 1][0] + (xy[i][0] - xy[i - 1][0]) * t, xy[i - 1][1] + (xy[i][1] - xy[i - 1][1]) * t];
		}
		acc += l;
	}
	return xy[xy.length - 1];
}

function pointSegDist(p: XY, a: XY, b: XY): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const l2 = dx * dx + dy * dy;
	const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
	return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

// ---------------------------------------------------------------------------------------------
// Graph and strokes

interface Edge {
	id: string;
	xy: XY[];
	len: number;
	/** Length inside the district, m. */
	inLen: number;
	a: number;
	b: number;
}

interface GraphNode {
	/** Incident edge ends: edge index and whether the edge starts here. */
	ends: { e: number; start: boolean; dir: number }[];
}

/** A stroke: edges in order, each with the node it is entered from. */
interface Stroke {
	edges: number[];
	/** nodes[k] is where edges[k] is entered, nodes[k+1] where it is left; length edges+1. */
	nodes: number[];
}

function buildStrokes(edges: Edge[], nodes: GraphNode[], maxDefl: number): { strokes: Stroke[]; strokeOf: Int32Array } {
	// Pair edge ends at every node, best continuation first.
	const partner = new Map<string, string>();
	const endKey = (e: number, start: boolean) => `${e}:${start ? 0 : 1}`;
	nodes.forEach((n) => {
		const pairs: { d: number; i: number; j: number }[] = [];
		for (let i = 0; i < n.ends.length; i++) {
			for (let j = i + 1; j < n.ends.length; j++) {
				if (n.ends[i].e === n.ends[j].e) continue;
				const d = 180 - Math.abs(((n.ends[i].dir - n.ends[j].dir + 540) % 360) - 180);
				if (d < maxDefl) pairs.push({ d, i, j });
			}
		}
		pairs.sort((p, q) => p.d - q.d || p.i - q.i || p.j - q.j);
		const used = new Set<number>();
		for (const p of pairs) {
			if (used.has(p.i) || used.has(p.j)) continue;
			used.add(p.i);
			used.add(p.j);
			const a = endKey(n.ends[p.i].e, n.ends[p.i].start);
			const b = endKey(n.ends[p.j].e, n.ends[p.j].start);
			partner.set(a, b);
			partner.set(b, a);
		}
	});
	const strokeOf = new Int32Array(edges.length).fill(-1);
	const strokes: Stroke[] = [];
	for (let s = 0; s < edges.length; s++) {
		if (strokeOf[s] >= 0) continue;
		// Walk back to the start of the stroke from the edge's start end.
		let e = s;
		let enterStart = true; // we enter e at its start node
		const seen = new Set<number>([s]);
		for (;;) {
			const p = partner.get(endKey(e, enterStart));
			if (!p) break;
			const [pe, pend] = p.split(':').map(Number);
			if (seen.has(pe)) break;
			seen.add(pe);
			// Going backwards: the partner edge is left at `pend`; so it is entered at its other end.
			e = pe;
			enterStart = pend === 1;
		}
		const stroke: Stroke = { edges: [], nodes: [] };
		const idx = strokes.length;
		for (;;) {
			strokeOf[e] = idx;
			stroke.edges.push(e);
			stroke.nodes.push(enterStart ? edges[e].a : edges[e].b);
			const leaveKey = endKey(e, !enterStart);
			const p = partner.get(leaveKey);
			if (!p) break;
			const [pe, pend] = p.split(':').map(Number);
			if (strokeOf[pe] >= 0) break;
			e = pe;
			enterStart = pend === 0;
		}
		const last = stroke.edges[stroke.edges.length - 1];
		stroke.nodes.push(stroke.nodes[stroke.nodes.length - 1] === edges[last].a ? edges[last].b : edges[last].a);
		strokes.push(stroke);
	}
	return { strokes, strokeOf };
}

// ---------------------------------------------------------------------------------------------
// Register chains

interface ChainPoint {
	/** The cross street (normalised) or landmark at this point. */
	cross: string;
	/** Distance from the chain's start along the register, m. */
	r: number;
}

interface Chain {
	street: string;
	points: ChainPoint[];
	/** segs[k] joins points[k] and points[k+1]. */
	segs: RegisterSegment[];
}

/** Register cross-street spellings → street name: strip brackets and spaces, complete 路/道/公路. */
function normaliseCross(raw: string, streetNames: Set<string>): string {
	const s = raw.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
	if (streetNames.has(s)) return s;
	for (const suffix of ['路', '道', '公路']) if (streetNames.has(s + suffix)) return s + suffix;
	if (/^外环(线|路)?$/.test(s)) return '外环';
	const byPrefix = [...streetNames].filter((n) => n.startsWith(s) && s.length >= 2).sort((a, b) => a.length - b.length || a.localeCompare(b));
	return byPrefix[0] ?? s;
}

function buildChains(street: string, segs: RegisterSegment[], norm: (s: string) => string): Chain[] {
	// Undirected graph of cross streets; a chain is a maximal path through points of degree 2. A
	// bracketed spelling (万航渡路（东）, 富贵东道（北）) is a distinct point of a street met twice.
	const keyOf = (raw: string) => (/[（(]/.test(raw) ? raw.replace(/\s+/g, '') : norm(raw));
	const adj = new Map<string, { seg: RegisterSegment; other: string }[]>();
	const add = (k: string, v: { seg: RegisterSegment; other: string }) => adj.set(k, [...(adj.get(k) ?? []), v]);
	for (const s of segs) {
		const a = keyOf(s.from);
		const b = keyOf(s.to);
		add(a, { seg: s, other: b });
		add(b, { seg: s, other: a });
	}
	const used = new Set<string>();
	const chains: Chain[] = [];
	const starts = [...adj.keys()].sort((a, b) => (adj.get(a)!.length === 1 ? 0 : 1) - (adj.get(b)!.length === 1 ? 0 : 1) || a.localeCompare(b));
	for (const start of starts) {
		for (const first of adj.get(start)!) {
			if (used.has(first.seg.code)) continue;
			const chain: Chain = { street, points: [{ cross: norm(start), r: 0 }], segs: [] };
			let cur = first;
			let r = 0;
			for (;;) {
				used.add(cur.seg.code);
				r += cur.seg.length_m;
				chain.segs.push(cur.seg);
				chain.points.push({ cross: norm(cur.other), r });
				const next = adj.get(cur.other)!;
				if (next.length !== 2) break;
				const cont = next.find((x) => !used.has(x.seg.code));
				if (!cont) break;
				cur = cont;
			}
			chains.push(chain);
		}
	}
	return chains;
}

const LANE = /弄|宅|浜|村|大街|弄堂|门口|工商局|^\S*\d$/;
const SERVICE_ROAD = /地面道路|辅道/;
const LANDMARK = /弄底|弄口|铁道|区界|苏州河|沟渠|大门|围墙|号|以[东南西北]|米$|小学|中学|学校|医院|厂|站|所|中心|招待所|空港|桥$|铁门|弯角|丁字路口|游泳池|别墅|许浦港/;

// ---------------------------------------------------------------------------------------------
// Main

interface Assign {
	name: string;
	method: string;
	/** 0 none, 1 low, 2 medium, 3 high (before the register's say). */
	base: number;
	/** Register confirmation: 0 none, 1 one anchor, 2 two or more. */
	anchors: number;
	codes: Set<string>;
	/** Bus stops on this edge's stroke that say the same name (0: none). */
	stops?: number;
}

/** Where the project's bus stops are, relative to the repository root. */
export const PROJECT_BUS_STOPS = 'geodata/sources/poi-amap-2020/bus_stop.geojson';
const NO_STOPS: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Names the edges of a street network from rough named references and the register.
 *
 * @param edges LineStrings with a unique string `properties.id`, meeting at exactly shared end points
 * @param register rows from {@link parseRegisterCsv}
 * @param references rough named lines, e.g. from {@link referencesFrom}
 * @param options see {@link ConflationOptions} (district, marginM = 25, maxDeflectionDeg = 35, minShare = 0.5)
 * @returns `names`: a name for every edge id (`name_method: 'unnamed'` when none), and the coverage report
 * @throws when an edge is not a LineString or its id is missing or repeated
 * @example
 * const { names, report } = conflateNames(roads, parseRegisterCsv(csv), referencesFrom(raw, elevated), { district });
 * names.get('roadspeedcorr-123')?.name_zh // '安化路'
 */
export function conflateNames(
	edges: FeatureCollection<LineString>,
	register: RegisterSegment[],
	references: ReferenceLine[],
	options: ConflationOptions = {}
): { names: Map<string, EdgeName>; report: ConflationReport } {
	const marginM = options.marginM ?? 25;
	const maxDefl = options.maxDeflectionDeg ?? 35;
	const minShare = options.minShare ?? 0.5;

	// --- input and projection
	const ids = new Set<string>();
	for (const f of edges.features) {
		if (f.geometry?.type !== 'LineString') throw new Error(`conflateNames: every edge must be a LineString (got ${f.geometry?.type})`);
		const id = f.properties?.id;
		if (typeof id !== 'string' || id === '') throw new Error('conflateNames: every edge needs a string properties.id');
		if (ids.has(id)) throw new Error(`conflateNames: edge id ${id} repeats`);
		ids.add(id);
	}
	const bbox = turf.bbox(edges);
	const proj = projection((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2);
	const nodeIndex = new Map<string, number>();
	const nodes: GraphNode[] = [];
	const nodeXY: XY[] = [];
	const nodeAt = (p: Position) => {
		const k = `${p[0]},${p[1]}`;
		let i = nodeIndex.get(k);
		if (i === undefined) {
			i = nodes.length;
			nodeIndex.set(k, i);
			nodes.push({ ends: [] });
			nodeXY.push(proj.xy(p));
		}
		return i;
	};
	const district = options.district;
	const E: Edge[] = edges.features.map((f) => {
		const c = f.geometry.coordinates;
		const xy = c.map((p) => proj.xy(p));
		const len = polylineLength(xy);
		let inLen = len;
		if (district) {
			// Share of 10 m samples inside the district (exact enough for km figures).
			const n = Math.max(2, Math.ceil(len / 10));
			let k = 0;
			const line = f as Feature<LineString>;
			for (let i = 0; i < n; i++) {
				const pt = turf.along(line, (((i + 0.5) / n) * len) / 1000, { units: 'kilometers' });
				if (turf.booleanPointInPolygon(pt, district)) k++;
			}
			inLen = (len * k) / n;
		}
		return { id: String(f.properties!.id), xy, len, inLen, a: nodeAt(c[0]), b: nodeAt(c[c.length - 1]) };
	});
	// Turf's along() uses great-circle distance, our len is projected: both agree to < 0.5 %.
	E.forEach((e, i) => {
		const d = Math.min(20, e.len / 2);
		nodes[e.a].ends.push({ e: i, start: true, dir: bearing(e.xy[0], pointAlong(e.xy, d)) });
		nodes[e.b].ends.push({ e: i, start: false, dir: bearing(e.xy[e.xy.length - 1], pointAlong([...e.xy].reverse(), d)) });
	});
	const { strokes, strokeOf } = buildStrokes(E, nodes, maxDefl);

	// --- register
	const byStreet = new Map<string, RegisterSegment[]>();
	for (const s of register) byStreet.set(s.name, [...(byStreet.get(s.name) ?? []), s]);
	const knownNames = new Set<string>([...byStreet.keys(), ...references.map((r) => r.name_zh)]);
	const norm = (s: string) => normaliseCross(s, knownNames);
	const chains = new Map<string, Chain[]>();
	for (const [street, segs] of [...byStreet].sort((a, b) => a[0].localeCompare(b[0]))) chains.set(street, buildChains(street, segs, norm));

	// --- 2. references
	const assign: (Assign | undefined)[] = new Array(E.length);
	const refXY = references.map((r) => ({ ref: r, xy: r.coordinates.map((p) => proj.xy(p)) }));
	const refBox = refXY.map(({ xy, ref }) => {
		let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
		for (const [x, y] of xy) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
		const t = ref.accuracy_m + marginM;
		return [x0 - t, y0 - t, x1 + t, y1 + t];
	});
	E.forEach((e, i) => {
		const smp = samples(e.xy, 15);
		const hits = new Map<string, { n: number; dist: number; acc: number; kind: ReferenceLine['kind'] }>();
		for (const s of smp) {
			// The nearest same-direction reference line of each name that is within its tolerance.
			const best = new Map<string, { d: number; acc: number; kind: ReferenceLine['kind'] }>();
			refXY.forEach(({ ref, xy }, r) => {
				const [x0, y0, x1, y1] = refBox[r];
				if (s.p[0] < x0 || s.p[0] > x1 || s.p[1] < y0 || s.p[1] > y1) return;
				const tol = ref.accuracy_m + marginM;
				for (let k = 1; k < xy.length; k++) {
					const d = pointSegDist(s.p, xy[k - 1], xy[k]);
					if (d > tol || axisDiff(bearing(xy[k - 1], xy[k]), s.dir) > 30) continue;
					// Distance in units of the reference's accuracy: a 30 m line 50 m away beats a 200 m line 40 m away.
					const b = best.get(ref.name_zh);
					if (!b || d / ref.accuracy_m < b.d / b.acc) best.set(ref.name_zh, { d, acc: ref.accuracy_m, kind: ref.kind });
				}
			});
			for (const [name, b] of best) {
				const h = hits.get(name) ?? { n: 0, dist: 0, acc: b.acc, kind: b.kind };
				h.n++;
				h.dist += b.d / b.acc;
				if (b.acc < h.acc) [h.acc, h.kind] = [b.acc, b.kind];
				hits.set(name, h);
			}
		}
		const cands = [...hits]
			.map(([name, h]) => ({ name, share: h.n / smp.length, rel: h.dist / h.n, acc: h.acc, kind: h.kind }))
			.filter((c) => c.share >= minShare)
			.sort((a, b) => a.rel - b.rel || b.share - a.share || a.name.localeCompare(b.name));
		const c = cands[0];
		if (!c) return;
		const base = c.acc <= 100 && c.share >= 0.7 ? 2 : 1;
		assign[i] = { name: c.name, method: c.kind === 'elevated-over' ? 'elevated-over' : 'reference', base, anchors: 0, codes: new Set() };
	});
	// Fill short gaps: an unnamed stroke edge (≤ 250 m) between two edges of one name.
	for (const st of strokes) {
		for (let k = 1; k + 1 < st.edges.length; k++) {
			const [p, e, n] = [st.edges[k - 1], st.edges[k], st.edges[k + 1]];
			if (!assign[e] && assign[p] && assign[n] && assign[p]!.name === assign[n]!.name && E[e].len <= 250) {
				assign[e] = { name: assign[p]!.name, method: 'stroke-gap', base: 1, anchors: 0, codes: new Set() };
			}
		}
	}

	// --- 2b. bus stops: independent evidence that outranks the rough references
	const stopRadius = options.stopRadiusM ?? 40;
	const stopNames = new Set(knownNames);
	for (const sg of register) {
		for (const x of [sg.from, sg.to]) {
			const n = norm(x);
			if (/(路|道|公路)$/.test(n) && !LANDMARK.test(n) && !LANE.test(n)) stopNames.add(n);
		}
	}
	const edgeBox = E.map((e) => {
		let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
		for (const [x, y] of e.xy) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
		return [x0, y0, x1, y1];
	});
	/** Edges within `r` m of a point, nearest first (ties by id), with the direction of the nearest segment. */
	const edgesNear = (p: XY, r: number) => {
		const out: { e: number; d: number; dir: number }[] = [];
		E.forEach((e, i) => {
			const [x0, y0, x1, y1] = edgeBox[i];
			if (p[0] < x0 - r || p[0] > x1 + r || p[1] < y0 - r || p[1] > y1 + r) return;
			let best = { d: Infinity, dir: 0 };
			for (let k = 1; k < e.xy.length; k++) {
				const d = pointSegDist(p, e.xy[k - 1], e.xy[k]);
				if (d < best.d) best = { d, dir: bearing(e.xy[k - 1], e.xy[k]) };
			}
			if (best.d <= r) out.push({ e: i, ...best });
		});
		return out.sort((a, b) => a.d - b.d || E[a.e].id.localeCompare(E[b.e].id));
	};
	const [bx0, by0, bx1, by1] = bbox;
	const stops = parseBusStops(options.busStops ?? NO_STOPS, stopNames).stops.filter(
		({ position: [x, y] }) => x >= bx0 && x <= bx1 && y >= by0 && y <= by1
	);
	const stopXY = stops.map((s) => proj.xy(s.position));
	/** Per edge: street name → number of stops that put it there. */
	const votes: Map<string, number>[] = E.map(() => new Map());
	let voted = 0;
	stops.forEach((stop, i) => {
		const p = stopXY[i];
		// A stop of the same name across the road (AMap lists each direction) gives the road's cross
		// direction: the street runs at right angles to the line between the two.
		const twin = stops.findIndex((o, j) => j !== i && o.name === stop.name && Math.hypot(stopXY[j][0] - p[0], stopXY[j][1] - p[1]) < 100);
		const across = twin >= 0 ? bearing(p, stopXY[twin]) : undefined;
		const cands = edgesNear(p, stopRadius).filter((c) => across === undefined || axisDiff(c.dir, across) >= 45);
		// Near the junction the cross street's own edge may be a little nearer: pass over an edge already
		// named as the cross street when another candidate is left.
		const pick = cands.find((c) => assign[c.e]?.name !== stop.cross) ?? cands[0];
		if (!pick) return;
		voted++;
		votes[pick.e].set(stop.on, (votes[pick.e].get(stop.on) ?? 0) + 1);
	});
	/** Where stops say a street is: the stops on it, and those named after it as their cross street. */
	const mentions = new Map<string, XY[]>();
	stops.forEach((s, i) => {
		for (const n of [s.on, s.cross]) mentions.set(n, [...(mentions.get(n) ?? []), stopXY[i]]);
	});
	const farFromMentions = (e: number, name: string, r: number) => {
		const pts = mentions.get(name);
		if (!pts) return false;
		return pts.every((p) => {
			for (let k = 1; k < E[e].xy.length; k++) if (pointSegDist(p, E[e].xy[k - 1], E[e].xy[k]) <= r) return false;
			return true;
		});
	};
	const winnerAt = (e: number): string | undefined =>
		[...votes[e]].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
	for (const st of strokes) {
		const win = st.edges.map(winnerAt);
		if (win.every((w) => w === undefined)) continue;
		const total = new Map<string, number>();
		st.edges.forEach((e) => votes[e].forEach((n, name) => total.set(name, (total.get(name) ?? 0) + n)));
		// A reference name that two or more stops on this stroke contradict, and none confirms, is a
		// rough line on the wrong road: it is dropped from the whole stroke. (One stop alone may be a
		// stop at a corner, nearer the cross street: it only names what nothing else named.)
		const contradicted = new Set<string>();
		st.edges.forEach((e, k) => {
			const a = assign[e];
			const w = win[k];
			if (a && w && a.name !== w && (total.get(w) ?? 0) >= 2 && !total.has(a.name)) contradicted.add(a.name);
		});
		for (const e of st.edges) if (assign[e] && contradicted.has(assign[e]!.name)) assign[e] = undefined;
		// A digitised reference that continues the stroke beyond a street two stops vote for, under a
		// name that the stops put elsewhere (none naming it within 200 m), is on the wrong road too:
		// 兴义路's line lay along 娄山关路, where stops put 兴义路 on the cross streets 古北路 and 遵义南路.
		for (const [name, n] of total) {
			if (n < 2) continue;
			const ks = win.map((w, k) => (w === name ? k : -1)).filter((k) => k >= 0);
			for (const [from, step] of [
				[ks[0] - 1, -1],
				[ks[ks.length - 1] + 1, 1]
			] as const) {
				const first = assign[st.edges[from]];
				if (!first || first.method !== 'reference' || total.has(first.name)) continue;
				const block: number[] = [];
				for (let k = from; k >= 0 && k < st.edges.length && assign[st.edges[k]]?.name === first.name && assign[st.edges[k]]!.method === 'reference'; k += step) block.push(st.edges[k]);
				if (block.every((e) => farFromMentions(e, first.name, 200))) for (const e of block) assign[e] = undefined;
			}
		}
		// Each voted name spans the stroke from its first to its last voted edge (unless another name is
		// voted in between); the gaps take the name when nothing else named them.
		for (const [name, n] of [...total].sort((a, b) => a[0].localeCompare(b[0]))) {
			const ks = win.map((w, k) => (w === name ? k : -1)).filter((k) => k >= 0);
			if (!ks.length) continue;
			const [k0, k1] = [ks[0], ks[ks.length - 1]];
			if (win.slice(k0, k1 + 1).some((w) => w !== undefined && w !== name)) continue;
			for (let k = k0; k <= k1; k++) {
				const e = st.edges[k];
				const a = assign[e];
				if (a?.name === name) a.stops = n;
				else if (!a || (win[k] === name && n >= 2 && a.base <= 1)) {
					assign[e] = { name, method: 'busstop', base: n >= 2 ? 3 : 2, anchors: 0, codes: new Set(), stops: n };
				}
			}
		}
	}

	// --- 3. register topology
	const nameAt = (e: number) => assign[e]?.name;
	/** Names of the edges at a node, other than those in `exclude`. */
	const crossNames = (node: number, exclude: Set<number>) => {
		const s = new Set<string>();
		for (const end of nodes[node].ends) if (!exclude.has(end.e) && nameAt(end.e)) s.add(nameAt(end.e)!);
		return s;
	};
	const degree = (node: number) => nodes[node].ends.length;

	interface Run {
		edges: number[];
		nodes: number[];
		pos: number[];
	}
	const runFrom = (edgesInOrder: number[], nodesInOrder: number[]): Run => {
		const pos = [0];
		for (const e of edgesInOrder) pos.push(pos[pos.length - 1] + E[e].len);
		return { edges: edgesInOrder, nodes: nodesInOrder, pos };
	};
	/**
	 * Runs of a street: its named edges chained through the nodes where two of them meet (the pair
	 * that continues best when more meet), independent of the strokes, so a bend breaks nothing.
	 */
	const runsOf = (name: string): Run[] => {
		const mine = E.map((_, i) => i).filter((i) => nameAt(i) === name);
		if (!mine.length) return [];
		const set = new Set(mine);
		const next = new Map<string, number>(); // `${edge}:${node}` → the edge that continues it there
		const touched = new Set<number>();
		for (const e of mine) touched.add(E[e].a).add(E[e].b);
		for (const n of [...touched].sort((a, b) => a - b)) {
			const ends = nodes[n].ends.filter((x) => set.has(x.e));
			const pairs: { d: number; i: number; j: number }[] = [];
			for (let i = 0; i < ends.length; i++)
				for (let j = i + 1; j < ends.length; j++) if (ends[i].e !== ends[j].e) pairs.push({ d: 180 - Math.abs(((ends[i].dir - ends[j].dir + 540) % 360) - 180), i, j });
			pairs.sort((p, q) => p.d - q.d || p.i - q.i || p.j - q.j);
			const used = new Set<number>();
			for (const p of pairs) {
				if (used.has(p.i) || used.has(p.j) || p.d > 75) continue;
				used.add(p.i).add(p.j);
				next.set(`${ends[p.i].e}:${n}`, ends[p.j].e);
				next.set(`${ends[p.j].e}:${n}`, ends[p.i].e);
			}
		}
		const other = (e: number, n: number) => (E[e].a === n ? E[e].b : E[e].a);
		const done = new Set<number>();
		const out: Run[] = [];
		for (const e0 of mine) {
			if (done.has(e0)) continue;
			// Walk back from e0's start to the run's first edge.
			let e = e0;
			let n = E[e0].a; // the node we would leave e through when walking back
			const seen = new Set([e0]);
			for (;;) {
				const p = next.get(`${e}:${n}`);
				if (p === undefined || seen.has(p)) break;
				seen.add(p);
				n = other(p, n);
				e = p;
			}
			const runEdges: number[] = [];
			const runNodes: number[] = [n];
			for (;;) {
				done.add(e);
				runEdges.push(e);
				const m = other(e, runNodes[runNodes.length - 1]);
				runNodes.push(m);
				const p = next.get(`${e}:${m}`);
				if (p === undefined || done.has(p)) break;
				e = p;
			}
			out.push(runFrom(runEdges, runNodes));
		}
		return out;
	};

	interface Placement {
		/** Direction and offset: run position of register distance r is `off + dir * r`. */
		dir: 1 | -1;
		off: number;
		/** Per chain point: the run node index found there, or -1; and whether its name matched. */
		at: number[];
		named: boolean[];
		score: number;
	}
	const tolAt = (dr: number) => 60 + 0.12 * Math.abs(dr);
	/**
	 * Lays a chain along a run. Every (run node, chain point) pair whose names agree is tried as the
	 * anchor, both ways round; the chain points are then matched to run nodes in order (a small dynamic
	 * programme): a node whose cross street has the point's name scores 1, another junction within the
	 * tolerance 0.3, less a little for the distance from where the register puts it.
	 */
	const place = (run: Run, chain: Chain, forced?: { node: number; point: number }): Placement | undefined => {
		const runEdges = new Set(run.edges);
		const names = run.nodes.map((n) => crossNames(n, runEdges));
		const anchors: { i: number; j: number }[] = [];
		if (forced) anchors.push({ i: forced.node, j: forced.point });
		else run.nodes.forEach((_, i) => chain.points.forEach((p, j) => names[i].has(p.cross) && anchors.push({ i, j })));
		const n = run.nodes.length;
		const m = chain.points.length;
		let best: Placement | undefined;
		for (const a of anchors) {
			for (const dir of [1, -1] as const) {
				const off = run.pos[a.i] - dir * chain.points[a.j].r;
				// gain[j][i]: value of matching point j to node i (or -Infinity when not allowed).
				const gain = chain.points.map((p, j) => {
					const want = off + dir * p.r;
					const tol = tolAt(p.r - chain.points[a.j].r);
					return run.nodes.map((node, i) => {
						if (j === a.j && i === a.i) return 10; // the anchor itself
						const d = Math.abs(run.pos[i] - want);
						if (d > tol) return -Infinity;
						const isNamed = names[i].has(p.cross);
						const isEnd = i === 0 || i === n - 1;
						if (!isNamed && degree(node) < 3 && !isEnd) return -Infinity;
						// A junction whose cross street already has another name is probably not this cross
						// street (or the other name is wrong): it may be matched, but counts against.
						if (!isNamed && names[i].size > 0) return 0.05 - (0.02 * d) / tol;
						return (isNamed ? 1 : 0.3) - (0.2 * d) / tol;
					});
				});
				// Order of nodes along the chain: increasing when dir = 1.
				const ord = dir === 1 ? [...Array(n).keys()] : [...Array(n).keys()].reverse();
				// dp[j][k]: best score of points 0..j with point j at ord[k] or before (k = -1: none yet).
				const dp: number[][] = [];
				const choice: number[][] = [];
				for (let j = 0; j < m; j++) {
					dp.push(new Array(n + 1).fill(0));
					choice.push(new Array(n + 1).fill(-1));
					for (let k = 0; k <= n; k++) {
						// k: number of nodes (in ord) available to points 0..j.
						let v = j > 0 ? dp[j - 1][k] : 0; // point j unmatched
						let c = -1;
						if (k > 0) {
							if (dp[j][k - 1] > v) {
								v = dp[j][k - 1];
								c = choice[j][k - 1];
							}
							const g = gain[j][ord[k - 1]];
							const prev = j > 0 ? dp[j - 1][k - 1] : 0;
							if (g > -Infinity && prev + g > v) {
								v = prev + g;
								c = k - 1;
							}
						}
						dp[j][k] = v;
						choice[j][k] = c;
					}
				}
				const at = new Array<number>(m).fill(-1);
				let k = n;
				for (let j = m - 1; j >= 0; j--) {
					const c = choice[j][k];
					// c = -1 means point j unmatched with k nodes; find whether dp came from the match.
					if (c >= 0 && gain[j][ord[c]] > -Infinity && Math.abs((j > 0 ? dp[j - 1][c] : 0) + gain[j][ord[c]] - dp[j][k]) < 1e-9) {
						at[j] = ord[c];
						k = c;
					}
				}
				const named = at.map((i, j) => i >= 0 && names[i].has(chain.points[j].cross));
				// A register junction predicted inside the run but not found there counts against the
				// placement: it tells which way a street goes from an anchor at its end.
				const L = run.pos[n - 1];
				const score = at.reduce((t, i, j) => {
					if (i >= 0) return t + (named[j] ? 1 : names[i].size > 0 ? -0.2 : 0.3);
					const want = off + dir * chain.points[j].r;
					return t - (want > 0 && want < L ? 0.3 : 0);
				}, 0);
				if (!best || score > best.score + 1e-9) best = { dir, off, at, named, score };
			}
		}
		return best;
	};

	/** Cross-street junctions found by the placement of the named streets: street name → nodes. */
	const seeds = new Map<string, { node: number; from: string; fromEdges: Set<number> }[]>();

	const extendAndSeed = (street: string): boolean => {
		let changed = false;
		for (const chain of chains.get(street) ?? []) {
			for (const run of runsOf(street)) {
				const pl = place(run, chain);
				if (!pl || pl.named.filter(Boolean).length === 0) continue;
				const rs = chain.points.map((p) => pl.off + pl.dir * p.r);
				// Trim: reference-named edges inside the district that lie wholly beyond where the
				// register puts the street's ends belong to another street (a rough reference ran on).
				if ((chains.get(street) ?? []).length === 1) {
					const lo = Math.min(...rs) - tolAt(0);
					const hi = Math.max(...rs) + tolAt(0);
					run.edges.forEach((e, k) => {
						const [p0, p1] = [run.pos[k], run.pos[k + 1]];
						const a = assign[e]!;
						if ((p1 <= lo || p0 >= hi) && E[e].inLen > E[e].len / 2 && !a.method.startsWith('register') && !a.stops) {
							assign[e] = undefined;
							changed = true;
						}
					});
					if (changed) continue;
				}
				// Extend along the stroke where the register goes on beyond the run's ends.
				const need = [Math.max(0, -Math.min(...rs)), Math.max(0, Math.max(...rs) - run.pos[run.pos.length - 1])];
				const ends: [number, number][] = [
					[run.edges[0], run.nodes[0]],
					[run.edges[run.edges.length - 1], run.nodes[run.nodes.length - 1]]
				];
				ends.forEach(([endEdge, endNode], side) => {
					// Walk on from the run's end through the best-continuing unnamed edge at each node (the
					// stroke partner when there is one; otherwise any edge deflecting less than 45°).
					let e = endEdge;
					let node = endNode;
					let got = 0;
					while (need[side] - got > tolAt(0) / 2) {
						const inDir = nodes[node].ends.find((x) => x.e === e && (x.start ? E[e].a : E[e].b) === node)!.dir;
						const st = strokes[strokeOf[e]];
						const k = st.edges.indexOf(e);
						const strokeNext = st.nodes[k] === node ? st.edges[k - 1] : st.nodes[k + 1] === node ? st.edges[k + 1] : undefined;
						const options = nodes[node].ends
							.filter((x) => x.e !== e && !assign[x.e])
							.map((x) => ({ e: x.e, start: x.start, d: 180 - Math.abs(((x.dir - inDir + 540) % 360) - 180) }))
							.filter((x) => x.e === strokeNext || x.d < 45)
							.sort((p, q) => Number(q.e === strokeNext) - Number(p.e === strokeNext) || p.d - q.d || p.e - q.e);
						const next = options[0];
						// Edges are not split: take one while its middle lies within the register's reach.
						if (!next || got + E[next.e].len / 2 > need[side]) break;
						assign[next.e] = { name: street, method: 'register-extension', base: 1, anchors: 1, codes: new Set() };
						got += E[next.e].len;
						changed = true;
						e = next.e;
						node = next.start ? E[e].b : E[e].a;
					}
				});
				// Seeds for unnamed cross streets: only from a placement that two named junctions hold,
				// and only between (or at) those junctions, where the register's distances are interpolated.
				const namedJ = pl.named.map((v, j) => (v ? j : -1)).filter((j) => j >= 0);
				if (namedJ.length < 2) continue;
				const runEdges = new Set(run.edges);
				chain.points.forEach((p, j) => {
					if (pl.at[j] < 0 || !byStreet.has(p.cross) || j < namedJ[0] - 2 || j > namedJ[namedJ.length - 1] + 2) return;
					const node = run.nodes[pl.at[j]];
					const list = seeds.get(p.cross) ?? [];
					if (!list.some((s) => s.node === node)) list.push({ node, from: street, fromEdges: runEdges });
					seeds.set(p.cross, list);
				});
			}
		}
		return changed;
	};

	/** A register street with no named edges yet: lay it along a stroke through a seed junction. */
	const inferFromSeeds = (street: string): boolean => {
		const list = seeds.get(street);
		if (!list || runsOf(street).length) return false;
		let best: { score: number; edges: number[]; named: number } | undefined;
		for (const seed of [...list].sort((a, b) => a.node - b.node)) {
			const strokeIds = [...new Set(nodes[seed.node].ends.filter((x) => !seed.fromEdges.has(x.e)).map((x) => strokeOf[x.e]))].sort((a, b) => a - b);
			for (const sid of strokeIds) {
				const st = strokes[sid];
				if (st.edges.some((e) => seed.fromEdges.has(e))) continue;
				const run = runFrom(st.edges, st.nodes);
				const i = st.nodes.indexOf(seed.node);
				if (i < 0) continue;
				for (const chain of chains.get(street)!) {
					const j = chain.points.findIndex((p) => p.cross === seed.from);
					if (j < 0) continue;
					const pl = place(run, chain, { node: i, point: j });
					if (!pl) continue;
					// The part of the stroke the register covers, snapped to the nodes found.
					const found = pl.at.filter((x) => x >= 0);
					const lo = Math.min(...found);
					const hi = Math.max(...found);
					if (hi <= lo) continue;
					const span = st.edges.slice(lo, hi);
					const named = pl.named.filter(Boolean).length;
					// Only unnamed edges — or, when two named junctions confirm it, edges that a rough
					// reference alone (low confidence, nothing from the register) had named otherwise.
					const weak = (e: number) =>
						!assign[e] || (named >= 2 && assign[e]!.base <= 1 && assign[e]!.codes.size === 0 && !assign[e]!.method.startsWith('register') && !assign[e]!.stops);
					if (!span.every(weak)) continue;
					const score = pl.score + (named >= 2 ? 1 : 0);
					if (!best || score > best.score) best = { score, edges: span, named };
				}
			}
		}
		if (!best) return false;
		for (const e of best.edges) assign[e] = { name: street, method: 'register-topology', base: 1, anchors: best.named >= 2 ? 2 : 1, codes: new Set() };
		return true;
	};

	const streetNames = [...chains.keys()];
	for (let round = 0; round < 8; round++) {
		let changed = false;
		seeds.clear();
		for (const s of streetNames) changed = extendAndSeed(s) || changed;
		for (const s of streetNames) changed = inferFromSeeds(s) || changed;
		if (!changed) break;
	}

	// --- 4. register segments onto edges
	const matched = new Set<string>();
	const reasons = new Map<string, UnmatchedReason>();
	for (const street of streetNames) {
		const runs = runsOf(street);
		for (const chain of chains.get(street)!) {
			// The run that the most named junctions hold takes its segments first: a run placed by one
			// anchor must not take the segments of a run that four confirm.
			const placed = runs
				.map((run) => ({ run, pl: place(run, chain) }))
				.filter((x): x is { run: Run; pl: Placement } => x.pl !== undefined)
				.map((x) => ({ ...x, nNamed: x.pl.named.filter(Boolean).length }))
				.sort((a, b) => b.nNamed - a.nNamed || b.pl.score - a.pl.score || E[a.run.edges[0]].id.localeCompare(E[b.run.edges[0]].id));
			for (const { run, pl, nNamed } of placed) {
				// Consecutive found points j < k: segments j..k-1 lie on the edges between them. Points
				// with no junction in the geometry (a lane the network lacks) are passed over, and the
				// segments on both sides share those edges.
				const found = pl.at.map((i, j) => (i >= 0 ? j : -1)).filter((j) => j >= 0);
				for (let f = 1; f < found.length; f++) {
					const [j, k] = [found[f - 1], found[f]];
					const [i0, i1] = [pl.at[j], pl.at[k]];
					const segs = chain.segs.slice(j, k);
					if (i0 === i1 || segs.some((sg) => matched.has(sg.code))) continue;
					const span = run.edges.slice(Math.min(i0, i1), Math.max(i0, i1));
					for (const e of span) {
						for (const sg of segs) assign[e]!.codes.add(sg.code);
						assign[e]!.anchors = Math.max(assign[e]!.anchors, nNamed >= 2 ? 2 : 1);
					}
					for (const sg of segs) matched.add(sg.code);
				}
			}
			for (const seg of chain.segs) {
				if (matched.has(seg.code)) continue;
				let reason: UnmatchedReason;
				if (SERVICE_ROAD.test(street)) reason = 'service road beside a main street: the network has one line per corridor';
				else if (LANE.test(street)) reason = 'lane-level road (弄/宅/浜/村): the road network has no lanes';
				else if (!runs.length) reason = 'street not found in the geometry: no reference line and no register inference reached it';
				else if (LANDMARK.test(seg.from) || LANDMARK.test(seg.to)) reason = 'ends at a landmark, not a street, and could not be placed by length';
				else if (runs.some((run) => run.nodes.some((n) => crossNames(n, new Set(run.edges)).has(norm(seg.from)) || crossNames(n, new Set(run.edges)).has(norm(seg.to)))))
					reason = 'beyond the named extent of the street in the geometry';
				else reason = 'cross street not found on the street';
				reasons.set(seg.code, reason);
			}
		}
	}
	for (const code of matched) reasons.delete(code);
	// A street the register covers completely (one chain, every segment on the geometry) has no room
	// for more: other edges in the district that carry its name but none of its codes are a rough
	// reference's overreach (a parallel road, a run past the end), so they lose the name.
	for (const street of streetNames) {
		const ch = chains.get(street)!;
		if (ch.length !== 1 || !ch[0].segs.every((sg) => matched.has(sg.code))) continue;
		E.forEach((e, i) => {
			const a = assign[i];
			if (a?.name === street && a.codes.size === 0 && !a.stops && e.inLen > e.len / 2) assign[i] = undefined;
		});
	}

	// --- output
	const known = options.englishNames ?? new Map(references.filter((r) => r.name_en).map((r) => [r.name_zh, r.name_en!] as [string, string]));
	const gradeOf = new Map<string, EdgeName['grade']>();
	for (const [street, segs] of byStreet) {
		const g = segs.some((s) => s.grade === '主干路') ? 'arterial' : segs.some((s) => s.grade === '次干路') ? 'collector' : 'local';
		gradeOf.set(street, g);
	}
	const names = new Map<string, EdgeName>();
	const km = { total: 0, named: 0, labelled: 0, high: 0, medium: 0, low: 0 };
	const byMethod: Record<string, number> = {};
	E.forEach((e, i) => {
		const a = assign[i];
		km.total += e.inLen;
		if (!a) {
			names.set(e.id, { name_zh: '', name_en: '', name_method: 'unnamed', name_confidence: 'none', name_label: false, register_codes: [] });
			return;
		}
		let method = a.method;
		let conf: NameConfidence;
		const stopsSay = a.stops ?? votes[i].get(a.name) ?? 0;
		if (method === 'busstop') {
			// Several stops agreeing, with the register placing the street here: as sure as it gets.
			if (a.codes.size > 0) {
				method = 'busstop+register';
				conf = stopsSay >= 2 || a.anchors >= 2 ? 'high' : 'medium';
			} else conf = stopsSay >= 2 ? 'medium' : 'low';
		} else if (stopsSay > 0) {
			// Another source named it and stops on the stroke say the same.
			method = method.startsWith('register') ? `${method}+busstop` : `${method}+busstop${a.codes.size > 0 ? '+register' : ''}`;
			conf = a.codes.size > 0 || stopsSay >= 2 ? 'high' : 'medium';
		} else if (method === 'reference' || method === 'elevated-over') {
			if (a.codes.size > 0) {
				method += '+register';
				conf = a.base >= 2 || a.anchors >= 2 ? 'high' : 'medium';
			} else {
				if (method === 'reference') method = 'reference-only';
				// A register street that the register could not confirm here: trust the reference less.
				conf = a.base >= 2 ? 'medium' : 'low';
			}
		} else if (method === 'stroke-gap') {
			conf = a.codes.size > 0 ? 'medium' : 'low';
		} else {
			// register-extension, register-topology
			conf = a.codes.size > 0 && a.anchors >= 2 ? 'medium' : 'low';
		}
		const label = conf === 'high' || conf === 'medium';
		names.set(e.id, {
			name_zh: a.name,
			name_en: englishName(a.name, known),
			name_method: method,
			name_confidence: conf,
			name_label: label,
			register_codes: [...a.codes].sort(),
			...(gradeOf.has(a.name) ? { grade: gradeOf.get(a.name) } : {})
		});
		km.named += e.inLen;
		if (label) km.labelled += e.inLen;
		km[conf as 'high' | 'medium' | 'low'] += e.inLen;
		byMethod[method] = (byMethod[method] ?? 0) + e.inLen;
	});

	const streets: StreetCheck[] = [];
	for (const street of streetNames) {
		const segs = byStreet.get(street)!;
		const codes = new Set(segs.map((s) => s.code));
		let matchedM = 0;
		let namedIn = 0;
		E.forEach((e, i) => {
			const a = assign[i];
			if (a?.name !== street) return;
			namedIn += e.inLen;
			if ([...a.codes].some((c) => codes.has(c))) matchedM += e.len;
		});
		const registerM = segs.reduce((t, s) => t + s.length_m, 0);
		const nMatched = segs.filter((s) => matched.has(s.code)).length;
		streets.push({
			name_zh: street,
			name_en: englishName(street, known),
			register_m: Math.round(registerM),
			segments: segs.length,
			matched_segments: nMatched,
			matched_m: Math.round(matchedM),
			named_in_district_m: Math.round(namedIn),
			complete: nMatched === segs.length && chains.get(street)!.length === 1,
			ratio: +(matchedM / registerM).toFixed(3)
		});
	}
	streets.sort((a, b) => b.register_m - a.register_m || a.name_zh.localeCompare(b.name_zh));

	const unmatched: UnmatchedSegment[] = register
		.filter((s) => !matched.has(s.code))
		.map((s) => ({ code: s.code, name: s.name, from: s.from, to: s.to, length_m: s.length_m, reason: reasons.get(s.code) ?? 'street not found in the geometry: no reference line and no register inference reached it' }));
	const byReason: Record<string, { segments: number; km: number }> = {};
	for (const u of unmatched) {
		const r = (byReason[u.reason] ??= { segments: 0, km: 0 });
		r.segments++;
		r.km += u.length_m / 1000;
	}
	for (const r of Object.values(byReason)) r.km = +r.km.toFixed(2);
	// The invariant the stops check: the nearest named edge to a stop names the street it stands on.
	const namedSomewhere = new Set(assign.filter((a) => a).map((a) => a!.name));
	const check: BusStopCheck = { parsed: stops.length, voted, checkable: 0, no_named_edge: 0, agree: 0, agreement: 0, contradictions: [] };
	stops.forEach((stop, i) => {
		if (!namedSomewhere.has(stop.on)) return;
		check.checkable++;
		const nearest = edgesNear(stopXY[i], stopRadius).find((c) => assign[c.e]);
		if (!nearest) check.no_named_edge++;
		else if (assign[nearest.e]!.name === stop.on) check.agree++;
		else check.contradictions.push({ stop: stop.name, on: stop.on, edge: E[nearest.e].id, named: assign[nearest.e]!.name, distance_m: Math.round(nearest.d) });
	});
	check.agreement = +(check.agree / Math.max(1, check.checkable - check.no_named_edge)).toFixed(3);
	check.contradictions.sort((a, b) => a.stop.localeCompare(b.stop) || a.edge.localeCompare(b.edge));

	const k3 = (m: number) => +(m / 1000).toFixed(2);
	const report: ConflationReport = {
		edges: E.length,
		km_total: k3(km.total),
		km_named: k3(km.named),
		km_labelled: k3(km.labelled),
		km_by_confidence: { high: k3(km.high), medium: k3(km.medium), low: k3(km.low) },
		km_by_method: Object.fromEntries(Object.entries(byMethod).sort().map(([k, v]) => [k, k3(v)])),
		register_segments: register.length,
		register_matched: matched.size,
		register_km: k3(register.reduce((t, s) => t + s.length_m, 0)),
		register_km_matched: k3(register.filter((s) => matched.has(s.code)).reduce((t, s) => t + s.length_m, 0)),
		unmatched,
		unmatched_by_reason: byReason,
		streets,
		bus_stops: check
	};
	return { names, report };
}

// ---------------------------------------------------------------------------------------------
// CLI

/** Reads the project's inputs (paths relative to the repository root) and runs the conflation. */
export function conflateProjectNames(root: string, roadsPath = 'geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson') {
	const read = (p: string) => JSON.parse(readFileSync(resolve(root, p), 'utf8'));
	const roads = read(roadsPath) as FeatureCollection<LineString>;
	const register = parseRegisterCsv(readFileSync(resolve(root, 'geodata/sources/road-register/changning-road-segments.csv'), 'utf8'));
	const references = referencesFrom(read('geodata/src/streets.raw.geojson'), read('geodata/transit/elevated_roads.geojson'));
	const district = (read('geodata/admin/changning.wgs84.geojson') as FeatureCollection<Polygon | MultiPolygon>).features[0];
	const busStops = read(PROJECT_BUS_STOPS) as FeatureCollection;
	return { roads, register, references, district, busStops, ...conflateNames(roads, register, references, { district, busStops }) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = resolve(fileURLToPath(import.meta.url), '../../..');
	const { report } = conflateProjectNames(root, process.argv[2]);
	const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
	console.log(`edges ${report.edges}; in the district ${report.km_total} km, named ${report.km_named} km (${pct(report.km_named, report.km_total)}), labelled ${report.km_labelled} km`);
	console.log('by confidence (km):', report.km_by_confidence);
	console.log('by method (km):', report.km_by_method);
	console.log(`register segments matched ${report.register_matched} / ${report.register_segments} (${report.register_km_matched} of ${report.register_km} km)`);
	console.log('unmatched by reason:', report.unmatched_by_reason);
	const b = report.bus_stops;
	console.log(`bus stops: ${b.parsed} parsed, ${b.voted} voted; on a named street ${b.checkable}, no named edge within reach ${b.no_named_edge}; nearest named edge agrees ${b.agree} (${pct(b.agree, b.checkable - b.no_named_edge)})`);
	if (process.env.VERBOSE) for (const c of b.contradictions) console.log(`  ${c.stop}: nearest named edge ${c.edge} (${c.distance_m} m) is ${c.named}`);
	console.log('\nstreet | register m | segments matched | matched m | ratio | named in district m | complete');
	for (const s of report.streets.filter((s) => s.matched_segments > 0 || s.register_m >= 500)) {
		console.log(`${s.name_zh} ${s.name_en} | ${s.register_m} | ${s.matched_segments}/${s.segments} | ${s.matched_m} | ${s.ratio} | ${s.named_in_district_m} | ${s.complete ? 'yes' : ''}`);
	}
	if (process.env.VERBOSE) for (const u of report.unmatched) console.log(`${u.code} ${u.name} ${u.from}→${u.to} ${u.length_m} m: ${u.reason}`);
}
