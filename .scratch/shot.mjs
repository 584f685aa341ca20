// usage: node .scratch/shot.mjs <url-hash-or-path> <out.png> [w h] [evalJS]
import { chromium } from 'playwright-core';
const [,, path = '/', out = '/tmp/shot.png', w = '1400', h = '900', js = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text()); });
await page.goto('http://localhost:' + (process.env.PORT ?? '4180') + '' + path);
await page.waitForFunction(() => window.__atlas?.map?.loaded?.(), null, { timeout: 30000 }).catch(() => console.log('map not loaded'));
if (js) { await page.evaluate(js); }
await page.waitForTimeout(2500);
await page.screenshot({ path: out });
await browser.close();
console.log('ok', out);
