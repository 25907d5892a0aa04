import type { LatLng } from './model';

const EARTH_RADIUS_METRES = 6371008.8;
export const METRES_PER_MILE = 1609.344;

/** Great-circle distance in metres (haversine: exact enough at street scale). */
export function metresBetween(a: LatLng, b: LatLng): number {
  return metresBetweenPoints(a.lat, a.lng, b.lat, b.lng);
}

/** `metresBetween` on bare coordinates, for the rules' loops over columns. */
export function metresBetweenPoints(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point `metres` from `from` along `bearing` (radians from north); flat earth, for tests and the seed. */
export function offsetBy(from: LatLng, metres: number, bearing: number): LatLng {
  return {
    lat: from.lat + (metres * Math.cos(bearing)) / 111320,
    lng: from.lng + (metres * Math.sin(bearing)) / (111320 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

export function formatMetres(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${Math.round(metres)} m`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
