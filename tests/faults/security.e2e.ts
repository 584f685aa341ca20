/**
 * No data string ever becomes HTML, and the Content Security Policy stays strict.
 *
 * The data files are served poisoned (page.route over data/places.json and data/amenities.geojson):
 * names, summaries, addresses and source titles carry markup, and `located_by[].url` carries
 * `javascript:` / `data:` URLs. Every place a name is shown is visited; each must show the text
 * literally, create no element from it, fire no dialog and trip no CSP violation.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { FeatureCollection } from 'geojson';
import svelteConfig from '../../svelte.config.js';
import { test, expect, openMap, waitForMapIdle } from '../e2e/fixtures';

// Each payload sets a flag and calls alert() if it ever runs, so either check catches it.
const IMG = '<img src=x onerror="window.__xss=1;alert(1)">';
const SCRIPT = '<script>window.__xss=2;alert(2)</script>';
const SVG = '"><svg onload="window.__xss=3;alert(3)">';
const TEMPLATE = '{@html "<b>4</b>"} ${alert(4)} {{constructor.constructor("alert(4)")()}}';

const POISONED_PLACE = 'shanghai-arch';
const POISONED_NAME_EN = `${IMG} Arch`;
const POISONED_NAME_ZH = `${SVG}拱门`;
const SAFE_URL = 'https://example.org/source?q="><svg onload=alert(5)>';

type Atlas = { __atlas: { map: import('maplibre-gl').Map } };

interface Watch {
	dialogs: string[];
}

/** Serve poisoned copies of the two data files, record dialogs and CSP violations. */
async function poison(page: Page): Promise<Watch> {
	const watch: Watch = { dialogs: [] };
	page.on('dialog', (dialog) => {
		watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
		void dialog.dismiss();
	});
	await page.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
	});
	await page.route('**/data/places.json', async (route) => {
		const json = (await (await route.fetch()).json()) as FeatureCollection;
		for (const feature of json.features) {
			const p = feature.properties as Record<string, unknown> & { id: string };
			if (p.id === POISONED_PLACE) {
				p.name = { en: POISONED_NAME_EN, zh: POISONED_NAME_ZH };
				p.summary = { en: `${SCRIPT} ${TEMPLATE}`, zh: `${SCRIPT}摘要` };
				p.address = { en: SVG, zh: IMG };
				p.accuracy = { level: 'approximate', metres: 100, note: { en: IMG, zh: SVG } };
				p.located_by = [
					{ title: `${IMG} javascript source`, url: 'javascript:window.__xss=6;alert(6)', says: { en: SCRIPT, zh: SCRIPT } },
					{ title: 'MiXeD case', url: 'JaVaScRiPt:alert(7)', says: { en: 'x', zh: 'x' } },
					{ title: 'data source', url: 'data:text/html,<script>alert(8)</script>', says: { en: 'x', zh: 'x' } },
					{ title: 'vbscript source', url: 'vbscript:msgbox(9)', says: { en: 'x', zh: 'x' } },
					{ title: `${SVG} https source`, url: SAFE_URL, says: { en: TEMPLATE, zh: TEMPLATE } }
				];
			} else if (p.id === 'silicon-alley') {
				p.name = { en: `${SCRIPT} Alley`, zh: `${TEMPLATE}硅巷` };
			}
		}
		await route.fulfill({ json });
	});
	await page.route('**/data/amenities.geojson', async (route) => {
		const json = (await (await route.fetch()).json()) as FeatureCollection;
		for (const feature of json.features) {
			const p = feature.properties as Record<string, string>;
			p.name_zh = `${IMG}${p.name_zh}`;
			if (p.name_en) p.name_en = `${SVG} ${p.name_en}`;
			if (p.address) p.address = `${SCRIPT}${p.address}`;
		}
		await route.fulfill({ json, contentType: 'application/geo+json' });
	});
	return watch;
}

/** Anything in the page that came from markup in the data, or a sign that a payload ran. */
async function injected(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		for (const el of document.querySelectorAll('*')) {
			for (const attr of el.attributes) if (/^on/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}>`);
		}
		const dangerous = 'img[src="x"], svg[onload], a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i], iframe, object, embed';
		for (const el of document.querySelectorAll(dangerous)) found.push(el.outerHTML.slice(0, 80));
		for (const b of document.querySelectorAll('b')) if (b.textContent === '4') found.push('<b>4</b> from {@html}');
		for (const s of document.querySelectorAll('script')) if (s.textContent?.includes('alert(')) found.push(`script: ${s.textContent.slice(0, 60)}`);
		const w = window as unknown as { __xss?: number; __csp: string[] };
		if (w.__xss) found.push(`payload ${w.__xss} ran`);
		for (const v of w.__csp) found.push(`CSP violation: ${v}`);
		return found;
	});
}

async function expectClean(page: Page, watch: Watch, where: string): Promise<void> {
	expect(await injected(page), `elements or effects from markup: ${where}`).toEqual([]);
	expect(watch.dialogs, `dialogs: ${where}`).toEqual([]);
}

test('names with markup show as text in the list, search, details, sources, map labels and exports', async ({ page }) => {
	const watch = await poison(page);
	await openMap(page);
	await expectClean(page, watch, 'start');

	// The place list.
	const list = page.locator('section.places');
	await expect(list.getByRole('button', { name: POISONED_NAME_EN })).toHaveCount(1);
	await expect(list.locator('li button', { hasText: `${SCRIPT} Alley` })).toHaveCount(1);

	// Search: markup typed as a query finds the place by its literal name, and the "no match"
	// message repeats a query with markup as text.
	const search = page.getByRole('searchbox');
	await search.fill('<img src=x');
	await expect(list.locator('li button')).toHaveCount(1);
	await expect(list.locator('li button')).toContainText(POISONED_NAME_EN);
	await search.fill('"><svg');
	await expect(list.locator('li button')).toHaveCount(1);
	await search.fill(`${SCRIPT}nothing`);
	await expect(list.locator('.empty')).toContainText(`${SCRIPT}nothing`);
	await expectClean(page, watch, 'search');
	await search.fill('');

	// The details panel: heading, other-language name, summary, accuracy note, address.
	await list.getByRole('button', { name: POISONED_NAME_EN }).click();
	const details = page.locator('aside.details');
	await expect(details.locator('h2')).toHaveText(POISONED_NAME_EN);
	await expect(details.locator('.zh-name')).toHaveText(POISONED_NAME_ZH);
	await expect(details.locator('.summary')).toHaveText(`${SCRIPT} ${TEMPLATE}`);
	await expect(details.locator('.accuracy')).toContainText(IMG);
	await expect(details.locator('.address')).toContainText(SVG);

	// "Where this comes from": only the http(s) source is a link; the others are plain text.
	const sources = details.locator('.located-by li');
	await expect(sources).toHaveCount(5);
	const links = details.locator('.located-by a');
	await expect(links).toHaveCount(1);
	await expect(links).toHaveText(`${SVG} https source`);
	expect(await links.getAttribute('href')).toBe(new URL(SAFE_URL).href);
	await expect(links).toHaveAttribute('rel', /noopener/);
	await expect(sources.nth(0).locator('.title')).toHaveText(`${IMG} javascript source`);
	await expect(sources.nth(0)).toContainText(SCRIPT);
	for (const i of [1, 2, 3]) await expect(sources.nth(i).locator('a')).toHaveCount(0);
	await expectClean(page, watch, 'details');

	// Map labels: the name reaches the map as a feature property of the label layer's source, which
	// MapLibre draws as glyphs on the canvas (its text-field reads it with ["get", …]); no popup or
	// other HTML overlay shows names.
	await waitForMapIdle(page);
	const onMap = await page.evaluate((id) => {
		const map = (window as unknown as Atlas).__atlas.map;
		const layer = map.getStyle().layers.find((l) => l.id === 'place-hongqiao-label');
		const names = map.querySourceFeatures('places-hongqiao').filter((f) => f.properties?.id === id).map((f) => [f.properties?.name_en, f.properties?.name_zh]);
		return { field: JSON.stringify(layer?.type === 'symbol' ? layer.layout?.['text-field'] : null), names };
	}, POISONED_PLACE);
	expect(onMap.field).toContain('["get","name_en"]');
	expect(onMap.names[0]).toEqual([POISONED_NAME_EN, POISONED_NAME_ZH]);
	await expect(page.locator('.maplibregl-popup')).toHaveCount(0);

	// Exports: the place's GeoJSON carries the name as a JSON string, byte for byte.
	await page.getByTestId('share-menu-button').click();
	const [geojson] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="place"]').click()]);
	const exported = JSON.parse(readFileSync((await geojson.path())!, 'utf8')) as FeatureCollection;
	expect(exported.features[0].properties).toMatchObject({ name_en: POISONED_NAME_EN, name_zh: POISONED_NAME_ZH, address_en: SVG });
	// The PNG's caption is the app's name, the date and the attributions: no data string reaches it.
	const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="png"]').click()]);
	expect(readFileSync((await png.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	await expectClean(page, watch, 'exports');

	// Chinese: the other name is now the heading.
	await page.locator('.topbar .lang').click();
	await expect(details.locator('h2')).toHaveText(POISONED_NAME_ZH);
	await expect(details.locator('.zh-name')).toHaveText(POISONED_NAME_EN);
	await expect(list.locator('li button', { hasText: `${TEMPLATE}硅巷` })).toHaveCount(1);
	await expectClean(page, watch, 'Chinese');
});

test('amenity names with markup show as text in the checklist and the amenity details', async ({ page }) => {
	const watch = await poison(page);
	await openMap(page);
	await page.evaluate(() => (window as unknown as Atlas).__atlas.map.jumpTo({ center: [121.418, 31.212], zoom: 14 }));
	await page.locator('[data-mode="life-circle"]').click();
	await page.getByRole('button', { name: 'Start at map centre' }).click();
	const nearest = page.getByTestId('nearest');
	await expect(nearest.first()).toBeVisible();
	// Every amenity's Chinese name starts with the <img> payload; AMap points have no English name,
	// so the English checklist shows the Chinese one.
	const texts = await nearest.allInnerTexts();
	expect(texts.length).toBeGreaterThan(3);
	for (const text of texts) expect(text).toMatch(/<img src=x onerror=|"><svg onload=/);
	await expectClean(page, watch, 'checklist');

	const poi = nearest.filter({ hasText: IMG }).first();
	await poi.click();
	const card = page.getByTestId('amenity-details').first();
	await expect(card.locator('h2')).toContainText(IMG);
	await expect(card).toContainText(SCRIPT);
	await expectClean(page, watch, 'amenity details');

	await page.locator('.topbar .lang').click();
	await expect(nearest.first()).toContainText(IMG);
	await expectClean(page, watch, 'checklist in Chinese');
});

test('permalinks with markup in every parameter are ignored with a notice, never rendered', async ({ page }) => {
	const watch = await poison(page);
	const evil = [IMG, SVG, SCRIPT, 'javascript:alert(1)'];
	for (const value of evil) {
		const q = encodeURIComponent(value);
		await openMap(page, `/?place=${q}&tool=${q}&lang=${q}&hide=${q}&bands=${q}&preset=${q}`);
		await expect(page.getByTestId('notices')).toContainText('place');
		await expectClean(page, watch, `?place=${value}`);
		// The link was rewritten to a clean one: nothing of the payload stays in the address bar.
		await expect.poll(() => decodeURIComponent(page.url())).not.toContain(value);
	}
	// A real place named with markup, chosen by its (clean) id.
	await openMap(page, `/?place=${POISONED_PLACE}`);
	await expect(page.locator('aside.details h2')).toHaveText(POISONED_NAME_EN);
	await expectClean(page, watch, '?place=<poisoned place>');
});

/** The CSP's directives as a map, from a `content` string. */
function parseCsp(content: string): Map<string, string[]> {
	return new Map(
		content
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name.toLowerCase(), values])
	);
}

test('the built page carries a strict CSP: hashed scripts only, no remote origins but the opt-in basemap tiles', async ({ page, request }) => {
	// What the config asks for…
	const directives = svelteConfig.kit?.csp?.directives ?? {};
	expect(svelteConfig.kit?.csp?.mode).toBe('hash');
	expect(directives['script-src']).toEqual(['self']);
	expect(directives['default-src']).toEqual(['self']);
	expect(directives['object-src']).toEqual(['none']);

	// …and what the built index.html says.
	const html = await (await request.get('/')).text();
	const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
	expect(meta, 'a CSP <meta> in index.html').not.toBeNull();
	const csp = parseCsp(meta![1]);
	const scriptSrc = csp.get('script-src') ?? [];
	expect(scriptSrc).not.toContain("'unsafe-inline'");
	expect(scriptSrc).not.toContain("'unsafe-eval'");
	expect(scriptSrc.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"]);
	expect(csp.get('default-src')).toEqual(["'self'"]);
	expect(csp.get('object-src')).toEqual(["'none'"]);
	expect(csp.get('base-uri')).toEqual(["'self'"]);
	// No remote origin but the online basemaps' tile hosts, for images and their fetches only (a user
	// opts in; nothing is requested before: tests/e2e/basemap.e2e.ts). Only keywords otherwise, and the
	// data:/blob: schemes for images. tests/unit/basemap.test.ts holds the hosts to the basemap catalog.
	const tileHost = /^https:\/\/(tile\.openstreetmap\.org|webrd0[1-4]\.is\.autonavi\.com)$/;
	for (const [name, values] of csp) {
		for (const value of values) {
			const allowed =
				value.startsWith("'") ||
				(name === 'img-src' && (value === 'data:' || value === 'blob:')) ||
				((name === 'img-src' || name === 'connect-src') && tileHost.test(value));
			expect(allowed, `${name} ${value}`).toBe(true);
		}
	}
	// Every inline script is allowed by its hash, and every hash belongs to an inline script.
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
	const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
	expect(hashes.length).toBeGreaterThan(0);
	expect(scriptSrc.filter((s) => s.startsWith("'sha256-")).sort()).toEqual([...hashes].sort());

	// The browser enforces it: markup put into the page by any other route cannot run script.
	await page.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.violatedDirective));
	});
	await openMap(page);
	const probe = await page.evaluate(async () => {
		const w = window as unknown as { __probe?: number; __csp: string[] };
		const div = document.createElement('div');
		div.innerHTML = '<img src="data:," onerror="window.__probe=1">';
		document.body.append(div);
		const s = document.createElement('script');
		s.textContent = 'window.__probe = 2';
		document.body.append(s);
		await new Promise((r) => setTimeout(r, 300));
		div.remove();
		s.remove();
		return { ran: w.__probe ?? 0, violations: w.__csp };
	});
	expect(probe.ran).toBe(0);
	expect(probe.violations.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(2);
});
