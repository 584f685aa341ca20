/**
 * Web-mercator tile maths, and the warp that draws a tile of one coordinate system from the tiles
 * of another: a WGS84 tile (what the map asks for) made from GCJ-02 tiles (what AMap serves), so the
 * online basemap moves to the atlas's data instead of the data moving to it.
 *
 * The GCJ-02 offset is smooth (a few hundred metres, changing by centimetres per metre), so over one
 * tile it is an affine map to well under a pixel: three corners of the tile, converted exactly, fix
 * it. Neighbouring tiles share their corners, so their edges meet.
 * https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames
 */
import type { LonLat } from './lonlat';

/** A tile of the web-mercator pyramid. */
export interface TileId {
	z: number;
	x: number;
	y: number;
}

/** Pixels of a tile's side. */
export const TILE_SIZE = 256;

/**
 * A position in world pixels at a zoom (0,0 is the top left of tile 0/0/0; the world is 256·2^z wide).
 *
 * @example worldPixel([0, 0], 0); // [128, 128]
 */
export function worldPixel([lon, lat]: LonLat, z: number, tileSize = TILE_SIZE): [number, number] {
	const size = tileSize * 2 ** z;
	const phi = (lat * Math.PI) / 180;
	const x = ((lon + 180) / 360) * size;
	const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size;
	return [x, y];
}

/** The inverse of {@link worldPixel}. */
export function lonLatOfWorldPixel([x, y]: readonly [number, number], z: number, tileSize = TILE_SIZE): LonLat {
	const size = tileSize * 2 ** z;
	const lon = (x / size) * 360 - 180;
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI;
	return [lon, lat];
}

/** A 2-D affine map as a canvas takes it (`setTransform(a, b, c, d, e, f)`): (X, Y) → (aX + cY + e, bX + dY + f). */
export type Affine = [a: number, b: number, c: number, d: number, e: number, f: number];

/** How to draw one tile from tiles of another system. */
export interface TileWarp {
	/** The source tiles that cover the output tile, row by row. */
	sources: TileId[];
	/** The top-left source tile: source pixel (0,0) of the matrix below is its corner. */
	origin: { x: number; y: number };
	/**
	 * Maps a pixel of the source tile grid (measured from `origin`'s corner; tile (x, y) is drawn at
	 * ((x − origin.x)·size, (y − origin.y)·size)) to a pixel of the output tile.
	 */
	transform: Affine;
}

/**
 * What to draw for one output tile when the source tiles are in another coordinate system.
 *
 * @param tile the output tile (in the map's system, WGS84)
 * @param toSource converts a map position to the source's system (e.g. WGS84 → GCJ-02)
 * @param tileSize pixels of a tile's side (default 256, for both systems)
 * @returns the source tiles to fetch and the affine map that places them
 * @example
 * const warp = tileWarp({ z: 15, x: 27433, y: 13387 }, wgs84ToGcj02);
 * ctx.setTransform(...warp.transform);
 * for (const s of warp.sources) ctx.drawImage(image(s), (s.x - warp.origin.x) * 256, (s.y - warp.origin.y) * 256);
 */
export function tileWarp(tile: TileId, toSource: (p: LonLat) => LonLat, tileSize = TILE_SIZE): TileWarp {
	const { z, x, y } = tile;
	if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) {
		throw new Error(`tileWarp: ${z}/${x}/${y} is not a tile`);
	}
	// The source world pixel of output pixel (u, v): q0 + u·du + v·dv.
	const sourcePixel = (u: number, v: number) => worldPixel(toSource(lonLatOfWorldPixel([x * tileSize + u, y * tileSize + v], z, tileSize)), z, tileSize);
	const q0 = sourcePixel(0, 0);
	const qu = sourcePixel(tileSize, 0);
	const qv = sourcePixel(0, tileSize);
	const du = [(qu[0] - q0[0]) / tileSize, (qu[1] - q0[1]) / tileSize];
	const dv = [(qv[0] - q0[0]) / tileSize, (qv[1] - q0[1]) / tileSize];
	const corners = [q0, qu, qv, [qu[0] + qv[0] - q0[0], qu[1] + qv[1] - q0[1]]];
	const xs = corners.map((c) => c[0]);
	const ys = corners.map((c) => c[1]);
	const last = 2 ** z - 1;
	const clamp = (t: number) => Math.min(last, Math.max(0, t));
	const x0 = clamp(Math.floor(Math.min(...xs) / tileSize));
	const x1 = clamp(Math.floor((Math.max(...xs) - 1e-9) / tileSize));
	const y0 = clamp(Math.floor(Math.min(...ys) / tileSize));
	const y1 = clamp(Math.floor((Math.max(...ys) - 1e-9) / tileSize));
	const sources: TileId[] = [];
	for (let ty = y0; ty <= y1; ty++) for (let tx = x0; tx <= x1; tx++) sources.push({ z, x: tx, y: ty });
	// Invert M = [du dv] (columns): output (u, v) = M⁻¹ (q − q0), with q = X + originCorner.
	const det = du[0] * dv[1] - dv[0] * du[1];
	const inv = [dv[1] / det, -du[1] / det, -dv[0] / det, du[0] / det]; // a, b, c, d
	const ox = x0 * tileSize - q0[0];
	const oy = y0 * tileSize - q0[1];
	const transform: Affine = [inv[0], inv[1], inv[2], inv[3], inv[0] * ox + inv[2] * oy, inv[1] * ox + inv[3] * oy];
	return { sources, origin: { x: x0, y: y0 }, transform };
}

/** Apply an affine map to a point. */
export function applyAffine([a, b, c, d, e, f]: Affine, [X, Y]: readonly [number, number]): [number, number] {
	return [a * X + c * Y + e, b * X + d * Y + f];
}
