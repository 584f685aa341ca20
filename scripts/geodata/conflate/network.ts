/**
 * The edges to be named as a graph (nodes are exactly shared end points) and its strokes: at each
 * junction the two edges that continue each other best are paired, so a chain of edges — a stroke —
 * approximates one street.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import { bearing, boxOf, deflection, pointAlong, pointSegDist, polylineLength, projection, type Projection, type XY } from './plane';

export interface Edge {
	id: string;
	xy: XY[];
	/** Length, m (projected). */
	length: number;
	/** Length inside the district, m (all of it when no district is given). */
	lengthInDistrict: number;
	fromNode: number;
	toNode: number;
}

/** An edge end at a node: which edge, whether the edge starts here, and its direction leaving the node. */
export interface EdgeEnd {
	edge: number;
	atStart: boolean;
	dir: number;
}

export interface GraphNode {
	ends: EdgeEnd[];
}

/** A stroke: edges in order, each with the node it is entered from. */
export interface Stroke {
	edges: number[];
	/** nodes[k] is where edges[k] is entered, nodes[k+1] where it is left; length edges+1. */
	nodes: number[];
}

/** An edge near a point: its index, the distance and the direction of its nearest segment. */
export interface NearEdge {
	edge: number;
	distance: number;
	dir: number;
}

export interface Network {
	edges: Edge[];
	nodes: GraphNode[];
	strokes: Stroke[];
	/** Per edge, the index of its stroke. */
	strokeOf: Int32Array;
	/** The edges' lon/lat box [west, south, east, north]. */
	bbox: number[];
	projection: Projection;
	/** Edges within `radius` m of a point, nearest first (ties by id), with the direction of the nearest segment. */
	edgesNear(p: XY, radius: number): NearEdge[];
}

function buildStrokes(edges: Edge[], nodes: GraphNode[], maxDeflectionDeg: number): { strokes: Stroke[]; strokeOf: Int32Array } {
	// Pair edge ends at every node, best continuation first.
	const partner = new Map<string, string>();
	const endKey = (e: number, atStart: boolean) => `${e}:${atStart ? 0 : 1}`;
	nodes.forEach((node) => {
		const pairs: { d: number; i: number; j: number }[] = [];
		for (let i = 0; i < node.ends.length; i++) {
			for (let j = i + 1; j < node.ends.length; j++) {
				if (node.ends[i].edge === node.ends[j].edge) continue;
				const d = deflection(node.ends[i].dir, node.ends[j].dir);
				if (d < maxDeflectionDeg) pairs.push({ d, i, j });
			}
		}
		pairs.sort((p, q) => p.d - q.d || p.i - q.i || p.j - q.j);
		const used = new Set<number>();
		for (const p of pairs) {
			if (used.has(p.i) || used.has(p.j)) continue;
			used.add(p.i);
			used.add(p.j);
			const a = endKey(node.ends[p.i].edge, node.ends[p.i].atStart);
			const b = endKey(node.ends[p.j].edge, node.ends[p.j].atStart);
			partner.set(a, b);
			partner.set(b, a);
		}
	});
	const strokeOf = new Int32Array(edges.length).fill(-1);
	const strokes: Stroke[] = [];
	for (let s = 0; s < edges.length; s++) {
		if (strokeOf[s] >= 0) continue;
		// Walk back to the start of the stroke from the edge's start end.
		let e = s;
		let enterAtStart = true; // we enter e at its start node
		const seen = new Set<number>([s]);
		for (;;) {
			const p = partner.get(endKey(e, enterAtStart));
			if (!p) break;
			const [partnerEdge, partnerEnd] = p.split(':').map(Number);
			if (seen.has(partnerEdge)) break;
			seen.add(partnerEdge);
			// Going backwards: the partner edge is left at `partnerEnd`; so it is entered at its other end.
			e = partnerEdge;
			enterAtStart = partnerEnd === 1;
		}
		const stroke: Stroke = { edges: [], nodes: [] };
		const strokeIndex = strokes.length;
		for (;;) {
			strokeOf[e] = strokeIndex;
			stroke.edges.push(e);
			stroke.nodes.push(enterAtStart ? edges[e].fromNode : edges[e].toNode);
			const p = partner.get(endKey(e, !enterAtStart));
			if (!p) break;
			const [partnerEdge, partnerEnd] = p.split(':').map(Number);
			if (strokeOf[partnerEdge] >= 0) break;
			e = partnerEdge;
			enterAtStart = partnerEnd === 0;
		}
		const last = edges[stroke.edges[stroke.edges.length - 1]];
		stroke.nodes.push(stroke.nodes[stroke.nodes.length - 1] === last.fromNode ? last.toNode : last.fromNode);
		strokes.push(stroke);
	}
	return { strokes, strokeOf };
}

/**
 * The network of the edges to be named.
 *
 * @param features LineStrings with a unique string `properties.id`, meeting at exactly shared end points
 * @param district lengths inside it are the coverage figures; without it all of an edge counts
 * @param maxDeflectionDeg largest deflection at a junction for two edges to belong to one stroke
 * @throws when an edge is not a LineString or its id is missing or repeated
 */
export function buildNetwork(
	features: FeatureCollection<LineString>,
	district: Feature<Polygon | MultiPolygon> | undefined,
	maxDeflectionDeg: number
): Network {
	const ids = new Set<string>();
	for (const f of features.features) {
		if (f.geometry?.type !== 'LineString') throw new Error(`conflateNames: every edge must be a LineString (got ${f.geometry?.type})`);
		const id = f.properties?.id;
		if (typeof id !== 'string' || id === '') throw new Error('conflateNames: every edge needs a string properties.id');
		if (ids.has(id)) throw new Error(`conflateNames: edge id ${id} repeats`);
		ids.add(id);
	}
	const bbox = turf.bbox(features);
	const proj = projection((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2);
	const nodeIndex = new Map<string, number>();
	const nodes: GraphNode[] = [];
	const nodeAt = (p: Position) => {
		const k = `${p[0]},${p[1]}`;
		let i = nodeIndex.get(k);
		if (i === undefined) {
			i = nodes.length;
			nodeIndex.set(k, i);
			nodes.push({ ends: [] });
		}
		return i;
	};
	const edges: Edge[] = features.features.map((f) => {
		const c = f.geometry.coordinates;
		const xy = c.map((p) => proj.xy(p));
		const length = polylineLength(xy);
		let lengthInDistrict = length;
		if (district) {
			// Share of 10 m samples inside the district (exact enough for km figures).
			const n = Math.max(2, Math.ceil(length / 10));
			let inside = 0;
			for (let i = 0; i < n; i++) {
				const sample = turf.along(f, (((i + 0.5) / n) * length) / 1000, { units: 'kilometers' });
				if (turf.booleanPointInPolygon(sample, district)) inside++;
			}
			lengthInDistrict = (length * inside) / n;
		}
		return { id: String(f.properties!.id), xy, length, lengthInDistrict, fromNode: nodeAt(c[0]), toNode: nodeAt(c[c.length - 1]) };
	});
	// Turf's along() uses great-circle distance, our length is projected: both agree to < 0.5 %.
	edges.forEach((e, i) => {
		const d = Math.min(20, e.length / 2);
		nodes[e.fromNode].ends.push({ edge: i, atStart: true, dir: bearing(e.xy[0], pointAlong(e.xy, d)) });
		nodes[e.toNode].ends.push({ edge: i, atStart: false, dir: bearing(e.xy[e.xy.length - 1], pointAlong([...e.xy].reverse(), d)) });
	});
	const { strokes, strokeOf } = buildStrokes(edges, nodes, maxDeflectionDeg);

	const edgeBox = edges.map((e) => boxOf(e.xy));
	const edgesNear = (p: XY, radius: number): NearEdge[] => {
		const out: NearEdge[] = [];
		edges.forEach((e, i) => {
			const [x0, y0, x1, y1] = edgeBox[i];
			if (p[0] < x0 - radius || p[0] > x1 + radius || p[1] < y0 - radius || p[1] > y1 + radius) return;
			let best = { distance: Infinity, dir: 0 };
			for (let k = 1; k < e.xy.length; k++) {
				const distance = pointSegDist(p, e.xy[k - 1], e.xy[k]);
				if (distance < best.distance) best = { distance, dir: bearing(e.xy[k - 1], e.xy[k]) };
			}
			if (best.distance <= radius) out.push({ edge: i, ...best });
		});
		return out.sort((a, b) => a.distance - b.distance || edges[a.edge].id.localeCompare(edges[b.edge].id));
	};
	return { edges, nodes, strokes, strokeOf, bbox, projection: proj, edgesNear };
}
