/**
 * Issue 12, point 3: the map says what its analysis colours mean, on screen (MapLegend.svelte) and in
 * the exported PNG (export-png.ts), in both languages; the swatches are the colours the map draws.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SHOTS = process.env.H9_SHOTS ?? 'tests/artifacts/screenshots';
mkdirSync(SHOTS, { recursive: true });

const ORIGIN: [number, number] = [121.418, 31.216];
const legend = (page: Page) => page.getByTestId('map-legend');

type AtlasWindow = { __atlas: { map: import('maplibre-gl').Map } };

/** The colours a band-coloured layer paints now, innermost band first (its `case` expression's outputs). */
async function paintedBandColours(page: Page, layer: string, property: string): Promise<string[]> {
	return page.evaluate(
		([id, prop]) => {
			const value = (window as unknown as AtlasWindow).__atlas.map.getPaintProperty(id, prop as 'line-color') as unknown;
			if (typeof value === 'string') return [value];
			const expression = value as unknown[];
			if (expression[0] !== 'case') throw new Error(`unexpected paint: ${JSON.stringify(value)}`);
			// ['case', test, colour, test, colour, …, fallback]
			return [...expression.slice(2).filter((_, i) => i % 2 === 0), expression.at(-1)] as string[];
		},
		[layer, property]
	);
}

async function dropLifeCircle(page: Page): Promise<void> {
	await page.locator('[data-mode="life-circle"]').click();
	const at = await projectToPage(page, ORIGIN);
	await page.mouse.click(at.x, at.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
}

/** An exported PNG, decoded in the page: its size and what its pixels hold. */
async function decodePng(page: Page, png: Buffer) {
	return page.evaluate(async (b64) => {
		const img = new Image();
		img.src = `data:image/png;base64,${b64}`;
		await img.decode();
		const c = document.createElement('canvas');
		c.width = img.width;
		c.height = img.height;
		const ctx = c.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		(window as unknown as { __png: ImageData }).__png = ctx.getImageData(0, 0, c.width, c.height);
		return { width: img.width, height: img.height };
	}, png.toString('base64'));
}

/** How many pixels from row `from` down have exactly this colour (#rrggbb). */
async function countColour(page: Page, hex: string, from: number): Promise<number> {
	return page.evaluate(
		([colour, top]) => {
			const { data, width, height } = (window as unknown as { __png: ImageData }).__png;
			const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
			let n = 0;
			for (let y = top; y < height; y++) {
				for (let x = 0; x < width; x++) {
					const i = (y * width + x) * 4;
					if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
				}
			}
			return n;
		},
		[hex, from] as const
	);
}

/** The longest horizontal run of one colour from row `from` down: the scale bar's baseline. */
async function longestRun(page: Page, hex: string, from: number): Promise<number> {
	return page.evaluate(
		([colour, top]) => {
			const { data, width, height } = (window as unknown as { __png: ImageData }).__png;
			const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
			let best = 0;
			for (let y = top; y < height; y++) {
				let run = 0;
				for (let x = 0; x < width; x++) {
					const i = (y * width + x) * 4;
					run = data[i] === r && data[i + 1] === g && data[i + 2] === b ? run + 1 : 0;
					best = Math.max(best, run);
				}
			}
			return best;
		},
		[hex, from] as const
	);
}

/** Click "Download PNG" (in the top bar's share menu when there is one, opening it first) and read the file. */
async function downloadPng(page: Page): Promise<Buffer> {
	const menu = page.getByTestId('share-menu-button');
	if ((await menu.count()) > 0 && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
	const button = page.locator('[data-export="png"]');
	await expect(button).toBeEnabled();
	const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
	return readFileSync((await download.path())!);
}

test('a life circle gets a legend whose swatches are the colours the map draws; Browse without analysis has none', async ({ page }) => {
	await openMap(page);
	await expect(legend(page)).toHaveCount(0);
	// The tool is open but nothing is drawn yet: still no legend.
	await page.locator('[data-mode="life-circle"]').click();
	await expect(page.getByTestId('life-circle-panel')).toBeVisible();
	await expect(legend(page)).toHaveCount(0);

	const at = await projectToPage(page, ORIGIN);
	await page.mouse.click(at.x, at.y);
	await expect(legend(page)).toBeVisible();
	const rows = legend(page).locator('[data-section="life-circle"] li');
	await expect(rows.nth(0)).toHaveText('Within 5 min');
	await expect(rows.nth(1)).toHaveText('Within 10 min');
	await expect(rows.nth(2)).toHaveText('Within 15 min');

	// The band swatches are the band layers' colours, band by band, as the map paints them now.
	const swatches = await legend(page).locator('[data-section="life-circle"] [data-kind="area"] rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('stroke')));
	expect(swatches).toHaveLength(3);
	expect(swatches).toEqual(await paintedBandColours(page, 'life-circle-bands-fill', 'fill-color'));
	expect(swatches).toEqual(await paintedBandColours(page, 'life-circle-bands-outline', 'line-color'));
	const ramp = await legend(page).locator('[data-kind="ramp"] line').evaluateAll((lines) => lines.map((l) => l.getAttribute('stroke')));
	expect(ramp).toEqual(await paintedBandColours(page, 'life-circle-streets', 'line-color'));
	// The origin swatch is the marker's own colour.
	const markerColour = await page.locator('.origin-marker').evaluate((el) => getComputedStyle(el).backgroundColor);
	const originSwatch = await legend(page).locator('[data-section="life-circle"] circle').last().evaluate((el) => getComputedStyle(el).fill);
	expect(originSwatch).toBe(markerColour);
	// The amenity categories are keyed in the layer panel, not again over the map.
	await expect(legend(page).locator('[data-section="amenities"]')).toHaveCount(0);

	// Collapsible, and keyboard-reachable.
	const toggle = legend(page).getByRole('button', { name: 'Legend' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(rows.first()).toBeHidden();
	await toggle.press('Enter');
	await expect(rows.first()).toBeVisible();

	await waitForMapIdle(page);
	await page.screenshot({ path: `${SHOTS}/h9-legend-desktop.png` });

	// In Browse the life circle stays on the map, and so does its legend; cleared, both go.
	await page.locator('[data-mode="browse"]').click();
	await expect(legend(page)).toBeVisible();
	await page.locator('[data-mode="life-circle"]').click();
	await page.getByTestId('life-circle-panel').getByRole('button', { name: 'Clear' }).click();
	await page.locator('[data-mode="browse"]').click();
	await expect(legend(page)).toHaveCount(0);
});

test('the legend follows the theme: dark bands get the dark ramp the map paints', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await openMap(page);
	await dropLifeCircle(page);
	const swatches = await legend(page).locator('[data-kind="area"] rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('stroke')));
	expect(swatches).toEqual(await paintedBandColours(page, 'life-circle-bands-fill', 'fill-color'));
	const background = await legend(page).evaluate((el) => getComputedStyle(el).backgroundColor);
	// A dark panel: every channel low.
	const channels = background.match(/[\d.]+/g)!.slice(0, 3).map(Number);
	expect(Math.max(...channels)).toBeLessThan(80);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SHOTS}/h9-legend-dark.png` });
	// The PNG's margin is dark too, so the pale dark-theme bands stay visible in its legend.
	const png = await downloadPng(page);
	writeFileSync(`${SHOTS}/h9-export-dark.png`, png);
	const height = await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.getCanvas().height);
	await decodePng(page, png);
	for (const colour of swatches) expect(await countColour(page, colour!, height), colour!).toBeGreaterThan(40);
});

test('the measure tool’s legend tells the walk along the streets from the straight line', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="measure"]').click();
	await expect(legend(page)).toHaveCount(0);
	for (const lngLat of [
		[121.414, 31.214],
		[121.422, 31.218]
	] as [number, number][]) {
		const p = await projectToPage(page, lngLat);
		// Far apart on the map, so never taken for a double-click.
		await page.mouse.click(p.x, p.y);
	}
	const rows = legend(page).locator('[data-section="measure"] li');
	// The walk comes from the walking engine, which loads its network first (slow on a busy machine).
	await expect(rows.filter({ hasText: 'Walk along the streets' })).toHaveCount(1, { timeout: 60_000 });
	await expect(rows.filter({ hasText: 'Straight line' })).toHaveCount(1);
	const route = await rows.filter({ hasText: 'Walk along the streets' }).locator('line[data-colour]').getAttribute('stroke');
	const painted = await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.getPaintProperty('measure-route', 'line-color'));
	expect(route).toBe(painted);
	await waitForMapIdle(page);
	await legend(page).screenshot({ path: `${SHOTS}/h9-legend-measure.png` });
});

test('in 中文 the legend and the PNG margin are in Chinese', async ({ page }) => {
	await openMap(page, '/?lang=zh');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await dropLifeCircle(page);
	await expect(legend(page).getByRole('button', { name: '图例' })).toBeVisible();
	await expect(legend(page).locator('[data-section="life-circle"] li').first()).toHaveText('5分钟内');
	await waitForMapIdle(page);
	await legend(page).screenshot({ path: `${SHOTS}/h9-legend-zh.png` });
	const png = await downloadPng(page);
	writeFileSync(`${SHOTS}/h9-export-zh.png`, png);
});

test('the exported PNG carries a title, the legend in the map’s colours, a true scale bar, the origin and dates', async ({ page }) => {
	await openMap(page);
	await dropLifeCircle(page);
	await waitForMapIdle(page);
	const canvas = await page.evaluate(() => {
		const map = (window as unknown as AtlasWindow).__atlas.map;
		const c = map.getCanvas();
		// Ground metres per CSS pixel at the centre, measured on the map itself (haversine over 100 px).
		const p = map.project(map.getCenter());
		const a = map.unproject([p.x - 50, p.y]);
		const b = map.unproject([p.x + 50, p.y]);
		return { width: c.width, height: c.height, cssWidth: c.clientWidth, mpp: a.distanceTo(b) / 100 };
	});
	const png = await downloadPng(page);
	writeFileSync(`${SHOTS}/h9-export.png`, png);
	const image = await decodePng(page, png);
	expect(image.width).toBe(canvas.width);
	// The map, then a margin tall enough for a title, details, scale, a legend and the credits.
	expect(image.height).toBeGreaterThan(canvas.height + 120);

	// Each band colour is drawn in the margin (the swatches' outlines are whole pixels of it).
	const bands = await paintedBandColours(page, 'life-circle-bands-fill', 'fill-color');
	for (const colour of bands) expect(await countColour(page, colour, canvas.height), colour).toBeGreaterThan(40);
	// The picture has no layer panel beside it: its legend keys the amenity colours too.
	const amenityColours = await page.evaluate(() => {
		const paint = (window as unknown as AtlasWindow).__atlas.map.getPaintProperty('amenities-point', 'circle-color') as unknown[];
		// ['match', ['get', 'category'], id, colour, …, fallback]
		return Object.fromEntries(paint.slice(2, -1).flatMap((v, i, all) => (i % 2 === 0 ? [[v as string, all[i + 1] as string]] : [])));
	});
	for (const category of ['bus-stop', 'primary-school', 'health-centre']) {
		expect(await countColour(page, amenityColours[category], canvas.height), category).toBeGreaterThan(20);
	}
	// The scale bar: its baseline is the longest straight run of text colour in the margin, and that
	// many pixels span a round length on the ground (1, 2 or 5 × 10ⁿ m) at the map's own scale.
	const density = canvas.width / canvas.cssWidth;
	const run = await longestRun(page, '#333333', canvas.height);
	const metres = (run / density) * canvas.mpp;
	const mantissa = metres / 10 ** Math.floor(Math.log10(metres));
	expect(run).toBeGreaterThan(40);
	expect([1, 2, 5, 10].some((m) => Math.abs(mantissa / m - 1) < 0.03), `${metres} m`).toBe(true);
	// Title and text: plenty of dark pixels.
	expect(await countColour(page, '#333333', canvas.height)).toBeGreaterThan(800);
});

test('a PNG that fails says so and leaves the app working', async ({ page }) => {
	await openMap(page);
	await dropLifeCircle(page);
	await page.evaluate(() => {
		const original = HTMLCanvasElement.prototype.toBlob;
		(window as unknown as { __toBlob: typeof original }).__toBlob = original;
		HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) {
			callback(null);
		};
	});
	const menu = page.getByTestId('share-menu-button');
	if ((await menu.count()) > 0) await menu.click();
	await page.locator('[data-export="png"]').click();
	await expect(page.getByTestId('share-panel').getByRole('alert')).toContainText('could not encode a PNG');
	await expect(page.locator('[data-export="png"]')).toBeEnabled();
	await expect(legend(page)).toBeVisible();
	// The map still takes clicks: a new origin makes a new life circle.
	const at = await projectToPage(page, [121.41, 31.21]);
	await page.mouse.click(at.x, at.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await page.evaluate(() => {
		HTMLCanvasElement.prototype.toBlob = (window as unknown as { __toBlob: HTMLCanvasElement['toBlob'] }).__toBlob;
	});
	const png = await downloadPng(page);
	expect(png.length).toBeGreaterThan(10_000);
	await expect(page.getByTestId('share-panel').getByRole('alert')).toHaveCount(0);
});

test.describe('on a phone (390×844, touch)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the legend starts closed under the zoom buttons, opens on a tap, and stays above the sheet', async ({ page }) => {
		await openMap(page);
		await page.locator('[data-mode="life-circle"]').tap();
		await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.jumpTo({ center: [121.418, 31.212], zoom: 14 }));
		const at = await projectToPage(page, ORIGIN);
		await page.touchscreen.tap(at.x, at.y);
		await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
		const toggle = legend(page).getByRole('button', { name: 'Legend' });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SHOTS}/h9-legend-phone-closed.png` });
		await toggle.tap();
		await expect(legend(page).locator('[data-section="life-circle"] li').first()).toBeVisible();
		const box = (await legend(page).boundingBox())!;
		const sheet = (await page.getByTestId('life-circle-panel').boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		expect(box.y + box.height).toBeLessThanOrEqual(sheet.y);
		await page.screenshot({ path: `${SHOTS}/h9-legend-phone.png` });
	});
});
