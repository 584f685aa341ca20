/**
 * Parsing what people type for band minutes ("5, 10, 15"): a clear message for anything wrong.
 */
import { MAX_MINUTES, MIN_MINUTES } from './walking';

/** A failure carries a code and its params, so the UI can say it in its own language. */
export type MinutesProblem =
	| { code: 'empty'; params: Record<string, never> }
	| { code: 'nan'; params: { part: string } }
	| { code: 'range'; params: { min: number; max: number; value: number } }
	| { code: 'too-many'; params: { max: number } };

export type ParsedMinutes = { ok: true; minutes: number[] } | ({ ok: false; message: string } & MinutesProblem);

/** At most this many bands: more would not be readable on the map. */
export const MAX_BANDS = 6;

export function parseMinutesList(text: string): ParsedMinutes {
	const parts = text
		.split(/[,，\s]+/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (parts.length === 0) return { ok: false, code: 'empty', params: {}, message: 'Give at least one band, e.g. "5, 10, 15".' };
	const values: number[] = [];
	for (const part of parts) {
		const value = Number(part);
		if (!Number.isFinite(value)) return { ok: false, code: 'nan', params: { part }, message: `"${part}" is not a number of minutes.` };
		if (value < MIN_MINUTES || value > MAX_MINUTES) {
			return {
				ok: false,
				code: 'range',
				params: { min: MIN_MINUTES, max: MAX_MINUTES, value },
				message: `Bands must be between ${MIN_MINUTES} and ${MAX_MINUTES} minutes; got ${value}.`
			};
		}
		values.push(Math.round(value * 10) / 10);
	}
	const minutes = [...new Set(values)].sort((a, b) => a - b);
	if (minutes.length > MAX_BANDS) {
		return { ok: false, code: 'too-many', params: { max: MAX_BANDS }, message: `At most ${MAX_BANDS} bands at once.` };
	}
	return { ok: true, minutes };
}
