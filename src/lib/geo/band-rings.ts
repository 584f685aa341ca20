/**
 * Bands as rings: the engine's bands are cumulative (0–5, 0–10, 0–15 min, each containing the
 * smaller); a ring is a band minus the next smaller one (5–10, 10–15), so each place is painted once,
 * in the colour of the time it takes.
 */
import { difference, featureCollection } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** The properties a band needs to become a ring. */
interface BandLike {
	minutes: number;
	area_m2: number;
}

/**
 * Each band minus the next smaller band, with `from` (the smaller band's minutes) and `ring_m2` (the
 * ring's area: the difference of the two bands' areas, which nest). The smallest band stays as it is
 * (from 0). Order is kept (the engine lists the largest first).
 *
 * @param {FeatureCollection<Polygon | MultiPolygon, P>} bands cumulative bands, any order
 * @returns {FeatureCollection<Polygon | MultiPolygon, P & { from: number; ring_m2: number }>} one ring per band
 *   (a band that lies wholly inside the smaller one, which nesting rules out, is left out)
 * @example
 * ringBands(result.bands).features.map((f) => [f.properties.from, f.properties.minutes]); // [[10, 15], [5, 10], [0, 5]]
 */
export function ringBands<P extends BandLike>(
	bands: FeatureCollection<Polygon | MultiPolygon, P>
): FeatureCollection<Polygon | MultiPolygon, P & { from: number; ring_m2: number }> {
	const ascending = [...bands.features].sort((a, b) => a.properties.minutes - b.properties.minutes);
	const rings = new Map<Feature<Polygon | MultiPolygon, P>, Feature<Polygon | MultiPolygon, P & { from: number; ring_m2: number }>>();
	ascending.forEach((band, i) => {
		const inner = ascending[i - 1];
		const from = inner ? inner.properties.minutes : 0;
		const ring_m2 = Math.max(0, band.properties.area_m2 - (inner ? inner.properties.area_m2 : 0));
		const geometry = inner ? difference(featureCollection([band, inner]))?.geometry : band.geometry;
		if (geometry) rings.set(band, { type: 'Feature', properties: { ...band.properties, from, ring_m2 }, geometry });
	});
	return {
		type: 'FeatureCollection',
		features: bands.features.flatMap((f) => {
			const ring = rings.get(f);
			return ring ? [ring] : [];
		})
	};
}
