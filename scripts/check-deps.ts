/**
 * Dependency check for machines where `npm audit` cannot reach the registry's audit service.
 *
 *   npm run check:deps                 offline checks, then the registry check
 *   npm run check:deps -- --offline    offline checks only
 *
 * Offline (always runs, needs only package-lock.json):
 *   1. every lockfile entry against scripts/known-bad-versions.json, a hand-kept list of
 *      package@range entries known to be malicious or hijacked (a floor, not a replacement for audit);
 *   2. every entry comes from https://registry.npmjs.org (or leaves "resolved" out, which npm
 *      does for registry tarballs) and has a sha512 integrity hash: no git, tarball-URL, http or
 *      file dependencies slipping in.
 * Online (skipped with a message when the registry is unreachable):
 *   3. `npm view <pkg>@<version>` for each direct dependency and devDependency, as locked: its
 *      deprecation notice (where maintainers announce a compromised or broken release) and whether
 *      the registry's tarball hash is the lockfile's. A mirror that serves trimmed metadata (and may
 *      strip deprecation notices) is reported as such instead of silently passing everything.
 *
 * Exit code 1 when any check finds something, 0 otherwise (an unreachable registry is not a failure:
 * it is said, and the offline checks stand). The pure parts are exported and unit-tested
 * (tests/faults/deps.test.ts); the offline part also runs in `npm test` through that file.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One installed package as package-lock.json (v2/v3) records it. */
export interface LockEntry {
	name: string;
	version: string;
	/** Where it sits, e.g. "node_modules/a/node_modules/b". */
	path: string;
	resolved?: string;
	integrity?: string;
	dev: boolean;
}

export interface Lockfile {
	entries: LockEntry[];
	/** Direct dependencies and devDependencies of the root package, with the version installed at the top. */
	direct: { name: string; version: string; dev: boolean }[];
}

/** One line of scripts/known-bad-versions.json. */
export interface KnownBad {
	package: string;
	/** A version range: exact versions, comparators (<, <=, >, >=, =), spaces for "and", "||" for "or", "*". */
	range: string;
	why: string;
	ref?: string;
}

export interface Finding {
	check: 'known-bad' | 'source' | 'registry';
	package: string;
	version: string;
	message: string;
}

/**
 * Read package-lock.json (lockfileVersion 2 or 3: the flat `packages` map).
 *
 * @param {unknown} json the parsed lockfile
 * @returns {Lockfile} every installed package, and the root's direct dependencies
 * @throws {Error} for a v1 lockfile or one without a root package entry
 * @example
 * parseLockfile(JSON.parse(readFileSync('package-lock.json', 'utf8'))).direct.length; // 35
 */
export function parseLockfile(json: unknown): Lockfile {
	const lock = json as { lockfileVersion?: number; packages?: Record<string, Record<string, unknown>> };
	if (!lock || typeof lock !== 'object') throw new Error('package-lock.json is not a JSON object');
	if (!lock.packages || typeof lock.packages !== 'object') {
		throw new Error(`package-lock.json has no "packages" map (lockfileVersion ${lock.lockfileVersion ?? '?'}; need 2 or 3: run npm install with npm 7 or later)`);
	}
	const root = lock.packages[''];
	if (!root) throw new Error('package-lock.json has no root package entry ("")');
	const entries: LockEntry[] = [];
	for (const [path, info] of Object.entries(lock.packages)) {
		if (path === '' || info.link === true) continue;
		const at = path.lastIndexOf('node_modules/');
		if (at < 0) continue; // a workspace folder, not an installed package
		const name = typeof info.name === 'string' ? info.name : path.slice(at + 'node_modules/'.length);
		if (typeof info.version !== 'string') throw new Error(`package-lock.json: ${path} has no version`);
		entries.push({
			name,
			version: info.version,
			path,
			resolved: typeof info.resolved === 'string' ? info.resolved : undefined,
			integrity: typeof info.integrity === 'string' ? info.integrity : undefined,
			dev: info.dev === true
		});
	}
	const byPath = new Map(entries.map((e) => [e.path, e]));
	const direct: Lockfile['direct'] = [];
	for (const [field, dev] of [
		['dependencies', false],
		['devDependencies', true]
	] as const) {
		for (const name of Object.keys((root[field] as Record<string, string> | undefined) ?? {})) {
			const installed = byPath.get(`node_modules/${name}`);
			if (!installed) throw new Error(`package-lock.json: direct dependency ${name} is not in the lockfile (run npm install)`);
			direct.push({ name, version: installed.version, dev });
		}
	}
	return { entries, direct };
}

type Version = [number, number, number, string];

/** "1.2.3", "v1.2.3-beta.1" → [1, 2, 3, "beta.1"]; null when it is not a version. */
export function parseVersion(text: string): Version | null {
	const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
	return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''] : null;
}

/** Semver order: numbers first, then a pre-release sorts before the release. */
export function compareVersions(a: Version, b: Version): number {
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
	if (a[3] === b[3]) return 0;
	if (a[3] === '') return 1;
	if (b[3] === '') return -1;
	const pa = a[3].split('.');
	const pb = b[3].split('.');
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		if (pa[i] === undefined) return -1;
		if (pb[i] === undefined) return 1;
		const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN;
		const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN;
		if (!Number.isNaN(na) && !Number.isNaN(nb)) {
			if (na !== nb) return na - nb;
		} else if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
	}
	return 0;
}

/**
 * Whether a version lies in a range. Deliberately small: the known-bad list only needs exact
 * versions, comparators (`<`, `<=`, `>`, `>=`, `=`), space-separated "and", `||` "or" and `*`.
 * (No `^`, `~` or x-ranges: a list of bad releases should name them, not guess at them.)
 *
 * @param {string} version e.g. "4.4.2"
 * @param {string} range e.g. "4.4.2 || >=5.0.0 <5.0.3"
 * @returns {boolean}
 * @throws {Error} for a range or version it cannot read, rather than a silent "no match"
 * @example
 * satisfies('1.4.1', '1.4.1 || 1.4.2'); // true
 */
export function satisfies(version: string, range: string): boolean {
	const v = parseVersion(version);
	if (!v) throw new Error(`"${version}" is not a version`);
	// Read the whole range before judging, so a typo after a matching alternative still throws.
	const alternatives = range.split('||').map((alternative) => {
		const comparators = alternative.trim().split(/\s+/).filter(Boolean);
		if (comparators.length === 0) throw new Error(`empty alternative in range "${range}"`);
		return comparators.map((comparator) => {
			if (comparator === '*') return { op: '*', bound: v };
			const m = /^(<=|>=|<|>|=)?(.+)$/.exec(comparator);
			const bound = m && parseVersion(m[2]);
			if (!m || !bound) throw new Error(`cannot read "${comparator}" in range "${range}"`);
			return { op: m[1] ?? '=', bound };
		});
	});
	return alternatives.some((comparators) =>
		comparators.every(({ op, bound }) => {
			const c = compareVersions(v, bound);
			switch (op) {
				case '*':
					return true;
				case '<':
					return c < 0;
				case '<=':
					return c <= 0;
				case '>':
					return c > 0;
				case '>=':
					return c >= 0;
				default:
					return c === 0;
			}
		})
	);
}

/** Lockfile entries that match the known-bad list. */
export function checkKnownBad(entries: readonly LockEntry[], list: readonly KnownBad[]): Finding[] {
	const byName = new Map<string, KnownBad[]>();
	for (const bad of list) byName.set(bad.package, [...(byName.get(bad.package) ?? []), bad]);
	const findings: Finding[] = [];
	for (const entry of entries) {
		for (const bad of byName.get(entry.name) ?? []) {
			if (satisfies(entry.version, bad.range)) {
				findings.push({
					check: 'known-bad',
					package: entry.name,
					version: entry.version,
					message: `${entry.path}: ${entry.name}@${entry.version} is in known-bad range "${bad.range}": ${bad.why}${bad.ref ? ` (${bad.ref})` : ''}`
				});
			}
		}
	}
	return findings;
}

const REGISTRY = 'https://registry.npmjs.org/';

/**
 * Entries fetched from anywhere but the public registry over https (git, tarball URLs, http, file:),
 * or without a sha512 integrity hash (nothing then checks the tarball npm downloads).
 */
export function checkSources(entries: readonly LockEntry[]): Finding[] {
	const findings: Finding[] = [];
	for (const e of entries) {
		const problems: string[] = [];
		// No "resolved" is fine: npm leaves it out (omit-lockfile-registry-resolved) for registry tarballs.
		if (e.resolved && !e.resolved.startsWith(REGISTRY)) problems.push(`resolved from ${e.resolved}, not ${REGISTRY}`);
		if (!e.integrity?.startsWith('sha512-')) problems.push(e.integrity ? `integrity is not sha512 (${e.integrity.split('-')[0]})` : 'no integrity hash');
		if (problems.length) findings.push({ check: 'source', package: e.name, version: e.version, message: `${e.path}@${e.version}: ${problems.join('; ')}` });
	}
	return findings;
}

/** Validate the parsed known-bad list: each entry names a package, a readable range and a reason. */
export function parseKnownBad(json: unknown): KnownBad[] {
	const list = (json as { entries?: unknown }).entries;
	if (!Array.isArray(list)) throw new Error('known-bad-versions.json: expected { "entries": [...] }');
	return list.map((item, i) => {
		const e = item as Partial<KnownBad>;
		if (typeof e.package !== 'string' || typeof e.range !== 'string' || typeof e.why !== 'string') {
			throw new Error(`known-bad-versions.json entries[${i}]: needs "package", "range" and "why" strings`);
		}
		satisfies('0.0.0', e.range); // throws on a range the matcher cannot read
		return { package: e.package, range: e.range, why: e.why, ref: e.ref };
	});
}

/** The registry's answer for one package version. */
type ViewResult =
	| { kind: 'ok'; deprecated: string | null; integrity: string | null; trimmed: boolean }
	| { kind: 'unreachable'; detail: string }
	| { kind: 'error'; detail: string };

/** Error codes npm prints when it cannot reach the registry at all. */
const NETWORK_CODES = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH|NETUNREACH)|ETIMEDOUT|network|socket hang up|offline/i;

/**
 * Read `npm view <pkg>@<version> --json`: the version's `deprecated` notice, its tarball hash, and
 * whether the document looks trimmed. registry.npmjs.org always sends `maintainers` and `_npmUser`;
 * a mirror that drops them may drop `deprecated` too, and then "not deprecated" proves nothing.
 */
export function readView(stdout: string): { deprecated: string | null; integrity: string | null; trimmed: boolean } {
	const text = stdout.trim();
	if (!text) return { deprecated: null, integrity: null, trimmed: true };
	const json = JSON.parse(text) as Record<string, unknown> | Record<string, unknown>[];
	// A range that matches several versions gives an array; we always ask for one exact version.
	const view = (Array.isArray(json) ? json.at(-1) : json) ?? {};
	const dist = view.dist as { integrity?: unknown } | undefined;
	return {
		deprecated: typeof view.deprecated === 'string' && view.deprecated ? view.deprecated : null,
		integrity: typeof dist?.integrity === 'string' ? dist.integrity : null,
		trimmed: !('maintainers' in view) && !('_npmUser' in view)
	};
}

function npmView(name: string, version: string): Promise<ViewResult> {
	return new Promise((resolve) => {
		execFile(
			'npm',
			['view', `${name}@${version}`, '--json', '--fetch-retries=0', '--fetch-timeout=15000'],
			{ timeout: 30_000, maxBuffer: 32 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) {
					const detail = `${stderr || error.message}`.trim().split('\n').slice(0, 2).join(' ');
					resolve({ kind: NETWORK_CODES.test(detail) || error.killed ? 'unreachable' : 'error', detail });
					return;
				}
				try {
					resolve({ kind: 'ok', ...readView(stdout) });
				} catch {
					resolve({ kind: 'error', detail: 'npm view printed something that is not JSON' });
				}
			}
		);
	});
}

interface OnlineResult {
	findings: Finding[];
	/** False when the registry could not be reached: nothing online was checked. */
	reachable: boolean;
	/** False when the registry's documents look trimmed, so a missing deprecation notice proves nothing. */
	reportsDeprecations: boolean;
}

/**
 * Ask the registry about each direct dependency, a few at a time, and print the answers in
 * lockfile order: a deprecation notice, and whether the registry's tarball hash is the lockfile's.
 * Stops asking once the registry is unreachable.
 */
async function checkRegistry(direct: Lockfile['direct'], lockIntegrity: Map<string, string | undefined>, log: (line: string) => void): Promise<OnlineResult> {
	const answers: (ViewResult | undefined)[] = new Array(direct.length);
	let next = 0;
	let unreachable: string | null = null;
	const worker = async () => {
		while (next < direct.length && unreachable === null) {
			const i = next++;
			const answer = await npmView(direct[i].name, direct[i].version);
			answers[i] = answer;
			if (answer.kind === 'unreachable') unreachable ??= answer.detail;
		}
	};
	await Promise.all(Array.from({ length: 6 }, worker));
	if (unreachable !== null) {
		log(`  registry unreachable: ${unreachable}`);
		return { findings: [], reachable: false, reportsDeprecations: false };
	}
	const reportsDeprecations = answers.some((a) => a?.kind === 'ok' && !a.trimmed);
	if (!reportsDeprecations) {
		log('  ! this registry sends trimmed metadata (no maintainers/_npmUser): it may strip deprecation notices, so "✓" below checks the hash only');
	}
	const findings: Finding[] = [];
	direct.forEach((dep, i) => {
		const answer = answers[i];
		const tag = `${dep.name}@${dep.version}${dep.dev ? ' (dev)' : ''}`;
		const add = (message: string) => {
			findings.push({ check: 'registry', package: dep.name, version: dep.version, message: `${tag}: ${message}` });
			log(`  ✗ ${tag}: ${message}`);
		};
		if (!answer || answer.kind !== 'ok') add(`the registry answered with an error: ${answer?.kind === 'error' ? answer.detail : 'no answer'}`);
		else {
			const locked = lockIntegrity.get(dep.name);
			if (answer.deprecated) add(`deprecated: ${answer.deprecated}`);
			if (answer.integrity && locked && answer.integrity !== locked) add(`the registry's tarball hash differs from the lockfile's (${answer.integrity} ≠ ${locked})`);
			if (!answer.deprecated && !(answer.integrity && locked && answer.integrity !== locked)) {
				log(`  ✓ ${tag}${answer.integrity === locked ? ', hash matches' : ''}`);
			}
		}
	});
	return { findings, reachable: true, reportsDeprecations };
}

/** The offline checks over the repository's own lockfile and list (also run by vitest). */
export function offlineChecks(root: string): { lock: Lockfile; list: KnownBad[]; findings: Finding[] } {
	const lock = parseLockfile(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')));
	const list = parseKnownBad(JSON.parse(readFileSync(join(root, 'scripts', 'known-bad-versions.json'), 'utf8')));
	return { lock, list, findings: [...checkKnownBad(lock.entries, list), ...checkSources(lock.entries)] };
}

async function main(argv: string[]): Promise<number> {
	const unknown = argv.filter((a) => a !== '--offline');
	if (unknown.length) {
		console.error(`check:deps: unknown argument ${unknown.join(' ')}\nusage: npm run check:deps [-- --offline]`);
		return 2;
	}
	const root = join(import.meta.dirname, '..');
	const { lock, list, findings } = offlineChecks(root);
	console.log(`check:deps: ${lock.entries.length} packages in package-lock.json, ${lock.direct.length} direct`);
	const bad = findings.filter((f) => f.check === 'known-bad');
	const sources = findings.filter((f) => f.check === 'source');
	console.log(`offline: known-bad list (${list.length} entries): ${bad.length ? `${bad.length} match` : 'no match'}`);
	for (const f of bad) console.log(`  ✗ ${f.message}`);
	console.log(`offline: registry source and sha512 integrity: ${sources.length ? `${sources.length} problem(s)` : 'all entries OK'}`);
	for (const f of sources) console.log(`  ✗ ${f.message}`);

	if (argv.includes('--offline')) {
		console.log('online: skipped (--offline)');
	} else {
		console.log(`online: npm view <pkg>@<version> (deprecation notice, tarball hash) for ${lock.direct.length} direct dependencies`);
		const integrity = new Map(lock.entries.filter((e) => e.path === `node_modules/${e.name}`).map((e) => [e.name, e.integrity]));
		const online = await checkRegistry(lock.direct, integrity, (line) => console.log(line));
		findings.push(...online.findings);
		if (!online.reachable) console.log('online: the registry could not be reached; only the offline checks above ran');
		else if (!online.reportsDeprecations) console.log('online: deprecation check unverified (trimmed registry metadata); tarball hashes were compared');
	}
	console.log(findings.length ? `check:deps: ${findings.length} finding(s)` : 'check:deps: nothing found');
	return findings.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(`check:deps: ${error instanceof Error ? error.message : String(error)}`);
			process.exit(2);
		}
	);
}
