/**
 * The planner's coverage tool (issue 10): a category's walk to the nearest amenity over the whole
 * district, drawn and stated beside Shanghai's standard, with a click for "nearest X: N min", kept
 * in the link, in both languages.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** Rendered features of the given layers, and how many of them are gaps (no band). */
async function rendered(page: Page, layers: string[]): Promise<{ count: number; gaps: number }> {
	return page.evaluate((ids) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const features = map.queryRenderedFeatures({ layers: ids });
		return { count: features.length, gaps: features.filter((f) => f.properties.band === undefined || f.properties.band === null).length };
	}, layers);
}

const share = async (page: Page, figure: string) => Number(await page.locator(`[data-figure="${figure}"]`).getAttribute('data-share'));

test('coverage draws a category over the district and states its shares beside the target, with source and completeness', async ({ page }) => {
	test.setTimeout(120_000);
	await openMap(page, '/?tool=coverage');
	const panel = page.getByTestId('coverage-panel');
	await expect(panel).toBeVisible();
	await expect(panel.getByTestId('coverage-standard')).toContainText('300 m');
	await expect(panel.getByTestId('coverage-figures')).toBeVisible({ timeout: 60_000 });
	const street = await share(page, 'street');
	const land = await share(page, 'land');
	expect(street).toBeGreaterThan(0.3);
	expect(street).toBeLessThanOrEqual(1);
	expect(land).toBeGreaterThan(0.3);
	expect(land).toBeLessThanOrEqual(1);
	await expect(panel.getByTestId('coverage-data')).toHaveAttribute('data-completeness', 'complete');
	await expect(panel.getByTestId('coverage-data')).toContainText('AMap');
	// Streets are drawn coloured, and some are gaps (beyond the standard).
	await expect.poll(async () => (await rendered(page, ['coverage-streets'])).count).toBeGreaterThan(50);
	expect((await rendered(page, ['coverage-streets'])).gaps).toBeGreaterThan(0);
	// The map's legend keys the coverage colours too (the PNG draws the same legend).
	await expect(page.getByTestId('map-legend')).toContainText('Beyond the standard');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/coverage-bus-stops.png` });

	// Kindergartens: partial data, said next to the figure; a longer threshold covers a larger share
	// of streets than bus stops do only if there are enough of them, so just check it is a share.
	await panel.getByTestId('coverage-category').selectOption('childcare');
	await expect(panel.getByTestId('coverage-data')).toHaveAttribute('data-completeness', 'partial', { timeout: 60_000 });
	await expect(panel.getByTestId('coverage-standard')).toContainText('10-minute');
	await expect.poll(() => new URL(page.url()).searchParams.get('cover')).toBe('childcare');
	const childcare = await share(page, 'street');
	expect(childcare).toBeGreaterThan(0);
	expect(childcare).toBeLessThanOrEqual(1);
	// A category with no data cannot be picked.
	await expect(panel.locator('option[value="elderly-care"]')).toBeDisabled();

	// The evidence pack: the figures as CSV and the answer as GeoJSON, each with its inputs.
	await page.getByTestId('share-menu-button').click();
	const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="coverage-csv"]').click()]);
	expect(csv.suggestedFilename()).toMatch(/^changning-coverage-childcare-.*\.csv$/);
	const table = readFileSync((await csv.path())!, 'utf8');
	expect(table).toMatch(/^\uFEFFmeasure,unit,covered,total,share,category,/);
	expect(table).toContain(`street length,m,`);
	expect(table).toContain('partial');
	const [geojson] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="coverage"]').click()]);
	const fc = JSON.parse(readFileSync((await geojson.path())!, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
	expect(fc.features[0].properties).toMatchObject({ export_kind: 'coverage-summary', category: 'childcare' });
	// The file's share is the panel's, rounded to 4 decimals.
	expect(fc.features[0].properties.street_share).toBeCloseTo(childcare, 4);
	expect(fc.features.some((f) => f.properties.export_kind === 'coverage-street' && f.properties.band === null)).toBe(true);
});

test('a click asks about one spot: the nearest one, its name and the walk; the link reopens the same category', async ({ page }) => {
	test.setTimeout(120_000);
	await openMap(page, '/?tool=coverage&cover=metro-station');
	const panel = page.getByTestId('coverage-panel');
	await expect(panel.getByTestId('coverage-figures')).toBeVisible({ timeout: 60_000 });
	const spot = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(spot.x, spot.y);
	const probe = panel.getByTestId('coverage-probe');
	await expect(probe).toContainText('Nearest Metro station', { timeout: 30_000 });
	await expect(probe).toContainText('min walk');
	// The map marks the spot and the way to the station.
	await expect.poll(async () => (await rendered(page, ['coverage-probe-point'])).count).toBe(1);
	await expect.poll(async () => (await rendered(page, ['coverage-probe-amenity'])).count).toBe(1);
	// A bad category in a link is refused with a notice; the tool stays on its default.
	await openMap(page, '/?tool=coverage&cover=casino');
	await expect(page.getByTestId('notices')).toContainText('cover');
	await expect(page.getByTestId('coverage-category')).toHaveValue('bus-stop');
});

test('coverage speaks Chinese and leaves the map to other tools when it is closed', async ({ page }) => {
	test.setTimeout(120_000);
	await openMap(page, '/?tool=coverage&lang=zh');
	const panel = page.getByTestId('coverage-panel');
	await expect(panel.getByTestId('coverage-figures')).toBeVisible({ timeout: 60_000 });
	await expect(panel).toContainText('全区覆盖');
	await expect(panel).toContainText('目标');
	await expect.poll(async () => (await rendered(page, ['coverage-streets'])).count).toBeGreaterThan(0);
	await page.locator('[data-mode="browse"]').click();
	await expect.poll(async () => (await rendered(page, ['coverage-streets', 'coverage-bands-fill'])).count).toBe(0);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the coverage panel is a bottom sheet under the map, and the fourth tool fits the top bar', async ({ page }) => {
		test.setTimeout(120_000);
		await openMap(page, '/?tool=coverage&cover=health-centre');
		const panel = page.getByTestId('coverage-panel');
		await expect(panel.getByTestId('coverage-figures')).toBeVisible({ timeout: 60_000 });
		const sheet = (await panel.boundingBox())!;
		expect(sheet.y + sheet.height).toBeGreaterThan(830);
		// At most half the screen (the sheet's max-height is 50dvh): the map keeps the upper half.
		expect(sheet.y).toBeGreaterThanOrEqual(844 / 2 - 1);
		const tool = (await page.locator('[data-mode="coverage"]').boundingBox())!;
		expect(tool.x + tool.width).toBeLessThanOrEqual(390);
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/coverage-phone.png` });
	});
});
