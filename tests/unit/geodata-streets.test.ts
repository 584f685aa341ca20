import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Polygon, MultiPolygon, Position } from 'geojson';

const read = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(process.cwd(), rel), 'utf8')) as T;
const streets = read<FeatureCollection<LineString>>('geodata/streets.geojson').features;
const water = read<FeatureCollection<Polygon | MultiPolygon>>('geodata/water.geojson').features;
const green = read<FeatureCollection<Polygon | MultiPolygon>>('geodata/green.geojson').features;

const M_LAT = 110574;
const M_LON = 111320 * Math.cos((31.21 * Math.PI) / 180);
const dist = (a: Position, b: Position) => Math.hypot((a[0] - b[0]) * M_LON, (a[1] - b[1]) * M_LAT);
const key = (c: Position) => `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
const lengthM = (c: Position[]) => c.slice(1).reduce((t, p, i) => t + dist(c[i], p), 0);

const walkable = streets.filter((f) => f.properties?.walkable === true);
const atGrade = walkable.filter((f) => f.properties?.class !== 'bridge');
const creek = water.find((f) => f.properties?.id === 'water-suzhou-creek') as Feature<Polygon>;

describe('geodata/streets.geojson properties', () => {
  it('has a reasonable number of named streets', () => {
    const names = new Set(walkable.filter((f) => f.properties?.class !== 'footway').map((f) => f.properties?.name_en));
    expect(names.size).toBeGreaterThanOrEqual(30);
    expect(streets.some((f) => f.properties?.class === 'expressway')).toBe(true);
  });

  it('every feature follows the property rules', () => {
    const classes = ['expressway', 'arterial', 'collector', 'local', 'footway', 'bridge'];
    for (const f of streets) {
      const p = f.properties as Record<string, unknown>;
      expect(Object.keys(p).sort(), String(p.id)).toEqual(['accuracy_m', 'class', 'id', 'name_en', 'name_zh', 'source', 'walkable']);
      expect(p.id).toMatch(/^street-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(typeof p.name_en === 'string' && p.name_en.length > 0, String(p.id)).toBe(true);
      expect(p.name_zh, String(p.id)).toMatch(/[\u4e00-\u9fff]/);
      expect(classes).toContain(p.class);
      expect(p.walkable, String(p.id)).toBe(p.class !== 'expressway');
      expect(typeof p.accuracy_m === 'number' && p.accuracy_m > 0 && p.accuracy_m <= 500, String(p.id)).toBe(true);
      expect(['osm', 'digitised']).toContain(p.source);
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('ids are unique', () => {
    const ids = streets.map((f) => f.properties?.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('all coordinates are WGS84 around Changning, rounded to 6 decimals', () => {
    for (const f of streets)
      for (const [x, y] of f.geometry.coordinates) {
        expect(x >= 121.3 && x <= 121.47 && y >= 31.16 && y <= 31.26, `${f.properties?.id} ${x},${y}`).toBe(true);
        expect(Math.abs(x * 1e6 - Math.round(x * 1e6)) < 1e-3 && Math.abs(y * 1e6 - Math.round(y * 1e6)) < 1e-3).toBe(true);
      }
  });
});

describe('walking network topology', () => {
  it('every crossing of two walkable at-grade streets is a shared vertex', () => {
    const bad: string[] = [];
    for (let i = 0; i < atGrade.length; i++) {
      for (let j = i + 1; j < atGrade.length; j++) {
        const a = atGrade[i], b = atGrade[j];
        const bKeys = new Set(b.geometry.coordinates.map(key));
        const shared = a.geometry.coordinates.filter((c) => bKeys.has(key(c)));
        for (const x of turf.lineIntersect(a, b).features) {
          const p = x.geometry.coordinates;
          if (!shared.some((s) => dist(s, p) <= 0.5)) bad.push(`${a.properties?.id} × ${b.properties?.id} at ${p[0].toFixed(6)},${p[1].toFixed(6)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('no walkable street (other than bridges) runs across Suzhou Creek', () => {
    expect(creek).toBeDefined();
    const [minX, minY, maxX, maxY] = turf.bbox(creek);
    const bad: string[] = [];
    for (const f of atGrade) {
      const [a, b, c, d] = turf.bbox(f);
      if (c < minX || a > maxX || d < minY || b > maxY) continue;
      let inside = 0;
      const cs = f.geometry.coordinates;
      for (let k = 0; k < cs.length - 1; k++) {
        const len = dist(cs[k], cs[k + 1]);
        const n = Math.max(1, Math.ceil(len / 2));
        for (let s = 0; s < n; s++) {
          const t = (s + 0.5) / n;
          const p = [cs[k][0] + t * (cs[k + 1][0] - cs[k][0]), cs[k][1] + t * (cs[k + 1][1] - cs[k][1])];
          if (turf.booleanPointInPolygon(p, creek)) inside += len / n;
        }
      }
      if (inside > 8) bad.push(`${f.properties?.id}: ${inside.toFixed(0)} m in the creek`);
    }
    expect(bad).toEqual([]);
  });

  it('bridges really cross the creek', () => {
    const bridges = walkable.filter((f) => f.properties?.class === 'bridge');
    expect(bridges.length).toBeGreaterThan(0);
    for (const b of bridges) expect(turf.booleanIntersects(b, creek), String(b.properties?.id)).toBe(true);
  });

  it('one connected component holds at least 95 % of the walkable length', () => {
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      let r = k;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(k, r);
      return r;
    };
    const add = (k: string) => { if (!parent.has(k)) parent.set(k, k); };
    for (const f of walkable) {
      const ks = f.geometry.coordinates.map(key);
      ks.forEach(add);
      for (let k = 1; k < ks.length; k++) parent.set(find(ks[k]), find(ks[0]));
    }
    const byComp = new Map<string, number>();
    let total = 0;
    for (const f of walkable) {
      const len = lengthM(f.geometry.coordinates);
      total += len;
      const r = find(key(f.geometry.coordinates[0]));
      byComp.set(r, (byComp.get(r) ?? 0) + len);
    }
    const largest = Math.max(...byComp.values());
    expect(total).toBeGreaterThan(40_000);
    expect(largest / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('water and green polygons', () => {
  it('have the required properties', () => {
    for (const f of water) {
      expect(f.properties?.kind).toBe('river');
      expect(typeof f.properties?.accuracy_m).toBe('number');
      for (const k of ['id', 'name_en', 'name_zh', 'source']) expect(f.properties?.[k], k).toBeTruthy();
    }
    for (const f of green) {
      expect(['park', 'campus', 'airport', 'zoo']).toContain(f.properties?.kind);
      expect(f.properties?.source).toBe('digitised');
      expect(typeof f.properties?.accuracy_m).toBe('number');
      for (const k of ['id', 'name_en', 'name_zh']) expect(f.properties?.[k], k).toBeTruthy();
    }
  });

  it('are valid (no self-intersections, closed rings)', () => {
    for (const f of [...water, ...green]) {
      expect(turf.kinks(f).features.length, String(f.properties?.id)).toBe(0);
      const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
      for (const r of rings) expect(key(r[0])).toBe(key(r[r.length - 1]));
    }
  });

  it('the creek is a believable river (10–200 ha, 30–100 m average width)', () => {
    const area = turf.area(creek);
    expect(area).toBeGreaterThan(10e4);
    expect(area).toBeLessThan(200e4);
  });

  it('parks and campuses do not overlap the creek by more than 1 %', () => {
    for (const g of green) {
      const ov = turf.intersect(turf.featureCollection([g, creek]) as FeatureCollection<Polygon | MultiPolygon>);
      const frac = ov ? turf.area(ov) / turf.area(g) : 0;
      expect(frac, String(g.properties?.id)).toBeLessThanOrEqual(0.01);
    }
  });
});
