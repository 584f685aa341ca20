import { describe, it, expect } from 'vitest';
import { FlatHeap } from '../../../src/lib/graph/heap';
import { mulberry32 } from '../../../src/lib/graph/random';

describe('FlatHeap', () => {
	it('pops in priority order, growing past its initial capacity', () => {
		const rand = mulberry32(11);
		const heap = new FlatHeap(16);
		const values: number[] = [];
		for (let i = 0; i < 1000; i++) {
			const v = Math.floor(rand() * 500);
			values.push(v);
			heap.push(i, v);
		}
		const popped: number[] = [];
		while (heap.length > 0) {
			const v = heap.peekValue();
			const id = heap.pop();
			expect(values[id]).toBe(v);
			popped.push(v);
		}
		expect(popped).toEqual([...values].sort((a, b) => a - b));
		expect(heap.pop()).toBe(-1);
		expect(heap.peekValue()).toBe(Infinity);
	});

	it('is reusable after clear()', () => {
		const heap = new FlatHeap();
		heap.push(1, 5);
		heap.clear();
		heap.push(2, 3);
		expect(heap.peek()).toBe(2);
		expect(heap.length).toBe(1);
	});
});
