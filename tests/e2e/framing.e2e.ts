/**
 * Issue 12, items 1, 2 and 11: the map frames what the user asked about in the part of the map no
 * panel covers — a place from the list, a life circle's bands, the district at first view — on a
 * desktop and on a phone, and it keeps still while the origin is dragged.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

type AtlasWindow = { __atlas: { map: import('maplibre-gl').Map } };

const places = JSON.parse(readFileSync('static/data/places.json', 'utf8')) as FeatureCollection<Geometry, { id: string }>;
/** The district's box, as the app frames it at first view (CHANGNING_BBOX in src/lib/data/schema.ts). */
const DISTRICT: [number, number, number, number] = [121.32, 31.175, 121.445, 31.25];

function bboxOf(geometry: Geometry): [number, number, number, number] {
	const all: Position[] = [];
	const walk = (c: unknown): void => {
		if (typeof (c as number[])[0] === 'number') all.push(c as Position);
		else (c as unknown[]).forEach(walk);
	};
	walk((geometry as { coordinates: unknown }).coordinates);
	const xs = all.map((p) => p[0]);
	const ys = all.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const placeBox = (id: string) => bboxOf(places.features.find((f) => f.properties.id === id)!.geometry);

/** A lon/lat box as it lies on the page now (corners projected; the map is north-up). */
async function pageBox(page: Page, [w, s, e, n]: [number, number, number, number]): Promise<Box> {
	const sw = await projectToPage(page, [w, s]);
	const ne = await projectToPage(page, [e, n]);
	return { left: sw.x, top: ne.y, right: ne.x, bottom: sw.y };
}

async function rectOf(page: Page, selector: string): Promise<Box | null> {
	return page.evaluate((sel) => {
		const el = document.querySelector(sel);
		if (!el) return null;
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
	}, selector);
}

/** Every panel or control the app draws over the map now, as on-screen rectangles. */
async function panels(page: Page): Promise<{ name: string; box: Box }[]> {
	const found: { name: string; box: Box }[] = [];
	for (const [name, selector] of [
		['details', '.details-slot > *'],
		['sidebar', '#sidebar'],
		['sheet toggle', '.sheet-toggle']
	] as const) {
		const box = await rectOf(page, selector);
		if (box) found.push({ name, box });
	}
	return found;
}

const overlaps = (a: Box, b: Box) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
const inside = (a: Box, b: Box) => a.left >= b.left && a.top >= b.top && a.right <= b.right && a.bottom <= b.bottom;

/** The box lies on the map and under no panel. */
async function expectClear(page: Page, box: Box, what: string): Promise<void> {
	const map = (await rectOf(page, '.map canvas'))!;
	expect(inside(box, map), `${what} ${JSON.stringify(box)} lies inside the map ${JSON.stringify(map)}`).toBe(true);
	for (const panel of await panels(page)) {
		expect(overlaps(box, panel.box), `${what} ${JSON.stringify(box)} is clear of the ${panel.name} ${JSON.stringify(panel.box)}`).toBe(false);
	}
}

/**
 * Wait until the camera has come to rest: not moving, and the same on two looks apart (a panel that
 * opens after a move re-frames the result once more).
 */
async function cameraSettled(page: Page): Promise<string> {
	const camera = () =>
		page.evaluate(() => {
			const map = (window as unknown as AtlasWindow).__atlas.map;
			const c = map.getCenter();
			return map.isMoving() ? 'moving' : `${c.lng.toFixed(7)},${c.lat.toFixed(7)},${map.getZoom().toFixed(4)}`;
		});
	let previous = '';
	for (let i = 0; i < 40; i++) {
		const now = await camera();
		if (now !== 'moving' && now === previous) return now;
		previous = now;
		await page.waitForTimeout(250);
	}
	throw new Error('the camera did not come to rest');
}

/** The life circle's bands as drawn (the source's data), as a lon/lat box. */
async function bandsBox(page: Page): Promise<[number, number, number, number]> {
	const fc = await page.evaluate(async () => {
		const map = (window as unknown as AtlasWindow).__atlas.map;
		return (await map.getSource<import('maplibre-gl').GeoJSONSource>('life-circle-bands')!.getData()) as FeatureCollection;
	});
	expect(fc.features.length).toBeGreaterThan(0);
	const boxes = fc.features.map((f) => bboxOf(f.geometry));
	return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

async function makeCircle(page: Page, at: [number, number]): Promise<void> {
	const results = Number((await page.getByTestId('life-circle-panel').getAttribute('data-results')) ?? 0);
	const p = await projectToPage(page, at);
	await page.mouse.click(p.x, p.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await expect.poll(async () => Number(await page.getByTestId('life-circle-panel').getAttribute('data-results'))).toBeGreaterThan(results);
	await cameraSettled(page);
}

async function shot(page: Page, name: string): Promise<void> {
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/framing-${name}.png` });
}

/** Open the list (a sheet on a phone) and pick a place from it. */
async function pickFromList(page: Page, name: string): Promise<void> {
	const toggle = page.locator('.sheet-toggle');
	if (await toggle.isVisible()) {
		if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	}
	await page.locator('.places button', { hasText: name }).first().click();
	await expect(page.locator('#details-heading')).toContainText(name);
	await cameraSettled(page);
}

for (const device of [
	{ name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
	{ name: 'phone', use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } }
]) {
	test.describe(`on a ${device.name}`, () => {
		test.use(device.use);

		test('a place picked from the list is framed clear of every panel', async ({ page }) => {
			await openMap(page);
			await pickFromList(page, 'Shanghai Silicon Alley');
			if (device.name === 'phone') {
				// The list's sheet closed so it does not cover what was picked from it.
				await expect(page.locator('.sheet-toggle')).toHaveAttribute('aria-expanded', 'false');
			}
			const alley = await pageBox(page, placeBox('silicon-alley'));
			await expectClear(page, alley, 'Silicon Alley');
			await shot(page, `${device.name}-silicon-alley`);

			await pickFromList(page, 'Hongqiao International CBD');
			await expectClear(page, await pageBox(page, placeBox('hongqiao-cbd-changning')), 'the Hongqiao CBD');
			// Framed, not a speck: it takes a good part of the map's clear width or height.
			const cbd = await pageBox(page, placeBox('hongqiao-cbd-changning'));
			const map = (await rectOf(page, '.map canvas'))!;
			expect(Math.max((cbd.right - cbd.left) / (map.right - map.left), (cbd.bottom - cbd.top) / (map.bottom - map.top))).toBeGreaterThan(0.25);
		});

		test('a place opened by a link without a camera is framed clear of the details panel', async ({ page }) => {
			await openMap(page, '/?place=silicon-alley');
			await expect(page.locator('#details-heading')).toHaveText('Shanghai Silicon Alley');
			await cameraSettled(page);
			await expectClear(page, await pageBox(page, placeBox('silicon-alley')), 'Silicon Alley');
		});

		test('a life circle made at the district view is framed: its bands fill the clear part, under no panel', async ({ page }) => {
			await openMap(page);
			await page.locator('[data-mode="life-circle"]').click();
			await expect(page.getByTestId('life-circle-panel')).toBeVisible();
			await cameraSettled(page);
			await shot(page, `${device.name}-life-circle-before`);
			const zoomBefore = await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.getZoom());
			await makeCircle(page, [121.418, 31.216]);
			await shot(page, `${device.name}-life-circle-framed`);

			const bands = await pageBox(page, await bandsBox(page));
			await expectClear(page, bands, 'the bands');
			// The clear part: beside the panel (desktop), or between the button and the sheet (phone).
			const map = (await rectOf(page, '.map canvas'))!;
			const panel = (await rectOf(page, '.details-slot > *'))!;
			const clear =
				device.name === 'desktop'
					? { ...map, left: panel.right }
					: { ...map, top: (await rectOf(page, '.sheet-toggle'))!.bottom, bottom: panel.top };
			const fill = Math.max((bands.right - bands.left) / (clear.right - clear.left), (bands.bottom - bands.top) / (clear.bottom - clear.top));
			expect(fill, 'share of the clear part the bands fill (width or height)').toBeGreaterThan(0.5);
			expect(await page.evaluate(() => (window as unknown as AtlasWindow).__atlas.map.getZoom())).toBeGreaterThan(zoomBefore + 1);
		});

		test('"Start at map centre" starts at the centre of the part no panel covers', async ({ page }) => {
			await openMap(page, '/?tool=life-circle&map=14/31.216/121.418');
			await expect(page.getByTestId('life-circle-panel')).toBeVisible();
			await cameraSettled(page);
			await page.getByRole('button', { name: 'Start at map centre' }).click();
			await expect(page.locator('.origin-marker')).toBeVisible();
			await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
			await cameraSettled(page);
			const marker = (await page.locator('.origin-marker').boundingBox())!;
			await expectClear(page, { left: marker.x, top: marker.y, right: marker.x + marker.width, bottom: marker.y + marker.height }, 'the origin marker');
			await expectClear(page, await pageBox(page, await bandsBox(page)), 'the bands');
		});

		test('the camera keeps still while the origin is dragged', async ({ page }) => {
			await openMap(page, '/?tool=life-circle');
			await cameraSettled(page);
			await makeCircle(page, [121.418, 31.216]);
			const before = await cameraSettled(page);
			const marker = (await page.locator('.origin-marker').boundingBox())!;
			const x = marker.x + marker.width / 2;
			const y = marker.y + marker.height / 2;
			const resultCount = async () => Number(await page.getByTestId('life-circle-panel').getAttribute('data-results'));
			await page.mouse.move(x, y);
			await page.mouse.down();
			const during: string[] = [];
			for (let i = 1; i <= 6; i++) {
				const seen = await resultCount();
				await page.mouse.move(x + 12 * i, y - 8 * i, { steps: 2 });
				// New bands for the moved origin have arrived (and the panel's table changed with them).
				await expect.poll(resultCount).toBeGreaterThan(seen);
				during.push(await cameraSettled(page));
			}
			await page.mouse.up();
			await cameraSettled(page);
			expect(during.every((c) => c === before)).toBe(true);
			expect(await cameraSettled(page)).toBe(before);
		});
	});
}

test.describe('on a phone, the first view', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('shows the district across the width of the map, clear of the panel button', async ({ page }) => {
		await openMap(page);
		await cameraSettled(page);
		await shot(page, 'phone-first-view');
		const district = await pageBox(page, DISTRICT);
		await expectClear(page, district, 'the district');
		const map = (await rectOf(page, '.map canvas'))!;
		expect((district.right - district.left) / (map.right - map.left), 'share of the map width the district spans').toBeGreaterThan(0.85);
	});
});
