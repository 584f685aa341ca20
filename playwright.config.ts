import { defineConfig } from '@playwright/test';

/**
 * Browser tests run Debian's Chromium (a test tool's own browser download cannot work here)
 * against the built static site served by `vite preview`. `npm run test:e2e` picks a free port and
 * passes it as E2E_PORT, so the tests run beside an app already started with `npm start` (4173).
 */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	// Browser tests: tests/e2e (features) and tests/faults (the fault suite's browser cases).
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	outputDir: 'tests/artifacts/results',
	timeout: 60_000,
	expect: { timeout: 15_000 },
	fullyParallel: false,
	workers: 1,
	// One retry in CI absorbs a slow software-WebGL frame on a loaded machine; locally a failure shows at once.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		viewport: { width: 1400, height: 900 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `npx vite preview --port ${port} --strictPort`,
		url: `http://localhost:${port}`,
		// A server on a port we picked as free is never someone else's app: reuse only on the fixed default.
		reuseExistingServer: !process.env.CI && !process.env.E2E_PORT,
		timeout: 60_000
	}
});
