import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** The online basemaps' tile hosts (tests/unit/basemap.test.ts holds this list to the catalog). */
const TILE_HOSTS = /** @type {const} */ ([
	'https://tile.openstreetmap.org',
	'https://webrd01.is.autonavi.com',
	'https://webrd02.is.autonavi.com',
	'https://webrd03.is.autonavi.com',
	'https://webrd04.is.autonavi.com'
]);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: undefined, strict: true }),
		// Prerendered pages carry this as a <meta> tag. Only same-origin code, workers, fonts and data;
		// SvelteKit's own bootstrap script is allowed by hash, never by 'unsafe-inline'. The tile hosts
		// are the online basemaps' (src/lib/map/online-basemaps.ts), fetched only once the user picks
		// one (AMap's are fetched, not loaded as images: their tiles are warped from GCJ-02 to WGS84).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'worker-src': ['self'],
				'connect-src': ['self', ...TILE_HOSTS],
				'font-src': ['self'],
				'img-src': ['self', 'data:', 'blob:', ...TILE_HOSTS],
				'style-src': ['self', 'unsafe-inline'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
