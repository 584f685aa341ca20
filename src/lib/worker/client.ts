/**
 * The app's side of the worker protocol. Requests of one name supersede each other: while one is
 * computing, only the newest waiting request is kept and every request it replaced resolves as
 * `{ stale: true }`. Dragging an origin therefore never builds a queue, answers arrive in order,
 * and the last position dragged to is always the last one painted.
 */
import type { ParamsOf, Progress, RequestMessage, RequestName, ResponseMessage, ResultOf } from './protocol';

export type Outcome<K extends RequestName> = { stale: false; result: ResultOf<K> } | { stale: true };

interface Pending<K extends RequestName = RequestName> {
	message: RequestMessage<K>;
	transfer: Transferable[];
	resolve: (outcome: Outcome<K>) => void;
	reject: (error: Error) => void;
	/** Told each progress message of this request (only long requests send them). */
	onProgress?: (progress: Progress) => void;
}

/** The minimal worker surface the client needs; a real Worker or a test double. */
export interface WorkerLike {
	postMessage(message: unknown, transfer: Transferable[]): void;
	onmessage: ((event: MessageEvent<ResponseMessage>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	terminate(): void;
}

export class WorkerClient {
	private nextId = 1;
	private inFlight = new Map<number, Pending>();
	/** Per request name: the one request waiting for its predecessor to finish. */
	private waiting = new Map<RequestName, Pending>();
	private busy = new Set<RequestName>();
	private terminated = false;
	/**
	 * Called when the worker reports an uncaught error (its script failed to load, threw while
	 * starting, or threw outside a handler), before the outstanding requests are failed. The owner
	 * decides whether to terminate it and start another.
	 */
	onFailure: ((error: Error) => void) | null = null;

	constructor(private readonly worker: WorkerLike) {
		worker.onmessage = (event) => this.receive(event.data);
		worker.onerror = (event) => {
			// Handled here: uncancelled, the browser would re-throw it in the page as an uncaught error.
			if (typeof event.preventDefault === 'function') event.preventDefault();
			// A script that cannot load fires a plain Event, without a message.
			const error = new Error(event.message || 'the worker script could not be loaded');
			this.onFailure?.(error);
			// Fail everything outstanding and forget it, so the next request starts clean.
			this.settleAll((pending) => pending.reject(error));
		};
	}

	/**
	 * @param onProgress told of the request's progress messages, in order, until its answer
	 */
	request<K extends RequestName>(name: K, params: ParamsOf<K>, transfer: Transferable[] = [], onProgress?: (progress: Progress) => void): Promise<Outcome<K>> {
		return new Promise<Outcome<K>>((resolve, reject) => {
			if (this.terminated) {
				reject(new Error(`The worker was stopped before "${name}" could be sent`));
				return;
			}
			const pending: Pending<K> = { message: { id: this.nextId++, name, params }, transfer, resolve, reject, onProgress };
			if (!this.busy.has(name)) {
				this.send(pending as unknown as Pending);
				return;
			}
			this.waiting.get(name)?.resolve({ stale: true });
			this.waiting.set(name, pending as unknown as Pending);
		});
	}

	/** Stop the worker for good; what was outstanding resolves as stale. Safe to call twice. */
	terminate(): void {
		this.stop((pending) => pending.resolve({ stale: true }));
	}

	/**
	 * The user's Cancel: stop the worker at once, even mid-computation, and reject what was
	 * outstanding with `reason` (the caller starts a fresh worker). Safe after terminate.
	 */
	cancel(reason = 'cancelled'): void {
		this.stop((pending) => pending.reject(new Error(reason)));
	}

	private stop(settle: (pending: Pending) => void): void {
		if (this.terminated) return;
		this.terminated = true;
		this.worker.onmessage = null;
		this.worker.onerror = null;
		this.worker.terminate();
		this.settleAll(settle);
	}

	private settleAll(settle: (pending: Pending) => void): void {
		const outstanding = [...this.inFlight.values(), ...this.waiting.values()];
		this.inFlight.clear();
		this.waiting.clear();
		this.busy.clear();
		for (const pending of outstanding) settle(pending);
	}

	private send(pending: Pending): void {
		this.busy.add(pending.message.name);
		this.inFlight.set(pending.message.id, pending);
		try {
			this.worker.postMessage(pending.message, pending.transfer);
		} catch (error) {
			// e.g. a buffer that was already transferred: fail this request, not the client.
			this.inFlight.delete(pending.message.id);
			this.busy.delete(pending.message.name);
			pending.reject(error instanceof Error ? error : new Error(String(error)));
		}
	}

	private receive(response: ResponseMessage): void {
		const pending = this.inFlight.get(response.id);
		if (!pending) return;
		if ('progress' in response) {
			pending.onProgress?.(response.progress);
			return;
		}
		this.inFlight.delete(response.id);
		const name = pending.message.name;
		this.busy.delete(name);
		const next = this.waiting.get(name);
		if (next) {
			// Answers arrive in request order, so this one is still the newest computed: paint it,
			// then start the newest waiting request (the ones it replaced were resolved as stale).
			this.waiting.delete(name);
			this.send(next);
		}
		if (response.ok) pending.resolve({ stale: false, result: response.result as never });
		else pending.reject(new Error(response.error));
	}
}

/** Start the isochrone worker (browser only). */
export function startIsochroneWorker(): WorkerClient {
	const worker = new Worker(new URL('./isochrone.worker.ts', import.meta.url), { type: 'module' });
	return new WorkerClient(worker as unknown as WorkerLike);
}
