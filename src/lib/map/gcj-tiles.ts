/**
 * A MapLibre protocol that serves WGS84 tiles made from GCJ-02 tiles: `gcj02://<basemap>/{z}/{x}/{y}`
 * fetches the AMap tiles under the requested tile, shifted by China's offset, and draws them warped
 * (geo/tile-warp.ts) into one tile. So every layer of the atlas, the events, the camera and the link
 * stay in WGS84, and only the foreign tiles are converted, at the edge where they come in.
 * https://maplibre.org/maplibre-gl-js/docs/API/functions/addProtocol/
 */
import { addProtocol, type AddProtocolAction } from 'maplibre-gl';
import { convertPosition } from '$lib/data/import/crs';
import type { LonLat } from '$lib/geo/lonlat';
import { TILE_SIZE, tileWarp, type TileId } from '$lib/geo/tile-warp';
import { ONLINE_BASEMAPS, tileUrl, type OnlineBasemapId } from './online-basemaps';

export const GCJ_PROTOCOL = 'gcj02';

/** The tile template of a GCJ-02 basemap as MapLibre sees it. */
export function gcjTemplate(id: OnlineBasemapId): string {
	return `${GCJ_PROTOCOL}://${id}/{z}/{x}/{y}`;
}

const toGcj = (p: LonLat): LonLat => convertPosition(p, 'WGS84', 'GCJ02') as LonLat;

/**
 * Source tiles already decoded, by URL: each is under up to four output tiles, and the map asks for
 * those one by one. A small cache, oldest out first.
 */
const decoded = new Map<string, Promise<ImageBitmap>>();
const CACHE_SIZE = 96;

function sourceTile(url: string): Promise<ImageBitmap> {
	const cached = decoded.get(url);
	if (cached) return cached;
	const loading = fetch(url, { mode: 'cors', credentials: 'omit' }).then(async (response) => {
		if (!response.ok) throw new Error(`${response.status} ${response.statusText} ${url}`);
		return createImageBitmap(await response.blob());
	});
	// A failure is not kept: the next request tries again (the network may be back).
	loading.catch(() => decoded.delete(url));
	decoded.set(url, loading);
	if (decoded.size > CACHE_SIZE) decoded.delete(decoded.keys().next().value!);
	return loading;
}

const load: AddProtocolAction = async (params, abort) => {
	const match = /^gcj02:\/\/([a-z]+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
	const basemap = match && Object.hasOwn(ONLINE_BASEMAPS, match[1]) ? ONLINE_BASEMAPS[match[1] as OnlineBasemapId] : undefined;
	if (!match || !basemap) throw new Error(`Not a GCJ-02 tile: ${params.url}`);
	const tile: TileId = { z: Number(match[2]), x: Number(match[3]), y: Number(match[4]) };
	const warp = tileWarp(tile, toGcj);
	const images = await Promise.all(warp.sources.map((s) => sourceTile(tileUrl(basemap, s))));
	if (abort.signal.aborted) throw new DOMException('aborted', 'AbortError');
	// The source tiles side by side first, then that mosaic warped once: warping each tile on its
	// own would leave a faint seam where their smoothed edges meet.
	const columns = Math.max(...warp.sources.map((s) => s.x)) - warp.origin.x + 1;
	const rows = Math.max(...warp.sources.map((s) => s.y)) - warp.origin.y + 1;
	const mosaic = new OffscreenCanvas(columns * TILE_SIZE, rows * TILE_SIZE);
	const mosaicContext = mosaic.getContext('2d');
	const canvas = new OffscreenCanvas(TILE_SIZE, TILE_SIZE);
	const context = canvas.getContext('2d');
	if (!mosaicContext || !context) throw new Error('No 2D canvas to warp tiles on');
	for (const [i, s] of warp.sources.entries()) {
		mosaicContext.drawImage(images[i], (s.x - warp.origin.x) * TILE_SIZE, (s.y - warp.origin.y) * TILE_SIZE);
	}
	context.imageSmoothingQuality = 'high';
	context.setTransform(...warp.transform);
	context.drawImage(mosaic, 0, 0);
	return { data: await createImageBitmap(canvas) };
};

let registered = false;

/** Make `gcj02://` tiles loadable (once per page). */
export function registerGcjProtocol(): void {
	if (registered) return;
	addProtocol(GCJ_PROTOCOL, load);
	registered = true;
}
