/**
 * The data build's one rounding helper (scripts/geodata/round.ts), and that the build has no other.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LineString } from 'geojson';
import { COORDINATE_DECIMALS, round, roundCoordinates, roundGeometry, roundPosition } from '../../scripts/geodata/round';
import { mulberry32 } from '../../src/lib/graph/random';

describe('round', () => {
	it('rounds half up on the double, as the committed geodata was written', () => {
		expect(round(121.4123456789, 6)).toBe(121.412346);
		expect(round(1668.818, 0)).toBe(1669);
		expect(round(2.5, 0)).toBe(3);
		// 1.45 × 10 is exactly 14.5 as a double: half up gives 1.5 (toFixed(1) would give "1.4").
		expect(round(1.45, 1)).toBe(1.5);
		expect(round(0.0000004, 6)).toBe(0);
	});

	it('holds its invariants on 10,000 seeded values: idempotent, within half a unit, Math.round at 0 decimals', () => {
		const random = mulberry32(9);
		for (let n = 0; n < 10_000; n++) {
			const value = (random() - 0.5) * 10 ** Math.floor(random() * 8);
			const decimals = Math.floor(random() * 8);
			const r = round(value, decimals);
			expect(round(r, decimals)).toBe(r);
			expect(Math.abs(r - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(value)));
			expect(round(value, 0)).toBe(Math.round(value));
		}
	});

	it('says what was wrong with a bad call', () => {
		expect(() => round(1, -1)).toThrow(/decimals must be a whole number/);
		expect(() => round(1, 1.5)).toThrow(/decimals must be a whole number/);
		expect(() => round(Number.NaN, 2)).toThrow(/finite/);
		expect(() => round(Infinity, 2)).toThrow(/finite/);
	});
});

describe('roundPosition, roundCoordinates, roundGeometry', () => {
	it('round every ordinate to the coordinate decimals and keep the nesting', () => {
		expect(COORDINATE_DECIMALS).toBe(6);
		expect(roundPosition([121.41234567, 31.2000004])).toEqual([121.412346, 31.2]);
		const rings = [[[121.1234567, 31.7654321], [121.0000001, 31.0000009]]];
		expect(roundCoordinates(rings)).toEqual([[[121.123457, 31.765432], [121, 31.000001]]]);
	});

	it('keep the geometry’s other members and leave the input alone', () => {
		const line: LineString = { type: 'LineString', coordinates: [[121.1234567, 31.1], [121.2, 31.2345678]], bbox: [1, 2, 3, 4] };
		const rounded = roundGeometry(line);
		expect(rounded).toEqual({ type: 'LineString', coordinates: [[121.123457, 31.1], [121.2, 31.234568]], bbox: [1, 2, 3, 4] });
		expect(line.coordinates[0][0]).toBe(121.1234567);
	});
});

describe('the data build rounds in one place', () => {
	const root = join(import.meta.dirname, '..', '..');
	const files = [
		join(root, 'scripts', 'build-geodata.ts'),
		...readdirSync(join(root, 'scripts', 'geodata'), { recursive: true, encoding: 'utf8' })
			.filter((name) => name.endsWith('.ts'))
			.map((name) => join(root, 'scripts', 'geodata', name))
	];

	it('has no Math.round or Number(x.toFixed(d)) outside scripts/geodata/round.ts', () => {
		const offenders = files
			.filter((path) => !path.endsWith(join('geodata', 'round.ts')))
			.flatMap((path) =>
				readFileSync(path, 'utf8')
					.split('\n')
					.map((line, i) => ({ line, at: `${relative(root, path)}:${i + 1}` }))
					.filter(({ line }) => /Math\.round\(|\+\(?[\w.]+[^;]*?\)?\.toFixed\(|Number\([^)]*\.toFixed\(/.test(line) && !/^\s*(\*|\/\/)/.test(line))
					.map(({ at }) => at)
			);
		expect(files.length).toBeGreaterThan(10);
		expect(offenders).toEqual([]);
	});
});
