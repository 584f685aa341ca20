/**
 * Isochrone engine benchmark: `npx tsx scripts/bench.ts [--graph path/to/streets.graph.bin] [--origins 300]`
 *
 * Reproducible: seeded origins, warm-up runs, median and p95 of N, machine facts printed, and a naive
 * baseline (object adjacency + array-sort priority queue + turf.convex hulls) timed in the same run.
 * Graphs:
 *   (a) the bundled network: static/data/streets.graph.bin (or --graph); if absent, built from
 *       geodata/streets.geojson; if that is absent too, skipped with a note;
 *   (b) a seeded synthetic perturbed grid of ≈ 1 M directed edges.
 * The last line is `isochrone_15min_median_ms=<number>`: 3 bands (5/10/15 min, 4 km/h), total time,
 * on the bundled graph when there is one, else on the synthetic graph.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
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

// district-size synthetic graph (Changning is ≈ 38 km²: 100 × 100 nodes at 60 m ≈ 36 km²)
{
	const graph = buildSyntheticGraph({ seed: 2, cols: 100, rows: 100 });
	bench('synthetic district-size graph (100 × 100, 60 m)', graph, null, 2);
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
