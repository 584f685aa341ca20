/**
 * The user's own layers: files dropped on the map or picked, read by the pure import core
 * (src/lib/data/import), placed in WGS84 after guessing their coordinate system, and kept in the
 * browser (an injected store: IndexedDB in the app, memory in tests). Nothing here sends a byte
 * anywhere; the only request is for the app's own street file, to guess the system.
 *
 * This module is not in the first view: the page imports it when the map has drawn (to restore
 * saved layers) or when a file arrives. The import core (and gcoord) come later still, with the
 * first file, through `import()`.
 */
import type { FeatureCollection, Position } from 'geojson';
import type { Crs, CrsDetection, CrsReference, FeatureFormat, ImportProblem, OsmExtractFormat } from '$lib/data/import';
import { fetchJson } from '$lib/data/fetch';
import { memoryStore, openIndexedDbStore, type StoredUserLayer, type UserLayerStore } from './user-layer-store';
import type { UserSource } from '$lib/geo/user-category';
import type { LonLat } from '$lib/geo/lonlat';

export type { StoredUserLayer, UserLayerStore } from './user-layer-store';

/** A layer as the panel and the map see it. Collections are frozen, never deep-proxied. */
export interface UserLayer {
	id: string;
	name: string;
	format: FeatureFormat;
	/** Features read (after bad ones were left out). */
	count: number;
	/** Features per geometry type, as read. */
	geometryTypes: Partial<Record<string, number>>;
	colour: string;
	/** The guess (null: the streets could not be loaded to guess with). */
	detection: CrsDetection | null;
	/** The system the file is read in: the guess, the user's choice, or WGS84 when undetermined. */
	crs: Crs;
	visible: boolean;
	/** Warnings from reading (rows skipped, points outside China …). */
	warnings: ImportProblem[];
	/** The features converted to WGS84, for the map. */
	wgs84: FeatureCollection;
	/** [west, south, east, north] of `wgs84`, for "zoom to layer"; null when empty. */
	bounds: [number, number, number, number] | null;
	/** The features as in the file, for export into another system. */
	original: FeatureCollection;
	/** Its points are used in the life-circle checklist and coverage (only a layer with points can be). */
	analysis: boolean;
	/** Points (a MultiPoint's each) in the layer: what analysis would use. */
	pointCount: number;
}

/** What the last files brought: shown in the panel, one entry per file or problem. */
export type UserDataMessage =
	| { kind: 'added'; name: string; warnings: ImportProblem[] }
	| { kind: 'failed'; name: string; problem: ImportProblem }
	| { kind: 'osm-extract'; name: string; format: OsmExtractFormat }
	/** The browser refused to keep the layer (storage full, private window): it is there until reload. */
	| { kind: 'not-saved'; name: string; message: string };

type ImportModule = typeof import('$lib/data/import');

export interface UserLayersOptions {
	/** Opens the store (default: IndexedDB, or memory where the browser has none). */
	openStore?: () => Promise<UserLayerStore>;
	/** Prepares the reference the guess compares with (default: the app's streets and district outline). */
	loadReference?: () => Promise<CrsReference>;
	/** Where the app's files are (for the default reference). */
	assetBase?: () => string | null;
	/** The import core (default: a dynamic import, so it stays out of the first view). */
	loadImporter?: () => Promise<ImportModule>;
	/** Ids for new layers (default: crypto.randomUUID). */
	newId?: () => string;
}

/**
 * One colour per layer, in turn: strong hues that stand apart from the basemap's greys, greens and
 * blues and from the place layers' Okabe–Ito colours.
 */
export const USER_LAYER_COLOURS = ['#d7191c', '#7b3294', '#e66101', '#008837', '#c51b7d', '#5e3c99', '#b35806', '#1b7837'] as const;

const defaultImporter = () => import('$lib/data/import');

/** What {@link userLayersOf} needs of the app state: its one `userLayers` slot and the files' base URL. */
export interface UserLayersHost {
	userLayers: UserLayersState | null;
	readonly assetBase: string | null;
	/** The walking engine the layers used for analysis go to (issue 11). */
	readonly lifeCircle?: { readonly engine: { setUserSources(sources: readonly UserSource[]): void } };
}

/**
 * The app's user layers, made (and the saved ones restored) the first time they are asked for: by
 * the map's user-layer component once the map has loaded, or by the panel when a file is picked.
 * The app state holds only the slot, so none of this code is in the first view.
 */
export function userLayersOf(app: UserLayersHost): UserLayersState {
	if (!app.userLayers) {
		const layers = new UserLayersState({ assetBase: () => app.assetBase });
		app.userLayers = layers;
		const engine = app.lifeCircle?.engine;
		if (engine) layers.feed(engine);
		void layers.restore();
	}
	return app.userLayers;
}

export class UserLayersState {
	layers = $state.raw<UserLayer[]>([]);
	messages = $state.raw<UserDataMessage[]>([]);
	/** Files being read now (the panel says "Reading …"). */
	busy = $state(0);
	/** Saved layers are being read back (the first restore). */
	restoring = $state(false);
	/**
	 * The last OSM extract given (issue 11): not a layer, but it can become the walking network. Its
	 * bytes stay in memory only (not saved), until used or dismissed.
	 */
	extract = $state.raw<{ name: string; format: OsmExtractFormat; bytes: Uint8Array } | null>(null);
	/** A request for the map to frame a layer; the nonce makes a repeated request count. */
	zoomRequest = $state.raw<{ id: string; nonce: number } | null>(null);

	readonly #options: UserLayersOptions;
	#store: Promise<UserLayerStore> | null = null;
	#reference: Promise<CrsReference> | null = null;
	/** The stored records, by id (plain: what is written back on a change). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the records written back to the store; the UI reads `layers`
	#stored = new Map<string, StoredUserLayer>();

	constructor(options: UserLayersOptions = {}) {
		this.#options = options;
	}

	#openStore(): Promise<UserLayerStore> {
		this.#store ??= (this.#options.openStore ?? defaultStore)();
		return this.#store;
	}

	#importer(): Promise<ImportModule> {
		return (this.#options.loadImporter ?? defaultImporter)();
	}

	/** The reference, once; a failure is forgotten so the next file tries again. */
	#loadReference(): Promise<CrsReference> {
		this.#reference ??= (this.#options.loadReference ?? (() => appReference(this.#options.assetBase?.() ?? null, this.#importer())))().catch((error: unknown) => {
			this.#reference = null;
			throw error;
		});
		return this.#reference;
	}

	/** Read back the saved layers (once per page: the page calls it when the map has drawn). */
	async restore(): Promise<void> {
		this.restoring = true;
		try {
			const store = await this.#openStore();
			const saved = await store.list();
			if (saved.length === 0) return;
			const core = await this.#importer();
			const restored: UserLayer[] = [];
			for (const record of saved) {
				if (this.#stored.has(record.id)) continue;
				const result = core.importFile({ name: record.name, data: record.text });
				// A stored file that no longer reads (an older reader accepted it) is reported, and kept in the store.
				if (result.kind !== 'features') {
					if (result.kind === 'failed') this.#say({ kind: 'failed', name: record.name, problem: result.error });
					continue;
				}
				this.#stored.set(record.id, record);
				restored.push(toLayer(core, record, result.format, result.collection, result.stats.geometryTypes, result.warnings));
			}
			this.layers = [...this.layers, ...restored];
		} catch (error) {
			console.warn('Saved layers could not be read:', error);
		} finally {
			this.restoring = false;
		}
	}

	/** Add files (dropped or picked), one after another; each becomes a layer or a message. Never throws. */
	async addFiles(files: Iterable<File>): Promise<void> {
		for (const file of files) await this.add(file);
	}

	/** Add one file: read, guess its system, convert, save. Returns the new layer, or null (see `messages`). */
	async add(file: Blob & { name: string }): Promise<UserLayer | null> {
		this.busy++;
		try {
			const core = await this.#importer();
			if (file.size > core.DEFAULT_IMPORT_LIMITS.maxBytes) {
				this.#say({ kind: 'failed', name: file.name, problem: core.problem('too-large', { bytes: file.size, maxBytes: core.DEFAULT_IMPORT_LIMITS.maxBytes }) });
				return null;
			}
			const bytes = new Uint8Array(await file.arrayBuffer());
			const result = core.importFile({ name: file.name, data: bytes });
			if (result.kind === 'failed') {
				this.#say({ kind: 'failed', name: file.name, problem: result.error });
				return null;
			}
			if (result.kind === 'osm-extract') {
				this.extract = { name: file.name, format: result.format, bytes: result.bytes };
				this.#say({ kind: 'osm-extract', name: file.name, format: result.format });
				return null;
			}
			let detection: CrsDetection | null = null;
			try {
				detection = core.detectCollectionCrs(result.collection, await this.#loadReference());
			} catch (error) {
				console.warn('The streets to guess the coordinate system with could not be loaded:', error);
			}
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup
			const used = new Set(this.layers.map((l) => l.colour));
			const colour = USER_LAYER_COLOURS.find((c) => !used.has(c)) ?? USER_LAYER_COLOURS[this.layers.length % USER_LAYER_COLOURS.length];
			const record: StoredUserLayer = {
				id: this.#options.newId?.() ?? crypto.randomUUID(),
				name: file.name,
				// A file that read as features is text (the reader decoded it the same way).
				text: core.decodeText(bytes) ?? '',
				crs: detection && detection.kind !== 'undetermined' ? detection.crs : 'WGS84',
				visible: true,
				colour,
				detection,
				added: Date.now()
			};
			const layer = toLayer(core, record, result.format, result.collection, result.stats.geometryTypes, result.warnings);
			this.#stored.set(record.id, record);
			this.layers = [...this.layers, layer];
			this.#say({ kind: 'added', name: file.name, warnings: result.warnings });
			await this.#save(record);
			return layer;
		} catch (error) {
			// Reading the file itself failed (the browser could not read it): the file's problem, said as such.
			this.#say({ kind: 'failed', name: file.name, problem: { code: 'unreadable', params: { message: String((error as Error)?.message ?? error).slice(0, 200) } } });
			return null;
		} finally {
			this.busy--;
		}
	}

	/** Read a layer in another system (the user's override): converted again from the file's coordinates. */
	async setCrs(id: string, crs: Crs): Promise<void> {
		const layer = this.layers.find((l) => l.id === id);
		const record = this.#stored.get(id);
		if (!layer || !record || layer.crs === crs) return;
		const core = await this.#importer();
		const wgs84 = Object.freeze(core.convertCollection(layer.original, crs, 'WGS84'));
		this.#replace(id, { crs, wgs84, bounds: boundsOf(core, wgs84) });
		record.crs = crs;
		await this.#save(record);
	}

	async setVisible(id: string, visible: boolean): Promise<void> {
		const record = this.#stored.get(id);
		if (!record) return;
		this.#replace(id, { visible });
		record.visible = visible;
		await this.#save(record);
	}

	async remove(id: string): Promise<void> {
		if (!this.#stored.delete(id)) return;
		this.layers = this.layers.filter((l) => l.id !== id);
		try {
			await (await this.#openStore()).delete(id);
		} catch (error) {
			console.warn('A removed layer could not be deleted from the browser storage:', error);
		}
	}

	/** Use a layer's points in the checklist and coverage, or stop. A layer without points cannot be. */
	async setAnalysis(id: string, analysis: boolean): Promise<void> {
		const record = this.#stored.get(id);
		const layer = this.layers.find((l) => l.id === id);
		if (!record || !layer || (analysis && layer.pointCount === 0) || layer.analysis === analysis) return;
		this.#replace(id, { analysis });
		record.analysis = analysis;
		await this.#save(record);
	}

	/** The layers used for analysis, as the worker takes them (WGS84 points, a label each). */
	get analysisSources(): UserSource[] {
		return this.layers.filter((l) => l.analysis).map((l) => ({ id: l.id, name: l.name, ...pointsOf(l.wgs84) }));
	}

	/**
	 * Keep the engine's user sources equal to the layers used for analysis, for as long as the page
	 * lives. Sent again only when the set, or a layer's system, changes (not on show/hide).
	 */
	feed(engine: { setUserSources(sources: readonly UserSource[]): void }): () => void {
		let last = '';
		return $effect.root(() => {
			$effect(() => {
				const used = this.layers.filter((l) => l.analysis);
				const key = used.map((l) => `${l.id}/${l.crs}`).join(',');
				if (key === last) return;
				last = key;
				engine.setUserSources(this.analysisSources);
			});
		});
	}

	zoomTo(id: string): void {
		this.zoomRequest = { id, nonce: (this.zoomRequest?.nonce ?? 0) + 1 };
	}

	/** A layer as GeoJSON text in a system (its features as read, converted from the layer's system). */
	async exportGeoJson(id: string, crs: Crs): Promise<string | null> {
		const layer = this.layers.find((l) => l.id === id);
		if (!layer) return null;
		const core = await this.#importer();
		return JSON.stringify(core.convertCollection(layer.original, layer.crs, crs));
	}

	/** The extract's bytes as a buffer of their own (the worker takes it), and forget it here. */
	takeExtract(): { name: string; bytes: ArrayBuffer } | null {
		const extract = this.extract;
		if (!extract) return null;
		this.extract = null;
		return { name: extract.name, bytes: extract.bytes.slice().buffer };
	}

	dismissExtract(): void {
		this.extract = null;
	}

	dismissMessages(): void {
		this.messages = [];
	}

	#say(message: UserDataMessage): void {
		this.messages = [...this.messages, message];
	}

	#replace(id: string, change: Partial<UserLayer>): void {
		this.layers = this.layers.map((l) => (l.id === id ? { ...l, ...change } : l));
	}

	async #save(record: StoredUserLayer): Promise<void> {
		try {
			// The record is a plain object (never in $state), so it goes to the store as it is.
			await (await this.#openStore()).put(record);
		} catch (error) {
			this.#say({ kind: 'not-saved', name: record.name, message: String((error as Error)?.message ?? error).slice(0, 200) });
		}
	}
}

function toLayer(
	core: ImportModule,
	record: StoredUserLayer,
	format: FeatureFormat,
	original: FeatureCollection,
	geometryTypes: Partial<Record<string, number>>,
	warnings: ImportProblem[]
): UserLayer {
	const wgs84 = Object.freeze(core.convertCollection(original, record.crs, 'WGS84'));
	return {
		id: record.id,
		name: record.name,
		format,
		count: original.features.length,
		geometryTypes,
		colour: record.colour,
		detection: record.detection,
		crs: record.crs,
		visible: record.visible,
		warnings,
		wgs84,
		bounds: boundsOf(core, wgs84),
		original: Object.freeze(original),
		pointCount: pointsOf(wgs84).points.length,
		analysis: record.analysis === true
	};
}

/** Keys a point's label is read from, in order (CSV columns and GeoJSON/KML properties). */
const LABEL_KEYS = ['name', 'Name', 'NAME', 'name_zh', 'name_en', '名称', '名字', 'title', 'label', 'id'];

/** The points of a collection (each point of a MultiPoint) with a label each. */
function pointsOf(collection: FeatureCollection): { points: LonLat[]; labels: string[] } {
	const points: LonLat[] = [];
	const labels: string[] = [];
	for (const feature of collection.features) {
		const g = feature.geometry;
		if (!g || (g.type !== 'Point' && g.type !== 'MultiPoint')) continue;
		const props = (feature.properties ?? {}) as Record<string, unknown>;
		const key = LABEL_KEYS.find((k) => props[k] != null && String(props[k]).trim() !== '');
		const label = key ? String(props[key]).trim().slice(0, 80) : '';
		for (const p of g.type === 'Point' ? [g.coordinates] : g.coordinates) {
			if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
			points.push([p[0], p[1]]);
			labels.push(label);
		}
	}
	return { points, labels };
}

function boundsOf(core: ImportModule, collection: FeatureCollection): [number, number, number, number] | null {
	let box: [number, number, number, number] | null = null;
	for (const feature of collection.features) {
		core.eachPosition(feature.geometry, ([x, y]: Position) => {
			if (!box) box = [x, y, x, y];
			else box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
		});
	}
	return box;
}

async function defaultStore(): Promise<UserLayerStore> {
	try {
		return await openIndexedDbStore();
	} catch (error) {
		console.warn('IndexedDB is not available: added layers last until the page is reloaded.', error);
		return memoryStore();
	}
}

/** The app's own streets and district outline (already on this machine: the app's files). */
async function appReference(assetBase: string | null, importer: Promise<ImportModule>): Promise<CrsReference> {
	if (!assetBase) throw new Error('the app has no base URL yet');
	const [streets, district, core] = await Promise.all([
		fetchJson(new URL('data/streets.geojson', assetBase).href, 'data/streets.geojson'),
		fetchJson(new URL('data/changning.geojson', assetBase).href, 'data/changning.geojson').catch(() => null),
		importer
	]);
	const lines: Position[][] = [];
	for (const f of (streets as FeatureCollection).features ?? []) {
		if (f.geometry?.type === 'LineString') lines.push(f.geometry.coordinates);
		else if (f.geometry?.type === 'MultiLineString') lines.push(...f.geometry.coordinates);
	}
	const outline = (district as FeatureCollection | null)?.features?.[0]?.geometry;
	return core.createCrsReference({ streets: lines, outline: outline?.type === 'Polygon' || outline?.type === 'MultiPolygon' ? outline : null });
}
