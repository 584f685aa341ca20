/**
 * A label point for an area: its pole of inaccessibility, the point inside farthest from the edge.
 *
 * Why not the centroid or turf.pointOnFeature: the centroid of a bent outline can fall outside it
 * (today every place's centroid happens to be inside, but nothing keeps it so when an outline is
 * redrawn), and pointOnFeature then falls back to a vertex on the edge, where a label half covers the
 * neighbour. The pole is inside by construction and as far from the edges as the shape allows.
 *
 * The search is the one of mapbox/polylabel (Garcia-Castellanos & Lombardo 2007, as implemented
 * there): cover the shape with square cells, and keep splitting the cell that could hold a point
 * farther from the edge than the best found, until no cell can beat it by more than `precision`.
 * It runs in a local metre projection (src/lib/geo/projection.ts), so `precision` is in metres and
 * a degree of longitude is not taken for a degree of latitude.
 */
import FlatQueue from 'flatqueue';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { createLocalProjection } from '../../../src/lib/geo/projection';

type XY = [number, number];

/** A square cell: centre, half-size, distance of the centre to the edge (negative outside), best possible. */
interface Cell {
	x: number;
	y: number;
	half: number;
	distance: number;
	potential: number;
}

/** Squared distance from a point to a segment. */
function segmentDistanceSquared(px: number, py: number, a: XY, b: XY): number {
	let [x, y] = a;
	let dx = b[0] - x;
	let dy = b[1] - y;
	if (dx !== 0 || dy !== 0) {
		const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
		if (t > 1) [x, y] = b;
		else if (t > 0) [x, y] = [x + dx * t, y + dy * t];
	}
	dx = px - x;
	dy = py - y;
	return dx * dx + dy * dy;
}

/** Distance from a point to the polygon's edge: positive inside, negative outside (holes count as outside). */
function signedDistance(x: number, y: number, rings: XY[][]): number {
	let inside = false;
	let minSquared = Infinity;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const a = ring[i];
			const b = ring[j];
			if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
			minSquared = Math.min(minSquared, segmentDistanceSquared(x, y, a, b));
		}
	}
	return (inside ? 1 : -1) * Math.sqrt(minSquared);
}

function cell(x: number, y: number, half: number, rings: XY[][]): Cell {
	const distance = signedDistance(x, y, rings);
	return { x, y, half, distance, potential: distance + half * Math.SQRT2 };
}

/** The area-weighted centroid of the outer ring (a good first guess), or its first vertex when degenerate. */
function centroidCell(rings: XY[][]): Cell {
	const ring = rings[0];
	let area = 0;
	let x = 0;
	let y = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const a = ring[i];
		const b = ring[j];
		const f = a[0] * b[1] - b[0] * a[1];
		x += (a[0] + b[0]) * f;
		y += (a[1] + b[1]) * f;
		area += f * 3;
	}
	return area === 0 ? cell(ring[0][0], ring[0][1], 0, rings) : cell(x / area, y / area, 0, rings);
}

/** The pole of one polygon (projected rings) and its distance to the edge. */
function pole(rings: XY[][], precision: number): Cell {
	let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of rings[0]) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
	const size = Math.min(maxX - minX, maxY - minY);
	if (size === 0) return cell(minX, minY, 0, rings);
	const queue = new FlatQueue<Cell>();
	const enqueue = (c: Cell) => queue.push(c, -c.potential);
	for (let x = minX; x < maxX; x += size) for (let y = minY; y < maxY; y += size) enqueue(cell(x + size / 2, y + size / 2, size / 2, rings));
	let best = centroidCell(rings);
	const boxCentre = cell((minX + maxX) / 2, (minY + maxY) / 2, 0, rings);
	if (boxCentre.distance > best.distance) best = boxCentre;
	while (queue.length > 0) {
		const c = queue.pop()!;
		if (c.distance > best.distance) best = c;
		if (c.potential - best.distance <= precision) continue;
		const half = c.half / 2;
		enqueue(cell(c.x - half, c.y - half, half, rings));
		enqueue(cell(c.x + half, c.y - half, half, rings));
		enqueue(cell(c.x - half, c.y + half, half, rings));
		enqueue(cell(c.x + half, c.y + half, half, rings));
	}
	return best;
}

/**
 * The pole of inaccessibility of a Polygon or MultiPolygon (of a MultiPolygon, the part's pole
 * farthest from its edge), in lon/lat, not rounded.
 *
 * @param {Polygon | MultiPolygon} geometry a valid area, WGS84 lon/lat, a few kilometres across at most
 * @param {number} [precision=1] how close to the true pole the point must be, metres
 * @returns {Position} [lon, lat] inside the area
 * @throws {Error} when the geometry has no ring
 * @example
 * labelPoint({ type: 'Polygon', coordinates: [[[121.40, 31.20], [121.41, 31.20], [121.41, 31.21], [121.40, 31.21], [121.40, 31.20]]] });
 * // ≈ [121.405, 31.205]
 */
export function labelPoint(geometry: Polygon | MultiPolygon, precision = 1): Position {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const first = polygons[0]?.[0]?.[0];
	if (!first) throw new Error(`labelPoint: the ${geometry.type} has no ring`);
	const projection = createLocalProjection(first[0], first[1]);
	let best: Cell | undefined;
	for (const rings of polygons) {
		const projected = rings.map((ring) => ring.map((p) => projection.toMetres(p)));
		const candidate = pole(projected, precision);
		if (!best || candidate.distance > best.distance) best = candidate;
	}
	return projection.toLonLat([best!.x, best!.y]);
}
