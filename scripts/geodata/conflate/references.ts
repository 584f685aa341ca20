/**
 * Reference lines — rough named lines that say roughly where a street is — and the stage that names
 * edges from them: an edge takes a reference's name when at least `minShare` of it lies within the
 * reference's `accuracy_m` + `marginM` of that line, running the same way (within 30°); then short gaps
 * in a stroke between two edges of one name are filled.
 */
import type { FeatureCollection } from 'geojson';
import type { Network } from './network';
import { axisDiff, bearing, boxOf, pointSegDist, samples } from './plane';
import type { Assignments } from './assignments';
import type { ReferenceLine } from './types';

/**
 * Which surface street lies under an OSM elevated road, and where: only inside `bbox` (lon/lat), so
 * the ring roads are not mistaken for the street beneath them elsewhere in the city.
 */
export const ELEVATED_OVER: { elevated: RegExp; street: string; bbox: [number, number, number, number] }[] = [
	{ elevated: /^延安高架路$/, street: '延安西路', bbox: [121.33, 31.19, 121.44, 31.225] },
	{ elevated: /^内环高架路$/, street: '中山西路', bbox: [121.405, 31.185, 121.425, 31.225] },
	{ elevated: /^中环路$/, street: '北虹路', bbox: [121.37, 31.2, 121.39, 31.2222] },
	{ elevated: /^北翟高架路$/, street: '北翟路', bbox: [121.33, 31.21, 121.385, 31.23] }
];

/** OSM elevated pieces that carry a surface street's own name (bridges, ramps over a junction). */
const ELEVATED_OWN_NAME = /^[\u4e00-\u9fff]+(路|公路)$/;

/**
 * Reference lines from the project's digitised streets and the OSM elevated roads.
 *
 * @param digitised `geodata/src/streets.raw.geojson`: `name_zh`, `name_en`, `accuracy_m`; ids starting
 *   `street-local-connector` are invented and skipped, as are footways, bridges and expressways
 * @param elevated `geodata/transit/elevated_roads.geojson`: `name_zh`
 * @returns the references, digitised first, in input order
 */
export function referencesFrom(digitised: FeatureCollection, elevated: FeatureCollection): ReferenceLine[] {
	const refs: ReferenceLine[] = [];
	for (const f of digitised.features) {
		const p = f.properties ?? {};
		const id = String(p.id ?? '');
		if (id.startsWith('street-local-connector') || f.geometry?.type !== 'LineString') continue;
		if (['footway', 'bridge', 'expressway'].includes(String(p.class))) continue;
		const name = String(p.name_zh ?? '');
		if (!name) continue;
		refs.push({ name_zh: name, name_en: p.name_en ? String(p.name_en) : undefined, accuracy_m: Number(p.accuracy_m ?? 200), kind: 'digitised', coordinates: f.geometry.coordinates });
	}
	for (const f of elevated.features) {
		const name = String(f.properties?.name_zh ?? '');
		if (f.geometry?.type !== 'LineString') continue;
		const over = ELEVATED_OVER.find((o) => o.elevated.test(name));
		if (over) {
			const [x0, y0, x1, y1] = over.bbox;
			const inside = f.geometry.coordinates.filter(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
			// Keep only the stretch inside the box (the pieces are short, so a filter of vertices does).
			if (inside.length >= 2) refs.push({ name_zh: over.street, accuracy_m: 30, kind: 'elevated-over', coordinates: inside });
		} else if (ELEVATED_OWN_NAME.test(name) && !/高架|高速|环/.test(name)) {
			refs.push({ name_zh: name, accuracy_m: 25, kind: 'elevated-over', coordinates: f.geometry.coordinates });
		}
	}
	return refs;
}

/**
 * Stage 2: name the edges from the references (the nearest same-direction reference of each name,
 * in units of its accuracy, over 15 m samples), then fill short stroke gaps.
 *
 * @returns one assignment per edge (undefined where no reference covers `minShare` of the edge)
 */
export function nameFromReferences(network: Network, references: ReferenceLine[], marginM: number, minShare: number): Assignments {
	const { edges, strokes, projection } = network;
	const assigned: Assignments = new Array(edges.length);
	const refXY = references.map((r) => ({ ref: r, xy: r.coordinates.map((p) => projection.xy(p)) }));
	const refBox = refXY.map(({ xy, ref }) => boxOf(xy, ref.accuracy_m + marginM));
	edges.forEach((e, i) => {
		const points = samples(e.xy, 15);
		const hits = new Map<string, { n: number; dist: number; acc: number; kind: ReferenceLine['kind'] }>();
		for (const s of points) {
			// The nearest same-direction reference line of each name that is within its tolerance.
			const best = new Map<string, { d: number; acc: number; kind: ReferenceLine['kind'] }>();
			refXY.forEach(({ ref, xy }, r) => {
				const [x0, y0, x1, y1] = refBox[r];
				if (s.p[0] < x0 || s.p[0] > x1 || s.p[1] < y0 || s.p[1] > y1) return;
				const tol = ref.accuracy_m + marginM;
				for (let k = 1; k < xy.length; k++) {
					const d = pointSegDist(s.p, xy[k - 1], xy[k]);
					if (d > tol || axisDiff(bearing(xy[k - 1], xy[k]), s.dir) > 30) continue;
					// Distance in units of the reference's accuracy: a 30 m line 50 m away beats a 200 m line 40 m away.
					const b = best.get(ref.name_zh);
					if (!b || d / ref.accuracy_m < b.d / b.acc) best.set(ref.name_zh, { d, acc: ref.accuracy_m, kind: ref.kind });
				}
			});
			for (const [name, b] of best) {
				const h = hits.get(name) ?? { n: 0, dist: 0, acc: b.acc, kind: b.kind };
				h.n++;
				h.dist += b.d / b.acc;
				if (b.acc < h.acc) [h.acc, h.kind] = [b.acc, b.kind];
				hits.set(name, h);
			}
		}
		const candidates = [...hits]
			.map(([name, h]) => ({ name, share: h.n / points.length, rel: h.dist / h.n, acc: h.acc, kind: h.kind }))
			.filter((c) => c.share >= minShare)
			.sort((a, b) => a.rel - b.rel || b.share - a.share || a.name.localeCompare(b.name));
		const best = candidates[0];
		if (!best) return;
		const base = best.acc <= 100 && best.share >= 0.7 ? 2 : 1;
		assigned[i] = { name: best.name, method: best.kind === 'elevated-over' ? 'elevated-over' : 'reference', base, anchors: 0, codes: new Set() };
	});
	// Fill short gaps: an unnamed stroke edge (≤ 250 m) between two edges of one name.
	for (const stroke of strokes) {
		for (let k = 1; k + 1 < stroke.edges.length; k++) {
			const [prev, e, next] = [stroke.edges[k - 1], stroke.edges[k], stroke.edges[k + 1]];
			if (!assigned[e] && assigned[prev] && assigned[next] && assigned[prev]!.name === assigned[next]!.name && edges[e].length <= 250) {
				assigned[e] = { name: assigned[prev]!.name, method: 'stroke-gap', base: 1, anchors: 0, codes: new Set() };
			}
		}
	}
	return assigned;
}
