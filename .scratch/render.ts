// dev-only: render GeoJSON layers to an SVG/PNG for eyeballing. usage: tsx render.ts out.png bbox layers.json
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
type Layer = { file?: string; data?: any; stroke?: string; fill?: string; width?: number; filter?: string; colorBy?: string; colors?: Record<string,string>; label?: string; r?: number };
const [out, bboxS, layersFile] = process.argv.slice(2);
const [w0,s0,e0,n0] = bboxS.split(',').map(Number);
const layers: Layer[] = JSON.parse(readFileSync(layersFile,'utf8'));
const W = 1600; const kx = Math.cos(31.21*Math.PI/180); const H = Math.round(W * (n0-s0) / ((e0-w0)*kx));
const X = (x:number)=> ((x-w0)/(e0-w0)*W).toFixed(1); const Y=(y:number)=>((n0-y)/(n0-s0)*H).toFixed(1);
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" style="background:#fff">`;
const ring = (r:number[][]) => 'M'+r.map(p=>X(p[0])+','+Y(p[1])).join('L');
for (const L of layers) {
  const fc = L.data ?? JSON.parse(readFileSync(L.file!,'utf8'));
  for (const f of fc.features ?? [fc]) {
    if (!f.geometry) continue;
    let ok = true; if (L.filter) ok = Function('p', 'return ' + L.filter)(f.properties ?? {});
    if (!ok) continue;
    const col = L.colorBy ? (L.colors?.[String(f.properties?.[L.colorBy])] ?? L.colors?.['*'] ?? '#888') : (L.stroke ?? '#000');
    const g = f.geometry; const lines: number[][][] = [];
    const polys: number[][][][] = [];
    if (g.type==='LineString') lines.push(g.coordinates); if (g.type==='MultiLineString') lines.push(...g.coordinates);
    if (g.type==='Polygon') polys.push(g.coordinates); if (g.type==='MultiPolygon') polys.push(...g.coordinates);
    for (const l of lines) svg += `<path d="${ring(l)}" fill="none" stroke="${col}" stroke-width="${L.width??1.5}" opacity="0.9"/>`;
    for (const p of polys) svg += `<path d="${p.map(ring).join('Z')}Z" fill="${L.fill??'none'}" fill-opacity="0.3" stroke="${col}" stroke-width="${L.width??1}"/>`;
    if (g.type==='Point') svg += `<circle cx="${X(g.coordinates[0])}" cy="${Y(g.coordinates[1])}" r="${L.r??3}" fill="${col}"/>`;
    if (L.label && f.properties?.[L.label] && (g.type==='LineString'||g.type==='Point')) { const c = g.type==='Point'? g.coordinates : g.coordinates[Math.floor(g.coordinates.length/2)]; svg += `<text x="${X(c[0])}" y="${Y(c[1])}" font-size="11" fill="#000" font-family="Noto Sans CJK SC, sans-serif">${f.properties[L.label]}</text>`; }
  }
}
svg += '</svg>';
writeFileSync('/tmp/render.svg', svg);
writeFileSync('/tmp/render.html', `<html><body style="margin:0">${svg}</body></html>`);
execFileSync('/usr/bin/chromium', ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--hide-scrollbars',`--window-size=${W},${H}`,`--screenshot=${out}`,'file:///tmp/render.html'], { stdio: 'ignore' });
console.log('wrote', out, W, H);
