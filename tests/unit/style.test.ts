import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { validateStyleMin, type FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle } from '$lib/map/style';
import {
	AMENITY_INTERACTIVE_LAYER_IDS,
	BASEMAP_TOGGLE_IDS,
	buildLayers,
	interactiveLayerIds,
	labelFields,
	layerIdsForToggle,
	zIndexOf
} from '$lib/map/layer-catalog';
import { PLACE_LAYER_IDS } from '$lib/data/schema';
import { AMAP_COVERAGE } from '$lib/data/amap-categories';
import { AMENITY_COLOURS, PLACE_LAYER_COLOURS } from '$lib/map/palette';
import { toMapFeatures } from '$lib/data/places';
import { loadPlaces } from './helpers';
import { execFileSync } from 'node:child_process';

// The font table is generated from the @fontsource packages; make sure it is current.
execFileSync('node', ['scripts/copy-fonts.mjs']);
const fontFaces = JSON.parse(readFileSync('static/fonts/font-faces.json', 'utf8')) as FontFacesSpecification;


const style = buildStyle({
	assetBase: 'http://localhost:4173/',
	places: toMapFeatures(loadPlaces()),
	fontFaces: fontFaces as FontFacesSpecification
});

describe('the embedded style', () => {
	it('passes the MapLibre style-spec validator with zero errors', () => {
		const errors = validateStyleMin(style);
		expect(errors.map((e) => e.message)).toEqual([]);
	});

	it('validates in Chinese too, with every name label switched to Chinese first', () => {
		const zh = buildStyle({
			assetBase: 'http://localhost:4173/',
			places: toMapFeatures(loadPlaces()),
			fontFaces,
			lang: 'zh'
		});
		expect(validateStyleMin(zh).map((e) => e.message)).toEqual([]);
		const en = new Map(labelFields('en'));
		const fields = labelFields('zh');
		expect(fields.length).toBeGreaterThanOrEqual(5);
		for (const [id, field] of fields) {
			expect(JSON.stringify(field), id).not.toEqual(JSON.stringify(en.get(id)));
			// The first name the label reads is the Chinese one.
			expect(JSON.stringify(field).indexOf('name_zh'), id).toBeLessThan(JSON.stringify(field).indexOf('name_en'));
		}
	});

	it('uses no remote URL: every source and font is served from the app origin', () => {
		const urls: string[] = [];
		for (const source of Object.values(style.sources)) {
			if ('data' in source && typeof source.data === 'string') urls.push(source.data);
		}
		for (const faces of Object.values(style['font-faces'] ?? {})) {
			for (const face of Array.isArray(faces) ? faces : [faces]) urls.push(typeof face === 'string' ? face : face.url);
		}
		expect(urls.length).toBeGreaterThan(10);
		for (const url of urls) expect(new URL(url).origin).toBe('http://localhost:4173');
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
	});

	it('has a font file on disk for every font-face and a font-face for every text-font', () => {
		const names = new Set(Object.keys(fontFaces));
		for (const layer of buildLayers()) {
			const font = layer.type === 'symbol' ? layer.layout?.['text-font'] : undefined;
			if (Array.isArray(font)) for (const name of font) expect(names.has(String(name))).toBe(true);
		}
		const available = new Set([
			...readdirSync('node_modules/@fontsource/noto-sans/files'),
			...readdirSync('node_modules/@fontsource/noto-sans-sc/files')
		]);
		for (const faces of Object.values(fontFaces as FontFacesSpecification)) {
			for (const face of Array.isArray(faces) ? faces : [faces]) {
				const url = typeof face === 'string' ? face : face.url;
				expect(available.has(url.replace('fonts/', ''))).toBe(true);
			}
		}
		// Chinese labels need a face whose range covers CJK ideographs, e.g. 长 (U+957F).
		const regular = (fontFaces as Record<string, { 'unicode-range'?: string[] }[]>)['Noto Sans Regular'];
		const coversChang = regular.some((f) =>
			(f['unicode-range'] ?? []).some((r) => {
				const [a, b] = r.replace('U+', '').split('-').map((h) => parseInt(h, 16));
				return 0x957f >= a && 0x957f <= (b ?? a);
			})
		);
		expect(coversChang).toBe(true);
	});

	it('orders layers once, by the catalog, and knows every id it is asked for', () => {
		const ids = style.layers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(buildLayers().map((l) => l.id));
		expect(zIndexOf('background')).toBe(0);
		expect(zIndexOf('place-hongqiao-point')).toBeGreaterThan(zIndexOf('place-hongqiao-fill'));
		expect(() => zIndexOf('no-such-layer')).toThrow(/Unknown layer id/);
	});

	it('gives every toggle at least one layer and every layer a real source', () => {
		for (const toggle of [...PLACE_LAYER_IDS, ...BASEMAP_TOGGLE_IDS]) {
			expect(layerIdsForToggle(toggle).length, toggle).toBeGreaterThan(0);
		}
		for (const layer of style.layers) {
			if ('source' in layer) expect(style.sources[layer.source as string], layer.id).toBeDefined();
		}
		for (const id of interactiveLayerIds()) expect(ids(style)).toContain(id);
	});

	it('puts project points above project polygons so the top place wins a click', () => {
		const order = interactiveLayerIds();
		expect(order.indexOf('place-hongqiao-point')).toBeLessThan(order.indexOf('place-hongqiao-fill'));
		expect(order.at(-1)).toBe('place-district-fill');
	});

	it('attributes every source it draws', () => {
		const attributions = Object.values(style.sources).map((s) => ('attribution' in s ? s.attribution : ''));
		const all = attributions.join(' | ');
		expect(all).toContain('© OpenStreetMap contributors');
		expect(all).toContain('DataV.GeoAtlas');
		expect(all).toContain('briefing');
		expect(all).toContain('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
		expect(existsSync('geodata/README.md')).toBe(true);
	});
});

describe('the amenity layer', () => {
	it('is one clustered source of the built amenities, attributed to AMap, leaving metro and parks to their layers', () => {
		const source = style.sources.amenities;
		expect(source).toMatchObject({ type: 'geojson', cluster: true, data: 'http://localhost:4173/data/amenities.geojson' });
		expect('attribution' in source && source.attribution).toBe('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
		const filter = JSON.stringify('filter' in source ? source.filter : null);
		for (const category of ['metro-station', 'large-park']) expect(filter).toContain(category);
	});

	it('is toggled as one group: clusters, points and labels, never the selection ring', () => {
		const layers = layerIdsForToggle('amenities');
		expect(layers).toEqual(['amenities-cluster', 'amenities-cluster-count', 'amenities-point', 'amenities-label']);
		for (const id of AMENITY_INTERACTIVE_LAYER_IDS) expect(layers).toContain(id);
		expect(ids(style)).toContain('amenity-selected');
	});

	it('draws above the life-circle bands and below the place labels of the basemap', () => {
		expect(zIndexOf('amenities-point')).toBeGreaterThan(zIndexOf('life-circle-bands-fill'));
		expect(zIndexOf('amenities-point')).toBeGreaterThan(zIndexOf('amenities-cluster'));
		expect(zIndexOf('amenities-label')).toBeLessThan(zIndexOf('metro-stations'));
	});

	it('colours every category the AMap data fills, apart from the project colours, and labels in both languages', () => {
		for (const category of Object.keys(AMAP_COVERAGE)) expect(AMENITY_COLOURS[category], category).toMatch(/^#[0-9A-F]{6}$/i);
		const project = new Set(Object.values(PLACE_LAYER_COLOURS).map((c) => c.toLowerCase()));
		for (const colour of Object.values(AMENITY_COLOURS)) expect(project.has(colour.toLowerCase())).toBe(false);
		expect(new Set(Object.values(AMENITY_COLOURS)).size).toBe(Object.values(AMENITY_COLOURS).length);
		expect(labelFields('zh').map(([id]) => id)).toContain('amenities-label');
		const label = buildLayers('zh').find((l) => l.id === 'amenities-label');
		expect(label?.type === 'symbol' && label.layout?.['text-font']).toEqual(['Noto Sans Regular']);
	});
});

function ids(s: typeof style): string[] {
	return s.layers.map((l) => l.id);
}
