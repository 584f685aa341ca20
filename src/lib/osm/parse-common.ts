/**
 * What the three OSM readers share: the coordinate check every node goes through, the trust given to
 * a declared bounds box, Overpass's "incomplete answer" remark, and tags kept only when there are some.
 */
import { OsmInputError } from './types';
import type { BBox, OsmElement } from './types';

export const UTF8 = new TextDecoder('utf-8');

/**
 * Throws unless `lat`/`lon` are finite WGS84 degrees (lat −90…90, lon −180…180). Every reader puts
 * every node through this, so a node at latitude 1000 can never become a street.
 *
 * @param what names the node in the message, e.g. `node 5`
 * @throws {OsmInputError} `node 5: latitude 1000 is outside −90…90`
 */
export function checkCoordinate(lat: number, lon: number, what: string): void {
	if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new OsmInputError(`${what}: latitude ${lat} is outside −90…90`);
	if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new OsmInputError(`${what}: longitude ${lon} is outside −180…180`);
}

/** A declared bounds box is a hint only: one that is not a valid WGS84 box is dropped, not trusted. */
export function validBox(box: number[]): BBox | undefined {
	const [w, s, e, n] = box;
	const ok = box.every(Number.isFinite) && w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n;
	return ok ? [w, s, e, n] : undefined;
}


/**
 * Overpass reports a query that ran out of time or memory in `remark` (JSON) or `<remark>` (XML) and
 * still answers 200 with whatever it had collected: a partial extract that looks complete. Importing
 * it would silently drop streets, so any remark is an error.
 */
export function overpassRemark(remark: unknown): OsmInputError | null {
	if (remark === undefined || remark === null || remark === '') return null;
	const text = (typeof remark === 'string' ? remark : JSON.stringify(remark)).replace(/\s+/g, ' ').trim();
	const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
	return new OsmInputError(
		`incomplete Overpass answer (remark: "${short}"): the query did not finish, so elements are missing — ` +
			're-run it with a larger [timeout:…]/[maxsize:…] or a smaller area'
	);
}

/** The element with its tags, when it has any (an empty tag object is left off). */
export function withTags<T extends OsmElement>(element: T, tags: Record<string, string> | undefined): T {
	if (tags && Object.keys(tags).length > 0) element.tags = tags;
	return element;
}
