/**
 * Builds the walking network `geodata/streets.geojson` from the real road network
 * (`geodata/sources/osm-roads/changning-roads.osm.wgs84.geojson`, OpenStreetMap-derived, unnamed).
 *
 * What happens, in order (every step is deterministic, so a re-run gives the same file):
 * 1. **Clip** to the district plus `MARGIN_M`, so a 15-minute walk that starts at the edge is not cut
 *    off: segments crossing the margin's edge are cut there.
 * 2. **Node.** The source segments already meet at exactly shared end points (checked: no two
 *    segments cross without one), so the junctions are the shared ends; nothing is snapped.
 * 3. **Expressways.** Segments that run under an OSM expressway for most of their length, where
 *    the expressway has no street beneath it (the Outer Ring, the airport departure ramps …), are
 *    kept for the map but marked `walkable: false`. Elsewhere the source holds one line per
 *    corridor, the surface street under the viaduct, so it stays walkable: nothing is walked twice.
 * 4. **Bridges.** A walkable segment that crosses Suzhou Creek (it runs from inside the district
 *    across the creek polygon to outside) is a bridge: in this data every creek crossing is a
 *    real road crossing, and no other way over exists.
 * 5. **Components.** Walkable pieces not connected to the district's main network (left over by the
 *    clip at the margin) are dropped and listed in the report.
 *
 * Names come later, from `conflate-names.ts`, through the `name` hook.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import { round, roundPosition } from './round';

/** How far beyond the district the network reaches: a 15-minute walk at 4.8 km/h is 1,200 m. */
export const MARGIN_M = 1300;

/** OSM elevated-road names that have no walkable street beneath them. */
const EXPRESSWAY_ONLY = [/外环高速/, /沪渝高速/, /京沪高速/, /其他高架高速/, /出发$/];

/** A segment is "under" an elevated road when this share of it lies within `UNDER_M` of one. */
const UNDER_SHARE = 0.8;
const UNDER_M = 30;

/** Accuracy of the OSM-derived geometry: 5 m median, 25 m 90th percentile against OSM transit. */
export const OSM_ROAD_ACCURACY_M = 25;

export interface StreetNameRecord {
	name_zh: string;
	name_en: string;
	/** How the name was decided, e.g. `reference+register`. */
	name_method: string;
	name_confidence: 'high' | 'medium' | 'low' | 'none';
	/** Whether the map labels the street with this name (only names we are sure of). */
	name_label: boolean;
	/** Register segment codes (路段编码) this edge belongs to. */
	register_codes: string[];
	/** Register grade: 主干路 arterial, 次干路 collector, 支路 local. */
	grade?: 'arterial' | 'collector' | 'local';
}

export interface StreetBuildInput {
	roads: FeatureCollection<LineString>;
	elevated: FeatureCollection;
	district: Feature<Polygon | MultiPolygon>;
	/** The stretch of the district boundary that follows Suzhou Creek (see water.ts). */
	creekLine: Feature<LineString>;
	/** Names per edge id, computed on the noded, walkable edges. */
	name?: (edges: FeatureCollection<LineString, { id: string }>) => Map<string, StreetNameRecord>;
}

export interface StreetBuildReport {
	segmentsIn: number;
	/** Pieces kept (walkable or not), after clipping. */
	pieces: number;
	walkableKm: number;
	walkableKmInDistrict: number;
	/** Junctions: nodes where three or more walkable pieces meet, in the district. */
	junctionsInDistrict: number;
	deadEndsInDistrict: number;
	expressway: { id: string; under: string; km: number }[];
	bridges: { id: string; at: Position; m: number }[];
	droppedComponents: { pieces: number; km: number; at: Position }[];
}

type Props = Record<string, unknown>;

/** A node's identity: its (already rounded) coordinates. */
const key = (c: Position) => `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
const metres = (f: Feature<LineString>) => turf.length(f, { units: 'meters' });

/** Cut each segment to the clip polygon; pieces keep the source id with a suffix when cut. */
function clip(roads: FeatureCollection<LineString>, area: Feature<Polygon | MultiPolygon>): Feature<LineString, Props>[] {
	const out: Feature<LineString, Props>[] = [];
	const [w, s, e, n] = turf.bbox(area);
	for (const road of roads.features) {
		const coords = road.geometry.coordinates;
		const id = String(road.properties?.id ?? '');
		if (!id) throw new Error('streets: an osm-roads segment has no id');
		const inside = coords.map((c) => c[0] >= w && c[0] <= e && c[1] >= s && c[1] <= n && turf.booleanPointInPolygon(c, area));
		if (inside.every(Boolean)) {
			out.push(turf.lineString(coords, { id }));
			continue;
		}
		if (!turf.booleanIntersects(road, area)) continue;
		const pieces = turf.lineSplit(road, area).features.filter((piece) => {
			const mid = turf.along(piece, metres(piece) / 2, { units: 'meters' });
			return turf.booleanPointInPolygon(mid, area);
		});
		pieces.forEach((piece, i) => {
			const c = piece.geometry.coordinates.map(roundPosition);
			if (c.length >= 2 && metres(turf.lineString(c)) > 1) out.push(turf.lineString(c, { id: `${id}-${i + 1}` }));
		});
	}
	return out;
}

/** Half the length given to a bridge piece: the creek's half-width plus the abutments. */
const BRIDGE_HALF_M = 45;

/**
 * Cut a piece where it crosses the creek line into approaches and a short `bridge` piece centred on
 * the crossing, so the map marks the bridge itself and the test can tell crossings apart.
 */
function splitAtCreek(piece: Feature<LineString, Props>, creekLine: Feature<LineString>): Feature<LineString, Props>[] {
	const crossings = turf.lineIntersect(piece, creekLine).features;
	if (crossings.length === 0) return [{ ...piece, properties: { ...piece.properties, bridge: false } }];
	const len = metres(piece);
	const at = crossings
		.map((p) => turf.nearestPointOnLine(piece, p, { units: 'meters' }).properties.location)
		.sort((a, b) => a - b);
	const cuts: { from: number; to: number; bridge: boolean }[] = [];
	let from = 0;
	for (const d of at) {
		const a = Math.max(from, d - BRIDGE_HALF_M);
		const b = Math.min(len, d + BRIDGE_HALF_M);
		if (a - from > 1) cuts.push({ from, to: a, bridge: false });
		cuts.push({ from: a, to: b, bridge: true });
		from = b;
	}
	if (len - from > 1) cuts.push({ from, to: len, bridge: false });
	return cuts.map((cut, i) => {
		const c = turf.lineSliceAlong(piece, cut.from, cut.to, { units: 'meters' }).geometry.coordinates.map(roundPosition);
		// The cut points are new shared ends: the neighbour piece must start exactly where this one stops.
		return turf.lineString(c, { id: `${piece.properties.id}-${cut.bridge ? 'bridge' : 'part'}${i + 1}`, bridge: cut.bridge });
	});
}

/** Share of a line within `tol` metres of any of `lines`, and the name of the nearest. */
function underShare(
	line: Feature<LineString>,
	index: ReturnType<typeof turf.geojsonRbush<LineString, Props>>,
	tol: number
): { share: number; name: string } {
	const len = metres(line);
	const n = Math.max(2, Math.ceil(len / 20));
	const near = index.search(turf.buffer(line, tol, { units: 'meters' })!).features;
	if (near.length === 0) return { share: 0, name: '' };
	let hits = 0;
	const names = new Map<string, number>();
	for (let i = 0; i <= n; i++) {
		const p = turf.along(line, (len * i) / n, { units: 'meters' });
		let best = Infinity;
		let bestName = '';
		for (const other of near) {
			const d = turf.pointToLineDistance(p, other, { units: 'meters' });
			if (d < best) {
				best = d;
				bestName = String(other.properties?.name_zh ?? '');
			}
		}
		if (best <= tol) {
			hits++;
			names.set(bestName, (names.get(bestName) ?? 0) + 1);
		}
	}
	const top = [...names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
	return { share: hits / (n + 1), name: top?.[0] ?? '' };
}

/** Connected components of the walkable pieces (by shared end points), largest first. */
function components(pieces: Feature<LineString, Props>[]): number[][] {
	const byNode = new Map<string, number[]>();
	pieces.forEach((p, i) => {
		for (const c of [p.geometry.coordinates[0], p.geometry.coordinates.at(-1)!]) {
			const k = key(c);
			const list = byNode.get(k) ?? [];
			list.push(i);
			byNode.set(k, list);
		}
	});
	const seen = new Int32Array(pieces.length).fill(-1);
	const comps: number[][] = [];
	for (let start = 0; start < pieces.length; start++) {
		if (seen[start] >= 0) continue;
		const comp: number[] = [];
		const stack = [start];
		seen[start] = comps.length;
		while (stack.length) {
			const i = stack.pop()!;
			comp.push(i);
			const c = pieces[i].geometry.coordinates;
			for (const end of [c[0], c.at(-1)!]) {
				for (const j of byNode.get(key(end)) ?? []) {
					if (seen[j] < 0) {
						seen[j] = comps.length;
						stack.push(j);
					}
				}
			}
		}
		comps.push(comp.sort((a, b) => a - b));
	}
	return comps.sort((a, b) => b.length - a.length || a[0] - b[0]);
}

function kmInside(f: Feature<LineString>, district: Feature<Polygon | MultiPolygon>): number {
	const coords = f.geometry.coordinates;
	if (coords.every((c) => turf.booleanPointInPolygon(c, district))) return metres(f) / 1000;
	if (!turf.booleanIntersects(f, district)) return 0;
	let km = 0;
	for (const piece of turf.lineSplit(f, district).features) {
		const mid = turf.along(piece, metres(piece) / 2, { units: 'meters' });
		if (turf.booleanPointInPolygon(mid, district)) km += metres(piece) / 1000;
	}
	return km;
}

/**
 * Build the walking network.
 *
 * @returns the street features (sorted by id) and a report of what was done and measured
 */
export function buildStreets(input: StreetBuildInput): { streets: FeatureCollection<LineString>; report: StreetBuildReport } {
	const { roads, elevated, district, creekLine } = input;
	const area = turf.buffer(district, MARGIN_M, { units: 'meters' }) as Feature<Polygon | MultiPolygon>;
	const pieces = clip(roads, area);

	const elevatedLines = turf.flatten(elevated as FeatureCollection<LineString>) as FeatureCollection<LineString, Props>;
	const index = turf.geojsonRbush<LineString, Props>();
	index.load(elevatedLines);

	const report: StreetBuildReport = {
		segmentsIn: roads.features.length,
		pieces: 0,
		walkableKm: 0,
		walkableKmInDistrict: 0,
		junctionsInDistrict: 0,
		deadEndsInDistrict: 0,
		expressway: [],
		bridges: [],
		droppedComponents: []
	};

	const walkable: Feature<LineString, Props>[] = [];
	const overhead: Feature<LineString, Props>[] = [];
	for (const piece of pieces) {
		const under = underShare(piece, index, UNDER_M);
		const expresswayOnly = under.share >= UNDER_SHARE && EXPRESSWAY_ONLY.some((re) => re.test(under.name));
		if (expresswayOnly) {
			piece.properties.under = under.name;
			overhead.push(piece);
			report.expressway.push({ id: String(piece.properties.id), under: under.name, km: round(metres(piece) / 1000, 3) });
			continue;
		}
		walkable.push(...splitAtCreek(piece, creekLine));
	}

	// Keep the component that holds the district's network; list what the clip left stranded.
	const comps = components(walkable);
	const kept: Feature<LineString, Props>[] = [];
	comps.forEach((comp, i) => {
		if (i === 0) {
			kept.push(...comp.map((j) => walkable[j]));
			return;
		}
		const km = comp.reduce((t, j) => t + metres(walkable[j]), 0) / 1000;
		report.droppedComponents.push({ pieces: comp.length, km: round(km, 3), at: walkable[comp[0]].geometry.coordinates[0] });
	});

	const edgeIds = turf.featureCollection(kept.map((f) => turf.lineString(f.geometry.coordinates, { id: `street-${f.properties.id}` })));
	const names = input.name?.(edgeIds) ?? new Map<string, StreetNameRecord>();

	const unnamed: StreetNameRecord = {
		name_zh: '',
		name_en: '',
		name_method: 'unnamed',
		name_confidence: 'none',
		name_label: false,
		register_codes: []
	};
	const features: Feature<LineString>[] = [];
	for (const f of kept) {
		const id = `street-${f.properties.id}`;
		const name = names.get(id) ?? unnamed;
		const bridge = f.properties.bridge === true;
		features.push({
			type: 'Feature',
			geometry: f.geometry,
			properties: {
				id,
				name_zh: name.name_zh,
				name_en: name.name_en,
				class: bridge ? 'bridge' : (name.grade ?? 'local'),
				walkable: true,
				length_m: round(metres(f), 0),
				accuracy_m: OSM_ROAD_ACCURACY_M,
				source: 'osm',
				name_method: name.name_method,
				name_confidence: name.name_confidence,
				name_label: name.name_label,
				register_codes: name.register_codes
			}
		});
		if (bridge) report.bridges.push({ id, at: f.geometry.coordinates[0], m: round(metres(f), 0) });
	}
	for (const f of overhead) {
		const id = `street-${f.properties.id}`;
		features.push({
			type: 'Feature',
			geometry: f.geometry,
			properties: {
				id,
				name_zh: String(f.properties.under ?? ''),
				name_en: '',
				class: 'expressway',
				walkable: false,
				length_m: round(metres(f), 0),
				accuracy_m: OSM_ROAD_ACCURACY_M,
				source: 'osm',
				name_method: 'elevated-overhead',
				name_confidence: 'high',
				name_label: false,
				register_codes: []
			}
		});
	}
	features.sort((a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id)));

	// Figures for the README and the issue note, measured on what is written.
	const degree = new Map<string, number>();
	for (const f of kept) {
		for (const c of [f.geometry.coordinates[0], f.geometry.coordinates.at(-1)!]) degree.set(key(c), (degree.get(key(c)) ?? 0) + 1);
		report.walkableKm += metres(f) / 1000;
		report.walkableKmInDistrict += kmInside(f, district);
	}
	for (const [k, d] of degree) {
		const [x, y] = k.split(',').map(Number);
		if (!turf.booleanPointInPolygon([x, y], district)) continue;
		if (d >= 3) report.junctionsInDistrict++;
		if (d === 1) report.deadEndsInDistrict++;
	}
	report.pieces = features.length;
	report.walkableKm = round(report.walkableKm, 1);
	report.walkableKmInDistrict = round(report.walkableKmInDistrict, 1);
	return { streets: { type: 'FeatureCollection', features }, report };
}
