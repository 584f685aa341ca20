/**
 * The measure tool (issue 12, item 9): a double-click ends a path (its place is the last point,
 * added once, and the map does not zoom), the walk along the streets is drawn beside the straight
 * line and is never shorter, and each leg and point carries its length on the map, above the
 * analysis layers. Also: a point far from any street is named and its legs stay straight; Esc ends
 * and then clears; a phone ends a path with the Finish button.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Point } from 'geojson';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

type LonLat = [number, number];
type AtlasWindow = { __atlas: { map: import('maplibre-gl').Map } };

/**
 * Points on the street grid east of Zhongshan Park, at this camera all right of the map's centre, so
 * the tool panel never covers them however tall it grows.
 */
const CAMERA = { center: [121.411, 31.216] as LonLat, zoom: 15 };
const A: LonLat = [121.414, 31.214];
const B: LonLat = [121.421, 31.214];
const C: LonLat = [121.421, 31.219];
const D: LonLat = [121.416, 31.2185];

async function jumpTo(page: Page, camera: { center: LonLat; zoom: number }): Promise<void> {
	await page.evaluate((c) => (window as unknown as AtlasWindow).__atlas.map.jumpTo(c), camera);
	await waitForMapIdle(page);
}

async function zoom(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.getZoom());
}

async function renderedCount(page: Page, layers: string[]): Promise<number> {
	return page.evaluate((ids) => (window as unknown as AtlasWindow).__atlas.map.queryRenderedFeatures({ layers: ids }).length, layers);
}

/** The measure points as the map's source holds them, in order. */
async function mapPoints(page: Page): Promise<LonLat[]> {
	return page.evaluate(() => {
		const map = (window as unknown as AtlasWindow).__atlas.map;
		const vertices = map.querySourceFeatures('measure').filter((f) => f.properties.role === 'vertex');
		const byIndex = new Map(vertices.map((f) => [Number(f.properties.index), (f.geometry as Point).coordinates as LonLat]));
		return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
	});
}

async function clickAt(page: Page, at: LonLat): Promise<void> {
	const p = await projectToPage(page, at);
	await page.mouse.click(p.x, p.y);
}

test('a double-click ends the path without zooming; the walk along the streets and the lengths are on the map', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="measure"]').click();
	await jumpTo(page, CAMERA);
	const zoomBefore = await zoom(page);

	await clickAt(page, A);
	await clickAt(page, B);
	await clickAt(page, C);
	const d = await projectToPage(page, D);
	await page.mouse.dblclick(d.x, d.y);

	// The double-click's place is the last point, once: 3 clicks + 1 double-click = 4 points.
	const path = page.getByTestId('measure-path');
	await expect(path).toContainText('through 4 points');
	await expect(page.getByTestId('measure-finished')).toBeVisible();
	await expect(page.getByTestId('measure-finish')).toHaveText('Continue path');
	await waitForMapIdle(page);
	expect(await zoom(page), 'a double-click in measure mode does not zoom').toBe(zoomBefore);
	const points = await mapPoints(page);
	expect(points).toHaveLength(4);
	// The last point is where the double-click was (to a pixel: ~0.3 m at zoom 15).
	expect(Math.abs(points[3][0] - D[0])).toBeLessThan(2e-5);
	expect(Math.abs(points[3][1] - D[1])).toBeLessThan(2e-5);

	// The walk along the streets: drawn, and never shorter than the straight line.
	const route = page.getByTestId('measure-route');
	await expect(route).toBeVisible({ timeout: 45_000 });
	const straight = Number(await path.getAttribute('data-metres'));
	const walk = Number(await route.getAttribute('data-metres'));
	expect(straight).toBeGreaterThan(1500);
	expect(walk).toBeGreaterThanOrEqual(straight);
	expect(walk).toBeLessThan(3 * straight);
	await expect(route).toContainText(/Along the streets: [\d,]+ m · about [\d.]+ min at 4 km\/h/);
	await expect.poll(() => renderedCount(page, ['measure-route'])).toBeGreaterThan(0);
	await expect.poll(() => renderedCount(page, ['measure-path'])).toBeGreaterThan(0);

	// Lengths on the map: at the legs' midpoints and at the points, above every analysis layer.
	await expect.poll(() => renderedCount(page, ['measure-legs-label'])).toBeGreaterThan(0);
	await expect.poll(() => renderedCount(page, ['measure-vertices-label'])).toBeGreaterThan(0);
	const order = await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.getStyle().layers.map((l) => l.id));
	for (const label of ['measure-legs-label', 'measure-vertices-label']) {
		for (const drawn of ['measure-route', 'measure-path', 'measure-circles', 'life-circle-bands-fill']) expect(order.indexOf(label)).toBeGreaterThan(order.indexOf(drawn));
	}
	// The points themselves sit above the labels, so no place name hides one (a label covered the first point).
	expect(order.indexOf('measure-vertices')).toBeGreaterThan(order.indexOf('measure-vertices-label'));
	expect(await renderedCount(page, ['measure-vertices'])).toBe(4);
	const lastLabel = await page.evaluate(() => {
		const map = (window as unknown as AtlasWindow).__atlas.map;
		const last = map.querySourceFeatures('measure').find((f) => f.properties.role === 'vertex-label' && Number(f.properties.index) === 3);
		return String(last?.properties.label);
	});
	// The running length at the last point: the whole straight path, and the whole walk beside it.
	expect(lastLabel).toMatch(/^[\d.]+ km · walk [\d.]+ km$/);
	await page.screenshot({ path: `${SCREENSHOTS}/measure-route.png` });

	// Continue the finished path, then Esc ends it and Esc again clears it.
	await page.getByTestId('measure-finish').click();
	await clickAt(page, [121.4175, 31.2115]);
	await expect(path).toContainText('through 5 points');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('measure-finished')).toBeVisible();
	await expect(path).toContainText('through 5 points');
	// A click on a finished path starts a new one.
	await clickAt(page, A);
	await expect(path).toBeHidden();
	await expect(page.getByTestId('measure-radii')).toBeVisible();
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('measure-radii')).toBeHidden();
	await expect.poll(() => renderedCount(page, ['measure-vertices', 'measure-route'])).toBe(0);
});

test('a point far from every street is named, and its legs stay straight', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="measure"]').click();
	// On Hongqiao Airport's airfield, several hundred metres from any public road (tests/unit/worker.test.ts).
	const airfield: LonLat = [121.3326, 31.1935];
	const road: LonLat = [121.3424, 31.1953]; // a few metres from the road east of the airfield
	await jumpTo(page, { center: [121.334, 31.195], zoom: 15 });
	await clickAt(page, road);
	await clickAt(page, airfield);
	await expect(page.getByTestId('measure-path')).toContainText('through 2 points');
	await expect(page.getByTestId('measure-unsnapped')).toContainText(/Point 2 is [\d,]+ m from the nearest street, farther than 250 m: its legs stay straight/, { timeout: 45_000 });
	const route = page.getByTestId('measure-route');
	// The one leg counts straight: the "walk" is the straight line, and no walk is drawn.
	expect(Number(await route.getAttribute('data-metres'))).toBeCloseTo(Number(await page.getByTestId('measure-path').getAttribute('data-metres')), 3);
	await expect(page.locator('[data-testid="measure-panel"] .note', { hasText: '1 of 1 legs' })).toBeVisible();
	await waitForMapIdle(page);
	expect(await renderedCount(page, ['measure-route'])).toBe(0);
	expect(await renderedCount(page, ['measure-path'])).toBeGreaterThan(0);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('taps add points, the Finish button ends the path, and the walk is drawn', async ({ page }) => {
		await openMap(page);
		await page.locator('[data-mode="measure"]').tap();
		// The bottom sheet covers the lower half of the screen: the points go in the upper half.
		await jumpTo(page, { center: [121.4175, 31.2105], zoom: 14.5 });
		for (const at of [A, B, C]) {
			const p = await projectToPage(page, at);
			await page.touchscreen.tap(p.x, p.y);
		}
		await expect(page.getByTestId('measure-path')).toContainText('through 3 points');
		await page.getByTestId('measure-finish').tap();
		await expect(page.getByTestId('measure-finished')).toBeVisible();
		await expect(page.getByTestId('measure-route')).toBeVisible({ timeout: 45_000 });
		await expect.poll(() => renderedCount(page, ['measure-route'])).toBeGreaterThan(0);
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/phone-measure-route.png` });
	});
});
