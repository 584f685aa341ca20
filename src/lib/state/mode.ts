/** What a click on the map does: pick a place, drop a life-circle origin, or add a measure point. */
export const MODES = ['browse', 'life-circle', 'measure'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(value: unknown): value is Mode {
	return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
