/**
 * Components the first view does not draw, fetched on demand. The page chunk then carries only what
 * the first map view shows; a panel's code arrives when the view needs it, when a person reaches for
 * the control that opens it (hover, focus, touch), or on the first idle moment after the map has
 * drawn, whichever comes first, so opening a tool later shows no loading gap.
 */
import type { Component } from 'svelte';
import type { Attachment } from 'svelte/attachments';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the props of whatever component is imported
type AnyComponent = Component<any>;

export class LazyComponent<C extends AnyComponent = AnyComponent> {
	/** The component once its code has arrived; null before (the view renders nothing in its place). */
	current = $state.raw<C | null>(null);
	#pending: Promise<C> | null = null;
	readonly #importer: () => Promise<{ default: C }>;

	/** @param importer a dynamic `import()` of the component's module (kept literal so the bundler splits it). */
	constructor(importer: () => Promise<{ default: C }>) {
		this.#importer = importer;
	}

	/**
	 * Fetch the code, once: later calls share the first import. A failed import (the network dropped)
	 * is forgotten, so the next call tries again instead of keeping the failure for the session.
	 */
	load(): Promise<C> {
		this.#pending ??= this.#importer().then(
			(module) => (this.current = module.default),
			(error: unknown) => {
				this.#pending = null;
				throw error;
			}
		);
		return this.#pending;
	}
}

/** Start fetching, for a view that needs the code now or soon; a failure is logged and retried on the next need. */
export function prefetch(...lazies: LazyComponent[]): void {
	for (const lazy of lazies) {
		lazy.load().catch((error: unknown) => console.error('A panel could not be loaded:', error));
	}
}

/**
 * An attachment that prefetches when a person reaches for the element: a pointer over it, focus
 * inside it, a touch. On a wrapper with `display: contents` it covers the controls inside it, since
 * these events bubble.
 */
export function prefetchOnIntent(...lazies: LazyComponent[]): Attachment<HTMLElement> {
	return (element) => {
		const intent = () => prefetch(...lazies);
		const events = ['pointerover', 'focusin', 'touchstart'] as const;
		for (const type of events) element.addEventListener(type, intent, { passive: true });
		return () => {
			for (const type of events) element.removeEventListener(type, intent);
		};
	};
}

/**
 * Run `task` when the browser is next idle (requestIdleCallback; a plain timeout where it is
 * missing, as in Safari). Returns a cancel function for an `$effect` to return.
 */
export function whenIdle(task: () => void, timeoutMs = 2000): () => void {
	if (typeof requestIdleCallback === 'function') {
		const handle = requestIdleCallback(task, { timeout: timeoutMs });
		return () => cancelIdleCallback(handle);
	}
	const handle = setTimeout(task, 1);
	return () => clearTimeout(handle);
}
