// @vitest-environment ./tests/unit/runes-environment.ts
/**
 * "Why not reachable" state (issue 10, item 5): a spot asked about is sent to the worker with the
 * life circle's origin, bands and speed and the street table; moving the origin asks again; an
 * answer for an older spot is dropped; the armed click asks once and disarms; clearing forgets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { LonLat } from '$lib/geo/lonlat';
import type { EngineStatus } from '$lib/state/engine.svelte';
import { WhyNotState, whyNotOf, type WhyNotLife } from '$lib/state/why-not.svelte';
import type { NetworkSummary, WhyNotParams, WhyNotReply } from '$lib/worker/protocol';
import type { WayInfo } from '$lib/graph/why-not';

type Outcome = { stale: true } | { stale: false; result: WhyNotReply };

class LifeDouble implements WhyNotLife {
	origin = $state.raw<LonLat | null>([121.38, 31.218]);
	minutes = $state.raw<readonly number[]>([5, 10, 15]);
	speedKmh = $state(4);
	asked: { params: WhyNotParams; resolve: (o: Outcome) => void }[] = [];
	engine = {
		status: { kind: 'ready', nodes: 1, edges: 1, loadMs: 0 } as EngineStatus,
		network: null as NetworkSummary | null,
		/** The street table as the engine read it with its files. */
		data: { ways: [{ bridge: true, name_en: 'Weining Rd', name_zh: '威宁路' }] as WayInfo[] | null },
		whyNot: (params: WhyNotParams) => {
			this.asked.at(-1)?.resolve({ stale: true });
			return new Promise<Outcome>((resolve) => this.asked.push({ params, resolve }));
		}
	};
}

const unreachable: WhyNotReply = { kind: 'unreachable' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let made: WhyNotState[] = [];
afterEach(() => {
	for (const s of made) s.destroy();
	made = [];
});

function setUp() {
	const life = new LifeDouble();
	const ways = life.engine.data.ways;
	const why = new WhyNotState({ life });
	made.push(why);
	return { life, why, ways };
}

describe('WhyNotState', () => {
	it('asks with the origin, bands, speed and street table, and keeps the answer for that spot', async () => {
		const { life, why, ways } = setUp();
		why.ask([121.385, 31.228]);
		flushSync();
		await settle();
		expect(life.asked).toHaveLength(1);
		expect(life.asked[0].params).toEqual({ origin: [121.38, 31.218], point: [121.385, 31.228], minutes: [5, 10, 15], speedKmh: 4, ways });
		life.asked[0].resolve({ stale: false, result: unreachable });
		await settle();
		expect(why.answer).toEqual(unreachable);
		// a moved origin asks again, the street table is read once
		life.origin = [121.381, 31.218];
		flushSync();
		await settle();
		expect(life.asked).toHaveLength(2);
		expect(life.asked[1].params.origin).toEqual([121.381, 31.218]);
		// the street table is the engine's, read once with its files, not fetched per question
		expect(life.asked[1].params.ways).toBe(ways);
	});

	it('sends no street names while the worker walks on an imported extract (they name the bundled ways)', async () => {
		const { life, why } = setUp();
		life.engine.network = { name: 'mine.osm' } as NetworkSummary;
		why.ask([121.385, 31.228]);
		flushSync();
		await settle();
		expect(life.asked[0].params.ways).toBeNull();
	});

	it('drops an answer for an older spot', async () => {
		const { life, why } = setUp();
		why.ask([121.385, 31.228]);
		flushSync();
		await settle();
		const first = life.asked[0];
		why.ask([121.39, 31.23]);
		flushSync();
		await settle();
		first.resolve({ stale: false, result: { kind: 'no-origin-street', nearestDistance: 300 } });
		await settle();
		expect(why.answer).toBeNull();
		life.asked[1].resolve({ stale: false, result: unreachable });
		await settle();
		expect(why.answer).toEqual(unreachable);
	});

	it('an armed click asks once and disarms; clear forgets the spot', () => {
		const { why } = setUp();
		why.arm();
		expect(why.armed).toBe(true);
		why.ask([121.385, 31.228]);
		expect(why.armed).toBe(false);
		expect(why.spot).toEqual([121.385, 31.228]);
		why.clear();
		expect(why.spot).toBeNull();
		expect(why.answer).toBeNull();
	});

	it('is made once per app, on first need', () => {
		const host = { whyNot: null as WhyNotState | null, lifeCircle: new LifeDouble() };
		const a = whyNotOf(host);
		made.push(a);
		expect(whyNotOf(host)).toBe(a);
	});
});
