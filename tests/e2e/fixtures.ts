/**
 * Every browser test runs with two guards: any request that leaves localhost fails the test
 * (the app must work offline), and so does any uncaught page error.
 */
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface Guards {
	offsiteRequests: string[];
	pageErrors: string[];
	consoleErrors: string[];
}

export const test = base.extend<{ guards: Guards }>({
	guards: [
		async ({ page }, use) => {
			const guards: Guards = { offsiteRequests: [], pageErrors: [], consoleErrors: [] };
			await page.route('**/*', (route) => {
				const url = new URL(route.request().url());
				const local = url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname);
				if (local) return route.continue();
				guards.offsiteRequests.push(url.href);
				return route.abort('blockedbyclient');
			});
			page.on('pageerror', (error) => guards.pageErrors.push(error.message));
			page.on('console', (msg) => {
				if (msg.type() === 'error') guards.consoleErrors.push(msg.text());
			});
			await use(guards);
			expect(guards.offsiteRequests, 'requests that left localhost').toEqual([]);
			expect(guards.pageErrors, 'uncaught page errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/** Open the app and wait until the map has drawn everything once (its first `idle`). */
export async function openMap(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await page.locator('.map[data-idle="true"]').waitFor({ timeout: 45_000 });
}

/** Wait until the map has drawn everything for its current camera (before a screenshot). */
export async function waitForMapIdle(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const map = (window as unknown as { __atlas: { map: import('maplibre-gl').Map } }).__atlas.map;
				map.once('idle', () => resolve());
				map.triggerRepaint();
			})
	);
}

/** Screen position of a lon/lat on the map canvas, in page coordinates. */
export async function projectToPage(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
	return page.evaluate((ll) => {
		const atlas = (window as unknown as { __atlas: { map: { project(l: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } } }).__atlas;
		const p = atlas.map.project(ll);
		const rect = atlas.map.getCanvas().getBoundingClientRect();
		return { x: rect.left + p.x, y: rect.top + p.y };
	}, lngLat);
}
