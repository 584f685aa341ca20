/**
 * Checks every place layer in geodata/places: valid GeoJSON, valid against the project schema,
 * unique ids, coordinates inside Changning, the right layer per file, simple polygons, traced outlines on
 * the real roads, one polygon per park or campus, sources of every location, and points inside the district.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import * as turf from '@turf/turf';
import * as v from 'valibot';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { ROAD_GAPS, TRACES, buildPlaces } from '../../scripts/geodata/places';
import { placeLayers, readPlaceTexts, type PlaceTexts } from '../../scripts/geodata/places/texts';
import { COORDINATE_DECIMALS, round } from '../../scripts/geodata/round';
import {
	CHANGNING_BBOX,
	PLACE_LAYER_IDS,
	PlaceCollection,
	describeIssues,
	type PlaceFeature
} from '../../src/lib/data/schema';

const DIR = join(process.cwd(), 'geodata', 'places');
const files = readdirSync(DIR)
	.filter((name) => name.endsWith('.geojson'))
	.sort();
const texts = new Map(files.map((name) => [name, readFileSync(join(DIR, name), 'utf8')]));

/** Parse and schema-validate a file; throws with every problem listed. */
function load(name: string): PlaceFeature[] {
	const result = v.safeParse(PlaceCollection, JSON.parse(texts.get(name) ?? ''));
	if (!result.success) throw new Error(`${name}:\n${describeIssues(result.issues)}`);
	return result.output.features;
}

/** Every position of a geometry, flattened. */
function positions(geometry: PlaceFeature['geometry']): Position[] {
	switch (geometry.type) {
		case 'Point':
			return [[...geometry.coordinates]];
		case 'LineString':
			return geometry.coordinates.map((p) => [...p]);
		case 'MultiLineString':
		case 'Polygon':
			return geometry.coordinates.flat().map((p) => [...p]);
		case 'MultiPolygon':
			return geometry.coordinates.flat(2).map((p) => [...p]);
	}
}

/**
 * A working note in a place's name: 待核实 / "to be verified", or brackets that hold a remark (a
 * doubt, a guess) rather than part of the name. "Art Yuyuan (Yuyuan Road)" is a name; "X（中文名待核实）"
 * is a note.
 */
const NAME_NOTE = /待核实|待定|待确认|to be (verified|confirmed)|unverified|[（(][^）)]*(核实|确认|推测|或为|不详|verif|confirm|guess|unknown|uncertain|TBD|\?|？)[^）)]*[）)]/i;
/** A file path or file name: a folder of this repository, or a data or code file's extension. */
const FILE_PATH = /(^|[\s(（"'`])(geodata|scripts|src|static|shared|tests|node_modules)\/|\.(geojson|json|tsx?|mjs|js|csv|py|bin|pbf|osm)\b/i;
/** The code libraries the build and the app use: how a figure was computed, said in plain words instead. */
const LIBRARY = /\b(turf|maplibre|mapbox-gl|d3|leaflet|valibot|svelte|kdbush|flatbush|tinyqueue|gcoord|osmium|shapely|geopandas|npm)\b/i;
/** Fields that are identifiers or links, not text a reader reads. */
const NOT_TEXT = new Set(['id', 'layer', 'kind', 'level', 'source', 'url', 'qualifier']);

function nameNotes(name: string, where: string): string[] {
	return NAME_NOTE.test(name) ? [`${where} name "${name}" carries a note`] : [];
}

/** Every working note in a place's properties: in its names, and file paths or libraries in any text. */
function workingNotes(properties: PlaceFeature['properties']): string[] {
	const id = properties.id;
	const problems = [...nameNotes(properties.name.en, id), ...nameNotes(properties.name.zh, id)];
	const visit = (value: unknown, path: string): void => {
		if (typeof value === 'string') {
			if (FILE_PATH.test(value)) problems.push(`${id} ${path} cites a file: "${value}"`);
			if (LIBRARY.test(value)) problems.push(`${id} ${path} names a code library: "${value}"`);
		} else if (Array.isArray(value)) value.forEach((x, i) => visit(x, `${path}[${i}]`));
		else if (value && typeof value === 'object') {
			for (const [key, x] of Object.entries(value)) if (!NOT_TEXT.has(key)) visit(x, path ? `${path}.${key}` : key);
		}
	};
	visit(properties, '');
	return problems;
}

describe('the working-notes check', () => {
	const place = load('hongqiao.geojson')[0].properties;
	it('finds notes in names, file paths and library names in texts', () => {
		const noted = (change: (p: PlaceFeature['properties']) => void) => {
			const copy = structuredClone(place);
			change(copy);
			return workingNotes(copy);
		};
		expect(workingNotes(place)).toEqual([]);
		expect(noted((p) => (p.name.zh = 'Yi Fung Place（中文名待核实）'))).toHaveLength(1);
		expect(noted((p) => (p.name.zh = 'Crystal Hongqiao（或为“水晶虹桥”）'))).toHaveLength(1);
		expect(noted((p) => (p.name.en = 'Hongqiao Uptown (location to be verified)'))).toHaveLength(1);
		expect(noted((p) => (p.accuracy.note.en = 'turf.area of geodata/places.geojson'))).toHaveLength(2);
		expect(noted((p) => (p.summary.zh = '见 scripts/geodata/places.ts'))).toHaveLength(1);
		expect(noted((p) => (p.located_by[0].title = 'Reference notes (shared/reference)'))).toHaveLength(1);
		expect(noted((p) => (p.accuracy.note.zh = '由MapLibre绘制'))).toHaveLength(1);
		// a name's own brackets are no note, and a source's web address is a link, not text
		expect(noted((p) => (p.name.en = 'Art Yuyuan (Yuyuan Road)'))).toEqual([]);
		expect(noted((p) => (p.located_by[0].url = 'https://example.org/data/places.geojson'))).toEqual([]);
	});
});

/** Features whose location is on the creek itself (allowed on or just outside the district edge). */
const CREEK_KINDS = new Set(['waterfront', 'terminal']);

describe('geodata/places', () => {
	it('holds one file per place layer, and nothing else', () => {
		expect(files).toEqual(PLACE_LAYER_IDS.map((id) => `${id}.geojson`).sort());
	});

	describe.each(files)('%s', (name) => {
		it('is valid GeoJSON (RFC 7946)', () => {
			expect(() => check(texts.get(name) ?? '')).not.toThrow();
		});

		it('matches the PlaceCollection schema', () => {
			const result = v.safeParse(PlaceCollection, JSON.parse(texts.get(name) ?? ''));
			const message = result.success ? '' : describeIssues(result.issues);
			expect(message).toBe('');
			expect(result.success).toBe(true);
		});

		it('has at least one feature, all in the layer named by the file', () => {
			const features = load(name);
			expect(features.length).toBeGreaterThan(0);
			const layer = name.replace(/\.geojson$/, '');
			for (const f of features) expect(f.properties.layer, f.properties.id).toBe(layer);
		});

		it('keeps every coordinate inside CHANGNING_BBOX, rounded to 6 decimals', () => {
			const [west, south, east, north] = CHANGNING_BBOX;
			for (const f of load(name)) {
				for (const [lon, lat] of positions(f.geometry)) {
					const where = `${f.properties.id} at ${lon},${lat}`;
					expect(lon, where).toBeGreaterThanOrEqual(west);
					expect(lon, where).toBeLessThanOrEqual(east);
					expect(lat, where).toBeGreaterThanOrEqual(south);
					expect(lat, where).toBeLessThanOrEqual(north);
					expect(round(lon, COORDINATE_DECIMALS), where).toBe(lon);
					expect(round(lat, COORDINATE_DECIMALS), where).toBe(lat);
				}
			}
		});

		it('has closed, counter-clockwise polygons without self-intersections', () => {
			for (const f of load(name)) {
				const g = f.geometry;
				if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
				const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
				for (const rings of polygons) {
					rings.forEach((ring, i) => {
						expect(ring.length, f.properties.id).toBeGreaterThanOrEqual(4);
						expect(ring[0], `${f.properties.id} ring closed`).toEqual(ring[ring.length - 1]);
						const clockwise = turf.booleanClockwise(ring.map((p) => [...p]));
						// RFC 7946: exterior rings counter-clockwise, holes clockwise
						expect(clockwise, `${f.properties.id} ring ${i} winding`).toBe(i > 0);
					});
				}
				const kinks = turf.kinks(f as unknown as Feature<Polygon | MultiPolygon>);
				expect(kinks.features.length, `${f.properties.id} self-intersections`).toBe(0);
			}
		});
	});

	it('uses each id once across all files', () => {
		const ids = files.flatMap((name) => load(name).map((f) => f.properties.id));
		const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
		expect(duplicates).toEqual([]);
	});

	it('lays the Silicon Alley outline and the historic streets on the real roads', () => {
		const roads = JSON.parse(
			readFileSync(join(process.cwd(), 'geodata', 'sources', 'osm-roads', 'changning-roads.osm.wgs84.geojson'), 'utf8')
		) as FeatureCollection<LineString>;
		const nodes = new Set<string>();
		for (const f of roads.features) for (const p of f.geometry.coordinates) nodes.add(`${p[0]},${p[1]}`);
		for (const gap of ROAD_GAPS) for (const p of gap) nodes.add(`${p[0]},${p[1]}`);
		const all = files.flatMap((name) => load(name));
		for (const id of Object.keys(TRACES)) {
			const f = all.find((x) => x.properties.id === id);
			expect(f, id).toBeDefined();
			const vertices = positions(f!.geometry);
			expect(vertices.length, id).toBeGreaterThan(3);
			const off = vertices.filter((p) => !nodes.has(`${p[0]},${p[1]}`));
			expect(off, `${id} vertices off the roads`).toEqual([]);
		}
		// every edge of the outline is a road segment (or one of the declared gap links)
		const edges = new Set<string>();
		const addEdge = (a: Position, b: Position) => {
			edges.add(`${a[0]},${a[1]}|${b[0]},${b[1]}`);
			edges.add(`${b[0]},${b[1]}|${a[0]},${a[1]}`);
		};
		for (const f of roads.features) f.geometry.coordinates.forEach((p, k, c) => k > 0 && addEdge(c[k - 1], p));
		for (const gap of ROAD_GAPS) addEdge(gap[0], gap[1]);
		const alley = all.find((x) => x.properties.id === 'silicon-alley');
		const ring = (alley!.geometry as Polygon).coordinates[0];
		const offEdges = ring.slice(1).filter((p, k) => !edges.has(`${ring[k][0]},${ring[k][1]}|${p[0]},${p[1]}`));
		expect(offEdges).toEqual([]);
	});

	it('says the Silicon Alley area against the briefing’s 1.48 km² without bending the outline to it', () => {
		const alley = load('silicon-alley.geojson').find((f) => f.properties.id === 'silicon-alley');
		const area = turf.area(alley as unknown as Feature<Polygon>) / 1e6;
		const pct = Math.round(((area - 1.48) / 1.48) * 100);
		expect(alley!.properties.accuracy.note.en).toContain(`${area.toFixed(2)} km²`);
		expect(alley!.properties.accuracy.note.en).toContain(`${pct} %`);
	});

	it('gives every feature at least one located_by source saying where it is', () => {
		for (const name of files) {
			for (const f of load(name)) {
				expect(f.properties.located_by.length, f.properties.id).toBeGreaterThan(0);
				for (const s of f.properties.located_by) {
					expect(s.says.en.length, f.properties.id).toBeGreaterThan(5);
					expect(s.says.zh.length, f.properties.id).toBeGreaterThan(2);
					// the panel links only web addresses; the bundled data must not need anything else
					if (s.url !== undefined) expect(s.url, f.properties.id).toMatch(/^https?:\/\//);
				}
			}
		}
	});

	it('keeps accuracy radii consistent with the level, and notes free of file paths', () => {
		for (const name of files) {
			for (const f of load(name)) {
				const { level, metres, note } = f.properties.accuracy;
				const where = `${f.properties.id} ${level} ±${metres} m`;
				if (level === 'exact') expect(metres, where).toBeLessThanOrEqual(30);
				if (level === 'approximate') expect(metres, where).toBeLessThanOrEqual(300);
				if (level === 'uncertain') expect(metres, where).toBeGreaterThanOrEqual(100);
				expect(note.en, where).not.toMatch(/\.geojson|\.ts\b|\.mjs|turf|geodata\//);
				expect(note.zh, where).not.toMatch(/\.geojson|\.ts\b|\.mjs|turf|geodata\//);
			}
		}
	});

	it('keep working notes out of what a reader sees: names are names, texts cite no files or code libraries', () => {
		const all = files.flatMap((name) => load(name));
		const green = JSON.parse(readFileSync(join(process.cwd(), 'geodata', 'green.geojson'), 'utf8')) as FeatureCollection;
		const problems = [
			...all.flatMap((f) => workingNotes(f.properties)),
			// the green areas are labelled on the map too
			...green.features.flatMap((g) => [g.properties?.name_en, g.properties?.name_zh].flatMap((name) => nameNotes(String(name), String(g.properties?.id))))
		];
		expect(problems).toEqual([]);
	});

	it('draws each park and campus once: green.geojson repeats no place polygon', () => {
		const green = JSON.parse(readFileSync(join(process.cwd(), 'geodata', 'green.geojson'), 'utf8')) as FeatureCollection;
		const areas = files
			.flatMap((name) => load(name))
			.filter((f) => f.properties.kind === 'park' || f.properties.kind === 'campus');
		expect(areas.map((f) => f.properties.id).sort()).toEqual(['ecupl-changning-campus', 'zhongshan-park']);
		const placeNames = new Set(areas.map((f) => f.properties.name.zh));
		for (const g of green.features as Feature<Polygon | MultiPolygon>[]) {
			expect(placeNames.has(String(g.properties?.name_zh)), String(g.properties?.id)).toBe(false);
			for (const a of areas) {
				const overlap = turf.intersect(turf.featureCollection([g, a as unknown as Feature<Polygon>]));
				const share = overlap ? turf.area(overlap) / turf.area(a as unknown as Feature<Polygon>) : 0;
				expect(share, `${String(g.properties?.id)} overlaps ${a.properties.id}`).toBeLessThan(0.05);
			}
		}
		// the park and the campus do not overlap each other either
		const both = turf.intersect(turf.featureCollection(areas as unknown as Feature<Polygon>[]));
		expect(both ? turf.area(both) : 0).toBeLessThan(100);
	});

	it('puts every point except creek features inside the district outline', () => {
		const district = load('district.geojson').find((f) => f.properties.kind === 'district');
		expect(district).toBeDefined();
		const outline = district as unknown as Feature<Polygon | MultiPolygon>;
		let checked = 0;
		for (const name of files) {
			for (const f of load(name)) {
				if (f.geometry.type !== 'Point' || CREEK_KINDS.has(f.properties.kind)) continue;
				const inside = turf.booleanPointInPolygon([...f.geometry.coordinates], outline);
				expect(inside, `${f.properties.id} outside Changning`).toBe(true);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(0);
	});

	it('keeps every polygon (other than the district) and line vertex inside or on the edge of the district', () => {
		const district = load('district.geojson').find((f) => f.properties.kind === 'district');
		const outline = turf.buffer(district as unknown as Feature<MultiPolygon>, 0.03, { units: 'kilometers' });
		expect(outline).toBeDefined();
		for (const name of files) {
			for (const f of load(name)) {
				if (f.properties.kind === 'district' || f.geometry.type === 'Point') continue;
				for (const p of positions(f.geometry)) {
					const inside = turf.booleanPointInPolygon(p, outline as Feature<Polygon | MultiPolygon>);
					expect(inside, `${f.properties.id} vertex ${p.join(',')} outside Changning`).toBe(true);
				}
			}
		}
	});
});

describe('the places build is reproducible', () => {
	it('rebuilding from the sources gives the committed places and green files (names, sources, coordinates)', () => {
		const read = <T>(...rel: string[]): T => JSON.parse(readFileSync(join(process.cwd(), 'geodata', ...rel), 'utf8')) as T;
		const { places, green } = buildPlaces({
			roads: read<FeatureCollection<LineString>>('sources', 'osm-roads', 'changning-roads.osm.wgs84.geojson'),
			district: read<FeatureCollection<Polygon | MultiPolygon>>('admin', 'changning.wgs84.geojson').features[0],
			elevated: read<FeatureCollection>('transit', 'elevated_roads.geojson')
		});
		for (const [layer, fc] of Object.entries(places)) {
			expect(JSON.parse(JSON.stringify(fc)), layer).toEqual(read<FeatureCollection>('places', `${layer}.geojson`));
		}
		expect(JSON.parse(JSON.stringify(green))).toEqual(read<FeatureCollection>('green.geojson'));
	}, 60_000);
});

describe('the place texts (geodata/src/place-texts.json) and the recipes', () => {
	const placeTexts = readPlaceTexts(process.cwd());
	const features = files.flatMap((name) => load(name));
	const geometries = Object.fromEntries(features.map((f) => [f.properties.id, f.geometry]));
	/** A deep copy of the texts with one place changed. */
	const withPlace = (id: string, change: (text: Record<string, unknown>) => void): PlaceTexts => {
		const copy = structuredClone(placeTexts);
		change(copy.places[id]);
		return copy;
	};

	it('hold one text per place, in the order of the written layers', () => {
		expect(Object.keys(placeTexts.places)).toEqual(PLACE_LAYER_IDS.flatMap((layer) => load(`${layer}.geojson`).map((f) => f.properties.id)));
		const layers = placeLayers(placeTexts, geometries);
		for (const layer of PLACE_LAYER_IDS) expect(JSON.parse(JSON.stringify(layers[layer]))).toEqual(JSON.parse(texts.get(`${layer}.geojson`) ?? ''));
	});

	it('refuse a text without a recipe, and a recipe without a text', () => {
		const { ['shanghai-arch']: _arch, ...fewer } = geometries;
		expect(() => placeLayers(placeTexts, fewer)).toThrow(/text without a recipe: shanghai-arch/);
		expect(() => placeLayers(placeTexts, { ...geometries, 'nowhere-park': geometries['zhongshan-park'] })).toThrow(/recipe without a text: nowhere-park/);
	});

	it('fill the figures measured on the geometry, and refuse a placeholder they have no value for', () => {
		const alley = placeLayers(placeTexts, geometries)['silicon-alley'].features.find((f) => f.properties?.id === 'silicon-alley');
		expect(JSON.stringify(alley?.properties)).not.toMatch(/\{area_/);
		const broken = withPlace('shanghai-arch', (t) => ((t.summary as { en: string }).en += ' {area_km2}'));
		expect(() => placeLayers(broken, geometries)).toThrow(/shanghai-arch uses \{area_km2\}/);
	});

	it('refuse an unknown citation and an unknown field', () => {
		const badCite = withPlace('zhongshan-park', (t) => ((t.located_by as { cite?: string }[])[1].cite = 'hearsay'));
		expect(() => placeLayers(badCite, geometries)).toThrow(/cites "hearsay"/);
		const typo = withPlace('zhongshan-park', (t) => (t.adress = t.address));
		expect(() => placeLayers(typo, geometries)).toThrow(/unknown fields adress/);
	});
});
