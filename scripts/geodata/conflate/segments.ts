/**
 * Stage 4 of conflate-names.ts: register segments onto edges. Each street's chain is placed along its
 * runs once more; the segments between two found junctions carry their codes onto the edges between
 * them, and those not matched are listed with the reason.
 */
import type { Network } from './network';
import { crossNames, place, runsOf, type Placement, type Run } from './placement';
import { LANDMARK, LANE, SERVICE_ROAD, type RegisterIndex } from './register';
import type { Assignments } from './assignments';
import type { UnmatchedReason } from './types';

export interface SegmentMatch {
	/** Codes of the register segments laid on the network. */
	matched: Set<string>;
	/** Why each segment that is not matched was not. */
	reasons: Map<string, UnmatchedReason>;
}

/** Why a register segment found no place on the network (checked in this order). */
function unmatchedReason(network: Network, assigned: Assignments, index: RegisterIndex, street: string, runs: Run[], from: string, to: string): UnmatchedReason {
	if (SERVICE_ROAD.test(street)) return 'service road beside a main street: the network has one line per corridor';
	if (LANE.test(street)) return 'lane-level road (弄/宅/浜/村): the road network has no lanes';
	if (!runs.length) return 'street not found in the geometry: no reference line and no register inference reached it';
	if (LANDMARK.test(from) || LANDMARK.test(to)) return 'ends at a landmark, not a street, and could not be placed by length';
	const meets = (run: Run, node: number, cross: string) => crossNames(network, assigned, node, new Set(run.edges)).has(index.normalise(cross));
	if (runs.some((run) => run.nodes.some((n) => meets(run, n, from) || meets(run, n, to)))) return 'beyond the named extent of the street in the geometry';
	return 'cross street not found on the street';
}

/**
 * Lay the register segments on the named edges (adds codes and anchors to `assigned`), then unname the
 * overreach of every street the register covers completely.
 */
export function matchRegisterSegments(network: Network, index: RegisterIndex, assigned: Assignments): SegmentMatch {
	const { edges } = network;
	const matched = new Set<string>();
	const reasons = new Map<string, UnmatchedReason>();
	for (const street of index.streetNames) {
		const runs = runsOf(network, assigned, street);
		for (const chain of index.chains.get(street)!) {
			// The run that the most named junctions hold takes its segments first: a run placed by one
			// anchor must not take the segments of a run that four confirm.
			const placed = runs
				.map((run) => ({ run, placement: place(network, assigned, run, chain) }))
				.filter((x): x is { run: Run; placement: Placement } => x.placement !== undefined)
				.map((x) => ({ ...x, namedCount: x.placement.named.filter(Boolean).length }))
				.sort(
					(a, b) =>
						b.namedCount - a.namedCount || b.placement.score - a.placement.score || edges[a.run.edges[0]].id.localeCompare(edges[b.run.edges[0]].id)
				);
			for (const { run, placement, namedCount } of placed) {
				// Consecutive found points j < k: segments j..k-1 lie on the edges between them. Points
				// with no junction in the geometry (a lane the network lacks) are passed over, and the
				// segments on both sides share those edges.
				const found = placement.at.map((i, j) => (i >= 0 ? j : -1)).filter((j) => j >= 0);
				for (let f = 1; f < found.length; f++) {
					const [j, k] = [found[f - 1], found[f]];
					const [i0, i1] = [placement.at[j], placement.at[k]];
					const segments = chain.segs.slice(j, k);
					if (i0 === i1 || segments.some((s) => matched.has(s.code))) continue;
					const span = run.edges.slice(Math.min(i0, i1), Math.max(i0, i1));
					for (const e of span) {
						for (const s of segments) assigned[e]!.codes.add(s.code);
						assigned[e]!.anchors = Math.max(assigned[e]!.anchors, namedCount >= 2 ? 2 : 1);
					}
					for (const s of segments) matched.add(s.code);
				}
			}
			for (const segment of chain.segs) {
				if (matched.has(segment.code)) continue;
				reasons.set(segment.code, unmatchedReason(network, assigned, index, street, runs, segment.from, segment.to));
			}
		}
	}
	for (const code of matched) reasons.delete(code);
	// A street the register covers completely (one chain, every segment on the geometry) has no room
	// for more: other edges in the district that carry its name but none of its codes are a rough
	// reference's overreach (a parallel road, a run past the end), so they lose the name.
	for (const street of index.streetNames) {
		const chains = index.chains.get(street)!;
		if (chains.length !== 1 || !chains[0].segs.every((s) => matched.has(s.code))) continue;
		edges.forEach((e, i) => {
			const a = assigned[i];
			if (a?.name === street && a.codes.size === 0 && !a.stops && e.lengthInDistrict > e.length / 2) assigned[i] = undefined;
		});
	}
	return { matched, reasons };
}
