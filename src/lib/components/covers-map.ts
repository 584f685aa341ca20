/**
 * `{@attach coversMap(app, 'details')}`: tells the app where an element drawn over the map is, so the
 * map frames results in the part no panel covers (the camera padding: src/lib/geo/padding.ts).
 */
import type { Attachment } from 'svelte/attachments';
import type { AppState } from '$lib/state/app.svelte';

/**
 * Report an element's rectangle on the screen as covering the map, under `key`, while it is
 * attached and `covering` is true; nothing is reported for an element with no size (hidden, empty).
 *
 * The rectangle is measured again when the element changes size (ResizeObserver: a panel that
 * opens or grows), when a CSS transition on it ends (a bottom sheet slides in by `transform`, which
 * moves it without resizing it, so no ResizeObserver call comes) and when the window resizes (the
 * element may move without resizing). `covering` says at once what a transition would only say at
 * its end: pass false for a sheet that is closing, so the map need not wait for it to slide away.
 *
 * @param app the app state (attachments run outside component setup, where getAppState() works)
 * @param key one per element: a later report under the same key replaces the earlier one
 * @param covering whether the element counts at all (default true)
 * @example
 * <nav {@attach coversMap(app, 'sidebar', sheetOpen)}>…</nav>
 */
export function coversMap(app: Pick<AppState, 'setCover'>, key: string, covering = true): Attachment<HTMLElement> {
	return (element) => {
		if (!covering) return;
		const measure = () => {
			const r = element.getBoundingClientRect();
			app.setCover(key, r.width > 0 && r.height > 0 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null);
		};
		measure();
		const observer = new ResizeObserver(measure);
		observer.observe(element);
		element.addEventListener('transitionend', measure);
		window.addEventListener('resize', measure);
		return () => {
			observer.disconnect();
			element.removeEventListener('transitionend', measure);
			window.removeEventListener('resize', measure);
			app.setCover(key, null);
		};
	};
}
