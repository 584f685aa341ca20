/**
 * A binary min-heap of (id, priority) pairs on two parallel typed arrays, after mourner/flatqueue.
 *
 * Lazy deletion instead of decrease-key: Dijkstra pushes a node again when it finds a shorter path and
 * skips stale entries when popping. The arrays grow by doubling and are never shrunk, so a heap reused
 * across searches stops allocating after the first few.
 */
export class FlatHeap {
	/** Ids, heap-ordered by `values`; only the first `length` entries are meaningful. */
	ids: Uint32Array;
	/** Priorities parallel to `ids`. */
	values: Float64Array;
	/** Number of entries in the heap. */
	length = 0;

	/**
	 * @param {number} [capacity=1024] initial capacity; grows on demand
	 */
	constructor(capacity = 1024) {
		const c = Math.max(16, capacity | 0);
		this.ids = new Uint32Array(c);
		this.values = new Float64Array(c);
	}

	/** Remove every entry (O(1); memory is kept). */
	clear(): void {
		this.length = 0;
	}

	/**
	 * Add an id with a priority.
	 *
	 * @param {number} id unsigned 32-bit integer
	 * @param {number} value priority; lower pops first
	 */
	push(id: number, value: number): void {
		if (this.length === this.ids.length) this.grow();
		const ids = this.ids;
		const values = this.values;
		let pos = this.length++;
		while (pos > 0) {
			const parent = (pos - 1) >> 1;
			const parentValue = values[parent];
			if (value >= parentValue) break;
			ids[pos] = ids[parent];
			values[pos] = parentValue;
			pos = parent;
		}
		ids[pos] = id;
		values[pos] = value;
	}

	/**
	 * Remove and return the id with the lowest priority; read its priority from `peekValue()` first.
	 *
	 * @returns {number} the id, or -1 when empty
	 */
	pop(): number {
		if (this.length === 0) return -1;
		const ids = this.ids;
		const values = this.values;
		const top = ids[0];
		const n = --this.length;
		if (n > 0) {
			const id = ids[n];
			const value = values[n];
			let pos = 0;
			const half = n >> 1;
			while (pos < half) {
				let left = (pos << 1) + 1;
				const right = left + 1;
				if (right < n && values[right] < values[left]) left = right;
				if (values[left] >= value) break;
				ids[pos] = ids[left];
				values[pos] = values[left];
				pos = left;
			}
			ids[pos] = id;
			values[pos] = value;
		}
		return top;
	}

	/** Lowest id without removing it, or -1 when empty. */
	peek(): number {
		return this.length > 0 ? this.ids[0] : -1;
	}

	/** Lowest priority without removing it, or +Infinity when empty. */
	peekValue(): number {
		return this.length > 0 ? this.values[0] : Infinity;
	}

	private grow(): void {
		const c = this.ids.length * 2;
		const ids = new Uint32Array(c);
		const values = new Float64Array(c);
		ids.set(this.ids);
		values.set(this.values);
		this.ids = ids;
		this.values = values;
	}
}
