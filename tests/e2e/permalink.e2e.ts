import { readFileSync } from 'node:fs';
import { check } from '@placemarkio/check-geojson';
import type { FeatureCollection } from 'geojson';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage } from './fixtures';

type AtlasWindow = { __atlas: { map: import('maplibre-gl').Map } };

/** The camera as the map has it now. */
async function camera(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
	return page.evaluate(() => {
		const map = (window as unknown as AtlasWindow).__atlas.map;
		const c = map.getCenter();
		return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
	});
}

/** Wait until the map has stopped moving and drawn everything. */
async function mapSettled(page: Page): Promise<void> {
	await expect
		.poll(() =>
			page.evaluate(() => {
				const map = (window as unknown as AtlasWindow).__atlas.map;
				return !map.isMoving() && map.loaded();
			})
		)
		.toBe(true);
}

/** The camera the URL carries (zoom/lat/lon[/bearing]). */
function urlCamera(url: string): { lon: number; lat: number; zoom: number } | null {
	const map = new URL(url).searchParams.get('map');
	if (!map) return null;
	const [zoom, lat, lon] = map.split('/').map(Number);
	return { lon, lat, zoom };
}

/** Wait until the (debounced) URL has caught up with the map's camera. */
async function urlMatchesCamera(page: Page): Promise<void> {
	await expect
		.poll(async () => {
			const now = await camera(page);
			const inUrl = urlCamera(page.url());
			return inUrl !== null && Math.abs(inUrl.lon - now.lon) < 1e-5 && Math.abs(inUrl.lat - now.lat) < 1e-5 && Math.abs(inUrl.zoom - now.zoom) < 0.006;
		})
		.toBe(true);
}

async function layerStates(page: Page): Promise<Record<string, boolean>> {
	return page.locator('[data-layer-toggle]').evaluateAll((labels) =>
		Object.fromEntries(labels.map((l) => [l.getAttribute('data-layer-toggle'), (l.querySelector('input') as HTMLInputElement).checked]))
	);
}

async function bandRows(page: Page): Promise<{ heads: string[]; areas: number[]; caption: string }> {
	const table = page.locator('[data-testid="band-areas"]');
	await expect(table.locator('tbody tr')).toHaveCount(3);
	return {
		heads: await table.locator('tbody th').allInnerTexts(),
		areas: await table.locator('td[data-area-m2]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-area-m2')))),
		caption: await table.locator('caption').innerText()
	};
}

async function historyLength(page: Page): Promise<number> {
	return page.evaluate(() => history.length);
}

test('a link restores the view, the layers, the selected place and the life circle', async ({ page, context }) => {
	// Two pages, each drawing a life circle in software WebGL.
	test.slow();
	await openMap(page);
	// Life circle by a click on the map.
	await page.locator('[data-mode="life-circle"]').click();
	const at = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(at.x, at.y);
	const bands = await bandRows(page);
	// Hide a layer, select a place while browsing, then pan and zoom with the mouse.
	await page.locator('[data-layer-toggle="streets"] input').uncheck();
	await page.locator('[data-mode="browse"]').click();
	await page.locator('.places button', { hasText: 'Silicon Alley' }).first().click();
	const heading = await page.locator('#details-heading').innerText();
	await mapSettled(page);
	const box = (await page.locator('.map canvas').boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
	await page.mouse.down();
	for (let i = 1; i <= 3; i++) await page.mouse.move(box.x + box.width * 0.6 - 40 * i, box.y + box.height * 0.6 - 20 * i);
	await page.mouse.up();
	await mapSettled(page);
	const beforeWheel = (await camera(page)).zoom;
	await page.mouse.wheel(0, -240);
	// The wheel zoom animates over several frames: wait for it to start, then to end.
	await expect.poll(async () => (await camera(page)).zoom).toBeGreaterThan(beforeWheel + 0.1);
	await mapSettled(page);
	await urlMatchesCamera(page);

	const url = page.url();
	expect(url).toContain('hide=streets');
	expect(url).toMatch(/place=[a-z-]+/);
	expect(url).toMatch(/origin=121\.\d+,31\.\d+/);
	expect(url).not.toContain('tool=');
	const before = { camera: await camera(page), layers: await layerStates(page) };

	const other = await context.newPage();
	// The second page is outside the fixture's guard: watch its errors here.
	const otherErrors: string[] = [];
	other.on('pageerror', (error) => otherErrors.push(error.message));
	await openMap(other, url.replace(/^https?:\/\/[^/]+/, ''));
	await mapSettled(other);
	const after = await camera(other);
	expect(Math.abs(after.lon - before.camera.lon)).toBeLessThan(1e-4);
	expect(Math.abs(after.lat - before.camera.lat)).toBeLessThan(1e-4);
	expect(Math.abs(after.zoom - before.camera.zoom)).toBeLessThan(0.01);
	expect(await layerStates(other)).toEqual(before.layers);
	expect(before.layers.streets).toBe(false);
	// Not just the checkbox: the map really hides the layer.
	const streetsVisibility = await other.evaluate(() =>
		(window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getLayoutProperty('streets-fill', 'visibility')
	);
	expect(streetsVisibility).toBe('none');
	await expect(other.locator('#details-heading')).toHaveText(heading);
	await expect(other.getByTestId('notices')).toBeEmpty();
	// The life circle comes back with the same bands once its tool is open.
	await other.locator('[data-mode="life-circle"]').click();
	const again = await bandRows(other);
	expect(again.heads).toEqual(bands.heads);
	expect(again.caption).toBe(bands.caption);
	// The link rounds the origin to ~1 m, so the areas may move by a hair, not more.
	again.areas.forEach((a, i) => expect(Math.abs(a - bands.areas[i]) / bands.areas[i]).toBeLessThan(0.01));
	expect(otherErrors).toEqual([]);
	await other.close();
});

test('Back and Forward step through meaningful changes; a drag is one step', async ({ page }) => {
	test.slow();
	await openMap(page);
	const start = await historyLength(page);
	// 1: hide a layer, 2: switch to measuring, 3: add a measure point.
	await page.locator('[data-layer-toggle="metro"] input').uncheck();
	await page.locator('[data-mode="measure"]').click();
	const a = await projectToPage(page, [121.4, 31.21]);
	await page.mouse.click(a.x, a.y);
	await expect(page.getByTestId('measure-radii')).toBeVisible();
	await expect.poll(() => page.url()).toContain('measure=');
	expect(await historyLength(page)).toBe(start + 3);

	await page.goBack();
	await expect.poll(() => page.url()).not.toContain('measure=');
	await expect(page.getByTestId('measure-radii')).toBeHidden();
	await expect(page.locator('[data-mode="measure"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('[data-layer-toggle="metro"] input')).not.toBeChecked();

	await page.goBack();
	await expect(page.locator('[data-mode="browse"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('[data-layer-toggle="metro"] input')).not.toBeChecked();
	expect(page.url()).not.toContain('tool=');

	await page.goForward();
	await expect(page.locator('[data-mode="measure"]')).toHaveAttribute('aria-pressed', 'true');
	await page.goForward();
	await expect(page.getByTestId('measure-radii')).toBeVisible();
	expect(await historyLength(page)).toBe(start + 3);

	// A life-circle origin dragged over many frames adds one entry, not one per frame.
	await page.locator('[data-mode="life-circle"]').click();
	const o = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(o.x, o.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	const dropped = new URL(page.url()).searchParams.get('origin');
	expect(dropped).toMatch(/^121\.\d+,31\.\d+$/);
	const beforeDrag = await historyLength(page);
	const marker = (await page.locator('.origin-marker').boundingBox())!;
	await page.mouse.move(marker.x + marker.width / 2, marker.y + marker.height / 2);
	await page.mouse.down();
	// Every move is a drag frame that changes the origin.
	for (let i = 1; i <= 5; i++) await page.mouse.move(marker.x + marker.width / 2 - 50 * i, marker.y + marker.height / 2 + 10 * i);
	await page.mouse.up();
	await expect.poll(() => new URL(page.url()).searchParams.get('origin')).not.toBe(dropped);
	expect(await historyLength(page)).toBe(beforeDrag + 1);
	await page.goBack();
	await expect.poll(() => new URL(page.url()).searchParams.get('origin')).toBe(dropped);
	await expect(page.locator('[data-mode="life-circle"]')).toHaveAttribute('aria-pressed', 'true');
});

test('bad link parameters are ignored one by one with a quiet notice, and the app works', async ({ page }) => {
	await openMap(page, '/?map=banana&hide=nolayer&place=nowhere&bands=5,999&lang=xx');
	// hide=nolayer hid nothing: every layer toggle is there and on.
	expect(await page.locator('[data-layer-toggle]').count()).toBeGreaterThanOrEqual(10);
	await expect(page.locator('[data-layer-toggle] input:not(:checked)')).toHaveCount(0);
	await expect(page.locator('.places button').first()).toBeVisible();
	const notices = page.getByTestId('notices');
	await expect(notices).toHaveAttribute('role', 'status');
	await expect(notices).toContainText('Some link parameters were ignored');
	for (const bad of ['"map=banana"', '"hide=nolayer"', '"place=nowhere"', '"bands=5,999"', '"lang=xx"']) {
		await expect(notices).toContainText(bad);
	}
	await expect(notices.locator('li')).toHaveCount(5);
	// The link is tidied: what was ignored is gone from the address bar.
	expect(page.url()).not.toMatch(/banana|nolayer|nowhere|999|xx/);
	// Not blocking: the map still takes clicks, and the notice goes when dismissed.
	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: 'Start at map centre' }).click();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await notices.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notices).toBeEmpty();
});

test('copy link, and export the life circle as GeoJSON and the map as a PNG', async ({ page, context }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openMap(page);
	const share = page.getByTestId('share-panel');
	// Share and export live in the top bar's menu (a click elsewhere closes it).
	const openShare = () => page.getByTestId('share-menu-button').click();
	await openShare();
	await expect(share.getByRole('button', { name: 'Download GeoJSON: Life circle' })).toBeDisabled();
	await expect(share).toContainText('Drop a life-circle origin first.');

	await page.locator('[data-mode="life-circle"]').click();
	const at = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(at.x, at.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);

	await openShare();
	await share.getByRole('button', { name: 'Copy link' }).click();
	await expect(share).toContainText('Link copied');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

	const [geojson] = await Promise.all([page.waitForEvent('download'), share.getByRole('button', { name: 'Download GeoJSON: Life circle' }).click()]);
	expect(geojson.suggestedFilename()).toMatch(/^changning-life-circle-.*\.geojson$/);
	const fc = check(readFileSync((await geojson.path())!, 'utf8')) as FeatureCollection;
	const bands = fc.features.filter((f) => f.properties?.export_kind === 'life-circle-band');
	expect(bands.map((b) => b.properties?.minutes)).toEqual([15, 10, 5]);
	expect(bands.every((b) => b.properties?.area_m2 > 0 && b.properties?.speed_kmh === 4)).toBe(true);
	expect(fc.features.some((f) => f.properties?.export_kind === 'snapped-origin')).toBe(true);

	const [png] = await Promise.all([page.waitForEvent('download'), share.getByRole('button', { name: 'Download PNG' }).click()]);
	const bytes = readFileSync((await png.path())!);
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	expect(width).toBeGreaterThan(100);
	expect(height).toBeGreaterThan(100);
	// The picture really holds the map (a cleared WebGL buffer would copy as one flat colour).
	const colours = await page.evaluate(async (b64) => {
		const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
		const bitmap = await createImageBitmap(blob);
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(bitmap, 0, 0);
		const seen = new Set<number>();
		for (let y = 0; y < bitmap.height * 0.8; y += 17) {
			for (let x = 0; x < bitmap.width; x += 17) {
				const [r, g, bl] = ctx.getImageData(x, y, 1, 1).data;
				seen.add((r << 16) | (g << 8) | bl);
			}
		}
		return seen.size;
	}, bytes.toString('base64'));
	expect(colours).toBeGreaterThan(20);

	// Without clipboard access the link is offered selected in a read-only field.
	await page.evaluate(() => {
		Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
	});
	await share.getByRole('button', { name: 'Copy link' }).click();
	const field = share.getByRole('textbox', { name: 'Link to this view' });
	await expect(field).toHaveValue(page.url());
	await expect(field).toHaveAttribute('readonly', '');
});
