/** What a click on the map does: pick a place, drop a life-circle origin, add a measure point, or ask the coverage tool about a spot. */
export const MODES = ['browse', 'life-circle', 'measure', 'coverage'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(value: unknown): value is Mode {
	return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
