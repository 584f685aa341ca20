import type { Bilingual } from '$lib/data/schema';
import type { Theme, ToggleId } from '$lib/data/layer-toggles';
import { AMENITY_CLUSTER_COLOUR, PLACE_LAYER_COLOURS, basemapColours } from '$lib/data/palette';

export const LAYER_LABELS: Record<ToggleId, Bilingual> = {
	'silicon-alley': { en: 'Shanghai Silicon Alley', zh: '上海硅巷' },
	hongqiao: { en: 'Hongqiao', zh: '虹桥' },
	'suzhou-creek': { en: 'Suzhou Creek waterfront', zh: '苏州河滨水' },
	'historic-streets': { en: 'Historic streets', zh: '特色街区' },
	district: { en: 'The district', zh: '长宁区' },
	streets: { en: 'Streets', zh: '道路' },
	metro: { en: 'Metro lines and stations', zh: '地铁线路与车站' },
	elevated: { en: 'Elevated roads', zh: '高架道路' },
	water: { en: 'Water', zh: '水系' },
	green: { en: 'Parks and campuses', zh: '公园与校园' },
	amenities: { en: 'Daily services', zh: '生活服务设施' }
};


/** Legend swatches in the colours the map draws with in a theme. */
export function layerSwatches(theme: Theme): Record<ToggleId, { fill: string; stroke: string }> {
	const BASEMAP_COLOURS = basemapColours(theme);
	return {
	'silicon-alley': { fill: `${PLACE_LAYER_COLOURS['silicon-alley']}55`, stroke: PLACE_LAYER_COLOURS['silicon-alley'] },
	hongqiao: { fill: `${PLACE_LAYER_COLOURS.hongqiao}55`, stroke: PLACE_LAYER_COLOURS.hongqiao },
	'suzhou-creek': { fill: `${PLACE_LAYER_COLOURS['suzhou-creek']}55`, stroke: PLACE_LAYER_COLOURS['suzhou-creek'] },
	'historic-streets': { fill: PLACE_LAYER_COLOURS['historic-streets'], stroke: PLACE_LAYER_COLOURS['historic-streets'] },
	district: { fill: 'transparent', stroke: PLACE_LAYER_COLOURS.district },
	streets: { fill: BASEMAP_COLOURS.street, stroke: BASEMAP_COLOURS.streetCasing },
	metro: { fill: '#97D700', stroke: '#E3002B' },
	elevated: { fill: BASEMAP_COLOURS.expressway, stroke: BASEMAP_COLOURS.expresswayCasing },
	water: { fill: BASEMAP_COLOURS.water, stroke: BASEMAP_COLOURS.waterLine },
	green: { fill: BASEMAP_COLOURS.green, stroke: '#8fb87c' },
	amenities: { fill: AMENITY_CLUSTER_COLOUR, stroke: '#ffffff' }
};
}
