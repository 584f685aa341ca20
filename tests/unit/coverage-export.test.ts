/**
 * The coverage evidence pack (issue 10, point 6): the GeoJSON and the CSV carry their inputs, so a
 * file read on its own says what it shows; computed on a real coverage answer of a random graph.
 */
import { describe, expect, it } from 'vitest';
import { coverageCsv, coverageGeoJSON, type CoverageExportInput } from '$lib/export/coverage';
import { coverageStandard } from '$lib/geo/coverage-standard';
import { computeCoverage } from '$lib/graph/coverage';
import { snapSources } from '$lib/graph/coverage-search';
import { mulberry32 } from '$lib/graph/random';
import { buildSnapIndex } from '$lib/graph/snap';
import { buildSyntheticGraph } from '$lib/graph/street-graph';

function answer(seed: number): CoverageExportInput {
	const rand = mulberry32(seed);
	const graph = buildSyntheticGraph({ seed, cols: 12, rows: 10, spacing: 60, jitter: 0.3, dropRate: 0.1, diagonalRate: 0.05 });
	const index = buildSnapIndex(graph);
	const points = [0, 1].map(() => [graph.projection.toLonLat([(rand() - 0.5) * 600, (rand() - 0.5) * 500])]);
	const result = computeCoverage(graph, snapSources(graph, index, points), { minutes: [3, 6, 9], speedKmh: 4 });
	// The worker names each piece's nearest amenity by its id; here, by its index.
	const streets = {
		type: 'FeatureCollection' as const,
		features: result.streets.features.map((f) => ({ ...f, properties: { ...f.properties, source: f.properties.source < 0 ? null : `amenity-${f.properties.source}` } }))
	};
	return {
		category: 'childcare',
		speedKmh: 4,
		minutes: result.minutes,
		standard: coverageStandard('childcare'),
		threshold: { innerRingMetres: 667, elsewhereMetres: 667, innerRingMinutes: 10, elsewhereMinutes: 10 },
		completeness: 'partial',
		amenities: { count: 2, snapped: 2 },
		bands: result.bands,
		within: result.standard,
		streets,
		figures: { street: { total_m: 1000, covered_m: 700, share: 0.7, innerRing: { total_m: 0, covered_m: 0 } }, land: { total_m2: 5e5, covered_m2: 2e5, share: 0.4, innerRing: { total_m2: 0, covered_m2: 0 } } }
	};
}

const DATA = { source: 'AMap POIs, "via" ni1o1/pygeo-tutorial', date: '2020', note: 'kindergartens only, no 0–3 childcare' };

describe('coverage GeoJSON', () => {
	it('starts with the inputs and figures, then bands largest first, then streets; coordinates rounded to 6 decimals', () => {
		for (const seed of [1, 2, 3]) {
			const r = answer(seed);
			const fc = coverageGeoJSON(r, DATA);
			const [summary, ...rest] = fc.features;
			expect(summary.geometry).toBeNull();
			expect(summary.properties).toMatchObject({
				export_kind: 'coverage-summary',
				category: 'childcare',
				speed_kmh: 4,
				bands_min: r.minutes.join(','),
				data_completeness: 'partial',
				data_source: DATA.source,
				data_date: '2020',
				street_share: 0.7,
				land_share: 0.4,
				target_share: 0.99
			});
			expect(String(summary.properties!.threshold_source)).toMatch(/guideline/);
			const bands = rest.filter((f) => f.properties!.export_kind === 'coverage-band').map((f) => f.properties!.minutes as number);
			expect(bands).toEqual([...bands].sort((a, b) => b - a));
			expect(rest.filter((f) => f.properties!.export_kind === 'coverage-street')).toHaveLength(r.streets.features.length);
			for (const f of rest) {
				for (const v of JSON.stringify(f.geometry).match(/-?\d+\.\d+/g) ?? []) expect(v.split('.')[1].length).toBeLessThanOrEqual(6);
			}
		}
	});
});

describe('coverage CSV', () => {
	it('has a BOM, a header, one row per measure with the inputs repeated, and quotes what must be quoted', () => {
		const text = coverageCsv(answer(4), DATA);
		expect(text.startsWith('\uFEFF')).toBe(true);
		const lines = text.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(3);
		const header = lines[0].split(',');
		expect(header.slice(0, 5)).toEqual(['measure', 'unit', 'covered', 'total', 'share']);
		expect(header).toContain('data_source');
		expect(lines[1]).toMatch(/^street length,m,700,1000,0\.7,childcare,/);
		expect(lines[2]).toMatch(/^land,m2,200000,500000,0\.4,/);
		// The source holds a comma and quotes: quoted, its quotes doubled.
		expect(lines[1]).toContain('"AMap POIs, ""via"" ni1o1/pygeo-tutorial"');
	});

	it('adds the Inner Ring row only when the ring has streets, and is only a header without figures', () => {
		const r = answer(5);
		r.figures!.street.innerRing = { total_m: 200, covered_m: 150 };
		expect(coverageCsv(r, null).trimEnd().split('\r\n')).toHaveLength(4);
		expect(coverageCsv({ ...r, figures: null }, null).trimEnd().split('\r\n')).toHaveLength(1);
	});
});
