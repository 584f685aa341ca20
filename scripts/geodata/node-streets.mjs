// Builds geodata/streets.geojson (the walking network) from the hand-digitised source
// geodata/src/streets.raw.geojson plus the OSM expressways in geodata/transit/elevated_roads.geojson.
//  - every pair of walkable (at-grade) lines is noded: crossings (turf.lineIntersect) become a vertex
//    shared by both lines; an end point within SNAP_M of another line is snapped onto it (T-junction)
//  - expressways pass overhead and are NOT noded with surface streets
// Deterministic and rerunnable. Run: node scripts/geodata/node-streets.mjs
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';

const ROOT = process.cwd();
const G = path.join(ROOT, 'geodata');
const SNAP_M = 25;
const r6 = (x) => Math.round(x * 1e6) / 1e6;
const rc = (c) => [r6(c[0]), r6(c[1])];
const same = (a, b) => a[0] === b[0] && a[1] === b[1];
const dedupe = (cs) => cs.filter((c, i) => i === 0 || !same(c, cs[i - 1]));
const M_LAT = 110574, M_LON = 111320 * Math.cos((31.21 * Math.PI) / 180);
const dist = (a, b) => Math.hypot((a[0] - b[0]) * M_LON, (a[1] - b[1]) * M_LAT);

const raw = JSON.parse(fs.readFileSync(path.join(G, 'src/streets.raw.geojson'), 'utf8'));
const CLASSES = new Set(['expressway', 'arterial', 'collector', 'local', 'footway', 'bridge']);
const streets = raw.features
  .map((f) => {
    const p = f.properties;
    if (!CLASSES.has(p.class)) throw new Error(`${p.id}: bad class ${p.class}`);
    if (f.geometry.type !== 'LineString') throw new Error(`${p.id}: not a LineString`);
    return { props: { ...p, walkable: p.class !== 'expressway' }, coords: dedupe(f.geometry.coordinates.map(rc)) };
  })
  .sort((a, b) => a.props.id.localeCompare(b.props.id));

// ---- 1. snap near-miss end points onto the nearest other walkable line ----
const walk = streets.filter((s) => s.props.walkable);
const frozen = walk.map((s) => turf.lineString(s.coords)); // snap against the unsnapped geometry: order-independent
const inserts = new Map(walk.map((s) => [s.props.id, []])); // id -> coords to insert as vertices
walk.forEach((s, i) => {
  for (const end of [0, s.coords.length - 1]) {
    const p = s.coords[end];
    let best = null;
    walk.forEach((o, j) => {
      if (j === i) return;
      const np = turf.nearestPointOnLine(frozen[j], p, { units: 'meters' });
      const d = np.properties.dist ?? np.properties.pointDistance;
      if (d <= SNAP_M && (!best || d < best.d - 1e-9)) best = { j, d, c: np.geometry.coordinates };
    });
    if (!best) continue;
    const o = walk[best.j];
    // reuse an existing vertex of the other line if one is within 1 m, else create one there
    const v = o.coords.find((c) => dist(c, best.c) < 1);
    const target = v ?? rc(best.c);
    s.coords[end] = target;
    if (!v) inserts.get(o.props.id).push(target);
  }
});
walk.forEach((s) => (s.coords = dedupe(s.coords)));

// ---- 2. crossings between every pair of walkable lines ----
for (let i = 0; i < walk.length; i++) {
  for (let j = i + 1; j < walk.length; j++) {
    const A = walk[i], B = walk[j];
    const pts = turf.lineIntersect(turf.lineString(A.coords), turf.lineString(B.coords)).features.map((f) => f.geometry.coordinates);
    for (const x of pts) {
      const va = A.coords.find((c) => dist(c, x) < 0.3);
      const vb = B.coords.find((c) => dist(c, x) < 0.3);
      if (va && vb && same(va, vb)) continue; // already a shared vertex
      const target = va ?? vb ?? rc(x);
      if (!va || !same(va, target)) inserts.get(A.props.id).push(target);
      if (!vb || !same(vb, target)) inserts.get(B.props.id).push(target);
    }
  }
}

// ---- 3. insert the collected vertices into their segments (by position along the line) ----
function insertAll(coords, pts) {
  const pos = (p) => {
    let best = null;
    for (let k = 0; k < coords.length - 1; k++) {
      const a = coords[k], b = coords[k + 1];
      const ax = (b[0] - a[0]) * M_LON, ay = (b[1] - a[1]) * M_LAT;
      const px = (p[0] - a[0]) * M_LON, py = (p[1] - a[1]) * M_LAT;
      const L2 = ax * ax + ay * ay;
      const t = L2 ? Math.max(0, Math.min(1, (px * ax + py * ay) / L2)) : 0;
      const d = Math.hypot(px - t * ax, py - t * ay);
      if (!best || d < best.d - 1e-9) best = { k, t, d };
    }
    return best;
  };
  const placed = pts
    .filter((p) => !coords.some((c) => same(c, p)))
    .map((p) => ({ p, ...pos(p) }))
    .sort((a, b) => a.k - b.k || a.t - b.t || a.p[0] - b.p[0] || a.p[1] - b.p[1]);
  const out = [];
  let q = 0;
  for (let k = 0; k < coords.length; k++) {
    out.push(coords[k]);
    while (q < placed.length && placed[q].k === k) out.push(placed[q++].p);
  }
  return dedupe(out);
}
for (const s of walk) s.coords = insertAll(s.coords, inserts.get(s.props.id));

// ---- 4. expressways from OSM (exact), not noded ----
const elev = JSON.parse(fs.readFileSync(path.join(G, 'transit/elevated_roads.geojson'), 'utf8')).features;
const EXPRESSWAYS = {
  延安高架路: ['yanan-elevated-rd', "Yan'an Elevated Rd"],
  内环高架路: ['inner-ring-elevated-rd', 'Inner Ring Elevated Rd'],
  中环路: ['middle-ring-rd', 'Middle Ring Rd'],
  北翟高架路: ['beidi-elevated-rd', 'Beidi Elevated Rd'],
  北横通道: ['north-cross-city-expressway', 'North Cross-City Expressway (Beiheng)'],
  外环高速: ['outer-ring-expressway', 'Outer Ring Expressway'],
  虹桥路: ['hongqiao-rd-elevated', 'Hongqiao Rd (airport viaduct)'],
};
const VIEW = [121.332, 31.183, 121.438, 31.236]; // Changning plus a margin
const cnt = new Map();
const express = [];
for (const f of elev) {
  const spec = EXPRESSWAYS[f.properties.name_zh];
  if (!spec) continue;
  const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const part of parts) {
    if (part.length < 2) continue;
    const clipped = turf.bboxClip(turf.lineString(part), VIEW).geometry;
    const pieces = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
    for (const pc of pieces) {
      const c = dedupe(pc.map(rc));
      if (c.length < 2 || turf.length(turf.lineString(c), { units: 'meters' }) < 30) continue;
      const n = (cnt.get(spec[0]) ?? 0) + 1;
      cnt.set(spec[0], n);
      express.push({
        props: { id: `street-${spec[0]}-${n}`, name_en: spec[1], name_zh: f.properties.name_zh, class: 'expressway', walkable: false, accuracy_m: 10, source: 'osm' },
        coords: c,
      });
    }
  }
}

const KEYS = ['id', 'name_en', 'name_zh', 'class', 'walkable', 'accuracy_m', 'source'];
const all = [...streets.filter((s) => !s.props.walkable), ...walk, ...express].sort((a, b) => a.props.id.localeCompare(b.props.id));
const ids = new Set();
for (const s of all) {
  if (ids.has(s.props.id)) throw new Error(`duplicate id ${s.props.id}`);
  ids.add(s.props.id);
}
const fc = {
  type: 'FeatureCollection',
  attribution: 'Streets: hand-digitised for Changning Atlas (approximate, see accuracy_m), anchored to OpenStreetMap metro/elevated alignments; expressways © OpenStreetMap contributors (ODbL)',
  features: all.map((s) => ({
    type: 'Feature',
    properties: Object.fromEntries(KEYS.map((k) => [k, s.props[k]])),
    geometry: { type: 'LineString', coordinates: s.coords },
  })),
};
fs.writeFileSync(path.join(G, 'streets.geojson'), JSON.stringify(fc) + '\n');
const km = walk.reduce((t, s) => t + turf.length(turf.lineString(s.coords)), 0);
console.log(`streets: ${walk.length} walkable lines (${km.toFixed(1)} km), ${express.length} expressway pieces`);
