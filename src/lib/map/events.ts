import type { Map as MapLibreMap, MapEventType } from 'maplibre-gl';

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
