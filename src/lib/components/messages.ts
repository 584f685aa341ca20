/**
 * Every structured notice and error the app shows, worded in the UI's language: link notices, data
 * notices, fetch problems, the walking engine's failures and a failed walk. The producers (the URL
 * decoder, the loaders, the engine, the worker) return codes with parameters; the sentences are in
 * the string tables (src/lib/i18n), and this is the one place that picks them.
 */
import type { DataNotice } from '$lib/data/load';
import type { FetchProblem } from '$lib/data/fetch';
import type { MinutesProblem } from '$lib/geo/minutes';
import type { StringKey } from '$lib/i18n/strings';
import type { EngineFailure } from '$lib/state/engine.svelte';
import type { LifeCircleFailure } from '$lib/state/life-circle.svelte';
import type { LinkNotice, LinkProblem } from '$lib/state/url-decode';

/** The translator of the current language (AppState.t). */
export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/** A fetch problem, short: "404 Not Found", "no answer within 20 s". */
export function fetchProblemText(t: Translate, problem: FetchProblem): string {
	switch (problem.kind) {
		case 'http':
			return t('fetch.http', { status: problem.status, statusText: problem.statusText || 'HTTP error' }).trim();
		case 'timeout':
			return t('fetch.timeout', { seconds: problem.seconds });
		case 'too-large':
			return t('fetch.too-large', { mb: Math.round(problem.maxBytes / 2 ** 20) });
		case 'network':
		case 'invalid':
			return t(`fetch.${problem.kind}`, { message: problem.message });
	}
}

const DATA_NOTICE_KEYS = {
	layer: 'dataNotices.layer',
	fonts: 'dataNotices.fonts',
	manifest: 'dataNotices.manifest',
	amenities: 'dataNotices.amenities',
	water: 'dataNotices.water'
} as const satisfies Record<DataNotice['code'], StringKey>;

/** An optional file the app does without, and what that costs. */
export function dataNoticeText(t: Translate, notice: DataNotice): string {
	return t(DATA_NOTICE_KEYS[notice.code], { file: notice.file, reason: fetchProblemText(t, notice.problem) });
}

/** A bad bands or radii list: "“ten” is not a number of minutes." */
export function minutesProblemText(t: Translate, problem: MinutesProblem): string {
	return t(`minutes.${problem.code}`, problem.params);
}

function linkProblemText(t: Translate, param: string, problem: LinkProblem): string {
	switch (problem.code) {
		case 'minutes':
			return minutesProblemText(t, problem.problem);
		case 'not-a-number':
		case 'not-finite':
			return t(`link.${problem.code}`, { what: t(`link.what.${problem.what}`) });
		default: {
			const { code, ...params } = problem;
			return t(`link.${code}`, { param, ...params });
		}
	}
}

/** What a link could not restore: `Ignored "map=banana": expected zoom/lat/lon[/bearing]`. */
export function linkNoticeText(t: Translate, notice: LinkNotice): string {
	switch (notice.code) {
		case 'unreadable':
			return t('link.unreadable');
		case 'unknown-params':
			return t(notice.names.length > 1 ? 'link.unknown-params' : 'link.unknown-param', {
				names: notice.names.map((name) => `"${name}"`).join(', ')
			});
		case 'ignored':
			return t('link.ignored', { param: notice.param, value: notice.value, reason: linkProblemText(t, notice.param, notice.problem) });
	}
}

/** What stopped the walking engine, naming the file or the worker. */
export function engineFailureText(t: Translate, failure: EngineFailure): string {
	switch (failure.code) {
		case 'graph-fetch':
			return t('engine.graphFetch', { file: shortFile(failure.file), reason: fetchProblemText(t, failure.problem) });
		case 'graph-corrupt':
			return t('engine.graphCorrupt', { file: shortFile(failure.file), reason: failure.message });
		case 'engine-start':
			return t('engine.start', { reason: failure.message });
		case 'engine-timeout':
			return t('engine.timeout', { seconds: failure.seconds });
		case 'engine-stopped':
			return t('engine.stopped', { reason: failure.message });
	}
}

/**
 * Why a walk could not be computed: no street near the origin (with the snapping radius and the
 * nearest street), or the worker's error.
 *
 * @param number formats a number in the UI's language (no decimals are asked for)
 */
export function walkFailureText(t: Translate, failure: LifeCircleFailure, number: (value: number) => string): string {
	if (failure.reason === 'error') return t('life.failed', { reason: failure.message });
	const radius = number(failure.radius);
	return failure.nearestDistance === undefined
		? t('life.noStreetUnknown', { radius })
		: t('life.noStreet', { radius, nearest: number(failure.nearestDistance) });
}

/** "data/streets.graph.bin" → "streets.graph.bin": the panel names the file, not its folder. */
function shortFile(file: string): string {
	return file.replace(/^data\//, '');
}

const PNG_FAILURE_CODES = ['no-frame', 'no-canvas', 'no-encoder'] as const;

/**
 * Why a PNG export failed, in the UI's language. The map throws errors carrying a `code` (it may not
 * import this room's words); anything else is shown with its own message rather than lost.
 */
export function pngFailureText(t: Translate, error: unknown): string {
	const coded = error as { code?: unknown; params?: { seconds?: number } } | null;
	const code = PNG_FAILURE_CODES.find((c) => c === coded?.code);
	const message = code
		? t(`share.png.${code}`, { seconds: coded?.params?.seconds ?? 5 })
		: error instanceof Error
			? error.message
			: String(error);
	return t('share.failed', { message });
}
