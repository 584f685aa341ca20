/**
 * The user's OSM extract as the walking network (issue 11): asks the engine's worker to parse and
 * build it, keeping `networkBuild` (progress), `network` (once in use) and `networkNotice` (a file
 * that cannot be used) on the engine current. Apart from the engine so the first view does not carry
 * it: only the user-data panel imports it. Cancel and "back to the bundled network" are the
 * engine's (cancelNetwork, backToBundled): they replace its worker.
 */
import { FULL_NETWORK_WALK } from '$lib/graph/off-street';
import type { WalkingEngine } from './engine.svelte';

/**
 * Walk on an OSM extract's streets instead of the bundled network. Starts the engine if need be.
 * Never throws: the outcome is on the engine.
 *
 * @param engine the app's walking engine
 * @param assetBase the app's base URL (to start the engine)
 * @param name the file's name
 * @param bytes the whole file; transferred to the worker (unusable here afterwards)
 */
export async function useNetwork(engine: WalkingEngine, assetBase: string, name: string, bytes: ArrayBuffer): Promise<void> {
	const build = ++engine.networkBuilds;
	const current = () => build === engine.networkBuilds && engine.networkBuild !== null;
	engine.networkNotice = null;
	engine.networkBuild = { name, progress: null };
	if (!engine.client) {
		engine.start(assetBase);
		// Ready, or given up (its status says why).
		for (let i = 0; i < 600 && (engine.status.kind === 'loading' || engine.status.kind === 'retrying'); i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	const client = engine.client;
	if (!current()) return;
	if (!client) {
		engine.networkBuild = null;
		engine.networkNotice = { kind: 'failed', name, reason: 'engine', message: 'the walking engine could not start' };
		return;
	}
	try {
		const outcome = await client.request('buildNetwork', { name, bytes }, [bytes], (progress) => {
			if (current()) engine.networkBuild = { name, progress };
		});
		if (outcome.stale || !current()) return;
		if (outcome.result.ok) {
			engine.network = outcome.result.summary;
			// An extract is a full network: the notes about a roads-only network no longer apply.
			if (engine.data) engine.data = { ...engine.data, walk: FULL_NETWORK_WALK, network: 'full-osm' };
		} else engine.networkNotice = { kind: 'failed', name, reason: outcome.result.reason, message: outcome.result.message };
	} catch (error) {
		// A cancel rejects the request, but it is no longer current: its notice is set already.
		if (current()) engine.networkNotice = { kind: 'failed', name, reason: 'engine', message: (error as Error).message };
	} finally {
		if (current()) engine.networkBuild = null;
	}
}
