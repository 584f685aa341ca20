// Runs the browser tests with Debian's Chromium (a test tool's own browser download cannot work
// here). On a fresh Debian machine, as root, it installs Chromium and CJK fonts first, so the
// README's test command works there as it is; otherwise it says what to install.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args) {
	return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

if (!existsSync(chromium)) {
	const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH;
	if (canInstall) {
		console.log('test:e2e: installing Debian chromium and fonts-noto-cjk (apt-get)…');
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const ok =
			spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
			spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env }).status === 0;
		if (!ok || !existsSync(chromium)) {
			console.error('test:e2e: apt-get could not install chromium; install it and run again.');
			process.exit(1);
		}
	} else {
		console.error(`Browser tests need Chromium at ${chromium}: apt-get install -y chromium fonts-noto-cjk`);
		process.exit(1);
	}
}

/** A port nobody listens on now (the OS picks it), so `npm start` on 4173 can keep running. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

process.env.E2E_PORT ??= String(await freePort());
console.log(`test:e2e: serving the build on port ${process.env.E2E_PORT}`);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]) ? 0 : 1);
