/**
 * Notices and errors are data (codes with parameters), worded in one place (components/messages.ts)
 * from the string tables; the Chinese table is a module of its own, loaded on demand.
 */
import { describe, it, expect } from 'vitest';
import { decodeState, type LinkNotice, type LinkProblem } from '$lib/state/url-decode';
import { dataNoticeText, engineFailureText, fetchProblemText, linkNoticeText, pngFailureText, walkFailureText, type Translate } from '$lib/components/messages';
import { PngExportError } from '$lib/map/export-png';
import { hasStrings, loadStrings, translate, type Lang } from '$lib/i18n/strings';
import en from '$lib/i18n/en';
import type { FetchProblem } from '$lib/data/fetch';
import type { DataNotice } from '$lib/data/load';
import type { EngineFailure } from '$lib/state/engine.svelte';

const tr = (lang: Lang): Translate => (key, params) => translate(lang, key, params);
/** Any Chinese character: a sentence that has none was not translated. */
const CJK = /[\u4e00-\u9fff]/;
/** A `{name}` left in the text: a parameter the caller did not give. */
const PLACEHOLDER = /\{\w+\}/;

/** One problem of every code, so a new code without words fails here. */
const PROBLEMS: Record<LinkProblem['code'], LinkProblem> = {
	'expected-lang': { code: 'expected-lang' },
	'expected-map': { code: 'expected-map' },
	'expected-point': { code: 'expected-point' },
	'unknown-layer': { code: 'unknown-layer' },
	'unknown-place': { code: 'unknown-place' },
	'unreadable-value': { code: 'unreadable-value' },
	'expected-tool': { code: 'expected-tool', tools: 'browse, life-circle, measure' },
	'not-a-number': { code: 'not-a-number', what: 'zoom' },
	'not-finite': { code: 'not-finite', what: 'latitude' },
	'zoom-range': { code: 'zoom-range', min: 0, max: 24 },
	'speed-range': { code: 'speed-range', min: 0.5, max: 10 },
	'outside-shanghai': { code: 'outside-shanghai', point: '2.35,48.85', west: 121, east: 122, south: 30.7, north: 31.9 },
	'unknown-preset': { code: 'unknown-preset', known: 'shanghai-standard, adult' },
	'unknown-category': { code: 'unknown-category', known: 'bus-stop, childcare' },
	'too-many-points': { code: 'too-many-points', max: 50 },
	repeated: { code: 'repeated' },
	'preset-overridden': { code: 'preset-overridden', speed: '5' },
	minutes: { code: 'minutes', problem: { code: 'nan', params: { part: 'ten' } } }
};
const NOTICES: LinkNotice[] = [
	...Object.values(PROBLEMS).map((problem): LinkNotice => ({ code: 'ignored', param: 'map', value: 'banana', problem })),
	{ code: 'unknown-params', names: ['utm_source'] },
	{ code: 'unknown-params', names: ['utm_source', 'foo'] },
	{ code: 'unreadable' }
];
const FETCH_PROBLEMS: FetchProblem[] = [
	{ kind: 'http', status: 404, statusText: 'Not Found' },
	{ kind: 'network', message: 'Failed to fetch' },
	{ kind: 'timeout', seconds: 20 },
	{ kind: 'too-large', maxBytes: 32 * 2 ** 20 },
	{ kind: 'invalid', message: 'not valid JSON' }
];
const DATA_NOTICES: DataNotice[] = (['layer', 'fonts', 'manifest', 'amenities', 'water'] as const).map((code) => ({
	code,
	file: `data/${code}.json`,
	problem: { kind: 'http', status: 404, statusText: 'Not Found' }
}));
const ENGINE_FAILURES: EngineFailure[] = [
	{ code: 'graph-fetch', file: 'data/streets.graph.bin', problem: { kind: 'timeout', seconds: 20 } },
	{ code: 'graph-corrupt', file: 'data/streets.graph.bin', message: 'bad magic' },
	{ code: 'engine-start', message: 'boom' },
	{ code: 'engine-timeout', seconds: 20 },
	{ code: 'engine-stopped', message: 'boom' }
];

describe('the Chinese strings', () => {
	it('are loaded on demand; until then the UI reads English, never keys', async () => {
		expect(hasStrings('zh')).toBe(false);
		expect(translate('zh', 'app.title')).toBe(en['app.title']);
		await loadStrings('zh');
		expect(hasStrings('zh')).toBe(true);
		expect(translate('zh', 'app.title')).toBe('长宁图鉴');
	});
});

describe('notices and errors in both languages', () => {
	it('words every link notice the decoder can write, filling every parameter', async () => {
		await loadStrings('zh');
		for (const notice of NOTICES) {
			const english = linkNoticeText(tr('en'), notice);
			const chinese = linkNoticeText(tr('zh'), notice);
			expect(english, JSON.stringify(notice)).not.toMatch(PLACEHOLDER);
			expect(chinese, JSON.stringify(notice)).not.toMatch(PLACEHOLDER);
			expect(english).toMatch(/^Ignored /);
			expect(chinese).toMatch(/^已忽略/);
			if (notice.code === 'ignored') {
				// The parameter as written stays, and the reason after it is Chinese.
				expect(chinese).toContain('"map=banana"');
				expect(chinese.split('：').slice(1).join('：'), JSON.stringify(notice)).toMatch(CJK);
			}
		}
	});

	it('words what a real bad link decodes to', async () => {
		await loadStrings('zh');
		const { notices } = decodeState('?map=banana&hide=nolayer&place=nowhere&bands=5,999&lang=xx&speed=40&origin=1,2&foo=1&tool=fly&map=1/2/3', ['silicon-alley']);
		expect(notices.length).toBeGreaterThanOrEqual(8);
		for (const notice of notices) {
			const chinese = linkNoticeText(tr('zh'), notice);
			expect(chinese).toMatch(/^已忽略/);
			// No English sentence is left in the reason (the echoed parameter may be anything).
			const reason = chinese.split('：').slice(1).join('：');
			if (reason) expect(reason, chinese).not.toMatch(/\b(expected|unknown|must|between|outside|given|number)\b/);
		}
	});

	it('words fetch problems, data notices and engine failures, filling every parameter', async () => {
		await loadStrings('zh');
		for (const lang of ['en', 'zh'] as const) {
			const t = tr(lang);
			const texts = [
				...FETCH_PROBLEMS.map((p) => fetchProblemText(t, p)),
				...DATA_NOTICES.map((n) => dataNoticeText(t, n)),
				...ENGINE_FAILURES.map((f) => engineFailureText(t, f)),
				walkFailureText(t, { ok: false, reason: 'no-walkable-street', message: 'x', radius: 250, nearestDistance: 400 }, String),
				walkFailureText(t, { ok: false, reason: 'no-walkable-street', message: 'x', radius: 250 }, String),
				walkFailureText(t, { ok: false, reason: 'error', message: 'boom' }, String)
			];
			for (const text of texts) expect(text, text).not.toMatch(PLACEHOLDER);
			if (lang === 'zh') for (const text of texts.slice(FETCH_PROBLEMS.length)) expect(text, text).toMatch(CJK);
		}
		// The English words of the fault suite's checks stay as they were.
		expect(fetchProblemText(tr('en'), FETCH_PROBLEMS[0])).toBe('404 Not Found');
		expect(fetchProblemText(tr('en'), FETCH_PROBLEMS[2])).toBe('no answer within 20 s');
		expect(engineFailureText(tr('en'), ENGINE_FAILURES[0])).toBe('The walking network (streets.graph.bin) could not be loaded: no answer within 20 s.');
	});
});

describe('PNG export failures', () => {
	it('are worded from their code in both languages, with the seconds filled in', async () => {
		await loadStrings('zh');
		for (const error of [new PngExportError('no-frame', { seconds: 5 }), new PngExportError('no-canvas'), new PngExportError('no-encoder')]) {
			const zh = pngFailureText(tr('zh'), error);
			expect(zh).toMatch(CJK);
			expect(zh).not.toContain(error.message);
			expect(zh).not.toMatch(PLACEHOLDER);
			expect(pngFailureText(tr('en'), error)).not.toMatch(PLACEHOLDER);
		}
		expect(pngFailureText(tr('en'), new PngExportError('no-frame', { seconds: 7 }))).toContain('7');
	});

	it('keep the message of an error without a known code rather than lose it', () => {
		expect(pngFailureText(tr('en'), new Error('disk full'))).toContain('disk full');
		expect(pngFailureText(tr('en'), 'odd')).toContain('odd');
	});
});
