/**
 * Browser benchmark of a built site: what the first map view costs, and how a life-circle drag feels.
 *
 *   npm run build && npm run bench:browser                  the site in build/
 *   npm run bench:browser -- --dir /tmp/build-before        another build (e.g. a baseline to compare)
 *   RUNS=9 STEPS=60 npm run bench:browser                   more runs (median), a longer drag
 *
 * Prints figures only; no test asserts them (a size budget is enforced by scripts/check-size.ts).
 *
 * 1. Bytes before the map's first `idle`: every response the page (and its workers) received before
 *    the map first went idle, from a fresh browser context, as raw and gzip bytes (zlib's default
 *    level, as a web server would send them; the bench's own server sends them uncompressed).
 *    JavaScript is split into maplibre-gl (its main chunk, found by content, and its worker) and the
 *    app's own (our code with Svelte's and SvelteKit's runtime). In a build that bundles maplibre-gl
 *    together with app code (as before issue 9), maplibre-gl's stretch of that chunk is found by its
 *    string literals (see splitMixed); those figures are marked ≈.
 * 2. Time to first idle, from navigation start, beside a bare page that draws the same map with
 *    maplibre-gl alone: the same style JSON (taken from the app's map once idle: sources, layers,
 *    inline places, font faces), the same data and font files from the same server, the same camera
 *    and map size, and maplibre-gl's published build with the same worker. Median of RUNS runs after
 *    one warm-up visit, app and bare alternating, each in a fresh context (a cold cache). The ratio app/bare is the
 *    price of the app around the map: its JavaScript, its data files, building the style.
 *    `window.__atlas.firstIdleMs` (map created → idle, set by src/lib/map/events.ts) is printed too,
 *    and the tile work both pages sent to maplibre-gl's workers before that idle (loadTile, reloadTile,
 *    loadData, updateLayers): counts that do not move with the machine's load, unlike the timings.
 * 3. The drag: pointer moves on the life-circle origin → isochrones painted per second.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { build } from 'vite';
import { firstViewFiles, holdsMaplibre, siteReader, staticImportsOf } from './check-size';

const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir');
const SITE = resolve(dirArg >= 0 ? (args[dirArg + 1] ?? '') : (process.env.BENCH_DIR ?? 'build'));
const RUNS = Number(process.env.RUNS ?? 5);
const STEPS = Number(process.env.STEPS ?? 30);
const VIEWPORT = { width: 1400, height: 900 };
const IDLE_TIMEOUT_MS = 90_000;

if (!existsSync(join(SITE, 'index.html'))) {
	console.error(`bench:browser: no built site at ${SITE} (run npm run build, or pass --dir <built site>)`);
	process.exit(1);
}
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`RUNS must be a positive integer, got ${process.env.RUNS}`);

const require = createRequire(import.meta.url);
const maplibreDist = resolve(require.resolve('maplibre-gl/package.json'), '..', 'dist');

// ---------------------------------------------------------------------------------------------
// A static server for the site, plus the bare page under /__bench/ (same origin: same data URLs).

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.geojson': 'application/geo+json',
	'.svg': 'image/svg+xml',
	'.woff2': 'font/woff2',
	'.bin': 'application/octet-stream',
	'.pbf': 'application/x-protobuf',
	'.png': 'image/png'
};

interface BareInputs {
	style: string;
	camera: { center: [number, number]; zoom: number; bearing: number; pitch: number };
	size: { width: number; height: number };
}
let bare: BareInputs | null = null;

/** The bare page: maplibre-gl alone, the app's style and camera, a map of the app's map size. */
function barePage({ camera, size }: BareInputs): string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare maplibre-gl</title>
<link rel="stylesheet" href="/__bench/maplibre-gl.css">
<style>html,body{margin:0}#map{position:absolute;left:0;top:0;width:${size.width}px;height:${size.height}px}</style>
</head><body><div id="map"></div>
<script type="module">
import * as maplibregl from '/__bench/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/__bench/maplibre-gl-worker.mjs');
const started = performance.now();
const map = new maplibregl.Map({ container: 'map', style: '/__bench/style.json', attributionControl: false, ...${JSON.stringify(camera)} });
map.once('idle', () => { window.__bare = { idleAt: performance.now(), firstIdleMs: performance.now() - started }; });
</script></body></html>`;
}

function serve(): Promise<{ server: Server; origin: string }> {
	const server = createServer((request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		const send = (body: string | Buffer, type: string) => {
			response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
			response.end(body);
		};
		if (path.startsWith('/__bench/')) {
			const name = path.slice('/__bench/'.length);
			if (name === 'bare.html' && bare) return send(barePage(bare), TYPES['.html']);
			if (name === 'style.json' && bare) return send(bare.style, TYPES['.json']);
			if (['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css'].includes(name)) {
				return send(readFileSync(join(maplibreDist, name)), TYPES[extname(name)]);
			}
		} else {
			let file = resolve(SITE, `.${path}`);
			if (!relative(SITE, file).startsWith('..')) {
				if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
				else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
				if (existsSync(file)) return send(readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
			}
		}
		response.writeHead(404).end();
	});
	return new Promise((done) => server.listen(0, '127.0.0.1', () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : 0;
		done({ server, origin: `http://localhost:${port}` });
	}));
}

// ---------------------------------------------------------------------------------------------
// What each response is.

type Kind = 'maplibre-gl' | 'maplibre-gl worker' | 'app' | 'data' | 'fonts' | 'css' | 'html' | 'other';

interface Received {
	path: string;
	kind: Kind;
	raw: number;
	gzip: number;
	/** Set for a chunk that mixes maplibre-gl with app code: the two parts, each gzipped on its own. */
	split?: Split;
}

// Splitting a chunk that mixes maplibre-gl with app code (a build before issue 9). The bundler keeps a
// module's code together, so maplibre-gl is one stretch of the chunk. Its ends are found by string
// literals that occur once in maplibre-gl (minifiers keep string contents), widened by the code
// before its first and after its last such literal, as measured on maplibre-gl minified alone by the
// same bundler. Checked against a build with maplibre-gl in its own chunk: the stretch found is within 0.3% of it.

/** Unique string literals of maplibre-gl's published build, in order (contents only: quotes change). */
function maplibreAnchors(): string[] {
	const dist = readFileSync(join(maplibreDist, 'maplibre-gl.mjs'), 'utf8');
	const counts = new Map<string, number>();
	for (const [, , text] of dist.matchAll(/(["'`])([A-Za-z][\w .,:;()-]{15,80})\1/g)) counts.set(text, (counts.get(text) ?? 0) + 1);
	return [...counts].filter(([, n]) => n === 1).map(([text]) => text);
}

/** Where the anchors put maplibre-gl in `code`: from the first early anchor to the end of the last late one. */
function anchorSpan(code: string, anchors: string[]): { start: number; end: number } | null {
	const K = 30;
	let start = Infinity;
	let end = -1;
	for (const text of anchors.slice(0, K)) {
		for (const q of ['`', '"', "'"]) {
			const at = code.indexOf(q + text + q);
			if (at >= 0) start = Math.min(start, at);
		}
	}
	for (const text of anchors.slice(-K)) {
		for (const q of ['`', '"', "'"]) {
			const at = code.lastIndexOf(q + text + q);
			if (at >= 0) end = Math.max(end, at + text.length + 2);
		}
	}
	return Number.isFinite(start) && end > start ? { start, end } : null;
}

interface Reference {
	anchors: string[];
	/** Characters of maplibre-gl before its first anchor and after its last, minified alone. */
	head: number;
	tail: number;
}
let reference: Reference | null = null;

/** maplibre-gl minified alone by vite, as the app bundles it, to measure `head` and `tail`. */
async function maplibreReference(): Promise<Reference> {
	if (reference) return reference;
	const anchors = maplibreAnchors();
	const dir = mkdtempSync(join(os.tmpdir(), 'bench-maplibre-'));
	try {
		const entry = join(dir, 'entry.js');
		writeFileSync(entry, `import * as maplibregl from ${JSON.stringify(join(maplibreDist, 'maplibre-gl.mjs'))};\nglobalThis.maplibregl = maplibregl;\n`);
		const output = await build({
			configFile: false,
			logLevel: 'silent',
			root: dir,
			build: { write: false, minify: true, rolldownOptions: { input: entry } }
		});
		const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
		const code = chunks.flatMap((c) => (c.type === 'chunk' ? [c.code] : [])).join('\n');
		const span = anchorSpan(code, anchors);
		if (!span) throw new Error('maplibre-gl\'s anchors are not in its own minified build');
		reference = { anchors, head: span.start, tail: code.length - span.end };
		return reference;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

interface Split {
	maplibreRaw: number;
	maplibreGzip: number;
	appRaw: number;
	appGzip: number;
}

/**
 * maplibre-gl's stretch of a mixed chunk and the rest, each gzipped on its own (as if they had been
 * two chunks); null if the stretch cannot be found.
 */
async function splitMixed(code: string): Promise<Split | null> {
	const ref = await maplibreReference();
	const span = anchorSpan(code, ref.anchors);
	if (!span) return null;
	const from = Math.max(0, span.start - ref.head);
	const to = Math.min(code.length, span.end + ref.tail);
	const maplibre = code.slice(from, to);
	const app = code.slice(0, from) + code.slice(to);
	return {
		maplibreRaw: Buffer.byteLength(maplibre),
		maplibreGzip: gzipSync(maplibre).length,
		appRaw: Buffer.byteLength(app),
		appGzip: gzipSync(app).length
	};
}

async function describe(path: string, body: Buffer): Promise<Received> {
	const raw = body.length;
	const gzip = gzipSync(body).length;
	const ext = extname(path);
	if (ext === '.js' || ext === '.mjs') {
		const code = body.toString('utf8');
		if (/maplibre-gl-worker/.test(path)) return { path, kind: 'maplibre-gl worker', raw, gzip };
		if (!holdsMaplibre(code)) return { path, kind: 'app', raw, gzip };
		if (staticImportsOf(code).length === 0) return { path, kind: 'maplibre-gl', raw, gzip };
		const split = await splitMixed(code);
		return split ? { path, kind: 'app', raw, gzip, split } : { path, kind: 'maplibre-gl', raw, gzip };
	}
	if (path.includes('/fonts/')) return { path, kind: 'fonts', raw, gzip };
	if (path.includes('/data/') || path.endsWith('/style.json')) return { path, kind: 'data', raw, gzip };
	if (ext === '.css') return { path, kind: 'css', raw, gzip };
	if (ext === '.html' || path === '/') return { path, kind: 'html', raw, gzip };
	return { path, kind: 'other', raw, gzip };
}

// ---------------------------------------------------------------------------------------------
// One visit: open a page in a fresh context, collect every response until the first idle.

interface Visit {
	/** ms from navigation start to the map's first idle. */
	idleAt: number;
	/** ms from the map's creation to its first idle. */
	firstIdleMs: number;
	before: Received[];
	/** JavaScript that arrived after the first idle (on-demand code fetched while idle). */
	afterJs: Received[];
	/** Messages the page sent to maplibre-gl's workers before the first idle, by maplibre-gl's message type. */
	workerMessages: Record<string, number>;
}

/**
 * maplibre-gl's worker message types (src/util/actor_messages.ts), those that cost tile work.
 * Counted because they do not depend on the machine's load: the same style drawn twice as much
 * work shows here however noisy the timings are.
 */
const TILE_WORK: Record<string, string> = { LT: 'loadTile', RT: 'reloadTile', LD: 'loadData', UL: 'updateLayers', SL: 'setLayers' };

async function visit(browser: Browser, url: string, idleGlobal: '__atlas' | '__bare', then?: (page: Page) => Promise<void>): Promise<Visit> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	const finished: Request[] = [];
	let idleMark = -1;
	page.on('requestfinished', (request) => finished.push(request));
	// Marks which responses had arrived when the map first went idle: events come in order.
	await page.exposeFunction('__benchIdle', () => {
		idleMark = finished.length;
	});
	// Time the first idle from navigation start: the app sets window.__atlas at its first idle (the
	// bare page window.__bare). A string, not a function: tsx would wrap a function's inner functions
	// in a helper that does not exist in the page.
	// The worker messages are counted until then by wrapping Worker.prototype.postMessage.
	await page.addInitScript(`{
		let value;
		Object.defineProperty(window, ${JSON.stringify(idleGlobal)}, {
			configurable: true,
			get() { return value; },
			set(v) { value = v; window.__benchIdleAt = performance.now(); window.__benchIdle(); }
		});
		window.__benchMessages = {};
		const post = Worker.prototype.postMessage;
		Worker.prototype.postMessage = function (message, ...rest) {
			const type = message && typeof message.type === 'string' ? message.type : 'other';
			if (window.__benchIdleAt === undefined) window.__benchMessages[type] = (window.__benchMessages[type] || 0) + 1;
			return post.call(this, message, ...rest);
		};
	}`);
	await page.goto(url);
	await page.waitForFunction((name) => (window as unknown as Record<string, unknown>)[name] !== undefined, idleGlobal, { timeout: IDLE_TIMEOUT_MS });
	const timing = await page.evaluate((name) => {
		const w = window as unknown as Record<string, { firstIdleMs: number }> & { __benchIdleAt: number; __benchMessages: Record<string, number> };
		return { idleAt: w.__benchIdleAt, firstIdleMs: w[name].firstIdleMs, workerMessages: w.__benchMessages };
	}, idleGlobal);
	for (let waited = 0; idleMark < 0; waited += 10) {
		if (waited > 5000) throw new Error('the idle mark never arrived');
		await page.waitForTimeout(10);
	}
	if (then) {
		await then(page);
		// Give idle-time prefetches a moment to land, to report them apart.
		await page.waitForTimeout(1500);
	}
	const received: Received[] = [];
	for (const request of finished) {
		const response = await request.response();
		const body = await response?.body().catch(() => null);
		if (!body || response?.status() !== 200) continue;
		received.push(await describe(new URL(request.url()).pathname, body));
	}
	await context.close();
	const jsKinds: Kind[] = ['app', 'maplibre-gl', 'maplibre-gl worker'];
	return {
		...timing,
		before: received.slice(0, idleMark),
		afterJs: received.slice(idleMark).filter((r) => jsKinds.includes(r.kind))
	};
}

/** Take the style, camera and map size of the app's map once idle, for the bare page. */
async function captureForBare(page: Page): Promise<void> {
	bare = await page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const { lng, lat } = map.getCenter();
		const box = map.getContainer().getBoundingClientRect();
		return {
			style: JSON.stringify(map.getStyle()),
			camera: { center: [lng, lat] as [number, number], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() },
			size: { width: Math.round(box.width), height: Math.round(box.height) }
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Figures.

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

interface Totals {
	raw: number;
	gzip: number;
	files: number;
	estimated: boolean;
}

/** Sum the responses by group; a mixed chunk counts its estimated maplibre-gl share under maplibre-gl. */
function totals(received: Received[]): Record<'maplibre-gl' | 'maplibre-gl worker' | 'app' | 'data' | 'fonts', Totals> {
	const empty = (): Totals => ({ raw: 0, gzip: 0, files: 0, estimated: false });
	const t = { 'maplibre-gl': empty(), 'maplibre-gl worker': empty(), app: empty(), data: empty(), fonts: empty() };
	for (const r of received) {
		if (!(r.kind in t)) continue;
		const group = t[r.kind as keyof typeof t];
		if (r.split) {
			t['maplibre-gl'].raw += r.split.maplibreRaw;
			t['maplibre-gl'].gzip += r.split.maplibreGzip;
			t['maplibre-gl'].files += 1;
			t['maplibre-gl'].estimated = true;
			group.raw += r.split.appRaw;
			group.gzip += r.split.appGzip;
			group.estimated = true;
		} else {
			group.raw += r.raw;
			group.gzip += r.gzip;
		}
		group.files += 1;
	}
	return t;
}

function line(label: string, t: Totals): string {
	const approx = t.estimated ? '≈' : ' ';
	return `  ${label.padEnd(24)} ${approx}${String(t.raw).padStart(9)} B raw  ${approx}${kB(t.gzip).padStart(9)} gzip  (${t.files} file${t.files === 1 ? '' : 's'})`;
}

// ---------------------------------------------------------------------------------------------

const { server, origin } = await serve();
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
	// Warm-up, not counted: the browser's first map pays once for starting its GPU process and
	// compiling shaders (software WebGL), which would otherwise fall on whichever page came first.
	// It also takes the app's style for the bare page.
	const warmUp = await visit(browser, `${origin}/`, '__atlas', captureForBare);
	const app: Visit[] = [];
	const bareRuns: Visit[] = [];
	for (let run = 0; run < RUNS; run++) {
		app.push(await visit(browser, `${origin}/`, '__atlas'));
		bareRuns.push(await visit(browser, `${origin}/__bench/bare.html`, '__bare'));
	}

	console.log(
		`# browser benchmark · ${relative(process.cwd(), SITE) || '.'} · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.cpus().length} cores · ` +
			`headless Chromium, software WebGL · ${VIEWPORT.width}×${VIEWPORT.height} · median of ${RUNS} runs`
	);
	const first = totals(app[0].before);
	console.log('bytes before the map\'s first idle (first measured run; gzip: zlib default level; ≈: maplibre-gl told apart from app code inside one chunk):');
	console.log(line('JS maplibre-gl', first['maplibre-gl']));
	console.log(line('JS maplibre-gl worker', first['maplibre-gl worker']));
	console.log(line('JS app (own + runtime)', first.app));
	console.log(line('data (static/data)', first.data));
	console.log(line('fonts', first.fonts));
	// Which of them the page imports statically (the first view proper, as check:size counts it) and
	// which are on-demand code that happened to arrive before the idle (an early prefetch).
	const staticPaths = new Set(firstViewFiles('index.html', siteReader(SITE)).map((f) => `/${f.path}`));
	const appFiles = app[0].before.filter((r) => r.kind === 'app').sort((a, b) => b.gzip - a.gzip);
	for (const r of appFiles) {
		const note = r.split ? ' (whole chunk, before the split)' : staticPaths.has(r.path) ? '' : ' (not a static import: an import() that ran before the idle)';
		console.log(`      ${r.path.padEnd(48)} ${String(r.raw).padStart(9)} B ${kB(r.gzip).padStart(9)}${note}`);
	}
	const early = totals(app[0].before.filter((r) => r.kind === 'app' && !staticPaths.has(r.path)));
	console.log(`  of the app's JS, not static imports yet before the idle: ${kB(early.app.gzip)} gzip in ${early.app.files} files`);
	const after = totals(warmUp.afterJs);
	console.log(`  JS fetched after the first idle (on demand, prefetched): ${kB(after.app.gzip)} gzip in ${after.app.files} files`);
	const bareBytes = totals(bareRuns[0].before);
	console.log(`  bare page, for comparison: maplibre-gl ${kB(bareBytes['maplibre-gl'].gzip)} + worker ${kB(bareBytes['maplibre-gl worker'].gzip)} gzip (published build); data ${kB(bareBytes.data.gzip)} (style JSON included), fonts ${kB(bareBytes.fonts.gzip)}`);
	console.log(`first_view_app_js_gzip=${first.app.gzip}${first.app.estimated ? ' (estimated)' : ''}`);
	console.log(`first_view_maplibre_js_gzip=${first['maplibre-gl'].gzip + first['maplibre-gl worker'].gzip}${first['maplibre-gl'].estimated ? ' (estimated)' : ''}`);
	console.log(`first_view_data_gzip=${first.data.gzip + first.fonts.gzip}`);

	const appIdle = median(app.map((v) => v.idleAt));
	const bareIdle = median(bareRuns.map((v) => v.idleAt));
	console.log(`time to first idle, from navigation start (median of ${RUNS}; map created → idle in brackets):`);
	console.log(`  app   ${appIdle.toFixed(0).padStart(6)} ms  (${median(app.map((v) => v.firstIdleMs)).toFixed(0)} ms, window.__atlas.firstIdleMs)   runs: ${app.map((v) => v.idleAt.toFixed(0)).join(' ')}`);
	console.log(`  bare  ${bareIdle.toFixed(0).padStart(6)} ms  (${median(bareRuns.map((v) => v.firstIdleMs)).toFixed(0)} ms)   runs: ${bareRuns.map((v) => v.idleAt.toFixed(0)).join(' ')}`);
	console.log(`map_first_idle_ms=${appIdle.toFixed(0)}`);
	console.log(`bare_first_idle_ms=${bareIdle.toFixed(0)}`);
	console.log(`first_idle_ratio_app_over_bare=${(appIdle / bareIdle).toFixed(2)}`);
	const work = (v: Visit) => Object.entries(TILE_WORK).map(([code, name]) => `${name} ${v.workerMessages[code] ?? 0}`).join(' · ');
	console.log('work sent to maplibre-gl\'s workers before the first idle (first measured run; independent of load):');
	console.log(`  app   ${work(app[0])}`);
	console.log(`  bare  ${work(bareRuns[0])}`);

	await drag(browser);
} finally {
	await browser.close();
	server.close();
}

/** The drag figures: how many isochrones a drag of the origin paints per second. */
async function drag(browser: Browser): Promise<void> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	try {
		await page.goto(`${origin}/`);
		await page.locator('.map[data-idle="true"]').waitFor({ timeout: IDLE_TIMEOUT_MS });
		await page.locator('[data-mode="life-circle"]').click();
		await page.getByRole('button', { name: 'Start at map centre' }).click();
		await page.locator('[data-testid="band-areas"]').waitFor();
		const marker = await page.locator('.origin-marker').boundingBox();
		if (!marker) throw new Error('no origin marker on the map');
		const count = () => page.getByTestId('life-circle-panel').getAttribute('data-results').then(Number);
		const x0 = marker.x + marker.width / 2;
		const y0 = marker.y + marker.height / 2;
		await page.mouse.move(x0, y0);
		await page.mouse.down();
		const before = await count();
		const started = performance.now();
		for (let i = 1; i <= STEPS; i++) {
			await page.mouse.move(x0 + 250 * Math.sin((i / STEPS) * Math.PI * 2), y0 + 120 * Math.sin((i / STEPS) * Math.PI * 4));
		}
		await page.mouse.up();
		const seconds = (performance.now() - started) / 1000;
		await page.waitForTimeout(500);
		const updates = (await count()) - before;
		const roundTrip = Number(await page.getByTestId('life-circle-panel').getAttribute('data-round-trip-ms'));
		const workerMs = Number(await page.getByTestId('band-areas').getAttribute('data-worker-ms'));
		console.log(`drag: ${STEPS} pointer moves in ${seconds.toFixed(2)} s → ${updates} isochrones painted`);
		console.log(
			`last update: computed in the worker in ${workerMs.toFixed(1)} ms (→ ${(1000 / workerMs).toFixed(0)} isochrones/s); ` +
				`round trip incl. waiting for the busy main thread ${roundTrip.toFixed(0)} ms`
		);
		console.log('(painting is the limit here: headless Chromium draws WebGL in software, ~0.2–0.35 s a frame)');
		console.log(`drag_updates_per_second=${(updates / seconds).toFixed(1)}`);
	} catch (error) {
		// The first-view figures above stand; a build whose life-circle UI differs only loses these.
		console.log(`drag: not measured (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
	} finally {
		await context.close();
	}
}
