/**
 * Camera padding from the panels drawn over the map: the map frames a result (a place, a life
 * circle's bands, the district) in the part of its canvas no panel covers, and "the map centre"
 * means the centre of that part.
 *
 * Screen geometry only, in CSS pixels as `getBoundingClientRect()` gives it (any common origin
 * works: the map's rectangle and the panels' must be measured the same way). Pure: no DOM here.
 */

/** A rectangle on the screen, CSS pixels; `right >= left`, `bottom >= top`. */
export interface ScreenRect {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** Pixels kept clear on each side of the map, as MapLibre's `padding` option takes them. */
export interface Padding {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export interface CoverPaddingOptions {
	/**
	 * Extra pixels on every side, so a framed result does not touch a panel or the map's edge.
	 * @default 0
	 */
	margin?: number;
	/**
	 * The clear part is never narrower or lower than this many pixels (or the whole map, when the
	 * map is smaller): past that point a framed result would be a speck, so the panels win and
	 * partly cover it. @default 120
	 */
	minVisible?: number;
}

type Side = keyof Padding;
const SIDES: readonly Side[] = ['left', 'bottom', 'right', 'top'];

/**
 * Panels tried exhaustively (4^n side choices); more are rare (a map has a few panels) and are
 * pushed aside one by one, largest first, after the best choice for these.
 */
const EXHAUSTIVE_LIMIT = 6;

const width = (r: ScreenRect) => r.right - r.left;
const height = (r: ScreenRect) => r.bottom - r.top;
const area = (r: ScreenRect) => Math.max(0, width(r)) * Math.max(0, height(r));

/** The part of `r` inside `within`, or null when they do not overlap with a positive area. */
function overlap(r: ScreenRect, within: ScreenRect): ScreenRect | null {
	const o = { left: Math.max(r.left, within.left), top: Math.max(r.top, within.top), right: Math.min(r.right, within.right), bottom: Math.min(r.bottom, within.bottom) };
	return width(o) > 0 && height(o) > 0 ? o : null;
}

/** What is left of `clear` once the part of it from `cover` to the `side` edge is given up. */
function giveUp(clear: ScreenRect, cover: ScreenRect, side: Side): ScreenRect {
	switch (side) {
		case 'left':
			return { ...clear, left: Math.max(clear.left, cover.right) };
		case 'right':
			return { ...clear, right: Math.min(clear.right, cover.left) };
		case 'top':
			return { ...clear, top: Math.max(clear.top, cover.bottom) };
		case 'bottom':
			return { ...clear, bottom: Math.min(clear.bottom, cover.top) };
	}
}

/** The biggest clear rectangle reachable by pushing each of `covers` to one side of `clear`. */
function bestClear(clear: ScreenRect, covers: readonly ScreenRect[]): ScreenRect {
	if (covers.length === 0) return clear;
	const [first, ...rest] = covers;
	// A panel the earlier choices already pushed out of the clear part costs nothing more.
	if (!overlap(first, clear)) return bestClear(clear, rest);
	let best: ScreenRect | null = null;
	for (const side of SIDES) {
		const candidate = bestClear(giveUp(clear, first, side), rest);
		if (!best || area(candidate) > area(best)) best = candidate;
	}
	return best!;
}

/** One axis: shrink the two paddings in proportion so at least `keep` pixels stay between them. */
function keepAtLeast(a: number, b: number, size: number, keep: number): [number, number] {
	const room = Math.max(0, size - Math.min(keep, size));
	const total = a + b;
	if (total <= room) return [a, b];
	const scale = room / total;
	return [a * scale, b * scale];
}

/**
 * The camera padding that keeps a framed result clear of the panels over the map.
 *
 * The part of the map no panel covers is seldom a rectangle (a panel in a corner leaves an L), and a
 * camera frames into a rectangle: each panel is pushed to the side of the map (left, right, top or
 * bottom) that, over all panels together, leaves the largest clear rectangle. Panels outside the map
 * (a closed sheet slid off screen, the desktop sidebar beside the map) and empty ones add nothing.
 * Then `margin` is added on every side, and both axes are shrunk back, in proportion, so the clear
 * part is at least `minVisible` pixels wide and high.
 *
 * @param viewport the map's rectangle on the screen
 * @param covers rectangles of the panels drawn over the map, same coordinates
 * @param options `margin` (px, default 0), `minVisible` (px, default 120)
 * @returns padding in pixels from each edge of `viewport`, each >= 0
 * @throws when the viewport is not a rectangle (NaN, right < left or bottom < top)
 * @example
 * // a 380 px panel down the west side of a 1000×700 map
 * coverPadding({ left: 0, top: 0, right: 1000, bottom: 700 }, [{ left: 12, top: 12, right: 392, bottom: 650 }]);
 * // → { top: 0, right: 0, bottom: 0, left: 392 }
 */
export function coverPadding(viewport: ScreenRect, covers: readonly ScreenRect[], options: CoverPaddingOptions = {}): Padding {
	const { margin = 0, minVisible = 120 } = options;
	if (!(width(viewport) >= 0 && height(viewport) >= 0)) throw new Error(`coverPadding: the viewport is not a rectangle: ${JSON.stringify(viewport)}`);
	if (!(margin >= 0) || !(minVisible >= 0)) throw new Error(`coverPadding: margin and minVisible must be >= 0 (got ${margin}, ${minVisible})`);
	const inside = covers
		.map((c) => overlap(c, viewport))
		.filter((c): c is ScreenRect => c !== null)
		.sort((a, b) => area(b) - area(a));
	let clear = bestClear(viewport, inside.slice(0, EXHAUSTIVE_LIMIT));
	for (const cover of inside.slice(EXHAUSTIVE_LIMIT)) clear = bestClear(clear, [cover]);
	const [left, right] = keepAtLeast(clear.left - viewport.left + margin, viewport.right - clear.right + margin, width(viewport), minVisible);
	const [top, bottom] = keepAtLeast(clear.top - viewport.top + margin, viewport.bottom - clear.bottom + margin, height(viewport), minVisible);
	return { top, right, bottom, left };
}

/**
 * The centre of the part of the map a padding leaves clear, relative to the viewport's top-left
 * corner (MapLibre's canvas coordinates): where "the map centre" is for someone looking at the map.
 *
 * @example
 * clearCentre({ left: 0, top: 0, right: 1000, bottom: 700 }, { top: 0, right: 0, bottom: 0, left: 400 }); // [700, 350]
 */
export function clearCentre(viewport: ScreenRect, padding: Padding): [number, number] {
	return [(padding.left + width(viewport) - padding.right) / 2, (padding.top + height(viewport) - padding.bottom) / 2];
}

/** Whether a screen rectangle lies inside the part of the viewport a padding leaves clear (both in viewport coordinates). */
export function insideClear(box: ScreenRect, viewport: ScreenRect, padding: Padding): boolean {
	return box.left >= padding.left && box.top >= padding.top && box.right <= width(viewport) - padding.right && box.bottom <= height(viewport) - padding.bottom;
}
