/**
 * GPX 1.0/1.1 (a phone's track, a route planner's export): waypoints become Points, each track a
 * LineString (MultiLineString when it has several segments), each route a LineString. Properties:
 * `name`, `desc`, `type`, and for waypoints `ele` and `time`; `gpx` says which of wpt/trk/rte it was.
 */
import type { Position } from 'geojson';
import { FeatureSink, type ReadResult } from './features';
import { ImportStop, type ImportLimits } from './problems';
import { attr, children, childText, type XmlElement } from './xml';

/** A `<wpt|trkpt|rtept lat lon>` as [lon, lat] (NaN when missing: the geometry check rejects it). */
function position(p: XmlElement): Position {
	const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? NaN : Number(v));
	return [num(attr(p, 'lon')), num(attr(p, 'lat'))];
}

function describe(e: XmlElement, kind: string): Record<string, string> {
	const properties: Record<string, string> = { gpx: kind };
	for (const key of ['name', 'desc', 'type', 'cmt']) {
		const value = childText(e, key);
		if (value) properties[key] = value;
	}
	return properties;
}

/**
 * Reads a parsed `<gpx>` tree.
 *
 * @param root the `<gpx>` element (xml.ts)
 * @param limits the feature and position limits
 * @returns the features; warnings name them "waypoint 3", "track 1", "route 2"
 */
export function readGpx(root: XmlElement, limits: ImportLimits): ReadResult {
	const sink = new FeatureSink(limits);
	try {
		children(root, 'wpt').forEach((w, i) => {
			const properties = describe(w, 'wpt');
			for (const key of ['ele', 'time']) {
				const value = childText(w, key);
				if (value) properties[key] = value;
			}
			sink.add({ type: 'Point', coordinates: position(w) }, properties, `waypoint ${i + 1}`);
		});
		children(root, 'trk').forEach((t, i) => {
			const segments = children(t, 'trkseg')
				.map((s) => children(s, 'trkpt').map(position))
				.filter((s) => s.length > 0);
			const geometry = segments.length === 1 ? { type: 'LineString', coordinates: segments[0] } : { type: 'MultiLineString', coordinates: segments };
			sink.add(geometry, describe(t, 'trk'), `track ${i + 1}`);
		});
		children(root, 'rte').forEach((r, i) => {
			sink.add({ type: 'LineString', coordinates: children(r, 'rtept').map(position) }, describe(r, 'rte'), `route ${i + 1}`);
		});
	} catch (error) {
		if (error instanceof ImportStop) return { ok: false, error: error.problem, warnings: [] };
		throw error;
	}
	return sink.finish();
}
