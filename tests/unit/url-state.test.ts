/**
 * Permalinks: encode → decode is the identity for any valid state, each bad parameter is dropped
 * on its own with a notice while the rest still apply, and no input makes decoding throw.
 */
import { LIFE_CIRCLE_CATEGORIES } from '../../src/lib/geo/life-circle-categories';
import { describe, it, expect } from 'vitest';
import {
	DEFAULT_SNAPSHOT,
	MODES,
	SHANGHAI_BOX,
	TOGGLE_IDS,
	encodeState,
	formatSearch,
	type LonLat,
	type Snapshot
} from '$lib/state/url-state';
import { decodeState, type LinkNotice } from '$lib/state/url-decode';
import { linkNoticeText } from '$lib/components/messages';
import { translate } from '$lib/i18n/strings';
import { mulberry32, randomInt } from '$lib/graph/random';
import { WALKING_SPEED_PRESETS } from '$lib/geo/walking';
import { LANGS } from '$lib/i18n/strings';
import { BASEMAP_IDS } from '$lib/data/basemaps';

const PLACES = ['silicon-alley', 'hongqiao-cbd', 'linkong-park', 'yuyuan-road'];

/** Round like the URL does, and never produce -0 (toEqual tells 0 and -0 apart). */
const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits + 0;

function randomSnapshot(rand: () => number): Snapshot {
	const pick = <T>(items: readonly T[]): T => items[randomInt(rand, items.length)];
	const { west, east, south, north } = SHANGHAI_BOX;
	const point = (): LonLat => [roundTo(west + rand() * (east - west), 5), roundTo(south + rand() * (north - south), 5)];
	const minutes = () => {
		const n = 1 + randomInt(rand, 6);
		const values = new Set<number>();
		while (values.size < n) values.add((10 + randomInt(rand, 591)) / 10);
		return [...values].sort((a, b) => a - b);
	};
	const preset = rand() < 0.6 ? pick(WALKING_SPEED_PRESETS) : null;
	return {
		view: { center: point(), zoom: roundTo(rand() * 24, 2), bearing: roundTo(-179.9 + rand() * 359.9, 1) },
		layers: TOGGLE_IDS.filter(() => rand() < 0.7),
		place: rand() < 0.5 ? pick(PLACES) : null,
		lang: pick(LANGS),
		mode: pick(MODES),
		origin: rand() < 0.6 ? point() : null,
		origins: rand() < 0.3 ? Array.from({ length: 2 + randomInt(rand, 7) }, point) : [],
		merge: rand() < 0.5,
		rings: rand() < 0.5,
		compare: rand() < 0.5 ? pick(WALKING_SPEED_PRESETS).id : null,
		minutes: minutes(),
		speed: preset ? preset.kmh : roundTo(0.5 + rand() * 9.5, 2),
		preset: preset ? preset.id : 'custom',
		measure: Array.from({ length: randomInt(rand, 8) }, point),
		measureMinutes: minutes(),
		cover: pick(LIFE_CIRCLE_CATEGORIES).id,
		basemap: pick(BASEMAP_IDS)
	};
}

const decode = (search: string) => decodeState(search, PLACES);
/** Notices as the English UI words them. */
const texts = (notices: LinkNotice[]) => notices.map((n) => linkNoticeText((key, params) => translate('en', key, params), n));
const noticeTexts = (search: string) => texts(decode(search).notices);
const full = (search: string) => ({ ...DEFAULT_SNAPSHOT, ...decode(search).state });

/** A link that sets every parameter, for breaking one at a time. */
const VALID: Record<string, string> = {
	lang: 'zh',
	map: '15.2/31.218/121.418/30',
	hide: 'streets,hongqiao',
	place: 'silicon-alley',
	tool: 'life-circle',
	origin: '121.418,31.216',
	origins: '121.418,31.216;121.43,31.22',
	merge: '0',
	rings: '1',
	compare: 'wheelchair',
	bands: '5,10,20',
	speed: '4.4',
	measure: '121.4,31.21;121.41,31.21',
	radii: '5,10',
	cover: 'childcare',
	basemap: 'amap'
};
const BAD: Record<string, string> = {
	lang: 'xx',
	map: 'banana',
	hide: 'nolayer',
	place: 'nowhere',
	tool: 'fly',
	origin: '2.35,48.85',
	origins: '121.418,31.216;2.35,48.85',
	merge: 'yes',
	rings: '2',
	compare: 'jog',
	bands: '5,999',
	speed: '11',
	measure: '121.4,31.21;abc',
	radii: '0',
	cover: 'casino',
	basemap: 'google'
};
/** The snapshot field each parameter sets. */
const FIELDS: Record<string, (keyof Snapshot)[]> = {
	lang: ['lang'],
	map: ['view'],
	hide: ['layers'],
	place: ['place'],
	tool: ['mode'],
	origin: ['origin'],
	origins: ['origins'],
	merge: ['merge'],
	rings: ['rings'],
	compare: ['compare'],
	bands: ['minutes'],
	speed: ['speed', 'preset'],
	measure: ['measure'],
	radii: ['measureMinutes'],
	cover: ['cover'],
	basemap: ['basemap']
};
const query = (params: Record<string, string>) =>
	'?' + Object.entries(params).map(([k, v]) => `${k}=${v}`).join('&');

describe('encodeState / decodeState', () => {
	it('round-trips 1000 random valid snapshots exactly, with no notices', () => {
		const rand = mulberry32(20230831);
		for (let i = 0; i < 1000; i++) {
			const snapshot = randomSnapshot(rand);
			const search = formatSearch(encodeState(snapshot));
			const decoded = decode(search);
			expect(decoded.notices, search).toEqual([]);
			expect({ ...DEFAULT_SNAPSHOT, ...decoded.state }, search).toEqual(snapshot);
		}
	});

	it('writes a fresh app as a short link: only the camera', () => {
		const view = { center: [121.418, 31.218] as LonLat, zoom: 15.2, bearing: 0 };
		expect(formatSearch(encodeState({ ...DEFAULT_SNAPSHOT, view }))).toBe('?map=15.2/31.218/121.418');
	});

	it('writes readable parameters: commas, slashes and semicolons unescaped, coordinates rounded', () => {
		const search = formatSearch(
			encodeState({
				...DEFAULT_SNAPSHOT,
				view: { center: [121.4180049, 31.2179951], zoom: 15.23456, bearing: -12.345 },
				lang: 'zh',
				layers: TOGGLE_IDS.filter((id) => id !== 'streets' && id !== 'hongqiao'),
				place: 'silicon-alley',
				mode: 'life-circle',
				origin: [121.418, 31.216],
				minutes: [5, 10, 20],
				preset: 'elderly',
				speed: 3,
				measure: [
					[121.4, 31.21],
					[121.41, 31.21]
				],
				measureMinutes: [5, 10]
			})
		);
		expect(search).toBe(
			'?lang=zh&map=15.23/31.218/121.418/-12.3&hide=hongqiao,streets&place=silicon-alley&tool=life-circle' +
				'&origin=121.418,31.216&bands=5,10,20&preset=elderly&measure=121.4,31.21;121.41,31.21&radii=5,10'
		);
	});

	it('writes several origins after the selected one, with the view, the band display and the compared profile', () => {
		const view = { center: [121.418, 31.218] as LonLat, zoom: 15, bearing: 0 };
		const origins: LonLat[] = [[121.41, 31.21], [121.4200049, 31.22]];
		const search = formatSearch(encodeState({ ...DEFAULT_SNAPSHOT, view, origin: origins[1], origins, merge: false, rings: true, compare: 'elderly', preset: 'wheelchair', speed: 2.5 }));
		expect(search).toBe('?map=15/31.218/121.418&origin=121.42,31.22&origins=121.41,31.21;121.42,31.22&merge=0&rings=1&preset=wheelchair&compare=elderly');
		// an older link with one origin still reads as it did
		expect(full('?origin=121.418,31.216')).toMatchObject({ origin: [121.418, 31.216], origins: [], merge: true, rings: false, compare: null });
		expect(decode(`?origins=${Array.from({ length: 9 }, () => '121.41,31.21').join(';')}`).notices).toEqual([
			expect.objectContaining({ param: 'origins', problem: { code: 'too-many-points', max: 8 } })
		]);
	});

	it('reads the documented example', () => {
		const s = full(
			'?lang=zh&map=15.2/31.21800/121.41800/0&hide=streets&place=silicon-alley&tool=life-circle' +
				'&origin=121.41800,31.21600&bands=5,10,15&speed=4&preset=shanghai-standard&measure=121.4,31.21;121.41,31.21&radii=5,10'
		);
		expect(s).toEqual({
			view: { center: [121.418, 31.218], zoom: 15.2, bearing: 0 },
			layers: TOGGLE_IDS.filter((id) => id !== 'streets'),
			place: 'silicon-alley',
			lang: 'zh',
			mode: 'life-circle',
			origin: [121.418, 31.216],
			origins: [],
			merge: true,
			rings: false,
			compare: null,
			minutes: [5, 10, 15],
			speed: 4,
			preset: 'shanghai-standard',
			measure: [
				[121.4, 31.21],
				[121.41, 31.21]
			],
			measureMinutes: [5, 10],
			cover: 'bus-stop',
			basemap: 'embedded'
		});
		expect(decode('?lang=zh&map=15.2/31.21800/121.41800/0&speed=4&preset=shanghai-standard').notices).toEqual([]);
	});

	it('ignores each bad parameter on its own, with one notice naming it, and keeps all the others', () => {
		const good = full(query(VALID));
		expect(decode(query(VALID)).notices).toEqual([]);
		for (const key of Object.keys(VALID)) {
			const decoded = decode(query({ ...VALID, [key]: BAD[key] }));
			const fields = FIELDS[key];
			if (key === 'hide') {
				// An unknown layer is dropped; an empty list hides nothing.
				expect(decoded.state.layers).toEqual([...TOGGLE_IDS]);
			} else {
				for (const field of fields) expect(decoded.state[field], key).toBeUndefined();
			}
			expect(decoded.notices, key).toEqual([expect.objectContaining({ code: 'ignored', param: key, value: BAD[key] })]);
			expect(texts(decoded.notices), key).toEqual([expect.stringContaining(`Ignored "${key}=${BAD[key]}`)]);
			for (const field of Object.keys(good) as (keyof Snapshot)[]) {
				if (!fields.includes(field)) expect(decoded.state[field], `${key} → ${field}`).toEqual(good[field]);
			}
		}
	});

	it('says why, as data: a code, the parameter as given, and the numbers the sentence needs', () => {
		expect(decode('?map=banana&bands=5,999').notices).toEqual([
			{ code: 'ignored', param: 'map', value: 'banana', problem: { code: 'expected-map' } },
			{ code: 'ignored', param: 'bands', value: '5,999', problem: { code: 'minutes', problem: { code: 'range', params: { min: 1, max: 60, value: 999 } } } }
		]);
		expect(decode('?speed=').notices).toEqual([{ code: 'ignored', param: 'speed', value: '', problem: { code: 'not-a-number', what: 'speed' } }]);
		const long = 'x'.repeat(100);
		expect(decode(`?place=${long}`).notices[0]).toMatchObject({ param: 'place', value: `${'x'.repeat(40)}…` });
	});

	it('says why, briefly, in words', () => {
		expect(noticeTexts('?map=banana&hide=nolayer,streets&place=nowhere&bands=5,999&lang=xx')).toEqual([
			'Ignored "lang=xx": expected en or zh',
			'Ignored "map=banana": expected zoom/lat/lon[/bearing]',
			'Ignored "hide=nolayer": unknown layer',
			'Ignored "place=nowhere": unknown place',
			'Ignored "bands=5,999": Bands must be between 1 and 60 minutes; got 999.'
		]);
		expect(noticeTexts('?map=banana/31.2/121.4')).toEqual(['Ignored "map=banana/31.2/121.4": zoom is not a number']);
		expect(noticeTexts('?map=15/48.85/2.35')[0]).toMatch(/outside Shanghai/);
		expect(noticeTexts('?map=30/31.2/121.4')[0]).toMatch(/zoom must be 0–24/);
		expect(noticeTexts('?speed=0.2')[0]).toMatch(/speed must be 0.5–10 km\/h/);
		expect(noticeTexts('?speed=')[0]).toMatch(/speed is not a number/);
		expect(noticeTexts('?preset=sprinter')[0]).toMatch(/unknown walking-speed preset/);
	});

	it('keeps the valid layers of a hide list and drops the unknown ones one by one', () => {
		const decoded = decode('?hide=streets,nolayer,metro,alsonot');
		expect(decoded.state.layers).toEqual(TOGGLE_IDS.filter((id) => id !== 'streets' && id !== 'metro'));
		expect(texts(decoded.notices)).toEqual(['Ignored "hide=nolayer": unknown layer', 'Ignored "hide=alsonot": unknown layer']);
	});

	it('lists unknown parameters in one notice and ignores repeats', () => {
		const decoded = decode('?utm_source=x&foo=1&lang=zh&lang=en');
		expect(decoded.state).toEqual({ lang: 'zh' });
		expect(texts(decoded.notices)).toEqual(['Ignored "lang=en": "lang" was already given', 'Ignored unknown parameters "utm_source", "foo"']);
	});

	it('lets a custom speed override a preset that disagrees, and says so', () => {
		expect(decode('?preset=elderly&speed=3').state).toEqual({ preset: 'elderly', speed: 3 });
		const decoded = decode('?speed=5&preset=elderly');
		expect(decoded.state).toEqual({ preset: 'custom', speed: 5 });
		expect(texts(decoded.notices)).toEqual(['Ignored "preset=elderly": speed=5 overrides it']);
	});

	it('never throws, and whatever it keeps is valid, for 3000 random and mangled inputs', () => {
		const rand = mulberry32(7);
		const alphabet = 'abc019.,;/-+=&?%#eE xyz_长宁\u0000\uD800~';
		const randomString = (n: number) => Array.from({ length: n }, () => alphabet[randomInt(rand, alphabet.length)]).join('');
		const valid = formatSearch(encodeState(randomSnapshot(mulberry32(1))));
		const inputs: string[] = ['', '?', '&&&', '?=', '?map', '?map=', '%', '?%E0%A4%A', '?hide=,,,', '?measure=;;;', '?bands=1e999', '?speed=NaN', '?map=1e3/1/1', '?__proto__=1&constructor=2&toString=3'];
		for (let i = 0; i < 3000; i++) {
			if (i % 2 === 0) inputs.push(randomString(randomInt(rand, 80)));
			else {
				// Mangle a valid link: cut it, or splice random characters into it.
				const at = randomInt(rand, valid.length);
				inputs.push(valid.slice(0, at) + randomString(randomInt(rand, 6)) + valid.slice(at + randomInt(rand, 4)));
			}
		}
		const known = new Set<string>(TOGGLE_IDS);
		const inBox = ([lon, lat]: LonLat) =>
			lon >= SHANGHAI_BOX.west && lon <= SHANGHAI_BOX.east && lat >= SHANGHAI_BOX.south && lat <= SHANGHAI_BOX.north;
		for (const input of inputs) {
			const { state, notices } = decode(input);
			expect(Array.isArray(notices)).toBe(true);
			if (state.view) expect(inBox(state.view.center) && Number.isFinite(state.view.zoom) && Number.isFinite(state.view.bearing), input).toBe(true);
			if (state.layers) expect(state.layers.every((id) => known.has(id)), input).toBe(true);
			if (state.place) expect(PLACES).toContain(state.place);
			if (state.origin) expect(inBox(state.origin), input).toBe(true);
			if (state.measure) expect(state.measure.every(inBox), input).toBe(true);
			if (state.speed !== undefined) expect(state.speed >= 0.5 && state.speed <= 10, input).toBe(true);
			for (const list of [state.minutes, state.measureMinutes]) {
				if (list) expect(list.length >= 1 && list.length <= 6 && list.every((m) => m >= 1 && m <= 60), input).toBe(true);
			}
			expect(texts(notices).every((n) => n.length < 300), input).toBe(true);
		}
	});
});

describe('basemap parameter', () => {
	it('is left out for the embedded basemap and written for an online one', () => {
		const view = { center: [121.418, 31.218] as LonLat, zoom: 15, bearing: 0 };
		expect(formatSearch(encodeState({ ...DEFAULT_SNAPSHOT, view }))).not.toContain('basemap');
		expect(formatSearch(encodeState({ ...DEFAULT_SNAPSHOT, view, basemap: 'osm' }))).toBe('?map=15/31.218/121.418&basemap=osm');
		expect(decode('?basemap=amap').state).toEqual({ basemap: 'amap' });
	});

	it('drops an unknown basemap with a notice that lists the known ones', () => {
		expect(decode('?basemap=google&lang=zh').state).toEqual({ lang: 'zh' });
		expect(noticeTexts('?basemap=google')).toEqual(['Ignored "basemap=google": expected embedded, osm, amap']);
	});
});
