import { describe, it, expect } from 'vitest';
import { distance } from '@turf/turf';
import {
	WALKING_SPEED_PRESETS,
	getWalkingSpeedPreset,
	metresPerMinute,
	walkingDistance,
	walkingMinutes
} from '../../../src/lib/geo/walking';
import { createLocalProjection } from '../../../src/lib/geo/projection';
import { mulberry32 } from '../../../src/lib/graph/random';

describe('walking speeds', () => {
	it('uses the Shanghai standard: 1 km in 15 minutes at 4.0 km/h', () => {
		expect(getWalkingSpeedPreset('shanghai-standard').kmh).toBe(4);
		expect(walkingDistance(15)).toBeCloseTo(1000, 9);
		expect(walkingDistance(15, 4.0)).toBeCloseTo(1000, 9);
		expect(metresPerMinute(4)).toBeCloseTo(66.6667, 3);
		expect(walkingMinutes(500, 3)).toBeCloseTo(10, 9);
	});

	it('has five walking profiles with unique ids, bilingual labels, and only street kinds the data can tell to avoid', () => {
		expect(WALKING_SPEED_PRESETS.map((p) => [p.id, p.kmh, p.avoid])).toEqual([
			['shanghai-standard', 4, []],
			['adult', 4.8, []],
			['elderly', 3, []],
			['child', 3.2, ['arterial']],
			['wheelchair', 2.5, ['under-elevated']]
		]);
		for (const p of WALKING_SPEED_PRESETS) {
			expect(p.label.en.length).toBeGreaterThan(0);
			expect(p.label.zh.length).toBeGreaterThan(0);
		}
	});

	it('rejects impossible speeds and times with a clear message', () => {
		expect(() => metresPerMinute(0.2)).toThrow('Walking speed must be between 0.5 and 10 km/h, got 0.2');
		expect(() => metresPerMinute(12)).toThrow(/between 0\.5 and 10 km\/h/);
		expect(() => metresPerMinute(Number.NaN)).toThrow(/got NaN/);
		expect(() => walkingDistance(0)).toThrow('Walking time must be between 1 and 60 minutes, got 0');
		expect(() => walkingDistance(61)).toThrow(/1 and 60 minutes/);
		expect(() => getWalkingSpeedPreset('jog')).toThrow(/Unknown walking speed preset "jog"/);
	});
});

describe('local projection', () => {
	const proj = createLocalProjection(121.42, 31.22);

	it('round-trips lon/lat exactly enough', () => {
		const rand = mulberry32(3);
		for (let i = 0; i < 100; i++) {
			const p: [number, number] = [121.32 + rand() * 0.13, 31.17 + rand() * 0.08];
			const back = proj.toLonLat(proj.toMetres(p));
			expect(back[0]).toBeCloseTo(p[0], 12);
			expect(back[1]).toBeCloseTo(p[1], 12);
		}
	});

	it('agrees with turf (spherical) distances within 0.5 % across Changning', () => {
		const rand = mulberry32(5);
		for (let i = 0; i < 100; i++) {
			const a: [number, number] = [121.32 + rand() * 0.13, 31.17 + rand() * 0.08];
			const b: [number, number] = [a[0] + (rand() - 0.5) * 0.02, a[1] + (rand() - 0.5) * 0.02];
			const [ax, ay] = proj.toMetres(a);
			const [bx, by] = proj.toMetres(b);
			const planar = Math.hypot(bx - ax, by - ay);
			const sphere = distance(a, b, { units: 'meters' });
			expect(Math.abs(planar - sphere) / sphere).toBeLessThan(0.005);
		}
	});

	it('rejects a reference that is not a lon/lat', () => {
		expect(() => createLocalProjection(200, 31)).toThrow(/refLon/);
		expect(() => createLocalProjection(121, Number.NaN)).toThrow(/refLat/);
	});
});
