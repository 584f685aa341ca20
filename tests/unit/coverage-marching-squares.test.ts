import { describe, it, expect } from 'vitest';
import { contours } from 'd3-contour';
import { contourPolygons } from '../../src/lib/graph/marching-squares';
import { mulberry32, randomInt } from '../../src/lib/graph/random';

/**
 * The fast marching squares (graph/marching-squares.ts, used by every isochrone and coverage band)
 * against d3-contour, which it re-implements: the same rings, vertex for vertex, in the same order.
 */
describe('marching squares returns exactly what d3-contour returns', () => {
	const rand = mulberry32(11);
	for (let c = 0; c < 40; c++) {
		const dx = 1 + randomInt(rand, 60);
		const dy = 1 + randomInt(rand, 60);
		const kind = c % 4;
		it(`grid ${c}: ${dx}×${dy}, ${['noise', 'blobs', 'distance field with infinities', 'plateaus'][kind]}`, () => {
			const values = new Float64Array(dx * dy);
			const cx = rand() * dx;
			const cy = rand() * dy;
			for (let y = 0; y < dy; y++) {
				for (let x = 0; x < dx; x++) {
					const i = y * dx + x;
					if (kind === 0) values[i] = rand();
					else if (kind === 1) values[i] = Math.sin(x / 3 + rand() * 0.3) * Math.cos(y / 4) + rand() * 0.2;
					else if (kind === 2) values[i] = rand() < 0.1 ? -1e9 : -Math.hypot(x - cx, y - cy);
					else values[i] = Math.floor(rand() * 3);
				}
			}
			const thresholds = kind === 2 ? [-5, -12.5, -30] : kind === 3 ? [1, 2, 0.5] : [0.3, 0.5, 0.8];
			for (const t of thresholds) {
				const expected = contours().size([dx, dy]).contour(values as unknown as number[], t).coordinates;
				expect(contourPolygons(values, dx, dy, t)).toEqual(expected);
			}
		});
	}
});
