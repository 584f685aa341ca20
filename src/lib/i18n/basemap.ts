/**
 * The words of the basemap picker, in both languages. Beside the main tables, not in them: the
 * picker is on-demand code (it comes once the map has drawn), and so are its words. Keys and
 * `{param}` placeholders work as in en.ts/zh.ts.
 */
import { fillTemplate, type Lang } from './strings';

const en = {
	'basemap.heading': 'Basemap source',
	'basemap.embedded': 'Embedded (offline)',
	'basemap.osm': 'OpenStreetMap (online)',
	'basemap.amap': 'AMap 高德 (online)',
	'basemap.embeddedHint': 'Drawn from the app’s own files; nothing is fetched.',
	'basemap.osmHint': 'Tiles from tile.openstreetmap.org, fetched only while this is chosen.',
	'basemap.amapHint': 'Tiles from AMap, drawn in China’s GCJ-02 system and moved to WGS84 here, so the atlas’s data lines up with them.',
	'basemap.failed': 'The online basemap did not load (offline?), so the embedded one is shown.',
	'basemap.useEmbedded': 'Use the embedded basemap'
} as const;

export type BasemapKey = keyof typeof en;

const zh: Record<BasemapKey, string> = {
	'basemap.heading': '底图来源',
	'basemap.embedded': '内置底图（离线）',
	'basemap.osm': 'OpenStreetMap（在线）',
	'basemap.amap': '高德地图（在线）',
	'basemap.embeddedHint': '由本应用自带文件绘制，不联网。',
	'basemap.osmHint': '瓦片来自 OpenStreetMap 官方瓦片服务器，仅在选中时下载。',
	'basemap.amapHint': '瓦片来自高德地图，采用国测局坐标（火星坐标），本应用将其校正至 WGS84，使图集数据与之对齐。',
	'basemap.failed': '在线底图未能加载（可能处于离线状态），已改为显示内置底图。',
	'basemap.useEmbedded': '改用内置底图'
};

const TABLES: Record<Lang, Record<BasemapKey, string>> = { en, zh };

/** A string of this table in a language, `{name}` placeholders filled (as `translate`). */
export function basemapText(lang: Lang, key: BasemapKey, params: Record<string, string | number> = {}): string {
	return fillTemplate(TABLES[lang][key], params);
}

