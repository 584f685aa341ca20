import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** The rendered band features' distinct `origin` numbers (0: merged). */
async function bandOrigins(page: Page): Promise<number[]> {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return [...new Set(map.querySourceFeatures('life-circle-bands').map((f) => Number(f.properties.origin)))].sort();
	});
}

async function outlineRoles(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		// a feature split across tiles comes once per tile
		return [...new Set(map.querySourceFeatures('life-circle-outlines').map((f) => `${f.properties.role}:${f.properties.origin ?? ''}`))].sort();
	});
}

async function largestArea(page: Page): Promise<number> {
	const cells = await page.locator('[data-testid="band-areas"] td[data-area-m2]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-area-m2'))));
	return Math.max(...cells);
}

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

test('several origins: add two, drag one, remove one, merged or one by one, rings; the link follows', async ({ page }) => {
	test.setTimeout(180_000);
	await openMap(page);
	await page.locator('[data-mode="life-circle"]').click();
	const a = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(a.x, a.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	const single = await largestArea(page);

	// Add a second origin with the button, then a click on the map.
	const panel = page.locator('[data-testid="life-circle-panel"]');
	await panel.getByRole('button', { name: 'Add origin' }).click();
	await expect(panel.getByRole('status').filter({ hasText: 'Click the map' })).toBeVisible();
	await waitForMapIdle(page);
	const b = await projectToPage(page, [121.413, 31.212]);
	await page.mouse.click(b.x, b.y);
	await expect(page.locator('.origin-marker')).toHaveCount(2);
	await expect(page.locator('[data-testid="life-origins"]')).toHaveAttribute('data-count', '2');
	// Merged: one area larger than either origin's, the merged note, and the link lists both origins.
	await expect(page.locator('[data-testid="band-areas"]')).toHaveAttribute('data-merged', 'true');
	await expect(page.locator('[data-testid="merged-note"]')).toBeVisible();
	expect(await largestArea(page)).toBeGreaterThan(single);
	await expect.poll(() => param(page, 'origins')?.split(';').length).toBe(2);
	expect(param(page, 'origin')).toBe(param(page, 'origins')!.split(';')[1]);
	await expect.poll(() => bandOrigins(page)).toEqual([0]);

	// Drag the second marker east: the link's second origin follows.
	const before = Number(param(page, 'origins')!.split(';')[1].split(',')[0]);
	const marker = page.locator('.origin-marker').nth(1);
	const box = (await marker.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width / 2 + 20 * i, box.y + box.height / 2);
	await page.mouse.up();
	await expect.poll(() => Number(param(page, 'origins')?.split(';')[1].split(',')[0])).toBeGreaterThan(before + 0.001);

	// One by one: each origin's bands, each outlined in its own colour; the first origin's own figures.
	await panel.getByRole('radio', { name: 'One by one' }).check();
	await expect.poll(() => bandOrigins(page)).toEqual([1, 2]);
	await expect.poll(() => outlineRoles(page)).toEqual(['origin:1', 'origin:2']);
	await expect.poll(() => param(page, 'merge')).toBe('0');
	await panel.getByRole('button', { name: 'Origin 1', exact: false }).first().click();
	await expect(page.locator('[data-testid="each-note"]')).toContainText('origin 1');
	await expect.poll(() => largestArea(page)).toBeCloseTo(single, -2);

	// Rings: the table gains ring areas, the link says so.
	await panel.getByRole('radio', { name: 'As rings' }).check();
	await expect(page.locator('[data-testid="band-areas"] td[data-ring-m2]')).toHaveCount(3);
	await expect.poll(() => param(page, 'rings')).toBe('1');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/life-circle-origins-each.png` });

	// Remove origin 2 with Delete on its focused marker: one origin left, the link drops `origins`.
	await page.locator('.origin-marker').nth(1).focus();
	await page.keyboard.press('Delete');
	await expect(page.locator('.origin-marker')).toHaveCount(1);
	await expect.poll(() => param(page, 'origins')).toBeNull();
	expect(param(page, 'origin')).not.toBeNull();

	// Back brings the two origins back, from the link.
	await page.goBack();
	await expect(page.locator('.origin-marker')).toHaveCount(2);
});

test('a link with several origins opens them merged; an old one-origin link still opens', async ({ page }) => {
	await openMap(page, '/?tool=life-circle&origin=121.43,31.222&origins=121.418,31.216;121.43,31.222&compare=wheelchair');
	await expect(page.locator('.origin-marker')).toHaveCount(2);
	await expect(page.locator('[data-testid="band-areas"]')).toHaveAttribute('data-merged', 'true');
	await expect(page.locator('[data-testid="compare-areas"] tr[data-compare]')).toContainText('Wheelchair or pushchair');
	await expect.poll(() => outlineRoles(page)).toEqual(['compare:']);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/life-circle-origins-merged.png` });

	await openMap(page, '/?tool=life-circle&origin=121.418,31.216&preset=elderly');
	await expect(page.locator('.origin-marker')).toHaveCount(1);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await expect(page.locator('[data-testid="life-origins"]')).toHaveAttribute('data-count', '1');
});

test('profiles: the child profile keeps off arterial roads and says so; two profiles side by side', async ({ page }) => {
	await openMap(page, '/?tool=life-circle&origin=121.4245,31.2205&speed=3.2');
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	const plain = await largestArea(page);
	const panel = page.locator('[data-testid="life-circle-panel"]');
	await panel.getByLabel('Walking speed preset').selectOption('child');
	await expect(page.locator('[data-testid="profile-avoids"]')).toContainText('arterial roads');
	await expect(panel).toContainText('cannot tell kerbs, steps');
	await expect.poll(() => largestArea(page)).toBeLessThan(plain);
	await expect.poll(() => param(page, 'preset')).toBe('child');

	await page.locator('[data-testid="compare-profile"]').selectOption('adult');
	const rows = page.locator('[data-testid="compare-areas"] td[data-area-m2]');
	await expect(rows).toHaveCount(2);
	const [child, adult] = await rows.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-area-m2'))));
	expect(adult).toBeGreaterThan(child);
	await expect.poll(() => param(page, 'compare')).toBe('adult');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/life-circle-profiles.png` });
});
