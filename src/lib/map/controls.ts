/**
 * MapLibre's own controls, in the UI's language: the zoom and compass buttons, the data credits
 * (compact: a button that opens them) and the scale bar.
 *
 * MapLibre words its controls from the map's `locale` table, read once when a control is made and
 * never again; there is no setter (maplibre-gl 6). So the table is given at construction for the
 * language the map starts in, and a language switch rewrites the buttons' names itself and makes the
 * credits control again with the new credits.
 */
import { AttributionControl, NavigationControl, ScaleControl, type Map as MapLibreMap } from 'maplibre-gl';
import type { Lang, StringKey } from '$lib/i18n/strings';
import { credits, type Credit } from './style';

type Translate = (key: StringKey) => string;

/** MapLibre's ids of the strings the atlas shows (see its src/ui/default_locale.ts), and our key for each. */
const UI_STRINGS = {
	'Map.Title': 'map.label',
	'NavigationControl.ZoomIn': 'map.zoomIn',
	'NavigationControl.ZoomOut': 'map.zoomOut',
	'NavigationControl.ResetBearing': 'map.resetBearing',
	'AttributionControl.ToggleAttribution': 'map.toggleAttribution'
} as const satisfies Record<string, StringKey>;
type UiString = keyof typeof UI_STRINGS;

/**
 * The buttons that carry those strings after construction, by the class names MapLibre gives them
 * (part of its stylable surface), each named by `title` and `aria-label` as MapLibre names them.
 */
const BUTTONS: readonly [selector: string, id: UiString][] = [
	['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
	['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
	['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
	['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution']
];

/**
 * The map's `locale` option: MapLibre's strings for what the atlas shows, in one language.
 *
 * @example new Map({ container, style, locale: mapLocale(app.t) });
 */
export function mapLocale(t: Translate): Record<UiString, string> {
	return Object.fromEntries(Object.entries(UI_STRINGS).map(([id, key]) => [id, t(key)])) as Record<UiString, string>;
}

/** One credit as the credits control shows it: HTML, a text in another language marked as such. */
function creditHtml(text: string, lang: Lang | undefined): string {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return lang ? `<span lang="${lang}">${escaped}</span>` : escaped;
}

/**
 * The controls of the atlas's map, made and re-worded together. Zoom and compass at the top right;
 * the credits at the bottom right, compact (the ⓘ button opens and closes them; MapLibre shows them
 * open until the first drag, and on a phone we fold them once the map has drawn: open, they took
 * ~90 px of a small map), and the scale bar above them.
 */
/** Maps at most this wide (px: the phone layout) start with their credits folded. */
const FOLD_CREDITS_MAX_WIDTH = 700;

export class MapControls {
	readonly #map: MapLibreMap;
	#lang: Lang;
	#attribution: AttributionControl | null = null;
	#scale: ScaleControl | null = null;
	/** The online basemap's credit, printed first; null with the embedded basemap. */
	#basemapCredit: Omit<Credit, 'id'> | null = null;

	/** Add the controls to a map made with {@link mapLocale} of `lang`. */
	constructor(map: MapLibreMap, lang: Lang) {
		this.#map = map;
		this.#lang = lang;
		map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
		this.#addBottomRight();
	}

	/**
	 * Word the controls in a language: the credits by making their control again (it takes its text
	 * only when made; the scale bar is made again after it, so it stays above), then every button's name.
	 */
	setLanguage(lang: Lang, t: Translate): void {
		if (lang === this.#lang) return;
		this.#lang = lang;
		this.#rebuildBottomRight();
		const container = this.#map.getContainer();
		for (const [selector, id] of BUTTONS) {
			const text = t(UI_STRINGS[id]);
			for (const button of container.querySelectorAll(selector)) {
				button.setAttribute('title', text);
				button.setAttribute('aria-label', text);
			}
		}
	}

	/** Put an online basemap's credit first (null: the embedded basemap, no extra credit). */
	setBasemapCredit(credit: Omit<Credit, 'id'> | null): void {
		if (credit?.text === this.#basemapCredit?.text) return;
		this.#basemapCredit = credit;
		this.#rebuildBottomRight();
	}

	/** Make the credits control again (it takes its text only when made), then the scale bar above it. */
	#rebuildBottomRight(): void {
		if (this.#attribution) this.#map.removeControl(this.#attribution);
		if (this.#scale) this.#map.removeControl(this.#scale);
		this.#addBottomRight();
	}

	#addBottomRight(): void {
		// One string: MapLibre sorts a list of credits by length, and ours have an order (OSM first).
		const customAttribution = [...(this.#basemapCredit ? [this.#basemapCredit] : []), ...credits(this.#lang)]
			.map((c) => creditHtml(c.text, c.lang))
			.join(' | ');
		this.#attribution = new AttributionControl({ compact: true, customAttribution });
		this.#map.addControl(this.#attribution, 'bottom-right');
		// Added after the credits, so it sits just above them instead of under the long line.
		this.#scale = new ScaleControl({ unit: 'metric', maxWidth: 140 });
		this.#map.addControl(this.#scale, 'bottom-right');
		if (this.#map.loaded()) this.#foldOnPhones();
		else this.#map.once('idle', () => this.#foldOnPhones());
	}

	/** Fold the credits to their ⓘ button on a narrow map, as MapLibre's own button does. */
	#foldOnPhones(): void {
		if (this.#map.getCanvasContainer().offsetWidth > FOLD_CREDITS_MAX_WIDTH) return;
		const credits = this.#map.getContainer().querySelector('.maplibregl-ctrl-attrib.maplibregl-compact');
		if (!credits?.classList.contains('maplibregl-compact-show')) return;
		credits.setAttribute('open', '');
		credits.classList.remove('maplibregl-compact-show');
	}
}
