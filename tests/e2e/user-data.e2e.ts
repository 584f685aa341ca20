/**
 * Bring your own data (issue 11, items 1, 2 and 5): a CSV of the bundled bus stops shifted into
 * GCJ-02 (as an AMap export would hold them) dropped on the map is guessed GCJ-02, drawn back on the
 * stops within a few pixels, clickable with its properties shown as text, kept over a reload; a
 * broken file and an OSM extract each get a message and leave the layer alone. The fixture's guard
 * fails the test if any request leaves localhost.
 */
import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { FeatureCollection, Point } from 'geojson';
import type { Page } from '@playwright/test';
import { test, expect, openMap, projectToPage, waitForMapIdle } from './fixtures';

type Atlas = { __atlas: { map: import('maplibre-gl').Map } };

const MARKUP = '<img src=x onerror=window.__xss=1>';
const amenities = JSON.parse(readFileSync('static/data/amenities.geojson', 'utf8')) as FeatureCollection<Point>;
/** Every 8th bundled bus stop: ~100 points over the district. */
const stops = amenities.features.filter((f) => f.properties?.category === 'bus-stop').filter((_, i) => i % 8 === 0);
const wgs84 = stops.map((f) => f.geometry.coordinates as [number, number]);
const csv = [
	'名称,经度,纬度',
	...wgs84.map(([x, y], i) => {
		const [gx, gy] = gcoord.transform([x, y], gcoord.WGS84, gcoord.GCJ02) as [number, number];
		// The first stop's name carries markup: it must show as text in the popup.
		return `${i === 0 ? `${MARKUP} stop 0` : `stop ${i}`},${gx.toFixed(6)},${gy.toFixed(6)}`;
	})
].join('\n');

/** Drop a file on the map as a person would (a DataTransfer with a File, dragover then drop). */
async function dropFile(page: Page, name: string, content: string) {
	await page.evaluate(
		([name, content]) => {
			const target = document.querySelector('.stage .map')!;
			const data = new DataTransfer();
			data.items.add(new File([content], name));
			for (const type of ['dragenter', 'dragover', 'drop']) {
				target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
			}
		},
		[name, content]
	);
}

/** The user layer's drawn points: each one's name and its pixel distance from the stop it was made from. */
async function drawnOffsets(page: Page, layerId: string): Promise<{ name: string; px: number }[]> {
	const hits = await page.evaluate((id) => {
		const map = (window as unknown as Atlas).__atlas.map;
		return map.queryRenderedFeatures({ layers: [`user-layer-${id}-circle`] }).map((f) => ({
			name: String(f.properties.名称),
			at: (f.geometry as Point).coordinates as [number, number]
		}));
	}, layerId);
	const out: { name: string; px: number }[] = [];
	for (const hit of hits) {
		const index = Number(/stop (\d+)$/.exec(hit.name)?.[1]);
		const drawn = await projectToPage(page, hit.at);
		const stop = await projectToPage(page, wgs84[index]);
		out.push({ name: hit.name, px: Math.hypot(drawn.x - stop.x, drawn.y - stop.y) });
	}
	return out;
}

test('a GCJ-02 CSV dropped on the map is guessed, drawn on the bus stops, kept over a reload; bad files leave it alone', async ({ page }) => {
	// Two page loads, a detection and several redraws: slow under software WebGL on a busy machine.
	test.setTimeout(240_000);
	await openMap(page);
	const panel = page.getByTestId('user-data');
	await expect(panel.getByRole('heading', { name: 'Add your data' })).toBeVisible();

	await dropFile(page, 'bus-stops-amap.csv', csv);
	const layer = panel.locator('[data-user-layer]');
	await expect(layer).toHaveCount(1);
	await expect(layer.locator('.name')).toHaveText('bus-stops-amap.csv');
	await expect(layer.getByTestId('crs-guess')).toHaveText(/^Guess: GCJ-02 \(AMap\/Tencent\), high confidence: \d+% of points within 30 m of a street against \d+% by chance\.$/);
	await expect(layer.getByTestId('crs-select')).toHaveValue('GCJ02');
	await expect(layer.locator('.meta')).toHaveText(`${stops.length} features · CSV`);
	const id = (await layer.getAttribute('data-user-layer'))!;

	// Framed on the layer, every drawn point sits on the stop it came from (converted back to WGS84).
	await layer.getByRole('button', { name: 'Zoom to layer' }).click();
	await waitForMapIdle(page);
	const offsets = await drawnOffsets(page, id);
	expect(offsets.length).toBeGreaterThan(stops.length / 2);
	for (const { name, px } of offsets) expect(px, name).toBeLessThan(3);

	// Read as WGS84 instead (the override), the same points move off the stops by hundreds of metres.
	await layer.getByTestId('crs-select').selectOption('WGS84');
	await expect(layer.locator('.note')).toHaveText('You chose WGS84 (GPS, OpenStreetMap).');
	await waitForMapIdle(page);
	const shifted = await drawnOffsets(page, id);
	expect(shifted.length).toBeGreaterThan(0);
	for (const { name, px } of shifted) expect(px, name).toBeGreaterThan(10);
	await layer.getByTestId('crs-select').selectOption('GCJ02');
	await waitForMapIdle(page);

	// A click on the stop with markup in its name: the popup shows the markup as text.
	await page.evaluate((at) => (window as unknown as Atlas).__atlas.map.jumpTo({ center: at, zoom: 17 }), wgs84[0]);
	await waitForMapIdle(page);
	const point = await projectToPage(page, wgs84[0]);
	await page.mouse.click(point.x, point.y);
	const popup = page.getByTestId('user-feature');
	await expect(popup).toContainText(`${MARKUP} stop 0`);
	await expect(popup.locator('img')).toHaveCount(0);
	// The user's layer is on top and wins the click: no place or amenity panel opens beside the popup.
	await expect(page.locator('.details-slot .panel-card')).toHaveCount(0);
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

	// A reload keeps the layer (IndexedDB), its system and its place on the stops.
	await page.reload();
	await page.locator('.map[data-idle="true"]').waitFor({ timeout: 45_000 });
	await expect(layer).toHaveCount(1);
	await expect(layer.getByTestId('crs-select')).toHaveValue('GCJ02');
	await layer.getByRole('button', { name: 'Zoom to layer' }).click();
	await waitForMapIdle(page);
	const again = await drawnOffsets(page, id);
	expect(again.length).toBeGreaterThan(stops.length / 2);
	for (const { name, px } of again) expect(px, name).toBeLessThan(3);

	// A broken file and an OSM extract: a message each; the layer stays.
	await dropFile(page, 'broken.geojson', '{"type": "FeatureCollection", "features": [');
	const messages = page.getByTestId('user-data-messages');
	await expect(messages).toContainText('Could not add “broken.geojson”: The JSON is broken: ');
	await dropFile(page, 'extract.osm', '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="31.2" lon="121.4"/></osm>');
	await expect(messages).toContainText('“extract.osm” is an OpenStreetMap extract (osm-xml): it is not drawn as a layer, but it can replace the walking network (below).');
	await expect(layer).toHaveCount(1);
	expect((await drawnOffsets(page, id)).length).toBeGreaterThan(0);

	// Remove: gone from the list, the map and (after a reload) the browser's storage.
	await layer.getByRole('button', { name: /^Remove/ }).click();
	await expect(layer).toHaveCount(0);
	await page.reload();
	await page.locator('.map[data-idle="true"]').waitFor({ timeout: 45_000 });
	await expect(panel.getByRole('heading', { name: 'Add your data' })).toBeVisible();
	await expect(layer).toHaveCount(0);
});
