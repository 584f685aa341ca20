/**
 * `.osm.pbf`, read with tiny-osmpbf one data blob at a time, after checking the framing ourselves
 * (tiny-osmpbf reads past the end of a truncated file without noticing).
 */
import tinyOsmPbf from 'tiny-osmpbf';
import { checkCoordinate, UTF8, validBox, withTags } from './parse-common';
import { OsmInputError } from './types';
import type { BBox, OsmData, OsmElement, OsmMember } from './types';

export interface PbfFrame {
	type: string;
	/** Byte range of the whole frame (length prefix + BlobHeader + Blob). */
	start: number;
	end: number;
}

/**
 * Walks the PBF framing (4-byte length, BlobHeader, Blob) and checks every frame fits in the file.
 * tiny-osmpbf reads past the end of a truncated file without noticing, so this is the truncation check.
 */
export function pbfFrames(bytes: Uint8Array): PbfFrame[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const frames: PbfFrame[] = [];
	let pos = 0;
	while (pos < bytes.length) {
		const start = pos;
		if (pos + 4 > bytes.length) throw new OsmInputError(`truncated PBF: ${bytes.length - pos} stray bytes at offset ${pos}`);
		const headerLength = view.getInt32(pos, false);
		pos += 4;
		if (headerLength <= 0 || headerLength > 64 * 1024 || pos + headerLength > bytes.length) {
			throw new OsmInputError(`truncated or corrupt PBF: blob header at offset ${start} runs past the end of the file`);
		}
		const header = readBlobHeader(bytes.subarray(pos, pos + headerLength));
		pos += headerLength;
		if (header === null) throw new OsmInputError(`corrupt PBF: unreadable blob header at offset ${start}`);
		if (pos + header.datasize > bytes.length) {
			throw new OsmInputError(
				`truncated PBF: ${header.type} blob at offset ${start} needs ${header.datasize} bytes, only ${bytes.length - pos} left`
			);
		}
		pos += header.datasize;
		frames.push({ type: header.type, start, end: pos });
	}
	if (frames.length === 0 || frames[0].type !== 'OSMHeader') throw new OsmInputError('corrupt PBF: no OSMHeader blob first');
	return frames;
}

/** Reads BlobHeader { string type = 1; bytes indexdata = 2; int32 datasize = 3 } by hand. */
function readBlobHeader(buf: Uint8Array): { type: string; datasize: number } | null {
	let pos = 0;
	let type: string | null = null;
	let datasize: number | null = null;
	const varint = (): number => {
		let result = 0;
		let shift = 0;
		for (;;) {
			if (pos >= buf.length || shift > 35) throw new RangeError('bad varint');
			const b = buf[pos++];
			result += (b & 0x7f) * 2 ** shift;
			if (b < 0x80) return result;
			shift += 7;
		}
	};
	try {
		while (pos < buf.length) {
			const key = varint();
			const field = Math.floor(key / 8);
			const wire = key & 7;
			if (wire === 0) {
				const value = varint();
				if (field === 3) datasize = value;
			} else if (wire === 2) {
				const length = varint();
				if (pos + length > buf.length) return null;
				if (field === 1) type = UTF8.decode(buf.subarray(pos, pos + length));
				pos += length;
			} else {
				return null;
			}
		}
	} catch {
		return null;
	}
	return type === null || datasize === null ? null : { type, datasize };
}

interface TinyElement {
	type: string;
	id: number;
	lat?: number;
	lon?: number;
	nodes?: number[];
	members?: OsmMember[];
	tags?: Record<string, string>;
}

/**
 * Parses `.osm.pbf` with tiny-osmpbf (zlib or raw blobs; DenseNodes, ways, relations).
 * Each data blob is decoded on its own (header frame + that blob), which keeps memory linear:
 * tiny-osmpbf copies its whole input once per blob.
 *
 * Needs a global `Buffer` (node, or a polyfill in the browser).
 *
 * @throws {OsmInputError} for a truncated or corrupt file
 */
export function parseOsmPbf(bytes: Uint8Array): OsmData {
	const frames = pbfFrames(bytes);
	const header = bytes.subarray(frames[0].start, frames[0].end);
	const elements: OsmElement[] = [];
	let declaredBounds: BBox | undefined;
	const collect = (e: TinyElement) => {
		if (e.type === 'node') {
			const lat = round1e9(e.lat ?? NaN);
			const lon = round1e9(e.lon ?? NaN);
			checkCoordinate(lat, lon, `node ${e.id}`);
			elements.push(withTags({ type: 'node', id: e.id, lat, lon }, e.tags));
		} else if (e.type === 'way') {
			elements.push(withTags({ type: 'way', id: e.id, nodes: e.nodes ?? [] }, e.tags));
		} else if (e.type === 'relation') {
			const members = (e.members ?? []).map((m) => ({ type: m.type, ref: m.ref, role: m.role ?? '' }));
			elements.push(withTags({ type: 'relation', id: e.id, members }, e.tags));
		}
	};
	const blobs = frames.slice(1).filter((f) => f.type === 'OSMData');
	// A file with only a header still goes through tiny-osmpbf once, for the bounds.
	const chunks = blobs.length > 0 ? blobs : [null];
	for (const frame of chunks) {
		const data = frame ? bytes.subarray(frame.start, frame.end) : new Uint8Array(0);
		const chunk = new Uint8Array(header.length + data.length);
		chunk.set(header, 0);
		chunk.set(data, header.length);
		let result: { bounds?: { minlat: number; minlon: number; maxlat: number; maxlon: number } };
		try {
			result = tinyOsmPbf(chunk, collect);
		} catch (error) {
			if (error instanceof OsmInputError) throw error;
			const where = frame ? `data blob at offset ${frame.start}` : 'header blob';
			throw new OsmInputError(`corrupt PBF: ${where}: ${(error as Error).message}`);
		}
		if (result.bounds && !declaredBounds) {
			const { minlon, minlat, maxlon, maxlat } = result.bounds;
			declaredBounds = validBox([round1e9(minlon), round1e9(minlat), round1e9(maxlon), round1e9(maxlat)]);
		}
	}
	return { format: 'pbf', elements, declaredBounds };
}

/**
 * tiny-osmpbf computes `offset * 1e-9 + value / 1e7`, which can land one ulp off the decimal the
 * value encodes; rounding to 1e-9° (far below OSM's 1e-7° precision) snaps it back.
 */
function round1e9(x: number): number {
	return Math.round(x * 1e9) / 1e9;
}
