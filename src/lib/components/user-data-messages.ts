/**
 * The user-layer panel's sentences, picked from codes: an import problem, the coordinate-system
 * guess with its evidence, what a file brought. Producers (src/lib/data/import, the user-layer
 * state) return codes with parameters; this is the one place that words them (as messages.ts does
 * for the rest of the app), from the table that comes with the panel (src/lib/i18n/user-data.ts).
 */
import type { Crs, CrsDetection, ImportProblem } from '$lib/data/import';
import type { Lang } from '$lib/i18n/strings';
import { userDataText, type UserDataKey } from '$lib/i18n/user-data';
import type { UserDataMessage } from '$lib/state/user-layers.svelte';

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** One import problem in a language: "The JSON is broken near line 3: …". */
export function importProblemText(lang: Lang, problem: ImportProblem): string {
	const key = `import.${problem.code}` as UserDataKey;
	switch (problem.code) {
		case 'too-large':
			return userDataText(lang, key, { mb: mb(problem.params.bytes), maxMb: mb(problem.params.maxBytes) });
		case 'json-syntax':
			// Line 0: the parser did not say where.
			return userDataText(lang, problem.params.line > 0 ? key : 'import.json-syntax.noLine', problem.params);
		case 'bad-features':
			return userDataText(lang, key, { ...problem.params, reason: userDataText(lang, `import.reason.${problem.params.reason}`) });
		default:
			return userDataText(lang, key, problem.params as Record<string, string | number>);
	}
}

export function crsName(lang: Lang, crs: Crs): string {
	return userDataText(lang, `userData.crs.${crs}`);
}

const percent = (share: number) => Math.round(share * 100);

/**
 * The guess in plain words, with its evidence: "Guess: GCJ-02 (AMap/Tencent), high confidence: 46%
 * of points within 30 m of a street against 10% by chance."
 */
export function detectionText(lang: Lang, detection: CrsDetection | null): string {
	if (!detection) return userDataText(lang, 'userData.guess.unchecked');
	switch (detection.kind) {
		case 'detected': {
			const score = detection.scores.find((s) => s.crs === detection.crs);
			return userDataText(lang, 'userData.guess.detected', {
				crs: crsName(lang, detection.crs),
				confidence: userDataText(lang, `userData.confidence.${detection.confidence}`),
				onStreet: percent(score?.onStreet ?? 0),
				chance: percent(score?.chance ?? 0)
			});
		}
		case 'mixed': {
			const score = detection.scores.find((s) => s.crs === detection.crs);
			return userDataText(lang, 'userData.guess.mixed', {
				crs: crsName(lang, detection.crs),
				others: detection.others.map((c) => crsName(lang, c)).join(lang === 'zh' ? '、' : ', '),
				onStreet: percent(score?.onStreet ?? 0),
				chance: percent(score?.chance ?? 0)
			});
		}
		case 'outside-china':
			return userDataText(lang, 'userData.guess.outside-china', { outside: detection.outside, sampled: detection.sampled });
		case 'undetermined':
			return userDataText(lang, 'userData.guess.undetermined', { reason: userDataText(lang, `userData.reason.${detection.reason}`) });
	}
}

/** What a file brought, as one sentence. */
export function userDataMessageText(lang: Lang, message: UserDataMessage): string {
	switch (message.kind) {
		case 'added':
			return userDataText(lang, 'userData.added', { name: message.name });
		case 'failed':
			return userDataText(lang, 'userData.failed', { name: message.name, reason: importProblemText(lang, message.problem) });
		case 'osm-extract':
			return userDataText(lang, 'userData.osm', { name: message.name, format: message.format });
		case 'not-saved':
			return userDataText(lang, 'userData.notSaved', { name: message.name, message: message.message });
	}
}
