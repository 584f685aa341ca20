import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import { parsePlaces, toMapFeatures } from '$lib/data/places';
import { PLACE_LAYER_IDS } from '$lib/data/schema';
import { withPlaceMetrics } from '../../scripts/geodata/places/metrics';
import { loadPlaces } from './helpers';

// The map draws a layer's features in order, later on top: larger areas first, then lines, then
// points, so a small place inside a large one stays clickable. The order comes from the data
// build's areas (area_m2), so the first view needs no turf.
describe('toMapFeatures draw order', () => {
	// As the app loads them: the committed places with the data build's metrics (static/data/places.json).
	const places = parsePlaces({ type: 'FeatureCollection', features: loadPlaces().map((p) => withPlaceMetrics(p as never)) });
	const byId = new Map(places.map((p) => [p.properties.id, p]));
	const rank = (id: string) => {
		const p = byId.get(id)!;
		const t = p.geometry.type;
		return t === 'Polygon' || t === 'MultiPolygon' ? 0 : t === 'Point' ? 2 : 1;
	};

	it('every area carries its precomputed area, which is turf\'s to the square metre', () => {
		for (const p of places) {
			if (p.geometry.type !== 'Polygon' && p.geometry.type !== 'MultiPolygon') continue;
			expect(p.properties.area_m2, p.properties.id).toBeDefined();
			expect(Math.abs(p.properties.area_m2! - area(p as never)), p.properties.id).toBeLessThanOrEqual(1);
		}
	});

	it('in every layer: areas by decreasing area, then lines, then points', () => {
		const layers = toMapFeatures(places);
		for (const layer of PLACE_LAYER_IDS) {
			const ids = layers[layer].features.map((f) => String(f.properties!.id));
			const ranks = ids.map(rank);
			expect(ranks, layer).toEqual([...ranks].sort((a, b) => a - b));
			const areas = ids.filter((id) => rank(id) === 0).map((id) => byId.get(id)!.properties.area_m2!);
			expect(areas, layer).toEqual([...areas].sort((a, b) => b - a));
		}
	});
});
