/**
 * Builds geodata/amenities.amap.geojson, the life-circle amenities of the bundled data, from the AMap
 * POI copies in geodata/sources/poi-amap-2020/ (see its README for provenance and licence).
 *
 *   npx tsx scripts/geodata/amenities.ts
 *
 * `buildAmapAmenities` is pure (tested in tests/unit/amap-amenities.test.ts); only `main` reads and
 * writes files. scripts/build-geodata.ts merges the result with the OSM metro stations and parks,
 * unless an imported OSM extract's geodata/imported/amenities.geojson exists (the importer wins).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, Point } from 'geojson';
import {
	AMAP_ATTRIBUTION,
	AMAP_COVERAGE,
	AMAP_FILES,
	AMAP_PROVENANCE,
	classifyAmap,
	type AmapFile,
	type CategorySource
} from '../../src/lib/data/amap-categories';
import type { AmenityCategoryId } from '../../src/lib/osm/amenity-categories';
import { roundPosition } from './round';

/** The walking-network box: life circles near the district edge need the neighbours' amenities. */
export const AMENITY_BBOX: readonly [number, number, number, number] = [121.314, 31.166, 121.466, 31.254];

/** Two points of one category with the same name closer than this are one place, metres. */
export const DEDUPE_METRES = 30;

export interface AmapAmenityProperties {
	id: string;
	category: AmenityCategoryId;
	name_zh: string;
	/** No English names in the source; the UI falls back to name_zh. */
	name_en: string;
	amap_type: string;
	address: string;
	source: 'amap-2020';
	/** AMap's district name (adname), e.g. 长宁区. */
	district: string;
}

export type AmapAmenityCollection = FeatureCollection<Point, AmapAmenityProperties> & {
	attribution: string;
	licence: string;
	provenance: string;
	/** Per category: coverage, source, date and a plain-words note (a GeoJSON foreign member). */
	categories: Partial<Record<AmenityCategoryId, CategorySource>>;
};

export interface AmapBuildStats {
	read: number;
	outsideBox: number;
	/** Excluded rows by reason (English). */
	excluded: Record<string, number>;
	duplicates: number;
	/** Kept features per category: in the box, and in 长宁区. */
	perCategory: Partial<Record<AmenityCategoryId, { box: number; changning: number }>>;
}

/** `name (公交站)` → `name`: the category already says what it is. */
function cleanName(name: string): string {
	return name.replace(/\s*[(（](公交站|地铁站)[)）]\s*$/, '').trim();
}

/** Names compared for de-duplication: no spaces, half-width brackets. */
function nameKey(name: string): string {
	return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** FNV-1a, base 36: a short id that stays put when the source is re-cut. */
function hashId(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(36);
}

/** Equirectangular distance in metres; exact enough for 30 m at Shanghai's latitude. */
function metresBetween(a: readonly number[], b: readonly number[]): number {
	const kx = 111_320 * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
	const dx = (a[0] - b[0]) * kx;
	const dy = (a[1] - b[1]) * 110_574;
	return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Turn AMap POI files into life-circle amenity points.
 *
 * - Classifies each row with {@link classifyAmap} (one feature per category it counts in).
 * - Keeps rows inside `bbox` (default {@link AMENITY_BBOX}, lon/lat).
 * - De-duplicates per category: the same name within `dedupeMetres` (default 30 m) is one place, the
 *   first row read wins. `duplicate_of_other_file` is NOT used to drop rows: in the source it marks
 *   every kindergarten and school as a repeat of school.geojson, which this build does not read.
 *
 * @param files parsed GeoJSON per source file (missing files are skipped)
 * @param options `bbox` [w, s, e, n]; `dedupeMetres`
 * @returns the collection (with provenance and per-category coverage as foreign members) and counts
 * @throws {Error} if a feature is not a Point or lacks `name` / `amap_type`
 * @example
 * const { collection, stats } = buildAmapAmenities({ hospital: JSON.parse(text) });
 */
export function buildAmapAmenities(
	files: Partial<Record<AmapFile, FeatureCollection>>,
	options: { bbox?: readonly [number, number, number, number]; dedupeMetres?: number } = {}
): { collection: AmapAmenityCollection; stats: AmapBuildStats } {
	const [w, s, e, n] = options.bbox ?? AMENITY_BBOX;
	const dedupe = options.dedupeMetres ?? DEDUPE_METRES;
	const stats: AmapBuildStats = { read: 0, outsideBox: 0, excluded: {}, duplicates: 0, perCategory: {} };
	const features: Feature<Point, AmapAmenityProperties>[] = [];
	/** category + name → coordinates already kept. */
	const seen = new Map<string, number[][]>();
	for (const file of AMAP_FILES) {
		const fc = files[file];
		if (!fc) continue;
		fc.features.forEach((f, i) => {
			const p = f.properties ?? {};
			const where = `${file}.geojson feature ${i}`;
			if (f.geometry?.type !== 'Point') throw new Error(`buildAmapAmenities: ${where} is not a Point`);
			if (typeof p.name !== 'string' || typeof p.amap_type !== 'string') {
				throw new Error(`buildAmapAmenities: ${where} has no name or amap_type`);
			}
			stats.read++;
			const [lon, lat] = f.geometry.coordinates;
			if (!(lon >= w && lon <= e && lat >= s && lat <= n)) {
				stats.outsideBox++;
				return;
			}
			const verdict = classifyAmap(p.amap_type, p.name);
			if (!verdict.ok) {
				stats.excluded[verdict.reason.en] = (stats.excluded[verdict.reason.en] ?? 0) + 1;
				return;
			}
			const name = cleanName(p.name);
			const at = roundPosition([lon, lat]);
			for (const category of verdict.categories) {
				const key = `${category}|${nameKey(name)}`;
				const kept = seen.get(key) ?? [];
				if (kept.some((q) => metresBetween(q, at) < dedupe)) {
					stats.duplicates++;
					continue;
				}
				kept.push(at);
				seen.set(key, kept);
				const district = typeof p.district === 'string' ? p.district : '';
				features.push({
					type: 'Feature',
					geometry: { type: 'Point', coordinates: at },
					properties: {
						id: `amap-${category}-${hashId(`${name}|${at[0]}|${at[1]}`)}`,
						category,
						name_zh: name,
						name_en: '',
						amap_type: p.amap_type,
						address: typeof p.address === 'string' ? p.address : '',
						source: 'amap-2020',
						district
					}
				});
				const c = (stats.perCategory[category] ??= { box: 0, changning: 0 });
				c.box++;
				if (district === '长宁区') c.changning++;
			}
		});
	}
	// A repeated id would break feature-state and selection: make every id unique.
	const ids = new Set<string>();
	for (const f of features) {
		let id = f.properties.id;
		for (let k = 2; ids.has(id); k++) id = `${f.properties.id}-${k}`;
		f.properties.id = id;
		ids.add(id);
	}
	const categories = Object.fromEntries(
		Object.entries(AMAP_COVERAGE).filter(([id]) => stats.perCategory[id as AmenityCategoryId])
	) as AmapAmenityCollection['categories'];
	return {
		collection: {
			type: 'FeatureCollection',
			attribution: AMAP_ATTRIBUTION,
			licence: AMAP_PROVENANCE.licence,
			provenance: `${AMAP_PROVENANCE.repository} @ ${AMAP_PROVENANCE.commit}, ${AMAP_PROVENANCE.path} (${AMAP_PROVENANCE.date}); via geodata/sources/poi-amap-2020`,
			categories,
			features
		},
		stats
	};
}

/** Read the AMap copies in geodata/sources/poi-amap-2020 and write geodata/amenities.amap.geojson. */
export function writeAmapAmenities(root: string = join(import.meta.dirname, '..', '..')): void {
	const dir = join(root, 'geodata', 'sources', 'poi-amap-2020');
	const files: Partial<Record<AmapFile, FeatureCollection>> = {};
	for (const file of AMAP_FILES) {
		const path = join(dir, `${file}.geojson`);
		try {
			files[file] = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
		} catch (error) {
			throw new Error(`amenities: cannot read ${path}: ${(error as Error).message}`, { cause: error });
		}
	}
	const { collection, stats } = buildAmapAmenities(files);
	const out = join(root, 'geodata', 'amenities.amap.geojson');
	writeFileSync(out, JSON.stringify(collection) + '\n');
	console.log(`amenities: ${collection.features.length} points → geodata/amenities.amap.geojson (read ${stats.read}, outside box ${stats.outsideBox}, duplicates ${stats.duplicates})`);
	for (const [category, c] of Object.entries(stats.perCategory)) console.log(`  ${category.padEnd(16)} box ${c.box}, 长宁区 ${c.changning}`);
	for (const [reason, k] of Object.entries(stats.excluded)) console.log(`  excluded ${k}: ${reason}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeAmapAmenities();
