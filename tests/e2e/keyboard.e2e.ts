/**
 * The keyboard path through the atlas (issue 12, point 6): choosing a tool takes the focus to it, skip
 * links on the first Tab, a shortcut list on `?` that keeps and returns the focus, and no shortcut
 * while typing. Share and export (point 7) sit in a top-bar menu that works from the keyboard too.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, openMap } from './fixtures';

/** What has the focus now, said short for a failure message. */
function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return 'body';
		return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
	});
}

/** Whether the focus is on a control (not a heading or the panel itself) inside `panel`. */
function focusOnControlIn(panel: Locator): Promise<boolean> {
	return panel.evaluate((el) => {
		const active = document.activeElement;
		return !!active && el.contains(active) && active.matches('button, input, select, textarea, a[href]');
	});
}

/** Tabs pressed until the focus is on a control in `panel`; gives up (returns the limit + 1) after `limit`. */
async function tabsToControlIn(page: Page, panel: Locator, limit = 60): Promise<number> {
	for (let tabs = 0; tabs <= limit; tabs++) {
		if (await focusOnControlIn(panel)) return tabs;
		await page.keyboard.press('Tab');
	}
	return limit + 1;
}

const TOOLS = [
	{ mode: 'life-circle', panel: 'life-circle-panel' },
	{ mode: 'measure', panel: 'measure-panel' }
] as const;

for (const { mode, panel } of TOOLS) {
	for (const how of ['click', 'keyboard'] as const) {
		test(`choosing ${mode} by ${how} puts its first control at most 3 Tabs away`, async ({ page }) => {
			await openMap(page);
			const button = page.locator(`[data-mode="${mode}"]`);
			if (how === 'click') await button.click();
			else {
				await button.focus();
				await page.keyboard.press('Enter');
			}
			const tool = page.getByTestId(panel);
			await expect(tool).toBeVisible();
			// The heading has the focus (announced by a screen reader), so Tab goes into the tool.
			await expect(tool.locator('h2')).toBeFocused();
			const tabs = await tabsToControlIn(page, tool, 10);
			expect(tabs, `Tabs from the mode switch to ${mode}'s first control (now on ${await focused(page)})`).toBeLessThanOrEqual(3);
		});
	}
}

test('a tool opened by a link or on load does not take the focus', async ({ page }) => {
	await openMap(page, '/?tool=life-circle');
	await expect(page.getByTestId('life-circle-panel')).toBeVisible();
	expect(await focused(page)).toBe('body');
	await openMap(page, '/?place=silicon-alley');
	await expect(page.locator('aside.details h2')).toBeVisible();
	expect(await focused(page)).toBe('body');
});

test('the first Tab offers skip links: to the map, the open panel, layers and places', async ({ page }) => {
	await openMap(page, '/?tool=measure');
	const skips = page.getByRole('navigation', { name: 'Skip links' });
	await page.keyboard.press('Tab');
	const toMap = skips.getByRole('button', { name: 'Skip to the map' });
	await expect(toMap).toBeFocused();
	await expect(toMap).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('.maplibregl-canvas')).toBeFocused();

	const toPanel = skips.getByRole('button', { name: 'Skip to the open panel' });
	await toPanel.focus();
	await expect(toPanel).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('#measure-heading')).toBeFocused();
	await page.keyboard.press('Tab');
	expect(await focusOnControlIn(page.getByTestId('measure-panel'))).toBe(true);

	await skips.getByRole('button', { name: 'Skip to layers and places' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('#tab-explore')).toBeFocused();
	// Out of sight again once the focus has left them.
	await expect(skips.getByRole('button', { name: 'Skip to the map' })).not.toBeInViewport();
});

test('with no panel open there is no skip link to one', async ({ page }) => {
	await openMap(page);
	const skips = page.getByRole('navigation', { name: 'Skip links' });
	await expect(skips.getByRole('button')).toHaveText(['Skip to the map', 'Skip to layers and places', 'Keyboard shortcuts (?)']);
});

test('? opens the shortcut list; Tab stays in it; Esc closes it and the focus goes back', async ({ page }) => {
	await openMap(page);
	// A place open, so an Esc that leaked out of the list would close it (it must not).
	const place = page.getByRole('button', { name: /Shanghai Arch/ });
	await place.click();
	await expect(page.locator('aside.details h2')).toBeFocused();
	await place.focus();
	const list = page.getByTestId('shortcut-list');
	await expect(list).toHaveCount(0);
	await page.keyboard.press('?');
	await expect(list).toBeVisible();
	await expect(list.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
	// Modal: the rest of the page is out of reach.
	expect(await list.evaluate((el) => (el as HTMLDialogElement).matches(':modal'))).toBe(true);
	for (let i = 0; i < 4; i++) {
		await page.keyboard.press('Tab');
		expect(await list.evaluate((el) => el.contains(document.activeElement) || document.activeElement === el || document.activeElement === document.body)).toBe(true);
	}
	// It lists the page's real keys, each tool by name.
	for (const key of ['?', '1', '2', '3', '/', 'Esc', 'Backspace']) await expect(list.locator('kbd', { hasText: key }).first()).toBeVisible();
	await expect(list).toContainText('Switch to Life circle');
	// Keys pressed in the list do nothing behind it.
	await page.keyboard.press('2');
	await expect(page.locator('[data-mode="browse"]')).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('Escape');
	await expect(list).toHaveCount(0);
	await expect(place).toBeFocused();
	await expect(page.locator('aside.details')).toBeVisible();

	// The Close button and the skip link do the same.
	await page.keyboard.press('?');
	await list.getByRole('button', { name: 'Close' }).click();
	await expect(list).toHaveCount(0);
	await expect(place).toBeFocused();
	await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).focus();
	await page.keyboard.press('Enter');
	await expect(list).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('button', { name: 'Keyboard shortcuts (?)' })).toBeFocused();
});

test('the shortcut list speaks Chinese in the Chinese UI', async ({ page }) => {
	await openMap(page, '/?lang=zh');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.keyboard.press('?');
	const list = page.getByTestId('shortcut-list');
	await expect(list.getByRole('heading', { name: '键盘快捷键' })).toBeVisible();
	await expect(list).toContainText('切换到“生活圈”');
	// Only key names stay Latin.
	const words = (await list.innerText()).match(/[A-Za-z]+/g) ?? [];
	expect(words.filter((w) => !['Shift', 'Esc', 'Backspace', 'Tab'].includes(w))).toEqual([]);
	await page.keyboard.press('Escape');
	await expect(list).toHaveCount(0);
});

test('shortcuts do nothing while typing in a text box', async ({ page }) => {
	await openMap(page);
	const search = page.locator('#sidebar input[type="search"]');
	await search.click();
	await page.keyboard.type('?2/3');
	await expect(search).toHaveValue('?2/3');
	await expect(page.getByTestId('shortcut-list')).toHaveCount(0);
	await expect(page.locator('[data-mode="browse"]')).toHaveAttribute('aria-pressed', 'true');

	await page.locator('[data-mode="life-circle"]').click();
	const minutes = page.getByLabel('Band minutes, comma separated');
	await minutes.fill('');
	await minutes.pressSequentially('5, 10, 1?3');
	await expect(minutes).toHaveValue('5, 10, 1?3');
	await expect(page.locator('[data-mode="life-circle"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('shortcut-list')).toHaveCount(0);
	// Esc in a text box leaves the life circle alone too.
	await page.getByRole('button', { name: 'Start at map centre' }).click();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await minutes.focus();
	await page.keyboard.press('Escape');
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
});

test('1, 2, 3 switch the tool and / finds a place; on the map the focus stays on the map', async ({ page }) => {
	await openMap(page);
	await page.keyboard.press('2');
	await expect(page.locator('[data-mode="life-circle"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('#life-heading')).toBeFocused();
	await page.keyboard.press('3');
	await expect(page.locator('#measure-heading')).toBeFocused();
	await page.keyboard.press('/');
	await expect(page.locator('#sidebar input[type="search"]')).toBeFocused();
	await expect(page.locator('#sidebar input[type="search"]')).toHaveValue('');
	await page.locator('.maplibregl-canvas').focus();
	await page.keyboard.press('1');
	await expect(page.locator('[data-mode="browse"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.locator('.maplibregl-canvas')).toBeFocused();
});

test('share and export open from the top bar, by mouse and by keyboard', async ({ page }) => {
	await openMap(page);
	const button = page.locator('.topbar').getByRole('button', { name: 'Share / Export' });
	const share = page.getByTestId('share-panel');
	await expect(share).toBeHidden();
	// Not in the sidebar any more, behind every place.
	await expect(page.locator('#sidebar [data-testid="share-panel"]')).toHaveCount(0);
	await button.click();
	await expect(share).toBeVisible();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	for (const name of ['Copy link', 'Download GeoJSON: Life circle', 'Download PNG']) await expect(share.getByRole('button', { name })).toBeVisible();
	// A click elsewhere closes it.
	await page.locator('.topbar h1').click();
	await expect(share).toBeHidden();
	await expect(button).toHaveAttribute('aria-expanded', 'false');

	// Keyboard: Enter opens it with the focus on its first control; Esc closes it, back on the button,
	// and leaves the open place alone.
	await page.getByRole('button', { name: /Shanghai Arch/ }).click();
	await button.focus();
	await page.keyboard.press('Enter');
	await expect(share.getByRole('button', { name: 'Copy link' })).toBeFocused();
	await page.keyboard.press('Tab');
	expect(await share.evaluate((el) => el.contains(document.activeElement))).toBe(true);
	await page.keyboard.press('Escape');
	await expect(share).toBeHidden();
	await expect(button).toBeFocused();
	await expect(page.locator('aside.details')).toBeVisible();
	// The place is exportable from the menu.
	await button.click();
	await expect(share.getByRole('button', { name: 'Download GeoJSON: Selected place' })).toBeEnabled();
});

test.describe('on a phone (390×844, touch)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	for (const lang of ['en', 'zh'] as const) {
		test(`the top bar fits the screen with its share menu (${lang})`, async ({ page }) => {
			await openMap(page, lang === 'zh' ? '/?lang=zh' : '/');
			const bar = page.locator('.topbar');
			// Nothing in the top bar sticks out of the screen or out of the bar.
			const overflow = await bar.evaluate((el) => {
				const bar = el.getBoundingClientRect();
				const out: string[] = [];
				for (const child of el.querySelectorAll('h1, button, .modes')) {
					const box = child.getBoundingClientRect();
					if (box.width === 0) continue;
					if (box.left < 0 || box.right > innerWidth || box.top < bar.top || box.bottom > bar.bottom) out.push(`${child.textContent?.trim()}: ${JSON.stringify(box)}`);
				}
				if (el.scrollWidth > el.clientWidth) out.push(`scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
				return out;
			});
			expect(overflow).toEqual([]);
			// Two rows at most: the title, menu and language, then the tools.
			expect((await bar.boundingBox())!.height).toBeLessThan(100);
			// The sheet's button sits under the bar, not on it.
			const toggle = await page.locator('.sheet-toggle').boundingBox();
			expect(toggle!.y).toBeGreaterThanOrEqual((await bar.boundingBox())!.y + (await bar.boundingBox())!.height);

			const button = page.getByTestId('share-menu-button');
			await button.tap();
			const share = page.getByTestId('share-panel');
			await expect(share).toBeVisible();
			const menu = await page.locator('#share-menu').boundingBox();
			expect(menu!.x).toBeGreaterThanOrEqual(0);
			expect(menu!.x + menu!.width).toBeLessThanOrEqual(390);
			expect(menu!.y + menu!.height).toBeLessThanOrEqual(844);
			await expect(share.getByRole('button').first()).toBeInViewport();
		});
	}
});
