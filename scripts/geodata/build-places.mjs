// Generates geodata/places/*.geojson: every place the 31 Aug 2023 briefing names, placed by hand
// from anchors (method and accuracy: geodata/README.md). Reads ../shared only here, at data-build time.
// Run: node scripts/geodata/build-places.mjs
import * as turf from '@turf/turf';
import fs from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = process.env.GEODATA_SRC ?? ROOT + '../shared/geodata-src/';
const OUT = ROOT + 'geodata/places/';
const B = 'briefing-2023-08-31';

const r6 = (x) => Math.round(x * 1e6) / 1e6;
const roundCoords = (c) => (typeof c[0] === 'number' ? [r6(c[0]), r6(c[1])] : c.map(roundCoords));
function dedupe(ring) {
	const out = [];
	for (const p of ring) {
		const q = out[out.length - 1];
		if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
	}
	return out;
}
function cleanGeom(g) {
	g = { type: g.type, coordinates: roundCoords(g.coordinates) };
	if (g.type === 'Polygon') g.coordinates = g.coordinates.map(dedupe);
	if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.map(dedupe));
	if (g.type === 'LineString') g.coordinates = dedupe(g.coordinates);
	if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
		g = turf.rewind(turf.feature(g), { reverse: false }).geometry; // RFC 7946: outer CCW
	}
	return g;
}
const poly = (ring) => {
	const r = ring.slice();
	const a = r[0], b = r[r.length - 1];
	if (a[0] !== b[0] || a[1] !== b[1]) r.push(a);
	return { type: 'Polygon', coordinates: [r] };
};
const pt = (lon, lat) => ({ type: 'Point', coordinates: [lon, lat] });
const ls = (coords) => ({ type: 'LineString', coordinates: coords });
const bi = (en, zh) => ({ en, zh });
const fact = (en, zh, value, unit, period, qualifier, source = B) => {
	const f = { label: bi(en, zh), value };
	if (qualifier) f.qualifier = qualifier;
	return { ...f, unit, period, source };
};
const acc = (level, metres, en, zh) => ({ level, metres, note: bi(en, zh) });
function F(layer, id, kind, geometry, { name, summary, facts = [], address, accuracy, source = B }) {
	const properties = { id, layer, kind, name, summary, facts };
	if (address) properties.address = address;
	properties.accuracy = accuracy;
	properties.source = source;
	return { type: 'Feature', geometry: cleanGeom(geometry), properties };
}
function write(layer, features) {
	fs.mkdirSync(OUT, { recursive: true });
	const fc = { type: 'FeatureCollection', features };
	fs.writeFileSync(OUT + layer + '.geojson', JSON.stringify(fc, null, '\t') + '\n');
	for (const f of features) {
		const g = f.geometry;
		const extra = g.type.includes('Polygon') ? ` area=${(turf.area(f) / 1e6).toFixed(4)}km2 kinks=${turf.kinks(f).features.length}` : g.type === 'LineString' ? ` len=${turf.length(f).toFixed(2)}km` : '';
		console.log(layer, f.properties.id, g.type + extra);
	}
}

// ---------- inputs ----------
const district = JSON.parse(fs.readFileSync(SRC + 'admin/changning_310105.wgs84.geojson', 'utf8')).features[0];
const outerRing = district.geometry.coordinates[0][0];
const districtGeom = cleanGeom(district.geometry);
const districtFeature = turf.feature(districtGeom);
const lines = JSON.parse(fs.readFileSync(SRC + 'transit/osm_metro_and_elevated_lines.bbox.wgs84.geojson', 'utf8')).features;
const S20 = lines.find((f) => f.properties.name === '外环高速').geometry.coordinates; // outer ring expressway (one carriageway)
const clipTo = (geom) => {
	const g = turf.intersect(turf.featureCollection([districtFeature, turf.feature(geom)]));
	if (!g) throw new Error('empty clip');
	if (g.geometry.type === 'MultiPolygon') {
		// keep the largest part
		const parts = g.geometry.coordinates.map((c) => turf.polygon(c)).sort((a, b) => turf.area(b) - turf.area(a));
		return parts[0].geometry;
	}
	return g.geometry;
};

// ============ silicon-alley ============
// Edges (OSM-exact anchors where a line runs under/over the street):
//  west  = Kaixuan Rd  (metro 3/4 viaduct), south = Yan'an W Rd (Yan'an elevated),
//  east  = Jiangsu Rd  (metro 11), north-east = Yuyuan Rd (metro 2), north-west = Changning Rd (metro 2 west of Dingxi Rd,
//  then the Changning Rd / Beiheng tunnel alignment east of Dingxi Rd up to a cross street at SA_CROSS_LON).
const streets = JSON.parse(fs.readFileSync(ROOT + 'geodata/streets.geojson', 'utf8')).features;
const street = (zh) => {
	const f = streets.find((x) => x.properties.name_zh === zh && x.geometry.type === 'LineString');
	if (!f) throw new Error('street missing: ' + zh);
	return f;
};
const st = (zh) => street(zh).geometry.coordinates;
const between = (coords, lo, hi) => coords.filter((p) => p[0] >= lo - 1e-9 && p[0] <= hi + 1e-9);
// Edges from geodata/streets.geojson: Kaixuan Rd (W), Changning Rd (N), Jiangsu Rd (E), Yan'an W Rd (S).
// East of Wanhangdu Rd (121.417) the north edge takes in the north-side frontage of Changning Rd (FRONT deg deep).
const FRONT = Number(process.env.SA_FRONT ?? '0.00093');
const kaixuan = st('凯旋路').filter((p) => p[1] >= 31.21 && p[1] <= 31.2176);
const changningRd = between(st('长宁路'), 121.4117, 121.4262).filter((p) => p[1] < 31.222);
const cnWest = changningRd.filter((p) => p[0] <= 121.417);
const cnEast = changningRd.filter((p) => p[0] >= 121.417).map(([x, y]) => [x, y + FRONT]);
const jiangsu = st('江苏路');
// Jiangsu Rd longitude at a latitude (segment between (121.4264,31.2213) and (121.4254,31.2239))
const jsLonAt = (lat) => {
	for (let i = 1; i < jiangsu.length; i++) {
		const [a, b] = [jiangsu[i - 1], jiangsu[i]];
		if ((lat - a[1]) * (lat - b[1]) <= 0 && a[1] !== b[1]) return a[0] + ((lat - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
	}
	throw new Error('lat off Jiangsu Rd ' + lat);
};
const neLat = 31.2213 + FRONT;
const jsSouth = jiangsu.filter((p) => p[1] < neLat - 1e-9 && p[1] >= 31.216).sort((a, b) => b[1] - a[1]);
const yanan = between(st('延安西路'), 121.4124, 121.4285).sort((a, b) => b[0] - a[0]); // east -> west
const saRing = [
	...kaixuan.sort((a, b) => a[1] - b[1]), // south -> north
	...cnWest,
	[121.417, 31.2208 + FRONT], // Wanhangdu Rd
	...cnEast.filter((p) => p[0] > 121.417 && p[0] < jsLonAt(neLat) - 1e-5),
	[jsLonAt(neLat), neLat],
	...jsSouth,
	...yanan
];
const L1 = 'silicon-alley';
const siliconAlley = [
	F(L1, 'silicon-alley', 'innovation-area', poly(saRing), {
		name: bi('Shanghai Silicon Alley', '上海硅巷'),
		summary: bi(
			'A compact science-and-innovation quarter in eastern Changning built around two Chinese Academy of Sciences institutes, meant to bring research and tech firms back into the old city blocks. The district presents it as its flagship for turning lab results into businesses.',
			'以中国科学院两家研究所为依托、位于长宁东部老城区的紧凑型科创街区，目标是让科研和科技企业回归中心城区，是长宁推动科技成果转化的重点区域。'
		),
		facts: [
			fact('Area', '面积', 1.48, 'km²', 'as of Aug 2023', 'exactly'),
			fact('Innovation hubs', '创新载体', 10, 'hubs', 'as of Aug 2023', 'over'),
			fact('Technology companies', '科技企业', 500, 'companies', 'as of Aug 2023', 'over')
		],
		accuracy: acc(
			'approximate',
			150,
			'Schematic outline, not an official boundary. Edges follow the digitised streets in geodata/streets.geojson (themselves placed on OpenStreetMap metro and elevated-road alignments): Kaixuan Rd (west), Yan\'an West Rd (south), Jiangsu Rd (east) and Changning Rd (north). East of Wanhangdu Rd the north-side frontage of Changning Rd (about 100 m deep) is included, which brings the area to the 1.48 km² given in the briefing; without it the four-street block is about 1.39 km². Edges are within about 150 m.',
			'示意范围，非官方边界。边线沿 geodata/streets.geojson 中的数字化道路（其本身依据OpenStreetMap地铁及高架走向）：西凯旋路、南延安西路、东江苏路、北长宁路；万航渡路以东纳入长宁路北侧约100米进深的沿街地块，使面积与发布会公布的1.48平方公里一致（仅四条道路围合约为1.39平方公里）。边线误差约150米以内。'
		)
	}),
	F(L1, 'shanghai-institute-of-ceramics', 'institute', pt(121.4192, 31.2196), {
		name: bi('Shanghai Institute of Ceramics, CAS', '中国科学院上海硅酸盐研究所'),
		summary: bi(
			'A national research institute for inorganic and advanced materials, and one of the two anchor institutions of the Silicon Alley.',
			'从事无机非金属及先进材料研究的国家级科研机构，是上海硅巷的两家核心院所之一。'
		),
		address: bi('1295 Dingxi Road, Changning', '长宁区定西路1295号'),
		accuracy: acc(
			'approximate',
			150,
			'Placed by hand on the west side of the north end of Dingxi Rd, just south of Changning Rd (street positions from geodata/streets.geojson), from the street address; the campus outline is not drawn.',
			'按门牌地址手工定位于定西路北段西侧、长宁路以南（道路位置取自 geodata/streets.geojson），未绘制院区轮廓。'
		)
	}),
	F(L1, 'shanghai-institute-of-microsystem', 'institute', pt(121.4152, 31.2197), {
		name: bi(
			'Shanghai Institute of Microsystem and Information Technology, CAS',
			'中国科学院上海微系统与信息技术研究所'
		),
		summary: bi(
			'A CAS institute working on microelectronics, sensors and information technology; together with the ceramics institute it anchors the Silicon Alley.',
			'中国科学院从事微电子、传感器与信息技术研究的院所，与硅酸盐所共同构成上海硅巷的科研核心。'
		),
		address: bi('865 Changning Road, Changning', '长宁区长宁路865号'),
		accuracy: acc(
			'approximate',
			150,
			'Placed by hand on the south side of Changning Rd between Kaixuan Rd and Dingxi Rd, opposite Zhongshan Park, from the street address (house numbers rise westwards, and No. 780 is the park).',
			'按门牌地址手工定位于长宁路南侧、凯旋路与定西路之间，与中山公园隔路相对（长宁路门牌向西递增，780号为中山公园）。'
		)
	}),
	F(L1, 'simic-valley', 'innovation-hub', pt(121.4192, 31.2172), {
		name: bi('SIMIC Valley', 'SIMIC Valley（中文名待核实）'),
		summary: bi(
			'One of the innovation hubs the briefing names inside the Silicon Alley. Its Chinese name and exact site could not be confirmed for this map.',
			'发布会点名的上海硅巷创新载体之一。本地图未能核实其中文名称和具体位置。'
		),
		accuracy: acc(
			'uncertain',
			800,
			'Location unknown: the marker only shows that the hub lies somewhere inside the Silicon Alley; it is placed near the middle of the area, not at the real site.',
			'位置未知：标记仅表示该载体位于上海硅巷范围内，放在片区中部，并非实际地点。'
		)
	}),
	F(L1, 'huawei-unicom-innovation-center', 'innovation-hub', pt(121.4235, 31.2168), {
		name: bi('Huawei–Unicom Innovation Demonstration Center', '华为联通创新示范中心'),
		summary: bi(
			'A joint showcase of Huawei and China Unicom technology that the district counts among the Silicon Alley\'s innovation hubs.',
			'华为与中国联通合作的技术展示中心，被长宁区列为上海硅巷的创新载体之一。'
		),
		accuracy: acc(
			'uncertain',
			800,
			'Location unknown: the briefing only says the centre is in the Silicon Alley, so the marker is set inside the area as a placeholder, not at a verified address.',
			'位置未知：发布会仅说明该中心位于上海硅巷内，标记只是片区内的占位点，并非核实过的地址。'
		)
	})
];
write('silicon-alley', siliconAlley);

// ============ hongqiao ============
const L2 = 'hongqiao';
// Hongqiao ETDZ block: Loushanguan Rd (metro 15) west, Xianxia Rd north, Zunyi Rd east, Hongqiao Rd (metro 10) south.
const ETDZ_N = Number(process.env.ETDZ_N ?? '31.2104');
const ZUNYI_LON = st('遵义路')[2][0]; // 121.4013
const lsg = st('娄山关路').filter((p) => p[1] >= 31.2022 && p[1] < ETDZ_N);
const hqRd = between(st('虹桥路'), lsg[0][0], ZUNYI_LON - 1e-5).sort((a, b) => b[0] - a[0]);
const etdzRing = [
	...lsg, // Loushanguan Rd, south -> north
	[121.396, ETDZ_N],
	[ZUNYI_LON, ETDZ_N],
	[ZUNYI_LON, 31.2001], // Zunyi Rd x Hongqiao Rd
	...hqRd
];
// Changning part of the Hongqiao CBD: the district west of ~121.3655 (Xiehe Rd area)
const cbdGeom = clipTo(poly([[121.3, 31.17], [121.3655, 31.17], [121.3655, 31.26], [121.3, 31.26]]));
// S20 outer ring as a west/east divider
const s20 = S20.filter((p) => p[1] > 31.178 && p[1] < 31.228).sort((a, b) => b[1] - a[1]); // north -> south
const s20LonAt = (lat) => {
	for (let i = 1; i < s20.length; i++) {
		const [a, b] = [s20[i - 1], s20[i]];
		if (lat <= a[1] && lat >= b[1]) return a[0] + ((lat - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
	}
	throw new Error('lat off S20 ' + lat);
};
const XIANXIA_W_LAT = 31.208;
const TIANSHAN_W_LAT = 31.2202; // metro 2 under Tianshan W Rd near Songhong Rd
const linkongRing = [
	[s20LonAt(XIANXIA_W_LAT), XIANXIA_W_LAT],
	[121.3625, XIANXIA_W_LAT],
	[121.3625, 31.2196],
	[121.3558, TIANSHAN_W_LAT], // Songhong Rd station
	[s20LonAt(TIANSHAN_W_LAT), TIANSHAN_W_LAT],
	...s20.filter((p) => p[1] < TIANSHAN_W_LAT && p[1] > XIANXIA_W_LAT)
];
const airportEastGeom = clipTo(
	poly([
		[121.3, 31.17],
		...s20.filter((p) => p[1] < XIANXIA_W_LAT).reverse(),
		[s20LonAt(XIANXIA_W_LAT), XIANXIA_W_LAT],
		[121.3, XIANXIA_W_LAT]
	])
);
const oldHq = (en, zh) =>
	acc(
		'uncertain',
		1200,
		`Location not verified: ${en} The marker only places the project in the old Hongqiao area around the development zone, as the briefing does.`,
		`位置未核实：${zh}标记仅按发布会的表述，把项目放在开发区周边的老虹桥地区。`
	);
const hongqiao = [
	F(L2, 'hongqiao-etdz', 'development-zone', poly(etdzRing), {
		name: bi('Hongqiao Economic and Technological Development Zone', '虹桥经济技术开发区'),
		summary: bi(
			'A small, dense business zone of trade centres, offices and hotels west of the inner city; it was among the first state-level development zones in China, approved in 1986 (commonly reported), and its footprint is usually given as about 0.65 km².',
			'位于中心城区西侧、由贸易中心、写字楼和酒店密集组成的商务区，是全国最早一批国家级经济技术开发区之一（通常记载为1986年获批），面积一般记为约0.65平方公里。'
		),
		accuracy: acc(
			'approximate',
			250,
			'Schematic block, not the official boundary (which was not available): Loushanguan Rd (west), Zunyi Rd (east) and Hongqiao Rd (south) from geodata/streets.geojson, and a straight north edge at about the latitude of Maotai Rd, chosen so that the block, which straddles Yan\'an West Rd and Xianxia Rd, comes to about 0.61 km², close to the commonly reported 0.65 km². Edges may be off by about 250 m.',
			'示意街坊，非官方边界（未取得）：西娄山关路、东遵义路、南虹桥路取自 geodata/streets.geojson，北边为约在茅台路纬度的直线，使这一跨越延安西路和仙霞路的街坊面积约0.61平方公里，接近通常记载的0.65平方公里。边线可能偏差约250米。'
		)
	}),
	F(L2, 'hongqiao-hub-business-service-center', 'platform', pt(121.3992, 31.2058), {
		name: bi('Hongqiao International Opening-up Hub Business Service Center', '虹桥国际开放枢纽商务服务中心'),
		summary: bi(
			'A one-stop service venue for companies using the Hongqiao hub policies; the 31 August 2023 briefing was held here.',
			'为利用虹桥国际开放枢纽政策的企业提供一站式服务的场所，2023年8月31日的发布会即在此举行。'
		),
		accuracy: acc(
			'uncertain',
			600,
			'Address not verified: the briefing only says the centre is inside the Hongqiao development zone, so the marker sits in the middle of that zone.',
			'地址未核实：发布会只说明该中心位于虹桥开发区内，标记放在开发区中部。'
		)
	}),
	F(L2, 'hongqiao-cbd-changning', 'business-district', cbdGeom, {
		name: bi('Hongqiao International CBD – Changning part', '虹桥国际中央商务区（长宁片区）'),
		summary: bi(
			'The slice of the Hongqiao International Central Business District that lies in Changning: the airport\'s eastern side and the Linkong business park. It is a small share of the CBD\'s land but a large share of its tax base.',
			'虹桥国际中央商务区位于长宁区的部分，包括虹桥机场东侧和临空园区。面积在商务区中占比不大，税收贡献却很高。'
		),
		facts: [
			fact("Share of the Hongqiao CBD's tax revenue", '占虹桥国际中央商务区税收比重', 33.3, '% (one third)', 'Jan–Jul 2023', 'over'),
			fact("Share of the Hongqiao CBD's area", '占虹桥国际中央商务区面积比重', 14.3, '% (one seventh)', 'Jan–Jul 2023', 'under')
		],
		accuracy: acc(
			'uncertain',
			1000,
			'Schematic: the part of the district outline west of about 121.3655° E (roughly Xiehe Rd). The official sub-area boundary was not available; the shape only shows that Changning\'s share is the district\'s western end.',
			'示意：取区界内约东经121.3655°（大致协和路）以西的部分。未取得官方片区边界，图形只表示长宁片区位于本区西端。'
		)
	}),
	F(L2, 'linkong-core-area', 'core-area', poly(linkongRing), {
		name: bi('Linkong core area (Linkong Economic Demonstration Zone)', '临空核心区（临空经济示范区）'),
		summary: bi(
			'An office-park cluster north of Hongqiao Airport, home to aviation firms and internet and service company headquarters; the district is concentrating new facilities here.',
			'位于虹桥机场北侧的园区集群，集聚航空企业以及互联网、服务业企业总部，长宁正在此集中配置新的配套设施。'
		),
		accuracy: acc(
			'uncertain',
			400,
			'Rough block between the Outer Ring expressway (west, OpenStreetMap), Tianshan West Rd at Songhong Rd station (north), about Xiehe Rd (east) and about Xianxia West Rd (south). The official core-area boundary was not available.',
			'大致范围：西至外环高速（OpenStreetMap）、北至淞虹路站附近的天山西路、东约至协和路、南约至仙霞西路。未取得官方核心区边界。'
		)
	}),
	F(L2, 'hongqiao-airport-east-precinct', 'airport-precinct', airportEastGeom, {
		name: bi('Eastern precinct of Hongqiao Airport', '虹桥机场东片区'),
		summary: bi(
			'The land on the east side of Hongqiao Airport around Terminal 1, between the airfield and the Outer Ring Road, which the district wants to develop for aviation-related business.',
			'虹桥机场东侧、1号航站楼周边、机场与外环之间的地区，长宁区计划将其培育为航空相关产业承载区。'
		),
		accuracy: acc(
			'uncertain',
			500,
			'Schematic: the district outline south of about Xianxia West Rd and west of the Outer Ring expressway (OpenStreetMap), which takes in Terminal 1 (metro station used as a check). The official precinct boundary was not available.',
			'示意：区界内约仙霞西路以南、外环高速（OpenStreetMap）以西的部分，包含1号航站楼（以地铁站核对）。未取得官方片区边界。'
		)
	}),
	F(L2, 'yi-fung-place', 'renewal-project', pt(121.3918, 31.2068), {
		name: bi('Yi Fung Place', 'Yi Fung Place（中文名待核实）'),
		summary: bi(
			'One of the major projects the district is pushing to renew the old Hongqiao area. Details beyond its English name were not confirmed for this map.',
			'长宁推进老虹桥地区更新的重大项目之一。除英文名外，本地图未能核实其他信息。'
		),
		accuracy: oldHq('neither the Chinese name nor the site could be confirmed.', '中文名称和地点均未能确认。')
	}),
	F(L2, 'crystal-hongqiao', 'renewal-project', pt(121.4008, 31.2098), {
		name: bi('Crystal Hongqiao', 'Crystal Hongqiao（中文名待核实，或为“水晶虹桥”）'),
		summary: bi(
			'A renewal project in old Hongqiao named in the briefing; the Chinese name shown is a guess pending confirmation.',
			'发布会提到的老虹桥更新项目；所示中文名为推测，有待核实。'
		),
		accuracy: oldHq('the site could not be confirmed.', '地点未能确认。')
	}),
	F(L2, 'livat-shanghai', 'renewal-project', pt(121.3868, 31.2052), {
		name: bi('Livat Shanghai', 'LIVAT上海荟聚（位置待核实）'),
		summary: bi(
			'A large retail and leisure centre of the Livat brand run by Ingka, the IKEA group company, listed among the old Hongqiao renewal projects.',
			'英格卡（宜家集团旗下公司）运营的“荟聚”品牌大型商业休闲中心项目，被列为老虹桥更新项目之一。'
		),
		accuracy: oldHq('the brand is known but the site of this Changning project could not be confirmed (it is not assumed to be a former IKEA store).', '品牌可知，但该长宁项目的具体地点未能确认（不假定为原宜家门店旧址）。')
	}),
	F(L2, 'hongqiao-uptown', 'renewal-project', pt(121.3975, 31.2002), {
		name: bi('Hongqiao Uptown', 'Hongqiao Uptown（中文名待核实）'),
		summary: bi(
			'Another flagship project in the old Hongqiao renewal programme named in the briefing; no further details were confirmed here.',
			'发布会列出的老虹桥更新重点项目之一；本地图未能核实更多信息。'
		),
		accuracy: oldHq('neither the Chinese name nor the site could be confirmed.', '中文名称和地点均未能确认。')
	}),
	F(L2, 'china-europe-exchange-platform', 'platform', pt(121.4012, 31.2035), {
		name: bi(
			'Chinese-European Enterprise Transnational Exchange and Cooperation Platform',
			'中欧企业跨国交流合作平台'
		),
		summary: bi(
			'A functional platform connecting Chinese and European companies, used by the district to widen Hongqiao\'s international reach.',
			'连接中国与欧洲企业的功能性平台，长宁借此扩大虹桥的国际影响力。'
		),
		accuracy: acc(
			'uncertain',
			1500,
			'Location not verified: the marker is a placeholder in the Hongqiao development zone, where the other hub platforms are; the platform may be housed elsewhere.',
			'位置未核实：标记为放在虹桥开发区内的占位点（其他枢纽平台亦在此），平台实际所在地可能不同。'
		)
	}),
	F(L2, 'greater-hongqiao-life-sciences-center', 'platform', pt(121.3575, 31.2135), {
		name: bi('Greater Hongqiao Life Sciences Innovation Center', '大虹桥生命科学创新中心'),
		summary: bi(
			'A platform for life-science and health companies, part of the district\'s push into life sciences as one of its new key industries.',
			'面向生命科学与健康企业的功能平台，服务于长宁将生命科学列为新重点产业的布局。'
		),
		accuracy: acc(
			'uncertain',
			1500,
			'Location not verified: shown as a placeholder in the Linkong area; the real site was not confirmed.',
			'位置未核实：以临空地区内的占位点表示，实际地点未确认。'
		)
	}),
	F(L2, 'dobe-we-greater-hongqiao', 'fashion-landmark', pt(121.3905, 31.2120), {
		name: bi('DoBe WE at Greater Hongqiao', '大虹桥DoBe WE（中文名待核实）'),
		summary: bi(
			'A fashion and creative landmark project under way, part of the district\'s fashion-industry cluster plan.',
			'正在推进的时尚创意地标项目，属于长宁时尚产业集群布局的一部分。'
		),
		accuracy: acc(
			'uncertain',
			2000,
			'Location not verified: the briefing gives only the name; the marker is a placeholder in the Hongqiao side of the district.',
			'位置未核实：发布会只给出名称，标记为放在本区虹桥一侧的占位点。'
		)
	}),
	F(L2, 'columbia-circle-phase-2', 'fashion-landmark', pt(121.4232, 31.2098), {
		name: bi('Columbia Circle Phase II', '上生·新所二期'),
		summary: bi(
			'The second phase of Columbia Circle, the former Shanghai Institute of Biological Products campus with historic villas turned into a creative and retail quarter.',
			'上生·新所的二期。上生·新所由原上海生物制品研究所旧址改造而成，老建筑被活化为创意与商业街区。'
		),
		address: bi('Columbia Circle: 1262 Yan\'an West Road, Changning (Phase II site not confirmed)', '上生·新所：长宁区延安西路1262号（二期具体位置未核实）'),
		accuracy: acc(
			'uncertain',
			400,
			'Placed south of Yan\'an West Rd near Panyu Rd, where Columbia Circle (1262 Yan\'an West Rd) lies; the exact Phase II plot was not confirmed.',
			'放在延安西路以南、番禺路附近的上生·新所（延安西路1262号）一带；二期具体地块未核实。'
		)
	}),
	F(L2, 'shanghai-arch', 'landmark-building', pt(121.3966, 31.2108), {
		name: bi('Shanghai Arch (Gold Hongqiao International Center)', '金虹桥国际中心'),
		summary: bi(
			'An office complex that in 2022 became the first building in Shanghai that year to pay over 10 billion yuan in tax, and by July 2023 had passed that mark again.',
			'写字楼综合体，2022年成为当年上海首幢纳税超百亿元的楼宇，2023年截至7月再次突破百亿元。'
		),
		facts: [
			fact('Tax paid', '纳税额', 10, 'billion yuan', '2022', 'over'),
			fact('Tax paid', '纳税额', 10, 'billion yuan', 'Jan–Jul 2023', 'over'),
			fact('Tax per unit floor area', '单位面积税收', 90000, 'yuan/m²', '2022', 'over', 'jiefang-daily-2022-10')
		],
		address: bi('Loushanguan Road at Maotai Road, Changning', '长宁区娄山关路茅台路口'),
		accuracy: acc(
			'approximate',
			200,
			'Placed at the Loushanguan Rd × Maotai Rd corner from the reference description, using the street positions in geodata/streets.geojson (Maotai Rd there is itself an estimate); the building footprint is not drawn.',
			'按参考资料放在娄山关路与茅台路路口，道路位置取自 geodata/streets.geojson（其中茅台路本身为估计值）；未绘制楼宇轮廓。'
		)
	})
];
write('hongqiao', hongqiao);

// ============ suzhou-creek ============
const L3 = 'suzhou-creek';
const iStart = outerRing.findIndex((p) => Math.abs(p[0] - 121.3434) < 1e-4 && Math.abs(p[1] - 31.2455) < 1e-4);
const iEnd = outerRing.findIndex((p) => Math.abs(p[0] - 121.4297) < 1e-4 && Math.abs(p[1] - 31.2277) < 1e-4);
if (iStart < 0 || iEnd < 0) throw new Error('creek indices');
const creek = outerRing.slice(iStart, iEnd + 1);
// ECUPL: the creek-bend lobe (outline vertices) closed along Wanhangdu Rd
const iE1 = outerRing.findIndex((p) => Math.abs(p[0] - 121.4095) < 1e-4 && Math.abs(p[1] - 31.2252) < 1e-4);
const iE2 = outerRing.findIndex((p) => Math.abs(p[0] - 121.4162) < 1e-4 && Math.abs(p[1] - 31.2273) < 1e-4);
if (iE1 < 0 || iE2 < 0) throw new Error('ecupl indices');
const ecuplRing = [
	...outerRing.slice(iE1, iE2 + 1).map(([x, y]) => [x, y]),
	[121.4159, 31.2262], // south side, along Wanhangdu Rd (estimated)
	[121.415, 31.2251],
	[121.411, 31.2243],
	[121.4098, 31.2246]
];
// pull 12 m inside the outline so the campus sits on land
const ecupl = turf.buffer(turf.polygon([[...ecuplRing, ecuplRing[0]]]), -0.012, { units: 'kilometers' });
const ecuplCoords = turf.truncate(turf.simplify(ecupl, { tolerance: 0.00002 }), { precision: 6 }).geometry.coordinates[0];
const parkRing = [
	[121.4111, 31.21998], // Changning Rd at Zhongshan Park station
	[121.41366, 31.22036],
	[121.4161, 31.22092], // Changning Rd
	[121.41685, 31.22095], // Changning Rd x Wanhangdu Rd (inside corner)
	[121.41705, 31.2232], // along Wanhangdu Rd
	[121.4162, 31.2241],
	[121.4144, 31.2245], // north side, south of ECUPL
	[121.411, 31.2238],
	[121.40935, 31.22345] // on the metro 3/4 viaduct
];
const suzhou = [
	F(L3, 'suzhou-creek-waterfront', 'waterfront', ls(creek), {
		name: bi('Suzhou Creek waterfront (Changning bank)', '苏州河长宁段滨水岸线'),
		summary: bi(
			'The Changning side of Suzhou Creek, opened up as a continuous public riverside path with parks, campus frontage and piers along the way.',
			'苏州河长宁一侧的岸线，已贯通为连续的公共滨水步道，沿途串联公园、校园和码头。'
		),
		accuracy: acc(
			'approximate',
			60,
			'Traced from the district\'s northern boundary (DataV.GeoAtlas outline converted to WGS84), which follows the creek. It marks the district edge, i.e. roughly mid-channel, not the walkway itself; a short stretch east of the ECUPL campus, near the north end of Jiangsu Rd, follows a road rather than the water.',
			'取自沿苏州河的区界北缘（DataV.GeoAtlas区界，已转换为WGS84），表示的是区界（大致为河道中线）而非步道本身；华东政法大学校园以东、江苏路北端附近有一小段区界沿道路而非水面。'
		),
		source: B
	}),
	F(L3, 'zhongshan-park', 'park', poly(parkRing), {
		name: bi('Zhongshan Park', '中山公园'),
		summary: bi(
			'A park of more than a hundred years, first laid out as an English-style landscape garden, now being opened up towards the surrounding streets; its Gate 1 area was fully opened to the street in the first half of 2023.',
			'已有百余年历史、最初按英式风景园布局的公园，目前正向周边街道开放融合；2023年上半年，1号门区域已全面开放。'
		),
		facts: [fact('Gate 1 area opened', '1号门区域开放', 100, '%', 'H1 2023', 'exactly')],
		address: bi('780 Changning Road, Changning', '长宁区长宁路780号'),
		accuracy: acc(
			'approximate',
			120,
			'Hand-drawn: west edge on the metro 3/4 viaduct, south edge on Changning Rd (metro 2 alignment) from Zhongshan Park station to Dingxi Rd, east edge along Wanhangdu Rd (geodata/streets.geojson), north edge against the ECUPL campus. About 0.2 km², in line with its commonly reported size; edges within about 120 m.',
			'手工绘制：西以地铁3/4号线高架为界，南沿长宁路（参照地铁2号线）自中山公园站至定西路，东沿万航渡路（geodata/streets.geojson），北邻华东政法大学校园。面积约0.2平方公里，与通常记载的规模相符；边线误差约120米以内。'
		)
	}),
	F(L3, 'ecupl-changning-campus', 'campus', { type: 'Polygon', coordinates: [ecuplCoords] }, {
		name: bi('East China University of Political Science and Law – Changning campus', '华东政法大学长宁校区'),
		summary: bi(
			'The historic campus of the former St. John\'s University inside a loop of Suzhou Creek, whose riverside has been opened to the public as part of the creek walk.',
			'位于苏州河河湾内的原圣约翰大学历史校园，其沿河段已作为苏州河步道的一部分向公众开放。'
		),
		address: bi('1575 Wanhangdu Road, Changning', '长宁区万航渡路1575号'),
		accuracy: acc(
			'approximate',
			100,
			'The creek-bend lobe of the district outline north of Zhongshan Park, pulled 12 m inland and closed along the Wanhangdu Rd side. The campus\'s exact southern edge was not surveyed.',
			'取中山公园以北区界上的河湾凸出部分，向内收12米，并沿万航渡路一侧闭合；校园南缘未经实测。'
		)
	}),
	F(L3, 'suzhou-creek-cruise-terminal', 'terminal', pt(121.4118, 31.2262), {
		name: bi('Suzhou Creek cruise terminal (Changning section)', '苏州河游船码头（长宁段）'),
		summary: bi(
			'A pier for the Suzhou Creek sightseeing boats on the Changning bank, which went into service in the first half of 2023.',
			'苏州河长宁岸段的观光游船码头，于2023年上半年投入使用。'
		),
		facts: [fact('Terminal in service', '码头投入运营', 1, 'terminal', 'H1 2023', 'exactly')],
		accuracy: acc(
			'uncertain',
			800,
			'The briefing does not say where the terminal is. It is shown on the creek bank beside Zhongshan Park and the ECUPL campus, where a pier named after the park is believed to be; this is not verified.',
			'发布会未说明码头位置。图中放在中山公园与华东政法大学校园旁的河岸（据信有以公园命名的码头），未经核实。'
		)
	})
];
write('suzhou-creek', suzhou);

// ============ historic-streets ============
const L4 = 'historic-streets';
// Street lines copied from geodata/streets.geojson (digitised by the streets task), clipped to the district
const inDistrict = (p) => turf.booleanPointInPolygon(p, districtFeature);
const streetLine = (zh) => st(zh).filter(inDistrict);
const stAcc = (zh) => street(zh).properties.accuracy_m;
const yuyuanLine = streetLine('愚园路');
const wuyiLine = streetLine('武夷路');
const xinhuaLine = streetLine('新华路');
const panyuLine = streetLine('番禺路');
const streetAcc = (en, zh, m = 150) =>
	acc(
		'approximate',
		m,
		`${en} The line is copied from the digitised street in geodata/streets.geojson (hand-placed on metro and elevated-road anchors, not a survey); its stated accuracy is used here.`,
		`${zh}线形取自 geodata/streets.geojson 中的数字化道路（依地铁及高架锚点手工绘制，非实测），精度沿用其标注值。`
	);
const historic = [
	F(L4, 'art-yuyuan', 'historic-street', ls(yuyuanLine), {
		name: bi('Art Yuyuan (Yuyuan Road)', '艺术愚园（愚园路）'),
		summary: bi(
			'The Changning stretch of Yuyuan Road, a lane-house and garden-villa street being reshaped into an art-themed neighbourhood; it is on the national list of tourism and leisure districts.',
			'愚园路长宁段，沿线多新式里弄和花园洋房，正打造为以艺术为主题的街区，已入选国家级旅游休闲街区。'
		),
		facts: [fact('National tourism and leisure district', '国家级旅游休闲街区', 2, 'batch (national list)', 'as of Aug 2023', 'exactly')],
		address: bi('Yuyuan Road, Changning section', '愚园路长宁段'),
		accuracy: streetAcc(
			'The Changning section, from Dingxi Rd east past Jiangsu Rd to the Jing\'an boundary.',
			'长宁段，自定西路向东经江苏路至静安区界。',
			stAcc('愚园路')
		)
	}),
	F(L4, 'humanities-xinhua', 'historic-street', ls(xinhuaLine), {
		name: bi('Humanities Xinhua (Xinhua Road)', '人文新华（新华路）'),
		summary: bi(
			'Xinhua Road, a tree-lined street of historic villas and lane neighbourhoods being upgraded as a culture-and-community street.',
			'新华路两侧多历史洋房与里弄社区，林荫成行，正提升为人文社区街区。'
		),
		address: bi('Xinhua Road, Changning', '长宁区新华路'),
		accuracy: streetAcc(
			'Between Yan\'an West Rd and Hongqiao Rd, from the Panyu Rd end west towards Zhongshan West Rd.',
			'位于延安西路与虹桥路之间，自番禺路一端向西至中山西路附近。',
			stAcc('新华路')
		)
	}),
	F(L4, 'elegant-wuyi', 'historic-street', ls(wuyiLine), {
		name: bi('Elegant Wuyi (Wuyi Road)', '雅致武夷（武夷路）'),
		summary: bi(
			'Wuyi Road, a quiet street of garden houses and small shops being refined into a walkable neighbourhood; it is on the Shanghai list of municipal tourism and leisure districts.',
			'武夷路沿线多花园住宅与小店，正营造为宜步行的精致街区，已入选上海市级旅游休闲街区。'
		),
		facts: [fact('Municipal tourism and leisure district', '市级旅游休闲街区', 2, 'batch (Shanghai list)', 'as of Aug 2023', 'exactly')],
		address: bi('Wuyi Road, Changning', '长宁区武夷路'),
		accuracy: streetAcc(
			'Between Changning Rd and Yan\'an West Rd, from near Jiangsu Rd west to Kaixuan Rd.',
			'位于长宁路与延安西路之间，自江苏路附近向西至凯旋路。',
			stAcc('武夷路')
		)
	}),
	F(L4, 'walking-in-panyu', 'historic-street', ls(panyuLine), {
		name: bi('Walking in Panyu (Panyu Road)', '漫步番禺（番禺路）'),
		summary: bi(
			'Panyu Road, running south from Yan\'an West Road past Columbia Circle, being redesigned for strolling with small shops and street frontage.',
			'番禺路自延安西路向南经过上生·新所，正改造为适合漫步、小店林立的街道。'
		),
		address: bi('Panyu Road, Changning', '长宁区番禺路'),
		accuracy: streetAcc(
			'From Yan\'an West Rd south towards Hongqiao Rd, along the east side of Columbia Circle.',
			'自延安西路向南至虹桥路方向，沿上生·新所东侧。',
			stAcc('番禺路')
		)
	})
];
write('historic-streets', historic);

// ============ district ============
const L5 = 'district';
write('district', [
	F(L5, 'changning-district', 'district', districtGeom, {
		name: bi('Changning District', '长宁区'),
		summary: bi(
			'Shanghai\'s only downtown district inside the Hongqiao International Opening-up Hub, stretching from Jing\'an in the east to Hongqiao Airport in the west. It promotes low-carbon buildings through the CN100 carbon-neutrality initiative for buildings and has been building a network of habitat gardens as part of its zero-waste-city work.',
			'长宁区是虹桥国际开放枢纽中唯一的中心城区，东接静安，西至虹桥机场。区内通过CN100建筑碳中和倡议机制推动低碳楼宇，并在“无废城市”建设中打造生境花园网络。'
		),
		facts: [
			fact('GDP growth, year on year', '地区生产总值同比增长', 15.3, '%', 'H1 2023', 'exactly'),
			fact('District general public budget revenue, share of annual target', '区级一般公共预算收入完成年度目标', 70, '%', 'Jan–Jul 2023', 'over'),
			fact('"3+3" key industries, share of tax revenue', '“3+3”重点产业税收占比', 70, '%', 'Jan–Jul 2023', 'about'),
			fact('Digital economy enterprises', '数字经济企业', 6100, 'companies', 'Jan–Jul 2023', 'over'),
			fact('Digital economy, share of district tax revenue', '数字经济税收占全区比重', 54.9, '%', 'Jan–Jul 2023', 'exactly'),
			fact('E-commerce platforms with transaction value over 100 million yuan', '交易额超亿元的电商平台', 26, 'platforms', 'as of Aug 2023', 'exactly'),
			fact('Software and information services revenue growth', '软件和信息服务业营收增长', 58.9, '%', 'H1 2023', 'exactly'),
			fact('Tax per unit floor area, key commercial buildings', '重点商务楼宇单位面积税收', 9000, 'yuan/m²', 'as of Aug 2023', 'about'),
			fact('Old separate housing renovated', '完成旧住房成套改造', 246000, 'm²', 'as of Aug 2023', 'exactly')
		],
		accuracy: acc(
			'approximate',
			30,
			'District outline from DataV.GeoAtlas (AMap), converted from GCJ-02 to WGS84; the source is simplified and its own accuracy is not stated.',
			'区界取自DataV.GeoAtlas（高德），已由GCJ-02转换为WGS84；原始数据经过简化，精度未注明。'
		),
		source: B
	})
]);
