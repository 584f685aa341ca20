/**
 * The map as a PNG with its credits burnt in (the on-screen credits are HTML, not part of the
 * canvas, and a picture that travels without its credits breaks the data licences).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

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

/** What the strip under the picture says, in the UI's language. */
export interface PngCaption {
	/** The app's name, printed before the date. */
	title: string;
	/** The data credits, as plain text, in the order printed. */
	credits: readonly string[];
}

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

/**
 * The map as it is now, as a PNG: the map picture at the screen's pixel density with a white strip
 * at the bottom carrying "title · date" and the credits, joined by " | ".
 *
 * @param {MapLibreMap} map a map whose style has loaded
 * @param {PngCaption} caption the app's name and the credits, in the UI's language
 * @param {Date} [date=new Date()] the date printed in the strip (YYYY-MM-DD, local time)
 * @returns {Promise<Blob>} an image/png Blob
 * @throws {PngExportError} (rejects) if no frame is drawn within 5 s, or the browser cannot draw a
 *   2D canvas or encode a PNG
 * @example
 * const blob = await exportMapPng(map, { title: 'Changning Atlas', credits: ['© OpenStreetMap contributors'] });
 */
export async function exportMapPng(map: MapLibreMap, caption: PngCaption, date: Date = new Date()): Promise<Blob> {
	const frame = await grabFrame(map);
	const scale = frame.width / Math.max(1, map.getCanvas().clientWidth || frame.width);
	const fontPx = Math.round(12 * scale);
	const pad = Math.round(8 * scale);
	const lineHeight = Math.round(fontPx * 1.35);
	const font = `${fontPx}px "Noto Sans", "Noto Sans SC", system-ui, sans-serif`;

	const measure = document.createElement('canvas').getContext('2d');
	if (!measure) throw new PngExportError('no-canvas');
	measure.font = font;
	const pad2 = (n: number) => String(n).padStart(2, '0');
	const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
	const text = [`${caption.title} · ${day}`, ...caption.credits].join(' | ');
	const lines = wrap(measure, text, frame.width - 2 * pad);
	const strip = lines.length * lineHeight + 2 * pad;

	const out = document.createElement('canvas');
	out.width = frame.width;
	out.height = frame.height + strip;
	const ctx = out.getContext('2d');
	if (!ctx) throw new PngExportError('no-canvas');
	ctx.drawImage(frame, 0, 0);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, frame.height, out.width, strip);
	ctx.fillStyle = '#333333';
	ctx.font = font;
	ctx.textBaseline = 'top';
	lines.forEach((line, i) => ctx.fillText(line, pad, frame.height + pad + i * lineHeight));

	return new Promise((resolve, reject) => {
		out.toBlob((blob) => (blob ? resolve(blob) : reject(new PngExportError('no-encoder'))), 'image/png');
	});
}
