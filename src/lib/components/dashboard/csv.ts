/**
 * CSV as spreadsheets read it (RFC 4180): fields separated by commas, lines by CRLF; a field that
 * holds a comma, a double quote, a line break or leading/trailing spaces is wrapped in double
 * quotes, with its quotes doubled. The text starts with a UTF-8 byte-order mark: without it Excel
 * opens a UTF-8 file in the system's code page and the Chinese turns to mojibake.
 */

/** The byte-order mark, U+FEFF; a Blob of the text writes it as EF BB BF. */
export const BOM = '\uFEFF';

/**
 * One field. Numbers are written as JavaScript writes them (no grouping separators, "." for the
 * decimal point, whatever the UI's language), null and undefined as an empty field.
 *
 * @example csvField('Tax "paid", 2022') // '"Tax ""paid"", 2022"'
 */
export function csvField(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`A CSV number must be finite, got ${value}`);
		return String(value);
	}
	return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Whole CSV text: the byte-order mark, then every line (the first is the header) ended by CRLF.
 *
 * @example csvText([['name', 'area'], ['虹桥', 16423513]]) // '\uFEFFname,area\r\n虹桥,16423513\r\n'
 */
export function csvText(lines: readonly (readonly (string | number | null | undefined)[])[]): string {
	return BOM + lines.map((line) => line.map(csvField).join(',') + '\r\n').join('');
}
