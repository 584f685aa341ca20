import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** WCAG 2.0–2.2 A and AA plus axe's best practices: every rule axe runs by default, named. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/**
 * Label-in-name (WCAG 2.5.3) is still "experimental" in axe, so off unless asked for; we ask.
 * It is impact "serious", so a mismatch fails the audit like any other serious rule.
 */
const EXTRA_RULES = { 'label-content-name-mismatch': { enabled: true } };

type Impact = 'critical' | 'serious' | 'moderate' | 'minor';

interface Audit {
	state: string;
	counts: Record<Impact, number>;
	/** Serious and critical violations, as short lines for a readable failure. */
	blocking: string[];
	/** Moderate and minor ones: reported, not failed on. */
	advisory: string[];
}

/**
 * Run axe with the full rule set on the page as it is now, and check label-in-name for every
 * control ourselves too (axe's rule skips controls whose name comes from aria-labelledby).
 * The counts go to the test's annotations, so the report lists them per state.
 */
async function audit(page: Page, state: string, testInfo: TestInfo): Promise<Audit> {
	const results = await new AxeBuilder({ page })
		.withTags(AXE_TAGS)
		.options({ rules: EXTRA_RULES })
		.analyze();
	const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
	const blocking: string[] = [];
	const advisory: string[] = [];
	for (const v of results.violations) {
		const impact = (v.impact ?? 'minor') as Impact;
		counts[impact] += v.nodes.length;
		const line = `${impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`;
		(impact === 'serious' || impact === 'critical' ? blocking : advisory).push(line);
	}
	for (const control of await labelInNameFailures(page)) blocking.push(`serious label-in-name: ${control}`);
	const summary = `${state}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}`;
	console.log(`axe ${summary}${advisory.length ? `\n  ${advisory.join('\n  ')}` : ''}`);
	testInfo.annotations.push({ type: 'axe', description: summary });
	return { state, counts, blocking, advisory };
}

/**
 * Controls whose accessible name does not contain their visible text (WCAG 2.5.3 Label in Name):
 * a speech user says what they see. Names are compared case- and space-insensitively; controls
 * that show no text (icons like ×) are skipped, as the success criterion does.
 */
async function labelInNameFailures(page: Page): Promise<string[]> {
	const controls = await page
		// Form fields are left out: what they show is their value, not their label.
		.locator('button, a[href], [role="button"], [role="tab"], [role="link"]')
		.all();
	const failures: string[] = [];
	const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
	for (const control of controls) {
		if (!(await control.isVisible())) continue;
		const visible = squash(await control.evaluate((el) => (el as HTMLElement).innerText ?? ''));
		// Only text that carries words: a lone symbol (×, ✓) is a picture, not a label.
		if (!/[\p{L}\p{N}]{2,}|\p{Script=Han}/u.test(visible)) continue;
		const ariaLabel = await control.getAttribute('aria-label');
		if (ariaLabel === null) continue;
		if (!squash(ariaLabel).includes(visible)) failures.push(`"${visible}" is named "${ariaLabel}"`);
	}
	return failures;
}

/** Audit, and record rather than stop, so one run reports every state. */
async function expectNothingSerious(page: Page, state: string, testInfo: TestInfo): Promise<void> {
	const { blocking } = await audit(page, state, testInfo);
	expect.soft(blocking, `serious/critical accessibility violations: ${state}`).toEqual([]);
}

async function drawLifeCircle(page: Page): Promise<void> {
	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: 'Start at map centre' }).click();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await expect(page.getByTestId('checklist')).toBeVisible();
}

async function drawMeasurePath(page: Page): Promise<void> {
	await page.locator('[data-mode="measure"]').click();
	// A known camera, so the points land on the map right of the tool panel whatever came before.
	await page.evaluate(() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.jumpTo({ center: [121.41, 31.212], zoom: 14 }));
	for (const lngLat of [
		[121.41, 31.21],
		[121.416, 31.21],
		[121.416, 31.214]
	] as [number, number][]) {
		const at = await projectToPage(page, lngLat);
		await page.mouse.click(at.x, at.y);
	}
	await expect(page.getByTestId('measure-path')).toContainText('through 3 points');
}

test('axe (all rules) finds nothing serious: start, details, each tool, in Chinese', async ({ page }, testInfo) => {
	// Seven full audits on software WebGL.
	test.setTimeout(180_000);
	await openMap(page);
	await expectNothingSerious(page, 'start (Browse)', testInfo);

	await page.getByRole('button', { name: /Shanghai Arch/ }).click();
	await expect(page.locator('aside.details h2')).toBeFocused();
	await expectNothingSerious(page, 'details open', testInfo);

	await page.getByRole('tab', { name: 'District in figures' }).click();
	await expect(page.getByTestId('dashboard')).toBeVisible();
	await expectNothingSerious(page, 'figures tab', testInfo);
	await page.getByRole('tab', { name: 'Explore' }).click();

	await drawLifeCircle(page);
	await page.getByTestId('nearest').first().click();
	await expect(page.getByTestId('amenity-details')).toBeVisible();
	await expectNothingSerious(page, 'life circle drawn, amenity open', testInfo);

	await drawMeasurePath(page);
	await expectNothingSerious(page, 'measure with a path', testInfo);

	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: /switch to Chinese/i }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.locator('#life-heading')).toHaveText('15分钟社区生活圈');
	await expectNothingSerious(page, '中文, life circle', testInfo);

	await page.locator('[data-mode="browse"]').click();
	await page.getByRole('button', { name: /上海硅巷/ }).first().click();
	await expect(page.locator('aside.details h2')).toHaveText('上海硅巷');
	await expectNothingSerious(page, '中文, details open', testInfo);
});

test('axe finds nothing serious with the share menu or the shortcut list open, in both languages', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	await openMap(page);
	for (const lang of ['en', 'zh'] as const) {
		if (lang === 'zh') {
			await page.locator('.topbar .lang').click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		}
		await page.getByTestId('share-menu-button').click();
		await expect(page.getByTestId('share-panel')).toBeVisible();
		await expectNothingSerious(page, `${lang}, share menu open`, testInfo);
		await page.keyboard.press('Escape');
		await expect(page.getByTestId('share-panel')).toBeHidden();
		await page.keyboard.press('?');
		await expect(page.getByTestId('shortcut-list')).toBeVisible();
		await expectNothingSerious(page, `${lang}, shortcut list open`, testInfo);
		await page.keyboard.press('Escape');
		await expect(page.getByTestId('shortcut-list')).toHaveCount(0);
	}
});

/**
 * Where `inner`'s box sticks out of `outer`'s, in CSS pixels per side (empty when it lies inside).
 * Half a pixel of rounding is allowed.
 */
async function overhang(inner: import('@playwright/test').Locator, outer: import('@playwright/test').Locator): Promise<string[]> {
	const a = (await inner.boundingBox())!;
	const b = (await outer.boundingBox())!;
	const out: string[] = [];
	if (a.x < b.x - 0.5) out.push(`left by ${(b.x - a.x).toFixed(1)}`);
	if (a.x + a.width > b.x + b.width + 0.5) out.push(`right by ${(a.x + a.width - b.x - b.width).toFixed(1)}`);
	if (a.y < b.y - 0.5) out.push(`top by ${(b.y - a.y).toFixed(1)}`);
	if (a.y + a.height > b.y + b.height + 0.5) out.push(`bottom by ${(a.y + a.height - b.y - b.height).toFixed(1)}`);
	return out;
}

for (const viewport of [
	{ name: 'desktop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }
]) {
	test(`the walking-speed select lies inside its box and its panel (${viewport.name}, both languages, every preset)`, async ({ page }) => {
		await page.setViewportSize(viewport);
		await openMap(page, '/?tool=life-circle');
		const panel = page.getByTestId('life-circle-panel');
		const select = panel.getByLabel(/Walking speed preset|步行速度预设/);
		// (A `has` locator is queried inside each fieldset: the bare tag name.)
		const fieldset = panel.locator('fieldset', { has: page.locator('select') });
		for (const lang of ['en', 'zh'] as const) {
			if (lang === 'zh') {
				await page.locator('.topbar .lang').click();
				await expect(panel.locator('h2')).toHaveText('15分钟社区生活圈');
			}
			// The longest label shows when its option is chosen: try each.
			for (const value of await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
				await select.selectOption(value);
				expect(await overhang(select, fieldset), `${lang}, ${value}: the select out of its fieldset`).toEqual([]);
				expect(await overhang(fieldset, panel), `${lang}, ${value}: the fieldset out of the panel`).toEqual([]);
				// Nothing in the panel scrolls sideways either.
				expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
			}
		}
	});
}

test('the language button is named by what it shows', async ({ page }) => {
	await openMap(page);
	const button = page.locator('.topbar .lang');
	const shown = button.locator('span[lang]');
	await expect(shown).toHaveText('中文');
	await expect(shown).toHaveAttribute('lang', 'zh-CN');
	// Its accessible name starts with the visible word (label in name), then says what it does.
	await expect(button).toHaveAccessibleName('中文 — switch to Chinese');
	await button.click();
	await expect(shown).toHaveText('English');
	await expect(shown).toHaveAttribute('lang', 'en');
	await expect(button).toHaveAccessibleName('English — 切换到英文');
});

test('the language switch changes the interface, the numbers and the map labels', async ({ page }) => {
	await openMap(page);
	const labelField = () =>
		page.evaluate(() => JSON.stringify((window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getLayoutProperty('metro-stations-label', 'text-field')));
	const english = await labelField();
	await expect(page.locator('#layers-heading')).toHaveText('Layers');
	await page.getByRole('button', { name: /switch to Chinese/i }).click();
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
	await page.getByRole('button', { name: /切换到英文/ }).click();
	await expect(page.locator('aside.details h2')).toHaveText('Shanghai Silicon Alley');
});

test('dark colour scheme: dark UI and dark basemap, still no serious axe violation', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	await page.emulateMedia({ colorScheme: 'dark' });
	await openMap(page);
	const background = await page.evaluate(
		() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.getPaintProperty('background', 'background-color') as string
	);
	expect(background).toBe('#15181c');
	const panel = await page.locator('.sidebar').evaluate((el) => getComputedStyle(el).backgroundColor);
	expect(panel).toBe('rgb(31, 35, 40)');
	await expectNothingSerious(page, 'dark, start', testInfo);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/dark.png` });

	await page.getByRole('button', { name: /Shanghai Arch/ }).click();
	await expectNothingSerious(page, 'dark, details open', testInfo);
	await drawLifeCircle(page);
	await expectNothingSerious(page, 'dark, life circle', testInfo);
	await drawMeasurePath(page);
	await expectNothingSerious(page, 'dark, measure with a path', testInfo);
});

test.describe('on a phone (390×844, touch)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the map fills the screen, panels are bottom sheets, and tapping drops a life circle', async ({ page }, testInfo) => {
		test.setTimeout(120_000);
		await openMap(page);
		const map = await page.locator('.map').boundingBox();
		expect(map!.width).toBeGreaterThanOrEqual(389);
		expect(map!.height).toBeGreaterThan(700);
		await expectNothingSerious(page, 'phone, start', testInfo);
		const sidebar = page.locator('#sidebar');
		await expect(sidebar).not.toBeInViewport();
		await page.getByRole('button', { name: 'Layers & places' }).tap();
		await expect(sidebar).toBeInViewport();
		await expectNothingSerious(page, 'phone, sheet open', testInfo);
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/phone-sheet.png` });
		await page.getByRole('button', { name: /Shanghai Arch/ }).tap();
		await expect(page.locator('aside.details h2')).toBeVisible();
		await expectNothingSerious(page, 'phone, details open', testInfo);
		// Picking a place closes the list sheet, so its details are not covered (issue 12, point 1).
		await expect(sidebar).not.toBeInViewport();

		await page.locator('[data-mode="life-circle"]').tap();
		// Bring a street-rich spot to the upper half of the screen, above where the sheet will open.
		await page.evaluate(() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.jumpTo({ center: [121.418, 31.212], zoom: 14 }));
		const at = await projectToPage(page, [121.418, 31.216]);
		await page.touchscreen.tap(at.x, at.y);
		await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
		const sheet = await page.getByTestId('life-circle-panel').boundingBox();
		expect(sheet!.y + sheet!.height).toBeGreaterThan(830);
		await expectNothingSerious(page, 'phone, life circle', testInfo);
		await waitForMapIdle(page);
		await page.screenshot({ path: `${SCREENSHOTS}/phone-life-circle.png` });

		await page.locator('[data-mode="measure"]').tap();
		for (const lngLat of [
			[121.414, 31.214],
			[121.42, 31.214]
		] as [number, number][]) {
			const p = await projectToPage(page, lngLat);
			await page.touchscreen.tap(p.x, p.y);
		}
		await expect(page.getByTestId('measure-path')).toContainText('through 2 points');
		await expectNothingSerious(page, 'phone, measure with a path', testInfo);
	});
});
