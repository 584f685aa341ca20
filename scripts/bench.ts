/**
 * Isochrone engine benchmark: `npx tsx scripts/bench.ts [--graph path/to/streets.graph.bin] [--origins 300]`
 *
 * Reproducible: seeded origins, warm-up runs, median and p95 of N, machine facts printed, and a naive
 * baseline (object adjacency + array-sort priority queue + turf.convex hulls) timed in the same run.
 * Graphs:
 *   (a) the bundled network: static/data/streets.graph.bin (or --graph); if absent, built from
 *       geodata/streets.geojson; if that is absent too, skipped with a note;
 *   (b) a seeded synthetic perturbed grid of ≈ 1 M directed edges.
 *   (c) coverage per life-circle category on the bundled graph and amenities (graph/coverage.ts, as
 *       the worker computes it: default bands, the standard's threshold, the creek, the district's
 *       figures), median and p95 of N after warm-up;
 *   (d) the batch CLI (scripts/isochrone.ts --timing) on the bundled graph and on a seeded perturbed
 *       70 m grid over the district's box: start-up, engine and output time per origin, GeoJSON
 *       written to a temporary file.
 * Wall-clock times on a shared machine say as much about the neighbours as about the engine: the
 * load average is printed, and the CLI also reports its CPU time per origin.
 * The last line is `isochrone_15min_median_ms=<number>`: 3 bands (5/10/15 min, 4 km/h), total time,
 * on the bundled graph when there is one, else on the synthetic graph.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { computeCoverage } from '../src/lib/graph/coverage';
import { prepareCoverageArea } from '../src/lib/graph/coverage-area';
import { snapSources } from '../src/lib/graph/coverage-search';
import { coverageAreaFrom } from '../src/lib/data/coverage-area';
import type { AmenityCollection } from '../src/lib/data/amenities';
import { COVERAGE_STANDARDS, defaultCoverageBands, thresholdMetres } from '../src/lib/geo/coverage-standard';
import { createLocalProjection } from '../src/lib/geo/projection';
import { convex, featureCollection, point } from '@turf/turf';
import { computeIsochrone, type IsochroneSuccess } from '../src/lib/graph/isochrone';
import { mulberry32 } from '../src/lib/graph/random';
import { buildSnapIndex, type SnapIndex } from '../src/lib/graph/snap';
import { StreetGraph, buildStreetGraph, buildSyntheticGraph } from '../src/lib/graph/street-graph';
import { metresPerMinute } from '../src/lib/geo/walking';
import { FULL_NETWORK_WALK, ROADS_ONLY_WALK, type OffStreetWalk } from '../src/lib/graph/off-street';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const ORIGINS = Math.max(200, Number(arg('--origins') ?? 300));
const WARMUP = 30;
const BASELINE_ORIGINS = 20;
/** Coverage runs per category, after warm-up. */
const COVERAGE_RUNS = 15;
const COVERAGE_WARMUP = 3;
const readJson = <T = FeatureCollection>(path: string): T | null => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null);
/** Origins per batch-CLI run. */
const CLI_ORIGINS = Math.max(100, Number(arg('--cli-origins') ?? 1000));
/** Batch-CLI runs per graph: the median of their CPU time per origin is printed. */
const CLI_RUNS = Math.max(1, Number(arg('--cli-runs') ?? 3));
const MINUTES = [5, 10, 15];
const SPEED = 4.0;

const now = (): number => performance.now();
const quantile = (xs: number[], q: number): number => {
	const s = [...xs].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return s[lo] + (s[hi] - s[lo]) * (pos - lo);
};
const ms = (x: number): string => (x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(1)).padStart(8);

function machine(): void {
	const cpus = os.cpus();
	console.log('# isochrone engine benchmark');
	console.log(`node ${process.version} · ${os.platform()} ${os.arch()} · ${cpus[0]?.model ?? 'unknown CPU'} · ${cpus.length} cores · ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
	console.log(`origins ${ORIGINS} (+${WARMUP} warm-up) · bands ${MINUTES.join('/')} min · ${SPEED} km/h · baseline on ${BASELINE_ORIGINS}`);
	console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (other work on the machine inflates every wall-clock time below)`);
}

/** Seeded origins: near random nodes (± 60 m), so nearly all of them snap. */
function origins(graph: StreetGraph, seed: number, n: number): [number, number][] {
	const rand = mulberry32(seed);
	const out: [number, number][] = [];
	const proj = graph.projection;
	for (let i = 0; i < n; i++) {
		const node = Math.floor(rand() * graph.nodeCount);
		const x = graph.xy[2 * node] + (rand() - 0.5) * 120;
		const y = graph.xy[2 * node + 1] + (rand() - 0.5) * 120;
		out.push(proj.toLonLat([x, y]));
	}
	return out;
}

interface Row {
	snap: number[];
	dijkstra: number[];
	band: number[];
	streets: number[];
	total: number[];
	failed: number;
	reached: number[];
}

function run(graph: StreetGraph, index: SnapIndex, pts: [number, number][], walk: OffStreetWalk): Row {
	const row: Row = { snap: [], dijkstra: [], band: [], streets: [], total: [], failed: 0, reached: [] };
	for (let i = 0; i < pts.length; i++) {
		const r = computeIsochrone(graph, index, {
			origin: pts[i],
			minutes: MINUTES,
			speedKmh: SPEED,
			offStreetDetour: walk.detour,
			maxOffStreet: walk.maxMetres
		});
		if (i < WARMUP) continue;
		if (!r.ok) {
			row.failed++;
			continue;
		}
		row.snap.push(r.timings.snapMs);
		row.dijkstra.push(r.timings.dijkstraMs);
		row.band.push(r.timings.bandMs);
		row.streets.push(r.timings.streetsMs);
		row.total.push(r.timings.totalMs);
		row.reached.push(r.reached.nodes.length);
	}
	return row;
}

function print(row: Row): void {
	console.log(`  stage          median      p95   (ms, ${row.total.length} isochrones, ${row.failed} origins off-network)`);
	const line = (name: string, xs: number[]): void => console.log(`  ${name.padEnd(12)}${ms(quantile(xs, 0.5))} ${ms(quantile(xs, 0.95))}`);
	line('snap', row.snap);
	line('dijkstra', row.dijkstra);
	line('banding', row.band);
	line('streets', row.streets);
	line('total', row.total);
	console.log(`  reached nodes: median ${quantile(row.reached, 0.5)}`);
}

/** The naive way: object adjacency, array + sort as a priority queue, a convex hull per band. */
function naive(graph: StreetGraph, pts: [number, number][]): { median: number; buildMs: number } {
	const t0 = now();
	const adj: { to: number; len: number }[][] = [];
	for (let u = 0; u < graph.nodeCount; u++) {
		const list: { to: number; len: number }[] = [];
		for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) list.push({ to: graph.targets[e], len: graph.lengths[e] });
		adj.push(list);
	}
	const nodes = Array.from({ length: graph.nodeCount }, (_, i) => ({ lon: graph.lonLat[2 * i], lat: graph.lonLat[2 * i + 1] }));
	const buildMs = now() - t0;
	const mpm = metresPerMinute(SPEED);
	const limit = MINUTES[MINUTES.length - 1] * mpm;
	const times: number[] = [];
	const proj = graph.projection;
	for (const p of pts) {
		const t = now();
		// nearest node by linear scan
		const [px, py] = proj.toMetres(p);
		let best = 0;
		let bestD = Infinity;
		for (let i = 0; i < nodes.length; i++) {
			const [x, y] = proj.toMetres([nodes[i].lon, nodes[i].lat]);
			const d = Math.hypot(x - px, y - py);
			if (d < bestD) {
				bestD = d;
				best = i;
			}
		}
		const dist = new Map<number, number>([[best, 0]]);
		const queue: [number, number][] = [[0, best]];
		const done = new Set<number>();
		while (queue.length > 0) {
			queue.sort((a, b) => a[0] - b[0]);
			const [d, u] = queue.shift()!;
			if (done.has(u)) continue;
			done.add(u);
			for (const { to, len } of adj[u]) {
				const nd = d + len;
				if (nd <= limit && nd < (dist.get(to) ?? Infinity)) {
					dist.set(to, nd);
					queue.push([nd, to]);
				}
			}
		}
		for (const m of MINUTES) {
			const reached = [...dist].filter(([, d]) => d <= m * mpm).map(([n]) => point([nodes[n].lon, nodes[n].lat]));
			if (reached.length >= 3) convex(featureCollection(reached));
		}
		times.push(now() - t);
	}
	return { median: quantile(times, 0.5), buildMs };
}

function bench(label: string, graph: StreetGraph, loadMs: number | null, seed: number, walk: OffStreetWalk = FULL_NETWORK_WALK): number {
	console.log(`\n## ${label}`);
	console.log(`  off-street walk ${walk.maxMetres} m at ${walk.detour}×`);
	const bytes = graph.toBuffer().byteLength;
	console.log(`  ${graph.nodeCount.toLocaleString('en')} nodes · ${graph.edgeCount.toLocaleString('en')} directed edges · ${(bytes / 2 ** 20).toFixed(1)} MiB binary`);
	// load from binary: fromBuffer on a fresh copy of the bytes (what a worker does after fetch)
	const copy = graph.toBuffer().slice(0);
	const tl = now();
	const loaded = StreetGraph.fromBuffer(copy);
	const fromBufferMs = now() - tl;
	const ti = now();
	const index = buildSnapIndex(loaded);
	const indexMs = now() - ti;
	console.log(`  load: ${loadMs !== null ? `read+parse ${loadMs.toFixed(1)} ms · ` : ''}fromBuffer ${fromBufferMs.toFixed(3)} ms · snap index ${indexMs.toFixed(1)} ms (${index.width}×${index.height} cells of ${index.cellSize.toFixed(0)} m)`);
	const pts = origins(loaded, seed, ORIGINS + WARMUP);
	const row = run(loaded, index, pts, walk);
	print(row);
	const engineMedian = quantile(row.total, 0.5);
	const base = naive(loaded, pts.slice(WARMUP, WARMUP + BASELINE_ORIGINS));
	console.log(`  naive baseline (object adjacency, sort-PQ, turf.convex; adjacency build ${base.buildMs.toFixed(0)} ms): median ${base.median.toFixed(2)} ms → speed ratio naive/engine ${(base.median / engineMedian).toFixed(1)}×`);
	return engineMedian;
}

function sanity(graph: StreetGraph, index: SnapIndex, walk: OffStreetWalk): void {
	const r = computeIsochrone(graph, index, { origin: [graph.refLon, graph.refLat], offStreetDetour: walk.detour, maxOffStreet: walk.maxMetres });
	if (r.ok) {
		const s = r as IsochroneSuccess;
		console.log(`  centre isochrone areas: ${s.areas.map((a) => `${a.minutes} min ${(a.area_m2 / 1e6).toFixed(2)} km² (${Math.round(a.circle_ratio * 100)} % of circle)`).join(' · ')}`);
	}
}

/** The off-street walk the data build chose for the bundled network (manifest.json), as the app uses it. */
function bundledWalk(): OffStreetWalk {
	const manifest = resolve('static/data/manifest.json');
	if (!existsSync(manifest)) return ROADS_ONLY_WALK;
	const walk = (JSON.parse(readFileSync(manifest, 'utf8')) as { walk?: OffStreetWalk }).walk;
	return walk && typeof walk.detour === 'number' && typeof walk.maxMetres === 'number' ? walk : ROADS_ONLY_WALK;
}

machine();
let headline: number | null = null;
const walk = bundledWalk();

// (a) the bundled graph
const binPath = resolve(arg('--graph') ?? 'static/data/streets.graph.bin');
const geojsonPath = resolve('geodata/streets.geojson');
if (existsSync(binPath)) {
	const t = now();
	const bytes = readFileSync(binPath);
	const graph = StreetGraph.fromBuffer(bytes);
	headline = bench(`bundled graph ${binPath}`, graph, now() - t, 1, walk);
	sanity(graph, buildSnapIndex(graph), walk);
	coverageBench(graph, walk);
	cliBench(`bundled graph (${graph.nodeCount} nodes)`, arg('--graph') ?? null, graph, CLI_ORIGINS);
} else if (existsSync(geojsonPath)) {
	const t = now();
	const graph = buildStreetGraph(JSON.parse(readFileSync(geojsonPath, 'utf8')));
	const buildMs = now() - t;
	console.log(`\n(no ${binPath}: built the graph from geodata/streets.geojson in ${buildMs.toFixed(1)} ms)`);
	if (graph.edgeCount > 0) {
		headline = bench('bundled streets (geodata/streets.geojson)', graph, buildMs, 1, walk);
		sanity(graph, buildSnapIndex(graph), walk);
	} else console.log('  (no walkable streets in it: skipped)');
} else {
	console.log(`\n(skipped the bundled graph: neither ${binPath} nor ${geojsonPath} exists)`);
}

// (c) coverage per category, on the bundled data, as the worker computes it
function coverageBench(graph: StreetGraph, walk: OffStreetWalk): void {
	const amenities = readJson<AmenityCollection>('static/data/amenities.geojson');
	const district = readJson('static/data/changning.geojson');
	if (!amenities || !district) {
		console.log('\n(skipped coverage: static/data/amenities.geojson or changning.geojson is missing; run npm run build:geodata)');
		return;
	}
	const water = readJson('geodata/water.geojson');
	const manifest = readJson<{ amenities?: { coverage?: Record<string, string> } }>('static/data/manifest.json');
	const index = buildSnapIndex(graph);
	const t0 = now();
	const input = coverageAreaFrom({ district, water, green: readJson('static/data/green.geojson'), places: readJson('static/data/places.json'), elevated: readJson('geodata/transit/elevated_roads.geojson') });
	const area = prepareCoverageArea(graph, input, { maxOffStreet: walk.maxMetres });
	const areaMs = now() - t0;
	console.log(`\n## coverage per category (bundled graph and amenities, ${SPEED} km/h, off-street ${walk.maxMetres} m at ${walk.detour}×, creek as barrier)`);
	console.log(`  district prepared once in ${areaMs.toFixed(1)} ms: grid ${area.frame.width}×${area.frame.height} cells of ${area.frame.cs} m · land ${(area.landM2 / 1e6).toFixed(2)} km² (left out: ${area.excluded.map((x) => `${x.id} ${(x.m2 / 1e6).toFixed(2)} km²`).join(', ')}) · streets ${(area.streetM / 1000).toFixed(1)} km (${(area.streetInnerM / 1000).toFixed(1)} km inside the Inner Ring)`);
	console.log(`  category         data      amenities  threshold        bands (min)      median ms  p95 ms   street share  land share  CPU median ms (goal < 200; ${COVERAGE_RUNS} runs)`);
	for (const standard of COVERAGE_STANDARDS) {
		const features = amenities.features.filter((f) => f.properties.category === standard.category);
		const completeness = manifest?.amenities?.coverage?.[standard.category] ?? 'none';
		const label = standard.category.padEnd(16);
		if (features.length === 0) {
			console.log(`  ${label} ${completeness.padEnd(9)} 0          (no data)`);
			continue;
		}
		const ts = now();
		const sources = snapSources(graph, index, features.map((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates)));
		const snapMs = now() - ts;
		const threshold = thresholdMetres(standard.threshold, SPEED);
		const minutes = defaultCoverageBands(standard.threshold, SPEED);
		const totals: number[] = [];
		const cpus: number[] = [];
		let last = null as ReturnType<typeof computeCoverage> | null;
		for (let i = 0; i < COVERAGE_WARMUP + COVERAGE_RUNS; i++) {
			const c0 = process.cpuUsage();
			const r = computeCoverage(graph, sources, { minutes, speedKmh: SPEED, barriers: water, offStreetDetour: walk.detour, maxOffStreet: walk.maxMetres, area, threshold });
			const cpu = process.cpuUsage(c0);
			if (i >= COVERAGE_WARMUP) {
				totals.push(r.timings.totalMs);
				cpus.push((cpu.user + cpu.system) / 1000);
			}
			last = r;
		}
		const f = last!.figures!;
		const rule = threshold.innerRing === threshold.elsewhere ? `${Math.round(threshold.elsewhere)} m` : `${threshold.innerRing}/${threshold.elsewhere} m`;
		console.log(
			`  ${label} ${completeness.padEnd(9)} ${String(features.length).padEnd(4)} (${String(new Set(sources.owner).size).padEnd(4)} snapped) ${rule.padEnd(16)} ${minutes.join('/').padEnd(16)} ${ms(quantile(totals, 0.5))} ${ms(quantile(totals, 0.95))}   ${(100 * f.street.share).toFixed(1).padStart(5)} %      ${(100 * f.land.share).toFixed(1).padStart(5)} %  ${ms(quantile(cpus, 0.5))}`
		);
		const tm = last!.timings;
		console.log(`${' '.repeat(20)}last run: search ${tm.searchMs.toFixed(1)} · surface ${tm.surfaceMs.toFixed(1)} · bands ${tm.bandMs.toFixed(1)} · streets ${tm.streetsMs.toFixed(1)} · figures ${tm.figuresMs.toFixed(1)} ms (snapping, once per category: ${snapMs.toFixed(1)} ms)`);
		if (threshold.innerRing !== threshold.elsewhere) {
			console.log(`${' '.repeat(20)}inside the Inner Ring (${threshold.innerRing} m): street ${(100 * f.street.innerRing.covered_m / Math.max(1, f.street.innerRing.total_m)).toFixed(1)} %, land ${(100 * f.land.innerRing.covered_m2 / Math.max(1, f.land.innerRing.total_m2)).toFixed(1)} %`);
		}
	}
}

// (d) the batch CLI, as a planner runs it: a child process writing GeoJSON to a file, CLI_RUNS
// times (--cli-runs); the median of its own CPU time per origin is the figure to compare (wall time
// follows the machine's load)
function cliBench(label: string, graphPath: string | null, graph: StreetGraph, n: number): void {
	const dir = mkdtempSync(join(os.tmpdir(), 'cn-bench-'));
	try {
		const originsPath = join(dir, 'origins.geojson');
		const pts = origins(graph, 11, n);
		writeFileSync(originsPath, JSON.stringify({ type: 'FeatureCollection', features: pts.map((p, i) => ({ type: 'Feature', properties: { id: `o${i}` }, geometry: { type: 'Point', coordinates: p } })) }));
		const outPath = join(dir, 'bands.geojson');
		console.log(`\n## batch CLI: ${label}`);
		const cpuPer: number[] = [];
		const wallPer: number[] = [];
		let bytes = 0;
		for (let r = 0; r < CLI_RUNS; r++) {
			const t = now();
			// stdout straight into the file (as a planner's `> bands.geojson`), stderr for the timing line
			const out = openSync(outPath, 'w');
			const run = spawnSync(
				process.execPath,
				['--import', 'tsx', 'scripts/isochrone.ts', '--origins', originsPath, '--timing', ...(graphPath ? ['--graph', graphPath] : [])],
				{ stdio: ['ignore', out, 'pipe'], encoding: 'utf8' }
			);
			closeSync(out);
			// exit 2: some origins were off the network and skipped; the rest were written
			if (run.status !== 0 && run.status !== 2) throw new Error(`the CLI failed (exit ${run.status}): ${run.stderr}`);
			const wall = now() - t;
			const timing = (run.stderr.match(/isochrone: timing: .*/g) ?? []).pop() ?? '(no timing line)';
			const cpu = /ms CPU \(([\d.]+) ms\/origin\)/.exec(timing);
			const after = /after start-up \d+ ms wall \(([\d.]+) ms\/origin\)/.exec(timing);
			if (cpu) cpuPer.push(Number(cpu[1]));
			if (after) wallPer.push(Number(after[1]));
			bytes = existsSync(outPath) ? readFileSync(outPath).byteLength : 0;
			console.log(`  run ${r + 1}: ${timing.replace('isochrone: timing: ', '')} · whole run, node start-up included: ${wall.toFixed(0)} ms wall`);
		}
		console.log(`  GeoJSON written: ${(bytes / 2 ** 20).toFixed(1)} MiB (${n} origins, bands 5/10/15 min)`);
		console.log(`  median of ${CLI_RUNS} runs after start-up: ${quantile(cpuPer, 0.5).toFixed(3)} ms CPU per origin · ${quantile(wallPer, 0.5).toFixed(3)} ms wall per origin (goal ≤ 1.5 ms)`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// district-size synthetic graph (Changning is ≈ 38 km²: 100 × 100 nodes at 60 m ≈ 36 km²)
{
	const graph = buildSyntheticGraph({ seed: 2, cols: 100, rows: 100 });
	bench('synthetic district-size graph (100 × 100, 60 m)', graph, null, 2);
}

// (d) the batch CLI on a perturbed 70 m grid over the district's box
{
	const [x0, y0, x1, y1] = [121.327266, 31.179715, 121.434841, 31.245876]; // geodata/admin/changning.wgs84.geojson's box
	const center: [number, number] = [(x0 + x1) / 2, (y0 + y1) / 2];
	const proj = createLocalProjection(center[0], center[1]);
	const spacing = 70;
	const cols = Math.round(((x1 - x0) * proj.metresPerDegreeLon) / spacing) + 1;
	const rows = Math.round(((y1 - y0) * proj.metresPerDegreeLat) / spacing) + 1;
	const graph = buildSyntheticGraph({ seed: 7, cols, rows, spacing, center });
	const dir = mkdtempSync(join(os.tmpdir(), 'cn-bench-graph-'));
	try {
		const path = join(dir, 'synthetic.graph.bin');
		writeFileSync(path, new Uint8Array(graph.toBuffer()));
		cliBench(`synthetic ${spacing} m grid over the district box (${cols} × ${rows}, ${graph.nodeCount.toLocaleString('en')} nodes)`, path, graph, CLI_ORIGINS);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// (b) ≈ 1 M directed edges
{
	const t = now();
	const graph = buildSyntheticGraph({ seed: 1, cols: 520, rows: 520 });
	const buildMs = now() - t;
	console.log(`\n(synthetic 1 M graph built in ${buildMs.toFixed(0)} ms)`);
	const median = bench('synthetic graph ≈ 1 M directed edges (520 × 520, 60 m)', graph, null, 3);
	if (headline === null) headline = median;
}

console.log(`isochrone_15min_median_ms=${headline.toFixed(3)}`);
