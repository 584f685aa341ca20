/**
 * The map as a PNG with its attribution burnt in (the on-screen attribution is HTML, not part of
 * the canvas, and a picture that travels without its credits breaks the data licences).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** How long to wait for the map to draw a frame before giving up. */
const FRAME_TIMEOUT_MS = 5000;

/** Every source's attribution, deduplicated, HTML tags and common entities removed. */
export function attributionText(map: MapLibreMap): string[] {
	const seen = new Set<string>();
	for (const source of Object.values(map.getStyle().sources)) {
		const text = 'attribution' in source && typeof source.attribution === 'string' ? plain(source.attribution) : '';
		if (text) seen.add(text);
	}
	return [...seen];
}

function plain(html: string): string {
	const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ', copy: '©' };
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&(amp|lt|gt|quot|#39|apos|nbsp|copy);/g, (_, name: string) => entities[name])
		.replace(/\s+/g, ' ')
		.trim();
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
			reject(new Error('The map did not draw a frame to export'));
		}, FRAME_TIMEOUT_MS);
		function onRender() {
			clearTimeout(timeout);
			const source = map.getCanvas();
			const copy = document.createElement('canvas');
			copy.width = source.width;
			copy.height = source.height;
			const ctx = copy.getContext('2d');
			if (!ctx) return reject(new Error('This browser cannot draw a 2D canvas'));
			ctx.drawImage(source, 0, 0);
			resolve(copy);
		}
		map.once('render', onRender);
		map.triggerRepaint();
	});
}

/** Greedy word wrap to a pixel width. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && ctx.measureText(candidate).width > width) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * The map as it is now, as a PNG: the map picture at the screen's pixel density with a white strip
 * at the bottom carrying "Changning Atlas · date" and every source's attribution joined by " | ".
 *
 * @param {MapLibreMap} map a map whose style has loaded
 * @param {Date} [date=new Date()] the date printed in the strip
 * @returns {Promise<Blob>} an image/png Blob
 * @throws {Error} (rejects) if no frame is drawn within 5 s or the browser cannot encode a PNG
 */
export async function exportMapPng(map: MapLibreMap, date: Date = new Date()): Promise<Blob> {
	const frame = await grabFrame(map);
	const scale = frame.width / Math.max(1, map.getCanvas().clientWidth || frame.width);
	const fontPx = Math.round(12 * scale);
	const pad = Math.round(8 * scale);
	const lineHeight = Math.round(fontPx * 1.35);
	const font = `${fontPx}px "Noto Sans", "Noto Sans SC", system-ui, sans-serif`;

	const measure = document.createElement('canvas').getContext('2d');
	if (!measure) throw new Error('This browser cannot draw a 2D canvas');
	measure.font = font;
	const pad2 = (n: number) => String(n).padStart(2, '0');
	const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
	const text = [`Changning Atlas · ${day}`, ...attributionText(map)].join(' | ');
	const lines = wrap(measure, text, frame.width - 2 * pad);
	const strip = lines.length * lineHeight + 2 * pad;

	const out = document.createElement('canvas');
	out.width = frame.width;
	out.height = frame.height + strip;
	const ctx = out.getContext('2d');
	if (!ctx) throw new Error('This browser cannot draw a 2D canvas');
	ctx.drawImage(frame, 0, 0);
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, frame.height, out.width, strip);
	ctx.fillStyle = '#333333';
	ctx.font = font;
	ctx.textBaseline = 'top';
	lines.forEach((line, i) => ctx.fillText(line, pad, frame.height + pad + i * lineHeight));

	return new Promise((resolve, reject) => {
		out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode a PNG'))), 'image/png');
	});
}
