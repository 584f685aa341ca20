/**
 * Where the user's own layers are kept between visits: the browser's IndexedDB, on this machine
 * only (nothing is ever sent anywhere). A layer is stored as the file's original text with what
 * the user chose (coordinate system, visibility), never as converted features: the text is what
 * the user gave, and reading it again on load keeps one path from file to map.
 */
import type { Crs, CrsDetection } from '$lib/data/import';

/** One stored layer. `crs` is the system the user chose (or accepted); `detection` the guess shown beside it. */
export interface StoredUserLayer {
	id: string;
	name: string;
	/** The file's text as read (UTF-8 or GB18030 decoded). */
	text: string;
	crs: Crs;
	visible: boolean;
	colour: string;
	/** The guess made when the file was added, so a reload does not fetch the streets to guess again. */
	detection: CrsDetection | null;
	/** Milliseconds since 1970 when added: the list's order. */
	added: number;
	/** Its points are used in the life-circle checklist and coverage (issue 11); absent in older records. */
	analysis?: boolean;
}

/** What UserLayersState needs from a store: the whole list, put one, delete one. */
export interface UserLayerStore {
	list(): Promise<StoredUserLayer[]>;
	put(layer: StoredUserLayer): Promise<void>;
	delete(id: string): Promise<void>;
}

/** A store in memory: for tests, and for a browser without IndexedDB (private windows of some browsers). */
export function memoryStore(initial: StoredUserLayer[] = []): UserLayerStore & { readonly layers: Map<string, StoredUserLayer> } {
	const layers = new Map(initial.map((layer) => [layer.id, structuredClone(layer)]));
	return {
		layers,
		list: async () => [...layers.values()].map((layer) => structuredClone(layer)).sort((a, b) => a.added - b.added),
		put: async (layer) => void layers.set(layer.id, structuredClone(layer)),
		delete: async (id) => void layers.delete(id)
	};
}

const DB_NAME = 'changning-atlas';
const STORE = 'user-layers';

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

/**
 * The IndexedDB store (database "changning-atlas", object store "user-layers", keyed by id).
 * Rejects when IndexedDB is missing or refused; the caller falls back to {@link memoryStore}.
 */
export async function openIndexedDbStore(factory: IDBFactory = indexedDB): Promise<UserLayerStore> {
	const open = factory.open(DB_NAME, 1);
	open.onupgradeneeded = () => {
		if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE, { keyPath: 'id' });
	};
	const db = await request(open);
	const transact = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
		const tx = db.transaction(STORE, mode);
		const result = await request(work(tx.objectStore(STORE)));
		// A write counts once its transaction has committed, not when its request succeeded.
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
			if (mode === 'readonly') resolve();
		});
		return result;
	};
	return {
		list: async () => ((await transact('readonly', (s) => s.getAll())) as StoredUserLayer[]).sort((a, b) => a.added - b.added),
		put: async (layer) => void (await transact('readwrite', (s) => s.put(layer))),
		delete: async (id) => void (await transact('readwrite', (s) => s.delete(id)))
	};
}
