/**
 * Save a Blob as a file: an object URL on a temporary `<a download>`, clicked, then revoked.
 * Browser only (it touches `document`).
 */

/**
 * Offer a Blob as a download.
 *
 * @param {Blob} blob the file's contents
 * @param {string} filename suggested name, e.g. "life-circle.geojson"
 * @example
 * downloadBlob(new Blob(['{}'], { type: 'application/geo+json' }), 'empty.geojson');
 */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Revoking in the same task can cancel the download in some browsers; a later task is safe.
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Offer text as a download (GeoJSON is `application/geo+json`, RFC 7946 §12). */
export function downloadText(text: string, filename: string, type = 'application/geo+json'): void {
	downloadBlob(new Blob([text], { type }), filename);
}

/** "2024-05-01-1432" in local time, for file names that sort by date. */
export function fileStamp(date: Date = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
}
