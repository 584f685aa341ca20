/**
 * The district's default camera: where the map opens without a link, and the view a link leaves out.
 * One definition for the app state (src/lib/state) and the embedded style (src/lib/map/style.ts).
 */
import type { LonLat } from '$lib/geo/lonlat';

/** A map camera: centre, zoom and bearing (degrees clockwise from north). */
export interface MapView {
	center: LonLat;
	zoom: number;
	bearing: number;
}

/** The whole district at a desktop size; the map frames CHANGNING_BBOX instead when it opens on it. */
export const DEFAULT_VIEW: MapView = { center: [121.392, 31.212], zoom: 12.6, bearing: 0 };
