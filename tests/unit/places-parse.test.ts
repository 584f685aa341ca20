import { describe, it, expect } from 'vitest';
import { parsePlaces, toMapFeatures, countByLayer } from '$lib/data/places';

const good = {
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [121.41, 31.22] },
	properties: {
		id: 'test-place',
		layer: 'hongqiao',
		kind: 'platform',
		name: { en: 'Test', zh: '测试' },
		summary: { en: 'A test place.', zh: '测试地点。' },
		facts: [],
		accuracy: { level: 'uncertain', metres: 300, note: { en: 'guess', zh: '估计' } },
		located_by: [{ title: 'test', says: { en: 'somewhere', zh: '某处' } }],
		source: 'briefing-2023-08-31'
	}
};

describe('parsePlaces (bad data gets a clear message)', () => {
	it('accepts a valid collection and flattens it for the map', () => {
		const places = parsePlaces({ type: 'FeatureCollection', features: [good] });
		const map = toMapFeatures(places);
		expect(map.hongqiao.features[0].properties).toMatchObject({ id: 'test-place', name_zh: '测试', accuracy_level: 'uncertain' });
		expect(countByLayer(places).hongqiao).toBe(1);
		expect(countByLayer(places).district).toBe(0);
	});

	it('names the path of every bad value', () => {
		const bad = structuredClone(good) as typeof good & { properties: Record<string, unknown> };
		bad.properties.layer = 'nowhere';
		(bad.properties.name as { zh: string }).zh = '';
		expect(() => parsePlaces({ type: 'FeatureCollection', features: [bad] })).toThrow(
			/features\.0\.properties\.layer[\s\S]*features\.0\.properties\.name\.zh/
		);
	});

	it('rejects duplicate ids and non-collections', () => {
		expect(() => parsePlaces({ type: 'FeatureCollection', features: [good, good] })).toThrow(/duplicate id "test-place"/);
		expect(() => parsePlaces({ type: 'Feature' })).toThrow(/not valid/);
		expect(() => parsePlaces(null)).toThrow(/not valid/);
	});
});
