/**
 * The online basemaps a user may choose instead of the embedded one: where their tiles come from, in
 * which coordinate system, up to which zoom, and whose they are. Nothing here is requested until the
 * user picks one (OnlineBasemap.svelte adds the source then); the page's Content-Security-Policy
 * (svelte.config.js) names these hosts and no others.
 * https://maplibre.org/maplibre-style-spec/sources/#raster
 */
import type { BasemapId } from '$lib/data/basemaps';
import type { Bilingual } from '$lib/data/schema';

export type OnlineBasemapId = Exclude<BasemapId, 'embedded'>;

/**
 * The system the tiles are drawn in. GCJ-02 is China's obfuscated system (AMap, Tencent): a few
 * hundred metres off WGS84 in Shanghai, so such tiles are warped to WGS84 before they are drawn
 * (gcj-tiles.ts) and the atlas's own data, in WGS84 like all of it, lands where the tiles show it.
 */
export type TileCrs = 'wgs84' | 'gcj02';

export interface OnlineBasemap {
	/** URL templates with {z}/{x}/{y}; several are the subdomains of one service, used in turn. */
	tiles: readonly string[];
	crs: TileCrs;
	/** The service's deepest zoom; the map over-zooms its tiles beyond. */
	maxzoom: number;
	/** The credit the map and the PNG print while it is shown (the licence's wording where it has one). */
	credit: Bilingual;
}

export const ONLINE_BASEMAPS: Readonly<Record<OnlineBasemapId, OnlineBasemap>> = {
	// The OpenStreetMap Foundation's Standard tiles: fine for light use from a browser (its tile
	// usage policy), with the credit below.
	osm: {
		tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
		crs: 'wgs84',
		maxzoom: 19,
		// The licence's "© OpenStreetMap contributors" is the map's first credit already (style.ts).
		credit: { en: 'Basemap: OpenStreetMap Standard tiles', zh: '底图：OpenStreetMap 标准瓦片' }
	},
	// AMap's road map (style 8), labels in Chinese.
	amap: {
		tiles: [1, 2, 3, 4].map((n) => `https://webrd0${n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`),
		crs: 'gcj02',
		maxzoom: 18,
		credit: { en: 'Basemap: © AutoNavi (AMap), GCJ-02 tiles moved to WGS84', zh: '底图：© 高德地图，国测局坐标瓦片已校正至 WGS84' }
	}
};

/** The hosts the online basemaps fetch from (the CSP must allow exactly these). */
export function tileHosts(): string[] {
	return [...new Set(Object.values(ONLINE_BASEMAPS).flatMap((b) => b.tiles.map((t) => new URL(t.replace(/[{}]/g, '')).host)))];
}

/** One tile's URL; the subdomain follows from the tile, so the same tile always has the same URL (and is cached once). */
export function tileUrl(basemap: OnlineBasemap, { z, x, y }: { z: number; x: number; y: number }): string {
	const template = basemap.tiles[(x + y) % basemap.tiles.length];
	return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}
