/**
 * Copies the woff2 font files the map style draws labels with from @fontsource packages into
 * static/fonts/, and writes the style's `font-faces` table (with each file's unicode-range taken
 * from the package's own CSS) to static/fonts/font-faces.json, which the app fetches at start.
 * Why: the app must render Chinese and Latin labels with no glyph server and no network.
 *
 * Run: `npx tsx scripts/copy-fonts.ts` (part of `npm run prepare:assets`).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'static', 'fonts');

/** One fontsource CSS file to take faces from; `subsets` keeps only the files of those subsets. */
interface FontSource {
	pkg: string;
	css: string;
	subsets?: string[];
}

/** An entry of MapLibre's `font-faces` style property. */
interface FontFace {
	url: string;
	'unicode-range'?: string[];
}

/** Font names used in `text-font`, each built from a list of fontsource CSS files. */
const FONTS: Record<string, FontSource[]> = {
	'Noto Sans Regular': [
		{ pkg: '@fontsource/noto-sans', css: '400.css', subsets: ['latin', 'latin-ext'] },
		{ pkg: '@fontsource/noto-sans-sc', css: '400.css' }
	],
	// Latin only: bold labels use the stack ['Noto Sans Bold', 'Noto Sans Regular'], so Chinese
	// falls through to the regular files and no Chinese file is declared (and downloaded) twice.
	'Noto Sans Bold': [{ pkg: '@fontsource/noto-sans', css: '700.css', subsets: ['latin', 'latin-ext'] }]
};

/** Parse the @font-face blocks of a fontsource CSS file into {file, ranges}. */
function parseFontFaces(cssPath: string): { file: string; ranges: string[] | null }[] {
	const css = readFileSync(cssPath, 'utf8');
	const faces: { file: string; ranges: string[] | null }[] = [];
	for (const block of css.split('@font-face').slice(1)) {
		const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
		const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
		if (!file) continue;
		faces.push({ file, ranges: range ? range.split(',').map((r) => r.trim().toUpperCase().replace(/^U\+/, 'U+')) : null });
	}
	return faces;
}

function main(): void {
	mkdirSync(outDir, { recursive: true });
	const fontFaces: Record<string, FontFace[]> = {};
	let copied = 0;
	for (const [fontName, sources] of Object.entries(FONTS)) {
		fontFaces[fontName] = [];
		for (const { pkg, css, subsets } of sources) {
			const pkgDir = join(root, 'node_modules', pkg);
			for (const face of parseFontFaces(join(pkgDir, css))) {
				if (subsets && !subsets.some((s) => face.file.includes(`-${s}-`))) continue;
				const target = join(outDir, face.file);
				if (!existsSync(target)) {
					copyFileSync(join(pkgDir, 'files', face.file), target);
					copied++;
				}
				const entry: FontFace = { url: `fonts/${face.file}` };
				if (face.ranges) entry['unicode-range'] = face.ranges;
				fontFaces[fontName].push(entry);
			}
		}
	}
	const manifest = join(outDir, 'font-faces.json');
	const json = JSON.stringify(fontFaces) + '\n';
	if (!existsSync(manifest) || readFileSync(manifest, 'utf8') !== json) writeFileSync(manifest, json);
	console.log(`fonts: ${copied} copied to static/fonts, ${Object.keys(fontFaces).length} font names in font-faces`);
}

main();
