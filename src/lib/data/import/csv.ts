/**
 * CSV with a longitude and a latitude column (a spreadsheet of community centres, POIs exported from
 * AMap or Baidu). Every other column becomes a string property, as written: "007" stays "007".
 *
 * Accepted: comma, semicolon or tab separators (whichever the header has most of, outside quotes);
 * RFC 4180 quoting ("" inside quotes, separators and line breaks inside quotes); CRLF or LF; a UTF-8
 * BOM (removed before this, in decode.ts). Column names, any case, surrounding spaces ignored:
 * longitude `lon lng long longitude 经度 x`, latitude `lat latitude 纬度 y`; failing those, a name
 * with one of them as a word (`wgs84_lng`, `gcj02 lat`, `经度(GCJ)`); failing that, one column of
 * "lon,lat" pairs named `location`, `lnglat`, `经纬度` or `坐标` (AMap's web API writes that).
 */
import { FeatureSink, type ReadResult } from './features';
import { firstFew, ImportStop, problem, type ImportLimits, type ImportProblem } from './problems';

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', '经度', 'x'];
const LAT_NAMES = ['lat', 'latitude', '纬度', 'y'];
const LON_WORD = /(^|[^a-z])(lon|lng|longitude)([^a-z]|$)|经度/;
const LAT_WORD = /(^|[^a-z])(lat|latitude)([^a-z]|$)|纬度/;
const PAIR_NAMES = ['location', 'lnglat', 'lonlat', 'coordinates', '经纬度', '坐标'];

/** One record: its cells and the 1-based line it starts on. */
interface CsvRecord {
	cells: string[];
	line: number;
}

/** The separator the header line uses most, outside quotes (comma when it has none). */
export function sniffSeparator(text: string): ',' | ';' | '\t' {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) {
			if (counts[','] + counts[';'] + counts['\t'] > 0) break;
		} else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
	}
	if (counts['\t'] >= counts[','] && counts['\t'] >= counts[';'] && counts['\t'] > 0) return '\t';
	return counts[';'] > counts[','] ? ';' : ',';
}

/**
 * Splits CSV text into records (RFC 4180). Never throws: an unclosed quote runs to the end of the
 * text, as spreadsheets read it. Blank lines (nothing but spaces) are skipped. Cells are cut with
 * `slice` between separators found by a sticky regex, not built a character at a time: a 200k-row
 * file is split in well under a second.
 */
export function* csvRecords(text: string, separator: string): Generator<CsvRecord> {
	const n = text.length;
	const stop = new RegExp(`[${separator === '\t' ? '\\t' : separator}\r\n"]`, 'g');
	let i = 0;
	let line = 1;
	while (i < n) {
		const start = line;
		const cells: string[] = [];
		let cell = '';
		let endOfRecord = false;
		while (!endOfRecord) {
			stop.lastIndex = i;
			const m = stop.exec(text);
			const at = m ? m.index : n;
			cell += text.slice(i, at);
			if (!m) {
				i = n;
				cells.push(cell);
				break;
			}
			const c = m[0];
			if (c === '"') {
				// A quoted part: up to the closing quote, "" standing for one quote.
				let j = at + 1;
				for (;;) {
					const q = text.indexOf('"', j);
					const part = text.slice(j, q < 0 ? n : q);
					for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) line++;
					cell += part;
					if (q < 0) {
						j = n;
						break;
					}
					if (text[q + 1] === '"') {
						cell += '"';
						j = q + 2;
					} else {
						j = q + 1;
						break;
					}
				}
				i = j;
			} else if (c === separator) {
				cells.push(cell);
				cell = '';
				i = at + 1;
			} else {
				cells.push(cell);
				i = c === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1;
				line++;
				endOfRecord = true;
			}
		}
		if (cells.length > 1 || cells[0].trim() !== '') yield { cells, line: start };
	}
}

const norm = (name: string) => name.trim().toLowerCase();

function findColumn(names: string[], exact: string[], word: RegExp): number {
	const normal = names.map(norm);
	for (const want of exact) {
		const i = normal.indexOf(want);
		if (i >= 0) return i;
	}
	return normal.findIndex((n) => word.test(n));
}

/**
 * A coordinate cell as a number, or NaN. With `;` as separator a decimal comma ("121,43") is what
 * a European spreadsheet writes, so it is read as a decimal point.
 */
function parseNumber(cell: string | undefined, separator: string): number {
	if (cell === undefined) return NaN;
	let s = cell.trim();
	if (separator !== ',' && /^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
	return Number(s);
}

/**
 * Reads CSV text into Point features.
 *
 * @param text the whole file, decoded
 * @param limits the feature limit (a row is a feature)
 * @returns the points, with `bad-rows` (1-based line numbers, the header is line 1) and
 *   `swapped-lonlat` warnings; or the error (`csv-no-coordinates`, `bad-rows` when no row is good)
 * @example readCsv('name,lon,lat\nA,121.42,31.22', DEFAULT_IMPORT_LIMITS)
 */
export function readCsv(text: string, limits: ImportLimits): ReadResult {
	const separator = sniffSeparator(text);
	const records = csvRecords(text, separator);
	const first = records.next();
	if (first.done) return { ok: false, error: problem('empty', {}), warnings: [] };
	const header = uniqueNames(first.value.cells.map((c) => c.trim()));
	let lonCol = findColumn(header, LON_NAMES, LON_WORD);
	let latCol = findColumn(header, LAT_NAMES, LAT_WORD);
	const pairCol = lonCol < 0 || latCol < 0 || lonCol === latCol ? header.map(norm).findIndex((n) => PAIR_NAMES.includes(n)) : -1;
	if ((lonCol < 0 || latCol < 0 || lonCol === latCol) && pairCol < 0) {
		return { ok: false, error: problem('csv-no-coordinates', { columns: firstFew(header.map((h) => `"${h}"`), 12) }), warnings: [] };
	}
	const coordinateOf = (cells: string[]): [number, number] => {
		if (pairCol >= 0) {
			const parts = (cells[pairCol] ?? '').split(/[,;\s]+/).filter(Boolean);
			return parts.length === 2 ? [parseNumber(parts[0], ','), parseNumber(parts[1], ',')] : [NaN, NaN];
		}
		return [parseNumber(cells[lonCol], separator), parseNumber(cells[latCol], separator)];
	};

	// First pass: coordinates and bad rows, so that a swapped pair of columns is seen before any feature.
	const rows: { cells: string[]; line: number; lon: number; lat: number }[] = [];
	const badLines: number[] = [];
	for (const record of records) {
		const [lon, lat] = coordinateOf(record.cells);
		if (!Number.isFinite(lon) || !Number.isFinite(lat)) badLines.push(record.line);
		else rows.push({ cells: record.cells, line: record.line, lon, lat });
		// Counting rows needs no features: refuse a million-row file before building anything.
		if (rows.length > limits.maxFeatures) {
			return { ok: false, error: problem('too-many-features', { count: rows.length, max: limits.maxFeatures }), warnings: [] };
		}
	}
	const warnings: ImportProblem[] = [];
	const swapped = rows.length > 0 && rows.every((r) => Math.abs(r.lat) > 90 && Math.abs(r.lat) <= 180 && Math.abs(r.lon) <= 90);
	if (swapped) {
		for (const r of rows) [r.lon, r.lat] = [r.lat, r.lon];
		if (pairCol < 0) [lonCol, latCol] = [latCol, lonCol];
		warnings.push(problem('swapped-lonlat', pairCol >= 0 ? { lon: header[pairCol], lat: header[pairCol] } : { lon: header[lonCol], lat: header[latCol] }));
	}
	if (rows.length === 0) {
		const error = badLines.length > 0 ? problem('bad-rows', { count: badLines.length, first: firstFew(badLines) }) : problem('no-features', {});
		return { ok: false, error, warnings };
	}
	if (badLines.length > 0) warnings.push(problem('bad-rows', { count: badLines.length, first: firstFew(badLines) }));

	const coordCols = new Set(pairCol >= 0 ? [pairCol] : [lonCol, latCol]);
	const sink = new FeatureSink(limits);
	try {
		for (const r of rows) {
			const properties: Record<string, string> = {};
			header.forEach((name, i) => {
				if (!coordCols.has(i) && r.cells[i] !== undefined) properties[name] = r.cells[i];
			});
			sink.add({ type: 'Point', coordinates: [r.lon, r.lat] }, properties, `line ${r.line}`);
		}
	} catch (error) {
		if (error instanceof ImportStop) return { ok: false, error: error.problem, warnings };
		throw error;
	}
	const result = sink.finish();
	return { ...result, warnings: [...warnings, ...result.warnings] };
}

/** Header names made unique ("name", "name_2") and never blank ("column_3"). */
function uniqueNames(names: string[]): string[] {
	const seen = new Set<string>();
	return names.map((raw, i) => {
		let name = raw || `column_${i + 1}`;
		for (let k = 2; seen.has(name); k++) name = `${raw || `column_${i + 1}`}_${k}`;
		seen.add(name);
		return name;
	});
}
