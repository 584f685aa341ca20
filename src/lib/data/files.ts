/**
 * The app's data files, as paths under the app's base URL (static/ in the source tree), written by
 * scripts/build-geodata.ts and scripts/copy-fonts.mjs. Every reader takes the path from here.
 */

/** The places: the one file the app cannot start without. */
export const PLACES_FILE = 'data/places.json';
/** Counts, the off-street walk and the amenity coverage (src/lib/data/manifest.ts). */
export const MANIFEST_FILE = 'data/manifest.json';
/** The CSR street graph the walking engine loads (src/lib/graph/street-graph.ts). */
export const GRAPH_FILE = 'data/streets.graph.bin';
/** The streets the graph was built from (its `edgeWay` indexes their features): drawn by the map, named by "why not reachable"; their kinds tell the walking profiles what to avoid. */
export const STREETS_FILE = 'data/streets.geojson';
/** Water: drawn by the map, and the barrier the walk may not cross off-street (Suzhou Creek). */
export const WATER_FILE = 'data/water.geojson';
/** The life-circle amenities: drawn by the map (clustered) and counted by the engine. */
export const AMENITY_FILE = 'data/amenities.geojson';
/**
 * What the coverage figures measure against (data/coverage-area.ts): the district outline, the land
 * that is not lived on (parks, zoo, airport) and the elevated roads (the Inner Ring). The map draws
 * the same files.
 */
export const DISTRICT_FILE = 'data/changning.geojson';
export const GREEN_FILE = 'data/green.geojson';
export const ELEVATED_FILE = 'data/elevated.geojson';
/** The style's `font-faces` table (scripts/copy-fonts.mjs). */
export const FONT_FACES_FILE = 'fonts/font-faces.json';
