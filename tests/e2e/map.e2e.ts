import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { area as turfArea, bbox, booleanPointInPolygon, distance, point } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';
import { bandColours } from '../../src/lib/data/palette';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

function readPlaces(layer: string): FeatureCollection {
	return JSON.parse(readFileSync(`geodata/places/${layer}.geojson`, 'utf8')) as FeatureCollection;
}

/** A point well inside a polygon and as far as possible from every point/line place drawn on top. */
function clearInteriorPoint(polygon: Feature<Polygon>, obstacles: Feature[]): [number, number] {
	const [w, s, e, n] = bbox(polygon);
	let best: [number, number] | null = null;
	let bestClearance = -1;
	for (let i = 1; i < 20; i++) {
		for (let j = 1; j < 20; j++) {
			const candidate: [number, number] = [w + ((e - w) * i) / 20, s + ((n - s) * j) / 20];
			if (!booleanPointInPolygon(candidate, polygon)) continue;
			const clearance = Math.min(
				...obstacles.flatMap((o) => {
					const coords = o.geometry.type === 'Point' ? [o.geometry.coordinates] : o.geometry.type === 'LineString' ? o.geometry.coordinates : [];
					return coords.map((c) => distance(point(candidate), point(c as [number, number]), { units: 'meters' }));
				}),
				Infinity
			);
			if (clearance > bestClearance) {
				bestClearance = clearance;
				best = candidate;
			}
		}
	}
	if (!best) throw new Error('no interior point found');
	return best;
}

async function renderedCount(page: import('@playwright/test').Page, layerPrefix: string): Promise<number> {
	return page.evaluate((prefix) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const layers = map.getStyle().layers.map((l) => l.id).filter((id) => id.startsWith(prefix));
		return map.queryRenderedFeatures({ layers }).length;
	}, layerPrefix);
}

test('the offline map renders the basemap and every project layer', async ({ page, guards }) => {
	await openMap(page);
	const idleMs = await page.evaluate(() => (window as unknown as { __atlas: { firstIdleMs: number } }).__atlas.firstIdleMs);
	console.log(`map first idle after ${idleMs.toFixed(0)} ms`);

	for (const prefix of ['streets-fill', 'water-fill', 'metro-lines', 'elevated-fill', 'green-fill', 'place-silicon-alley', 'place-hongqiao', 'place-suzhou-creek', 'place-historic-streets', 'place-district']) {
		expect(await renderedCount(page, prefix), `rendered features of ${prefix}`).toBeGreaterThan(0);
	}

	// The canvas really has a picture: many distinct colours, not a blank or single-colour frame.
	const canvas = page.locator('.map canvas');
	const png = await canvas.screenshot();
	const distinct = await page.evaluate(async (b64) => {
		const img = new Image();
		img.src = `data:image/png;base64,${b64}`;
		await img.decode();
		const c = document.createElement('canvas');
		c.width = img.width;
		c.height = img.height;
		const ctx = c.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const data = ctx.getImageData(0, 0, c.width, c.height).data;
		const colours = new Set<number>();
		for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
		return colours.size;
	}, png.toString('base64'));
	expect(distinct).toBeGreaterThan(200);

	await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap');
	await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('DataV.GeoAtlas');
	await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('briefing');
	await expect(page.locator('.maplibregl-ctrl-scale')).toContainText(/m|km/);
	expect(guards.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/overview.png`, fullPage: true });
});

test('MapLibre’s own controls and the credits follow the language; the credits fold away and open again', async ({ page }) => {
	await openMap(page);
	const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
	const credits = page.locator('.maplibregl-ctrl-attrib');
	const toggle = credits.locator('.maplibregl-ctrl-attrib-button');
	const inner = credits.locator('.maplibregl-ctrl-attrib-inner');
	await expect(zoomIn).toHaveAttribute('title', 'Zoom in');
	await expect(credits).toContainText('Projects: Shanghai municipal press briefing');

	await page.locator('.topbar .lang').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	for (const [selector, name] of [
		['.maplibregl-ctrl-zoom-in', '放大'],
		['.maplibregl-ctrl-zoom-out', '缩小'],
		['.maplibregl-ctrl-compass', '拖动旋转地图，点击恢复正北'],
		['.maplibregl-ctrl-attrib-button', '显示/隐藏署名']
	]) {
		await expect(page.locator(selector), selector).toHaveAttribute('title', name);
		await expect(page.locator(selector), selector).toHaveAttribute('aria-label', name);
	}
	// One credits control, in Chinese; the OpenStreetMap credit keeps the licence's words, marked as English.
	await expect(credits).toHaveCount(1);
	await expect(credits).toContainText('项目：上海市政府新闻发布会');
	await expect(credits).not.toContainText('briefing');
	await expect(credits.locator('[lang="en"]')).toHaveText('© OpenStreetMap contributors');
	await expect(inner).toHaveText(/^© OpenStreetMap contributors \| 区界：/);
	// The scale bar stays above the credits after they were made again.
	const scale = await page.locator('.maplibregl-ctrl-scale').boundingBox();
	const box = await credits.boundingBox();
	expect(scale!.y + scale!.height).toBeLessThanOrEqual(box!.y + 1);

	// Compact: open at first, folded to the ⓘ button by a click, opened by the next.
	await expect(inner).toBeVisible();
	await toggle.click();
	await expect(inner).toBeHidden();
	const folded = await credits.boundingBox();
	expect(folded!.height).toBeLessThanOrEqual(30);
	await toggle.click();
	await expect(inner).toBeVisible();
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/zh-desktop.png` });

	await page.locator('.topbar .lang').click();
	await expect(zoomIn).toHaveAttribute('title', 'Zoom in');
	await expect(credits).toContainText('briefing');
});

test('the PNG export prints the credits under the picture, in the UI’s language', async ({ page }) => {
	await openMap(page, '/?lang=zh');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	const canvasHeight = await page.evaluate(() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getCanvas().height);
	// Share and export live in the top bar's menu.
	await page.getByTestId('share-menu-button').click();
	const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="png"]').click()]);
	const png = readFileSync((await download.path())!);
	writeFileSync(`${SCREENSHOTS}/export-zh.png`, png);
	// Below the map's picture, a strip with text: dark pixels on white.
	const strip = await page.evaluate(
		async ({ b64, from }) => {
			const img = new Image();
			img.src = `data:image/png;base64,${b64}`;
			await img.decode();
			const c = document.createElement('canvas');
			c.width = img.width;
			c.height = img.height;
			const ctx = c.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const data = ctx.getImageData(0, from, c.width, c.height - from).data;
			let dark = 0;
			for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 1] < 128 && data[i + 2] < 128) dark++;
			return { rows: c.height - from, dark };
		},
		{ b64: png.toString('base64'), from: canvasHeight }
	);
	expect(strip.rows).toBeGreaterThan(20);
	expect(strip.dark).toBeGreaterThan(500);
});

test('clicking inside Silicon Alley opens its details with stated and computed area', async ({ page }) => {
	await openMap(page);
	const silicon = readPlaces('silicon-alley');
	const area = silicon.features.find((f) => f.geometry.type === 'Polygon') as Feature<Polygon>;
	// Everything drawn over the area: its own points and every project's points and lines.
	const others = ['silicon-alley', 'hongqiao', 'suzhou-creek', 'historic-streets']
		.flatMap((layer) => readPlaces(layer).features)
		.filter((f) => f.geometry.type === 'Point' || f.geometry.type === 'LineString');
	const target = clearInteriorPoint(area, others);
	const { x, y } = await projectToPage(page, target);
	await page.mouse.click(x, y);
	const details = page.locator('aside.details');
	await expect(details).toBeVisible();
	await expect(details.locator('h2')).toHaveText('Shanghai Silicon Alley');
	await expect(details.getByTestId('stated-area')).toContainText('1.48 km²');
	// The panel shows the outline's own area (traced on real streets; not bent to the stated figure).
	const km2 = (turfArea(area) / 1e6).toFixed(3);
	await expect(details.getByTestId('computed-area')).toContainText(`${km2} km²`);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/silicon-alley-details.png` });
	await page.keyboard.press('Escape');
	await expect(details).toBeHidden();
});

test('switching the Suzhou Creek layer off removes its features from the map', async ({ page }) => {
	await openMap(page);
	expect(await renderedCount(page, 'place-suzhou-creek')).toBeGreaterThan(0);
	const toggle = page.locator('[data-layer-toggle="suzhou-creek"] input');
	await toggle.uncheck();
	await expect.poll(() => renderedCount(page, 'place-suzhou-creek')).toBe(0);
	await toggle.check();
	await expect.poll(() => renderedCount(page, 'place-suzhou-creek')).toBeGreaterThan(0);
});

test('layer toggles work from the keyboard', async ({ page }) => {
	await openMap(page);
	const toggle = page.locator('[data-layer-toggle="hongqiao"] input');
	await toggle.focus();
	await expect(toggle).toBeFocused();
	await page.keyboard.press('Space');
	await expect(toggle).not.toBeChecked();
	await expect.poll(() => renderedCount(page, 'place-hongqiao')).toBe(0);
	await page.keyboard.press('Space');
	await expect.poll(() => renderedCount(page, 'place-hongqiao')).toBeGreaterThan(0);
	// Tab reaches the next toggle: the panel is one keyboard path, not a mouse-only widget.
	await page.keyboard.press('Tab');
	await expect(page.locator('[data-layer-toggle="suzhou-creek"] input')).toBeFocused();
});

test('the place list opens details and zooms the map', async ({ page }) => {
	await openMap(page);
	await page.getByRole('button', { name: /Shanghai Arch/ }).click();
	await expect(page.locator('aside.details h2')).toContainText('Shanghai Arch');
	await expect(page.locator('aside.details')).toContainText('10');
});

test('without WebGL the app says so and the place list still works', async ({ page }) => {
	await page.addInitScript(() => {
		const original = HTMLCanvasElement.prototype.getContext;
		HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
			if (type.startsWith('webgl')) return null;
			return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
		} as typeof original;
	});
	await page.goto('/');
	await expect(page.getByRole('alert')).toContainText('WebGL');
	await page.getByRole('button', { name: /Zhongshan Park/ }).first().click();
	await expect(page.locator('aside.details h2')).toContainText('Zhongshan Park');
});

test('band colours are style expressions: they follow the band limits and the theme, the features stay as the engine made them', async ({ page }) => {
	const bandPaint = () =>
		page.evaluate(() => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
			return JSON.stringify(map.getPaintProperty('life-circle-bands-fill', 'fill-color'));
		});
	/** The colours in the expression, in order (each band's colour once, in band order). */
	const coloursIn = (paint: string) => [...paint.matchAll(/#[0-9a-f]{6}/gi)].map((m) => m[0].toLowerCase());

	await openMap(page, '/?tool=life-circle&origin=121.418,31.216&map=14/31.212/121.418');
	await expect.poll(() => renderedCount(page, 'life-circle-bands-fill')).toBeGreaterThan(0);
	expect(coloursIn(await bandPaint())).toEqual(bandColours(3, 'light'));
	const properties = await page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return [...map.querySourceFeatures('life-circle-bands'), ...map.querySourceFeatures('life-circle-streets')].map((f) => Object.keys(f.properties).sort().join(','));
	});
	expect(properties.length).toBeGreaterThan(3);
	for (const keys of properties) expect(keys).not.toContain('colour');

	await page.emulateMedia({ colorScheme: 'dark' });
	await expect.poll(async () => coloursIn(await bandPaint())).toEqual(bandColours(3, 'dark'));

	const input = page.getByLabel('Band minutes, comma separated');
	await input.fill('3, 7.5, 12, 20');
	await input.blur();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(4);
	await expect.poll(async () => coloursIn(await bandPaint())).toEqual(bandColours(4, 'dark'));
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/life-circle-dark-4-bands.png` });
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	// Issue 12: the open credits took ~90 px of a phone's map; compact, they start folded to one
	// button that opens them (in the UI's language) and folds them again.
	test('the credits are one compact control, folded to its button until asked for', async ({ page }) => {
		await openMap(page, '/?lang=zh');
		const credits = page.locator('.maplibregl-ctrl-attrib');
		await expect(credits).toHaveClass(/maplibregl-compact/);
		await expect(credits.locator('.maplibregl-ctrl-attrib-inner')).toBeHidden();
		expect((await credits.boundingBox())!.height).toBeLessThanOrEqual(30);
		await credits.locator('.maplibregl-ctrl-attrib-button').click();
		await expect(credits.locator('.maplibregl-ctrl-attrib-inner')).toBeVisible();
		await expect(credits).toContainText('区界');
		await credits.locator('.maplibregl-ctrl-attrib-button').click();
		await expect(credits.locator('.maplibregl-ctrl-attrib-inner')).toBeHidden();
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/zh-phone.png` });
	});

	// The bug: the life circle's bottom sheet is a scrolling panel with an opaque background, and
	// Chromium's compositor took it for an occluder of the WebGL canvas well beyond the panel, so
	// the map above the sheet showed the page background: an empty rectangle where the walk is.
	test('the map above an open bottom sheet is drawn, not an opaque page-coloured rectangle', async ({ page }) => {
		await openMap(page, '/?tool=life-circle&origin=121.418,31.216&map=14/31.212/121.418');
		await expect.poll(() => renderedCount(page, 'life-circle-bands-fill')).toBeGreaterThan(0);
		await waitForMapIdle(page);
		const png = await page.screenshot();
		await page.screenshot({ path: `${SCREENSHOTS}/phone-life-circle.png` });

		// A grid over the part of the map no panel or control covers: between the top of the map and
		// the top of the sheet, only where the canvas is the top-most element.
		const { points, pageBackground } = await page.evaluate(() => {
			const canvas = document.querySelector('.map canvas') as HTMLCanvasElement;
			const map = canvas.getBoundingClientRect();
			const sheet = document.querySelector('[data-testid="life-circle-panel"]')!.getBoundingClientRect();
			const found: { x: number; y: number }[] = [];
			for (let y = map.top + 10; y < Math.min(map.bottom, sheet.top) - 10; y += 12) {
				for (let x = map.left + 10; x < map.right - 10; x += 12) {
					if (document.elementFromPoint(x, y) === canvas) found.push({ x: Math.round(x), y: Math.round(y) });
				}
			}
			return { points: found, pageBackground: getComputedStyle(document.documentElement).backgroundColor };
		});
		expect(points.length, 'visible map points sampled').toBeGreaterThan(300);
		const colours = await pixelColours(page, png, points);
		const background = pageBackground.match(/\d+/g)!.slice(0, 3).join(',');
		const blank = colours.filter((c) => c === background).length;
		expect(blank / colours.length, `share of the visible map in the page background ${background}`).toBeLessThan(0.02);
		// And it is a map: bands, streets and land, not one flat colour of any kind.
		expect(new Set(colours).size).toBeGreaterThan(40);
	});
});

/** The "r,g,b" of each point of a PNG screenshot (decoded by the page's own image decoder). */
async function pixelColours(page: import('@playwright/test').Page, png: Buffer, points: { x: number; y: number }[]): Promise<string[]> {
	return page.evaluate(
		async ({ b64, at }) => {
			const img = new Image();
			img.src = `data:image/png;base64,${b64}`;
			await img.decode();
			const c = document.createElement('canvas');
			c.width = img.width;
			c.height = img.height;
			const ctx = c.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const data = ctx.getImageData(0, 0, c.width, c.height).data;
			const scale = img.width / window.innerWidth;
			return at.map(({ x, y }) => {
				const i = (Math.round(y * scale) * c.width + Math.round(x * scale)) * 4;
				return `${data[i]},${data[i + 1]},${data[i + 2]}`;
			});
		},
		{ b64: png.toString('base64'), at: points }
	);
}
