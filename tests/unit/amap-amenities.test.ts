import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { AMAP_COVERAGE, AMAP_FILES, AMAP_TYPE_RULES, classifyAmap, type AmapFile } from '$lib/data/amap-categories';
import { bundledAmenities, withAmapAmenities, type AmenityCollection } from '$lib/data/amenities';
import { LIFE_CIRCLE_CATEGORIES } from '$lib/geo/life-circle';
import { AMENITY_BBOX, buildAmapAmenities } from '../../scripts/geodata/amenities';

const dir = 'geodata/sources/poi-amap-2020';
const sourceFiles = Object.fromEntries(
	AMAP_FILES.map((f) => [f, JSON.parse(readFileSync(`${dir}/${f}.geojson`, 'utf8')) as FeatureCollection])
) as Record<AmapFile, FeatureCollection>;

function poi(name: string, amap_type: string, lon = 121.41, lat = 31.22, extra: Record<string, unknown> = {}): Feature<Point> {
	return {
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [lon, lat] },
		properties: { name, address: '', district: '长宁区', amap_type, duplicate_of_other_file: false, ...extra }
	};
}
const fc = (...features: Feature<Point>[]): FeatureCollection => ({ type: 'FeatureCollection', features });
/** Metres east → degrees of longitude at 31.22° N. */
const east = (m: number) => m / 95_180;

describe('classifyAmap (real AMap type strings)', () => {
	it('counts community health service centres and stations as health care', () => {
		expect(classifyAmap('医疗保健服务;综合医院;卫生院', '新泾镇社区卫生服务中心')).toEqual({ ok: true, categories: ['health-centre'] });
		expect(classifyAmap('医疗保健服务;综合医院;卫生院|医疗保健服务;诊所;诊所', '天山二村社区卫生服务站')).toEqual({ ok: true, categories: ['health-centre'] });
		expect(classifyAmap('医疗保健服务;诊所;诊所', '程家桥街道社区卫生服务中心门诊部').ok).toBe(true);
		expect(classifyAmap('医疗保健服务;综合医院;三级甲等医院', '上海市第六人民医院').ok).toBe(true);
	});

	it('pet clinics are not health care, by type and by name', () => {
		const pet = classifyAmap('医疗保健服务;动物医疗场所;宠物诊所', '瑞鹏宠物医院');
		expect(pet.ok).toBe(false);
		if (!pet.ok) expect(pet.reason.en).toMatch(/pet/);
		expect(classifyAmap('医疗保健服务;动物医疗场所;宠物诊所|医疗保健服务;动物医疗场所;兽医站', 'x').ok).toBe(false);
		// typed as a general hospital, but a vets' school
		expect(classifyAmap('医疗保健服务;综合医院;综合医院', '汉维宠仕高级兽医进修医院').ok).toBe(false);
		expect(classifyAmap('医疗保健服务;诊所;诊所', '上海动物园医疗站').ok).toBe(false);
	});

	it('an excluding type wins over a counting one; an ignored one does not', () => {
		expect(classifyAmap('医疗保健服务;专科医院;口腔医院|医疗保健服务;诊所;诊所', '某某口腔').ok).toBe(false);
		expect(classifyAmap('医疗保健服务;专科医院;整形美容|医疗保健服务;综合医院;三级甲等医院', 'x').ok).toBe(false);
		expect(classifyAmap('医疗保健服务;专科医院;肿瘤医院|医疗保健服务;综合医院;三级甲等医院', 'x')).toEqual({ ok: true, categories: ['health-centre'] });
		expect(classifyAmap('医疗保健服务;专科医院;眼科医院', '某眼科医院').ok).toBe(false);
		expect(classifyAmap('医疗保健服务;诊所;诊所', '上海九颜医疗美容诊所(虹桥南丰城店)').ok).toBe(false);
	});

	it('schools, kindergartens and bus stops; metro stations come from OSM instead', () => {
		expect(classifyAmap('科教文化服务;学校;幼儿园', '紫一幼儿园')).toEqual({ ok: true, categories: ['childcare'] });
		expect(classifyAmap('科教文化服务;学校;小学', '天山第一小学')).toEqual({ ok: true, categories: ['primary-school'] });
		expect(classifyAmap('科教文化服务;学校;中学', '上海市延安中学')).toEqual({ ok: true, categories: ['middle-school'] });
		expect(classifyAmap('交通设施服务;公交车站;公交车站相关', '天山路遵义路(公交站)')).toEqual({ ok: true, categories: ['bus-stop'] });
		expect(classifyAmap('交通设施服务;地铁站;地铁站', '中山公园(地铁站)').ok).toBe(false);
		expect(classifyAmap('科教文化服务;学校;幼儿园', '上海市市立幼儿园(暂停营业)').ok).toBe(false);
	});

	it('every type in the source files has a rule, and every rule maps to a checklist category', () => {
		const ids = new Set(LIFE_CIRCLE_CATEGORIES.map((c) => c.id));
		for (const rule of AMAP_TYPE_RULES) if (rule.verdict.kind === 'count') expect(ids.has(rule.verdict.category)).toBe(true);
		for (const file of AMAP_FILES) {
			for (const f of sourceFiles[file].features) {
				const r = classifyAmap(String(f.properties?.amap_type), String(f.properties?.name));
				if (!r.ok) expect(r.reason.en, String(f.properties?.amap_type)).not.toMatch(/no rule/);
			}
		}
	});
});

describe('buildAmapAmenities', () => {
	it('merges the same name within 30 m of one category, not farther, not across categories', () => {
		const { collection, stats } = buildAmapAmenities({
			primary_school: fc(poi('九年一贯制学校', '科教文化服务;学校;小学')),
			middle_school: fc(poi('九年一贯制学校', '科教文化服务;学校;中学', 121.41 + east(10))),
			bus_stop: fc(
				poi('天山路遵义路(公交站)', '交通设施服务;公交车站;公交车站相关'),
				poi('天山路遵义路(公交站)', '交通设施服务;公交车站;公交车站相关', 121.41 + east(20)),
				poi('天山路遵义路(公交站)', '交通设施服务;公交车站;公交车站相关', 121.41 + east(45))
			)
		});
		expect(stats.duplicates).toBe(1);
		expect(collection.features.map((f) => f.properties.category)).toEqual(['primary-school', 'middle-school', 'bus-stop', 'bus-stop']);
		expect(collection.features.find((f) => f.properties.category === 'bus-stop')!.properties.name_zh).toBe('天山路遵义路');
		expect(new Set(collection.features.map((f) => f.properties.id)).size).toBe(collection.features.length);
	});

	it('keeps rows flagged duplicate_of_other_file (the flag points at school.geojson, which is not read)', () => {
		const { collection } = buildAmapAmenities({ kindergarten: fc(poi('紫一幼儿园', '科教文化服务;学校;幼儿园', 121.41, 31.22, { duplicate_of_other_file: true })) });
		expect(collection.features).toHaveLength(1);
	});

	it('drops points outside the walking-network box and pet clinics; says per category what it covers', () => {
		const { collection, stats } = buildAmapAmenities({
			hospital: fc(
				poi('新泾镇社区卫生服务中心', '医疗保健服务;综合医院;卫生院'),
				poi('瑞鹏宠物医院', '医疗保健服务;动物医疗场所;宠物诊所', 121.41 + east(5)),
				poi('远处诊所', '医疗保健服务;诊所;诊所', 121.6, 31.22)
			)
		});
		expect(stats.outsideBox).toBe(1);
		expect(collection.features.map((f) => f.properties.name_zh)).toEqual(['新泾镇社区卫生服务中心']);
		expect(Object.keys(collection.categories)).toEqual(['health-centre']);
		expect(collection.categories['health-centre']).toMatchObject({ coverage: 'complete', date: '2020' });
		expect(collection.attribution).toBe('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
	});

	it('the real 2020 files: every Changning community health centre is in, no pet clinic is, inside the box', () => {
		const { collection, stats } = buildAmapAmenities(sourceFiles);
		const health = collection.features.filter((f) => f.properties.category === 'health-centre');
		const centres = health.filter((f) => f.properties.district === '长宁区' && /街道社区卫生服务中心$|镇社区卫生服务中心$/.test(f.properties.name_zh));
		expect(centres.length).toBeGreaterThanOrEqual(9); // 10 sub-districts / towns; some centres listed twice
		expect(health.some((f) => /宠物|兽医|动物/.test(f.properties.name_zh))).toBe(false);
		expect(health.some((f) => /动物医疗|口腔医院|整形美容/.test(f.properties.amap_type))).toBe(false);
		const [w, s, e, n] = AMENITY_BBOX;
		for (const f of collection.features) {
			const [x, y] = f.geometry.coordinates;
			expect(x >= w && x <= e && y >= s && y <= n).toBe(true);
		}
		expect(Object.keys(stats.perCategory).sort()).toEqual(Object.keys(AMAP_COVERAGE).sort());
		expect(stats.perCategory['bus-stop']!.changning).toBeGreaterThan(200);
	});

	it('geodata/amenities.amap.geojson is current (rebuild: npx tsx scripts/geodata/amenities.ts)', () => {
		const committed = JSON.parse(readFileSync('geodata/amenities.amap.geojson', 'utf8'));
		expect(committed).toEqual(JSON.parse(JSON.stringify(buildAmapAmenities(sourceFiles).collection)));
	});
});

describe('withAmapAmenities', () => {
	const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
	it('adds the AMap categories with their coverage and keeps OSM metro stations', () => {
		const { collection } = buildAmapAmenities({ bus_stop: fc(poi('甲(公交站)', '交通设施服务;公交车站;公交车站相关')) });
		const data = withAmapAmenities(bundledAmenities(empty, empty), collection as AmenityCollection);
		expect(data.coverage).toEqual({ 'metro-station': 'complete', 'large-park': 'partial', 'bus-stop': 'complete' });
		expect(data.categories['bus-stop'].source.en).toMatch(/AMap/);
		expect(data.amenities.categories).toBe(data.categories);
		expect(data.origin.en).toContain('POIs: AMap, 2020, via ni1o1/pygeo-tutorial (MIT)');
	});
	it('refuses a category filled twice (it would be counted twice)', () => {
		const amap = { type: 'FeatureCollection' as const, features: [], categories: { 'metro-station': AMAP_COVERAGE['bus-stop']! } };
		expect(() => withAmapAmenities(bundledAmenities(empty, empty), amap)).toThrow(/metro-station/);
	});
});
