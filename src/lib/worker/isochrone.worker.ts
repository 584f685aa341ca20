// The isochrone worker: a thin shell over the pure handlers.
import { createHandlers } from './handlers';
import type { Progress, RequestMessage, ResponseMessage } from './protocol';

const handlers = createHandlers();

self.onmessage = (event: MessageEvent<RequestMessage>) => {
	const { id, name, params } = event.data;
	let response: ResponseMessage;
	try {
		// A long request (an OSM extract's network) says how far it got; the answer follows.
		const report = (progress: Progress) => self.postMessage({ id, progress } satisfies ResponseMessage);
		response = { id, ok: true, result: (handlers[name] as (p: unknown, r: (progress: Progress) => void) => unknown)(params, report) };
	} catch (error) {
		response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(response);
};
