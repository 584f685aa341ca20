/**
 * Online basemaps: the catalog, the Content-Security-Policy that must name its hosts, and the warp
 * that turns GCJ-02 tiles into WGS84 tiles (checked against the exact conversion, pixel by pixel).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASEMAP_IDS, DEFAULT_BASEMAP, isBasemapId } from '$lib/data/basemaps';
import { ONLINE_BASEMAPS, tileHosts, tileUrl } from '$lib/map/online-basemaps';
import { convertPosition } from '$lib/data/import/crs';
import { applyAffine, lonLatOfWorldPixel, tileWarp, worldPixel, type TileId } from '$lib/geo/tile-warp';
import type { LonLat } from '$lib/geo/lonlat';
import { mulberry32 } from '$lib/graph/random';
import { CHANGNING_BBOX } from '$lib/data/schema';

const toGcj = (p: LonLat) => convertPosition(p, 'WGS84', 'GCJ02') as LonLat;

describe('basemap catalog', () => {
	it('has the embedded basemap first, as the default, and an entry for every online one', () => {
		expect(BASEMAP_IDS[0]).toBe('embedded');
		expect(DEFAULT_BASEMAP).toBe('embedded');
		expect(Object.keys(ONLINE_BASEMAPS).sort()).toEqual(BASEMAP_IDS.filter((id) => id !== 'embedded').sort());
		expect(isBasemapId('amap')).toBe(true);
		expect(isBasemapId('google')).toBe(false);
		expect(isBasemapId(undefined)).toBe(false);
	});

	it('gives each online basemap https tiles, a credit in both languages and its coordinate system', () => {
		for (const basemap of Object.values(ONLINE_BASEMAPS)) {
			for (const t of basemap.tiles) expect(t).toMatch(/^https:\/\/[^/]+\/.*\{z\}.*|^https:\/\/.*\{x\}.*\{y\}.*\{z\}/);
			expect(basemap.credit.en).toMatch(/^Basemap: /);
			expect(basemap.credit.zh).toMatch(/^底图：/);
		}
		expect(ONLINE_BASEMAPS.amap.crs).toBe('gcj02');
		expect(ONLINE_BASEMAPS.osm.crs).toBe('wgs84');
	});

	it('fills tile URLs, the same tile always on the same subdomain', () => {
		const url = tileUrl(ONLINE_BASEMAPS.amap, { z: 15, x: 27433, y: 13387 });
		expect(url).toMatch(/^https:\/\/webrd0[1-4]\.is\.autonavi\.com\/appmaptile\?.*x=27433&y=13387&z=15$/);
		expect(tileUrl(ONLINE_BASEMAPS.amap, { z: 15, x: 27433, y: 13387 })).toBe(url);
		expect(tileUrl(ONLINE_BASEMAPS.osm, { z: 3, x: 6, y: 3 })).toBe('https://tile.openstreetmap.org/3/6/3.png');
	});

	it('is allowed by the Content-Security-Policy, for images and fetches, and nothing else is', () => {
		const config = readFileSync('svelte.config.js', 'utf8');
		const listed = /const TILE_HOSTS = [^[]*\[([^\]]*)\]/.exec(config)?.[1] ?? '';
		const hosts = [...listed.matchAll(/'https:\/\/([^']+)'/g)].map((m) => m[1]).sort();
		expect(hosts).toEqual(tileHosts().sort());
		for (const name of ['img-src', 'connect-src']) expect(config).toMatch(new RegExp(`'${name}': \\[[^\\]]*\\.\\.\\.TILE_HOSTS\\]`));
		// Nowhere else: the other directives stay same-origin.
		expect(config.match(/TILE_HOSTS\]/g)).toHaveLength(2);
	});
});

describe('tile maths', () => {
	it('world pixels and positions are inverse', () => {
		const rand = mulberry32(11);
		for (let i = 0; i < 200; i++) {
			const p: LonLat = [121 + rand(), 30.7 + rand()];
			const z = Math.floor(rand() * 19);
			const back = lonLatOfWorldPixel(worldPixel(p, z), z);
			expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-9);
			expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-9);
		}
		expect(worldPixel([0, 0], 0)).toEqual([128, 128]);
	});
});

describe('GCJ-02 tile warp', () => {
	const [west, south, east, north] = CHANGNING_BBOX;
	const tileAt = (p: LonLat, z: number): TileId => {
		const [x, y] = worldPixel(p, z);
		return { z, x: Math.floor(x / 256), y: Math.floor(y / 256) };
	};

	it('puts every point of the district where GCJ-02 draws it, within a third of a pixel at zooms 10–18', () => {
		const rand = mulberry32(7);
		let worst = 0;
		for (let z = 10; z <= 18; z++) {
			for (let i = 0; i < 60; i++) {
				const p: LonLat = [west + rand() * (east - west), south + rand() * (north - south)];
				const tile = tileAt(p, z);
				const warp = tileWarp(tile, toGcj);
				// Where the warp draws the source pixel that holds p's GCJ-02 position…
				const [gx, gy] = worldPixel(toGcj(p), z);
				const drawn = applyAffine(warp.transform, [gx - warp.origin.x * 256, gy - warp.origin.y * 256]);
				// …against where p is on the output tile.
				const [px, py] = worldPixel(p, z);
				const error = Math.hypot(drawn[0] - (px - tile.x * 256), drawn[1] - (py - tile.y * 256));
				worst = Math.max(worst, error);
				// The source tiles listed cover that pixel.
				expect(warp.sources.some((s) => s.x === Math.floor(gx / 256) && s.y === Math.floor(gy / 256))).toBe(true);
			}
		}
		// Measured: 0.27 px at zooms 10–11 (tiles 40 km wide, where the offset bends), 0.05 px at 14, 0.003 px at 18.
		expect(worst).toBeLessThan(0.3);
	});

	it('moves tiles by the GCJ-02 offset: about half a kilometre in Changning (481–488 m over the district box)', () => {
		const p: LonLat = [121.424, 31.221];
		const q = toGcj(p);
		const metres = Math.hypot((q[0] - p[0]) * 111_320 * Math.cos((p[1] * Math.PI) / 180), (q[1] - p[1]) * 110_570);
		expect(metres).toBeGreaterThan(400);
		expect(metres).toBeLessThan(700);
	});

	it('is the identity for a basemap already in WGS84: one source tile, drawn as it is', () => {
		const warp = tileWarp({ z: 14, x: 13716, y: 6693 }, (p) => p);
		expect(warp.sources).toEqual([{ z: 14, x: 13716, y: 6693 }]);
		const [a, b, c, d, e, f] = warp.transform;
		for (const [value, expected] of [[a, 1], [b, 0], [c, 0], [d, 1], [e, 0], [f, 0]]) expect(Math.abs(value - expected)).toBeLessThan(1e-6);
	});

	it('lets neighbouring tiles meet: the shared corner is drawn from the same source pixel', () => {
		const z = 16;
		const left = tileWarp({ z, x: 54866, y: 26774 }, toGcj);
		const right = tileWarp({ z, x: 54867, y: 26774 }, toGcj);
		// Source world pixel that lands on output pixel (256, 0) of the left tile and (0, 0) of the right one.
		const sourceOf = (w: typeof left, u: number, v: number) => {
			const [a, b, c, d, e, f] = w.transform;
			const det = a * d - b * c;
			const X = (d * (u - e) - c * (v - f)) / det;
			const Y = (-b * (u - e) + a * (v - f)) / det;
			return [X + w.origin.x * 256, Y + w.origin.y * 256];
		};
		const l = sourceOf(left, 256, 0);
		const r = sourceOf(right, 0, 0);
		expect(Math.hypot(l[0] - r[0], l[1] - r[1])).toBeLessThan(1e-6);
	});

	it('refuses what is not a tile', () => {
		expect(() => tileWarp({ z: 2, x: 4, y: 0 }, toGcj)).toThrow(/not a tile/);
		expect(() => tileWarp({ z: 1.5, x: 0, y: 0 }, toGcj)).toThrow(/not a tile/);
	});
});
