/**
 * The map as a PNG with its credits burnt in (the on-screen credits are HTML, not part of the
 * canvas, and a picture that travels without its credits breaks the data licences).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { basemapColours } from '$lib/data/palette';
import { BAND_FILL_OPACITY, type LegendSection, type PngSheet, type Swatch } from '$lib/data/legend';
import { metresPerPixel, scaleBar } from '$lib/geo/scale-bar';

/** How long to wait for the map to draw a frame before giving up. */
const FRAME_TIMEOUT_MS = 5000;

/** Why an export failed; the share panel words it (string keys `share.png.<code>`). */
export type PngExportCode = 'no-frame' | 'no-canvas' | 'no-encoder';

/** A failed PNG export, as a code (and its parameters) for the UI to word; the message is English, for logs. */
export class PngExportError extends Error {
	constructor(
		readonly code: PngExportCode,
		readonly params: Record<string, number> = {}
	) {
		super(
			code === 'no-frame'
				? `The map did not draw a frame to export within ${params.seconds} s`
				: code === 'no-canvas'
					? 'This browser cannot draw a 2D canvas'
					: 'The browser could not encode a PNG'
		);
		this.name = 'PngExportError';
	}
}

/**
 * What the margin under the picture says, in the UI's language: at least the title and the credits;
 * with a sheet (the share panel's), also what the picture shows, its legend and the data's dates.
 */
export type PngCaption = Partial<PngSheet> & {
	/** The picture's title: what it shows, else the app's name. */
	title: string;
	/** The data credits, as plain text, in the order printed. */
	credits: readonly string[];
};

/**
 * Copy the map's current picture. A WebGL canvas without `preserveDrawingBuffer` is cleared once
 * the frame is composited, so the copy is taken inside a `render` event of a frame we ask for,
 * while the drawing buffer still holds it (cheaper than preserving the buffer on every frame).
 */
function grabFrame(map: MapLibreMap): Promise<HTMLCanvasElement> {
	return new Promise((resolve, reject) => {
		const timeout = setTimeout(() => {
			map.off('render', onRender);
			reject(new PngExportError('no-frame', { seconds: FRAME_TIMEOUT_MS / 1000 }));
		}, FRAME_TIMEOUT_MS);
		function onRender() {
			clearTimeout(timeout);
			const source = map.getCanvas();
			const copy = document.createElement('canvas');
			copy.width = source.width;
			copy.height = source.height;
			const ctx = copy.getContext('2d');
			if (!ctx) return reject(new PngExportError('no-canvas'));
			ctx.drawImage(source, 0, 0);
			resolve(copy);
		}
		map.once('render', onRender);
		map.triggerRepaint();
	});
}

/** A CJK character or full-width punctuation mark (a line may break before or after it), a Latin word, or spaces. */
const BREAK_UNITS = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+/g;

/** Greedy wrap to a pixel width: at spaces, and between CJK characters (Chinese has no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const unit of text.match(BREAK_UNITS) ?? []) {
		const candidate = line + unit;
		if (line.trim() && ctx.measureText(candidate.trimEnd()).width > width) {
			lines.push(line.trimEnd());
			line = unit.trimStart();
		} else line = candidate;
	}
	if (line.trim()) lines.push(line.trimEnd());
	return lines;
}


/** Sizes of the margin, in CSS pixels (multiplied by the screen's pixel density). */
const MARGIN = { pad: 10, title: 16, text: 12, small: 11, gap: 6, swatchW: 28, swatchH: 14, itemGap: 14, scaleMaxPx: 120 } as const;
const FONT_STACK = '"Noto Sans", "Noto Sans SC", system-ui, sans-serif';

/** The margin's content, drawn or only measured (with `draw` false, nothing is painted). */
interface MarginPlan {
	caption: PngCaption;
	day: string;
	/** The scale bar: its length (device pixels) and caption. */
	scale: { px: number; label: string } | null;
}

/**
 * Lay out (and, on `ctx` with `draw`, paint) the margin under the map: title, details, scale bar,
 * legend, the data's dates and the credits, top to bottom, wrapped to `width`. Returns its height.
 * The same code measures and paints, so the canvas is made exactly as tall as what is drawn.
 */
function margin(ctx: CanvasRenderingContext2D, plan: MarginPlan, width: number, top: number, s: number, draw: boolean): number {
	const C = basemapColours(plan.caption.theme ?? 'light');
	const pad = MARGIN.pad * s;
	const inner = width - 2 * pad;
	let y = top + pad;
	ctx.textBaseline = 'top';

	const text = (lines: readonly string[], px: number, colour: string, weight = '') => {
		ctx.font = `${weight} ${Math.round(px * s)}px ${FONT_STACK}`.trim();
		const lineHeight = Math.round(px * s * 1.35);
		for (const line of lines.flatMap((l) => wrap(ctx, l, inner))) {
			if (draw) {
				ctx.fillStyle = colour;
				ctx.fillText(line, pad, y);
			}
			y += lineHeight;
		}
	};

	const { caption } = plan;
	// Without a sheet (only title and credits), the date goes after the title, as it always did.
	text([caption.details ? caption.title : `${caption.title} · ${plan.day}`], MARGIN.title, C.label, 'bold');
	if (caption.details) text(caption.details, MARGIN.text, C.labelMuted);

	if (plan.scale) {
		y += MARGIN.gap * s;
		const h = Math.round(8 * s);
		const bar = Math.round(plan.scale.px);
		if (draw) {
			ctx.fillStyle = C.label;
			const t = Math.max(1, Math.round(2 * s));
			ctx.fillRect(pad, y + h - t, bar, t);
			ctx.fillRect(pad, y, t, h);
			ctx.fillRect(pad + bar - t, y, t, h);
		}
		ctx.font = `${Math.round(MARGIN.small * s)}px ${FONT_STACK}`;
		if (draw) ctx.fillText(plan.scale.label, pad + bar + 6 * s, y - 2 * s);
		y += h + 4 * s;
	}

	for (const section of caption.legend ?? []) y = legendSection(ctx, section, C, { pad, inner, y: y + MARGIN.gap * s, s, draw });

	y += MARGIN.gap * s;
	if (caption.dataDates) text([caption.dataDates], MARGIN.small, C.labelMuted);
	text([caption.credits.join(' | ')], MARGIN.small, C.labelMuted);
	return y + pad - top;
}

/** One legend section: its heading in bold, then its rows as swatch-and-label items flowing left to right. */
function legendSection(
	ctx: CanvasRenderingContext2D,
	section: LegendSection,
	C: ReturnType<typeof basemapColours>,
	at: { pad: number; inner: number; y: number; s: number; draw: boolean }
): number {
	const { pad, inner, s, draw } = at;
	const rowHeight = Math.round(Math.max(MARGIN.swatchH, MARGIN.text * 1.35) * s) + Math.round(4 * s);
	let x = pad;
	let y = at.y;
	ctx.textBaseline = 'middle';
	ctx.font = `bold ${Math.round(MARGIN.text * s)}px ${FONT_STACK}`;
	if (draw) {
		ctx.fillStyle = C.label;
		ctx.fillText(section.heading, x, y + rowHeight / 2);
	}
	x += ctx.measureText(section.heading).width + MARGIN.itemGap * s;
	ctx.font = `${Math.round(MARGIN.text * s)}px ${FONT_STACK}`;
	for (const row of section.rows) {
		const w = MARGIN.swatchW * s + 6 * s + ctx.measureText(row.label).width;
		if (x > pad && x + w > pad + inner) {
			x = pad;
			y += rowHeight;
		}
		if (draw) {
			swatch(ctx, row.swatch, C.labelHalo, Math.round(x), Math.round(y + (rowHeight - MARGIN.swatchH * s) / 2), s);
			ctx.fillStyle = C.label;
			ctx.fillText(row.label, x + MARGIN.swatchW * s + 6 * s, y + rowHeight / 2);
		}
		x += w + MARGIN.itemGap * s;
	}
	ctx.textBaseline = 'top';
	return y + rowHeight;
}

/**
 * One swatch, with whole-pixel rectangles where it can: the band's outline and the lines are then
 * exactly the map's colour (no antialiasing), which is also what a test samples.
 */
function swatch(ctx: CanvasRenderingContext2D, sample: Swatch, background: string, x: number, y: number, s: number): void {
	const w = Math.round(MARGIN.swatchW * s);
	const h = Math.round(MARGIN.swatchH * s);
	const mid = y + Math.round(h / 2);
	const line = (colour: string, thickness: number, dashed = false) => {
		const t = Math.max(1, Math.round(thickness * s));
		const top = mid - Math.floor(t / 2);
		ctx.fillStyle = colour;
		if (!dashed) return ctx.fillRect(x + 1, top, w - 2, t);
		const dash = Math.round(4 * s);
		const gap = Math.round(3 * s);
		for (let at = x + 1; at < x + w - 1; at += dash + gap) ctx.fillRect(at, top, Math.min(dash, x + w - 1 - at), t);
	};
	switch (sample.kind) {
		case 'area': {
			const t = Math.max(2, Math.round(2 * s));
			ctx.fillStyle = sample.colour;
			ctx.fillRect(x, y, w, h);
			ctx.fillStyle = background;
			ctx.fillRect(x + t, y + t, w - 2 * t, h - 2 * t);
			// The fill at the band layer's opacity, over the margin as the map's is over the land.
			ctx.globalAlpha = BAND_FILL_OPACITY;
			ctx.fillStyle = sample.colour;
			ctx.fillRect(x + t, y + t, w - 2 * t, h - 2 * t);
			ctx.globalAlpha = 1;
			return;
		}
		case 'line':
			if (sample.casing) line(sample.casing, 7);
			return line(sample.colour, sample.casing ? 4 : 2.5, sample.dashed);
		case 'ramp': {
			const t = Math.max(1, Math.round(4 * s));
			const each = (w - 2) / sample.colours.length;
			sample.colours.forEach((colour, i) => {
				ctx.fillStyle = colour;
				ctx.fillRect(Math.round(x + 1 + i * each), mid - Math.floor(t / 2), Math.round(each), t);
			});
			return;
		}
		case 'dot':
			ctx.beginPath();
			ctx.arc(x + w / 2, mid, 5 * s, 0, 2 * Math.PI);
			ctx.fillStyle = sample.colour;
			ctx.fill();
			ctx.lineWidth = 1.5 * s;
			ctx.strokeStyle = sample.stroke;
			ctx.stroke();
			return;
	}
}

/**
 * The map as it is now, as a PNG: the map picture at the screen's pixel density with a margin under
 * it carrying the title, the details (export date, the life circle's origin), a scale bar for the
 * map's zoom at its centre's latitude, the legend, the data's dates and the credits. With only a
 * title and credits, the margin has the title with the date, the scale bar and the credits.
 *
 * @param {MapLibreMap} map a map whose style has loaded
 * @param {PngCaption} caption what the margin says, in the UI's language
 * @param {Date} [date=new Date()] the date printed (YYYY-MM-DD, local time) when the caption has no details
 * @returns {Promise<Blob>} an image/png Blob
 * @throws {PngExportError} (rejects) if no frame is drawn within 5 s, or the browser cannot draw a
 *   2D canvas or encode a PNG
 * @example
 * const blob = await exportMapPng(map, { title: 'Changning Atlas', credits: ['© OpenStreetMap contributors'] });
 */
export async function exportMapPng(map: MapLibreMap, caption: PngCaption, date: Date = new Date()): Promise<Blob> {
	const frame = await grabFrame(map);
	// Device pixels per CSS pixel: the margin is drawn at the same density as the map.
	const s = frame.width / Math.max(1, map.getCanvas().clientWidth || frame.width);
	const pad2 = (n: number) => String(n).padStart(2, '0');
	const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
	const bar = scaleBar(metresPerPixel(map.getCenter().lat, map.getZoom()), MARGIN.scaleMaxPx);
	const format = caption.formatLength ?? ((metres: number) => (metres >= 1000 ? `${metres / 1000} km` : `${metres} m`));
	const plan: MarginPlan = { caption, day, scale: { px: bar.px * s, label: format(bar.metres) } };

	const measure = document.createElement('canvas').getContext('2d');
	if (!measure) throw new PngExportError('no-canvas');
	const height = Math.ceil(margin(measure, plan, frame.width, 0, s, false));

	const out = document.createElement('canvas');
	out.width = frame.width;
	out.height = frame.height + height;
	const ctx = out.getContext('2d');
	if (!ctx) throw new PngExportError('no-canvas');
	ctx.drawImage(frame, 0, 0);
	ctx.fillStyle = basemapColours(caption.theme ?? 'light').labelHalo;
	ctx.fillRect(0, frame.height, out.width, height);
	margin(ctx, plan, frame.width, frame.height, s, true);

	return new Promise((resolve, reject) => {
		out.toBlob((blob) => (blob ? resolve(blob) : reject(new PngExportError('no-encoder'))), 'image/png');
	});
}
