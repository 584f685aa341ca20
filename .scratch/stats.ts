import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
const s = JSON.parse(readFileSync('geodata/streets.geojson','utf8')); const d = JSON.parse(readFileSync('geodata/admin/changning.wgs84.geojson','utf8')).features[0];
const L = s.features.filter((f:any)=>f.properties.walkable && turf.booleanPointInPolygon(turf.along(f, turf.length(f)/2), d)).map((f:any)=>turf.length(f,{units:'meters'})).sort((a:number,b:number)=>a-b);
const q=(p:number)=>L[Math.floor(p*(L.length-1))].toFixed(0); console.log('pieces', L.length, 'median', q(0.5), 'p25', q(0.25), 'p75', q(0.75), 'p90', q(0.9));
console.log(JSON.parse(readFileSync('geodata/reports/network.json','utf8')).expressway.reduce((t:any,e:any)=>{t[e.under]=(t[e.under]??0)+e.km; return t;},{}));
