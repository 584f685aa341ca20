/**
 * The measure tool: walking-radius circles around the first point, and a path through all points.
 */
import { length, lineString } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { DEFAULT_BANDS } from '$lib/geo/life-circle';
import type { LonLat } from '$lib/geo/lonlat';
import { walkingCircles } from '$lib/geo/walking-circles';
import { walkingMinutes } from '$lib/geo/walking';
import { translate } from '$lib/i18n/strings';

/** A circle's label from its radius (metres, rounded) and minutes; the map passes the UI's words. */
export type CircleLabel = (metres: number, minutes: number) => string;

const englishLabel: CircleLabel = (metres, minutes) => translate('en', 'map.circleLabel', { metres, minutes });

export class MeasureState {
	points = $state.raw<LonLat[]>([]);
	minutes = $state.raw<readonly number[]>(DEFAULT_BANDS);

	/** Path length in metres (geodesic, turf.length). */
	pathMetres = $derived(this.points.length < 2 ? 0 : length(lineString(this.points), { units: 'meters' }));

	add(point: LonLat): void {
		this.points = [...this.points, point];
	}

	removeLast(): void {
		this.points = this.points.slice(0, -1);
	}

	clear(): void {
		this.points = [];
	}

	/** Minutes to walk the path at a speed. */
	pathMinutes(speedKmh: number): number {
		return walkingMinutes(this.pathMetres, speedKmh);
	}

	/**
	 * Circles, their labels and the path, as one collection for the map.
	 *
	 * @param label words a circle's label (default: English)
	 */
	features(speedKmh: number, label: CircleLabel = englishLabel): FeatureCollection {
		const features: Feature[] = [];
		const [first] = this.points;
		if (!first) return { type: 'FeatureCollection', features };
		for (const c of walkingCircles(first, this.minutes, speedKmh)) {
			const text = label(Math.round(c.radiusM), c.minutes);
			features.push({ ...c.disc, properties: { role: 'circle', minutes: c.minutes, label: text } });
			features.push({ type: 'Feature', geometry: c.labelAt, properties: { role: 'circle-label', label: text } });
		}
		if (this.points.length >= 2) {
			features.push({ ...lineString(this.points), properties: { role: 'path' } });
		}
		this.points.forEach((p, i) => {
			features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { role: 'vertex', index: i } });
		});
		return { type: 'FeatureCollection', features };
	}
}
