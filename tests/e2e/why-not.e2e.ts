/**
 * "Why is this spot out of reach?" (issue 10, item 5): with a life circle placed by a link, a
 * right-click on a spot across Suzhou Creek names the bridge the walk must take and the minutes
 * beyond the largest band; the card's "Pick a spot" asks with the next click without moving the
 * origin; both languages.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** South of the creek near Weining Rd; the spot is north of it, beyond the 15-minute band. */
const ORIGIN = '121.38,31.218';
const ACROSS: [number, number] = [121.385, 31.228];

async function renderedCount(page: Page, layers: string[]): Promise<number> {
	return page.evaluate((ids) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return map.queryRenderedFeatures({ layers: ids }).length;
	}, layers);
}

test('a right-click across the creek names the bridge and the extra minutes; the card speaks Chinese too', async ({ page }) => {
	test.setTimeout(120_000);
	await openMap(page, `/?tool=life-circle&origin=${ORIGIN}&map=14.6/31.2235/121.383`);
	await expect(page.getByTestId('band-areas')).toBeVisible({ timeout: 60_000 });
	const card = page.getByTestId('why-not-card');
	await expect(card).toBeVisible();
	const spot = await projectToPage(page, ACROSS);
	await page.mouse.click(spot.x, spot.y, { button: 'right' });
	const answer = card.getByTestId('why-not-answer');
	await expect(answer).toHaveAttribute('data-kind', 'outside', { timeout: 30_000 });
	const wayIn = card.getByTestId('why-not-way-in');
	await expect(wayIn).toHaveAttribute('data-way-kind', 'bridge');
	await expect(wayIn).toContainText('Weining Rd');
	const extra = Number(await answer.locator('[data-extra-minutes]').getAttribute('data-extra-minutes'));
	expect(extra).toBeGreaterThan(0);
	await expect(answer).toContainText('beyond the 15-minute band');
	await expect(answer).toContainText(/\d+(\.\d)? min beyond/);
	// The origin did not move: a right-click asks, it does not place.
	expect(new URL(page.url()).searchParams.get('origin')).toBe(ORIGIN);
	// The map draws the walk, the way in and the spot.
	await expect.poll(() => renderedCount(page, ['why-not-way-in'])).toBeGreaterThan(0);
	await expect.poll(() => renderedCount(page, ['why-not-route-out'])).toBeGreaterThan(0);
	await expect.poll(() => renderedCount(page, ['why-not-spot'])).toBe(1);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/why-not-bridge.png` });

	await page.locator('button.lang').click();
	await expect(card).toContainText('为什么某处够不着');
	await expect(card.getByTestId('why-not-way-in')).toContainText('威宁路');
	await expect(answer).toContainText('超出15分钟圈');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/why-not-bridge-zh.png` });
});

test('"Pick a spot" asks with the next click and keeps the origin; Esc only stops picking; a spot in a band says which', async ({ page }) => {
	test.setTimeout(120_000);
	await openMap(page, `/?tool=life-circle&origin=${ORIGIN}&map=14.6/31.2235/121.383`);
	await expect(page.getByTestId('band-areas')).toBeVisible({ timeout: 60_000 });
	const card = page.getByTestId('why-not-card');
	// Folded to its heading until used; the heading unfolds it (a keyboard's Enter does the same).
	await expect(card.getByTestId('why-not-pick')).toBeHidden();
	await card.locator('summary').click();
	await card.getByTestId('why-not-pick').click();
	await expect(card).toHaveAttribute('data-armed', 'true');
	await page.keyboard.press('Escape');
	await expect(card).toHaveAttribute('data-armed', 'false');
	expect(new URL(page.url()).searchParams.get('origin')).toBe(ORIGIN);

	await card.getByTestId('why-not-pick').click();
	const near = await projectToPage(page, [121.381, 31.219]);
	await page.mouse.click(near.x, near.y);
	const answer = card.getByTestId('why-not-answer');
	await expect(answer).toHaveAttribute('data-kind', 'inside', { timeout: 30_000 });
	await expect(answer).toContainText('Inside the 5-minute band');
	await expect(card).toHaveAttribute('data-armed', 'false');
	expect(new URL(page.url()).searchParams.get('origin')).toBe(ORIGIN);
	// The next plain click moves the origin again.
	const elsewhere = await projectToPage(page, [121.387, 31.216]);
	await page.mouse.click(elsewhere.x, elsewhere.y);
	await expect.poll(() => new URL(page.url()).searchParams.get('origin')).not.toBe(ORIGIN);
});
