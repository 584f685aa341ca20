// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * The coverage tool's loop (issue 10): the district is computed only while the tool is in use, a
 * change of category or walking speed asks again, the newest answer wins, and a spot the user asked
 * about is asked again for the new category. An engine double records the requests and answers
 * them when the test says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { LonLat } from '$lib/geo/lonlat';
import type { EngineStatus } from '$lib/state/engine.svelte';
import { CoverageState, type CoverageEngine } from '$lib/state/coverage.svelte';
import type { CoverageAtParams, CoverageAtReply, CoverageParams, CoverageReply } from '$lib/worker/protocol';

type Pending<P, R> = { params: P; resolve: (outcome: { stale: true } | { stale: false; result: R }) => void };

/** Latest wins per request name, as the worker client does: a new request makes the older one stale. */
class EngineDouble implements CoverageEngine {
	status = $state.raw<EngineStatus>({ kind: 'idle' });
	starts = 0;
	coverages: Pending<CoverageParams, CoverageReply>[] = [];
	probes: Pending<CoverageAtParams, CoverageAtReply>[] = [];
	start(): void {
		this.starts++;
		this.status = { kind: 'ready', nodes: 1, edges: 1, loadMs: 0 };
	}
	coverage(params: CoverageParams) {
		if (this.status.kind !== 'ready') return null;
		this.coverages.at(-1)?.resolve({ stale: true });
		return new Promise<{ stale: true } | { stale: false; result: CoverageReply }>((resolve) => this.coverages.push({ params, resolve }));
	}
	coverageAt(params: CoverageAtParams) {
		if (this.status.kind !== 'ready') return null;
		this.probes.at(-1)?.resolve({ stale: true });
		return new Promise<{ stale: true } | { stale: false; result: CoverageAtReply }>((resolve) => this.probes.push({ params, resolve }));
	}
}

const noAmenities = (category: string): CoverageReply => ({ ok: false, reason: 'no-amenities', category, message: '' });

let stops: (() => void)[] = [];
afterEach(() => {
	for (const stop of stops) stop();
	stops = [];
});

function setUp(initial: { wanted: boolean }) {
	const engine = new EngineDouble();
	const inputs = $state({ wanted: initial.wanted, speed: 4 });
	const coverage = new CoverageState({ engine, assetBase: () => 'http://atlas.test/', wanted: () => inputs.wanted, speedKmh: () => inputs.speed });
	stops.push(coverage.follow());
	flushSync();
	return { engine, inputs, coverage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CoverageState', () => {
	it('computes nothing and starts no engine while the tool is not in use', () => {
		const { engine } = setUp({ wanted: false });
		expect(engine.starts).toBe(0);
		expect(engine.coverages).toHaveLength(0);
	});

	it('computes the chosen category at the app’s walking speed once the tool is in use, and again on every change', () => {
		const { engine, inputs, coverage } = setUp({ wanted: false });
		inputs.wanted = true;
		flushSync();
		expect(engine.starts).toBe(1);
		expect(engine.coverages.map((r) => r.params)).toEqual([{ category: 'bus-stop', speedKmh: 4 }]);
		expect(coverage.setCategory('childcare')).toBe(true);
		flushSync();
		inputs.speed = 3;
		flushSync();
		expect(engine.coverages.map((r) => r.params)).toEqual([
			{ category: 'bus-stop', speedKmh: 4 },
			{ category: 'childcare', speedKmh: 4 },
			{ category: 'childcare', speedKmh: 3 }
		]);
	});

	it('refuses an unknown category and keeps the current one', () => {
		const { coverage } = setUp({ wanted: true });
		expect(coverage.setCategory('casino')).toBe(false);
		expect(coverage.category).toBe('bus-stop');
	});

	it('shows only the newest answer: a superseded request never paints', async () => {
		const { engine, coverage } = setUp({ wanted: true });
		coverage.setCategory('childcare');
		flushSync();
		// The first request (bus stops) was made stale by the second; answer the second.
		engine.coverages[1].resolve({ stale: false, result: noAmenities('childcare') });
		await settle();
		expect(coverage.result).toEqual(noAmenities('childcare'));
		expect(coverage.computing).toBe(false);
	});

	it('does not walk the district again when the tool is left and reopened with the same inputs', async () => {
		const { engine, inputs, coverage } = setUp({ wanted: true });
		engine.coverages[0].resolve({ stale: false, result: noAmenities('bus-stop') });
		await settle();
		inputs.wanted = false;
		flushSync();
		inputs.wanted = true;
		flushSync();
		expect(engine.coverages).toHaveLength(1);
		coverage.setCategory('childcare');
		flushSync();
		expect(engine.coverages).toHaveLength(2);
	});

	it('asks about a clicked spot, and asks again when the category changes', async () => {
		const { engine, coverage } = setUp({ wanted: true });
		const at: LonLat = [121.41, 31.21];
		void coverage.probeAt(at);
		expect(engine.probes.map((p) => p.params)).toEqual([{ category: 'bus-stop', speedKmh: 4, point: at }]);
		const reply: CoverageAtReply = { ok: false, reason: 'unreachable', category: 'bus-stop' };
		engine.probes[0].resolve({ stale: false, result: reply });
		await settle();
		expect(coverage.probe).toEqual({ at, reply });
		coverage.setCategory('metro-station');
		flushSync();
		expect(engine.probes.at(-1)?.params).toEqual({ category: 'metro-station', speedKmh: 4, point: at });
		coverage.clearProbe();
		expect(coverage.probe).toBeNull();
	});
});
