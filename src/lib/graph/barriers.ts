/**
 * Barriers the off-street walk may not cross (Suzhou Creek, rail lines, expressway walls).
 *
 * The street graph already keeps the network walk honest: no edge crosses the creek except bridges.
 * But the isochrone bands also spread a short off-street walk around every reached street (see
 * isochrone.ts), and 100 m of spreading jumps a 60 m creek. Barriers are rasterised into a
 * blocked-cell mask of the band grid; the spreading is a chamfer distance transform that never
 * enters, leaves or cuts the corner of a blocked cell, so it has to go around a barrier (and within
 * its ~100 m budget it never can).
 *
 * Lines are rasterised with a supercover traversal (every cell the segment touches, so the blocked
 * cells form a 4-connected wall); polygons additionally get their interior filled (cell centres
 * inside by the even-odd rule), so a wide river is a thick wall, not just its two banks.
 */
import type { Feature, FeatureCollection, Geometry, GeoJsonProperties } from 'geojson';
import type { LocalProjection } from '../geo/projection';

/** What `computeIsochrone` accepts as barriers: GeoJSON lines and polygons, WGS84 lon/lat. */
export type BarrierInput =
	| Geometry
	| Feature<Geometry | null, GeoJsonProperties>
	| FeatureCollection<Geometry | null, GeoJsonProperties>
	| readonly (Geometry | Feature<Geometry | null, GeoJsonProperties>)[];

/** Barriers projected into a graph's metre projection, ready to rasterise on any grid. */
export interface PreparedBarriers {
	readonly projection: LocalProjection;
	/** Line segments [x0, y0, x1, y1, …] in metres (polygon rings included). */
	readonly segments: Float64Array;
	/** Polygons to fill: for each, ring segments [x0, y0, x1, y1, …] (all rings, even-odd). */
	readonly polygons: readonly Float64Array[];
	/** Bounding box of everything, metres [minX, minY, maxX, maxY]. */
	readonly bbox: readonly [number, number, number, number];
}

/**
 * Project barrier lines and polygons once, for repeated rasterisation.
 *
 * @param {LocalProjection} projection the graph's projection (`graph.projection`)
 * @param {BarrierInput} input GeoJSON geometries, features or a collection; points are ignored
 * @returns {PreparedBarriers} projected segments and polygons
 * @throws {Error} on a non-finite coordinate
 */
export function prepareBarriers(projection: LocalProjection, input: BarrierInput): PreparedBarriers {
	const segs: number[] = [];
	const polygons: Float64Array[] = [];
	const kx = projection.metresPerDegreeLon;
	const ky = projection.metresPerDegreeLat;
	const { refLon, refLat } = projection;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	const addLine = (line: readonly (readonly number[])[], out: number[]): void => {
		for (let k = 0; k < line.length; k++) {
			const p = line[k];
			if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
				throw new Error(`barriers: invalid coordinate [${String(p)}]`);
			}
			const x = (p[0] - refLon) * kx;
			const y = (p[1] - refLat) * ky;
			if (x < minX) minX = x;
			if (x > maxX) maxX = x;
			if (y < minY) minY = y;
			if (y > maxY) maxY = y;
			if (k > 0) {
				const q = line[k - 1];
				out.push((q[0] - refLon) * kx, (q[1] - refLat) * ky, x, y);
			}
		}
	};
	const addPolygon = (rings: readonly (readonly (readonly number[])[])[]): void => {
		const out: number[] = [];
		for (const ring of rings) addLine(ring, out);
		for (const v of out) segs.push(v);
		polygons.push(Float64Array.from(out));
	};
	const visit = (g: Geometry | null | undefined): void => {
		if (!g) return;
		switch (g.type) {
			case 'LineString':
				addLine(g.coordinates, segs);
				break;
			case 'MultiLineString':
				for (const l of g.coordinates) addLine(l, segs);
				break;
			case 'Polygon':
				addPolygon(g.coordinates);
				break;
			case 'MultiPolygon':
				for (const p of g.coordinates) addPolygon(p);
				break;
			case 'GeometryCollection':
				for (const c of g.geometries) visit(c);
				break;
			default:
				break; // points do not block
		}
	};
	const visitAny = (x: Geometry | Feature<Geometry | null, GeoJsonProperties>): void => {
		if (x.type === 'Feature') visit(x.geometry);
		else visit(x);
	};
	if (Array.isArray(input)) for (const x of input) visitAny(x);
	else if ((input as FeatureCollection).type === 'FeatureCollection') {
		for (const f of (input as FeatureCollection<Geometry | null>).features) visit(f.geometry);
	} else visitAny(input as Geometry | Feature<Geometry | null, GeoJsonProperties>);
	return { projection, segments: Float64Array.from(segs), polygons, bbox: [minX, minY, maxX, maxY] };
}

/** The band grid a mask is drawn on. */
export interface GridSpec {
	minX: number;
	minY: number;
	cellSize: number;
	width: number;
	height: number;
}

/**
 * Mark every grid cell touched by a barrier (1 = blocked) in `mask` (length width·height; not
 * cleared here).
 *
 * @param {PreparedBarriers} barriers from {@link prepareBarriers}
 * @param {GridSpec} grid grid origin (metres), cell size and dimensions
 * @param {Uint8Array} mask output mask
 * @returns {number} the number of cells newly blocked
 */
export function rasteriseBarriers(barriers: PreparedBarriers, grid: GridSpec, mask: Uint8Array): number {
	const { minX, minY, cellSize, width, height } = grid;
	const [bx0, by0, bx1, by1] = barriers.bbox;
	if (bx1 < minX || by1 < minY || bx0 > minX + width * cellSize || by0 > minY + height * cellSize) return 0;
	let blocked = 0;
	const mark = (cx: number, cy: number): void => {
		if (cx >= 0 && cy >= 0 && cx < width && cy < height) {
			const i = cy * width + cx;
			if (mask[i] === 0) {
				mask[i] = 1;
				blocked++;
			}
		}
	};
	const inv = 1 / cellSize;
	const s = barriers.segments;
	for (let k = 0; k < s.length; k += 4) {
		// grid coordinates
		const x0 = (s[k] - minX) * inv;
		const y0 = (s[k + 1] - minY) * inv;
		const x1 = (s[k + 2] - minX) * inv;
		const y1 = (s[k + 3] - minY) * inv;
		if (
			(x0 < 0 && x1 < 0) ||
			(y0 < 0 && y1 < 0) ||
			(x0 >= width && x1 >= width) ||
			(y0 >= height && y1 >= height)
		) {
			continue;
		}
		supercover(x0, y0, x1, y1, width, height, mark);
	}
	// fill polygon interiors row by row at cell-centre heights (even-odd over all rings)
	const xs: number[] = [];
	for (const poly of barriers.polygons) {
		let pMinY = Infinity;
		let pMaxY = -Infinity;
		for (let k = 0; k < poly.length; k += 4) {
			pMinY = Math.min(pMinY, poly[k + 1], poly[k + 3]);
			pMaxY = Math.max(pMaxY, poly[k + 1], poly[k + 3]);
		}
		const row0 = Math.max(0, Math.floor((pMinY - minY) * inv - 0.5));
		const row1 = Math.min(height - 1, Math.ceil((pMaxY - minY) * inv - 0.5));
		for (let cy = row0; cy <= row1; cy++) {
			const yc = minY + (cy + 0.5) * cellSize;
			xs.length = 0;
			for (let k = 0; k < poly.length; k += 4) {
				const ya = poly[k + 1];
				const yb = poly[k + 3];
				if (ya > yc !== yb > yc) {
					const xa = poly[k];
					xs.push(xa + ((yc - ya) * (poly[k + 2] - xa)) / (yb - ya));
				}
			}
			xs.sort((a, b) => a - b);
			for (let j = 0; j + 1 < xs.length; j += 2) {
				const c0 = Math.max(0, Math.ceil((xs[j] - minX) * inv - 0.5));
				const c1 = Math.min(width - 1, Math.floor((xs[j + 1] - minX) * inv - 0.5));
				for (let cx = c0; cx <= c1; cx++) mark(cx, cy);
			}
		}
	}
	return blocked;
}

/**
 * Visit every cell a segment (in grid units) passes through, corners included (Amanatides–Woo with
 * both neighbours marked at exact corner crossings), clipped to the grid by the callback.
 */
function supercover(
	x0: number,
	y0: number,
	x1: number,
	y1: number,
	width: number,
	height: number,
	mark: (cx: number, cy: number) => void
): void {
	let cx = Math.floor(x0);
	let cy = Math.floor(y0);
	const ex = Math.floor(x1);
	const ey = Math.floor(y1);
	const dx = x1 - x0;
	const dy = y1 - y0;
	const stepX = dx > 0 ? 1 : dx < 0 ? -1 : 0;
	const stepY = dy > 0 ? 1 : dy < 0 ? -1 : 0;
	const tDeltaX = stepX !== 0 ? Math.abs(1 / dx) : Infinity;
	const tDeltaY = stepY !== 0 ? Math.abs(1 / dy) : Infinity;
	let tMaxX = stepX > 0 ? (cx + 1 - x0) * tDeltaX : stepX < 0 ? (x0 - cx) * tDeltaX : Infinity;
	let tMaxY = stepY > 0 ? (cy + 1 - y0) * tDeltaY : stepY < 0 ? (y0 - cy) * tDeltaY : Infinity;
	// a segment crosses at most |ex-cx| + |ey-cy| cell borders; the guard bounds pathological input
	let guard = Math.abs(ex - cx) + Math.abs(ey - cy) + 2;
	mark(cx, cy);
	while ((cx !== ex || cy !== ey) && guard-- > 0) {
		if (Math.abs(tMaxX - tMaxY) < 1e-12) {
			// through a corner: block both side cells so nothing slips diagonally
			mark(cx + stepX, cy);
			mark(cx, cy + stepY);
			cx += stepX;
			cy += stepY;
			tMaxX += tDeltaX;
			tMaxY += tDeltaY;
		} else if (tMaxX < tMaxY) {
			cx += stepX;
			tMaxX += tDeltaX;
		} else {
			cy += stepY;
			tMaxY += tDeltaY;
		}
		if (cx < -1 && stepX <= 0 && ex < 0) break;
		if (cy < -1 && stepY <= 0 && ey < 0) break;
		if (cx > width && stepX >= 0 && ex > width) break;
		if (cy > height && stepY >= 0 && ey > height) break;
		mark(cx, cy);
	}
}
