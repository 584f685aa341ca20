import { readFileSync, writeFileSync } from 'node:fs';
import * as turf from '@turf/turf';
const roads = JSON.parse(readFileSync('/work/shared/geodata-src/osm-roads/changning-roads.osm.wgs84.geojson','utf8'));
const elev = turf.flatten(JSON.parse(readFileSync('geodata/transit/elevated_roads.geojson','utf8')));
const eidx = turf.geojsonRbush(); eidx.load(elev);
const feats:any[] = [];
for (const f of roads.features) {
  const len = turf.length(f,{units:'meters'}); const n = Math.max(2, Math.ceil(len/20));
  const cands = eidx.search(turf.buffer(f, 30, {units:'meters'})).features;
  let near=0; const names = new Map<string,number>();
  for (let i=0;i<=n;i++){ const p = turf.along(f, len*i/n, {units:'meters'}); let best=Infinity, bn='';
    for (const g of cands){ const d=turf.pointToLineDistance(p,g,{units:'meters'}); if(d<best){best=d;bn=g.properties.name_zh+'|'+g.properties.kind;} }
    if (best<=30){near++; names.set(bn,(names.get(bn)??0)+1);} }
  const frac = near/(n+1);
  const top = [...names.entries()].sort((a,b)=>b[1]-a[1])[0]?.[0] ?? '';
  feats.push({...f, properties: {...f.properties, frac: +frac.toFixed(2), elev: frac>0.6 ? top : '', cls: frac>0.6 ? (top.endsWith('expressway')?'X':'U') : 'S'}});
}
writeFileSync('/tmp/classified.geojson', JSON.stringify({type:'FeatureCollection', features: feats}));
const c = new Map(); for (const f of feats) c.set(f.properties.elev, (c.get(f.properties.elev)??0)+1); console.log(c);
