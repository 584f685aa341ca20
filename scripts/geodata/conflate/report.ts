/**
 * The output of conflate-names.ts: each edge's final name with its method and confidence, and the
 * coverage report (km named and labelled, register segments matched, bus-stop agreement).
 *
 * Confidence: `high` = two sources agree (reference and register, or two or more stops with either);
 * `medium` = one good source (a reference of ≤ 100 m accuracy, or a register inference confirmed by a
 * second named junction); `low` = a guess. Only high and medium are labelled on the map.
 */
import type { StopVotes } from './bus-stops';
import { englishName } from './english';
import type { Network } from './network';
import type { RegisterIndex } from './register';
import type { SegmentMatch } from './segments';
import type { Assignment, Assignments } from './assignments';
import type {
	BusStopCheck,
	ConflationReport,
	EdgeName,
	NameConfidence,
	ReferenceLine,
	RegisterSegment,
	StreetCheck,
	UnmatchedSegment
} from './types';
import { round } from '../round';

export interface ConflationResult {
	network: Network;
	register: RegisterSegment[];
	index: RegisterIndex;
	references: ReferenceLine[];
	assigned: Assignments;
	stopVotes: StopVotes;
	/** The radius the stops voted within, m: the agreement check uses the same. */
	stopRadiusM: number;
	segmentMatch: SegmentMatch;
	/** English names known from elsewhere (name_zh → name_en); default: the references' own. */
	englishNames?: Map<string, string>;
}

/** The method and confidence of an edge's final name, from how it was named and what backs it. */
function methodAndConfidence(a: Assignment, stopsSay: number): { method: string; confidence: NameConfidence } {
	const method = a.method;
	if (method === 'busstop') {
		// Several stops agreeing, with the register placing the street here: as sure as it gets.
		if (a.codes.size > 0) return { method: 'busstop+register', confidence: stopsSay >= 2 || a.anchors >= 2 ? 'high' : 'medium' };
		return { method, confidence: stopsSay >= 2 ? 'medium' : 'low' };
	}
	if (stopsSay > 0) {
		// Another source named it and stops on the stroke say the same.
		return {
			method: method.startsWith('register') ? `${method}+busstop` : `${method}+busstop${a.codes.size > 0 ? '+register' : ''}`,
			confidence: a.codes.size > 0 || stopsSay >= 2 ? 'high' : 'medium'
		};
	}
	if (method === 'reference' || method === 'elevated-over') {
		if (a.codes.size > 0) return { method: `${method}+register`, confidence: a.base >= 2 || a.anchors >= 2 ? 'high' : 'medium' };
		// A register street that the register could not confirm here: trust the reference less.
		return { method: method === 'reference' ? 'reference-only' : method, confidence: a.base >= 2 ? 'medium' : 'low' };
	}
	if (method === 'stroke-gap') return { method, confidence: a.codes.size > 0 ? 'medium' : 'low' };
	// register-extension, register-topology
	return { method, confidence: a.codes.size > 0 && a.anchors >= 2 ? 'medium' : 'low' };
}

/** Kilometres inside the district, by what was named and how sure. */
interface Tally {
	total: number;
	named: number;
	labelled: number;
	high: number;
	medium: number;
	low: number;
	byMethod: Record<string, number>;
}

/** The final name of every edge, and the lengths (m) it names. */
function edgeNames(result: ConflationResult, known: Map<string, string>): { names: Map<string, EdgeName>; tally: Tally } {
	const { network, index, assigned, stopVotes } = result;
	const gradeOf = new Map<string, EdgeName['grade']>();
	for (const [street, segs] of index.byStreet) {
		const grade = segs.some((s) => s.grade === '主干路') ? 'arterial' : segs.some((s) => s.grade === '次干路') ? 'collector' : 'local';
		gradeOf.set(street, grade);
	}
	const names = new Map<string, EdgeName>();
	const tally: Tally = { total: 0, named: 0, labelled: 0, high: 0, medium: 0, low: 0, byMethod: {} };
	network.edges.forEach((e, i) => {
		const a = assigned[i];
		tally.total += e.lengthInDistrict;
		if (!a) {
			names.set(e.id, { name_zh: '', name_en: '', name_method: 'unnamed', name_confidence: 'none', name_label: false, register_codes: [] });
			return;
		}
		const { method, confidence } = methodAndConfidence(a, a.stops ?? stopVotes.votes[i].get(a.name) ?? 0);
		const label = confidence === 'high' || confidence === 'medium';
		names.set(e.id, {
			name_zh: a.name,
			name_en: englishName(a.name, known),
			name_method: method,
			name_confidence: confidence,
			name_label: label,
			register_codes: [...a.codes].sort(),
			...(gradeOf.has(a.name) ? { grade: gradeOf.get(a.name) } : {})
		});
		tally.named += e.lengthInDistrict;
		if (label) tally.labelled += e.lengthInDistrict;
		tally[confidence as 'high' | 'medium' | 'low'] += e.lengthInDistrict;
		tally.byMethod[method] = (tally.byMethod[method] ?? 0) + e.lengthInDistrict;
	});
	return { names, tally };
}

/** Per register street: its register length against what the network names and matches. */
function streetChecks(result: ConflationResult, known: Map<string, string>): StreetCheck[] {
	const { network, index, assigned } = result;
	const { matched } = result.segmentMatch;
	const streets: StreetCheck[] = [];
	for (const street of index.streetNames) {
		const segs = index.byStreet.get(street)!;
		const codes = new Set(segs.map((s) => s.code));
		let matchedM = 0;
		let namedInDistrictM = 0;
		network.edges.forEach((e, i) => {
			const a = assigned[i];
			if (a?.name !== street) return;
			namedInDistrictM += e.lengthInDistrict;
			if ([...a.codes].some((c) => codes.has(c))) matchedM += e.length;
		});
		const registerM = segs.reduce((t, s) => t + s.length_m, 0);
		const matchedCount = segs.filter((s) => matched.has(s.code)).length;
		streets.push({
			name_zh: street,
			name_en: englishName(street, known),
			register_m: round(registerM, 0),
			segments: segs.length,
			matched_segments: matchedCount,
			matched_m: round(matchedM, 0),
			named_in_district_m: round(namedInDistrictM, 0),
			complete: matchedCount === segs.length && index.chains.get(street)!.length === 1,
			ratio: round(matchedM / registerM, 3)
		});
	}
	return streets.sort((a, b) => b.register_m - a.register_m || a.name_zh.localeCompare(b.name_zh));
}

/** The invariant the stops check: the nearest named edge to a stop names the street it stands on. */
function busStopCheck(result: ConflationResult): BusStopCheck {
	const { network, assigned, stopRadiusM } = result;
	const { stops, stopXY, voted } = result.stopVotes;
	const namedSomewhere = new Set(assigned.filter((a) => a).map((a) => a!.name));
	const check: BusStopCheck = { parsed: stops.length, voted, checkable: 0, no_named_edge: 0, agree: 0, agreement: 0, contradictions: [] };
	stops.forEach((stop, i) => {
		if (!namedSomewhere.has(stop.on)) return;
		check.checkable++;
		const nearest = network.edgesNear(stopXY[i], stopRadiusM).find((c) => assigned[c.edge]);
		if (!nearest) check.no_named_edge++;
		else if (assigned[nearest.edge]!.name === stop.on) check.agree++;
		else {
			const named = assigned[nearest.edge]!.name;
			check.contradictions.push({ stop: stop.name, on: stop.on, edge: network.edges[nearest.edge].id, named, distance_m: round(nearest.distance, 0) });
		}
	});
	check.agreement = round(check.agree / Math.max(1, check.checkable - check.no_named_edge), 3);
	check.contradictions.sort((a, b) => a.stop.localeCompare(b.stop) || a.edge.localeCompare(b.edge));
	return check;
}

/** Metres → km, 2 decimals. */
const toKm = (m: number) => round(m / 1000, 2);

/**
 * The final name of every edge and the coverage report.
 *
 * @returns `names`: a name for every edge id (`name_method: 'unnamed'` when none), and the report
 */
export function namesAndReport(result: ConflationResult): { names: Map<string, EdgeName>; report: ConflationReport } {
	const { network, register, references } = result;
	const { matched, reasons } = result.segmentMatch;
	const known = result.englishNames ?? new Map(references.filter((r) => r.name_en).map((r) => [r.name_zh, r.name_en!] as [string, string]));
	const { names, tally } = edgeNames(result, known);
	const unmatched: UnmatchedSegment[] = register
		.filter((s) => !matched.has(s.code))
		.map((s) => ({ code: s.code, name: s.name, from: s.from, to: s.to, length_m: s.length_m, reason: reasons.get(s.code) ?? 'street not found in the geometry: no reference line and no register inference reached it' }));
	const byReason: Record<string, { segments: number; km: number }> = {};
	for (const u of unmatched) {
		const r = (byReason[u.reason] ??= { segments: 0, km: 0 });
		r.segments++;
		r.km += u.length_m / 1000;
	}
	for (const r of Object.values(byReason)) r.km = round(r.km, 2);
	const report: ConflationReport = {
		edges: network.edges.length,
		km_total: toKm(tally.total),
		km_named: toKm(tally.named),
		km_labelled: toKm(tally.labelled),
		km_by_confidence: { high: toKm(tally.high), medium: toKm(tally.medium), low: toKm(tally.low) },
		km_by_method: Object.fromEntries(Object.entries(tally.byMethod).sort().map(([k, v]) => [k, toKm(v)])),
		register_segments: register.length,
		register_matched: matched.size,
		register_km: toKm(register.reduce((t, s) => t + s.length_m, 0)),
		register_km_matched: toKm(register.filter((s) => matched.has(s.code)).reduce((t, s) => t + s.length_m, 0)),
		unmatched,
		unmatched_by_reason: byReason,
		streets: streetChecks(result, known),
		bus_stops: busStopCheck(result)
	};
	return { names, report };
}
