import { readFileSync, mkdirSync } from 'node:fs';
import { bbox, booleanPointInPolygon, nearestPointOnLine, point } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

async function renderedCount(page: Page, layers: string[]): Promise<number> {
	return page.evaluate((ids) => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		return map.queryRenderedFeatures({ layers: ids }).length;
	}, layers);
}

/** Distinct values of a property among rendered features (a polygon split by tiles counts once). */
async function renderedDistinct(page: Page, layer: string, property: string): Promise<number> {
	return page.evaluate(
		([id, prop]) => {
			const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
			return new Set(map.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties[prop])).size;
		},
		[layer, property]
	);
}

async function bandAreas(page: Page): Promise<number[]> {
	const cells = page.locator('[data-testid="band-areas"] td[data-area-m2]');
	return (await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-area-m2')))));
}

async function bandCentroidLon(page: Page): Promise<number> {
	return page.evaluate(() => {
		const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
		const features = map.querySourceFeatures('life-circle-bands');
		const xs = features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0].map((c) => c[0]) : []));
		return xs.reduce((a, b) => a + b, 0) / xs.length;
	});
}

/** A point inside Suzhou Creek as far as possible from every walkable street and bridge. */
function creekPointFarFromStreets(): [number, number] {
	const water = JSON.parse(readFileSync('geodata/water.geojson', 'utf8')) as FeatureCollection<Polygon>;
	const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection<LineString>;
	const creek = water.features.find((f) => f.properties?.name_en?.includes('Suzhou')) as Feature<Polygon>;
	const walkable = streets.features.filter((f) => f.properties?.walkable);
	const [w, s, e, n] = bbox(creek);
	let best: [number, number] = [0, 0];
	let bestDistance = -1;
	for (let i = 0; i <= 120; i++) {
		for (let j = 0; j <= 60; j++) {
			const candidate: [number, number] = [w + ((e - w) * i) / 120, s + ((n - s) * j) / 60];
			if (!booleanPointInPolygon(candidate, creek)) continue;
			const d = Math.min(...walkable.map((f) => nearestPointOnLine(f, point(candidate), { units: 'meters' }).properties.dist));
			if (d > bestDistance) {
				bestDistance = d;
				best = candidate;
			}
		}
	}
	if (bestDistance < 300) throw new Error(`no creek point 300 m from a street (best ${bestDistance} m)`);
	return best;
}

test('the life circle draws nested bands on the street network and reports areas and reach', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="life-circle"]').click();
	const origin = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(origin.x, origin.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await expect.poll(() => renderedCount(page, ['life-circle-bands-fill'])).toBeGreaterThan(0);

	const areas = await bandAreas(page);
	expect(areas).toHaveLength(3);
	expect(areas[0]).toBeGreaterThan(0);
	expect(areas[0]).toBeLessThan(areas[1]);
	expect(areas[1]).toBeLessThan(areas[2]);
	const reach = await page.locator('[data-testid="band-areas"] td[data-reach]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-reach'))));
	for (const r of reach) {
		expect(r).toBeGreaterThan(0);
		expect(r).toBeLessThan(1);
	}
	await expect(page.locator('[data-testid="checklist"]')).toContainText('no data — import an OSM extract');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/life-circle.png` });

	// Drag the origin marker 400 px east: the bands follow it.
	const before = await bandCentroidLon(page);
	const marker = page.locator('.origin-marker');
	const box = (await marker.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 - 30 * i, box.y + box.height / 2 + 5 * i);
	await page.mouse.up();
	await expect.poll(() => bandCentroidLon(page)).toBeLessThan(before - 0.001);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
});

test('the life circle answers a click in Suzhou Creek with a clear message', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="life-circle"]').click();
	const inCreek = creekPointFarFromStreets();
	await page.evaluate((c) => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.jumpTo({ center: c, zoom: 15 }), inCreek);
	const at = await projectToPage(page, inCreek);
	await page.mouse.click(at.x, at.y);
	await expect(page.getByTestId('life-circle-error')).toContainText(/No walkable street within \d+ m/);
	expect(await renderedCount(page, ['life-circle-bands-fill'])).toBe(0);
	// The app keeps working: a click on land gives a life circle again.
	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: 'Start at map centre' }).click();
});

test('the life circle works from the keyboard and rejects bad input clearly', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: 'Start at map centre' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	const input = page.getByLabel('Band minutes, comma separated');
	await input.fill('5, banana');
	await input.press('Enter');
	await input.blur();
	await expect(page.getByRole('alert')).toContainText(/banana.{0,2} is not a number of minutes/);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await input.fill('10, 20');
	await input.blur();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(2);
	await page.getByLabel('Walking speed preset').selectOption('elderly');
	await expect(page.locator('[data-testid="band-areas"] caption')).toContainText('3 km/h');
});

test('the measure tool draws walking-radius circles and a path with its length', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="measure"]').click();
	const a = await projectToPage(page, [121.40, 31.21]);
	const b = await projectToPage(page, [121.41, 31.21]);
	const c = await projectToPage(page, [121.41, 31.215]);
	await page.mouse.click(a.x, a.y);
	await expect.poll(() => renderedDistinct(page, 'measure-circles', 'minutes')).toBe(3);
	await expect(page.getByTestId('measure-radii')).toContainText('1,000 m');
	await page.mouse.click(b.x, b.y);
	await page.mouse.click(c.x, c.y);
	const path = page.getByTestId('measure-path');
	await expect(path).toContainText('through 3 points');
	const metres = Number(await path.getAttribute('data-metres'));
	// 0.01° of longitude (~952 m) plus 0.005° of latitude (~554 m) at 31.2° N.
	expect(metres).toBeGreaterThan(1480);
	expect(metres).toBeLessThan(1530);
	await expect.poll(() => renderedCount(page, ['measure-path'])).toBeGreaterThan(0);
	await page.keyboard.press('Backspace');
	await expect(path).toContainText('through 2 points');
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/measure.png` });
	await page.keyboard.press('Escape');
	await expect(path).toBeHidden();
	await expect.poll(() => renderedCount(page, ['measure-circles'])).toBe(0);
});
