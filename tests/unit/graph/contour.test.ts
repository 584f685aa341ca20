/**
 * Banding on cost grids made up for the test (cones of walking cost around a few street points,
 * with a pond of unreached cells): every cell centre clearly within a limit lies in its band, every
 * centre clearly beyond lies outside, the reported area is the polygons' area, and the bands nest.
 */
import { describe, it, expect } from 'vitest';
import { createLocalProjection } from '../../../src/lib/geo/projection';
import { bandWindows, contourBands } from '../../../src/lib/graph/contour';
import { CostGrid, type GridFrame } from '../../../src/lib/graph/cost-grid';
import { mulberry32 } from '../../../src/lib/graph/random';
import { inMultiPolygon, signedArea } from '../../../src/lib/graph/validate';

const proj = createLocalProjection(121.42, 31.22);

function randomGrid(seed: number): { grid: CostGrid; frame: GridFrame } {
	const rand = mulberry32(seed);
	const frame: GridFrame = { cs: 10 + rand() * 30, minX: -40 * 25, minY: -30 * 25, width: 60 + Math.floor(rand() * 40), height: 50 + Math.floor(rand() * 40) };
	const grid = new CostGrid();
	grid.reset(frame);
	const cones = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => [rand() * frame.width, rand() * frame.height, rand() * 300]);
	const pond = [Math.floor(rand() * frame.width), Math.floor(rand() * frame.height)];
	for (let y = 0; y < frame.height; y++) {
		for (let x = 0; x < frame.width; x++) {
			if (Math.abs(x - pond[0]) <= 3 && Math.abs(y - pond[1]) <= 3) continue; // a pond: Infinity
			let c = Infinity;
			for (const [cx, cy, c0] of cones) c = Math.min(c, c0 + 1.3 * frame.cs * Math.hypot(x - cx, y - cy));
			grid.cost[y * frame.width + x] = c;
		}
	}
	return { grid, frame };
}

describe('contourBands', () => {
	for (let seed = 1; seed <= 15; seed++) {
		it(`random cost grid ${seed}`, () => {
			const { grid, frame } = randomGrid(seed);
			const { cs, width, height } = frame;
			const limits = [300, 600, 900];
			const minutes = [5, 10, 15];
			const { features, areas } = contourBands(grid, frame, minutes, limits, 1.3, proj);
			expect(features.map((f) => f.properties.minutes)).toEqual([15, 10, 5]);
			const polys = [...features].reverse().map((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
			const windows = bandWindows(grid.cost, frame, limits);
			const margin = 0.2 * cs; // well away from a threshold, interpolation cannot decide it
			const bad: string[] = [];
			limits.forEach((limit, k) => {
				const w = windows[k];
				for (let y = 0; y < height; y++) {
					for (let x = 0; x < width; x++) {
						const c = grid.cost[y * width + x];
						if (c <= limit && (x < w.x0 || x > w.x1 || y < w.y0 || y > w.y1)) bad.push(`band ${k}: cell ${x},${y} outside its window`);
						if (Math.abs(c - limit) < margin) continue;
						const centre = proj.toLonLat([frame.minX + (x + 0.5) * cs, frame.minY + (y + 0.5) * cs]);
						if (inMultiPolygon(polys[k], centre) !== c < limit) bad.push(`band ${k}: cell ${x},${y} cost ${c.toFixed(1)} vs limit ${limit}`);
					}
				}
				if (k > 0) {
					const prev = windows[k - 1];
					if (prev.x1 >= 0 && (prev.x0 < w.x0 || prev.y0 < w.y0 || prev.x1 > w.x1 || prev.y1 > w.y1)) bad.push(`window ${k - 1} not inside window ${k}`);
					for (const poly of polys[k - 1]) for (const p of poly[0]) if (!inMultiPolygon(polys[k], p)) bad.push(`band ${k - 1} vertex outside band ${k}`);
				}
				// the reported area is the shoelace area of what is drawn (exteriors CCW, holes CW)
				let area = 0;
				for (const poly of polys[k]) {
					poly.forEach((ring, r) => {
						const a = signedArea(ring.map((p) => proj.toMetres(p))) / 2;
						if (r === 0 ? !(a > 0) : !(a < 0)) bad.push(`band ${k}: ring ${r} wound the wrong way`);
						area += a;
					});
				}
				if (Math.abs(area - areas[k].area_m2) > 1 + 1e-6 * area) bad.push(`band ${k}: area ${areas[k].area_m2} but polygons ${area}`);
			});
			expect(bad.slice(0, 10)).toEqual([]);
		});
	}

	it('an unreached grid gives empty bands of zero area', () => {
		const frame: GridFrame = { cs: 25, minX: 0, minY: 0, width: 20, height: 20 };
		const grid = new CostGrid();
		grid.reset(frame);
		const { features, areas } = contourBands(grid, frame, [5], [300], 1.3, proj);
		expect(features[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [] });
		expect(areas).toEqual([{ minutes: 5, area_m2: 0, circle_ratio: 0 }]);
	});
});
