import { readFileSync } from 'node:fs';
import { bbox, booleanPointInPolygon, nearestPointOnLine, point } from '@turf/turf';
const outline = JSON.parse(readFileSync('geodata/admin/changning.wgs84.geojson', 'utf8'));
const streets = JSON.parse(readFileSync('geodata/streets.geojson', 'utf8'));
const creek = outline.features[0]; const walkable = streets.features.filter((f:any) => f.properties?.walkable);
const [w, s, e, n] = bbox(creek); let best:any=[0,0], bd=-1;
for (let i = 0; i <= 40; i++) for (let j = 0; j <= 24; j++) { const c = [w + ((e - w) * i) / 40, s + ((n - s) * j) / 24]; if (!booleanPointInPolygon(c, creek)) continue; const d = Math.min(...walkable.map((f:any) => nearestPointOnLine(f, point(c), { units: 'meters' }).properties.dist)); if (d > bd) { bd = d; best = c; } }
console.log(best, bd);
