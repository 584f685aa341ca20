/**
 * Panels fetched on demand (src/routes/lazy.svelte.ts): however often the view, a hover and the idle
 * prefetch ask, the code is imported once; a failed import is not remembered, so the next need retries.
 */
import { describe, expect, test, vi } from 'vitest';
import type { Component } from 'svelte';
import { LazyComponent, prefetch } from '../../src/routes/lazy.svelte';

const Panel = (() => {}) as unknown as Component;

describe('LazyComponent', () => {
	test('one import for any number of callers; the component is there once it has arrived', async () => {
		const importer = vi.fn(async () => ({ default: Panel }));
		const lazy = new LazyComponent(importer);
		expect(lazy.current).toBeNull();
		const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
		await lazy.load();
		expect(importer).toHaveBeenCalledTimes(1);
		expect(a).toBe(Panel);
		expect(b).toBe(Panel);
		expect(lazy.current).toBe(Panel);
	});

	test('a failed import is tried again on the next need, and the failure reaches the caller', async () => {
		let attempts = 0;
		const lazy = new LazyComponent(async () => {
			attempts++;
			if (attempts === 1) throw new Error('offline');
			return { default: Panel };
		});
		await expect(lazy.load()).rejects.toThrow('offline');
		expect(lazy.current).toBeNull();
		await expect(lazy.load()).resolves.toBe(Panel);
		expect(attempts).toBe(2);
		expect(lazy.current).toBe(Panel);
	});

	test('prefetch never throws: a failure is logged, and the next prefetch retries', async () => {
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		let attempts = 0;
		const lazy = new LazyComponent(async () => {
			attempts++;
			if (attempts === 1) throw new Error('offline');
			return { default: Panel };
		});
		prefetch(lazy);
		await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(1));
		prefetch(lazy);
		await vi.waitFor(() => expect(lazy.current).toBe(Panel));
		error.mockRestore();
	});
});
