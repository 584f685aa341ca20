import type { Map as MapLibreMap, MapEventType, MapMouseEvent } from 'maplibre-gl';

type Handlers = { [K in keyof MapEventType]?: (event: MapEventType[K]) => void };

/**
 * Subscribe to several map events and get back one function that unsubscribes them all,
 * so an `$effect` can return it and never leak a listener.
 */
export function listen(map: MapLibreMap, handlers: Handlers): () => void {
	const entries = Object.entries(handlers) as [keyof MapEventType, (e: unknown) => void][];
	for (const [type, handler] of entries) map.on(type, handler);
	return () => {
		for (const [type, handler] of entries) map.off(type, handler);
	};
}

/** What the measure tool's clicks do (MeasureState in src/lib/state/measure.svelte.ts). */
export interface MeasureClicks {
	click(at: [number, number], clickCount: number): void;
	finish(): void;
}

/** How far apart, in pixels, two clicks may be and still make one double-click (browsers allow a few). */
const DOUBLE_CLICK_SLOP_PX = 10;

/**
 * The measure tool's clicks, while `active()`: a click adds a point, a double-click ends the path
 * without zooming. A double-click arrives as click, click, dblclick; the click count
 * (`MouseEvent.detail`) lets the state tell the second click from a new point, so the
 * double-click's place is added once. The count alone is not enough: a phone counts two quick taps
 * at different places as 2 as well, so a repeat must also land where the previous click did.
 *
 * @returns a function that removes the listeners
 */
export function listenMeasureClicks(map: MapLibreMap, measure: MeasureClicks, active: () => boolean): () => void {
	let previous: MapMouseEvent['point'] | null = null;
	return listen(map, {
		click: (e) => {
			const repeat = e.originalEvent.detail >= 2 && previous !== null && previous.dist(e.point) <= DOUBLE_CLICK_SLOP_PX;
			previous = e.point;
			if (active()) measure.click([e.lngLat.lng, e.lngLat.lat], repeat ? e.originalEvent.detail : 1);
		},
		dblclick: (e) => {
			if (!active()) return;
			// Stops MapLibre's double-click zoom for this event.
			e.preventDefault();
			measure.finish();
		}
	});
}

export interface AtlasTestHandle {
	map: MapLibreMap;
	/** Milliseconds from map creation to its first `idle` event. */
	firstIdleMs: number;
}

/**
 * Browser tests (and people debugging in the console) need the map object to query rendered
 * features; this is the one documented way to reach it: `window.__atlas`.
 */
export function exposeForTests(map: MapLibreMap, firstIdleMs: number): void {
	(globalThis as unknown as { __atlas?: AtlasTestHandle }).__atlas = { map, firstIdleMs };
	map.getContainer().dataset.idle = 'true';
}
