/**
 * Suzhou Creek as a polygon, for the map and as the barrier the off-street walk may not cross.
 *
 * No surveyed water outline is available. Changning's northern boundary follows the creek, so the
 * creek is drawn as a band of `CREEK_HALF_WIDTH_M` either side of that boundary line, between the
 * point below the Outer Ring where the boundary meets the creek and the north tip of the ECUPL bend
 * where it leaves it. The half-width is chosen from the real roads on both banks: the river-bank
 * roads of the osm-roads network (光复西路 on the Putuo side, the Changning-side bank streets) lie
 * 30–60 m from the boundary, and Suzhou Creek is about 40–70 m wide here, so ±28 m keeps the band
 * on the water along most of the creek. Where the outline strays from the water (around the
 * Kaixuan Rd crossing and the ECUPL bend) real bank roads fall inside the band; there the roads
 * win: the band is cut back to `BANK_CLEARANCE_M` from every walkable street except bridges, since
 * the creek cannot be where a surveyed road is (`tests/unit/geodata-streets.test.ts` checks that).
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import { roundPosition } from './round';

export const CREEK_HALF_WIDTH_M = 28;
/** How far the creek polygon keeps from a bank road. */
export const BANK_CLEARANCE_M = 8;

/** Where the district boundary starts and stops following the creek (WGS84, on the outline). */
const CREEK_WEST_END: Position = [121.346347, 31.240868];
const CREEK_EAST_END: Position = [121.422875, 31.231128];

function nearestVertex(ring: Position[], point: Position): number {
	let best = 0;
	let bestDistance = Infinity;
	ring.forEach((c, i) => {
		const d = turf.distance(c, point, { units: 'meters' });
		if (d < bestDistance) {
			bestDistance = d;
			best = i;
		}
	});
	if (bestDistance > 30) throw new Error(`water: creek anchor ${point.join(',')} is ${bestDistance.toFixed(0)} m from the outline`);
	return best;
}

/** The stretch of the district boundary that follows Suzhou Creek. */
export function creekLine(district: Feature<Polygon | MultiPolygon>): Feature<LineString> {
	const g = district.geometry;
	const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
	const i0 = nearestVertex(ring, CREEK_WEST_END);
	const i1 = nearestVertex(ring, CREEK_EAST_END);
	if (!(i0 < i1)) throw new Error('water: the district outline runs the other way round; the creek anchors are out of order');
	return turf.lineString(ring.slice(i0, i1 + 1));
}

/**
 * The creek polygon (one feature, properties for the map and the README).
 *
 * @param district the Changning outline
 * @param streets the walking network; its walkable streets other than bridges are kept out of the creek
 */
export function buildCreek(
	district: Feature<Polygon | MultiPolygon>,
	streets: FeatureCollection<LineString>
): Feature<Polygon | MultiPolygon> {
	const line = creekLine(district);
	const band = turf.buffer(line, CREEK_HALF_WIDTH_M, { units: 'meters', steps: 4 });
	if (!band || band.geometry.type !== 'Polygon') throw new Error('water: the creek band is not one polygon');
	const bankRoads = streets.features.filter(
		(f) => f.properties?.walkable === true && f.properties?.class !== 'bridge' && turf.booleanIntersects(f, band)
	);
	let water: Feature<Polygon | MultiPolygon> = band;
	for (const road of bankRoads) {
		const clearance = turf.buffer(road, BANK_CLEARANCE_M, { units: 'meters', steps: 4 });
		const cut = clearance ? turf.difference(turf.featureCollection([water, clearance])) : water;
		if (!cut) throw new Error(`water: ${String(road.properties?.id)} removes the whole creek`);
		water = cut;
	}
	const roundRing = (ring: Position[]) =>
		ring.map(roundPosition).filter((c, i, a) => i === 0 || c[0] !== a[i - 1][0] || c[1] !== a[i - 1][1]);
	// Slivers under 0.1 ha left between a road and the band's edge are not water worth drawing.
	const parts = (water.geometry.type === 'Polygon' ? [water.geometry.coordinates] : water.geometry.coordinates)
		.filter((p) => turf.area(turf.polygon(p)) >= 1000)
		.map((p) => p.map(roundRing));
	const properties = {
		id: 'water-suzhou-creek',
		name_en: 'Suzhou Creek',
		name_zh: '苏州河',
		kind: 'river',
		accuracy_m: 40,
		source: 'derived',
		method: `a ${2 * CREEK_HALF_WIDTH_M} m band centred on the district boundary where it follows the creek, kept ${BANK_CLEARANCE_M} m clear of bank roads`
	};
	const creek = parts.length === 1 ? turf.polygon(parts[0], properties) : turf.multiPolygon(parts, properties);
	return turf.rewind(creek) as Feature<Polygon | MultiPolygon>;
}
