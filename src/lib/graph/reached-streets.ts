/**
 * The streets output: every reached piece as a two-point LineString, tagged with the walking time
 * to its farthest point and the smallest band that holds it whole.
 */
import type { Feature, LineString } from 'geojson';
import { emptyPiece, pieceMaxCost, type PieceBuffer } from './pieces';
import type { StreetGraph } from './street-graph';

/** Properties of a reached street piece. */
export interface ReachedStreetProperties {
	/** Walking time to the piece's farthest point, minutes (0.01 precision). */
	minutes: number;
	/** Smallest band limit (minutes) containing the whole piece. */
	band: number;
}

/**
 * The reached pieces as features, in piece order; pieces of zero length are left out.
 *
 * @param {StreetGraph} graph the graph (pieces are interpolated on its lon/lat)
 * @param {PieceBuffer} pieces the reached pieces
 * @param {readonly number[]} minutes band limits, minutes, ascending
 * @param {readonly number[]} limits the same in metres
 * @param {number} mpm walking speed, metres per minute
 * @returns {Feature<LineString, ReachedStreetProperties>[]} one feature per piece
 */
export function reachedStreetFeatures(
	graph: StreetGraph,
	pieces: PieceBuffer,
	minutes: readonly number[],
	limits: readonly number[],
	mpm: number
): Feature<LineString, ReachedStreetProperties>[] {
	const out: Feature<LineString, ReachedStreetProperties>[] = [];
	const ll = graph.lonLat;
	const T = limits[limits.length - 1];
	const piece = emptyPiece();
	for (let p = 0; p < pieces.count; p++) {
		const { u, v, L, s0, s1 } = pieces.read(p, piece);
		if (!(s1 > s0)) continue;
		const top = pieceMaxCost(piece);
		const mins = Math.round((Math.min(top, T) / mpm) * 100) / 100;
		let band = minutes[minutes.length - 1];
		for (let b = 0; b < limits.length; b++) {
			if (top <= limits[b] + 1e-9) {
				band = minutes[b];
				break;
			}
		}
		const ulon = ll[2 * u];
		const ulat = ll[2 * u + 1];
		const fx = (ll[2 * v] - ulon) / L;
		const fy = (ll[2 * v + 1] - ulat) / L;
		out.push({
			type: 'Feature',
			properties: { minutes: mins, band },
			geometry: {
				type: 'LineString',
				coordinates: [
					[ulon + fx * s0, ulat + fy * s0],
					[ulon + fx * s1, ulat + fy * s1]
				]
			}
		});
	}
	return out;
}
