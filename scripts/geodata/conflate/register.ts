/**
 * The road-segment register (Shanghai, 2017): parsing the CSV, and each street's segments chained by
 * their cross streets into an ordered street with distances (安化路: 江苏路 →710 m→ 安西路 →232 m→ 定西路 …).
 */
import type { ReferenceLine, RegisterSegment } from './types';

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

export interface ChainPoint {
	/** The cross street (normalised) or landmark at this point. */
	cross: string;
	/** Distance from the chain's start along the register, m. */
	r: number;
}

export interface Chain {
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

/** Register street names of lanes and hamlets: the network has no lanes. */
export const LANE = /弄|宅|浜|村|大街|弄堂|门口|工商局|^\S*\d$/;
/** Service roads beside a main street: the network has one line per corridor. */
export const SERVICE_ROAD = /地面道路|辅道/;
/** Segment ends that are landmarks, not streets. */
export const LANDMARK = /弄底|弄口|铁道|区界|苏州河|沟渠|大门|围墙|号|以[东南西北]|米$|小学|中学|学校|医院|厂|站|所|中心|招待所|空港|桥$|铁门|弯角|丁字路口|游泳池|别墅|许浦港/;

/** The register as the stages use it: segments per street, their chains, and every street name known. */
export interface RegisterIndex {
	byStreet: Map<string, RegisterSegment[]>;
	/** Chains per street, streets in name order. */
	chains: Map<string, Chain[]>;
	/** Every register street, in name order (the order the stages visit them). */
	streetNames: string[];
	/** Register streets and reference names: what a cross-street spelling is matched against. */
	knownNames: Set<string>;
	/** A cross-street spelling of the register → the street name ({@link normaliseCross}). */
	normalise(raw: string): string;
}

/**
 * Index the register for the stages.
 *
 * @param register rows from {@link parseRegisterCsv}
 * @param references the reference lines, whose names count as known streets too
 */
export function indexRegister(register: RegisterSegment[], references: ReferenceLine[]): RegisterIndex {
	const byStreet = new Map<string, RegisterSegment[]>();
	for (const s of register) byStreet.set(s.name, [...(byStreet.get(s.name) ?? []), s]);
	const knownNames = new Set<string>([...byStreet.keys(), ...references.map((r) => r.name_zh)]);
	const normalise = (s: string) => normaliseCross(s, knownNames);
	const chains = new Map<string, Chain[]>();
	for (const [street, segs] of [...byStreet].sort((a, b) => a[0].localeCompare(b[0]))) chains.set(street, buildChains(street, segs, normalise));
	return { byStreet, chains, streetNames: [...chains.keys()], knownNames, normalise };
}
