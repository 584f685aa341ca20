/**
 * Which basemap the map draws under the atlas's own layers: the embedded one (the default; drawn from
 * the app's files, no network) or an online tile service the user has chosen. The ids only: how each
 * online basemap is drawn (tiles, coordinate system, credit) is the map's business
 * (src/lib/map/online-basemaps.ts), fetched on demand, so the first view carries no more than this.
 */

/** Every basemap, in the picker's order; the first is the default. */
export const BASEMAP_IDS = ['embedded', 'osm', 'amap'] as const;
export type BasemapId = (typeof BASEMAP_IDS)[number];

/** The offline basemap the app opens with; a link without `basemap` means it. */
export const DEFAULT_BASEMAP: BasemapId = 'embedded';

export function isBasemapId(value: unknown): value is BasemapId {
	return (BASEMAP_IDS as readonly unknown[]).includes(value);
}
