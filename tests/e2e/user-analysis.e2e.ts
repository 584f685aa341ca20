/**
 * The user's own points in the analysis (issue 11, item 3): a CSV of points dropped on the map and
 * switched on "for analysis" becomes a checklist row (counts per band, nearest with walking minutes)
 * and a coverage category judged against the user's own threshold. The points never leave the
 * machine (the fixture fails the test on any request beyond localhost).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { FeatureCollection, Point } from 'geojson';
import type { Page } from '@playwright/test';
import { test, expect, openMap, waitForMapIdle } from './fixtures';

const SCREENSHOTS = 'tests/artifacts/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const amenities = JSON.parse(readFileSync('static/data/amenities.geojson', 'utf8')) as FeatureCollection<Point>;
/** The bundled metro stations as the user's own CSV (WGS84): the same points as a built-in row. */
const stations = amenities.features.filter((f) => f.properties?.category === 'metro-station' && f.geometry.type === 'Point');
const csv = ['name,lon,lat', ...stations.map((f, i) => `station ${i},${f.geometry.coordinates[0]},${f.geometry.coordinates[1]}`)].join('\n');

async function dropFile(page: Page, name: string, content: string) {
	await page.evaluate(
		([name, content]) => {
			const target = document.querySelector('.stage .map')!;
			const data = new DataTransfer();
			data.items.add(new File([content], name));
			for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
		},
		[name, content]
	);
}

const ORIGIN = '121.4135,31.2210';

test('a CSV of points used for analysis is a checklist row and a coverage category with the user’s threshold', async ({ page }) => {
	test.setTimeout(240_000);
	await openMap(page);
	const panel = page.getByTestId('user-data');
	await dropFile(page, 'my-stations.csv', csv);
	const layer = panel.locator('[data-user-layer]');
	await expect(layer).toHaveCount(1);
	await layer.getByTestId('use-in-analysis').check();
	await expect(layer).toContainText(`Used in the analysis: ${stations.length} points.`);

	// The choice is kept with the layer: the life circle, opened by link, has the row.
	await openMap(page, `/?tool=life-circle&origin=${ORIGIN}&map=15/31.2210/121.4135`);
	const row = page.locator('[data-testid="user-checklist"] tr[data-category^="user:"]');
	await expect(row).toHaveCount(1, { timeout: 90_000 });
	await expect(row.locator('th')).toHaveText('my-stations.csv');
	await expect(row).toContainText('Source: your data');
	// The same points as the bundled metro row: the same nearest station, at the same minutes.
	const builtIn = page.locator('[data-testid="checklist"] tr[data-category="metro-station"] [data-testid="nearest"]');
	const nearest = row.getByTestId('user-nearest');
	await expect(nearest).toHaveCount(1);
	expect(Number(await nearest.getAttribute('data-minutes'))).toBe(Number(await builtIn.getAttribute('data-minutes')));
	await expect(nearest.locator('.name')).toHaveText(/^station \d+$/);
	await expect(row.getByTestId('user-counts')).toContainText('within 15 min');
	await waitForMapIdle(page);
	await page.getByTestId('user-checklist').screenshot({ path: `${SCREENSHOTS}/user-analysis-checklist.png` });

	// Coverage offers it, with the user's threshold and no Shanghai standard claimed.
	await openMap(page, '/?tool=coverage');
	const coverage = page.getByTestId('coverage-panel');
	const option = coverage.locator('option[value^="user:"]');
	await expect(option).toHaveCount(1, { timeout: 60_000 });
	await coverage.getByTestId('coverage-category').selectOption((await option.getAttribute('value'))!);
	await expect(coverage.getByTestId('coverage-standard')).toContainText('10-minute');
	await expect(coverage.getByTestId('coverage-standard')).toContainText('no Shanghai standard');
	await expect(coverage.getByTestId('coverage-data')).toContainText('my-stations.csv', { timeout: 90_000 });
	const share = Number(await coverage.locator('[data-figure="street"]').getAttribute('data-share'));
	expect(share).toBeGreaterThan(0);
	expect(share).toBeLessThanOrEqual(1);
	// A longer walk covers at least as much.
	await coverage.getByTestId('coverage-user-threshold').fill('20');
	await coverage.getByTestId('coverage-user-threshold').press('Enter');
	await expect(coverage.getByTestId('coverage-standard')).toContainText('20-minute');
	await expect.poll(async () => Number(await coverage.locator('[data-figure="street"]').getAttribute('data-share')), { timeout: 90_000 }).toBeGreaterThan(share);
	await waitForMapIdle(page);
	await page.screenshot({ path: `${SCREENSHOTS}/user-analysis-coverage.png` });
});

test('an OSM extract becomes the walking network in the worker, with its stages; a bad one says why; back to the bundled network', async ({ page }) => {
	test.setTimeout(240_000);
	await openMap(page);
	const panel = page.getByTestId('user-data');
	// A broken extract: the bundled network stays, and the panel says why in one line.
	await dropFile(page, 'broken.osm', readFileSync('tests/fixtures/osm/bad.osm', 'utf8'));
	await panel.getByTestId('network-use').click();
	await expect(panel.getByTestId('network-notice')).toHaveAttribute('data-kind', 'failed', { timeout: 90_000 });
	await expect(panel.getByTestId('network-notice')).toContainText('“broken.osm” cannot be used as the network:');

	await dropFile(page, 'tiny.osm', readFileSync('tests/fixtures/osm/tiny.osm', 'utf8'));
	await panel.getByTestId('network-use').click();
	await expect(panel.getByTestId('network-active')).toContainText('your extract “tiny.osm”', { timeout: 90_000 });
	await page.locator('[data-mode="life-circle"]').click();
	const life = page.getByTestId('life-circle-panel');
	await expect(life.getByTestId('network-notice')).toContainText('tiny.osm');
	await page.screenshot({ path: `${SCREENSHOTS}/user-network-life-circle.png` });
	await life.getByTestId('network-back').click();
	await expect(life.getByTestId('network-notice')).toHaveCount(0);
	await expect(life.getByTestId('engine-status')).toHaveCount(0, { timeout: 90_000 });
});
