/**
 * The legend of what the map shows now, read from the app state: for the on-screen legend
 * (MapLegend.svelte) and for the exported PNG's margin (SharePanel.svelte), so both say the same.
 * Not part of the first view: the legend and the share panel's PNG button load it on demand.
 */
import type { AppState } from '$lib/state/app.svelte';
import { colouredCategories, legendSections, type LegendInput, type LegendSection, type PngSheet } from '$lib/data/legend';
import { formatLength } from '$lib/state/measure.svelte';
import { LIFE_CIRCLE_CATEGORIES } from '$lib/geo/life-circle-categories';
import { coverageText } from '$lib/i18n/coverage';

/**
 * What is drawn: a life circle with a result, a measurement with a point, and (with `amenities`) the
 * amenity categories beside either.
 */
export function legendInput(app: AppState, { amenities: withAmenities = true } = {}): LegendInput {
	const result = app.lifeCircle.result;
	const lifeCircle = result?.ok ? { minutes: result.minutes, streets: result.reachedStreets.features.length > 0 } : null;
	const points = app.measure.points.length;
	const route = app.measure.route;
	const measure = points > 0 ? { points, route: route.kind === 'ready' && route.reply.legs.some((leg) => leg.ok) } : null;
	const data = app.lifeCircle.amenities;
	const amenities = withAmenities && app.visible.amenities && data ? colouredCategories(data.features) : null;
	const covered = app.mode === 'coverage' && app.coverage.result?.ok ? app.coverage.result : null;
	const coverage = covered
		? { minutes: covered.minutes, service: LIFE_CIRCLE_CATEGORIES.find((c) => c.id === covered.category)?.label[app.lang] ?? app.coverage.userCategories.find((x) => x.id === covered.category)?.name ?? covered.category }
		: null;
	return { theme: app.theme, lifeCircle, measure, coverage, amenities };
}

/**
 * The legend's sections in the UI's language; empty when no analysis is on the map. The on-screen
 * legend leaves the amenity categories out (`amenities: false`): the layer panel keys them beside
 * their toggle already, and the legend stays short over the map. The PNG, which has no layer panel,
 * keeps them.
 */
export function legendOf(app: AppState, options: { amenities?: boolean } = {}): LegendSection[] {
	return legendSections(legendInput(app, options), (key, params) => app.t(key, params), app.lang);
}

/** A calendar date as YYYY-MM-DD, in local time (the day the person exported on). */
export function isoDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * What the exported picture prints around the map: a title naming what it shows (the tool in use,
 * else the selected place, else the life circle still on the map, else the atlas), the export date,
 * the life circle's origin in WGS84 degrees, the legend and the data's dates.
 */
export function pngSheet(app: AppState, date: Date = new Date()): PngSheet {
	const result = app.lifeCircle.result;
	const circle = result?.ok ? result : null;
	const coverage = app.mode === 'coverage' && app.coverage.result?.ok ? app.coverage.result : null;
	const service = LIFE_CIRCLE_CATEGORIES.find((c) => c.id === app.coverage.category)?.label[app.lang] ?? app.coverage.userCategories.find((x) => x.id === app.coverage.category)?.name ?? app.coverage.category;
	const title =
		app.mode === 'coverage'
			? `${app.t('mode.coverage')}: ${service}`
			: app.mode === 'life-circle'
			? app.t('life.heading')
			: app.mode === 'measure'
				? app.t('measure.heading')
				: app.selected
					? app.pick(app.selected.properties.name)
					: circle
						? app.t('life.heading')
						: app.t('app.title');
	const details = [app.t('png.exported', { app: app.t('app.title'), date: isoDay(date) })];
	const origin = app.lifeCircle.origin;
	if (circle && origin) {
		// Five decimals: about a metre, finer than the data under it.
		details.push(app.t('png.origin', { lat: origin[1].toFixed(5), lon: origin[0].toFixed(5), speed: circle.speedKmh }));
	}
	if (coverage?.figures) {
		// The shares the picture shows, so it cannot travel without its figures.
		const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
		details.push(
			`${coverageText(app.lang, 'coverage.figuresCaption', { category: service })}: ` +
				`${coverageText(app.lang, 'coverage.streetShare', { covered: (coverage.figures.street.covered_m / 1000).toFixed(1), total: (coverage.figures.street.total_m / 1000).toFixed(1) })} ${pct(coverage.figures.street.share)} · ` +
				`${coverageText(app.lang, 'coverage.landShare', { covered: (coverage.figures.land.covered_m2 / 1e6).toFixed(2), total: (coverage.figures.land.total_m2 / 1e6).toFixed(2) })} ${pct(coverage.figures.land.share)}`
		);
	}
	return {
		title,
		details,
		legend: legendOf(app),
		dataDates: app.t('png.dataDates'),
		formatLength: (metres) => formatLength(metres, app.lang),
		theme: app.theme
	};
}
