/**
 * The compare view's table, pure: a layer's places as rows; their computed area (and length) and
 * every stated figure as columns, each figure with its period and source in columns of their own.
 *
 * What a column is: facts of different places are one figure when they say the same thing for the
 * same period — same label (both languages), unit and period. A fact never shares a column with
 * another fact of its own place: a place's second fact of the same figure (the same figure from two
 * sources, say) opens a column of its own. Headers are made unique in the language shown: a label
 * alone while it is unique, then label and period ("Tax paid (2022)"), then the unit too, then a
 * number — so no two columns ever read the same while meaning different figures.
 *
 * Sorting and the CSV download are here too ({@link sortRows}, {@link compareCsv}), so the table the
 * component draws and the file a journalist takes away come from one model.
 */
import type { Bilingual, Fact, PlaceFeature, PlaceLayerId, SourceId } from '$lib/data/schema';
import { SOURCES } from '$lib/data/sources';
import { LOCALES, type Lang } from '$lib/i18n/strings';
import type { Translate } from '../messages';
import { formatFact, formatPeriod, formatQuantity, formatUnit } from '../format';
import { csvText } from './csv';

/** A fact by where it lives: `places[placeId].properties.facts[index]`. */
export interface FactRef {
	placeId: string;
	index: number;
}

/** One figure across a layer's places: the facts that say the same thing for the same period. */
export interface FigureGroup {
	/** Stable and unique: the figure's identity, plus which of a place's repeats it holds. */
	key: string;
	label: Bilingual;
	unit: string;
	period: string;
	/** Place id → index of that place's fact in this figure (at most one per place). */
	facts: Map<string, number>;
}

/**
 * The figures stated for some places, in the order they first appear (places in the order given,
 * facts in each place's order). Every fact of every place lands in exactly one group, and a group
 * holds at most one fact per place.
 */
export function figureGroups(places: readonly PlaceFeature[]): FigureGroup[] {
	const groups = new Map<string, FigureGroup>();
	for (const place of places) {
		const p = place.properties;
		const seen = new Map<string, number>();
		p.facts.forEach((fact, index) => {
			const identity = JSON.stringify([fact.label.en, fact.label.zh, fact.unit, fact.period]);
			// The k-th fact of one figure in one place goes to the figure's k-th column.
			const repeat = seen.get(identity) ?? 0;
			seen.set(identity, repeat + 1);
			const key = repeat === 0 ? identity : `${identity}#${repeat}`;
			let group = groups.get(key);
			if (!group) {
				group = { key, label: fact.label, unit: fact.unit, period: fact.period, facts: new Map() };
				groups.set(key, group);
			}
			group.facts.set(p.id, index);
		});
	}
	return [...groups.values()];
}

export type ColumnKind = 'name' | 'area' | 'length' | 'value' | 'period' | 'source';

export interface CompareColumn {
	/** Stable id within the table ("name", "area", `${group.key}/value`…), for keyed lists and sort state. */
	key: string;
	kind: ColumnKind;
	/** The column's whole header, unique in the table: what a screen reader hears and the CSV writes. */
	header: string;
	/**
	 * What the header cell shows. A figure's period and source columns show "Period" / "Source" and
	 * say the figure only to screen readers (`header` minus this text is their prefix).
	 */
	short: string;
	/** Numbers sort numerically; the rest by the language's collation. */
	numeric: boolean;
	/** The figure a value, period or source column belongs to, with its (unique) header. */
	group?: { key: string; header: string };
}

export interface CompareCell {
	/** As shown, formatted for the language; '' when the place has no such value. */
	text: string;
	/** What the column sorts by (a number in a numeric column); null when missing: sorts last. */
	sort: number | string | null;
	/** The fact the cell shows (value, period and source cells); none for name and computed cells. */
	fact?: FactRef;
}

export interface CompareRow {
	/** The place's id. */
	id: string;
	/** One cell per column, in column order. */
	cells: CompareCell[];
}

export interface CompareTable {
	layer: PlaceLayerId;
	columns: CompareColumn[];
	/** In the data's order (the layer's own order): the unsorted table. */
	rows: CompareRow[];
	/** The figures behind the value columns, in column order (for the CSV). */
	groups: FigureGroup[];
	/** The places, by id (for the CSV's raw values). */
	places: Map<string, PlaceFeature>;
}

/**
 * How a header escalates until it is unique: 0 the label, 1 with the period, 2 with period and
 * unit, 3 with a number as well.
 */
type Level = 0 | 1 | 2 | 3;

/**
 * The table for one layer's places, in a language.
 *
 * @param places every place (only the layer's are used), in the data's order
 * @param layer the layer to compare
 * @param lang the language the cells and headers are written in
 * @param t the translator for that language (AppState.t)
 * @example compareTable(app.places, 'hongqiao', 'en', t).rows.length // 14
 */
export function compareTable(places: readonly PlaceFeature[], layer: PlaceLayerId, lang: Lang, t: Translate): CompareTable {
	const members = places.filter((p) => p.properties.layer === layer);
	const groups = figureGroups(members);
	const areas = members.map((p) => p.properties.area_m2).filter((a): a is number => a !== undefined);
	const lengths = members.map((p) => p.properties.length_m).filter((l): l is number => l !== undefined);
	// One unit per column, so a column reads at a glance: km² once any area reaches 1 km², else ha.
	const areaUnit = Math.max(0, ...areas) >= 1e6 ? 'km2' : 'ha';
	const lengthUnit = Math.max(0, ...lengths) >= 1000 ? 'km' : 'm';

	const fixed: CompareColumn[] = [{ key: 'name', kind: 'name', header: t('compare.place'), short: t('compare.place'), numeric: false }];
	// Only what some place has: a layer of lines gets no empty area column. Cells carry their unit.
	if (areas.length > 0) fixed.push({ key: 'area', kind: 'area', header: t('compare.area'), short: t('compare.area'), numeric: true });
	if (lengths.length > 0) fixed.push({ key: 'length', kind: 'length', header: t('compare.length'), short: t('compare.length'), numeric: true });

	const columns = [...fixed, ...figureColumns(groups, fixed, lang, t)];
	const rows: CompareRow[] = members.map((place) => {
		const p = place.properties;
		return {
			id: p.id,
			cells: columns.map((column): CompareCell => {
				switch (column.kind) {
					case 'name':
						return { text: p.name[lang], sort: p.name[lang] };
					case 'area':
						return p.area_m2 === undefined
							? MISSING
							: { text: formatQuantity(scaled(p.area_m2, areaUnit), areaUnit, lang, decimals(scaled(p.area_m2, areaUnit), areaUnit === 'km2' ? 2 : 1)), sort: p.area_m2 };
					case 'length':
						return p.length_m === undefined
							? MISSING
							: { text: formatQuantity(scaled(p.length_m, lengthUnit), lengthUnit, lang, decimals(scaled(p.length_m, lengthUnit), lengthUnit === 'km' ? 2 : 0)), sort: p.length_m };
					default: {
						const group = groups.find((g) => g.key === column.group?.key);
						const index = group?.facts.get(p.id);
						if (index === undefined) return MISSING;
						const fact = p.facts[index];
						const ref = { placeId: p.id, index };
						if (column.kind === 'value') return { text: formatFact(fact, lang), sort: fact.value, fact: ref };
						if (column.kind === 'period') {
							const period = formatPeriod(fact.period, lang);
							return { text: period, sort: period, fact: ref };
						}
						const source = SOURCES[fact.source].short[lang];
						return { text: source, sort: source, fact: ref };
					}
				}
			})
		};
	});
	return { layer, columns, rows, groups, places: new Map(members.map((p) => [p.properties.id, p])) };
}

const MISSING: CompareCell = Object.freeze({ text: '', sort: null }) as CompareCell;

function scaled(metres: number, unit: 'km2' | 'ha' | 'km' | 'm'): number {
	return unit === 'km2' ? metres / 1e6 : unit === 'ha' ? metres / 1e4 : unit === 'km' ? metres / 1e3 : metres;
}

/** The column's decimals, or more for a small value, so a small place never reads "0 km²". */
function decimals(value: number, usual: number): number {
	if (value === 0 || value >= 10 ** -usual) return usual;
	return Math.min(6, Math.ceil(-Math.log10(value)) + 1);
}

/**
 * Value, period and source columns for each figure, with headers escalated (see {@link Level})
 * until every header of the table is unique.
 */
function figureColumns(groups: readonly FigureGroup[], fixed: readonly CompareColumn[], lang: Lang, t: Translate): CompareColumn[] {
	const levels: Level[] = groups.map(() => 0);
	const groupHeader = (g: FigureGroup, i: number): string => {
		const label = g.label[lang];
		const period = formatPeriod(g.period, lang);
		const unit = formatUnit(g.unit, lang);
		switch (levels[i]) {
			case 0:
				return label;
			case 1:
				return t('compare.withPeriod', { label, period });
			case 2:
				return t('compare.withPeriodUnit', { label, period, unit });
			case 3:
				return t('compare.numbered', { header: t('compare.withPeriodUnit', { label, period, unit }), n: i + 1 });
		}
	};
	const build = (): CompareColumn[] =>
		groups.flatMap((g, i) => {
			const header = groupHeader(g, i);
			const group = { key: g.key, header };
			const period = t('compare.period');
			const source = t('compare.source');
			return [
				{ key: `${g.key}/value`, kind: 'value', header, short: header, numeric: true, group },
				{ key: `${g.key}/period`, kind: 'period', header: t('compare.of', { figure: header, column: period }), short: period, numeric: false, group },
				{ key: `${g.key}/source`, kind: 'source', header: t('compare.of', { figure: header, column: source }), short: source, numeric: false, group }
			] satisfies CompareColumn[];
		});
	let columns = build();
	for (let round = 0; round < 3; round++) {
		const all = [...fixed, ...columns];
		const count = new Map<string, number>();
		for (const c of all) count.set(c.header, (count.get(c.header) ?? 0) + 1);
		const clashing = new Set(all.filter((c) => c.group && count.get(c.header)! > 1).map((c) => c.group!.key));
		if (clashing.size === 0) break;
		groups.forEach((g, i) => {
			if (clashing.has(g.key) && levels[i] < 3) levels[i] = (levels[i] + 1) as Level;
		});
		columns = build();
	}
	return columns;
}

export type SortDirection = 'ascending' | 'descending';

/**
 * Rows ordered by a key, ascending or descending; rows without a value (key null) come last in
 * both directions, in their given order. Stable: rows with equal keys keep their given order in
 * both directions (descending is not ascending reversed). Numbers compare as numbers, strings with
 * `compareText` (default: the ordinal order of code units; the table passes the language's
 * collation).
 *
 * @example sortRows([3, null, 1], (x) => x, 'descending') // [3, 1, null]
 */
export function sortRows<R>(
	rows: readonly R[],
	key: (row: R) => number | string | null,
	direction: SortDirection,
	compareText: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
): R[] {
	const present: { row: R; key: number | string }[] = [];
	const missing: R[] = [];
	for (const row of rows) {
		const k = key(row);
		if (k === null) missing.push(row);
		else present.push({ row, key: k });
	}
	const sign = direction === 'ascending' ? 1 : -1;
	const compare = (a: number | string, b: number | string): number => {
		if (typeof a === 'number' && typeof b === 'number') return a - b;
		if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
		// A column holds one kind; should one mix, numbers go first rather than comparing as NaN.
		return typeof a === 'number' ? -1 : 1;
	};
	// Array.prototype.sort is stable (ES2019), and `sign * 0` is still a tie.
	present.sort((a, b) => sign * compare(a.key, b.key));
	return [...present.map((p) => p.row), ...missing];
}

/** The table's rows sorted by a column (by its key), in the language's collation. */
export function sortTable(table: CompareTable, columnKey: string, direction: SortDirection, lang: Lang): CompareRow[] {
	const index = table.columns.findIndex((c) => c.key === columnKey);
	if (index < 0) return table.rows;
	const collator = new Intl.Collator(LOCALES[lang], { numeric: true });
	return sortRows(table.rows, (row) => row.cells[index].sort, direction, collator.compare);
}

/**
 * The table as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the Chinese),
 * CRLF line ends, a header row, then one row per place in the order given. Numbers are written
 * unformatted (no grouping, full precision); the computed area and length in m², m. Each figure
 * takes four columns: its value (the unit in the header), qualifier, period and source (the
 * source's full title).
 *
 * @param rows the rows in the order the file should list them (the table's current sort)
 */
export function compareCsv(table: CompareTable, rows: readonly CompareRow[], lang: Lang, t: Translate): string {
	const has = (kind: ColumnKind) => table.columns.some((c) => c.kind === kind);
	const header: string[] = [t('compare.csvId'), t('compare.place')];
	if (has('area')) header.push(t('compare.csvArea'));
	if (has('length')) header.push(t('compare.csvLength'));
	const figureHeaders = table.columns.filter((c) => c.kind === 'value').map((c) => c.header);
	table.groups.forEach((g, i) => {
		const figure = figureHeaders[i];
		header.push(
			t('compare.csvValue', { figure, unit: csvUnit(g.unit, lang) }),
			t('compare.of', { figure, column: t('compare.qualifier') }),
			t('compare.of', { figure, column: t('compare.period') }),
			t('compare.of', { figure, column: t('compare.source') })
		);
	});
	const lines: (string | number | null)[][] = [header];
	for (const row of rows) {
		const p = table.places.get(row.id)?.properties;
		if (!p) continue;
		const line: (string | number | null)[] = [p.id, p.name[lang]];
		if (has('area')) line.push(p.area_m2 ?? null);
		if (has('length')) line.push(p.length_m ?? null);
		for (const g of table.groups) {
			const index = g.facts.get(p.id);
			const fact = index === undefined ? undefined : p.facts[index];
			if (!fact) {
				line.push(null, null, null, null);
				continue;
			}
			const q = fact.qualifier && fact.qualifier !== 'exactly' ? t(`qualifier.${fact.qualifier}`) : null;
			line.push(csvNumber(fact, lang), q, formatPeriod(fact.period, lang), sourceTitle(fact.source, lang));
		}
		lines.push(line);
	}
	return csvText(lines);
}

/** The unit a figure's CSV column is in; Chinese counts billions of yuan in 亿 (as formatFact writes them). */
function csvUnit(unit: string, lang: Lang): string {
	return lang === 'zh' && unit === 'billion yuan' ? formatUnit('yi', lang) : formatUnit(unit.trim(), lang);
}

function csvNumber(fact: Fact, lang: Lang): number {
	// 10 billion = 100亿; rounded so 0.3 × 10 is 3, not 3.0000000000000004.
	return lang === 'zh' && fact.unit === 'billion yuan' ? Math.round(fact.value * 10 * 1e9) / 1e9 : fact.value;
}

function sourceTitle(id: SourceId, lang: Lang): string {
	return SOURCES[id].title[lang];
}

/** The layers worth comparing: those with at least two places, in the layer panel's order. */
export function comparableLayers(places: readonly PlaceFeature[], layers: readonly PlaceLayerId[]): { layer: PlaceLayerId; count: number }[] {
	return layers
		.map((layer) => ({ layer, count: places.filter((p) => p.properties.layer === layer).length }))
		.filter((x) => x.count >= 2);
}
