/**
 * The compare view (issue 12, item 10): "a journalist must open 14 Hongqiao places one by one".
 * In the figures tab, a layer's places in one sortable table linked to the map, and as CSV; usable
 * by keyboard, and on a phone the table scrolls sideways inside its own box, not the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openMap } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

async function openCompare(page: Page): Promise<Locator> {
	await page.getByRole('tab', { name: 'District in figures' }).click();
	const compare = page.getByTestId('compare');
	await expect(compare).toBeVisible();
	await compare.getByLabel('Layer').selectOption('hongqiao');
	return compare;
}

/** The area column's sort values top to bottom, as the DOM shows them (null: no area). */
async function areaColumn(compare: Locator): Promise<(number | null)[]> {
	return compare.locator('table').evaluate((table) => {
		const headers = [...table.querySelectorAll('thead th')];
		const index = headers.findIndex((th) => th.getAttribute('data-column') === 'area');
		return [...table.querySelectorAll('tbody tr')].map((tr) => {
			const value = tr.children[index].getAttribute('data-sort');
			return value === null ? null : Number(value);
		});
	});
}

function expectSorted(values: (number | null)[], direction: 'ascending' | 'descending'): void {
	const present = values.filter((v): v is number => v !== null);
	expect(present.length).toBeGreaterThanOrEqual(4);
	// Missing values last, whichever way.
	expect(values.slice(0, present.length)).toEqual(present);
	const ordered = [...present].sort((a, b) => (direction === 'ascending' ? a - b : b - a));
	expect(present).toEqual(ordered);
	expect(present[0]).not.toBe(present.at(-1));
}

test('Hongqiao’s places in one table: sort by area both ways, hover and click a row to find it on the map', async ({ page }) => {
	await openMap(page);
	const compare = await openCompare(page);
	const table = compare.locator('table');
	await expect(table.locator('caption')).toHaveText('Hongqiao: 14 places compared');
	const rows = table.locator('tbody tr');
	expect(await rows.count()).toBeGreaterThanOrEqual(10);
	// Figures carry their period and source in columns of their own; two "Tax paid" read apart.
	const headers = await table.locator('thead th').allInnerTexts();
	expect(new Set(headers).size).toBe(headers.length);
	await expect(table.getByRole('columnheader', { name: 'Tax paid (2022)', exact: true })).toHaveCount(1);
	await expect(table.getByRole('columnheader', { name: 'Tax paid (Jan–Jul 2023)', exact: true })).toHaveCount(1);
	await expect(table.getByRole('columnheader', { name: 'Tax paid (2022): Period' })).toHaveCount(1);
	await expect(table.getByRole('columnheader', { name: 'Tax paid (2022): Source' })).toHaveCount(1);

	const areaHeader = table.locator('thead th[data-column="area"]');
	await expect(areaHeader).not.toHaveAttribute('aria-sort');
	await areaHeader.getByRole('button').click();
	await expect(areaHeader).toHaveAttribute('aria-sort', 'ascending');
	expectSorted(await areaColumn(compare), 'ascending');
	await areaHeader.getByRole('button').click();
	await expect(areaHeader).toHaveAttribute('aria-sort', 'descending');
	const descending = await areaColumn(compare);
	expectSorted(descending, 'descending');
	// The largest outline is Changning's part of the Hongqiao CBD.
	await expect(rows.first()).toHaveAttribute('data-place-id', 'hongqiao-cbd-changning');
	// Only the sorted column says it is sorted.
	await expect(table.locator('thead th[aria-sort]')).toHaveCount(1);
	await compare.scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SCREENSHOTS}/compare-desktop.png` });

	// Hovering a row highlights its place on the map.
	const cbdRow = table.locator('tr[data-place-id="hongqiao-cbd-changning"]');
	await cbdRow.hover();
	await expect(cbdRow).toHaveClass(/hovered/);
	const hoverState = () =>
		page.evaluate(
			() =>
				(window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getFeatureState({
					source: 'places-hongqiao',
					id: 'hongqiao-cbd-changning'
				}).hover
		);
	await expect.poll(hoverState).toBe(true);

	// A row's name shows the place: the details panel opens on it.
	const arch = table.locator('tr[data-place-id="shanghai-arch"] th button');
	const archName = await arch.innerText();
	expect(archName).toContain('Shanghai Arch');
	await arch.click();
	await expect(page.locator('aside.details h2')).toHaveText(archName);
	await expect(arch).toHaveAttribute('aria-pressed', 'true');
	// Leaving the row takes the highlight off the map.
	await page.locator('aside.details h2').hover();
	await expect.poll(hoverState).toBeFalsy();

	// In Chinese: the same table, in Chinese, the two tax figures still told apart by period.
	await page.getByRole('button', { name: /switch to Chinese/i }).click();
	await expect(table.locator('caption')).toHaveText('虹桥：14个地点对比');
	await expect(table.getByRole('columnheader', { name: '纳税额（2022年）', exact: true })).toHaveCount(1);
	await expect(table.getByRole('columnheader', { name: '纳税额（2023年1–7月）', exact: true })).toHaveCount(1);
	await compare.getByRole('heading').evaluate((h) => h.scrollIntoView({ block: 'start' }));
	await page.screenshot({ path: `${SCREENSHOTS}/compare-desktop-zh.png` });
});

test('keyboard: the headings are buttons that sort, the table is named, rows name their place', async ({ page }) => {
	await openMap(page);
	const compare = await openCompare(page);
	const table = compare.locator('table');
	// Screen readers: a caption names the table, headings have scopes, each row is headed by its place.
	await expect(table.getByRole('columnheader')).not.toHaveCount(0);
	expect(await table.locator('thead th:not([scope="col"])').count()).toBe(0);
	expect(await table.locator('tbody th[scope="row"]').count()).toBe(14);
	await expect(page.getByRole('table', { name: 'Hongqiao: 14 places compared' })).toBeVisible();

	// Tab from the layer select reaches the download button, then the first heading; Enter sorts.
	await compare.getByLabel('Layer').focus();
	await page.keyboard.press('Tab');
	await expect(compare.getByRole('button', { name: 'Download CSV' })).toBeFocused();
	await page.keyboard.press('Tab');
	const placeHeader = table.locator('thead th').first();
	await expect(placeHeader.getByRole('button')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(placeHeader).toHaveAttribute('aria-sort', 'ascending');
	await page.keyboard.press('Space');
	await expect(placeHeader).toHaveAttribute('aria-sort', 'descending');
	const names = await table.locator('tbody th').allInnerTexts();
	expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })));

	// The jump button at the top of the tab takes focus to the comparison.
	await page.getByRole('button', { name: 'Jump to the comparison of a layer’s places' }).click();
	await expect(compare.getByRole('heading', { name: 'Compare a layer’s places' })).toBeFocused();
});

test('Download CSV: UTF-8 with a BOM, a header row, one line per place, raw numbers', async ({ page }) => {
	await openMap(page);
	const compare = await openCompare(page);
	const [download] = await Promise.all([page.waitForEvent('download'), compare.getByRole('button', { name: 'Download CSV' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^changning-compare-hongqiao-.*\.csv$/);
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
	expect(lines).toHaveLength(15);
	expect(lines[0]).toMatch(/^id,Place,Computed area \(m²\),/);
	expect(lines[0]).toContain('Tax paid (2022): Source');
	expect(lines.find((l) => l.startsWith('hongqiao-cbd-changning,'))).toMatch(/^hongqiao-cbd-changning,[^,]+,16423513,/);
});

test.describe('on a 390×844 phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the table scrolls sideways in its own box; the page does not', async ({ page }) => {
		await openMap(page);
		// The sheet's toggle, by what it controls (its words are the layout's, not this test's).
		await page.locator('button[aria-controls="sidebar"]').tap();
		const compare = await openCompare(page);
		const scroller = compare.locator('.scroll');
		await scroller.scrollIntoViewIfNeeded();
		const widths = await page.evaluate(() => {
			const box = document.querySelector('[data-testid="compare"] .scroll') as HTMLElement;
			const sidebar = document.getElementById('sidebar') as HTMLElement;
			return {
				page: document.documentElement.scrollWidth,
				viewport: window.innerWidth,
				sidebar: sidebar.scrollWidth - sidebar.clientWidth,
				box: box.scrollWidth - box.clientWidth,
				boxRight: box.getBoundingClientRect().right
			};
		});
		expect(widths.page).toBeLessThanOrEqual(widths.viewport);
		expect(widths.sidebar).toBe(0);
		expect(widths.box).toBeGreaterThan(0);
		expect(widths.boxRight).toBeLessThanOrEqual(widths.viewport);
		await compare.getByRole('heading').evaluate((h) => h.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: `${SCREENSHOTS}/compare-phone.png` });
		// Scrolled sideways, the place names stay in view.
		await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
		const name = compare.locator('tbody th').first();
		const [nameBox, scrollBox] = await Promise.all([name.boundingBox(), scroller.boundingBox()]);
		expect(nameBox!.x).toBeGreaterThanOrEqual(scrollBox!.x - 1);
		await page.screenshot({ path: `${SCREENSHOTS}/compare-phone-scrolled.png` });
	});
});
