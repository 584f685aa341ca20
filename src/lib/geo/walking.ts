/**
 * Walking speeds and the arithmetic between minutes and metres.
 *
 * The default is the speed implied by the Shanghai 15-minute community life circle guideline
 * (上海市15分钟社区生活圈规划导则, 2016, as reported): a 15-minute walk of about 1 km, i.e. 4.0 km/h.
 */

/** Identifier of a walking profile (the speed presets of earlier links keep their ids). */
export type WalkingSpeedId = 'shanghai-standard' | 'adult' | 'elderly' | 'child' | 'wheelchair';

/**
 * A kind of street the data can tell, which a profile may keep off: a Suzhou Creek bridge, an
 * arterial road, a street running under an elevated road (graph/street-kinds.ts reads them).
 */
export type StreetKind = 'bridge' | 'arterial' | 'under-elevated';

/** A walking profile: a speed, bilingual labels, and the streets it keeps off. */
export interface WalkingSpeedPreset {
	readonly id: WalkingSpeedId;
	/** Speed in km/h. */
	readonly kmh: number;
	readonly label: { readonly en: string; readonly zh: string };
	/** Where the figure comes from, in a few words. */
	readonly note: string;
	/** Streets this profile never walks along (empty: every street). */
	readonly avoid: readonly StreetKind[];
}

/** A walking profile (the same record as a speed preset). */
export type WalkingProfile = WalkingSpeedPreset;

/** Lowest accepted walking speed, km/h. */
export const MIN_SPEED_KMH = 0.5;
/** Highest accepted walking speed, km/h (a brisk jog; anything faster is not walking). */
export const MAX_SPEED_KMH = 10;
/** Shortest accepted isochrone, minutes. */
export const MIN_MINUTES = 1;
/** Longest accepted isochrone, minutes. */
export const MAX_MINUTES = 60;

/** The Shanghai standard: 1 km in 15 minutes. */
export const DEFAULT_SPEED_KMH = 4.0;

/** The preset the app starts with: the Shanghai standard, at {@link DEFAULT_SPEED_KMH}. */
export const DEFAULT_PRESET_ID: WalkingSpeedId = 'shanghai-standard';

/**
 * The walking profiles offered in the UI. Speeds: the Shanghai guideline's implied figures and other
 * tools' defaults, as /work/shared/reference/life-circle-standard.md reports them; what each keeps
 * off is what the street data can tell (see `StreetKind`), nothing more.
 */
export const WALKING_SPEED_PRESETS: readonly WalkingSpeedPreset[] = [
	{
		id: DEFAULT_PRESET_ID,
		kmh: DEFAULT_SPEED_KMH,
		label: { en: 'Shanghai standard (1 km in 15 min)', zh: '上海标准（15分钟1公里）' },
		note: '15-minute life circle guideline, radius about 1 km (as reported)',
		avoid: []
	},
	{
		id: 'adult',
		kmh: 4.8,
		label: { en: 'Average adult', zh: '成年人' },
		note: 'A/B Street default, 3 mph',
		avoid: []
	},
	{
		id: 'elderly',
		kmh: 3.0,
		label: { en: 'Older person', zh: '老年人' },
		note: '500 m in 10 minutes, as the childcare and elderly-service radii imply',
		avoid: []
	},
	{
		id: 'child',
		kmh: 3.2,
		label: { en: 'Child walking alone', zh: '独自步行的儿童' },
		note: '800 m in 15 minutes, the lower radius of the 2024 draft standard (as reported); keeping off arterial roads is our assumption',
		avoid: ['arterial']
	},
	{
		id: 'wheelchair',
		kmh: 2.5,
		label: { en: 'Wheelchair or pushchair', zh: '轮椅或婴儿车' },
		note: 'manual wheelchair on city pavements, a conservative figure; keeping off streets under elevated roads is our assumption',
		avoid: ['under-elevated']
	}
];

/**
 * Look up a preset by id.
 *
 * @param {WalkingSpeedId} id preset id
 * @returns {WalkingSpeedPreset} the preset
 * @throws {Error} for an unknown id, listing the known ones
 * @example
 * getWalkingSpeedPreset('elderly').kmh; // 3
 */
export function getWalkingSpeedPreset(id: string): WalkingSpeedPreset {
	const preset = WALKING_SPEED_PRESETS.find((p) => p.id === id);
	if (!preset) {
		const known = WALKING_SPEED_PRESETS.map((p) => p.id).join(', ');
		throw new Error(`Unknown walking speed preset "${id}" (known: ${known})`);
	}
	return preset;
}

/**
 * Throw unless `kmh` is a walking speed in 0.5–10 km/h.
 *
 * @param {number} kmh speed in km/h
 * @throws {Error} "Walking speed must be between 0.5 and 10 km/h, got …"
 */
export function assertWalkingSpeed(kmh: number): void {
	if (typeof kmh !== 'number' || !Number.isFinite(kmh) || kmh < MIN_SPEED_KMH || kmh > MAX_SPEED_KMH) {
		throw new Error(
			`Walking speed must be between ${MIN_SPEED_KMH} and ${MAX_SPEED_KMH} km/h, got ${String(kmh)}`
		);
	}
}

/**
 * Throw unless `minutes` is a walking time in 1–60 minutes.
 *
 * @param {number} minutes walking time in minutes
 * @throws {Error} "Walking time must be between 1 and 60 minutes, got …"
 */
export function assertMinutes(minutes: number): void {
	if (
		typeof minutes !== 'number' ||
		!Number.isFinite(minutes) ||
		minutes < MIN_MINUTES ||
		minutes > MAX_MINUTES
	) {
		throw new Error(
			`Walking time must be between ${MIN_MINUTES} and ${MAX_MINUTES} minutes, got ${String(minutes)}`
		);
	}
}

/**
 * Metres walked per minute at a speed.
 *
 * @param {number} [kmh=4.0] speed in km/h (0.5–10)
 * @returns {number} metres per minute
 * @throws {Error} if the speed is out of range
 * @example
 * metresPerMinute(4.0); // 66.67
 */
export function metresPerMinute(kmh: number = DEFAULT_SPEED_KMH): number {
	assertWalkingSpeed(kmh);
	return (kmh * 1000) / 60;
}

/**
 * Distance walked in a number of minutes.
 *
 * @param {number} minutes walking time in minutes (1–60)
 * @param {number} [kmh=4.0] speed in km/h (0.5–10)
 * @returns {number} distance in metres
 * @throws {Error} if minutes or speed are out of range
 * @example
 * walkingDistance(15); // 1000
 * walkingDistance(10, 3.0); // 500
 */
export function walkingDistance(minutes: number, kmh: number = DEFAULT_SPEED_KMH): number {
	assertMinutes(minutes);
	return minutes * metresPerMinute(kmh);
}

/**
 * Minutes needed to walk a distance (no range check on the distance; 0 m is 0 min).
 *
 * @param {number} metres distance in metres (≥ 0)
 * @param {number} [kmh=4.0] speed in km/h (0.5–10)
 * @returns {number} minutes
 * @example
 * walkingMinutes(500, 3.0); // 10
 */
export function walkingMinutes(metres: number, kmh: number = DEFAULT_SPEED_KMH): number {
	if (!Number.isFinite(metres) || metres < 0) {
		throw new Error(`Distance must be a finite number of metres ≥ 0, got ${String(metres)}`);
	}
	return metres / metresPerMinute(kmh);
}
