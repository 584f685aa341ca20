// Runs the browser tests with Debian's Chromium; fails early with a clear message if it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
	console.error(`Browser tests need Chromium at ${chromium}: apt-get install -y chromium fonts-noto-cjk`);
	process.exit(1);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
