/**
 * What the street data can tell about a street, as bits per source feature (way), and the edges a
 * walking profile keeps off. The data knows a street's class (arterial, collector, local), the Suzhou
 * Creek bridges, and which streets run under an elevated road; it knows nothing of kerbs, steps,
 * lifts, slopes, crossings or pavement width (geo/walking.ts states that per profile).
 */
import type { StreetKind } from '../geo/walking';
import { NO_WAY } from './graph-layout';
import type { StreetGraph } from './street-graph';

export type { StreetKind } from '../geo/walking';

/** The bit of each kind in a way's kind mask. */
export const STREET_KIND_BITS: Readonly<Record<StreetKind, number>> = { bridge: 1, arterial: 2, 'under-elevated': 4 };

/** Properties of a street feature that decide its kinds (geodata/streets.geojson). */
export interface StreetKindProperties {
	class?: unknown;
	name_method?: unknown;
}

/**
 * The kind mask of one street feature: `class: 'bridge'` is a creek bridge, `class: 'arterial'` an
 * arterial road, and a `name_method` naming `elevated-over` a street the build found under an
 * elevated road.
 *
 * @param {StreetKindProperties | null | undefined} properties the feature's properties
 * @returns {number} bits of {@link STREET_KIND_BITS}, 0 for none
 * @example
 * streetKindMask({ class: 'arterial', name_method: 'elevated-over+register' }); // 6
 */
export function streetKindMask(properties: StreetKindProperties | null | undefined): number {
	if (!properties) return 0;
	let mask = 0;
	if (properties.class === 'bridge') mask |= STREET_KIND_BITS.bridge;
	if (properties.class === 'arterial') mask |= STREET_KIND_BITS.arterial;
	if (typeof properties.name_method === 'string' && properties.name_method.includes('elevated-over')) {
		mask |= STREET_KIND_BITS['under-elevated'];
	}
	return mask;
}

/**
 * The mask of a list of kinds.
 *
 * @param {readonly StreetKind[]} kinds kinds to avoid
 * @returns {number} their bits
 */
export function kindsMask(kinds: readonly StreetKind[]): number {
	let mask = 0;
	for (const k of kinds) mask |= STREET_KIND_BITS[k];
	return mask;
}

/**
 * Per directed edge, 1 where the edge's street has a kind in `mask` (the search never walks it).
 *
 * @param {StreetGraph} graph the graph
 * @param {ArrayLike<number>} wayKinds kind mask per source feature (`graph.wayCount` of them)
 * @param {number} mask the kinds to avoid ({@link kindsMask})
 * @returns {Uint8Array | null} one byte per edge, or null when no edge is avoided (the plain walk)
 * @throws {Error} when `wayKinds` does not have one entry per source feature
 * @example
 * const avoid = avoidedEdges(graph, wayKinds, kindsMask(['under-elevated']));
 */
export function avoidedEdges(graph: StreetGraph, wayKinds: ArrayLike<number>, mask: number): Uint8Array | null {
	if (wayKinds.length !== graph.wayCount) {
		throw new Error(`avoidedEdges: ${wayKinds.length} way kinds for a graph of ${graph.wayCount} source features`);
	}
	if (mask === 0) return null;
	const { edgeWay, edgeCount } = graph;
	const out = new Uint8Array(edgeCount);
	let any = false;
	for (let e = 0; e < edgeCount; e++) {
		const way = edgeWay[e];
		if (way !== NO_WAY && (wayKinds[way] & mask) !== 0) {
			out[e] = 1;
			any = true;
		}
	}
	return any ? out : null;
}
