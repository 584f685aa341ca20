import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** Serious and critical axe violations, as short lines for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		// The map canvas is a picture with an accessible name; axe cannot judge text drawn into it.
		.exclude('.maplibregl-canvas')
		.analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	console.log(`axe: ${results.violations.length} violations (${serious.length} serious/critical), ${results.passes.length} rules passed`);
	return serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('axe finds nothing serious at start, with details open, with a life circle, in Chinese', async ({ page }) => {
	await openMap(page);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('button', { name: /Shanghai Arch/ }).click();
	await expect(page.locator('aside.details h2')).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);

	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: 'Start at map centre' }).click();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	expect(await seriousViolations(page)).toEqual([]);

	await page.getByRole('button', { name: 'Switch to Chinese' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.locator('#life-heading')).toHaveText('15分钟社区生活圈');
	expect(await seriousViolations(page)).toEqual([]);
});

test('the language switch changes the interface, the numbers and the map labels', async ({ page }) => {
	await openMap(page);
	const labelField = () =>
		page.evaluate(() => JSON.stringify((window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getLayoutProperty('metro-stations-label', 'text-field')));
	const english = await labelField();
	await expect(page.locator('#layers-heading')).toHaveText('Layers');
	await page.getByRole('button', { name: 'Switch to Chinese' }).click();
	await expect(page.locator('#layers-heading')).toHaveText('图层');
	await expect(page.getByRole('button', { name: '浏览' })).toBeVisible();
	const chinese = await labelField();
	expect(chinese).not.toEqual(english);
	expect(chinese.indexOf('name_zh')).toBeLessThan(chinese.indexOf('name_en'));
	await page.getByRole('button', { name: /上海硅巷/ }).first().click();
	await expect(page.locator('aside.details h2')).toHaveText('上海硅巷');
	await expect(page.locator('aside.details')).toContainText('超过500家企业');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/chinese.png` });
	await page.getByRole('button', { name: '切换到英文' }).click();
	await expect(page.locator('aside.details h2')).toHaveText('Shanghai Silicon Alley');
});

test('dark colour scheme: dark UI and dark basemap, still no serious axe violation', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await openMap(page);
	const background = await page.evaluate(
		() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getPaintProperty('background', 'background-color') as string
	);
	expect(background).toBe('#15181c');
	const panel = await page.locator('.sidebar').evaluate((el) => getComputedStyle(el).backgroundColor);
	expect(panel).toBe('rgb(31, 35, 40)');
	expect(await seriousViolations(page)).toEqual([]);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/dark.png` });
});

test.describe('on a phone (390×844, touch)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the map fills the screen, panels are bottom sheets, and tapping drops a life circle', async ({ page }) => {
		await openMap(page);
		const map = await page.locator('.map').boundingBox();
		expect(map!.width).toBeGreaterThanOrEqual(389);
		expect(map!.height).toBeGreaterThan(700);
		const sidebar = page.locator('#sidebar');
		await expect(sidebar).not.toBeInViewport();
		await page.getByRole('button', { name: 'Layers & places' }).tap();
		await expect(sidebar).toBeInViewport();
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/phone-sheet.png` });
		await page.getByRole('button', { name: 'Hide panel' }).tap();
		await expect(sidebar).not.toBeInViewport();

		await page.locator('[data-mode="life-circle"]').tap();
		// Bring a street-rich spot to the upper half of the screen, above where the sheet will open.
		await page.evaluate(() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.jumpTo({ center: [121.418, 31.212], zoom: 14 }));
		const at = await projectToPage(page, [121.418, 31.216]);
		await page.touchscreen.tap(at.x, at.y);
		await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
		const sheet = await page.getByTestId('life-circle-panel').boundingBox();
		expect(sheet!.y + sheet!.height).toBeGreaterThan(830);
		expect(await seriousViolations(page)).toEqual([]);
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/phone-life-circle.png` });
	});
});
