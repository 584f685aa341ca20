/**
 * The coverage tool's evidence pack: its answer as GeoJSON and its figures as CSV, each carrying the
 * inputs that made it (service, threshold and its source, walking speed, band type, the data's
 * source, date and completeness), so a file read on its own still says what it shows. Pure.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { STANDARD_SOURCES, type CoverageStandard } from '$lib/geo/coverage-standard';
import type { BandProperties } from '$lib/graph';
import type { CoverageFigures } from '$lib/graph/coverage';
import { roundGeometry } from './geojson';

/** A coverage answer to export (the worker's `CoverageSuccess` has this shape). */
export interface CoverageExportInput {
	category: string;
	speedKmh: number;
	minutes: number[];
	standard: CoverageStandard;
	threshold: { innerRingMetres: number; elsewhereMetres: number; innerRingMinutes: number; elsewhereMinutes: number };
	completeness: 'complete' | 'partial' | 'none';
	amenities: { count: number; snapped: number };
	bands: FeatureCollection<Polygon | MultiPolygon, BandProperties>;
	within: Feature<Polygon | MultiPolygon, { area_m2: number }> | null;
	streets: FeatureCollection<LineString, { minutes: number | null; band: number | null; source: string | null }>;
	figures: CoverageFigures | null;
}

/** Where the amenity data comes from, as the engine's files say. */
export interface CoverageDataSource {
	source: string;
	date: string;
	note: string;
}

/** The inputs, flat: the first feature of the GeoJSON carries them, and every CSV row repeats them. */
function inputs(r: CoverageExportInput, data: CoverageDataSource | null): Record<string, string | number> {
	return {
		category: r.category,
		threshold_inner_ring_m: Math.round(r.threshold.innerRingMetres),
		threshold_elsewhere_m: Math.round(r.threshold.elsewhereMetres),
		threshold_source: STANDARD_SOURCES[r.standard.source].en,
		target_share: r.standard.target.share,
		target_source: STANDARD_SOURCES[r.standard.target.source].en,
		speed_kmh: r.speedKmh,
		band_type: 'minutes to the nearest amenity along the streets, cumulative',
		bands_min: r.minutes.join(','),
		amenities: r.amenities.count,
		amenities_snapped: r.amenities.snapped,
		data_completeness: r.completeness,
		data_source: data?.source ?? '',
		data_date: data?.date ?? '',
		data_note: data?.note ?? ''
	};
}

const share = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Coverage as GeoJSON (RFC 7946): first a feature without geometry holding the inputs and the
 * figures (`export_kind: 'coverage-summary'`), then one polygon per band (largest first), the area
 * within the standard, and every street piece with its minutes to the nearest amenity, its band
 * (null: beyond the last band, a gap) and that amenity's id.
 *
 * @example coverageGeoJSON(result, null).features[0].properties.export_kind; // 'coverage-summary'
 */
export function coverageGeoJSON(r: CoverageExportInput, data: CoverageDataSource | null): FeatureCollection {
	const f = r.figures;
	const summary: Feature = {
		type: 'Feature',
		geometry: null as unknown as Feature['geometry'],
		properties: {
			export_kind: 'coverage-summary',
			...inputs(r, data),
			street_share: f ? share(f.street.share) : null,
			street_covered_m: f ? Math.round(f.street.covered_m) : null,
			street_total_m: f ? Math.round(f.street.total_m) : null,
			land_share: f ? share(f.land.share) : null,
			land_covered_m2: f ? Math.round(f.land.covered_m2) : null,
			land_total_m2: f ? Math.round(f.land.total_m2) : null
		}
	};
	const bands = [...r.bands.features]
		.sort((a, b) => b.properties.minutes - a.properties.minutes)
		.map((b): Feature => ({
			type: 'Feature',
			geometry: roundGeometry(b.geometry),
			properties: { export_kind: 'coverage-band', minutes: b.properties.minutes, area_m2: Math.round(b.properties.area_m2) }
		}));
	const within: Feature[] = r.within
		? [{ type: 'Feature', geometry: roundGeometry(r.within.geometry), properties: { export_kind: 'coverage-within-standard', area_m2: Math.round(r.within.properties.area_m2) } }]
		: [];
	const streets = r.streets.features.map(
		(s): Feature => ({
			type: 'Feature',
			geometry: roundGeometry(s.geometry),
			properties: { export_kind: 'coverage-street', minutes: s.properties.minutes, band: s.properties.band, nearest: s.properties.source }
		})
	);
	return { type: 'FeatureCollection', features: [summary, ...bands, ...within, ...streets] };
}

/** A CSV field, quoted when it must be (RFC 4180). */
function field(value: string | number | null): string {
	const text = value === null ? '' : String(value);
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The figures as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese right): one row per
 * measure (street length, land, streets inside the Inner Ring), each with its covered, total and
 * share, then the inputs.
 *
 * @returns the file's text; only a header row when the answer has no figures
 */
export function coverageCsv(r: CoverageExportInput, data: CoverageDataSource | null): string {
	const input = inputs(r, data);
	const header = ['measure', 'unit', 'covered', 'total', 'share', ...Object.keys(input)];
	const rows: (string | number | null)[][] = [];
	const f = r.figures;
	if (f) {
		rows.push(['street length', 'm', Math.round(f.street.covered_m), Math.round(f.street.total_m), share(f.street.share)]);
		rows.push(['land', 'm2', Math.round(f.land.covered_m2), Math.round(f.land.total_m2), share(f.land.share)]);
		const inner = f.street.innerRing;
		if (inner.total_m > 0) rows.push(['street length inside the Inner Ring', 'm', Math.round(inner.covered_m), Math.round(inner.total_m), share(inner.covered_m / inner.total_m)]);
	}
	const lines = [header, ...rows.map((row) => [...row, ...Object.values(input)])].map((row) => row.map(field).join(','));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
