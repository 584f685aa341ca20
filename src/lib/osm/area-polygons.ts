/**
 * Polygons of closed ways and multipolygon relations, built on demand and cached: a park that is
 * also a campus is assembled once. A polygon that cannot be built (a missing node or member, a ring
 * that does not close) is null and counted once as incomplete.
 */
import type { Position } from 'geojson';
import { wayRuns, type ElementIndex } from './element-index';
import type { AreaGeometry } from './geodata-types';
import { assembleRings, ringsToPolygon } from './rings';
import type { OsmRelation, OsmWay } from './types';

export class AreaPolygons {
	private readonly index: ElementIndex;
	private readonly cache = new Map<string, AreaGeometry | null>();
	/** How many wanted polygons could not be built. */
	incomplete = 0;

	constructor(index: ElementIndex) {
		this.index = index;
	}

	/** The polygon of a closed way; null if it is not closed or has nodes missing. */
	way(way: OsmWay): AreaGeometry | null {
		return this.cached(`w${way.id}`, () => {
			const ids = way.nodes;
			if (ids.length >= 4 && ids[0] === ids[ids.length - 1]) {
				const r = wayRuns(way, this.index.nodes);
				if (!r.clipped && r.runs.length === 1 && r.runs[0].length >= 4) return ringsToPolygon([r.runs[0]], []);
			}
			return null;
		});
	}

	/**
	 * The polygon of a multipolygon relation: member ways joined into outer and inner rings. Null if
	 * a member way is missing or an outer ring does not close (it would silently shrink the area).
	 */
	relation(rel: OsmRelation): AreaGeometry | null {
		return this.cached(`r${rel.id}`, () => {
			const { nodes, ways } = this.index;
			const chains = { outer: [] as number[][], inner: [] as number[][] };
			let missingMember = false;
			for (const m of rel.members) {
				if (m.type !== 'way') continue;
				const way = ways.get(m.ref);
				if (!way) {
					missingMember = true;
					continue;
				}
				(m.role === 'inner' ? chains.inner : chains.outer).push(way.nodes);
			}
			const toCoords = (ring: number[]): Position[] | null => {
				const coords: Position[] = [];
				for (const id of ring) {
					const p = nodes.get(id);
					if (!p) return null;
					const last = coords[coords.length - 1];
					if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
				}
				return coords.length >= 4 ? coords : null;
			};
			const outer = assembleRings(chains.outer);
			const inner = assembleRings(chains.inner);
			const outers = outer.rings.map(toCoords);
			const inners = inner.rings.map(toCoords).filter((r): r is Position[] => r !== null);
			if (missingMember || outer.unclosed !== 0 || !outers.every((r) => r !== null)) return null;
			return ringsToPolygon(outers as Position[][], inners);
		});
	}

	private cached(key: string, build: () => AreaGeometry | null): AreaGeometry | null {
		if (this.cache.has(key)) return this.cache.get(key)!;
		const geometry = build();
		if (!geometry) this.incomplete++;
		this.cache.set(key, geometry);
		return geometry;
	}
}
