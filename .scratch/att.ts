import { readFileSync } from 'node:fs';
const fc = JSON.parse(readFileSync('/tmp/classified.geojson','utf8'));
const k = (c:number[]) => c[0].toFixed(6)+','+c[1].toFixed(6);
const at = new Map<string, any[]>();
for (const f of fc.features) for (const c of [f.geometry.coordinates[0], f.geometry.coordinates.at(-1)]) { const kk=k(c); if(!at.has(kk)) at.set(kk,[]); at.get(kk)!.push(f); }
const byName = new Map<string, {segs:number, km:number, sAtt:number, nodes:number}>();
for (const f of fc.features) { if (f.properties.cls==='S') continue; const n = f.properties.elev; const r = byName.get(n) ?? {segs:0,km:0,sAtt:0,nodes:0};
  r.segs++; r.km += f.properties.length_m/1000;
  for (const c of [f.geometry.coordinates[0], f.geometry.coordinates.at(-1)]) { r.nodes++; if (at.get(k(c))!.some(g=>g.properties.cls==='S')) r.sAtt++; }
  byName.set(n, r); }
for (const [n,r] of [...byName].sort((a,b)=>b[1].km-a[1].km)) console.log(n.padEnd(20), r.segs, r.km.toFixed(1)+'km', 'S-attached ends', r.sAtt+'/'+r.nodes, (r.sAtt/r.km).toFixed(1)+'/km');
