import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { computeIsochrone } from '../src/lib/graph/isochrone';
import { buildSnapIndex } from '../src/lib/graph/snap';
import { buildStreetGraph } from '../src/lib/graph/street-graph';
const streetsPath = process.argv[2]; const waterPath = process.argv[3];
const detour = Number(process.argv[4] ?? 1.3), maxOff = Number(process.argv[5] ?? 120);
const streets = JSON.parse(streetsPath.startsWith('git:') ? execSync(`git show ${streetsPath.slice(4)}`, {maxBuffer: 1e8}).toString() : readFileSync(streetsPath,'utf8'));
const water = JSON.parse(waterPath.startsWith('git:') ? execSync(`git show ${waterPath.slice(4)}`).toString() : readFileSync(waterPath,'utf8'));
const graph = buildStreetGraph(streets); const index = buildSnapIndex(graph);
const st = JSON.parse(readFileSync('geodata/transit/metro_stations.geojson','utf8')).features;
const ORIGINS = ['江苏路','娄山关路','北新泾','淞虹路'];
for (const name of ORIGINS) {
  const s = st.find((f:any)=>f.properties.name_zh===name); const o = s.geometry.coordinates;
  const r = computeIsochrone(graph, index, { origin: o, minutes: [5,10,15], speedKmh: 4.0, barriers: water, offStreetDetour: detour, maxOffStreet: maxOff });
  if (!r.ok) { console.log(name, 'FAIL', r.message); continue; }
  console.log(`${name.padEnd(5)} ${s.properties.name_en.padEnd(18)} [${o.map((x:number)=>x.toFixed(4))}] snap ${r.snapped.distance?.toFixed?.(0) ?? ''} m  ` + r.areas.map(a=>`${a.minutes}min ${(a.area_m2/1e6).toFixed(3)} km² (${(a.circle_ratio*100).toFixed(0)}%)`).join('  '));
}
