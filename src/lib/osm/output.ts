/**
 * How every feature is written: coordinates rounded once, ids from OSM type and id, names from the
 * tags, and one deterministic order (OSM type, id, piece, category), so the same extract in any
 * format gives byte-identical output.
 */
import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import type { OsmWay, Tags } from './types';

/** Every written coordinate is rounded to this many decimals (1e-7° ≈ 1 cm, OSM's own precision). */
export const COORD_DECIMALS = 7;
/** Positional accuracy written on every feature, metres (OSM's typical urban accuracy). */
export const ACCURACY_M = 5;

/** Rounds degrees to COORD_DECIMALS; the one rounding every output coordinate goes through. */
export function roundCoord(x: number): number {
	return Math.round(x * 1e7) / 1e7;
}

/** `name_en` and `name_zh` from the tags (`name` is Chinese in Shanghai). */
export function names(tags: Tags): { name_en: string; name_zh: string } {
	return { name_en: tags['name:en'] ?? '', name_zh: tags['name:zh'] ?? tags.name ?? '' };
}

/** The id of the k-th run of present nodes of a way: the first keeps the plain OSM id. */
export function wayPieceId(wayId: number, k: number): string {
	return k === 0 ? `osm-way-${wayId}` : `osm-way-${wayId}-${k + 1}`;
}

export const TYPE_RANK = { node: 0, way: 1, relation: 2 } as const;

/** A feature and its sort key: [type rank, OSM id, piece, category index]. */
export type Keyed<F> = { key: [number, number, number, number]; feature: F };

const byKey = <F>(a: Keyed<F>, b: Keyed<F>) =>
	a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3];

/** The features sorted by key, as a collection. */
export function collection<F extends Feature>(items: Keyed<F>[]): FeatureCollection<F['geometry'], F['properties']> {
	return { type: 'FeatureCollection', features: items.sort(byKey).map((i) => i.feature) };
}

/**
 * One LineString feature per run of present nodes of a way, id'd with {@link wayPieceId}, named from
 * its tags, with `props` and the accuracy and source every feature carries.
 *
 * @example lineFeatures(way, runs, { kind: 'river' }) // water centrelines
 */
export function lineFeatures<P extends object>(
	way: OsmWay & { tags: Tags },
	runs: Position[][],
	props: P
): Keyed<Feature<LineString, { id: string; name_en: string; name_zh: string } & P & { accuracy_m: number; source: 'osm' }>>[] {
	return runs.map((coordinates, k) => ({
		key: [TYPE_RANK.way, way.id, k, 0],
		feature: {
			type: 'Feature',
			geometry: { type: 'LineString', coordinates },
			properties: { id: wayPieceId(way.id, k), ...names(way.tags), ...props, accuracy_m: ACCURACY_M, source: 'osm' }
		}
	}));
}
