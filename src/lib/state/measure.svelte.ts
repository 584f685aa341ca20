/**
 * The measure tool: walking-radius circles around the first point, and a path through all points.
 */
import { length, lineString } from '@turf/turf';
import { walkingCircles } from '$lib/geo/walking-circles';
import type { Feature, FeatureCollection } from 'geojson';
import { walkingMinutes } from '$lib/geo/walking';
import type { LonLat } from './life-circle.svelte';

export class MeasureState {
	points = $state.raw<LonLat[]>([]);
	minutes = $state.raw<number[]>([5, 10, 15]);

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

	/** Circles, their labels and the path, as one collection for the map. */
	features(speedKmh: number): FeatureCollection {
		const features: Feature[] = [];
		const [first] = this.points;
		if (!first) return { type: 'FeatureCollection', features };
		for (const c of walkingCircles(first, this.minutes, speedKmh)) {
			const label = `${Math.round(c.radiusM)} m · ${c.minutes} min`;
			features.push({ ...c.disc, properties: { role: 'circle', minutes: c.minutes, label } });
			features.push({ type: 'Feature', geometry: c.labelAt, properties: { role: 'circle-label', label } });
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
