// The isochrone worker: a thin shell over the pure handlers.
import { createHandlers } from './handlers';
import type { RequestMessage, ResponseMessage } from './protocol';

const handlers = createHandlers();

self.onmessage = (event: MessageEvent<RequestMessage>) => {
	const { id, name, params } = event.data;
	let response: ResponseMessage;
	try {
		response = { id, ok: true, result: (handlers[name] as (p: unknown) => unknown)(params) };
	} catch (error) {
		response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
	}
	self.postMessage(response);
};
