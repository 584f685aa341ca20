/**
 * Laying a register street along the network (stage 3 of conflate-names.ts): a street's named edges
 * form runs, and a register chain is placed along a run by matching its cross streets to the run's
 * junctions in order.
 */
import type { Network } from './network';
import { deflection } from './plane';
import type { Chain } from './register';
import type { Assignments } from './assignments';

/** A chain of edges in order, the nodes between them, and each node's distance from the first, m. */
export interface Run {
	edges: number[];
	/** nodes[k] is where edges[k] is entered; one more than the edges. */
	nodes: number[];
	/** pos[k]: distance of nodes[k] from nodes[0] along the run, m. */
	pos: number[];
}

export function runFrom(network: Network, edgesInOrder: number[], nodesInOrder: number[]): Run {
	const pos = [0];
	for (const e of edgesInOrder) pos.push(pos[pos.length - 1] + network.edges[e].length);
	return { edges: edgesInOrder, nodes: nodesInOrder, pos };
}

/** Names of the edges at a node, other than those in `exclude`. */
export function crossNames(network: Network, assigned: Assignments, node: number, exclude: Set<number>): Set<string> {
	const names = new Set<string>();
	for (const end of network.nodes[node].ends) if (!exclude.has(end.edge) && assigned[end.edge]?.name) names.add(assigned[end.edge]!.name);
	return names;
}

/**
 * Runs of a street: its named edges chained through the nodes where two of them meet (the pair
 * that continues best when more meet), independent of the strokes, so a bend breaks nothing.
 */
export function runsOf(network: Network, assigned: Assignments, name: string): Run[] {
	const { edges, nodes } = network;
	const mine = edges.map((_, i) => i).filter((i) => assigned[i]?.name === name);
	if (!mine.length) return [];
	const set = new Set(mine);
	const next = new Map<string, number>(); // `${edge}:${node}` → the edge that continues it there
	const touched = new Set<number>();
	for (const e of mine) touched.add(edges[e].fromNode).add(edges[e].toNode);
	for (const n of [...touched].sort((a, b) => a - b)) {
		const ends = nodes[n].ends.filter((x) => set.has(x.edge));
		const pairs: { d: number; i: number; j: number }[] = [];
		for (let i = 0; i < ends.length; i++)
			for (let j = i + 1; j < ends.length; j++) if (ends[i].edge !== ends[j].edge) pairs.push({ d: deflection(ends[i].dir, ends[j].dir), i, j });
		pairs.sort((p, q) => p.d - q.d || p.i - q.i || p.j - q.j);
		const used = new Set<number>();
		for (const p of pairs) {
			if (used.has(p.i) || used.has(p.j) || p.d > 75) continue;
			used.add(p.i).add(p.j);
			next.set(`${ends[p.i].edge}:${n}`, ends[p.j].edge);
			next.set(`${ends[p.j].edge}:${n}`, ends[p.i].edge);
		}
	}
	const other = (e: number, n: number) => (edges[e].fromNode === n ? edges[e].toNode : edges[e].fromNode);
	const done = new Set<number>();
	const out: Run[] = [];
	for (const first of mine) {
		if (done.has(first)) continue;
		// Walk back from the first edge's start to the run's first edge.
		let e = first;
		let n = edges[first].fromNode; // the node we would leave e through when walking back
		const seen = new Set([first]);
		for (;;) {
			const p = next.get(`${e}:${n}`);
			if (p === undefined || seen.has(p)) break;
			seen.add(p);
			n = other(p, n);
			e = p;
		}
		const runEdges: number[] = [];
		const runNodes: number[] = [n];
		for (;;) {
			done.add(e);
			runEdges.push(e);
			const m = other(e, runNodes[runNodes.length - 1]);
			runNodes.push(m);
			const p = next.get(`${e}:${m}`);
			if (p === undefined || done.has(p)) break;
			e = p;
		}
		out.push(runFrom(network, runEdges, runNodes));
	}
	return out;
}

export interface Placement {
	/** Direction and offset: run position of register distance r is `offset + dir * r`. */
	dir: 1 | -1;
	offset: number;
	/** Per chain point: the run node index found there, or -1; and whether its name matched. */
	at: number[];
	named: boolean[];
	score: number;
}

/** How far from where the register puts it a junction may be, m, at `dr` m from the anchor. */
export const tolerance = (dr: number) => 60 + 0.12 * Math.abs(dr);

/**
 * Lays a chain along a run. Every (run node, chain point) pair whose names agree is tried as the
 * anchor, both ways round; the chain points are then matched to run nodes in order (a small dynamic
 * programme): a node whose cross street has the point's name scores 1, another junction within the
 * tolerance 0.3, less a little for the distance from where the register puts it.
 */
export function place(
	network: Network,
	assigned: Assignments,
	run: Run,
	chain: Chain,
	forced?: { node: number; point: number }
): Placement | undefined {
	const runEdges = new Set(run.edges);
	const names = run.nodes.map((node) => crossNames(network, assigned, node, runEdges));
	const anchors: { i: number; j: number }[] = [];
	if (forced) anchors.push({ i: forced.node, j: forced.point });
	else run.nodes.forEach((_, i) => chain.points.forEach((p, j) => names[i].has(p.cross) && anchors.push({ i, j })));
	const n = run.nodes.length;
	const m = chain.points.length;
	let best: Placement | undefined;
	for (const a of anchors) {
		for (const dir of [1, -1] as const) {
			const offset = run.pos[a.i] - dir * chain.points[a.j].r;
			// gain[j][i]: value of matching point j to node i (or -Infinity when not allowed).
			const gain = chain.points.map((p, j) => {
				const want = offset + dir * p.r;
				const tol = tolerance(p.r - chain.points[a.j].r);
				return run.nodes.map((node, i) => {
					if (j === a.j && i === a.i) return 10; // the anchor itself
					const d = Math.abs(run.pos[i] - want);
					if (d > tol) return -Infinity;
					const isNamed = names[i].has(p.cross);
					const isEnd = i === 0 || i === n - 1;
					if (!isNamed && network.nodes[node].ends.length < 3 && !isEnd) return -Infinity;
					// A junction whose cross street already has another name is probably not this cross
					// street (or the other name is wrong): it may be matched, but counts against.
					if (!isNamed && names[i].size > 0) return 0.05 - (0.02 * d) / tol;
					return (isNamed ? 1 : 0.3) - (0.2 * d) / tol;
				});
			});
			// Order of nodes along the chain: increasing when dir = 1.
			const order = dir === 1 ? [...Array(n).keys()] : [...Array(n).keys()].reverse();
			// dp[j][k]: best score of points 0..j with point j at order[k] or before (k = -1: none yet).
			const dp: number[][] = [];
			const choice: number[][] = [];
			for (let j = 0; j < m; j++) {
				dp.push(new Array(n + 1).fill(0));
				choice.push(new Array(n + 1).fill(-1));
				for (let k = 0; k <= n; k++) {
					// k: number of nodes (in order) available to points 0..j.
					let v = j > 0 ? dp[j - 1][k] : 0; // point j unmatched
					let c = -1;
					if (k > 0) {
						if (dp[j][k - 1] > v) {
							v = dp[j][k - 1];
							c = choice[j][k - 1];
						}
						const g = gain[j][order[k - 1]];
						const prev = j > 0 ? dp[j - 1][k - 1] : 0;
						if (g > -Infinity && prev + g > v) {
							v = prev + g;
							c = k - 1;
						}
					}
					dp[j][k] = v;
					choice[j][k] = c;
				}
			}
			const at = new Array<number>(m).fill(-1);
			let k = n;
			for (let j = m - 1; j >= 0; j--) {
				const c = choice[j][k];
				// c = -1 means point j unmatched with k nodes; find whether dp came from the match.
				if (c >= 0 && gain[j][order[c]] > -Infinity && Math.abs((j > 0 ? dp[j - 1][c] : 0) + gain[j][order[c]] - dp[j][k]) < 1e-9) {
					at[j] = order[c];
					k = c;
				}
			}
			const named = at.map((i, j) => i >= 0 && names[i].has(chain.points[j].cross));
			// A register junction predicted inside the run but not found there counts against the
			// placement: it tells which way a street goes from an anchor at its end.
			const runLength = run.pos[n - 1];
			const score = at.reduce((t, i, j) => {
				if (i >= 0) return t + (named[j] ? 1 : names[i].size > 0 ? -0.2 : 0.3);
				const want = offset + dir * chain.points[j].r;
				return t - (want > 0 && want < runLength ? 0.3 : 0);
			}, 0);
			if (!best || score > best.score + 1e-9) best = { dir, offset, at, named, score };
		}
	}
	return best;
}
