/**
 * One outline colour per life-circle origin (by its number, 1–8), for the map and the panel's
 * swatches: ColorBrewer Dark2 (qualitative, colour-blind-safer than a rainbow), darkest first.
 */
export const ORIGIN_COLOURS = ['#1b3a8c', '#d95f02', '#7570b3', '#1b9e77', '#e7298a', '#66a61e', '#a6761d', '#555555'] as const;

/** The colour of origin `n` (1-based); wraps past the palette. */
export function originColour(n: number): string {
	return ORIGIN_COLOURS[(((n - 1) % ORIGIN_COLOURS.length) + ORIGIN_COLOURS.length) % ORIGIN_COLOURS.length];
}

/** The dashed outline of a second walking profile from the same origin. */
export const COMPARE_COLOUR = '#6a1b9a';
