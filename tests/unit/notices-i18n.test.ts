import { describe, it, expect } from 'vitest';
import { decodeState } from '$lib/state/url-state';
import { translateNotice } from '$lib/i18n/notices';

describe('link notices in Chinese', () => {
	const { notices } = decodeState(
		'?map=banana&hide=nolayer&place=nowhere&bands=5,999&lang=xx&speed=40&origin=1,2&foo=1&tool=fly&map=1/2/3',
		['silicon-alley']
	);

	it('puts every notice the decoder writes into Chinese, keeping the parameter as written', () => {
		expect(notices.length).toBeGreaterThanOrEqual(8);
		for (const notice of notices) {
			const zh = translateNotice('zh', notice);
			expect(zh, notice).toMatch(/^已忽略/);
			// The reason is translated, not left in English (the echoed parameter may be anything).
			const reason = zh.split('：').slice(1).join('：');
			if (reason) expect(reason, notice).not.toMatch(/\b(expected|unknown|must|between|outside|given|number)\b/);
			const echo = /"[^"]*"/.exec(notice)?.[0];
			if (echo) expect(zh).toContain(echo);
		}
	});

	it('leaves English untouched and never drops a reason it does not know', () => {
		for (const notice of notices) expect(translateNotice('en', notice)).toBe(notice);
		expect(translateNotice('zh', 'Ignored "x=1": a reason nobody wrote a rule for')).toBe('已忽略 "x=1"：a reason nobody wrote a rule for');
	});
});
