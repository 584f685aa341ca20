/**
 * How far, and at what cost, a walk may leave the street network: the step from the last street to
 * a door (or from a door to the first street). It depends on the network, so the data build picks
 * one of these and records it in the manifest; the worker and the CLI pass it to the engine.
 */
export interface OffStreetWalk {
	/** Cost factor on the straight-line distance off the street (paths bend, gates are few). */
	detour: number;
	/** Longest off-street walk, metres. */
	maxMetres: number;
}

/**
 * A full OpenStreetMap network (footpaths, lanes and service roads mapped): the last step is short,
 * from the nearest path to the door.
 */
export const FULL_NETWORK_WALK: OffStreetWalk = { detour: 1.3, maxMetres: 120 };

/**
 * The bundled roads-only network: roads 300–600 m apart, no lanes (弄) or compound paths. A home in
 * the middle of such a block is up to about 250 m from a road, and the way out winds through lanes
 * and one or two gates, so the walk may leave the road for 250 m at 1.4× the straight line. Measured
 * on four origins (geodata/README.md): 15-minute bands of 1.2–1.6 km², 39–52 % of the straight-line
 * circle, against 0.9–1.2 km² with the full-network setting, which would leave every block's core
 * unreachable although people live there.
 */
export const ROADS_ONLY_WALK: OffStreetWalk = { detour: 1.4, maxMetres: 250 };
