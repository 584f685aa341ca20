// Browser benchmark: how many life-circle updates per second a drag of the origin gets, and the
// time to the map's first `idle`. Needs the built site: `npm run build && npm run bench:browser`.
// Prints figures only; no test asserts them.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { chromium } from 'playwright-core';

const PORT = 4174;
// vite's own entry, not npx: killing npx would leave the server running as an orphan.
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'], {
	stdio: 'ignore'
});
const stop = () => server.kill();
process.on('exit', stop);

async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://localhost:${PORT}/`)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('preview server did not start');
}

try {
	await waitForServer();
} catch (error) {
	stop();
	throw error;
}
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(`http://localhost:${PORT}/`);
await page.locator('.map[data-idle="true"]').waitFor({ timeout: 90_000 });
const idleMs = await page.evaluate(() => window.__atlas.firstIdleMs);
await page.locator('[data-mode="life-circle"]').click();
await page.getByRole('button', { name: 'Start at map centre' }).click();
await page.locator('[data-testid="band-areas"]').waitFor();
const marker = await page.locator('.origin-marker').boundingBox();
const count = () => page.getByTestId('life-circle-panel').getAttribute('data-results').then(Number);

const x0 = marker.x + marker.width / 2;
const y0 = marker.y + marker.height / 2;
await page.mouse.move(x0, y0);
await page.mouse.down();
const before = await count();
const started = performance.now();
const STEPS = Number(process.env.STEPS ?? 30);
for (let i = 1; i <= STEPS; i++) {
	await page.mouse.move(x0 + 250 * Math.sin((i / STEPS) * Math.PI * 2), y0 + 120 * Math.sin((i / STEPS) * Math.PI * 4));
}
await page.mouse.up();
const seconds = (performance.now() - started) / 1000;
await page.waitForTimeout(500);
const updates = (await count()) - before;
const roundTrip = Number(await page.getByTestId('life-circle-panel').getAttribute('data-round-trip-ms'));
const workerMs = Number(await page.getByTestId('band-areas').getAttribute('data-worker-ms'));
console.log(`# browser benchmark · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.cpus().length} cores · headless Chromium, software WebGL`);
console.log(`map_first_idle_ms=${idleMs.toFixed(0)}`);
console.log(`drag: ${STEPS} pointer moves in ${seconds.toFixed(2)} s → ${updates} isochrones painted`);
console.log(`last update: computed in the worker in ${workerMs.toFixed(1)} ms (→ ${(1000 / workerMs).toFixed(0)} isochrones/s); round trip incl. waiting for the busy main thread ${roundTrip.toFixed(0)} ms`);
console.log('(painting is the limit here: headless Chromium draws WebGL in software, ~0.2–0.35 s a frame)');
console.log(`drag_updates_per_second=${(updates / seconds).toFixed(1)}`);
await browser.close();
stop();
