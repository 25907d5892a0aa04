/**
 * The zoom at which Leaflet's fitBounds shows `bounds` in a map of
 * `width` × `height` pixels (Web Mercator, 256-pixel tiles, whole zoom
 * levels), so the first clusters can be asked for before Leaflet loads.
 *
 * @example
 *   fitZoom([-71.2, 42.2, -71.0, 42.4], 1000, 700, 24); // 11
 */
const mercatorY = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
};

/**
 * The map's height: what is left of the window under the header, tabs and filter bar (about 24rem
 * at 1440×900), so the whole map is on the first screen; never under 22rem. The class and the
 * pixel figure say the same and change together.
 */
export const MAP_HEIGHT_CLASS = 'h-[max(22rem,calc(100vh-24rem))]';
export const mapHeightPx = (windowHeight: number) => Math.max(352, windowHeight - 384);

export function fitZoom([west, south, east, north]: [number, number, number, number], width: number, height: number, padding: number, maxZoom = 19): number {
  const dx = ((east - west) / 360) * 256;
  const dy = (mercatorY(south) - mercatorY(north)) * 256;
  const scale = Math.min((width - 2 * padding) / (dx || 1e-9), (height - 2 * padding) / (dy || 1e-9));
  // As Leaflet: within 1% of a level counts as that level, then down to a whole level.
  const zoom = Math.floor(Math.round(Math.log2(scale) * 100) / 100);
  return Math.max(0, Math.min(maxZoom, zoom));
}
