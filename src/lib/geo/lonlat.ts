/** A WGS84 position, [longitude, latitude] in degrees (GeoJSON's order). */
export type LonLat = [number, number];
