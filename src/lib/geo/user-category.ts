/**
 * The user's own points as a life-circle and coverage category (issue 11): a layer of points the
 * user switched on "for analysis". No Shanghai standard names such a category, so it has no tier in
 * the checklist (its row lists counts per band and the nearest one) and coverage judges it against a
 * threshold the user picks. Pure: the worker and the app both read it.
 */
import type { ReachedAmenity } from './life-circle';
import type { LonLat } from './lonlat';

/** A coverage category id for a user layer: `user:` and the layer's id. */
export type UserCategoryId = `user:${string}`;

/** The threshold coverage starts with for a user category, minutes (no standard exists to take it from). */
export const DEFAULT_USER_THRESHOLD_MINUTES = 10;
/** The thresholds a user may pick, minutes. */
export const USER_THRESHOLD_LIMITS = { min: 1, max: 30 } as const;

/** One layer's points, as sent to the worker. Never leaves the machine. */
export interface UserSource {
	/** The layer's id. */
	id: string;
	/** The layer's name (its file name). */
	name: string;
	points: LonLat[];
	/** A label per point (its name in the file, or ''), same order as `points`. */
	labels: string[];
}

/** The checklist row of a user category: counts per band and every point reached, nearest first. */
export interface UserChecklistItem {
	/** The coverage category id (`user:` + layer id). */
	category: UserCategoryId;
	name: string;
	/** Points in the layer. */
	total: number;
	/** Points inside each band, keyed by the band's minutes (a point counts in every band that holds it). */
	counts: Record<number, number>;
	/** Every point inside the largest band, shortest walk first (ties by id). */
	reached: ReachedAmenity[];
}

export function userCategoryId(layerId: string): UserCategoryId {
	return `user:${layerId}`;
}

export function isUserCategory(value: unknown): value is UserCategoryId {
	return typeof value === 'string' && value.startsWith('user:') && value.length > 5;
}

/** The layer id of a user category. */
export function userLayerIdOf(category: UserCategoryId): string {
	return category.slice(5);
}

/** Whether a threshold is one a user may pick (whole or half minutes within the limits). */
export function isUserThreshold(minutes: unknown): minutes is number {
	return typeof minutes === 'number' && Number.isFinite(minutes) && minutes >= USER_THRESHOLD_LIMITS.min && minutes <= USER_THRESHOLD_LIMITS.max;
}

/**
 * A user category's checklist row, from the walking minutes to each of its points (the same
 * minutes the built-in rows are counted from: graph/amenity-reach.ts), counted per band like
 * evaluateLifeCircle's walk mode.
 *
 * @param source the layer's points and labels
 * @param bandMinutes the bands' limits, minutes (any order)
 * @param walkMinutes minutes per point (Infinity or NaN: not reached)
 * @example
 * evaluateUserCategory(src, [5, 10, 15], [3.2, Infinity]).counts; // { 5: 1, 10: 1, 15: 1 }
 */
export function evaluateUserCategory(source: UserSource, bandMinutes: readonly number[], walkMinutes: ArrayLike<number>): UserChecklistItem {
	if (walkMinutes.length !== source.points.length) {
		throw new Error(`evaluateUserCategory: ${walkMinutes.length} walking times for ${source.points.length} points`);
	}
	const limits = [...bandMinutes].sort((a, b) => a - b);
	const largest = limits[limits.length - 1];
	const counts: Record<number, number> = Object.fromEntries(limits.map((m) => [m, 0]));
	const found: { amenity: ReachedAmenity; exact: number }[] = [];
	source.points.forEach((point, i) => {
		const minutes = walkMinutes[i];
		if (!(minutes <= largest)) return;
		const band = limits.find((m) => minutes <= m)!;
		const label = source.labels[i] || `#${i + 1}`;
		found.push({
			amenity: {
				id: `${source.id}:${i}`,
				name: { en: label, zh: label },
				// As the built-in rows: to 0.1 min, rounded up, never past its band.
				minutes: Math.min(band, Math.ceil(minutes * 10 - 1e-9) / 10),
				band,
				at: [point[0], point[1]]
			},
			exact: minutes
		});
		for (const m of limits) if (band <= m) counts[m]++;
	});
	found.sort((a, b) => a.exact - b.exact || (a.amenity.id < b.amenity.id ? -1 : a.amenity.id > b.amenity.id ? 1 : 0));
	return { category: userCategoryId(source.id), name: source.name, total: source.points.length, counts, reached: found.map((f) => f.amenity) };
}
