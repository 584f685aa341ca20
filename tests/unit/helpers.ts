/** Shared test helpers: the real geodata, loaded and validated the way the app does. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlaces } from '$lib/data/places';
import { PLACE_LAYER_IDS, type PlaceFeature } from '$lib/data/schema';

/** Every place in geodata/places, validated by the app's own parser. */
export function loadPlaces(): PlaceFeature[] {
	const dir = join(process.cwd(), 'geodata', 'places');
	return parsePlaces({
		type: 'FeatureCollection',
		features: PLACE_LAYER_IDS.flatMap((layer) => JSON.parse(readFileSync(join(dir, `${layer}.geojson`), 'utf8')).features)
	});
}
