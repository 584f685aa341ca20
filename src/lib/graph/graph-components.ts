import type { StreetGraph } from './street-graph-buffer';

/**
 * Connected components of the graph (iterative BFS).
 *
 * @param {StreetGraph} graph the graph
 * @returns {Uint32Array} component id per node (0-based, in order of lowest node id)
 */
export function connectedComponents(graph: StreetGraph): Uint32Array {
	const { nodeCount, offsets, targets } = graph;
	const comp = new Uint32Array(nodeCount).fill(0xffffffff);
	const queue = new Uint32Array(nodeCount);
	let next = 0;
	for (let s = 0; s < nodeCount; s++) {
		if (comp[s] !== 0xffffffff) continue;
		const id = next++;
		let head = 0;
		let tail = 0;
		queue[tail++] = s;
		comp[s] = id;
		while (head < tail) {
			const u = queue[head++];
			for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
				const v = targets[e];
				if (comp[v] === 0xffffffff) {
					comp[v] = id;
					queue[tail++] = v;
				}
			}
		}
	}
	return comp;
}
