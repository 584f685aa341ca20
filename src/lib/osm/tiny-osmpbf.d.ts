/** Types for tiny-osmpbf 0.1 (CommonJS, ships none): a sync `.osm.pbf` parser returning Overpass JSON. */
declare module 'tiny-osmpbf' {
	interface TinyOsmPbfElement {
		type: 'node' | 'way' | 'relation';
		id: number;
		lat?: number;
		lon?: number;
		nodes?: number[];
		members?: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[];
		tags?: Record<string, string>;
	}
	interface TinyOsmPbfResult {
		version: number;
		generator: string;
		bounds?: { minlat: number; minlon: number; maxlat: number; maxlon: number };
		/** Absent when a handler is passed. */
		elements?: TinyOsmPbfElement[];
	}
	function tinyOsmPbf(data: Uint8Array, handler?: (element: TinyOsmPbfElement) => void): TinyOsmPbfResult;
	export default tinyOsmPbf;
}
