/**
 * The walkable street network as a compressed-sparse-row (CSR) graph over one ArrayBuffer: one
 * import for the class, its builders and its format constants.
 *
 * Every vertex of every input LineString is a node, so every edge is a straight segment; the
 * network is undirected and each street segment is stored in both directions.
 *
 * - street-graph-buffer.ts: `StreetGraph` (read from bytes with `fromBuffer`, written with `toBuffer`)
 * - graph-layout.ts: the binary layout table, magic and version
 * - graph-check.ts: the value check `fromBuffer` runs on bytes from outside
 * - graph-build.ts: `buildStreetGraph` (GeoJSON) and `buildSyntheticGraph` (seeded grid)
 * - graph-components.ts: `connectedComponents`
 */
export { StreetGraph } from './street-graph-buffer';
export { GRAPH_FORMAT_VERSION, GRAPH_MAGIC, NO_WAY } from './graph-layout';
export {
	buildStreetGraph,
	buildSyntheticGraph,
	type BuildStreetGraphOptions,
	type SyntheticGraphOptions
} from './graph-build';
export { connectedComponents } from './graph-components';
