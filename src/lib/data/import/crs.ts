/**
 * Chinese coordinate systems: which one a file's coordinates are in, and conversion between them.
 *
 *   WGS84  GPS, OpenStreetMap, this app (GeoJSON's RFC 7946 system)
 *   GCJ-02 the state-mandated obfuscation ("Mars coordinates"): AMap, Tencent, Apple Maps in China;
 *          in Changning about 480–490 m off WGS84 (≈ 440 m east, 210 m south)
 *   BD-09  Baidu's further offset of GCJ-02: about 1.1 km off WGS84 in Changning
 *
 * Detection, by which reading lands the points where things are: each candidate system's reading of
 * the points is converted to WGS84 and compared with the street network the app already has (a point
 * of interest sits by a street, a road vertex on one). The offsets (≈ 0.5, 0.7, 1.1 km between the
 * three) exceed the typical distance from an address to its street (tens of metres) but not the
 * junction spacing (300–600 m), so a wrong reading still lands some points near *another* street by
 * chance: each reading is therefore scored against chance (the same points moved by similar offsets
 * in arbitrary directions), and a reading that chance explains is no evidence. The district outline
 * and a Shanghai box are shown as evidence only (they tell "is this Changning" more than "which
 * system": 0.5 km hardly moves a share of a district).
 *
 * Measured (scripts/crs-detect-report.ts): points that follow streets (bus stops, metro stations,
 * restaurants, road and rail lines) are placed right with high confidence; schools, kindergartens,
 * clinics and cinemas sit inside blocks, away from the roads the network has, and come out
 * `undetermined` rather than guessed — the user chooses then.
 *
 * Pure and synchronous: the street geometry and outline are inputs (createCrsReference), so tests and
 * scripts hand in the bundled files and the app hands in whatever network it runs on.
 */
import gcoord from 'gcoord';
import type { BBox, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { createLocalProjection, metresPerDegree, type LocalProjection } from '../../geo/projection';
import { eachPosition, mapPositions } from './features';

/** The three systems, in gcoord's names. */
export type Crs = 'WGS84' | 'GCJ02' | 'BD09';
export const CRS_LIST: readonly Crs[] = ['WGS84', 'GCJ02', 'BD09'];

/** Shanghai municipality, generously: lon 120.85–122.2, lat 30.67–31.88. */
export const SHANGHAI_BOX: BBox = [120.85, 30.67, 122.2, 31.88];

/**
 * gcoord's own rough box of China: outside it gcoord leaves GCJ-02/BD-09 coordinates unshifted,
 * because the offsets are only defined for China. Crude (it covers Korea and Japan too), and that is
 * the point: "outside China" here means "where the offset does not exist", as gcoord computes it.
 */
export function isInChina(lon: number, lat: number): boolean {
	return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

/**
 * One position from one system to another (a third value, the height, is kept).
 *
 * Accuracy: WGS84 → GCJ-02 → BD-09 are the published formulas (exact by definition). The inverses
 * are gcoord's: GCJ-02 → WGS84 iterates to 1e-6° (≈ 0.1 m); BD-09 → GCJ-02 is a closed-form
 * approximation. Measured round trips over Changning: at most 0.12 m through GCJ-02 and 0.16 m
 * through BD-09 (tests/unit/import-crs.test.ts holds them under 1 m).
 *
 * @example convertPosition([121.4240, 31.2210], 'WGS84', 'GCJ02') // ≈ [121.42853, 31.21911]
 */
export function convertPosition(p: Position, from: Crs, to: Crs): Position {
	if (from === to) return [...p];
	const [x, y] = gcoord.transform([p[0], p[1]], gcoord[from], gcoord[to]) as [number, number];
	return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
}

/** A geometry in another system (a new object; the input is left alone, unlike gcoord.transform). */
export function convertGeometry<G extends Geometry>(geometry: G, from: Crs, to: Crs): G {
	return mapPositions(geometry, (p) => convertPosition(p, from, to));
}

/**
 * A FeatureCollection in another system: for import (file's system → WGS84) and export (WGS84 → the
 * system a user's other tools expect). Properties and ids are kept; a new collection is returned.
 *
 * @example convertCollection(imported, 'GCJ02', 'WGS84')
 */
export function convertCollection(collection: FeatureCollection, from: Crs, to: Crs): FeatureCollection {
	return {
		...collection,
		features: collection.features.map((f) => ({ ...f, geometry: f.geometry && convertGeometry(f.geometry, from, to) }))
	};
}

/**
 * Positions to test, at most `max`, spread evenly over the file (every k-th distinct position, in
 * file order: deterministic, no random numbers, so the same file always gets the same verdict).
 */
export function samplePositions(collection: FeatureCollection, max = 2000): Position[] {
	const seen = new Set<string>();
	const all: Position[] = [];
	for (const f of collection.features) {
		if (!f.geometry) continue;
		eachPosition(f.geometry, (p) => {
			const key = `${p[0]},${p[1]}`;
			if (seen.has(key)) return;
			seen.add(key);
			all.push(p);
		});
	}
	if (all.length <= max) return all;
	const step = all.length / max;
	return Array.from({ length: max }, (_, i) => all[Math.floor(i * step)]);
}

/** What detection compares against, all in WGS84. */
export interface CrsReferenceInput {
	/** The streets: one array of [lon, lat] per line (the bundled network, or an imported one). */
	streets: readonly (readonly Position[])[];
	/** The district outline (Changning), for the "inside the district" evidence; null to skip. */
	outline: Polygon | MultiPolygon | null;
	/** The wider area, for the "inside Shanghai" evidence (default {@link SHANGHAI_BOX}). */
	area?: BBox;
}

/** Beyond this, "far from any street": distances are capped here (medians stay finite, outliers harmless). */
export const STREET_SEARCH_M = 400;
/** Grid cell of the street index, metres. */
const CELL_M = 200;

/** A prepared reference: a grid index of the street segments in local metres, and the outline. */
export interface CrsReference {
	/** Metres to the nearest street from a WGS84 position, at most {@link STREET_SEARCH_M}. */
	streetMetres(p: Position): number;
	/** Whether a WGS84 position lies in the district outline (false when there is none). */
	inDistrict(p: Position): boolean;
	/** Whether a WGS84 position lies in the area box. */
	inArea(p: Position): boolean;
	/** The streets' extent grown by 1.5 km: only points inside are compared with the streets. */
	readonly streetBox: BBox;
	readonly hasOutline: boolean;
}

/**
 * Prepares the reference once (a grid of segments: ~1 ms for the bundled 600 streets).
 *
 * @example const ref = createCrsReference({ streets: lines, outline: changning.geometry });
 */
export function createCrsReference(input: CrsReferenceInput): CrsReference {
	const vertices = input.streets.flat();
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of vertices) {
		if (x < w) w = x;
		if (y < s) s = y;
		if (x > e) e = x;
		if (y > n) n = y;
	}
	const hasStreets = vertices.length > 0;
	const proj: LocalProjection = createLocalProjection(hasStreets ? (w + e) / 2 : 121.42, hasStreets ? (s + n) / 2 : 31.21);
	const marginLon = 1500 / proj.metresPerDegreeLon;
	const marginLat = 1500 / proj.metresPerDegreeLat;
	const streetBox: BBox = hasStreets ? [w - marginLon, s - marginLat, e + marginLon, n + marginLat] : [0, 0, -1, -1];

	// Segments as flat [ax, ay, bx, by] in metres; each cell lists the segments whose box touches it.
	const segs: number[] = [];
	const cells = new Map<number, number[]>();
	const key = (cx: number, cy: number) => cx * 100_003 + cy;
	for (const line of input.streets) {
		for (let i = 1; i < line.length; i++) {
			const [ax, ay] = proj.toMetres(line[i - 1]);
			const [bx, by] = proj.toMetres(line[i]);
			const id = segs.length / 4;
			segs.push(ax, ay, bx, by);
			for (let cx = Math.floor(Math.min(ax, bx) / CELL_M); cx <= Math.floor(Math.max(ax, bx) / CELL_M); cx++) {
				for (let cy = Math.floor(Math.min(ay, by) / CELL_M); cy <= Math.floor(Math.max(ay, by) / CELL_M); cy++) {
					const k = key(cx, cy);
					const list = cells.get(k);
					if (list) list.push(id);
					else cells.set(k, [id]);
				}
			}
		}
	}
	const reach = Math.ceil(STREET_SEARCH_M / CELL_M);
	const streetMetres = (p: Position): number => {
		const [px, py] = proj.toMetres(p);
		const cx0 = Math.floor(px / CELL_M);
		const cy0 = Math.floor(py / CELL_M);
		let best2 = STREET_SEARCH_M * STREET_SEARCH_M;
		for (let cx = cx0 - reach; cx <= cx0 + reach; cx++) {
			for (let cy = cy0 - reach; cy <= cy0 + reach; cy++) {
				const list = cells.get(key(cx, cy));
				if (!list) continue;
				for (const id of list) {
					const ax = segs[id * 4], ay = segs[id * 4 + 1], bx = segs[id * 4 + 2], by = segs[id * 4 + 3];
					const dx = bx - ax, dy = by - ay;
					const len2 = dx * dx + dy * dy;
					const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
					const ex = ax + t * dx - px, ey = ay + t * dy - py;
					const d2 = ex * ex + ey * ey;
					if (d2 < best2) best2 = d2;
				}
			}
		}
		return Math.sqrt(best2);
	};

	const polygons: Position[][][] = !input.outline ? [] : input.outline.type === 'Polygon' ? [input.outline.coordinates] : input.outline.coordinates;
	const inDistrict = (p: Position) => polygons.some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((hole) => inRing(p, hole)));
	const area = input.area ?? SHANGHAI_BOX;
	const inArea = ([x, y]: Position) => x >= area[0] && x <= area[2] && y >= area[1] && y <= area[3];
	return { streetMetres, inDistrict, inArea, streetBox, hasOutline: polygons.length > 0 };
}

/** Even–odd ray casting. */
function inRing([x, y]: Position, ring: Position[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** How well one reading fits: the evidence shown to the user. */
export interface CrsScore {
	crs: Crs;
	/** Share (0–1) of the sampled positions inside the district outline, read in this system. */
	inDistrict: number;
	/** Share (0–1) of the sampled positions inside Shanghai. */
	inArea: number;
	/** Median metres to the nearest street over the compared positions (capped at 400); null when none was compared. */
	medianStreetM: number | null;
	/** Share (0–1) of the compared positions within {@link ON_STREET_M} of a street. */
	onStreet: number;
	/** The share chance gives: the same positions moved 0.6–1 km in 8 directions from where this reading puts them. */
	chance: number;
	/**
	 * How far `onStreet` stands above chance, in standard deviations (a z-score against the share
	 * that arbitrary 0.6–1 km shifts of the same points reach). About 0 for a wrong reading; 3 or more
	 * is a fit that chance does not explain.
	 */
	fit: number;
}

/** A position "is on a street" within this many metres (road centre lines, and stops or entrances beside them). */
export const ON_STREET_M = 30;
/** A reading fits when its on-street share is this many standard deviations above chance. */
const FIT_Z = 3;
/** A second reading makes the file "mixed" when, over the positions the best reading leaves off-street, it fits this well … */
const MIXED_Z = 4;
/** … with at least this many positions of its own. */
const MIXED_MIN = 5;
/**
 * The chance baseline: each reading's positions moved 0.6 and 1 km in 8 directions (offset from the axes,
 * so as not to slide along a grid of streets), about the size of the offsets between the systems.
 */
const CHANCE_SHIFTS: readonly [number, number][] = [600, 1000].flatMap((r) =>
	Array.from({ length: 8 }, (_, k) => [r * Math.cos(((22.5 + 45 * k) * Math.PI) / 180), r * Math.sin(((22.5 + 45 * k) * Math.PI) / 180)] as [number, number])
);

export type CrsConfidence = 'high' | 'medium' | 'low';

export type CrsDetection =
	/** One system fits. `confidence`: high when its fit is ≥ 8, medium ≥ 5, low ≥ 3 (see CrsScore.fit). */
	| { kind: 'detected'; crs: Crs; confidence: CrsConfidence; scores: CrsScore[]; sampled: number; compared: number }
	/**
	 * Two or three systems each fit a real part of the points (a list merged from AMap and Baidu
	 * exports): `crs` fits most, `others` fit what it leaves off the streets.
	 */
	| { kind: 'mixed'; crs: Crs; others: Crs[]; scores: CrsScore[]; sampled: number; compared: number }
	/** Most points lie outside China, where GCJ-02 and BD-09 do not exist: they are WGS84. */
	| { kind: 'outside-china'; crs: 'WGS84'; outside: number; sampled: number }
	/**
	 * No verdict: nothing to sample, no point within 1.5 km of the streets, or no reading that puts
	 * the points on the streets more often than chance (schools and clinics inside compounds, away
	 * from the roads the network has, often look like that). The user must say.
	 */
	| { kind: 'undetermined'; reason: 'no-positions' | 'far-from-streets' | 'no-fit'; scores: CrsScore[]; sampled: number; compared: number };

/** z-score of k successes out of n against a chance rate p. */
function zScore(k: number, n: number, p: number): number {
	if (n === 0) return 0;
	const q = Math.min(0.98, Math.max(0.02, p));
	return (k - n * q) / Math.sqrt(n * q * (1 - q));
}

/**
 * Guesses the system a set of positions is in.
 *
 * Each reading (the positions taken as WGS84, GCJ-02, BD-09, converted to WGS84) is scored by the
 * share of positions within 30 m of a street, against chance: the share the same positions reach
 * when moved 0.6–1 km in 8 directions. A reading fits when it beats chance by 3 standard
 * deviations. The best fitting reading is the guess; the file is `mixed` when another reading
 * also fits (by 4 SD, 5+ positions) the positions the best one leaves off the streets. Positions
 * more than 1.5 km from the network are not compared; most positions outside China make the answer
 * `outside-china`. District and Shanghai shares are returned as evidence only.
 *
 * @param positions the file's positions as found (samplePositions gives an even spread of them)
 * @param reference createCrsReference's result
 * @example detectCrs(samplePositions(imported.collection), reference) // { kind: 'detected', crs: 'GCJ02', confidence: 'high', … }
 */
export function detectCrs(positions: readonly Position[], reference: CrsReference): CrsDetection {
	const sampled = positions.length;
	if (sampled === 0) return { kind: 'undetermined', reason: 'no-positions', scores: [], sampled, compared: 0 };
	const outside = positions.filter(([x, y]) => !isInChina(x, y)).length;
	if (outside * 2 > sampled) return { kind: 'outside-china', crs: 'WGS84', outside, sampled };

	const readings = CRS_LIST.map((crs) => positions.map((p) => convertPosition(p, crs, 'WGS84')));
	const box = reference.streetBox;
	// Compared: near the network in the WGS84 reading (the readings lie within ~1.2 km of each other, the margin is 1.5 km).
	const near = positions.map((_, i) => i).filter((i) => {
		const [x, y] = readings[0][i];
		return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
	});
	const distances = readings.map((r) => near.map((i) => reference.streetMetres(r[i])));
	const on = distances.map((row) => row.map((d) => d <= ON_STREET_M));
	const n = near.length;
	const compared = n;
	// Chance, per reading: the same positions moved around where that reading puts them (near the edge
	// of the network fewer shifted positions find a street, so one baseline for all would favour some).
	const chances = readings.map((r) => {
		let hits = 0;
		for (const i of near) {
			const [x, y] = r[i];
			const [kx, ky] = metresPerDegree(y);
			for (const [dx, dy] of CHANCE_SHIFTS) if (reference.streetMetres([x + dx / kx, y + dy / ky]) <= ON_STREET_M) hits++;
		}
		return n ? hits / (n * CHANCE_SHIFTS.length) : 0;
	});
	const count = (flags: boolean[]) => flags.filter(Boolean).length;
	const scores: CrsScore[] = CRS_LIST.map((crs, c) => ({
		crs,
		inDistrict: round3(readings[c].filter((p) => reference.inDistrict(p)).length / sampled),
		inArea: round3(readings[c].filter((p) => reference.inArea(p)).length / sampled),
		medianStreetM: n ? Math.round(median(distances[c]) * 10) / 10 : null,
		onStreet: n ? round3(count(on[c]) / n) : 0,
		chance: round3(chances[c]),
		fit: Math.round(zScore(count(on[c]), n, chances[c]) * 10) / 10
	}));
	const base = { scores, sampled, compared };
	if (n === 0) return { kind: 'undetermined', reason: 'far-from-streets', ...base };

	const best = CRS_LIST.map((_, c) => c).sort((a, b) => scores[b].fit - scores[a].fit)[0];
	if (scores[best].fit < FIT_Z) return { kind: 'undetermined', reason: 'no-fit', ...base };
	// What the best reading leaves off the streets: does another reading put a real share of it on them?
	const rest = near.map((_, k) => k).filter((k) => !on[best][k]);
	const others = CRS_LIST.filter((_, c) => {
		if (c === best) return false;
		const k = rest.filter((r) => on[c][r]).length;
		return k >= MIXED_MIN && zScore(k, rest.length, chances[c]) >= MIXED_Z;
	});
	if (others.length > 0) return { kind: 'mixed', crs: CRS_LIST[best], others, ...base };
	const fit = scores[best].fit;
	return { kind: 'detected', crs: CRS_LIST[best], confidence: fit >= 8 ? 'high' : fit >= 5 ? 'medium' : 'low', ...base };
}

/**
 * detectCrs over an even sample of a collection's positions (at most 2,000): what the app calls
 * after importFile.
 *
 * @example detectCollectionCrs(result.collection, reference)
 */
export function detectCollectionCrs(collection: FeatureCollection, reference: CrsReference): CrsDetection {
	return detectCrs(samplePositions(collection), reference);
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
