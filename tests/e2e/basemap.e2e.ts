/**
 * Online basemaps, opt-in only (issue 11, item 4). The default map asks nothing of the network; an
 * online basemap fetches its tiles only once chosen, and only from its own host. The tiles here are
 * stand-ins served through request interception: drawn in Node from the bundled streets, in the
 * tiles' own coordinate system (WGS84 for OpenStreetMap, GCJ-02 for AMap), with a red dot at a known
 * position. The test finds the dot in a screenshot and holds the app's overlay at that position (the
 * life circle's origin marker) to within a few pixels of it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Page, Route } from '@playwright/test';
import type { FeatureCollection, LineString, MultiLineString } from 'geojson';
import { test, expect, openMap, waitForMapIdle } from './fixtures';
import { convertPosition } from '../../src/lib/data/import/crs';
import { worldPixel } from '../../src/lib/geo/tile-warp';

const SCREENSHOTS = 'tests/artifacts/screenshots';
const DOCS = 'docs/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

type LonLat = [number, number];
type Crs = 'WGS84' | 'GCJ02';

/** Where the stand-in tiles put their red dot, and the life circle its origin: a street corner by Zhongshan Park. */
const MARK: LonLat = [121.4185, 31.2195];
const OSM_TILES = 'https://tile.openstreetmap.org/**';
const AMAP_TILES = /^https:\/\/webrd0[1-4]\.is\.autonavi\.com\/appmaptile\?/;

// ---- stand-in tiles ------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** An RGBA image (width × height × 4 bytes) as a PNG file. */
function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 6, 0, 0, 0], 8);
	const raw = Buffer.alloc(height * (width * 4 + 1));
	for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
	const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
	return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const streets = (JSON.parse(readFileSync('static/data/streets.geojson', 'utf8')) as FeatureCollection<LineString | MultiLineString>).features.flatMap((f) =>
	f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates
) as LonLat[][];
const streetsIn: Record<Crs, LonLat[][]> = {
	WGS84: streets,
	GCJ02: streets.map((line) => line.map((p) => convertPosition(p, 'WGS84', 'GCJ02') as LonLat))
};

/**
 * A 256 px stand-in tile: paper, a faint tile border, the bundled streets in blue and a red dot at
 * MARK, each drawn where the tile's coordinate system puts it.
 */
function standInTile(z: number, x: number, y: number, crs: Crs): Buffer {
	const size = 256;
	const rgba = new Uint8Array(size * size * 4);
	const set = (px: number, py: number, [r, g, b]: number[]) => {
		if (px < 0 || py < 0 || px >= size || py >= size) return;
		const i = (py * size + px) * 4;
		rgba.set([r, g, b, 255], i);
	};
	for (let py = 0; py < size; py++) for (let px = 0; px < size; px++) set(px, py, px === 0 || py === 0 ? [214, 208, 196] : [241, 237, 226]);
	const local = (p: LonLat): [number, number] => {
		const [wx, wy] = worldPixel(p, z);
		return [wx - x * size, wy - y * size];
	};
	const width = z >= 15 ? 2 : 1;
	for (const line of streetsIn[crs]) {
		const pts = line.map(local);
		if (pts.every(([px]) => px < -8) || pts.every(([px]) => px > size + 8) || pts.every(([, py]) => py < -8) || pts.every(([, py]) => py > size + 8)) continue;
		for (let i = 1; i < pts.length; i++) {
			const [ax, ay] = pts[i - 1];
			const [bx, by] = pts[i];
			const steps = Math.ceil(Math.hypot(bx - ax, by - ay) * 2) + 1;
			for (let s = 0; s <= steps; s++) {
				const cx = ax + ((bx - ax) * s) / steps;
				const cy = ay + ((by - ay) * s) / steps;
				for (let dy = -width; dy <= width; dy++) for (let dx = -width; dx <= width; dx++) set(Math.round(cx + dx), Math.round(cy + dy), [70, 100, 190]);
			}
		}
	}
	const mark = crs === 'WGS84' ? MARK : (convertPosition(MARK, 'WGS84', 'GCJ02') as LonLat);
	const [mx, my] = local(mark);
	const radius = 6;
	for (let dy = -radius; dy <= radius; dy++) {
		for (let dx = -radius; dx <= radius; dx++) if (dx * dx + dy * dy <= radius * radius) set(Math.round(mx + dx), Math.round(my + dy), [255, 0, 0]);
	}
	return encodePng(rgba, size, size);
}

/** Serve stand-in tiles for a tile host; every request is recorded. */
async function serveTiles(page: Page, host: string | RegExp, crs: Crs, seen: string[]): Promise<void> {
	await page.route(host, (route: Route) => {
		const url = new URL(route.request().url());
		seen.push(url.href);
		let z: number, x: number, y: number;
		if (url.hostname === 'tile.openstreetmap.org') [z, x, y] = url.pathname.replace('.png', '').split('/').slice(1).map(Number);
		else [z, x, y] = ['z', 'x', 'y'].map((k) => Number(url.searchParams.get(k)));
		return route.fulfill({ status: 200, contentType: 'image/png', headers: { 'Access-Control-Allow-Origin': '*' }, body: standInTile(z, x, y, crs) });
	});
}

// ---- reading the map ------------------------------------------------------------------------------

type Atlas = { __atlas: { map: import('maplibre-gl').Map } };

/**
 * The centre of the red dot in a screenshot of the page (page pixels), decoded in the page; null when
 * there is none. Red through a translucent place fill still counts; the links hide the metro lines
 * and the amenity dots, the only other reds.
 */
async function redDotCentre(page: Page): Promise<{ x: number; y: number; count: number; stray: number; box: number[] } | null> {
	// The map's canvas only: the layer panel's swatches are red too.
	const clip = (await page.locator('.map canvas').boundingBox())!;
	const png = await page.screenshot({ clip });
	const found = await page.evaluate(async (b64) => {
		const image = new Image();
		image.src = `data:image/png;base64,${b64}`;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = image.width;
		canvas.height = image.height;
		const context = canvas.getContext('2d')!;
		context.drawImage(image, 0, 0);
		const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
		const xs: number[] = [];
		const ys: number[] = [];
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const i = (y * width + x) * 4;
				const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
				// Red, or red under a translucent fill: green and blue low and alike (orange is not).
				if (r > 170 && r - g > 110 && r - b > 110 && Math.abs(g - b) < 35) {
					xs.push(x);
					ys.push(y);
				}
			}
		}
		if (xs.length === 0) return null;
		// The dot is the biggest red thing: keep what lies within 12 px of the median, drop stray pixels.
		const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
		const [mx, my] = [median(xs), median(ys)];
		let sx = 0;
		let sy = 0;
		let count = 0;
		const box = [Infinity, Infinity, -Infinity, -Infinity];
		xs.forEach((x, i) => {
			const y = ys[i];
			if (Math.abs(x - mx) > 12 || Math.abs(y - my) > 12) return;
			sx += x;
			sy += y;
			count++;
			box[0] = Math.min(box[0], x);
			box[1] = Math.min(box[1], y);
			box[2] = Math.max(box[2], x);
			box[3] = Math.max(box[3], y);
		});
		return { x: sx / count + 0.5, y: sy / count + 0.5, count, stray: xs.length - count, box };
	}, png.toString('base64'));
	return found && { ...found, x: found.x + clip.x, y: found.y + clip.y };
}

/** The centre of the origin marker (the overlay at MARK), in page pixels. */
async function markerCentre(page: Page): Promise<{ x: number; y: number }> {
	const box = (await page.locator('.origin-marker').boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Find the tiles' red dot with everything of the atlas over it (its layers, the origin marker)
 * hidden for the moment of the screenshot, then shown again as it was.
 */
async function dotUnderOverlays(page: Page, name: string): Promise<{ x: number; y: number; count: number; stray: number; box: number[] } | null> {
	const hidden = await page.evaluate(() => {
		const map = (window as unknown as Atlas).__atlas.map;
		const was: [string, string][] = [];
		for (const layer of map.getStyle().layers) {
			if (layer.id === 'online-basemap' || layer.type === 'background') continue;
			was.push([layer.id, (map.getLayoutProperty(layer.id, 'visibility') as string | undefined) ?? 'visible']);
			map.setLayoutProperty(layer.id, 'visibility', 'none');
		}
		for (const marker of document.querySelectorAll<HTMLElement>('.origin-marker')) marker.style.visibility = 'hidden';
		return was;
	});
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/basemap-dot-${name}.png` });
	const dot = await redDotCentre(page);
	await page.evaluate((was) => {
		const map = (window as unknown as Atlas).__atlas.map;
		for (const [id, visibility] of was) map.setLayoutProperty(id, 'visibility', visibility as 'visible' | 'none');
		for (const marker of document.querySelectorAll<HTMLElement>('.origin-marker')) marker.style.visibility = '';
	}, hidden);
	await waitForMapIdle(page);
	return dot;
}

const sourceOf = (page: Page) => page.evaluate(() => Boolean((window as unknown as Atlas).__atlas.map.getSource('online-basemap')));
const visibilityOf = (page: Page, id: string) =>
	page.evaluate((layerId) => (window as unknown as Atlas).__atlas.map.getLayoutProperty(layerId, 'visibility') ?? 'visible', id);
const attribution = (page: Page) => page.locator('.maplibregl-ctrl-attrib-inner').textContent();

/** Wait until the map's tiles for the current view have come and drawn. */
async function tilesDrawn(page: Page): Promise<void> {
	await page.waitForFunction(() => {
		const map = (window as unknown as Atlas).__atlas.map;
		return Boolean(map.getSource('online-basemap')) && map.isSourceLoaded('online-basemap') && map.areTilesLoaded();
	});
	await waitForMapIdle(page);
}

// ---- tests ----------------------------------------------------------------------------------------

test('the default embedded basemap asks nothing of the network, and the picker offers the online ones', async ({ page, guards }) => {
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await openMap(page);
	const picker = page.getByTestId('basemap-picker');
	await expect(picker.getByRole('radio', { name: 'Embedded (offline)' })).toBeChecked();
	await expect(picker.getByRole('radio', { name: 'OpenStreetMap (online)' })).not.toBeChecked();
	await expect(picker.getByRole('radio', { name: /AMap/ })).not.toBeChecked();
	expect(await sourceOf(page)).toBe(false);
	// Not one request left the machine, and none is queued for a tile host.
	expect(requests.filter((url) => !/^(https?:\/\/(localhost|127\.0\.0\.1)|data:|blob:)/.test(url))).toEqual([]);
	expect(guards.offsiteRequests).toEqual([]);
	expect(await attribution(page)).not.toMatch(/Basemap:/);
});

test('choosing OpenStreetMap fetches tiles from its host only, credits it, and is in the link', async ({ page }) => {
	const seen: string[] = [];
	await serveTiles(page, OSM_TILES, 'WGS84', seen);
	const offsite: string[] = [];
	page.on('request', (r) => {
		const host = new URL(r.url()).hostname;
		if (!['localhost', '127.0.0.1'].includes(host) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) offsite.push(host);
	});
	await openMap(page, `/?map=15/${MARK[1]}/${MARK[0]}&hide=metro,amenities`);
	expect(seen).toEqual([]);
	// By keyboard: focus the embedded choice, arrow down to OpenStreetMap.
	await page.getByRole('radio', { name: 'Embedded (offline)' }).focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('radio', { name: 'OpenStreetMap (online)' })).toBeChecked();
	await tilesDrawn(page);
	expect(seen.length).toBeGreaterThan(0);
	expect(seen.every((url) => /^https:\/\/tile\.openstreetmap\.org\/1[0-9]\/\d+\/\d+\.png$/.test(url)), seen.join('\n')).toBe(true);
	expect([...new Set(offsite)]).toEqual(['tile.openstreetmap.org']);
	await expect(page).toHaveURL(/[?&]basemap=osm(&|$)/);
	expect(await attribution(page)).toMatch(/^Basemap: OpenStreetMap Standard tiles/);
	// The embedded basemap's ground gives way; the atlas's own layers stay.
	expect(await visibilityOf(page, 'streets-fill')).toBe('none');
	expect(await visibilityOf(page, 'district-lines')).toBe('visible');
	// The tiles' dot is where the map puts MARK (a WGS84 basemap: no warp).
	await page.screenshot({ path: `${SCREENSHOTS}/basemap-osm.png` });
	const dot = await redDotCentre(page);
	const at = await page.evaluate((p) => {
		const map = (window as unknown as Atlas).__atlas.map;
		const q = map.project(p);
		const rect = map.getCanvas().getBoundingClientRect();
		return { x: rect.left + q.x, y: rect.top + q.y };
	}, MARK);
	expect(dot).not.toBeNull();
	expect(Math.hypot(dot!.x - at.x, dot!.y - at.y)).toBeLessThan(2);

	// Back to the embedded basemap: the tiles go, the credit goes, the link forgets it.
	await page.getByRole('radio', { name: 'Embedded (offline)' }).check();
	await expect(page).not.toHaveURL(/basemap=/);
	expect(await sourceOf(page)).toBe(false);
	expect(await visibilityOf(page, 'streets-fill')).toBe('visible');
	expect(await attribution(page)).not.toMatch(/Basemap:/);
	// Back in history brings OpenStreetMap back.
	await page.goBack();
	await expect(page.getByRole('radio', { name: 'OpenStreetMap (online)' })).toBeChecked();
	await expect(page).toHaveURL(/basemap=osm/);
	await tilesDrawn(page);
});

test('AMap tiles (GCJ-02) are moved onto the WGS84 overlays: the origin marker sits on the tiles’ dot', async ({ page }) => {
	test.setTimeout(150_000);
	const seen: string[] = [];
	await serveTiles(page, AMAP_TILES, 'GCJ02', seen);
	const origin = `${MARK[0]},${MARK[1]}`;
	for (const zoom of [16, 14]) {
		await openMap(page, `/?map=${zoom}/${MARK[1]}/${MARK[0]}&tool=life-circle&origin=${origin}&hide=metro,amenities&basemap=amap`);
		await page.locator('.origin-marker').waitFor();
		await page.waitForFunction(() => (window as unknown as Atlas).__atlas.map.querySourceFeatures('life-circle-bands').length > 0);
		await tilesDrawn(page);
		expect(await attribution(page)).toMatch(/^Basemap: © AutoNavi \(AMap\)/);
		expect(seen.every((url) => AMAP_TILES.test(url))).toBe(true);

		const dot = await dotUnderOverlays(page, `amap-z${zoom}`);
		const marker = await markerCentre(page);
		expect(dot, 'the red dot of the stand-in tiles').not.toBeNull();
		const off = Math.hypot(dot!.x - marker.x, dot!.y - marker.y);
		console.log(`zoom ${zoom}: the tiles' dot is ${off.toFixed(2)} px from the origin marker`);
		expect(dot!.count).toBeGreaterThan(60);
		expect(off).toBeLessThan(2);

		// Unwarped, the dot would be where GCJ-02 puts it: hundreds of pixels away at zoom 16, tens at 14.
		const gcj = convertPosition(MARK, 'WGS84', 'GCJ02') as LonLat;
		const [ax, ay] = worldPixel(MARK, zoom);
		const [bx, by] = worldPixel(gcj, zoom);
		expect(Math.hypot(bx - ax, by - ay)).toBeGreaterThan(zoom === 16 ? 200 : 50);
	}
	await page.screenshot({ path: `${SCREENSHOTS}/basemap-amap-aligned.png` });
});

test('the credit follows the basemap and the language', async ({ page }) => {
	await serveTiles(page, AMAP_TILES, 'GCJ02', []);
	await openMap(page, `/?lang=zh&basemap=amap&map=15/${MARK[1]}/${MARK[0]}`);
	await expect(page.getByRole('radio', { name: '高德地图（在线）' })).toBeChecked();
	await tilesDrawn(page);
	expect(await attribution(page)).toMatch(/^底图：© 高德地图/);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('.maplibregl-ctrl-attrib-inner')).toContainText('Basemap: © AutoNavi (AMap)');
});

test('when the tiles do not come (offline), the embedded basemap comes back with a quiet notice', async ({ page }) => {
	const tried: string[] = [];
	await page.route(AMAP_TILES, (route) => {
		tried.push(route.request().url());
		return route.abort('internetdisconnected');
	});
	await openMap(page, `/?basemap=amap&map=15/${MARK[1]}/${MARK[0]}`);
	const notice = page.getByTestId('basemap-picker').getByRole('status');
	await expect(notice).toContainText('did not load');
	expect(tried.length).toBeGreaterThan(0);
	await expect.poll(() => visibilityOf(page, 'streets-fill')).toBe('visible');
	// The map still works: a place can be picked from the map's data, the layer toggles still apply.
	await page.locator('[data-layer-toggle="streets"] input').uncheck();
	expect(await visibilityOf(page, 'streets-fill')).toBe('none');
	await page.locator('[data-layer-toggle="streets"] input').check();
	await notice.getByRole('button', { name: 'Use the embedded basemap' }).click();
	await expect(page.getByRole('radio', { name: 'Embedded (offline)' })).toBeChecked();
	await expect(page).not.toHaveURL(/basemap=/);
	await expect(notice).toHaveCount(0);
});

test('screenshots for the docs: stand-in AMap tiles under the life circle, warped and (for comparison) not', async ({ page }) => {
	test.setTimeout(120_000);
	const view = `map=15.3/31.2175/121.4200&tool=life-circle&origin=${MARK[0]},${MARK[1]}&hide=metro,amenities`;
	await serveTiles(page, AMAP_TILES, 'GCJ02', []);
	await openMap(page, `/?${view}&basemap=amap`);
	await page.waitForFunction(() => (window as unknown as Atlas).__atlas.map.querySourceFeatures('life-circle-streets').length > 0);
	await tilesDrawn(page);
	// The map right of the tool's panel: the docs show that part.
	const clip = { x: 690, y: 54, width: 710, height: 760 };
	writeFileSync(`${SCREENSHOTS}/basemap-amap-life-circle.png`, await page.screenshot());
	const aligned = await page.screenshot({ clip });

	// The same GCJ-02 tiles served as if they were WGS84 (OpenStreetMap's host): what no correction looks like.
	await page.unroute(AMAP_TILES);
	await serveTiles(page, OSM_TILES, 'GCJ02', []);
	await openMap(page, `/?${view}&basemap=osm`);
	await page.waitForFunction(() => (window as unknown as Atlas).__atlas.map.querySourceFeatures('life-circle-streets').length > 0);
	await tilesDrawn(page);
	writeFileSync(`${SCREENSHOTS}/basemap-gcj-uncorrected.png`, await page.screenshot());
	const uncorrected = await page.screenshot({ clip });
	const dot = await dotUnderOverlays(page, 'uncorrected');
	const marker = await markerCentre(page);
	// Uncorrected, the dot is hundreds of pixels off: the half kilometre the warp removes.
	expect(Math.hypot(dot!.x - marker.x, dot!.y - marker.y)).toBeGreaterThan(100);
	mkdirSync(DOCS, { recursive: true });
	writeFileSync(`${DOCS}/basemap-amap-aligned.png`, aligned);
	writeFileSync(`${DOCS}/basemap-amap-uncorrected.png`, uncorrected);
});
