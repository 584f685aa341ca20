/**
 * The dependency check's pure parts, and its offline half run against the real lockfile: this is
 * how `npm test` checks dependencies without a network (the registry half is `npm run check:deps`).
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	checkKnownBad,
	checkSources,
	compareVersions,
	offlineChecks,
	parseKnownBad,
	parseLockfile,
	parseVersion,
	readView,
	satisfies,
	type LockEntry
} from '../../scripts/check-deps';

const lockfile = {
	name: 'demo',
	lockfileVersion: 3,
	requires: true,
	packages: {
		'': { name: 'demo', dependencies: { a: '^1.0.0' }, devDependencies: { '@scope/b': '~2.0' } },
		'node_modules/a': { version: '1.2.3', integrity: 'sha512-x' },
		'node_modules/@scope/b': { version: '2.0.1', integrity: 'sha512-y', dev: true },
		'node_modules/@scope/b/node_modules/a': { version: '0.9.0', integrity: 'sha512-z', dev: true },
		'node_modules/linked': { link: true, resolved: 'packages/linked' },
		'packages/linked': { name: 'linked', version: '0.0.1' }
	}
};

describe('parseLockfile', () => {
	test('reads nested and scoped packages, skips links and workspace folders', () => {
		const { entries } = parseLockfile(lockfile);
		expect(entries.map((e) => `${e.name}@${e.version}${e.dev ? ' dev' : ''}`)).toEqual(['a@1.2.3', '@scope/b@2.0.1 dev', 'a@0.9.0 dev']);
		expect(entries[2].path).toBe('node_modules/@scope/b/node_modules/a');
	});

	test('direct dependencies carry the version installed at the top, not a nested copy', () => {
		expect(parseLockfile(lockfile).direct).toEqual([
			{ name: 'a', version: '1.2.3', dev: false },
			{ name: '@scope/b', version: '2.0.1', dev: true }
		]);
	});

	test('a v1 lockfile, a missing root and a missing direct dependency fail with a clear message', () => {
		expect(() => parseLockfile({ lockfileVersion: 1, dependencies: {} })).toThrow(/lockfileVersion 1; need 2 or 3/);
		expect(() => parseLockfile({ lockfileVersion: 3, packages: {} })).toThrow(/no root package/);
		const missing = { lockfileVersion: 3, packages: { '': { dependencies: { gone: '1' } } } };
		expect(() => parseLockfile(missing)).toThrow(/direct dependency gone is not in the lockfile/);
	});
});

describe('version ranges', () => {
	test('parseVersion reads releases and pre-releases, and nothing else', () => {
		expect(parseVersion('1.4.44-liberty-2')).toEqual([1, 4, 44, 'liberty-2']);
		expect(parseVersion('v2.0.0+build.7')).toEqual([2, 0, 0, '']);
		expect(parseVersion('1.2')).toBeNull();
		expect(parseVersion('latest')).toBeNull();
	});

	test('compareVersions follows semver precedence', () => {
		const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
		for (let i = 1; i < order.length; i++) {
			expect(compareVersions(parseVersion(order[i - 1])!, parseVersion(order[i])!), `${order[i - 1]} < ${order[i]}`).toBeLessThan(0);
		}
		expect(compareVersions(parseVersion('3.1.0')!, parseVersion('3.1.0')!)).toBe(0);
	});

	test.each([
		['1.4.1', '1.4.1 || 1.4.2', true],
		['1.4.3', '1.4.1 || 1.4.2', false],
		['1.4.44-liberty-2', '1.4.44-liberty-2', true],
		['10.1.2', '>=10.1.1 <10.1.3', true],
		['10.1.3', '>=10.1.1 <10.1.3', false],
		['10.1.0', '>=10.1.1 <10.1.3', false],
		['0.0.1', '*', true],
		['4.4.2', '=4.4.2', true],
		['4.4.3', '<=4.4.2', false],
		['5.0.0-rc.1', '<5.0.0', true],
		['5.0.0', '>4.9.9', true]
	])('%s in "%s" is %s', (version, range, expected) => {
		expect(satisfies(version, range)).toBe(expected);
	});

	test('a range it cannot read throws instead of silently matching nothing', () => {
		expect(() => satisfies('1.0.0', '^1.0.0')).toThrow(/cannot read "\^1.0.0"/);
		expect(() => satisfies('1.0.0', '1.0.0 ||')).toThrow(/empty alternative/);
		expect(() => satisfies('banana', '1.0.0')).toThrow(/not a version/);
	});
});

describe('readView', () => {
	test('reads the deprecation notice and hash of a full registry document', () => {
		const doc = { name: 'x', version: '1.0.0', deprecated: 'use y', dist: { integrity: 'sha512-a' }, maintainers: [], _npmUser: {} };
		expect(readView(JSON.stringify(doc))).toEqual({ deprecated: 'use y', integrity: 'sha512-a', trimmed: false });
	});

	test('a mirror document without maintainers or _npmUser is trimmed: its silence on deprecation proves nothing', () => {
		expect(readView(JSON.stringify({ name: 'x', version: '1.0.0', dist: { integrity: 'sha512-a' } }))).toEqual({ deprecated: null, integrity: 'sha512-a', trimmed: true });
		expect(readView('')).toEqual({ deprecated: null, integrity: null, trimmed: true });
	});

	test('several matching versions: the last one', () => {
		expect(readView(JSON.stringify([{ dist: { integrity: 'sha512-old' } }, { dist: { integrity: 'sha512-new' }, maintainers: [] }])).integrity).toBe('sha512-new');
	});
});

describe('offline checks', () => {
	const entry = (name: string, version: string, extra: Partial<LockEntry> = {}): LockEntry => ({
		name,
		version,
		path: `node_modules/${name}`,
		integrity: 'sha512-abc',
		dev: false,
		...extra
	});

	test('a hijacked release anywhere in the tree is found; its neighbours are not', () => {
		const list = parseKnownBad({ entries: [{ package: 'debug', range: '4.4.2', why: 'wallet hijacker' }] });
		const findings = checkKnownBad([entry('debug', '4.4.1'), entry('debug', '4.4.2', { path: 'node_modules/x/node_modules/debug' }), entry('chalk', '4.4.2')], list);
		expect(findings).toHaveLength(1);
		expect(findings[0].message).toContain('node_modules/x/node_modules/debug: debug@4.4.2');
	});

	test('git, http and tarball-URL sources and missing or weak hashes are reported', () => {
		const findings = checkSources([
			entry('ok', '1.0.0'),
			entry('ok-resolved', '1.0.0', { resolved: 'https://registry.npmjs.org/ok-resolved/-/ok-resolved-1.0.0.tgz' }),
			entry('from-git', '1.0.0', { resolved: 'git+ssh://git@github.com/x/y.git#abc' }),
			entry('plain-http', '1.0.0', { resolved: 'http://registry.npmjs.org/p/-/p-1.0.0.tgz' }),
			entry('no-hash', '1.0.0', { integrity: undefined }),
			entry('sha1', '1.0.0', { integrity: 'sha1-abc' })
		]);
		expect(findings.map((f) => f.package)).toEqual(['from-git', 'plain-http', 'no-hash', 'sha1']);
	});

	test('the known-bad list rejects an entry without a reason or with an unreadable range', () => {
		expect(() => parseKnownBad({ entries: [{ package: 'x', range: '1.0.0' }] })).toThrow(/entries\[0\]/);
		expect(() => parseKnownBad({ entries: [{ package: 'x', range: '^1', why: 'y' }] })).toThrow(/cannot read/);
		expect(() => parseKnownBad([])).toThrow(/expected \{ "entries"/);
	});

	test("this repository's lockfile has no known-bad release and only registry sources", () => {
		const { lock, list, findings } = offlineChecks(join(import.meta.dirname, '..', '..'));
		expect(lock.entries.length).toBeGreaterThan(100);
		expect(lock.direct.map((d) => d.name)).toContain('maplibre-gl');
		expect(list.length).toBeGreaterThan(10);
		expect(findings.map((f) => f.message)).toEqual([]);
	});
});
