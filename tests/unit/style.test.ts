import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
	Color,
	expression,
	featureFilter,
	latest,
	validateStyleMin,
	type FilterSpecification,
	type Feature as StyleFeature,
	type FontFacesSpecification,
	type LayerSpecification,
	type StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
import { CREDIT_IDS, buildStyle, credits, sourceCredits } from '$lib/map/style';
import { TOOL_SOURCE_IDS } from '$lib/map/sources';
import {
	CATALOG,
	bandPaint,
	buildLayers,
	catalogEntry,
	clickableLayerIds,
	labelFields,
	labelLayerIds,
	layerIdsForToggle,
	layerVisibility,
	paintFor,
	zIndexOf
} from '$lib/map/layer-catalog';
import { CLICK_READS } from '$lib/map/layers/entry';
import { ONLINE_BASEMAP_LAYER, ONLINE_BASEMAP_SOURCE } from '$lib/map/layers/basemap';
import { layerIdsAbove, onChoiceLayer } from '$lib/map/on-choice';
import { bandColourExpression } from '$lib/map/layers/analysis';
import { TOGGLE_IDS, type Theme, type ToggleId } from '$lib/data/layer-toggles';
import { AMAP_COVERAGE } from '$lib/data/amap-categories';
import { DEFAULT_BANDS } from '$lib/geo/life-circle';
import { AMENITY_COLOURS, PLACE_LAYER_COLOURS, bandColours, basemapColours } from '$lib/data/palette';
import { toMapFeatures } from '$lib/data/places';
import { loadStrings, type Lang } from '$lib/i18n/strings';
import { loadPlaces } from './helpers';

// The font table is generated from the @fontsource packages; make sure it is current.
execFileSync('node_modules/.bin/tsx', ['scripts/copy-fonts.ts']);
const fontFaces = JSON.parse(readFileSync('static/fonts/font-faces.json', 'utf8')) as FontFacesSpecification;

const THEMES: Theme[] = ['light', 'dark'];
const LANGS: Lang[] = ['en', 'zh'];
const places = toMapFeatures(loadPlaces());
const styleIn = (lang: Lang, theme: Theme) => buildStyle({ assetBase: 'http://localhost:4173/', places, fontFaces, lang, theme });
const style = styleIn('en', 'light');

/** A style-spec feature (what filters and expressions evaluate) from a GeoJSON feature. */
function specFeature(f: FeatureCollection['features'][number]): StyleFeature {
	const type = /Point/.test(f.geometry.type) ? 1 : /LineString/.test(f.geometry.type) ? 2 : 3;
	return { type, properties: f.properties ?? {}, geometry: [] };
}

/**
 * The features a source holds before any tile is cut: inline data as it is, a file from the committed
 * geodata it is built from (the amenities: geodata/amenities.amap.geojson; after a build, the built
 * file too), with the source's own filter applied.
 */
function sourceFeatures(s: StyleSpecification, sourceId: string): FeatureCollection['features'] {
	const source = s.sources[sourceId];
	if (source.type !== 'geojson') throw new Error(`${sourceId} is not a GeoJSON source`);
	let features: FeatureCollection['features'];
	if (typeof source.data !== 'string') features = (source.data as FeatureCollection).features;
	else if (sourceId === 'amenities') {
		const files = ['geodata/amenities.amap.geojson', 'static/data/amenities.geojson'].filter(existsSync);
		features = files.flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection).features);
	} else throw new Error(`no committed data for source ${sourceId}`);
	const keep = featureFilter(source.filter as FilterSpecification | undefined, 'filter');
	return features.filter((f) => keep.filter({ zoom: 14 }, specFeature(f)));
}

function layerOf(s: StyleSpecification, id: string): LayerSpecification {
	const found = s.layers.find((l) => l.id === id);
	if (!found) throw new Error(`no layer ${id}`);
	return found;
}

describe('the embedded style', () => {
	it('passes the MapLibre style-spec validator with zero errors, in both languages and both themes', () => {
		for (const lang of LANGS) for (const theme of THEMES) expect(validateStyleMin(styleIn(lang, theme)).map((e) => e.message), `${lang} ${theme}`).toEqual([]);
	});

	it('switches every name label to Chinese first, and only name labels', () => {
		const en = new Map(labelFields('en'));
		const fields = labelFields('zh');
		expect(fields.map(([id]) => id)).toEqual(labelLayerIds('name-stacked', 'name-line'));
		expect(fields.length).toBeGreaterThanOrEqual(5);
		for (const [id, field] of fields) {
			expect(JSON.stringify(field), id).not.toEqual(JSON.stringify(en.get(id)));
			// The first name the label reads is the Chinese one.
			expect(JSON.stringify(field).indexOf('name_zh'), id).toBeLessThan(JSON.stringify(field).indexOf('name_en'));
		}
		// The style carries the same field, so a language switch and a fresh map agree.
		const zh = styleIn('zh', 'light');
		for (const [id, field] of fields) {
			const built = layerOf(zh, id);
			expect(built.type === 'symbol' && built.layout?.['text-field'], id).toEqual(field);
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
		for (const faces of Object.values(fontFaces)) {
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

	it('credits every source that draws data, in both languages, and leaves the credits line to the map', async () => {
		await loadStrings('zh');
		for (const [id, source] of Object.entries(style.sources)) {
			// MapLibre would print a source's own attribution once more, in one language only.
			expect('attribution' in source, id).toBe(false);
			const isTool = (TOOL_SOURCE_IDS as readonly string[]).includes(id);
			expect((sourceCredits(id) ?? []).length > 0, `${id} has credits`).toBe(!isTool);
		}
		const en = credits('en');
		const zh = credits('zh');
		// Every credit some source needs is printed, once, in the same order in both languages.
		expect(en.map((c) => c.id)).toEqual([...CREDIT_IDS]);
		expect(zh.map((c) => c.id)).toEqual([...CREDIT_IDS]);
		const line = en.map((c) => c.text).join(' | ');
		expect(line).toContain('© OpenStreetMap contributors');
		expect(line).toContain('DataV.GeoAtlas');
		expect(line).toContain('briefing');
		expect(line).toContain('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
		// The OpenStreetMap credit is the licence's wording, kept in English and marked so; the rest is Chinese.
		expect(zh[0]).toEqual({ id: 'osm', text: '© OpenStreetMap contributors', lang: 'en' });
		for (const credit of zh.slice(1)) {
			expect(credit.lang, credit.id).toBeUndefined();
			expect(credit.text, credit.id).toMatch(/[\u4e00-\u9fff]/);
			expect(credit.text, credit.id).not.toEqual(en.find((c) => c.id === credit.id)?.text);
		}
		expect(existsSync('geodata/README.md')).toBe(true);
	});
});

describe('the layer catalog', () => {
	it('is the style: one entry per layer, each id once, in the catalog order, each on a real source', () => {
		const ids = style.layers.map((l) => l.id);
		expect(new Set(ids).size).toBe(ids.length);
		// Layers added on choice (an online basemap's) are in the catalog, for their z-order, but not in the style.
		expect(ids).toEqual(CATALOG.filter((e) => !e.onChoice).map((e) => e.id));
		ids.forEach((id, index) => index > 0 && expect(zIndexOf(id)).toBeGreaterThan(zIndexOf(ids[index - 1])));
		for (const layer of style.layers) {
			if ('source' in layer) expect(style.sources[layer.source as string], layer.id).toBeDefined();
		}
	});

	it('adds the online basemap, when chosen, over the background and under everything else, as a valid layer', () => {
		const online = onChoiceLayer(ONLINE_BASEMAP_LAYER);
		expect(online.type).toBe('raster');
		expect(layerIdsAbove(ONLINE_BASEMAP_LAYER)).toEqual(style.layers.map((l) => l.id).slice(1));
		const chosen: StyleSpecification = {
			...style,
			sources: { ...style.sources, [ONLINE_BASEMAP_SOURCE]: { type: 'raster', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], tileSize: 256 } },
			layers: [style.layers[0], online, ...style.layers.slice(1)]
		};
		expect(validateStyleMin(chosen)).toEqual([]);
		expect(() => onChoiceLayer('streets-fill')).toThrow(/not added on choice/);
		// Nothing in the built style fetches from outside the app.
		expect(JSON.stringify(style)).not.toMatch(/https:\/\/(?!localhost)/);
	});

	it('hides the drawing of the embedded basemap under an online basemap, and keeps the atlas layers', () => {
		const all = Object.fromEntries(TOGGLE_IDS.map((id) => [id, true])) as Record<ToggleId, boolean>;
		const hidden = (online: boolean) => layerVisibility(all, online).filter(([, v]) => v === 'none').map(([id]) => id);
		expect(hidden(false)).toEqual([]);
		expect(hidden(true)).toEqual(expect.arrayContaining(['changning-land', 'streets-fill', 'water-fill', 'green-fill', 'streets-label']));
		for (const id of hidden(true)) expect(catalogEntry(id).embeddedOnly, id).toBe(true);
		for (const id of ['changning-mask', 'district-lines', 'metro-lines', ...clickableLayerIds('place')]) expect(hidden(true), id).not.toContain(id);
		// A toggle that is off stays off on either basemap.
		const noStreets = { ...all, streets: false };
		expect(layerVisibility(noStreets, false).filter(([id, v]) => catalogEntry(id).toggle === 'streets' && v === 'visible')).toEqual([]);
	});

	it('throws when asked about a layer or toggle it does not have', () => {
		expect(() => zIndexOf('no-such-layer')).toThrow(/Unknown layer id "no-such-layer"/);
		expect(() => catalogEntry('no-such-layer')).toThrow(/Unknown layer id/);
		expect(() => layerIdsForToggle('no-such-toggle' as ToggleId)).toThrow(/Unknown toggle/);
	});

	it('gives every toggle at least one layer, each layer at most one toggle', () => {
		const seen = new Set<string>();
		for (const toggle of TOGGLE_IDS) {
			const layers = layerIdsForToggle(toggle);
			expect(layers.length, toggle).toBeGreaterThan(0);
			for (const id of layers) {
				expect(catalogEntry(id).toggle).toBe(toggle);
				expect(seen.has(id), id).toBe(false);
				seen.add(id);
			}
		}
		expect([...seen].sort()).toEqual(CATALOG.filter((e) => e.toggle).map((e) => e.id).sort());
	});

	it('gives text to symbol layers only, and a label role to every symbol layer', () => {
		for (const layer of style.layers) expect(catalogEntry(layer.id).label !== undefined, layer.id).toBe(layer.type === 'symbol');
	});

	it('draws every label above every analysis layer, so no band or coloured street covers a name', () => {
		const analysis = CATALOG.filter((e) => e.analysis).map((e) => zIndexOf(e.id));
		const labels = labelLayerIds().map(zIndexOf);
		expect(analysis.length).toBeGreaterThanOrEqual(3);
		expect(labels.length).toBeGreaterThanOrEqual(10);
		expect(Math.min(...labels)).toBeGreaterThan(Math.max(...analysis));
		for (const id of ['life-circle-bands-fill', 'life-circle-streets', 'measure-path']) expect(catalogEntry(id).analysis).toBe(true);
		for (const id of ['place-hongqiao-label', 'streets-label', 'life-circle-circles-label']) expect(zIndexOf(id)).toBeGreaterThan(zIndexOf('life-circle-streets'));
	});

	it('gives every name label a halo in the theme’s halo colour, in both themes', () => {
		for (const theme of THEMES) {
			const s = styleIn('en', theme);
			for (const id of labelLayerIds('name-stacked', 'name-line')) {
				const layer = layerOf(s, id);
				if (layer.type !== 'symbol') throw new Error(`${id} is not a symbol layer`);
				expect(layer.paint?.['text-halo-width'], id).toBeGreaterThanOrEqual(1);
				expect(layer.paint?.['text-halo-color'], id).toBe(basemapColours(theme).labelHalo);
			}
		}
	});

	it('makes only drawn shapes clickable, and every clicked feature has the property the click reads', () => {
		const clickable = CATALOG.filter((e) => e.click);
		expect(clickable.length).toBeGreaterThanOrEqual(10);
		const checked = new Map<string, number>();
		for (const entry of clickable) {
			const layer = layerOf(style, entry.id);
			expect(layer.type, entry.id).not.toBe('symbol');
			if (layer.type === 'background' || !('source' in layer)) throw new Error(`${entry.id} has no source`);
			const source = style.sources[layer.source as string];
			if (entry.click === 'cluster') {
				// MapLibre adds cluster_id to the clusters of a clustered source.
				expect(source, entry.id).toMatchObject({ type: 'geojson', cluster: true });
				continue;
			}
			const keep = featureFilter(layer.filter, 'filter');
			const features = sourceFeatures(style, layer.source as string).filter((f) => keep.filter({ zoom: 14 }, specFeature(f)));
			const property = CLICK_READS[entry.click!];
			for (const f of features) expect(f.properties?.[property], `${entry.id}: ${property} of ${JSON.stringify(f.properties)}`).toBeTruthy();
			checked.set(entry.click!, (checked.get(entry.click!) ?? 0) + features.length);
		}
		// Not vacuous: places and amenities were looked at (a project may have no polygons, say).
		expect(checked.get('place')).toBeGreaterThan(20);
		expect(checked.get('amenity')).toBeGreaterThan(1000);
	});

	it('lists clickable layers top-most first: points above polygons, the district last', () => {
		const places = clickableLayerIds('place');
		expect(places.indexOf('place-hongqiao-point')).toBeLessThan(places.indexOf('place-hongqiao-fill'));
		expect(places.at(-1)).toBe('place-district-fill');
		expect(places).not.toContain('place-hongqiao-outline');
		for (let i = 1; i < places.length; i++) expect(zIndexOf(places[i])).toBeLessThan(zIndexOf(places[i - 1]));
	});
});

describe('band colours', () => {
	const fillColour = latest.paint_fill['fill-color'] as Parameters<typeof expression.createExpression>[2];

	/** Evaluate a colour expression for a feature's properties. */
	function evaluateColour(value: unknown, properties: Record<string, unknown>): string {
		const parsed = expression.createExpression(value, 'paint', fillColour);
		if (parsed.result !== 'success') throw new Error(parsed.value.map((e) => e.message).join('; '));
		const colour = parsed.value.evaluate({ zoom: 14 }, { type: 3, properties, geometry: [] }) as Color;
		return colour.toString();
	}
	const css = (hex: string) => (Color.parse(hex) as Color).toString();

	it('give each band its palette colour from the feature’s own minutes, in both themes', () => {
		const lists = [[5, 10, 15], [15], [2.5, 7.5], [3, 6, 9, 12, 15, 20]];
		for (const theme of THEMES) {
			for (const minutes of lists) {
				const colours = bandColours(minutes.length, theme);
				const bands = bandColourExpression(minutes, theme, 'minutes');
				const streets = bandColourExpression(minutes, theme, 'band');
				minutes.forEach((m, i) => {
					expect(evaluateColour(bands, { minutes: m }), `${theme} ${minutes} band ${m}`).toBe(css(colours[i]));
					expect(evaluateColour(streets, { band: m, minutes: m - 0.4 }), `${theme} ${minutes} street ${m}`).toBe(css(colours[i]));
				});
				// Neighbouring bands are told apart, so a band never takes its neighbour's colour.
				if (minutes.length > 1) expect(new Set(colours).size).toBe(minutes.length);
			}
		}
	});

	it('start in the style with the default bands, and are left to the tool when the theme changes', () => {
		for (const theme of THEMES) {
			const s = styleIn('en', theme);
			const colours = bandColours(DEFAULT_BANDS.length, theme);
			const fill = layerOf(s, 'life-circle-bands-fill');
			const streets = layerOf(s, 'life-circle-streets');
			DEFAULT_BANDS.forEach((m, i) => {
				expect(evaluateColour(fill.type === 'fill' && fill.paint?.['fill-color'], { minutes: m })).toBe(css(colours[i]));
				expect(evaluateColour(streets.type === 'line' && streets.paint?.['line-color'], { band: m })).toBe(css(colours[i]));
			});
			const switched = new Set(paintFor(theme).map(([id, property]) => `${id} ${property}`));
			const painted = bandPaint([5, 10], theme);
			expect(painted.map(([id]) => id)).toEqual(['life-circle-bands-fill', 'life-circle-bands-outline', 'life-circle-streets']);
			for (const [id, property] of painted) expect(switched.has(`${id} ${property}`), `${id} ${property}`).toBe(false);
			expect(switched.has('life-circle-bands-fill fill-opacity')).toBe(true);
		}
	});
});

describe('the amenity layer', () => {
	it('is one clustered source of the built amenities, attributed to AMap, leaving metro and parks to their layers', () => {
		const source = style.sources.amenities;
		expect(source).toMatchObject({ type: 'geojson', cluster: true, data: 'http://localhost:4173/data/amenities.geojson' });
		expect(sourceCredits('amenities')).toEqual(['amenities']);
		expect(credits('en').find((c) => c.id === 'amenities')?.text).toBe('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
		const filter = JSON.stringify('filter' in source ? source.filter : null);
		for (const category of ['metro-station', 'large-park']) expect(filter).toContain(category);
	});

	it('is toggled as one group: clusters, points and labels, never the selection ring', () => {
		expect(layerIdsForToggle('amenities')).toEqual(['amenities-cluster', 'amenities-cluster-count', 'amenities-point', 'amenities-label']);
		expect(clickableLayerIds('amenity', 'cluster')).toEqual(['amenities-point', 'amenities-cluster']);
		expect(catalogEntry('amenity-selected').toggle).toBeNull();
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
		const label = layerOf(styleIn('zh', 'light'), 'amenities-label');
		expect(label.type === 'symbol' && label.layout?.['text-font']).toEqual(['Noto Sans Regular']);
	});
});
