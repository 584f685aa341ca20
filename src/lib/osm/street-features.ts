/**
 * Streets: every way `classifyStreet` includes, as one LineString per run of present nodes.
 *
 * Streets keep whole ways (not split at junctions): ways meeting at an OSM node share that node's
 * rounded coordinate bit for bit, and the graph builder merges equal coordinates into one vertex.
 */
import type { Feature, LineString } from 'geojson';
import { wayRuns, type ElementIndex } from './element-index';
import type { ImportStats, StreetProps } from './geodata-types';
import { lineFeatures, type Keyed } from './output';
import { classifyStreet } from './streets';

/**
 * The street features of an extract, counting walkable, not walkable, clipped and skipped ways.
 *
 * @param index the indexed extract
 * @param stats counts to add to
 */
export function streetFeatures(index: ElementIndex, stats: ImportStats): Keyed<Feature<LineString, StreetProps>>[] {
	const out: Keyed<Feature<LineString, StreetProps>>[] = [];
	for (const way of index.ways.values()) {
		const tags = way.tags;
		if (!tags) continue;
		const decision = classifyStreet(tags);
		if (!decision) continue;
		if (!decision.include) {
			stats.streets.skipped[decision.reason]++;
			continue;
		}
		const r = wayRuns(way, index.nodes);
		if (r.runs.length === 0) {
			stats.streets.skipped['missing-nodes']++;
			continue;
		}
		if (r.clipped) stats.streets.clipped++;
		for (const f of lineFeatures({ ...way, tags }, r.runs, { class: decision.class, walkable: decision.walkable })) {
			out.push(f);
			if (decision.walkable) stats.streets.walkable++;
			else stats.streets.notWalkable++;
		}
	}
	return out;
}
