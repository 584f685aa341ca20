import type { Bilingual, SourceId } from './schema';

/** The sources a fact or a layer cites, shown beside every figure. */
export const SOURCES: Record<SourceId, { title: Bilingual; short: Bilingual; detail: Bilingual }> = {
	'briefing-2023-08-31': {
		short: { en: 'briefing, 31 Aug 2023', zh: '2023年8月31日发布会' },
		title: {
			en: 'Shanghai municipal press briefing, 31 Aug 2023 (Changning session)',
			zh: '上海市政府新闻发布会（长宁专场），2023年8月31日'
		},
		detail: {
			en: 'Information Office of Shanghai Municipality, "High-Quality Development in Shanghai" series, 8th briefing',
			zh: '上海市政府新闻办“高质量发展在上海”系列第八场'
		}
	},
	'life-circle-reference': {
		short: { en: 'life-circle guideline, as reported', zh: '生活圈导则（据报道）' },
		title: {
			en: 'Shanghai 15-minute community life circle planning guideline (2016), as reported',
			zh: '《上海市15分钟社区生活圈规划导则（试行）》（2016），据报道'
		},
		detail: {
			en: 'Figures as reported by official press material and planning journals',
			zh: '数据据官方新闻材料及规划期刊报道'
		}
	},
	'jiefang-daily-2022-10': {
		short: { en: 'Jiefang Daily, Oct 2022, as reported', zh: '《解放日报》2022年10月，据报道' },
		title: { en: 'Jiefang Daily report, October 2022', zh: '《解放日报》报道，2022年10月' },
		detail: { en: 'As reported', zh: '据报道' }
	},
	'datav-geoatlas': {
		short: { en: 'DataV.GeoAtlas', zh: 'DataV.GeoAtlas' },
		title: { en: 'DataV.GeoAtlas (AMap), converted to WGS84', zh: 'DataV.GeoAtlas（高德），已转换为WGS84' },
		detail: { en: 'District outline; no open licence stated', zh: '行政区边界；未声明开放许可' }
	},
	osm: {
		short: { en: 'OpenStreetMap', zh: 'OpenStreetMap' },
		title: { en: '© OpenStreetMap contributors (ODbL)', zh: '© OpenStreetMap 贡献者（ODbL）' },
		detail: {
			en: 'Road network (unnamed, snapshot c. 2020), metro lines, stations and elevated roads',
			zh: '道路网（无路名，约2020年快照）、地铁线路、车站与高架道路'
		}
	},
	'road-register': {
		short: { en: 'road register, 2017', zh: '道路路段登记，2017' },
		title: {
			en: 'Shanghai road-segment register (2017), via pzq123456/bike',
			zh: '上海市道路路段登记表（2017），经 pzq123456/bike'
		},
		detail: {
			en: 'Names, cross streets, grades and lengths of Changning’s 662 road segments; no licence stated',
			zh: '长宁区662个路段的路名、起止交叉路、等级与长度；未声明许可'
		}
	},
	digitised: {
		short: { en: 'digitised', zh: '手工数字化' },
		title: { en: 'Digitised by Changning Atlas', zh: '长宁图鉴手工数字化' },
		detail: {
			en: 'Placed by hand from the district outline and OpenStreetMap metro and elevated-road alignments',
			zh: '依据区界及OpenStreetMap地铁、高架走向手工绘制'
		}
	}
};
