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

/**
 * A point in the district as far as possible from every walkable street: on the real road network
 * that is inside Hongqiao Airport's airfield, where no public road runs.
 */
function pointFarFromStreets(): [number, number] {
	const outline = JSON.parse(readFileSync('geodata/admin/changning.wgs84.geojson', 'utf8')) as FeatureCollection<Polygon>;
	const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8')) as FeatureCollection<LineString>;
	const creek = outline.features[0] as Feature<Polygon>;
	const walkable = streets.features.filter((f) => f.properties?.walkable);
	const [w, s, e, n] = bbox(creek);
	let best: [number, number] = [0, 0];
	let bestDistance = -1;
	for (let i = 0; i <= 40; i++) {
		for (let j = 0; j <= 24; j++) {
			const candidate: [number, number] = [w + ((e - w) * i) / 40, s + ((n - s) * j) / 24];
			if (!booleanPointInPolygon(candidate, creek)) continue;
			const d = Math.min(...walkable.map((f) => nearestPointOnLine(f, point(candidate), { units: 'meters' }).properties.dist));
			if (d > bestDistance) {
				bestDistance = d;
				best = candidate;
			}
		}
	}
	if (bestDistance < 300) throw new Error(`no point in the district 300 m from a street (best ${bestDistance} m)`);
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

test('bands stay where the origin was after a drag in Browse (issue 9: the loop lived in the panel)', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="life-circle"]').click();
	const origin = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(origin.x, origin.y);
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	// The table can fill a frame before the map source has the bands: wait for them to be drawn.
	await expect.poll(() => bandCentroidLon(page)).toBeGreaterThan(121);
	const before = await bandCentroidLon(page);
	// In Browse the life-circle panel is closed, but the marker is still on the map and draggable.
	await page.locator('[data-mode="browse"]').click();
	const marker = page.locator('.origin-marker');
	const box = (await marker.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 - 30 * i, box.y + box.height / 2);
	await page.mouse.up();
	// The bands follow the marker west, and the link records the same origin the bands are drawn for.
	await expect.poll(() => bandCentroidLon(page)).toBeLessThan(before - 0.002);
	const linked = Number(new URL(page.url()).searchParams.get('origin')?.split(',')[0]);
	expect(linked).toBeLessThan(121.418 - 0.002);
});

test('the checklist names the nearest amenity with its walking time, and the amenity layer toggles', async ({ page }) => {
	await openMap(page);
	// District zoom: the amenities show as clusters with counts.
	await expect.poll(() => renderedCount(page, ['amenities-cluster', 'amenities-point'])).toBeGreaterThan(0);
	const toggle = page.locator('[data-layer-toggle="amenities"] input');
	await toggle.uncheck();
	await expect.poll(() => renderedCount(page, ['amenities-cluster', 'amenities-point'])).toBe(0);
	await toggle.check();
	await expect.poll(() => renderedCount(page, ['amenities-cluster', 'amenities-point'])).toBeGreaterThan(0);
	await expect(page.getByTestId('amenity-legend').locator('li[data-category="health-centre"]')).toBeVisible();

	await page.locator('[data-mode="life-circle"]').click();
	const origin = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(origin.x, origin.y);
	const row = page.locator('[data-testid="checklist"] tr[data-category="health-centre"]');
	const nearest = row.getByTestId('nearest');
	await expect(nearest).toContainText(/\S.* [\d.]+ min/);
	const minutes = Number(await nearest.getAttribute('data-minutes'));
	expect(minutes).toBeGreaterThan(0);
	expect(minutes).toBeLessThanOrEqual(15);
	await expect(row.getByTestId('coverage')).toContainText('AMap');
	// Kindergartens only: the row says its data is partial, with source and date.
	await expect(page.locator('[data-testid="checklist"] tr[data-category="childcare"] [data-testid="coverage"]')).toContainText(/Partial data.*2020/);
	// A pet clinic is never a health centre: the nearest is a place for people.
	await expect(nearest).not.toContainText(/宠物|兽医|动物/);
	await nearest.click();
	const details = page.getByTestId('amenity-details');
	await expect(details).toBeVisible();
	await expect(details).toContainText('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
	await expect(details).toHaveAttribute('data-amenity-id', (await nearest.getAttribute('data-amenity-id'))!);
});

test('the life circle answers a click far from any street (the airfield) with a clear message', async ({ page }) => {
	await openMap(page);
	await page.locator('[data-mode="life-circle"]').click();
	const offStreet = pointFarFromStreets();
	await page.evaluate((c) => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.jumpTo({ center: c, zoom: 15 }), offStreet);
	const at = await projectToPage(page, offStreet);
	await page.mouse.click(at.x, at.y);
	await expect(page.getByTestId('life-circle-error')).toContainText(/No walkable street within \d+ m/);
	expect(await renderedCount(page, ['life-circle-bands-fill'])).toBe(0);
	// The app keeps working: back among the streets, the map centre gives a life circle again.
	await page.evaluate(() => (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map.jumpTo({ center: [121.418, 31.216], zoom: 14 }));
	await page.getByRole('button', { name: 'Start at map centre' }).click();
	await expect(page.locator('[data-testid="band-areas"] tbody tr')).toHaveCount(3);
	await expect(page.getByTestId('life-circle-error')).toHaveCount(0);
	await expect.poll(() => renderedCount(page, ['life-circle-bands-fill'])).toBeGreaterThan(0);
});

test('a link with an origin draws its bands in Browse, without opening the tool (the loop lives in state)', async ({ page }) => {
	await openMap(page, '/?origin=121.418,31.216');
	await expect(page.locator('[data-mode="browse"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('life-circle-panel')).toHaveCount(0);
	await expect.poll(() => renderedCount(page, ['life-circle-bands-fill'])).toBeGreaterThan(0);
	await expect.poll(() => bandCentroidLon(page)).toBeGreaterThan(121.41);
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
	// The first Esc ends the path, the second clears it.
	await page.keyboard.press('Escape');
	await expect(path).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(path).toBeHidden();
	await expect.poll(() => renderedCount(page, ['measure-circles'])).toBe(0);
});
