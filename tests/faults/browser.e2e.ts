/**
 * Faults in the browser: data files and the walking engine's worker fail in every way we could think
 * of (404, 500, truncated, random bytes, far too large, slow, a worker that cannot load, throws on
 * start or dies mid-session, each optional map layer missing or garbage, the fonts, the places, the
 * manifest). Each case checks what the user sees, that retries stay bounded and failed workers are
 * gone, that no error escapes into the page, that the rest of the app still works, and, where the
 * fault can be lifted, that Retry recovers.
 *
 * Faults are injected with `page.route` (the fixtures' guard route keeps every request on localhost
 * and fails the test on an uncaught page error).
 */
import { randomBytes } from 'node:crypto';
import type { Page, Request, Route } from '@playwright/test';
import { test, expect, openMap, projectToPage } from '../e2e/fixtures';

const GRAPH = '**/data/streets.graph.bin';
const WORKER = '**/isochrone.worker*.js';
const isGraph = (url: string) => url.includes('/data/streets.graph.bin');
const isEngineWorker = (url: string) => /isochrone\.worker[^/]*\.js/.test(url);

/** The window in which automatic retries are counted, and the most requests allowed in it. */
const WINDOW_MS = 8_000;
const MAX_REQUESTS = 4;

/** Requests whose URL matches, counted from now on. */
function countRequests(page: Page, matches: (url: string) => boolean): { readonly count: number } {
	const seen: Request[] = [];
	page.on('request', (request) => {
		if (matches(request.url())) seen.push(request);
	});
	return {
		get count() {
			return seen.length;
		}
	};
}

/** Dedicated workers still alive that run the walking engine (MapLibre's own workers are not counted). */
function liveEngineWorkers(page: Page): number {
	return page.workers().filter((w) => isEngineWorker(w.url())).length;
}

const lifePanel = (page: Page) => page.getByTestId('life-circle-panel');
const engineStatus = (page: Page) => page.getByTestId('engine-status');
const bandRows = (page: Page) => page.locator('[data-testid="band-areas"] tbody tr');
const dataNotices = (page: Page) => page.getByTestId('data-notices');

/** Enter the life-circle tool and drop an origin, so bands appear as soon as the engine is ready. */
async function enterLifeCircle(page: Page): Promise<number> {
	await page.locator('[data-mode="life-circle"]').click();
	const started = Date.now();
	const origin = await projectToPage(page, [121.418, 31.216]);
	await page.mouse.click(origin.x, origin.y);
	return started;
}

/** Wait out the counting window that began at `started`. */
async function waitUntil(page: Page, started: number, ms: number): Promise<void> {
	const left = started + ms - Date.now();
	if (left > 0) await page.waitForTimeout(left);
}

/** The final error (after the automatic retries) is shown in the panel with a Retry button. */
async function expectFinalError(page: Page, text: string | RegExp): Promise<void> {
	await expect(engineStatus(page)).toHaveAttribute('data-engine', 'error', { timeout: 20_000 });
	await expect(engineStatus(page).getByRole('alert')).toContainText(text);
	await expect(engineStatus(page).getByRole('button', { name: 'Retry' })).toBeVisible();
}

/** The rest of the app: the measure tool draws, and the place list is there. */
async function expectMeasureWorks(page: Page): Promise<void> {
	await page.locator('[data-mode="measure"]').click();
	const a = await projectToPage(page, [121.4, 31.21]);
	await page.mouse.click(a.x, a.y);
	await expect(page.getByTestId('measure-radii')).toContainText('1,000 m', { timeout: 10_000 });
	await expect(page.locator('#sidebar li button').first()).toBeVisible();
}

/** Lift the fault and press Retry: the engine loads and the bands for the dropped origin appear. */
async function retryRecovers(page: Page, pattern: string): Promise<void> {
	await page.unroute(pattern);
	await engineStatus(page).getByRole('button', { name: /Retry/ }).click();
	await expect(bandRows(page)).toHaveCount(3, { timeout: 20_000 });
	await expect(engineStatus(page)).toHaveCount(0);
}

/** A graph fault that fails every attempt: bounded retries, a named error, Retry recovers. */
async function graphFaultCase(page: Page, fault: (route: Route) => Promise<void>, message: string | RegExp): Promise<void> {
	const graphRequests = countRequests(page, isGraph);
	await page.route(GRAPH, fault);
	await openMap(page);
	const started = await enterLifeCircle(page);
	// While it retries, the panel says what failed and when it tries again.
	await expect(engineStatus(page)).toHaveAttribute('data-engine', 'retrying', { timeout: 10_000 });
	await expect(engineStatus(page)).toContainText(message);
	await expectFinalError(page, message);
	await waitUntil(page, started, WINDOW_MS);
	expect(graphRequests.count, 'graph requests in 8 s').toBeLessThanOrEqual(MAX_REQUESTS);
	expect(graphRequests.count, 'one try and two retries').toBe(3);
	expect(liveEngineWorkers(page), 'live engine workers').toBe(0);
	await retryRecovers(page, GRAPH);
	await expectMeasureWorks(page);
}

test.describe('the walking network cannot be loaded', () => {
	test('404: named in the panel, three requests, Retry recovers', async ({ page }) => {
		await graphFaultCase(page, (route) => route.fulfill({ status: 404, body: 'Not Found' }), 'The walking network (streets.graph.bin) could not be loaded: 404 Not Found');
	});

	test('500: named in the panel, three requests, Retry recovers', async ({ page }) => {
		await graphFaultCase(page, (route) => route.fulfill({ status: 500, body: 'oops' }), 'could not be loaded: 500 Internal Server Error');
	});

	test('a truncated file is reported as corrupt by the validator', async ({ page }) => {
		await graphFaultCase(
			page,
			async (route) => {
				const real = await route.fetch();
				const body = await real.body();
				await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: body.subarray(0, Math.floor(body.length / 2)) });
			},
			/The walking network \(streets\.graph\.bin\) is corrupt: buffer is truncated or corrupt/
		);
	});

	test('random bytes are reported as corrupt, and no worker is started for them', async ({ page }) => {
		const workerRequests = countRequests(page, isEngineWorker);
		await graphFaultCase(
			page,
			(route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: randomBytes(64 * 1024) }),
			/is corrupt: not a street graph buffer/
		);
		// Only the worker of the successful retry was loaded.
		expect(workerRequests.count).toBeLessThanOrEqual(1);
	});

	test('a 50 MB file is refused as too large, without a worker', async ({ page }) => {
		test.setTimeout(90_000);
		const body = randomBytes(50 * 2 ** 20);
		const workerRequests = countRequests(page, isEngineWorker);
		await graphFaultCase(page, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body }), /could not be loaded: larger than 32 MB/);
		expect(workerRequests.count).toBeLessThanOrEqual(1);
	});

	test('a slow file: the panel says it is loading, and the bands come when it arrives', async ({ page }) => {
		const graphRequests = countRequests(page, isGraph);
		await page.route(GRAPH, async (route) => {
			const real = await route.fetch();
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			await route.fulfill({ response: real });
		});
		await openMap(page);
		await enterLifeCircle(page);
		await expect(lifePanel(page).getByRole('status')).toContainText('Loading the walking network…');
		await expect(bandRows(page)).toHaveCount(3, { timeout: 15_000 });
		expect(graphRequests.count).toBe(1);
	});

	test('a file that never arrives: one request, the app keeps working meanwhile', async ({ page }) => {
		const graphRequests = countRequests(page, isGraph);
		// Never answered (the engine's own deadline is 20 s; this test looks at the first 8 s).
		await page.route(GRAPH, () => undefined);
		await openMap(page);
		const started = await enterLifeCircle(page);
		await expect(lifePanel(page).getByRole('status')).toContainText('Loading the walking network…');
		await waitUntil(page, started, WINDOW_MS);
		expect(graphRequests.count).toBe(1);
		expect(liveEngineWorkers(page)).toBe(0);
		await expectMeasureWorks(page);
	});

	test('leaving the tool and coming back is a new try; each try stays bounded', async ({ page }) => {
		const graphRequests = countRequests(page, isGraph);
		await page.route(GRAPH, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
		await openMap(page);
		await enterLifeCircle(page);
		await expectFinalError(page, '404 Not Found');
		await expectMeasureWorks(page);
		await page.locator('[data-mode="life-circle"]').click();
		await expectFinalError(page, '404 Not Found');
		await page.waitForTimeout(2_000);
		expect(graphRequests.count).toBe(6);
		expect(liveEngineWorkers(page)).toBe(0);
	});
});

test.describe('the walking engine (worker) fails', () => {
	test('its script is missing: named in the panel, bounded, Retry recovers', async ({ page }) => {
		const workerRequests = countRequests(page, isEngineWorker);
		await page.route(WORKER, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
		await openMap(page);
		const started = await enterLifeCircle(page);
		await expectFinalError(page, 'The walking engine could not start');
		await waitUntil(page, started, WINDOW_MS);
		expect(workerRequests.count, 'worker script requests in 8 s').toBeLessThanOrEqual(MAX_REQUESTS);
		expect(liveEngineWorkers(page)).toBe(0);
		await retryRecovers(page, WORKER);
		await expectMeasureWorks(page);
	});

	test('it throws while starting: reported, terminated, Retry recovers', async ({ page }) => {
		const workerRequests = countRequests(page, isEngineWorker);
		await page.route(WORKER, (route) =>
			route.fulfill({ status: 200, contentType: 'text/javascript', body: "throw new Error('injected: the engine failed to start');" })
		);
		await openMap(page);
		const started = await enterLifeCircle(page);
		await expectFinalError(page, /The walking engine could not start: .*injected: the engine failed to start/);
		await waitUntil(page, started, WINDOW_MS);
		expect(workerRequests.count).toBeLessThanOrEqual(MAX_REQUESTS);
		expect(liveEngineWorkers(page), 'every failed worker is terminated').toBe(0);
		await retryRecovers(page, WORKER);
	});

	test('it dies mid-session: reported, the rest keeps working, Retry starts a new one', async ({ page }) => {
		// The real worker, made to throw on its third message (init, one isochrone, then the crash).
		await page.route(WORKER, async (route) => {
			const real = await route.fetch();
			const crash =
				"let injectedCount = 0; self.addEventListener('message', (event) => { if (++injectedCount === 3) { event.stopImmediatePropagation(); throw new Error('injected crash'); } });\n";
			await route.fulfill({ status: 200, contentType: 'text/javascript', body: crash + (await real.text()) });
		});
		await openMap(page);
		await enterLifeCircle(page);
		await expect(bandRows(page)).toHaveCount(3, { timeout: 20_000 });
		const next = await projectToPage(page, [121.405, 31.21]);
		await page.mouse.click(next.x, next.y);
		await expectFinalError(page, /The walking engine stopped: .*injected crash/);
		await expect(bandRows(page)).toHaveCount(0);
		expect(liveEngineWorkers(page), 'the crashed worker is terminated').toBe(0);
		await retryRecovers(page, WORKER);
		await expectMeasureWorks(page);
	});
});

/** Every optional file the map reads from data/ (basemap layers and amenities). */
const MAP_FILES = [
	'shanghai-districts.geojson',
	'changning.geojson',
	'changning-mask.geojson',
	'district-labels.geojson',
	'water.geojson',
	'green.geojson',
	'streets.geojson',
	'elevated.geojson',
	'metro-lines.geojson',
	'metro-stations.geojson',
	'amenities.geojson'
];

test.describe('an optional map layer is missing or garbage', () => {
	MAP_FILES.forEach((file, i) => {
		const fault = i % 2 === 0 ? 'missing' : 'garbage';
		test(`${file} ${fault}: the map still draws, a quiet notice names it`, async ({ page }) => {
			await page.route(`**/data/${file}`, (route) =>
				fault === 'missing'
					? route.fulfill({ status: 404, body: 'Not Found' })
					: route.fulfill({ status: 200, contentType: 'application/geo+json', body: randomBytes(4096) })
			);
			await openMap(page);
			await expect(dataNotices(page).locator(`li[data-file="data/${file}"]`)).toBeVisible({ timeout: 10_000 });
			if (fault === 'missing') await expect(dataNotices(page)).toContainText('404');
			await expect(page.locator('[data-status="error"]')).toHaveCount(0);
			await expectMeasureWorks(page);
		});
	});

	test('every optional layer at once: still a map, and the life circle still walks', async ({ page }) => {
		for (const file of MAP_FILES) await page.route(`**/data/${file}`, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
		await openMap(page);
		await expect(dataNotices(page).locator('li')).toHaveCount(MAP_FILES.length, { timeout: 10_000 });
		await enterLifeCircle(page);
		await expect(bandRows(page)).toHaveCount(3, { timeout: 20_000 });
		await page.getByRole('button', { name: 'Dismiss data notices' }).click();
		await expect(dataNotices(page)).toHaveCount(0);
	});
});

test.describe('the app’s own files', () => {
	test('fonts/font-faces.json missing: the map draws with the browser’s fonts and says so', async ({ page }) => {
		await page.route('**/fonts/font-faces.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
		await openMap(page);
		await expect(dataNotices(page).locator('li[data-file="fonts/font-faces.json"]')).toContainText('browser’s fonts');
		await expect(page.locator('#sidebar li button').first()).toBeVisible();
		await expectMeasureWorks(page);
	});

	test('data/places.json missing: the app cannot start and says why', async ({ page }) => {
		await page.route('**/data/places.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
		await page.goto('/');
		const banner = page.locator('[data-status="error"]');
		await expect(banner).toContainText('The atlas cannot start: data/places.json: 404 Not Found', { timeout: 15_000 });
		await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
		await page.unroute('**/data/places.json');
		await banner.getByRole('button', { name: 'Reload' }).click();
		await page.locator('.map[data-idle="true"]').waitFor({ timeout: 45_000 });
	});

	test('data/manifest.json garbage: the map, the places and the life circle still work', async ({ page }) => {
		await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: randomBytes(2048) }));
		await openMap(page);
		await expect(page.locator('#sidebar li button').first()).toBeVisible();
		await enterLifeCircle(page);
		await expect(bandRows(page)).toHaveCount(3, { timeout: 20_000 });
		await expect(dataNotices(page).locator('li[data-file="data/manifest.json"]')).toContainText('not valid JSON');
	});
});
