/**
 * The worker's logic, pure and unit-tested: the worker entry only forwards messages here.
 */
import { DEFAULT_MAX_SNAP_DISTANCE, StreetGraph, buildSnapIndex, computeIsochrone, prepareBarriers, shortestRoute, type PreparedBarriers, type SnapIndex } from '$lib/graph';
import { pointCosts, snapPoints, type SnappedPoints } from '$lib/graph/amenity-reach';
import { FULL_NETWORK_WALK, type OffStreetWalk } from '$lib/graph/off-street';
import { evaluateLifeCircle } from '$lib/geo/life-circle';
import { metresPerMinute } from '$lib/geo/walking';
import type { AmenityCollection } from '$lib/data/amenities';
import { computeCoverage, coverageAt as nearestFrom, type CoverageField } from '$lib/graph/coverage';
import { prepareCoverageArea, type CoverageArea } from '$lib/graph/coverage-area';
import { coverageField, snapSources, type CoverageSources } from '$lib/graph/coverage-search';
import { coverageStandard, defaultCoverageBands, thresholdMetres, userCoverageStandard, type CoverageStandard } from '$lib/geo/coverage-standard';
import { DEFAULT_USER_THRESHOLD_MINUTES, evaluateUserCategory, isUserCategory, isUserThreshold, userCategoryId, userLayerIdOf, type UserSource } from '$lib/geo/user-category';
import type { AmenityProperties } from '$lib/data/amenities';
import { explainReach } from '$lib/graph/why-not';
import { computeMultiIsochrone } from '$lib/graph/isochrone-merge';
import { avoidedEdges, kindsMask, type StreetKind } from '$lib/graph/street-kinds';
import type { IsochroneOptions, IsochroneResult } from '$lib/graph';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { BandProperties } from '$lib/graph';
import type { AvoidedStreets, CompareReply, CoverageAtParams, CoverageAtReply, CoverageParams, CoverageReply, GraphSummary, InitParams, IsochroneParams, IsochroneReply, LifeCircleBandProperties, RequestName, Requests, RouteLeg, RouteParams, RouteReply, WhyNotParams, WhyNotReply, BuildNetworkParams, BuildNetworkReply, Progress, UserSourcesParams, UserSourcesReply } from './protocol';
import { NoStreetsError, networkFromExtract } from '$lib/osm/network';
import { OsmInputError } from '$lib/osm/types';

interface Loaded {
	/** What "init" sent besides the graph: an imported network is loaded with the same. */
	params: Omit<InitParams, 'graph'>;
	graph: StreetGraph;
	index: SnapIndex;
	barriers: PreparedBarriers | null;
	amenities: AmenityCollection;
	coverage: InitParams['coverage'];
	/** Every amenity point snapped to the streets once, for walking times to them. */
	snappedAmenities: SnappedPoints;
	/** Scratch: walking metres per amenity. */
	amenityMetres: Float64Array;
	walk: OffStreetWalk;
	/** The coverage figures' district, as sent (prepared on first use). */
	areaInput: InitParams['area'];
	/** Per category, snapped once on first use: its amenities and their points on the streets. */
	categories: Map<string, { amenities: AmenityProperties[]; sources: CoverageSources }>;
	/** The district prepared on the coverage grid (first use), or null without `area`. */
	area: CoverageArea | null | undefined;
	/** The last walk per category (metres do not depend on the speed), for point queries. */
	fields: Map<string, CoverageField>;
	/** Kind mask per source feature, or null when the data cannot tell (graph/street-kinds.ts). */
	wayKinds: Uint8Array | null;
	/** Per kind mask, the edges avoided and their length, made on first use. */
	avoidMasks: Map<number, { edges: Uint8Array | null; km: number }>;
	/** Per user source id: its points snapped to this graph (first use), for the checklist. */
	userSnapped: Map<string, SnappedPoints>;
}

/** Each band with the straight-line circle of its walking distance, once, for every reader of the reply. */
function withCircles(
	features: readonly { type: 'Feature'; properties: BandProperties; geometry: Polygon | MultiPolygon }[],
	perMinute: number
): FeatureCollection<Polygon | MultiPolygon, LifeCircleBandProperties> {
	return {
		type: 'FeatureCollection',
		features: features.map((band) => {
			const radius = band.properties.minutes * perMinute;
			const circle_m2 = Math.PI * radius * radius;
			const properties: LifeCircleBandProperties = { ...band.properties, circle_m2, circle_ratio: band.properties.area_m2 / circle_m2 };
			return { ...band, properties };
		})
	};
}

/** `report` is for long requests (buildNetwork): the worker entry posts each as a progress message. */
export type Handlers = { [K in RequestName]: (params: Requests[K][0], report?: (progress: Progress) => void) => Requests[K][1] };

export function createHandlers(now: () => number = () => performance.now()): Handlers {
	let loaded: Loaded | null = null;
	/** The user's point layers for analysis (setUserSources); they outlive a new graph. */
	let userSources: UserSource[] = [];

	function init(params: InitParams): GraphSummary {
		const started = now();
		const { graph: buffer, ...rest } = params;
		const graph = StreetGraph.fromBuffer(buffer);
		load(graph, rest);
		return { nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, loadMs: now() - started };
	}

	/** Walk on `graph` from now on, with the amenities, water and district of `params`. */
	function load(graph: StreetGraph, params: Omit<InitParams, 'graph'>): void {
		const index = buildSnapIndex(graph);
		const barriers = params.barriers ? prepareBarriers(graph.projection, params.barriers) : null;
		const points = params.amenities.features.map((f) =>
			f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates
		);
		const walk = params.walk ?? FULL_NETWORK_WALK;
		// An amenity counts as reachable when the off-street walk reaches it, so snap at least that far.
		const snappedAmenities = snapPoints(graph, index, points, Math.max(DEFAULT_MAX_SNAP_DISTANCE, walk.maxMetres));
		loaded = {
			params,
			graph,
			index,
			barriers,
			amenities: params.amenities,
			coverage: params.coverage,
			snappedAmenities,
			amenityMetres: new Float64Array(points.length),
			walk,
			areaInput: params.area ?? null,
			categories: new Map(),
			area: undefined,
			fields: new Map(),
			wayKinds: params.wayKinds && params.wayKinds.length === graph.wayCount ? params.wayKinds : null,
			avoidMasks: new Map(),
			userSnapped: new Map()
		};
	}

	/**
	 * Walk on an OSM extract's streets instead (the bundled amenities, water and district stay). A
	 * file that cannot be used is an answer (`bad-file`), and the network stays as it was.
	 */
	function buildNetwork(params: BuildNetworkParams, report: (progress: Progress) => void = () => {}): BuildNetworkReply {
		if (!loaded) throw new Error('buildNetwork: the street graph is not loaded yet (send "init" first)');
		let built: ReturnType<typeof networkFromExtract>;
		try {
			built = networkFromExtract(params.name, new Uint8Array(params.bytes), report);
		} catch (error) {
			if (error instanceof OsmInputError) return { ok: false, reason: error instanceof NoStreetsError ? 'no-streets' : 'bad-file', message: error.message };
			throw error;
		}
		report({ stage: 'amenities' });
		// An extract is a full network (footways included): its off-street walk is the full-network one.
		// The bundled streets' kinds describe the bundled ways only: on the extract, profiles walk every street.
		load(built.graph, { ...loaded.params, walk: FULL_NETWORK_WALK, wayKinds: null });
		return { ok: true, summary: built.summary };
	}

	/** The edges a profile keeps off, and how many km of street; null (walk everything) when it avoids nothing or the data cannot tell. */
	function avoidance(l: Loaded, kinds: readonly StreetKind[] | undefined): { edges: Uint8Array | null; avoided: AvoidedStreets | undefined } {
		if (!kinds || kinds.length === 0) return { edges: null, avoided: undefined };
		if (!l.wayKinds) return { edges: null, avoided: null };
		const mask = kindsMask(kinds);
		let entry = l.avoidMasks.get(mask);
		if (!entry) {
			const edges = avoidedEdges(l.graph, l.wayKinds, mask);
			let metres = 0;
			// each segment is two directed edges
			if (edges) for (let e = 0; e < edges.length; e++) if (edges[e] !== 0) metres += l.graph.lengths[e] / 2;
			entry = { edges, km: metres / 1000 };
			l.avoidMasks.set(mask, entry);
		}
		return { edges: entry.edges, avoided: { kinds: [...kinds], km: entry.km } };
	}

	/** One origin's reply from the engine's result; `amenityMinutes` receives the walk to each amenity. */
	function replyOf(l: Loaded, result: IsochroneResult, amenityMinutes?: Float64Array): IsochroneReply {
		if (!result.ok) {
			return {
				ok: false,
				reason: result.reason,
				message: result.message,
				radius: DEFAULT_MAX_SNAP_DISTANCE,
				nearestDistance: Number.isFinite(result.nearestDistance) ? result.nearestDistance : undefined
			};
		}
		const perMinute = metresPerMinute(result.speedKmh);
		const bands = withCircles(result.bands.features, perMinute);
		const metres = pointCosts(l.snappedAmenities, result.snapped, result.reached, l.walk.detour, l.amenityMetres);
		const minutes = Array.from(metres, (m) => m / perMinute);
		if (amenityMinutes) amenityMinutes.set(minutes);
		return {
			ok: true,
			origin: result.origin,
			snapped: { point: result.snapped.point, distance: result.snapped.distance },
			minutes: result.minutes,
			speedKmh: result.speedKmh,
			bands,
			reachedStreets: result.reachedStreets,
			checklist: withUserRows(evaluateLifeCircle(bands, l.amenities, l.coverage, minutes), l, result, perMinute),
			timings: result.timings
		};
	}

	function isochrone(params: IsochroneParams): IsochroneReply {
		if (!loaded) throw new Error('isochrone: the street graph is not loaded yet (send "init" first)');
		const l = loaded;
		const { edges, avoided } = avoidance(l, params.avoid);
		const options: Omit<IsochroneOptions, 'origin'> & { minutes: number[] } = {
			minutes: params.minutes,
			speedKmh: params.speedKmh,
			barriers: l.barriers,
			includeStreets: params.includeStreets,
			// the amenities' off-street walk is charged the same way (graph/amenity-reach.ts)
			offStreetDetour: l.walk.detour,
			maxOffStreet: l.walk.maxMetres,
			avoidEdges: edges
		};
		const others = params.others ?? [];
		let reply: IsochroneReply;
		if (others.length === 0) {
			reply = replyOf(l, computeIsochrone(l.graph, l.index, { ...options, origin: params.origin }));
		} else {
			const multi = computeMultiIsochrone(l.graph, l.index, [params.origin, ...others], options);
			const count = l.snappedAmenities.ownerCount;
			const nearest = new Float64Array(count).fill(Infinity);
			const each = new Float64Array(count);
			const replies = multi.parts.map((part) => {
				const r = replyOf(l, part, each);
				if (r.ok) for (let k = 0; k < count; k++) if (each[k] < nearest[k]) nearest[k] = each[k];
				return r;
			});
			reply = replies[0];
			if (reply.ok) {
				const bands = multi.merged ? withCircles(multi.merged.bands, metresPerMinute(reply.speedKmh)) : null;
				reply.others = replies.slice(1);
				reply.merged = bands ? { bands, checklist: evaluateLifeCircle(bands, l.amenities, l.coverage, Array.from(nearest)) } : null;
			}
		}
		if (!reply.ok) return reply;
		if (avoided !== undefined) reply.avoided = avoided;
		if (params.compare) reply.compare = compareFrom(l, params, options);
		return reply;
	}

	/** The same origin with the second profile: its bands only. */
	function compareFrom(l: Loaded, params: IsochroneParams, options: Omit<IsochroneOptions, 'origin'>): CompareReply {
		const compare = params.compare!;
		const { edges, avoided } = avoidance(l, compare.avoid);
		const result = computeIsochrone(l.graph, l.index, {
			...options,
			origin: params.origin,
			speedKmh: compare.speedKmh,
			includeStreets: false,
			avoidEdges: edges
		});
		if (!result.ok) return { ok: false };
		return { ok: true, speedKmh: result.speedKmh, ...(avoided !== undefined ? { avoided } : {}), bands: withCircles(result.bands.features, metresPerMinute(result.speedKmh)) };
	}

	/** A user source snapped like the amenities (once per graph). */
	function userSnappedOf(l: Loaded, source: UserSource): SnappedPoints {
		let snapped = l.userSnapped.get(source.id);
		if (!snapped) {
			snapped = snapPoints(l.graph, l.index, source.points.map((p) => [p]), Math.max(DEFAULT_MAX_SNAP_DISTANCE, l.walk.maxMetres));
			l.userSnapped.set(source.id, snapped);
		}
		return snapped;
	}

	/** The checklist with a row per user source (unchanged without any). */
	function withUserRows(
		checklist: ReturnType<typeof evaluateLifeCircle>,
		l: Loaded,
		result: Extract<ReturnType<typeof computeIsochrone>, { ok: true }>,
		perMinute: number
	): ReturnType<typeof evaluateLifeCircle> {
		if (userSources.length === 0) return checklist;
		const user = userSources.map((source) => {
			const metres = pointCosts(userSnappedOf(l, source), result.snapped, result.reached, l.walk.detour, new Float64Array(source.points.length));
			return evaluateUserCategory(source, result.minutes, Array.from(metres, (m) => m / perMinute));
		});
		return { ...checklist, user };
	}

	/** Replace the user's point layers; their cached walks are dropped. */
	function setUserSources(params: UserSourcesParams): UserSourcesReply {
		userSources = params.sources.map((s) => ({ id: s.id, name: s.name, points: s.points, labels: s.labels }));
		if (loaded) {
			loaded.userSnapped.clear();
			for (const key of [...loaded.categories.keys()]) if (isUserCategory(key)) loaded.categories.delete(key);
			for (const key of [...loaded.fields.keys()]) if (isUserCategory(key)) loaded.fields.delete(key);
		}
		return {
			sources: userSources.map((s) => ({
				id: s.id,
				count: s.points.length,
				snapped: loaded ? new Set(category(loaded, userCategoryId(s.id)).sources.owner).size : 0
			}))
		};
	}

	/** A category's standard: the Shanghai one, or for a user category the user's threshold. */
	function standardOf(category: string, thresholdMinutes: number | undefined): CoverageStandard {
		if (!isUserCategory(category)) return coverageStandard(category);
		if (!userSources.some((s) => s.id === userLayerIdOf(category))) throw new Error(`coverage: no user layer "${category}" is in use`);
		return userCoverageStandard(category, isUserThreshold(thresholdMinutes) ? thresholdMinutes : DEFAULT_USER_THRESHOLD_MINUTES);
	}

	/** The walk along the streets for each leg of a measured path; a leg without one says why. */
	function route(params: RouteParams): RouteReply {
		if (!loaded) throw new Error('route: the street graph is not loaded yet (send "init" first)');
		const { graph, index } = loaded;
		const legs: RouteLeg[] = [];
		const unsnapped = new Map<number, number | undefined>();
		for (let i = 1; i < params.points.length; i++) {
			const leg = shortestRoute(graph, index, params.points[i - 1], params.points[i]);
			if (leg.ok) legs.push({ ok: true, coordinates: leg.coordinates, metres: leg.metres });
			else if (leg.reason === 'no-route') legs.push({ ok: false, reason: 'no-route' });
			else {
				legs.push({ ok: false, reason: 'no-walkable-street' });
				for (const [end, at] of [[leg.from, i - 1], [leg.to, i]] as const) {
					if (!end.ok) unsnapped.set(at, Number.isFinite(end.nearestDistance) ? end.nearestDistance : undefined);
				}
			}
		}
		return {
			legs,
			unsnapped: [...unsnapped].sort(([a], [b]) => a - b).map(([index, nearestDistance]) => (nearestDistance === undefined ? { index } : { index, nearestDistance })),
			radius: DEFAULT_MAX_SNAP_DISTANCE
		};
	}

	/** A category's amenities, snapped like isochrone origins (once per category). */
	function category(l: Loaded, id: string): { amenities: AmenityProperties[]; sources: CoverageSources } {
		let c = l.categories.get(id);
		if (!c && isUserCategory(id)) {
			const source = userSources.find((s) => s.id === userLayerIdOf(id));
			const points = source?.points ?? [];
			const amenities = points.map((_, i): AmenityProperties => {
				const label = source!.labels[i] || `#${i + 1}`;
				return { id: `${source!.id}:${i}`, category: id, name_en: label, name_zh: label, source: 'user' };
			});
			c = { amenities, sources: snapSources(l.graph, l.index, points.map((p) => [p])) };
			l.categories.set(id, c);
		}
		if (!c) {
			const features = l.amenities.features.filter((f) => f.properties.category === id);
			const points = features.map((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates));
			c = { amenities: features.map((f) => f.properties), sources: snapSources(l.graph, l.index, points) };
			l.categories.set(id, c);
		}
		return c;
	}

	function areaOf(l: Loaded): CoverageArea | null {
		if (l.area === undefined) {
			l.area = l.areaInput ? prepareCoverageArea(l.graph, l.areaInput, { maxOffStreet: l.walk.maxMetres }) : null;
		}
		return l.area;
	}

	/** Minutes to the nearest amenity of a category over the whole district, and its figures. */
	function coverage(params: CoverageParams): CoverageReply {
		if (!loaded) throw new Error('coverage: the street graph is not loaded yet (send "init" first)');
		const standard = standardOf(params.category, params.thresholdMinutes);
		const { amenities, sources } = category(loaded, params.category);
		if (sources.owner.length === 0) {
			return {
				ok: false,
				reason: 'no-amenities',
				category: params.category,
				message: `No ${params.category} ${isUserCategory(params.category) ? 'point' : 'amenity in the data'} is within reach of a street`
			};
		}
		const metres = thresholdMetres(standard.threshold, params.speedKmh);
		const perMinute = metresPerMinute(params.speedKmh);
		const result = computeCoverage(loaded.graph, sources, {
			minutes: params.minutes ?? defaultCoverageBands(standard.threshold, params.speedKmh),
			speedKmh: params.speedKmh,
			barriers: loaded.barriers,
			includeStreets: params.includeStreets ?? true,
			offStreetDetour: loaded.walk.detour,
			maxOffStreet: loaded.walk.maxMetres,
			area: areaOf(loaded),
			threshold: metres
		});
		loaded.fields.set(params.category, result.field);
		const ids = amenities.map((a) => a.id);
		return {
			ok: true,
			category: params.category,
			speedKmh: result.speedKmh,
			minutes: result.minutes,
			standard,
			threshold: {
				innerRingMetres: metres.innerRing,
				elsewhereMetres: metres.elsewhere,
				innerRingMinutes: metres.innerRing / perMinute,
				elsewhereMinutes: metres.elsewhere / perMinute
			},
			// A user layer is as complete as its file: the user vouches for it.
			completeness: isUserCategory(params.category) ? 'complete' : (loaded.coverage[params.category] ?? 'none'),
			amenities: { count: amenities.length, snapped: new Set(sources.owner).size },
			bands: result.bands,
			within: result.standard,
			streets: {
				type: 'FeatureCollection',
				features: result.streets.features.map((f) => ({
					...f,
					properties: { minutes: f.properties.minutes, band: f.properties.band, source: f.properties.source >= 0 ? ids[f.properties.source] : null }
				}))
			},
			figures: result.figures,
			timings: result.timings
		};
	}

	/** "Nearest X from here": the walk of the category's last coverage (or a fresh one), at the point. */
	function coverageAt(params: CoverageAtParams): CoverageAtReply {
		if (!loaded) throw new Error('coverageAt: the street graph is not loaded yet (send "init" first)');
		standardOf(params.category, params.thresholdMinutes); // an unknown category is an error, not "no amenities"
		const perMinute = metresPerMinute(params.speedKmh);
		const { amenities, sources } = category(loaded, params.category);
		if (sources.owner.length === 0) return { ok: false, reason: 'no-amenities', category: params.category };
		let field = loaded.fields.get(params.category);
		if (!field) loaded.fields.set(params.category, (field = coverageField(sources)));
		const at = nearestFrom(loaded.graph, loaded.index, field, params.point, { detour: loaded.walk.detour });
		if (!at.ok) {
			if (at.reason === 'unreachable') return { ok: false, reason: 'unreachable', category: params.category };
			return {
				ok: false,
				reason: 'no-walkable-street',
				radius: DEFAULT_MAX_SNAP_DISTANCE,
				nearestDistance: Number.isFinite(at.nearestDistance) ? at.nearestDistance : undefined
			};
		}
		const a = amenities[at.owner];
		return {
			ok: true,
			category: params.category,
			id: a.id,
			name_en: a.name_en,
			name_zh: a.name_zh,
			minutes: at.metres / perMinute,
			networkMinutes: at.networkMetres / perMinute,
			offStreetMetres: at.offStreetMetres,
			snapped: { point: at.snapped.point, distance: at.snapped.distance }
		};
	}

	/** Why a spot is (not) within the life circle: the walk to it, costed as the isochrone costs it. */
	function whyNot(params: WhyNotParams): WhyNotReply {
		if (!loaded) throw new Error('whyNot: the street graph is not loaded yet (send "init" first)');
		return explainReach(loaded.graph, loaded.index, {
			origin: params.origin,
			point: params.point,
			minutes: params.minutes,
			speedKmh: params.speedKmh,
			detour: loaded.walk.detour,
			maxOffStreet: loaded.walk.maxMetres,
			barriers: loaded.barriers,
			ways: params.ways
		});
	}

	return { init, isochrone, route, coverage, coverageAt, whyNot, setUserSources, buildNetwork };
}
