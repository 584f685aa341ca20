/**
 * Stage 3 of conflate-names.ts, the register topology, repeated until nothing changes (at most 8
 * passes): each register street's chain is laid along the street's named runs, anchored at a junction
 * where a named cross street meets it, and then
 * - *trim*: reference-named edges wholly beyond the register's ends are unnamed (a rough reference
 *   ran on into the next street: 华阳路's reference over the north end of 定西路);
 * - *extend*: the name continues along the stroke, edge by edge, to the register's length;
 * - *infer*: where a placement held by two named junctions puts a cross street on an unnamed stroke,
 *   that stroke takes the cross street's name, laid by the cross street's own chain: a stroke crossing
 *   安化路 about 710 m from 江苏路 is 安西路. With two named junctions confirming it, the inference may
 *   also replace a low-confidence reference name.
 */
import type { Network } from './network';
import { deflection } from './plane';
import { place, runFrom, runsOf, tolerance } from './placement';
import type { RegisterIndex } from './register';
import type { Assignments } from './assignments';

/** Passes over every street before the topology gives up converging. */
const MAX_PASSES = 8;

/**
 * Run the register topology. Changes `assigned` in place.
 *
 * @param network the network (its strokes guide the extension)
 * @param index the register
 * @param assigned the names so far (references, bus stops)
 */
export function applyRegisterTopology(network: Network, index: RegisterIndex, assigned: Assignments): void {
	const { edges, nodes, strokes, strokeOf } = network;
	/** Cross-street junctions found by the placement of the named streets: street name → nodes. */
	const seeds = new Map<string, { node: number; from: string; fromEdges: Set<number> }[]>();

	function extendAndSeed(street: string): boolean {
		let changed = false;
		for (const chain of index.chains.get(street) ?? []) {
			for (const run of runsOf(network, assigned, street)) {
				const placement = place(network, assigned, run, chain);
				if (!placement || placement.named.filter(Boolean).length === 0) continue;
				const registerAt = chain.points.map((p) => placement.offset + placement.dir * p.r);
				// Trim: reference-named edges inside the district that lie wholly beyond where the
				// register puts the street's ends belong to another street (a rough reference ran on).
				if ((index.chains.get(street) ?? []).length === 1) {
					const lo = Math.min(...registerAt) - tolerance(0);
					const hi = Math.max(...registerAt) + tolerance(0);
					run.edges.forEach((e, k) => {
						const [p0, p1] = [run.pos[k], run.pos[k + 1]];
						const a = assigned[e]!;
						if ((p1 <= lo || p0 >= hi) && edges[e].lengthInDistrict > edges[e].length / 2 && !a.method.startsWith('register') && !a.stops) {
							assigned[e] = undefined;
							changed = true;
						}
					});
					// Once anything changed for this street in this pass, its other runs are stale: they wait
					// for the next pass.
					if (changed) continue;
				}
				// Extend along the stroke where the register goes on beyond the run's ends.
				const need = [Math.max(0, -Math.min(...registerAt)), Math.max(0, Math.max(...registerAt) - run.pos[run.pos.length - 1])];
				const ends: [number, number][] = [
					[run.edges[0], run.nodes[0]],
					[run.edges[run.edges.length - 1], run.nodes[run.nodes.length - 1]]
				];
				ends.forEach(([endEdge, endNode], side) => {
					// Walk on from the run's end through the best-continuing unnamed edge at each node (the
					// stroke partner when there is one; otherwise any edge deflecting less than 45°).
					let e = endEdge;
					let node = endNode;
					let got = 0;
					while (need[side] - got > tolerance(0) / 2) {
						const inDir = nodes[node].ends.find((x) => x.edge === e && (x.atStart ? edges[e].fromNode : edges[e].toNode) === node)!.dir;
						const stroke = strokes[strokeOf[e]];
						const k = stroke.edges.indexOf(e);
						const strokeNext = stroke.nodes[k] === node ? stroke.edges[k - 1] : stroke.nodes[k + 1] === node ? stroke.edges[k + 1] : undefined;
						const options = nodes[node].ends
							.filter((x) => x.edge !== e && !assigned[x.edge])
							.map((x) => ({ edge: x.edge, atStart: x.atStart, d: deflection(x.dir, inDir) }))
							.filter((x) => x.edge === strokeNext || x.d < 45)
							.sort((p, q) => Number(q.edge === strokeNext) - Number(p.edge === strokeNext) || p.d - q.d || p.edge - q.edge);
						const next = options[0];
						// Edges are not split: take one while its middle lies within the register's reach.
						if (!next || got + edges[next.edge].length / 2 > need[side]) break;
						assigned[next.edge] = { name: street, method: 'register-extension', base: 1, anchors: 1, codes: new Set() };
						got += edges[next.edge].length;
						changed = true;
						e = next.edge;
						node = next.atStart ? edges[e].toNode : edges[e].fromNode;
					}
				});
				// Seeds for unnamed cross streets: only from a placement that two named junctions hold,
				// and only between (or at) those junctions, where the register's distances are interpolated.
				const namedPoints = placement.named.map((v, j) => (v ? j : -1)).filter((j) => j >= 0);
				if (namedPoints.length < 2) continue;
				const runEdges = new Set(run.edges);
				chain.points.forEach((p, j) => {
					if (placement.at[j] < 0 || !index.byStreet.has(p.cross) || j < namedPoints[0] - 2 || j > namedPoints[namedPoints.length - 1] + 2) return;
					const node = run.nodes[placement.at[j]];
					const list = seeds.get(p.cross) ?? [];
					if (!list.some((s) => s.node === node)) list.push({ node, from: street, fromEdges: runEdges });
					seeds.set(p.cross, list);
				});
			}
		}
		return changed;
	}

	/** A register street with no named edges yet: lay it along a stroke through a seed junction. */
	function inferFromSeeds(street: string): boolean {
		const list = seeds.get(street);
		if (!list || runsOf(network, assigned, street).length) return false;
		let best: { score: number; edges: number[]; named: number } | undefined;
		for (const seed of [...list].sort((a, b) => a.node - b.node)) {
			const strokeIds = [...new Set(nodes[seed.node].ends.filter((x) => !seed.fromEdges.has(x.edge)).map((x) => strokeOf[x.edge]))].sort((a, b) => a - b);
			for (const strokeId of strokeIds) {
				const stroke = strokes[strokeId];
				if (stroke.edges.some((e) => seed.fromEdges.has(e))) continue;
				const run = runFrom(network, stroke.edges, stroke.nodes);
				const i = stroke.nodes.indexOf(seed.node);
				if (i < 0) continue;
				for (const chain of index.chains.get(street)!) {
					const j = chain.points.findIndex((p) => p.cross === seed.from);
					if (j < 0) continue;
					const placement = place(network, assigned, run, chain, { node: i, point: j });
					if (!placement) continue;
					// The part of the stroke the register covers, snapped to the nodes found.
					const found = placement.at.filter((x) => x >= 0);
					const lo = Math.min(...found);
					const hi = Math.max(...found);
					if (hi <= lo) continue;
					const span = stroke.edges.slice(lo, hi);
					const named = placement.named.filter(Boolean).length;
					// Only unnamed edges — or, when two named junctions confirm it, edges that a rough
					// reference alone (low confidence, nothing from the register) had named otherwise.
					const weak = (e: number) =>
						!assigned[e] || (named >= 2 && assigned[e]!.base <= 1 && assigned[e]!.codes.size === 0 && !assigned[e]!.method.startsWith('register') && !assigned[e]!.stops);
					if (!span.every(weak)) continue;
					const score = placement.score + (named >= 2 ? 1 : 0);
					if (!best || score > best.score) best = { score, edges: span, named };
				}
			}
		}
		if (!best) return false;
		for (const e of best.edges) assigned[e] = { name: street, method: 'register-topology', base: 1, anchors: best.named >= 2 ? 2 : 1, codes: new Set() };
		return true;
	}

	for (let pass = 0; pass < MAX_PASSES; pass++) {
		let changed = false;
		seeds.clear();
		for (const s of index.streetNames) changed = extendAndSeed(s) || changed;
		for (const s of index.streetNames) changed = inferFromSeeds(s) || changed;
		if (!changed) break;
	}
}
