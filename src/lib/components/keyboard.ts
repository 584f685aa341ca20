/**
 * The page's keyboard: which key events are shortcuts, and moving focus into a panel that opens.
 * The keys are declared here once; the shortcut list (ShortcutList.svelte) shows these same keys.
 */
import { MODES, type Mode } from '$lib/state/mode';

/** Whether a key event comes from a place where the user is typing (so shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The page's own shortcut keys (the map's and the tools' own keys are theirs: see ShortcutList). */
export const PAGE_KEYS = {
	/** Opens the list of shortcuts. */
	help: '?',
	/** Puts the cursor in the place search. */
	search: '/',
	/** One digit per tool, in the order the mode switch shows them. */
	modes: MODES.map((_, i) => String(i + 1))
} as const;

/** What a page shortcut asks for. */
export type PageShortcut = { kind: 'help' } | { kind: 'search' } | { kind: 'mode'; mode: Mode };

/**
 * The page shortcut a key press asks for, or null: never while typing (a `?` in the minutes box is a
 * character), never with Ctrl, Alt or ⌘ (the browser's and the system's keys), never for a key a
 * handler nearer the target has already taken.
 *
 * @example pageShortcut({ key: '2', target: document.body, ... }); // { kind: 'mode', mode: 'life-circle' }
 */
export function pageShortcut(
	event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'altKey' | 'metaKey' | 'defaultPrevented'>
): PageShortcut | null {
	if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTypingTarget(event.target)) return null;
	if (event.key === PAGE_KEYS.help) return { kind: 'help' };
	if (event.key === PAGE_KEYS.search) return { kind: 'search' };
	const index = (PAGE_KEYS.modes as readonly string[]).indexOf(event.key);
	return index >= 0 ? { kind: 'mode', mode: MODES[index] } : null;
}

let personActed = false;

/**
 * Whether a person has pressed a key, a mouse button or the screen on this page yet. Before that,
 * whatever opened (a link to a place or a tool) is the link's doing, and the focus stays at the start
 * of the page. (`navigator.userActivation` cannot tell: a navigation may count as activation.)
 */
export function hasPersonActed(): boolean {
	return personActed;
}

/** Listen for the first key or pointer press (the page calls this once); returns the stop function. */
export function watchForPerson(): () => void {
	const acted = () => {
		personActed = true;
		stop();
	};
	const stop = () => {
		window.removeEventListener('keydown', acted, true);
		window.removeEventListener('pointerdown', acted, true);
	};
	window.addEventListener('keydown', acted, true);
	window.addEventListener('pointerdown', acted, true);
	return stop;
}

/** Marks the heading of the panel the map's side slot shows (a tool, a place): where focus goes when it opens. */
export const PANEL_HEADING = '[data-panel-heading]';

/** The heading of the open panel, if one is open and its code has arrived. */
export function panelHeading(): HTMLElement | null {
	return document.querySelector<HTMLElement>(PANEL_HEADING);
}

/**
 * Move focus to what `find` returns, as soon as it is in the document: a panel's code may still be on
 * its way when its tool is chosen. Focus is never taken from where the person has moved it since:
 * only while it is still on `from` (the control that opened the panel) or nowhere (the page body).
 * Gives up after `timeoutMs` (0: try once, now).
 *
 * @returns a function that stops waiting (a newer request replaces an older one)
 */
export function focusWhenShown(find: () => HTMLElement | null, from: Element | null, timeoutMs = 10_000): () => void {
	const attempt = (): boolean => {
		const active = document.activeElement;
		if (active !== from && active !== document.body && active !== null) return true;
		const target = find();
		if (!target) return false;
		target.focus();
		return true;
	};
	if (attempt() || timeoutMs <= 0) return () => {};
	const observer = new MutationObserver(() => {
		if (attempt()) stop();
	});
	const timer = setTimeout(() => stop(), timeoutMs);
	function stop() {
		observer.disconnect();
		clearTimeout(timer);
	}
	observer.observe(document.body, { childList: true, subtree: true });
	return stop;
}

/**
 * After a tool was chosen (by its button or its key): focus its panel's heading, so the next Tab is
 * the tool's first control instead of every layer and place in between. Browse has a panel only with
 * a place selected, so it is not waited for.
 */
export function focusToolPanel(mode: Mode, from: Element | null): () => void {
	return focusWhenShown(panelHeading, from, mode === 'browse' ? 0 : 10_000);
}
