import { describe, expect, it } from 'vitest';
import { clearCentre, coverPadding, insideClear, type Padding, type ScreenRect } from '$lib/geo/padding';
import { mulberry32 } from '../../src/lib/graph/random';

// The map frames results in the part of its canvas no panel covers (issue 12, item 1). The padding
// must always leave a usable map, never frame under a panel when there is room, and ignore what is
// not over the map. Checked on seeded random layouts, then on the app's real layouts.

const random = mulberry32(20261201);
const between = (a: number, b: number) => a + random() * (b - a);

function randomViewport(): ScreenRect {
	const left = between(-50, 400);
	const top = between(-50, 200);
	return { left, top, right: left + between(0, 1600), bottom: top + between(0, 1000) };
}

/** A rectangle around (often over, sometimes beside, sometimes empty) the viewport. */
function randomCover(vp: ScreenRect): ScreenRect {
	const w = vp.right - vp.left;
	const h = vp.bottom - vp.top;
	const left = between(vp.left - w * 0.3, vp.right + w * 0.1);
	const top = between(vp.top - h * 0.3, vp.bottom + h * 0.1);
	const empty = random() < 0.1;
	return { left, top, right: left + (empty ? 0 : between(0, w * 0.8)), bottom: top + (empty ? 0 : between(0, h * 0.8)) };
}

const cases = Array.from({ length: 400 }, () => {
	const vp = randomViewport();
	return { vp, covers: Array.from({ length: Math.floor(between(0, 5)) }, () => randomCover(vp)) };
});

const w = (r: ScreenRect) => r.right - r.left;
const h = (r: ScreenRect) => r.bottom - r.top;

/** The clear rectangle of a padding, in the viewport's coordinates. */
const clearOf = (vp: ScreenRect, p: Padding): ScreenRect => ({ left: vp.left + p.left, top: vp.top + p.top, right: vp.right - p.right, bottom: vp.bottom - p.bottom });
const clearArea = (vp: ScreenRect, p: Padding) => Math.max(0, w(clearOf(vp, p))) * Math.max(0, h(clearOf(vp, p)));
const overlapArea = (a: ScreenRect, b: ScreenRect) =>
	Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

const EPS = 1e-9;

describe('coverPadding invariants (seeded random layouts)', () => {
	it('never pads below zero, and always leaves at least minVisible (or the whole map) clear on each axis', () => {
		for (const { vp, covers } of cases) {
			for (const minVisible of [0, 120, 300]) {
				for (const margin of [0, 16, 80]) {
					const p = coverPadding(vp, covers, { minVisible, margin });
					for (const side of Object.values(p)) expect(side).toBeGreaterThanOrEqual(0);
					expect(p.left + p.right).toBeLessThanOrEqual(w(vp) - Math.min(minVisible, w(vp)) + EPS);
					expect(p.top + p.bottom).toBeLessThanOrEqual(h(vp) - Math.min(minVisible, h(vp)) + EPS);
				}
			}
		}
	});

	it('leaves a clear rectangle that no cover overlaps, when no minimum forces the panels over it', () => {
		for (const { vp, covers } of cases) {
			const p = coverPadding(vp, covers, { minVisible: 0 });
			const clear = clearOf(vp, p);
			for (const c of covers) expect(overlapArea(clear, c)).toBeLessThanOrEqual(EPS);
		}
	});

	it('a margin keeps that many pixels between the clear part and every cover and edge, room permitting', () => {
		for (const { vp, covers } of cases) {
			const bare = coverPadding(vp, covers, { minVisible: 0 });
			const padded = coverPadding(vp, covers, { minVisible: 0, margin: 16 });
			if (w(vp) - bare.left - bare.right < 32 || h(vp) - bare.top - bare.bottom < 32) continue;
			for (const side of ['top', 'right', 'bottom', 'left'] as const) expect(padded[side]).toBeCloseTo(bare[side] + 16, 9);
		}
	});

	it('a cover outside the viewport, or an empty one, adds nothing', () => {
		for (const { vp, covers } of cases) {
			const outside: ScreenRect[] = [
				{ left: vp.right + 1, top: vp.top, right: vp.right + 300, bottom: vp.bottom }, // beside it (the desktop sidebar)
				{ left: vp.left, top: vp.bottom, right: vp.right, bottom: vp.bottom + 500 }, // below it (a closed sheet slid off)
				{ left: vp.left - 300, top: vp.top - 300, right: vp.left, bottom: vp.top }, // touching a corner only
				{ left: vp.left + 10, top: vp.top + 10, right: vp.left + 10, bottom: vp.top + 400 } // zero width (display: none)
			];
			expect(coverPadding(vp, [...covers, ...outside])).toEqual(coverPadding(vp, covers));
		}
	});

	it('a bigger cover never leaves a bigger clear area', () => {
		for (const { vp, covers } of cases) {
			if (covers.length === 0) continue;
			const before = clearArea(vp, coverPadding(vp, covers, { minVisible: 0 }));
			const grown = covers.map((c, i) => (i === 0 ? { left: c.left - between(0, 100), top: c.top - between(0, 100), right: c.right + between(0, 100), bottom: c.bottom + between(0, 100) } : c));
			expect(clearArea(vp, coverPadding(vp, grown, { minVisible: 0 }))).toBeLessThanOrEqual(before + EPS);
		}
	});

	it('does not depend on the order of the covers, nor on where the screen origin is', () => {
		for (const { vp, covers } of cases) {
			const p = coverPadding(vp, covers);
			expect(coverPadding(vp, [...covers].reverse())).toEqual(p);
			const shift = (r: ScreenRect): ScreenRect => ({ left: r.left + 37, top: r.top - 21, right: r.right + 37, bottom: r.bottom - 21 });
			const q = coverPadding(shift(vp), covers.map(shift));
			for (const side of ['top', 'right', 'bottom', 'left'] as const) expect(q[side]).toBeCloseTo(p[side], 6);
		}
	});

	it('with one cover, clears at least as much as pushing it to any single side would', () => {
		for (const { vp, covers } of cases) {
			const c = covers[0];
			if (!c || overlapArea(c, vp) === 0) continue;
			const best = clearArea(vp, coverPadding(vp, [c], { minVisible: 0 }));
			const sides = [
				(Math.min(vp.right, Math.max(vp.left, c.left)) - vp.left) * h(vp), // keep the part left of it
				(vp.right - Math.max(vp.left, Math.min(vp.right, c.right))) * h(vp),
				(Math.min(vp.bottom, Math.max(vp.top, c.top)) - vp.top) * w(vp),
				(vp.bottom - Math.max(vp.top, Math.min(vp.bottom, c.bottom))) * w(vp)
			];
			expect(best).toBeGreaterThanOrEqual(Math.max(...sides) - 1e-6);
		}
	});

	it('rejects a viewport that is not a rectangle, and a negative margin', () => {
		expect(() => coverPadding({ left: 0, top: 0, right: -1, bottom: 10 }, [])).toThrow(/not a rectangle/);
		expect(() => coverPadding({ left: 0, top: 0, right: NaN, bottom: 10 }, [])).toThrow(/not a rectangle/);
		expect(() => coverPadding({ left: 0, top: 0, right: 10, bottom: 10 }, [], { margin: -1 })).toThrow(/margin/);
	});
});

describe("coverPadding on the app's layouts", () => {
	// Measured in the browser (tests/e2e/framing.e2e.ts checks the camera end to end).
	const desktopMap: ScreenRect = { left: 300, top: 55, right: 1280, bottom: 800 };
	const phoneMap: ScreenRect = { left: 0, top: 75, right: 390, bottom: 844 };

	it('desktop: the 380 px details panel down the west side pads the left', () => {
		const panel = { left: 313, top: 68, right: 693, bottom: 736 };
		expect(coverPadding(desktopMap, [panel])).toEqual({ top: 0, right: 0, bottom: 0, left: 393 });
	});

	it('desktop: a short panel in the corner still pads the side that leaves the larger clear part', () => {
		const panel = { left: 313, top: 68, right: 693, bottom: 260 };
		// Left keeps 587×745, top keeps 980×540: the top wins.
		expect(coverPadding(desktopMap, [panel])).toEqual({ top: 205, right: 0, bottom: 0, left: 0 });
	});

	it('phone: the bottom sheet pads the bottom and the "Layers & places" button the top', () => {
		const sheet = { left: 0, top: 422, right: 390, bottom: 844 };
		const toggle = { left: 10, top: 83, right: 167, bottom: 121 };
		expect(coverPadding(phoneMap, [sheet, toggle])).toEqual({ top: 46, right: 0, bottom: 422, left: 0 });
	});

	it('phone: a sheet taller than the map leaves the minimum clear, split in proportion', () => {
		const sheet = { left: 0, top: 100, right: 390, bottom: 844 };
		const toggle = { left: 10, top: 83, right: 167, bottom: 121 };
		const p = coverPadding(phoneMap, [sheet, toggle], { minVisible: 120 });
		expect(p.top + p.bottom).toBeCloseTo(769 - 120, 9);
		expect(p.bottom).toBeGreaterThan(p.top);
	});

	it('no panel: the margin alone', () => {
		expect(coverPadding(phoneMap, [], { margin: 16 })).toEqual({ top: 16, right: 16, bottom: 16, left: 16 });
	});
});

describe('clearCentre and insideClear', () => {
	const vp = { left: 300, top: 55, right: 1280, bottom: 800 };
	const p = { top: 0, right: 0, bottom: 0, left: 393 };

	it('the centre of the clear part, in the map canvas coordinates', () => {
		expect(clearCentre(vp, p)).toEqual([(393 + 980) / 2, 745 / 2]);
		expect(clearCentre(vp, { top: 0, right: 0, bottom: 0, left: 0 })).toEqual([490, 372.5]);
	});

	it('a box is inside only when all of it is clear', () => {
		expect(insideClear({ left: 400, top: 10, right: 900, bottom: 700 }, vp, p)).toBe(true);
		expect(insideClear({ left: 380, top: 10, right: 900, bottom: 700 }, vp, p)).toBe(false);
		expect(insideClear({ left: 400, top: 10, right: 981, bottom: 700 }, vp, p)).toBe(false);
	});
});
