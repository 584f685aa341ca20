/**
 * The compare view's table model (src/lib/components/dashboard/compare.ts) and its CSV. One
 * validator, `checkTable`, states what must always hold — every figure cell comes from exactly one
 * fact of its row's place, every fact is shown exactly once, no two columns read the same, a value
 * cell never carries a period or a source — and runs over every layer of the real data in both
 * languages and over seeded random layers built to collide (same label for different periods,
 * units or places; one place stating a figure twice). Sorting is checked the same way: a stable
 * permutation with missing values last in both directions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { parsePlaces } from '$lib/data/places';
import { PLACE_LAYER_IDS, SOURCE_IDS, type Fact, type PlaceFeature } from '$lib/data/schema';
import { SOURCES } from '$lib/data/sources';
import { loadStrings, loadToolStrings, translate, type Lang, type StringKey } from '$lib/i18n/strings';
import { mulberry32 } from '$lib/graph/random';
import { formatFact, formatPeriod } from '$lib/components/format';
import {
	comparableLayers,
	compareCsv,
	compareTable,
	figureGroups,
	sortRows,
	sortTable,
	type CompareTable,
	type SortDirection
} from '$lib/components/dashboard/compare';
import { BOM, csvField, csvText } from '$lib/components/dashboard/csv';
import { withPlaceMetrics } from '../../scripts/geodata/places/metrics';

/** The places as the app loads them: committed geodata plus the metrics the build adds (area_m2…). */
function loadBuiltPlaces(): PlaceFeature[] {
	const dir = join(process.cwd(), 'geodata', 'places');
	const features = PLACE_LAYER_IDS.flatMap(
		(layer) => (JSON.parse(readFileSync(join(dir, `${layer}.geojson`), 'utf8')) as FeatureCollection).features.map(withPlaceMetrics)
	);
	return parsePlaces({ type: 'FeatureCollection', features });
}

const places = loadBuiltPlaces();
const tFor = (lang: Lang) => (key: StringKey, params?: Record<string, string | number>) => translate(lang, key, params);
const LANGS: Lang[] = ['en', 'zh'];

beforeAll(async () => {
	// The figures tab's words are tool strings (en-tools.ts): the app loads them with the tab.
	await loadToolStrings();
	await loadStrings('zh');
});

/** Everything the table must satisfy, for the given places of its layer. */
function checkTable(table: CompareTable, all: readonly PlaceFeature[], lang: Lang): void {
	const members = all.filter((p) => p.properties.layer === table.layer);
	const label = `${table.layer} (${lang})`;
	// Rows: the layer's places, each once, in the data's order.
	expect(table.rows.map((r) => r.id), label).toEqual(members.map((p) => p.properties.id));
	for (const row of table.rows) expect(row.cells).toHaveLength(table.columns.length);

	// No two columns read the same, nor two column keys.
	const headers = table.columns.map((c) => c.header);
	expect(new Set(headers).size, `${label}: duplicate headers ${headers.join(' | ')}`).toBe(headers.length);
	expect(new Set(table.columns.map((c) => c.key)).size).toBe(table.columns.length);
	// A shown heading is the end of the whole one (the rest is said to screen readers only).
	for (const c of table.columns) expect(c.header.endsWith(c.short), c.header).toBe(true);

	const byId = new Map(members.map((p) => [p.properties.id, p]));
	/** How many value cells show each fact, "placeId#index". */
	const shown = new Map<string, number>();
	table.columns.forEach((column, i) => {
		if (column.kind === 'name' || column.kind === 'area' || column.kind === 'length') {
			for (const row of table.rows) expect(row.cells[i].fact, `${column.key} cell with a fact`).toBeUndefined();
			return;
		}
		// Value, period and source columns of one figure: every present cell is a fact of the row's own
		// place, the same fact across the three, and all the column's facts are one figure.
		const valueIndex = table.columns.findIndex((c) => c.kind === 'value' && c.group?.key === column.group?.key);
		expect(valueIndex).toBeGreaterThanOrEqual(0);
		const figures = new Set<string>();
		for (const row of table.rows) {
			const cell = row.cells[i];
			const place = byId.get(row.id)!;
			if (cell.sort === null) {
				expect(cell.fact).toBeUndefined();
				expect(cell.text).toBe('');
				continue;
			}
			expect(cell.fact, `${column.header} / ${row.id}`).toBeDefined();
			expect(cell.fact!.placeId).toBe(row.id);
			expect(row.cells[valueIndex].fact).toEqual(cell.fact);
			const fact = place.properties.facts[cell.fact!.index];
			expect(fact).toBeDefined();
			figures.add(JSON.stringify([fact.label, fact.unit, fact.period]));
			const period = formatPeriod(fact.period, lang);
			const source = SOURCES[fact.source].short[lang];
			if (column.kind === 'value') {
				shown.set(`${row.id}#${cell.fact!.index}`, (shown.get(`${row.id}#${cell.fact!.index}`) ?? 0) + 1);
				expect(cell.text).toBe(formatFact(fact, lang));
				expect(cell.sort).toBe(fact.value);
				// Periods and sources have columns of their own, never inside the value.
				expect(cell.text.includes(period), `period "${period}" in value "${cell.text}"`).toBe(false);
				expect(cell.text.includes(source), `source "${source}" in value "${cell.text}"`).toBe(false);
			} else if (column.kind === 'period') {
				expect(cell.text).toBe(period);
			} else {
				expect(cell.text).toBe(source);
			}
		}
		expect(figures.size, `${column.header} mixes figures`).toBeLessThanOrEqual(1);
	});
	// Every fact of every place is shown, exactly once.
	for (const p of members) {
		p.properties.facts.forEach((_, index) => expect(shown.get(`${p.properties.id}#${index}`), `${p.properties.id} fact ${index}`).toBe(1));
	}
	// Computed columns only when some place has the measure, and then exactly from it.
	const area = table.columns.findIndex((c) => c.kind === 'area');
	expect(area >= 0).toBe(members.some((p) => p.properties.area_m2 !== undefined));
	if (area >= 0) for (const row of table.rows) expect(row.cells[area].sort).toBe(byId.get(row.id)!.properties.area_m2 ?? null);
}

describe('compareTable on the real data', () => {
	it('has the metrics the build precomputes, validated by the schema', () => {
		const cbd = places.find((p) => p.properties.id === 'hongqiao-cbd-changning')!;
		expect(cbd.properties.area_m2).toBeGreaterThan(1e6);
		expect(cbd.properties.label_point).toHaveLength(2);
		expect(places.find((p) => p.properties.id === 'art-yuyuan')!.properties.length_m).toBeGreaterThan(0);
	});

	it.each(LANGS.flatMap((lang) => PLACE_LAYER_IDS.map((layer) => [layer, lang] as const)))('%s in %s: every invariant holds', (layer, lang) => {
		checkTable(compareTable(places, layer, lang, tFor(lang)), places, lang);
	});

	it('lists Hongqiao’s 14 places with the 4 outlines’ areas in km²', () => {
		const table = compareTable(places, 'hongqiao', 'en', tFor('en'));
		expect(table.rows).toHaveLength(14);
		const area = table.columns.findIndex((c) => c.kind === 'area');
		const withArea = table.rows.filter((r) => r.cells[area].sort !== null);
		expect(withArea).toHaveLength(4);
		const cbd = table.rows.find((r) => r.id === 'hongqiao-cbd-changning')!;
		expect(cbd.cells[area].text).toBe('16.42 km²');
		// Every place sits in one row; there is no length column in a layer without lines.
		expect(table.columns.some((c) => c.kind === 'length')).toBe(false);
	});

	it('Shanghai Arch’s two “Tax paid” figures get two columns told apart by their period', () => {
		for (const [lang, expected] of [
			['en', ['Tax paid (2022)', 'Tax paid (Jan–Jul 2023)']],
			['zh', ['纳税额（2022年）', '纳税额（2023年1–7月）']]
		] as const) {
			const table = compareTable(places, 'hongqiao', lang, tFor(lang));
			const values = table.columns.filter((c) => c.kind === 'value').map((c) => c.header);
			for (const header of expected) expect(values, lang).toContain(header);
			// A label no other figure shares stays plain.
			expect(values).toContain(lang === 'en' ? 'Tax per unit floor area' : '单位面积税收');
		}
	});

	it('a layer of lines gets a length column and no area column', () => {
		const table = compareTable(places, 'historic-streets', 'en', tFor('en'));
		expect(table.columns.map((c) => c.kind)).toContain('length');
		expect(table.columns.map((c) => c.kind)).not.toContain('area');
		const length = table.columns.findIndex((c) => c.kind === 'length');
		expect(table.rows[0].cells[length].text).toMatch(/^1\.\d\d km$/);
	});

	it('offers the layers with at least two places, in the layer panel’s order', () => {
		expect(comparableLayers(places, PLACE_LAYER_IDS)).toEqual([
			{ layer: 'silicon-alley', count: 5 },
			{ layer: 'hongqiao', count: 14 },
			{ layer: 'suzhou-creek', count: 4 },
			{ layer: 'historic-streets', count: 4 }
		]);
	});

	it('sorts Hongqiao by area both ways, the 10 points without one last', () => {
		const table = compareTable(places, 'hongqiao', 'en', tFor('en'));
		const area = table.columns.findIndex((c) => c.kind === 'area');
		for (const direction of ['ascending', 'descending'] as const) {
			const sorted = sortTable(table, 'area', direction, 'en').map((r) => r.cells[area].sort);
			const present = sorted.slice(0, 4) as number[];
			expect(present.every((x) => x !== null)).toBe(true);
			expect(sorted.slice(4).every((x) => x === null)).toBe(true);
			const ordered = [...present].sort((a, b) => (direction === 'ascending' ? a - b : b - a));
			expect(present).toEqual(ordered);
		}
		// An unknown column leaves the data's order.
		expect(sortTable(table, 'nope', 'ascending', 'en')).toEqual(table.rows);
	});
});

/** A seeded layer of places whose facts are built to collide. */
function randomPlaces(seed: number): PlaceFeature[] {
	const rand = mulberry32(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	// Labels that collide in one language only, or look like an escalated header.
	const labels = [
		{ en: 'Area', zh: '面积' },
		{ en: 'Area', zh: '用地面积' },
		{ en: 'Tax paid', zh: '纳税额' },
		{ en: 'Tax paid (2022)', zh: '纳税额（2022年）' },
		{ en: 'Place', zh: '地点' },
		{ en: 'Computed area', zh: '计算面积' },
		{ en: 'Firms, "key"', zh: '重点，企业' }
	];
	const units = ['km²', 'companies', 'billion yuan', '%'];
	const periods = ['2022', 'Jan–Jul 2023', 'H1 2023', 'as of Aug 2023'];
	const count = 1 + Math.floor(rand() * 8);
	const features: Feature[] = [];
	for (let i = 0; i < count; i++) {
		const facts: Fact[] = [];
		const n = Math.floor(rand() * 5);
		for (let k = 0; k < n; k++) {
			// Now and then a place states the very same figure twice (two sources, say).
			const fact: Fact =
				k > 0 && rand() < 0.2
					? { ...facts[k - 1], source: pick(SOURCE_IDS) }
					: { label: pick(labels), value: Math.round(rand() * 1000) / 10, unit: pick(units), period: pick(periods), source: pick(SOURCE_IDS), qualifier: pick(['over', 'under', 'about', 'exactly', undefined] as const) };
			facts.push(fact);
		}
		const kind = rand();
		const at = [121.36 + rand() * 0.05, 31.2 + rand() * 0.03];
		const properties: Record<string, unknown> = {
			id: `p-${seed}-${i}`,
			layer: 'hongqiao',
			kind: 'platform',
			name: { en: `Place ${pick(['a', 'b', 'c'])}`, zh: `地点${pick(['甲', '乙'])}` },
			summary: { en: 'x', zh: '某' },
			facts,
			accuracy: { level: 'uncertain', metres: 100, note: { en: 'x', zh: '某' } },
			located_by: [{ title: 'x', says: { en: 'x', zh: '某' } }],
			source: 'briefing-2023-08-31'
		};
		if (kind < 0.4) properties.area_m2 = Math.round(rand() * 3e6);
		else if (kind < 0.6) properties.length_m = Math.round(rand() * 3e4) / 10;
		features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties });
	}
	return parsePlaces({ type: 'FeatureCollection', features });
}

describe('compareTable on seeded random layers built to collide', () => {
	// The pools are small on purpose, so 100 layers meet every kind of collision many times over.
	it('keeps every invariant over 100 layers, in both languages', { timeout: 30_000 }, () => {
		let escalated = 0;
		for (let seed = 1; seed <= 100; seed++) {
			const random = randomPlaces(seed);
			for (const lang of LANGS) {
				const table = compareTable(random, 'hongqiao', lang, tFor(lang));
				checkTable(table, random, lang);
				const values = table.columns.filter((c) => c.kind === 'value');
				escalated += values.filter((c, i) => c.header !== table.groups[i].label[lang]).length;
			}
		}
		// The generator does make headers clash (else this test would prove little).
		expect(escalated).toBeGreaterThan(100);
	});

	it('puts a place’s repeated figure in a second column, never two facts in one cell', () => {
		const base = places.find((p) => p.properties.id === 'shanghai-arch')!;
		const twice = structuredClone(base);
		twice.properties.facts = [twice.properties.facts[0], { ...twice.properties.facts[0], value: 12, source: 'jiefang-daily-2022-10' }];
		const groups = figureGroups([twice]);
		expect(groups).toHaveLength(2);
		expect(groups.map((g) => [...g.facts.values()])).toEqual([[0], [1]]);
		const table = compareTable([twice], 'hongqiao', 'en', tFor('en'));
		checkTable(table, [twice], 'en');
		expect(table.columns.filter((c) => c.kind === 'value').map((c) => c.header)).toEqual(['Tax paid (2022, billion yuan) #1', 'Tax paid (2022, billion yuan) #2']);
	});

	it('shares a column between places only for the same figure: a different period or unit splits it', () => {
		const [a, b, c] = ['a', 'b', 'c'].map((id) => {
			const p = structuredClone(places.find((x) => x.properties.id === 'shanghai-arch')!);
			p.properties.id = id;
			return p;
		});
		const fact = a.properties.facts[0]; // Tax paid, 2022, billion yuan
		a.properties.facts = [fact];
		b.properties.facts = [{ ...fact, value: 3 }];
		c.properties.facts = [{ ...fact, period: 'H1 2023' }, { ...fact, unit: '%' }];
		const table = compareTable([a, b, c], 'hongqiao', 'en', tFor('en'));
		checkTable(table, [a, b, c], 'en');
		expect(table.columns.filter((col) => col.kind === 'value').map((col) => col.header)).toEqual([
			'Tax paid (2022, billion yuan)',
			'Tax paid (H1 2023)',
			'Tax paid (2022, %)'
		]);
		const first = table.columns.findIndex((col) => col.kind === 'value');
		expect(table.rows.map((r) => r.cells[first].sort)).toEqual([10, 3, null]);
	});
});

describe('sortRows', () => {
	/** Seeded rows: keys from a small set so ties are common, some missing. */
	function rows(seed: number, kind: 'number' | 'string'): { i: number; key: number | string | null }[] {
		const rand = mulberry32(seed);
		const n = Math.floor(rand() * 30);
		return Array.from({ length: n }, (_, i) => {
			const r = rand();
			const key = r < 0.25 ? null : kind === 'number' ? Math.floor(rand() * 6) - 2 : ['b', 'a', 'c', 'B', '10', '9'][Math.floor(rand() * 6)];
			return { i, key };
		});
	}

	it.each(['number', 'string'] as const)('%s keys: a stable permutation, ordered, missing last in both directions', (kind) => {
		for (let seed = 1; seed <= 200; seed++) {
			const input = rows(seed, kind);
			for (const direction of ['ascending', 'descending'] as SortDirection[]) {
				const out = sortRows(input, (r) => r.key, direction);
				// A permutation: the same rows, each once.
				expect([...out].sort((a, b) => a.i - b.i)).toEqual(input);
				const firstMissing = out.findIndex((r) => r.key === null);
				const present = firstMissing < 0 ? out : out.slice(0, firstMissing);
				const missing = firstMissing < 0 ? [] : out.slice(firstMissing);
				// Missing last, in their given order.
				expect(missing.every((r) => r.key === null)).toBe(true);
				expect(missing.map((r) => r.i)).toEqual(input.filter((r) => r.key === null).map((r) => r.i));
				for (let k = 1; k < present.length; k++) {
					const [a, b] = [present[k - 1], present[k]];
					const cmp = a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0;
					// Ordered in the asked direction; ties keep their given order (stable both ways).
					expect(direction === 'ascending' ? cmp <= 0 : cmp >= 0).toBe(true);
					if (cmp === 0) expect(a.i).toBeLessThan(b.i);
				}
			}
		}
	});

	it('compares numbers as numbers and text with the collation given', () => {
		expect(sortRows([10, 9, null, 100], (x) => x, 'ascending')).toEqual([9, 10, 100, null]);
		expect(sortRows([10, 9, null, 100], (x) => x, 'descending')).toEqual([100, 10, 9, null]);
		const collator = new Intl.Collator('en', { numeric: true });
		expect(sortRows(['b10', 'B9', 'a'], (x) => x, 'ascending', collator.compare)).toEqual(['a', 'B9', 'b10']);
	});
});

/** A reference RFC 4180 reader, to prove what the writer writes reads back as it was. */
function parseCsv(text: string): string[][] {
	const lines: string[][] = [];
	let line: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			line.push(field);
			field = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			line.push(field);
			lines.push(line);
			line = [];
			field = '';
			i++;
		} else field += ch;
	}
	expect(quoted, 'unterminated quote').toBe(false);
	expect(field === '' && line.length === 0, 'text after the last CRLF').toBe(true);
	return lines;
}

describe('CSV', () => {
	it('quotes commas, quotes, line breaks and edge spaces; leaves the rest alone', () => {
		expect(csvField('虹桥商务区')).toBe('虹桥商务区');
		expect(csvField('长宁，虹桥')).toBe('长宁，虹桥'); // a full-width comma is text
		expect(csvField('Changning, Hongqiao')).toBe('"Changning, Hongqiao"');
		expect(csvField('“3+3” and "key"')).toBe('"“3+3” and ""key"""');
		expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
		expect(csvField('a\r\nb')).toBe('"a\r\nb"');
		expect(csvField(' padded')).toBe('" padded"');
		expect(csvField(16423513)).toBe('16423513');
		expect(csvField(0.1)).toBe('0.1');
		expect(csvField(null)).toBe('');
		expect(() => csvField(Number.NaN)).toThrow(/finite/);
	});

	it('reads back field for field: seeded fields of Chinese, commas, quotes and line breaks', () => {
		const alphabet = ['虹', '桥', '，', ',', '"', '“', '\n', '\r', ' ', 'a', '1', '面积'];
		for (let seed = 1; seed <= 200; seed++) {
			const rand = mulberry32(seed);
			const width = 1 + Math.floor(rand() * 5);
			const lines = Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
				Array.from({ length: width }, () => Array.from({ length: Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''))
			);
			const text = csvText(lines);
			expect(text.startsWith(BOM)).toBe(true);
			expect(parseCsv(text.slice(1))).toEqual(lines);
		}
	});

	it.each(LANGS)('the Hongqiao table in %s: BOM, a unique header row, one line per place in the order given, numbers unformatted', (lang) => {
		const t = tFor(lang);
		const table = compareTable(places, 'hongqiao', lang, t);
		const sorted = sortTable(table, 'area', 'descending', lang);
		const text = compareCsv(table, sorted, lang, t);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
		const [header, ...body] = parseCsv(text.slice(1));
		expect(new Set(header).size).toBe(header.length);
		expect(body).toHaveLength(14);
		for (const line of body) expect(line).toHaveLength(header.length);
		expect(body.map((l) => l[0])).toEqual(sorted.map((r) => r.id));
		// The computed area in m², as the data has it: no grouping, no unit.
		expect(body[0]).toContain('16423513');
		// Each figure brings its value, qualifier, period and source columns.
		const arch = body.find((l) => l[0] === 'shanghai-arch')!;
		const period = t('compare.period');
		const source = t('compare.source');
		const periodColumns = header.filter((h) => h.endsWith(period));
		const sourceColumns = header.filter((h) => h.endsWith(source));
		expect(periodColumns).toHaveLength(table.groups.length);
		expect(sourceColumns).toHaveLength(table.groups.length);
		expect(arch).toContain(formatPeriod('2022', lang));
		expect(arch).toContain(SOURCES['briefing-2023-08-31'].title[lang]);
		expect(arch).toContain(SOURCES['jiefang-daily-2022-10'].title[lang]);
		// Tax paid: 10 billion yuan, written in Chinese as 100 (亿元), the unit in the header.
		const taxHeader = header.find((h) => h.startsWith(lang === 'en' ? 'Tax paid (2022) (' : '纳税额（2022年）（'))!;
		expect(taxHeader).toBe(lang === 'en' ? 'Tax paid (2022) (billion yuan)' : '纳税额（2022年）（亿元）');
		expect(arch[header.indexOf(taxHeader)]).toBe(lang === 'en' ? '10' : '100');
		expect(arch[header.indexOf(taxHeader) + 1]).toBe(translate(lang, 'qualifier.over'));
		// Numbers are never written with grouping separators.
		for (const line of body) for (const field of line) if (/^[\d.,]+$/.test(field)) expect(field).not.toMatch(/,/);
	});
});
