// Derives geodata/water.geojson (Suzhou Creek) and geodata/green.geojson (parks, campus, zoo, airport)
// from the Changning outline (geodata/admin/changning.wgs84.geojson, run copy-sources.mjs first) and
// hand-digitised vertices. Run: node scripts/geodata/derive-water.mjs
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';

const ROOT = process.cwd();
const G = path.join(ROOT, 'geodata');
const readJ = (p) => JSON.parse(fs.readFileSync(path.join(G, p), 'utf8'));
const r6 = (x) => Math.round(x * 1e6) / 1e6;
const roundCoords = (c) => (typeof c[0] === 'number' ? c.map(r6) : c.map(roundCoords));

const changning = readJ('admin/changning.wgs84.geojson').features[0];
const ring = changning.geometry.coordinates[0][0];
const cnPoly = turf.polygon([ring]);

// ---- Suzhou Creek: the outline's northern edge is the creek's southern bank ----
const CREEK_WIDTH_M = 50; // Suzhou Creek is roughly 40–70 m wide along Changning
const nearestIdx = (pt) => {
  let best = 0, bd = Infinity;
  ring.forEach((c, i) => { const d = turf.distance(c, pt, { units: 'meters' }); if (d < bd) { bd = d; best = i; } });
  if (bd > 30) throw new Error(`anchor ${pt} is ${bd} m from the outline`);
  return best;
};
// west end: where the outline starts to follow the creek below the Outer Ring; east end: north tip of the
// ECUPL bend, after which the outline leaves the creek (Jing'an/Putuo border)
const i0 = nearestIdx([121.346347, 31.240868]);
const i1 = nearestIdx([121.422875, 31.231128]);
if (!(i0 < i1)) throw new Error('unexpected ring order');
const bank = turf.lineString(ring.slice(i0, i1 + 1));
const strip = turf.buffer(bank, CREEK_WIDTH_M, { units: 'meters', steps: 8 });
const diff = turf.difference(turf.featureCollection([strip, cnPoly]));
let creekPoly = diff.geometry.type === 'Polygon' ? diff.geometry.coordinates : null;
if (!creekPoly) {
  // keep the largest part (drops slivers left by the round end caps)
  const parts = diff.geometry.coordinates.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a));
  creekPoly = parts[0].geometry.coordinates;
}
creekPoly = [roundCoords(creekPoly[0])]; // outer ring only (no islands)
// remove consecutive duplicates produced by rounding
creekPoly[0] = creekPoly[0].filter((c, i, a) => i === 0 || c[0] !== a[i - 1][0] || c[1] !== a[i - 1][1]);
const creek = turf.polygon(creekPoly, {
  id: 'water-suzhou-creek',
  name_en: 'Suzhou Creek',
  name_zh: '苏州河',
  kind: 'river',
  accuracy_m: 60,
  source: 'derived',
  method: `southern bank = Changning district outline (DataV/AMap, WGS84) between outline vertices ${i0} and ${i1}; northern bank = that line offset ${CREEK_WIDTH_M} m outward (buffer minus district polygon)`,
});
const k = turf.kinks(creek);
if (k.features.length) throw new Error(`creek polygon self-intersects at ${k.features.length} points`);
fs.writeFileSync(path.join(G, 'water.geojson'), JSON.stringify(turf.featureCollection([creek])) + '\n');
console.log(`water: Suzhou Creek ${(turf.area(creek) / 1e4).toFixed(1)} ha, bank ${(turf.length(bank) * 1000).toFixed(0)} m`);

// ---- green: hand-digitised shapes, clipped to the district so none reaches into the creek ----
const clipToDistrict = (coords) => {
  const inter = turf.intersect(turf.featureCollection([turf.polygon([coords]), cnPoly]));
  if (!inter) throw new Error('green polygon outside district');
  if (inter.geometry.type === 'MultiPolygon') {
    const parts = inter.geometry.coordinates.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a));
    return parts[0].geometry.coordinates;
  }
  return inter.geometry.coordinates;
};
// line 10 (under Hongqiao Rd) and Yan'an Elevated Rd (over Yan'an West Rd) bound the zoo north and south
const metro = readJ('transit/metro_lines.geojson').features;
const elev = readJ('transit/elevated_roads.geojson').features;
const shift = (coords, dLat) => coords.map(([x, y]) => [x, y + dLat]);
const between = (coords, lo, hi) => coords.filter(([x]) => x >= lo && x <= hi).sort((a, b) => a[0] - b[0]);
const line10 = metro
  .filter((f) => f.properties.route === '10')
  .flatMap((f) => (f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat()))
  .filter(([, y]) => y > 31.19 && y < 31.1935);
const yanan = elev.filter((f) => f.properties.name_zh === '延安高架路')[0].geometry.coordinates;
const ZOO_W = 121.3572, ZOO_E = 121.368;
const zooNorth = shift(between(line10, ZOO_W, ZOO_E), -0.00025); // ~28 m south of Hongqiao Rd centre
const zooSouth = shift(between(yanan, ZOO_W, ZOO_E), 0.00025).reverse(); // ~28 m north of Yan'an West Rd
const zooRing = [...zooNorth, ...zooSouth, zooNorth[0]];

const GREEN = [
  {
    id: 'green-zhongshan-park', name_en: 'Zhongshan Park', name_zh: '中山公园', kind: 'park', accuracy_m: 120,
    note: '780 Changning Rd; between Changning Rd (south), the metro 3/4 railway (west) and Wanhangdu Rd (east); shape approximate',
    ring: [[121.4118, 31.2210], [121.4140, 31.2210], [121.4164, 31.2212], [121.4166, 31.2232], [121.4167, 31.2250],
      [121.4148, 31.2255], [121.4128, 31.2254], [121.4112, 31.2245], [121.4109, 31.2232], [121.4118, 31.2210]],
  },
  {
    id: 'green-ecupl-changning-campus', name_en: 'East China University of Political Science and Law (Changning campus)',
    name_zh: '华东政法大学长宁校区', kind: 'campus', accuracy_m: 100,
    note: '1575 Wanhangdu Rd; inside the Suzhou Creek bend north-east of Zhongshan Park, west of Jiangsu North Rd',
    ring: [[121.4152, 31.2267], [121.4196, 31.2266], [121.4197, 31.2330], [121.4150, 31.2330], [121.4152, 31.2267]],
  },
  {
    id: 'green-shanghai-zoo', name_en: 'Shanghai Zoo', name_zh: '上海动物园', kind: 'zoo', accuracy_m: 120,
    note: "2381 Hongqiao Rd; between Hongqiao Rd (north) and Yan'an West Rd (south), west of Hami Rd; extent approximate",
    ring: zooRing,
  },
  {
    id: 'green-hongqiao-airport', name_en: 'Shanghai Hongqiao International Airport (Changning part)',
    name_zh: '上海虹桥国际机场（长宁区部分）', kind: 'airport', accuracy_m: 300,
    note: 'rough extent: the district west of about 121.352 E and south of about 31.212 N (terminal 1 area and eastern airfield)',
    ring: [[121.330, 31.178], [121.352, 31.178], [121.352, 31.212], [121.330, 31.212], [121.330, 31.178]],
  },
];
const greens = GREEN.map(({ ring: r, ...props }) => {
  const f = turf.polygon(roundCoords(clipToDistrict(r)), { ...props, source: 'digitised' });
  if (turf.kinks(f).features.length) throw new Error(`${props.id} self-intersects`);
  const ov = turf.intersect(turf.featureCollection([f, creek]));
  const frac = ov ? turf.area(ov) / turf.area(f) : 0;
  console.log(`green: ${props.id} ${(turf.area(f) / 1e4).toFixed(1)} ha, creek overlap ${(frac * 100).toFixed(2)} %`);
  return f;
});
fs.writeFileSync(path.join(G, 'green.geojson'), JSON.stringify(turf.featureCollection(greens)) + '\n');
