/**
 * The planner's coverage tool: one category of amenity at a time, how many minutes every street and
 * every spot of the district is from its nearest one, judged against the Shanghai threshold. The
 * walking engine (shared with the life circle, which owns it) computes it in the worker; `follow()`
 * keeps the answer current while the tool is in use, and a clicked spot gets "nearest X: N min".
 */
import { untrack } from 'svelte';
import type { LonLat } from '$lib/geo/lonlat';
import { DEFAULT_COVERAGE_CATEGORY, LIFE_CIRCLE_CATEGORIES, isLifeCircleCategory } from '$lib/geo/life-circle-categories';
import type { CoverageAtReply, CoverageReply } from '$lib/worker/protocol';
import { DEFAULT_USER_THRESHOLD_MINUTES, isUserCategory, isUserThreshold, userCategoryId } from '$lib/geo/user-category';
import type { WalkingEngine } from './engine.svelte';

/** What a coverage answer is, as panels read it (components do not import the worker). */
export type CoverageResult = CoverageReply;
export type CoverageProbe = CoverageAtReply;

/**
 * The categories coverage can be asked for: every life-circle category (each has a standard in
 * geo/coverage-standard.ts, which stays out of the first view).
 */
export const COVERAGE_CATEGORY_IDS: readonly string[] = LIFE_CIRCLE_CATEGORIES.map((c) => c.id);

/** What the coverage tool needs of the walking engine; a test passes a double. */
export type CoverageEngine = Pick<WalkingEngine, 'status' | 'start' | 'coverage' | 'coverageAt'> & Partial<Pick<WalkingEngine, 'userSources' | 'network'>>;

/** A user layer offered as a coverage category (issue 11). */
export interface UserCoverageCategory {
	id: string;
	name: string;
	count: number;
}

export interface CoverageOptions {
	engine: CoverageEngine;
	/** The app's base URL, once known (null before); the engine's files are under it. */
	assetBase: () => string | null;
	/** Whether the tool is in use (its mode is on): only then is the district computed. */
	wanted: () => boolean;
	/** The walking speed, km/h (one speed for the whole app: the life circle's). */
	speedKmh: () => number;
}

export class CoverageState {
	category = $state<string>(DEFAULT_COVERAGE_CATEGORY);
	/** The newest answer for `category`; raw, never deep-proxied (it holds FeatureCollections). */
	result = $state.raw<CoverageResult | null>(null);
	/** True from a request until its answer (or its replacement's) arrives. */
	computing = $state(false);
	/** Wall-clock milliseconds of the last round trip to the worker. */
	roundTripMs = $state<number | null>(null);
	/** The spot the user asked about, and the worker's answer for it (null while it is computed). */
	probe = $state.raw<{ at: LonLat; reply: CoverageProbe | null } | null>(null);
	/** A worker error for the current inputs, worded by the panel. */
	error = $state<string | null>(null);
	/** The threshold for a user category, minutes: the user's choice (no standard exists for their data). */
	userThresholdMinutes = $state(DEFAULT_USER_THRESHOLD_MINUTES);

	/** Bumped by every request, so only the newest one ends `computing`. */
	private requests = 0;
	/** The user sources and network the answer on hand was computed with. */
	private heldInputs: { sources: unknown; network: unknown } | null = null;

	constructor(private readonly options: CoverageOptions) {}

	/** The user's point layers in use for analysis, as categories. */
	get userCategories(): UserCoverageCategory[] {
		return (this.options.engine.userSources ?? []).map((s) => ({ id: userCategoryId(s.id), name: s.name, count: s.points.length }));
	}

	setCategory(category: string): boolean {
		if (!isLifeCircleCategory(category) && !(isUserCategory(category) && this.userCategories.some((c) => c.id === category))) return false;
		this.category = category;
		return true;
	}

	/** Pick a user category's threshold, minutes (1–30); false (and no change) otherwise. */
	setUserThreshold(minutes: number): boolean {
		if (!isUserThreshold(minutes)) return false;
		this.userThresholdMinutes = minutes;
		return true;
	}

	/** The request's threshold: only a user category has one (the built-in ones follow the standard). */
	private threshold(category: string): { thresholdMinutes?: number } {
		return isUserCategory(category) ? { thresholdMinutes: this.userThresholdMinutes } : {};
	}

	/** Ask about one spot: the nearest amenity of the category and the walk to it. */
	async probeAt(at: LonLat): Promise<void> {
		this.probe = { at, reply: null };
		const request = this.options.engine.coverageAt({ category: this.category, speedKmh: this.options.speedKmh(), point: at, ...this.threshold(this.category) });
		if (!request) return;
		try {
			const outcome = await request;
			if (outcome.stale || this.probe?.at !== at) return;
			this.probe = { at, reply: outcome.result };
		} catch (error) {
			if (this.probe?.at === at) this.error = (error as Error).message;
		}
	}

	clearProbe(): void {
		this.probe = null;
	}

	/**
	 * Keep the answer current until the returned function is called: the engine starts when the tool
	 * is wanted, and a change of category or walking speed asks the worker again (latest wins).
	 */
	follow(): () => void {
		return $effect.root(() => {
			const wanted = $derived(this.options.wanted());
			$effect(() => {
				const base = this.options.assetBase();
				if (base && wanted) untrack(() => this.options.engine.start(base));
			});
			$effect(() => {
				if (wanted && this.options.engine.status.kind === 'ready') void this.compute();
			});
			// A user layer taken out of the analysis takes its category with it.
			$effect(() => {
				const category = this.category;
				if (isUserCategory(category) && !this.userCategories.some((c) => c.id === category)) {
					this.category = DEFAULT_COVERAGE_CATEGORY;
					if (untrack(() => this.result)?.category === category) this.result = null;
				}
			});
			// A probe answers for the category and speed it was asked with: ask again when they change.
			$effect(() => {
				void this.category;
				void this.options.speedKmh();
				void this.userThresholdMinutes;
				const probe = untrack(() => this.probe);
				if (probe && this.options.engine.status.kind === 'ready') untrack(() => void this.probeAt(probe.at));
			});
		});
	}

	/** Ask the worker for the current category and speed; a superseded answer is dropped. */
	async compute(): Promise<void> {
		const category = this.category;
		const speedKmh = this.options.speedKmh();
		// Coming back to the tool with the same inputs: the answer on hand is still the answer (a
		// district-wide walk costs a few hundred ms; it is not redone for a mode switch).
		const held = untrack(() => this.result);
		const threshold = this.threshold(category);
		// The answer also depends on the network (the user's extract or the bundled one), and a user
		// category's on its points (a new coordinate system moves them) and threshold.
		const inputs = { sources: this.options.engine.userSources, network: this.options.engine.network };
		const sameInputs = inputs.sources === this.heldInputs?.sources && inputs.network === this.heldInputs?.network;
		const sameUser = !isUserCategory(category) || (held?.ok && held.standard.threshold.kind === 'minutes' && held.standard.threshold.minutes === threshold.thresholdMinutes);
		if (held && held.category === category && (!held.ok || held.speedKmh === speedKmh) && sameInputs && sameUser) return;
		const request = this.options.engine.coverage({ category, speedKmh, ...threshold });
		if (!request) return;
		const id = ++this.requests;
		this.computing = true;
		const started = performance.now();
		try {
			const outcome = await request;
			if (outcome.stale) return;
			this.result = outcome.result;
			this.heldInputs = inputs;
			this.error = null;
			this.roundTripMs = performance.now() - started;
		} catch (error) {
			// A worker replaced under it (the user's Cancel, or back to the bundled network) answers again when ready.
			if (this.options.engine.status.kind !== 'ready') return;
			this.error = (error as Error).message;
			this.result = null;
		} finally {
			if (id === this.requests) this.computing = false;
		}
	}
}
