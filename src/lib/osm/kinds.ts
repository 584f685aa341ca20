/**
 * Which tags make water and green: the kinds the map draws, decided from tags alone.
 */
import type { GreenKind, WaterKind } from './geodata-types';
import type { Tags } from './types';

/** Area kind for water polygons; null if the tags are not water. */
export function waterAreaKind(tags: Tags): WaterKind | null {
	const water = tags.water;
	if (tags.natural !== 'water' && tags.waterway !== 'riverbank' && !['river', 'canal', 'lake', 'pond'].includes(water ?? '')) {
		return null;
	}
	if (water === 'river' || tags.waterway === 'riverbank') return 'river';
	if (water === 'canal') return 'canal';
	if (water === 'lake' || water === 'reservoir') return 'lake';
	if (water === 'pond') return 'pond';
	return 'water';
}

/** Line kind for waterway centrelines; streams are drawn as generic "water". */
export function waterLineKind(tags: Tags): WaterKind | null {
	switch (tags.waterway) {
		case 'river':
			return 'river';
		case 'canal':
			return 'canal';
		case 'stream':
			return 'water';
		default:
			return null;
	}
}

/** Green kind; null if the tags are not green/open land. Zoo > airport > campus > park > garden > green. */
export function greenKind(tags: Tags): GreenKind | null {
	if (tags.tourism === 'zoo') return 'zoo';
	if (tags.aeroway === 'aerodrome') return 'airport';
	if (['university', 'college', 'school'].includes(tags.amenity ?? '')) return 'campus';
	if (tags.leisure === 'park') return 'park';
	if (tags.leisure === 'garden') return 'garden';
	if (['playground', 'pitch', 'nature_reserve'].includes(tags.leisure ?? '')) return 'green';
	if (['grass', 'recreation_ground', 'village_green'].includes(tags.landuse ?? '')) return 'green';
	return null;
}

/** Tags whose polygon area decides a category (parks); those polygons are built even when nothing else matches. */
export function needsArea(tags: Tags): boolean {
	return ['park', 'garden', 'playground'].includes(tags.leisure ?? '');
}
