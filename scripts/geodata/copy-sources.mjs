// Copies the read-only source layers from ../shared/geodata-src into geodata/, with provenance,
// rounding to 6 decimals and tagging metro lines/stations. Run: node scripts/geodata/copy-sources.mjs
// (reads ../shared only at build-data time; the app never does).
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';

const ROOT = process.cwd();
const SRC = process.env.GEODATA_SRC ?? path.resolve(ROOT, '../shared/geodata-src');
const OUT = path.join(ROOT, 'geodata');
const read = (p) => JSON.parse(fs.readFileSync(path.join(SRC, p), 'utf8'));
const r6 = (x) => Math.round(x * 1e6) / 1e6;
const roundCoords = (c) => (typeof c[0] === 'number' ? c.map(r6) : c.map(roundCoords));
const roundGeom = (g) => ({ ...g, coordinates: roundCoords(g.coordinates) });
function write(rel, fc) {
  const p = path.join(OUT, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, JSON.stringify(fc) + '\n');
  console.log(`wrote ${rel} (${fc.features.length} features)`);
}

const OUTLINES = {
  attribution: 'District outlines: DataV.GeoAtlas (AMap), converted to WGS84',
  licence: 'no open licence stated (DataV/AMap terms)',
  provenance:
    'github.com/tnnevol/gmap @ b248aaaefc0c13f6bd006a4dc2fa4530d2cfd9b5; GCJ-02 converted to WGS84 (iterative inverse of the public formula, <1 m); via ../shared/geodata-src/admin',
};
const OSM = {
  attribution: '© OpenStreetMap contributors',
  licence: 'ODbL 1.0',
  provenance:
    'OpenStreetMap (Geofabrik snapshot 2026-07-28) via github.com/luiszengii/shanghai-property-sector-map @ 019c637e3ea8d8a8daf8fde2c5a3ae7af9713ae4, simplified to 5 m, clipped to lon 121.314–121.466, lat 31.166–31.254',
};

// ---- admin ----
for (const [src, dst] of [
  ['admin/shanghai_districts.wgs84.geojson', 'admin/shanghai_districts.wgs84.geojson'],
  ['admin/changning_and_neighbours_detailed.wgs84.geojson', 'admin/changning_and_neighbours.wgs84.geojson'],
  ['admin/changning_310105.wgs84.geojson', 'admin/changning.wgs84.geojson'],
]) {
  const fc = read(src);
  write(dst, {
    type: 'FeatureCollection',
    ...OUTLINES,
    features: fc.features.map((f) => ({
      type: 'Feature',
      properties: { name_zh: f.properties.name, adcode: f.properties.adcode, crs_note: f.properties.crs_note },
      geometry: roundGeom(f.geometry),
    })),
  });
}

// ---- metro ----
const COLOURS = {
  '1': '#E3002B', '2': '#97D700', '3': '#FCD600', '4': '#461D84', '7': '#FF6900', '8': '#009EDB',
  '9': '#71C5E8', '10': '#C6AFD4', '11': '#871C2B', '12': '#007A60', '13': '#E999C0', '14': '#827A04',
  '15': '#BBA786', '17': '#BC796F',
};
const lines = read('transit/osm_metro_and_elevated_lines.bbox.wgs84.geojson').features;
const metro = lines.filter((f) => f.properties.layer === 'metro_line' || f.properties.route);
const named = metro.filter((f) => f.properties.route && f.properties.route !== 'network');
const network = metro.filter((f) => f.properties.route === 'network');
const asLines = (g) => (g.type === 'LineString' ? [g.coordinates] : g.coordinates);
const routeRefs = new Map(); // route -> array of LineString features
for (const f of named) {
  for (const r of f.properties.route.split('-')) {
    if (!routeRefs.has(r)) routeRefs.set(r, []);
    for (const c of asLines(f.geometry)) if (c.length >= 2) routeRefs.get(r).push(turf.lineString(c));
  }
}
const distTo = (pt, r) => Math.min(...routeRefs.get(r).map((l) => turf.pointToLineDistance(pt, l, { units: 'meters' })));
const outLines = [];
let kept = 0, dropped = 0;
for (const f of named) {
  const routes = f.properties.route.split('-');
  outLines.push({ id: f.properties.id, routes, how: 'osm route', geometry: f.geometry });
}
for (const f of network) {
  // network pieces carry no route: give them the named route whose geometry is nearest to all their vertices
  const coords = asLines(f.geometry).flat();
  const sample = coords.filter((_, i) => i % Math.max(1, Math.floor(coords.length / 8)) === 0).concat([coords.at(-1)]);
  let best = null;
  for (const r of [...routeRefs.keys()].sort()) {
    const d = Math.max(...sample.map((c) => distTo(turf.point(c), r)));
    if (!best || d < best.d) best = { r, d };
  }
  if (best && best.d <= 40) {
    outLines.push({ id: f.properties.id, routes: [best.r], how: `network piece matched to line ${best.r} (max ${best.d.toFixed(0)} m)`, geometry: f.geometry });
    kept++;
  } else dropped++;
}
console.log(`network pieces: matched ${kept}, dropped ${dropped} (depots, sidings, unclear)`);
const ids = new Map();
write('transit/metro_lines.geojson', {
  type: 'FeatureCollection',
  ...OSM,
  features: outLines
    .map((l) => {
      const route = l.routes.join('/');
      const n = (ids.get(route) ?? 0) + 1;
      ids.set(route, n);
      return {
        type: 'Feature',
        properties: {
          id: `metro-${route.replace('/', '-')}-${n}`,
          route,
          routes: l.routes,
          name_zh: `上海地铁${route}号线`,
          name_en: `Metro Line ${route}`,
          colour: COLOURS[l.routes[0]],
          osm_piece: l.id,
          note: l.how,
          source: 'osm',
        },
        geometry: roundGeom(l.geometry),
      };
    })
    .sort((a, b) => a.properties.id.localeCompare(b.properties.id, 'en', { numeric: true })),
});

// ---- stations ----
const PINYIN = {
  上海: 'Shanghai Railway Station', 上海动物园: 'Shanghai Zoo', 上海图书馆: 'Shanghai Library', 上海游泳馆: 'Shanghai Indoor Stadium',
  上海虹桥: 'Hongqiao Railway Station', 中宁路: 'Zhongning Road', 中山公园: 'Zhongshan Park', 丰庄: 'Fengzhuang',
  云锦路: 'Yunjin Road', 交通大学: 'Jiaotong University', 伊犁路: 'Yili Road', 北新泾: 'Beixinjing', 南京西路: 'West Nanjing Road',
  嘉善路: 'Jiashan Road', 大渡河路: 'Daduhe Road', 威宁路: 'Weining Road', 娄山关路: 'Loushanguan Road', 宋园路: 'Songyuan Road',
  宜山路: 'Yishan Road', 常熟路: 'Changshu Road', 徐家汇: 'Xujiahui', 打浦桥: 'Dapuqiao', 新闸路: 'Xinzha Road', 曹杨路: 'Caoyang Road',
  枫桥路: 'Fengqiao Road', 桂林公园: 'Guilin Park', 武宁路: 'Wuning Road', 武定路: 'Wuding Road', 水城路: 'Shuicheng Road',
  江宁路: 'Jiangning Road', 江苏路: 'Jiangsu Road', 淞虹路: 'Songhong Road', 淮海中路: 'Middle Huaihai Road', 漕宝路: 'Caobao Road',
  真北路: 'Zhenbei Road', 真如: 'Zhenru', 祁连山南路: 'South Qilianshan Road', 紫藤路: 'Ziteng Road', 自然博物馆: 'Natural History Museum',
  航中路: 'Hangzhong Road', 虹桥1号航站楼: 'Hongqiao Airport Terminal 1', 虹桥2号航站楼: 'Hongqiao Airport Terminal 2',
  虹桥路: 'Hongqiao Road', 虹漕路: 'Hongcao Road', 衡山路: 'Hengshan Road', 金沙江西路: 'West Jinshajiang Road', 金沙江路: 'Jinshajiang Road',
  铜川路: 'Tongchuan Road', 陕西南路: 'South Shaanxi Road', 隆德路: 'Longde Road', 静安寺: "Jing'an Temple", 龙华: 'Longhua',
  龙柏新村: 'Longbai Xincun', 龙溪路: 'Longxi Road', 龙漕路: 'Longcao Road',
};
const stations = read('transit/osm_metro_stations.bbox.wgs84.geojson').features;
write('transit/metro_stations.geojson', {
  type: 'FeatureCollection',
  ...OSM,
  features: stations.map((f) => {
    const p = turf.point(f.geometry.coordinates);
    const near = [...routeRefs.keys()].filter((r) => distTo(p, r) <= 120);
    const linesAt = near.sort((a, b) => Number(a) - Number(b));
    return {
      type: 'Feature',
      properties: {
        id: f.properties.id,
        name_zh: f.properties.name,
        name_en: PINYIN[f.properties.name] ?? null,
        lines: linesAt,
        lines_note: 'lines whose OSM alignment passes within 120 m (lines clipped at the box edge may be missing)',
        source: 'osm',
      },
      geometry: roundGeom(f.geometry),
    };
  }),
});

// ---- elevated roads / expressways ----
const elev = lines.filter((f) => f.properties.kind);
write('transit/elevated_roads.geojson', {
  type: 'FeatureCollection',
  ...OSM,
  features: elev.map((f, i) => ({
    type: 'Feature',
    properties: {
      id: `elevated-${String(i + 1).padStart(3, '0')}`,
      osm_group: f.properties.id,
      name_zh: f.properties.name,
      kind: f.properties.kind,
      scope: f.properties.scope,
      source: 'osm',
    },
    geometry: roundGeom(f.geometry),
  })),
});
