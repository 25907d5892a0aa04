import { describe, expect, it } from 'vitest';
import { fitZoom } from './fit-zoom';

describe('fitZoom', () => {
  it('gives the whole zoom level at which the bounds fit the map, as Leaflet does', () => {
    // The world's width (256 px at zoom 0) in a 1,024-pixel map fits at zoom 2.
    expect(fitZoom([-180, -60, 180, 60], 1024, 2048, 0)).toBe(2);
    // Boston's neighbourhoods (about 0.07° by 0.06°) in a 1,000 × 700 map.
    expect(fitZoom([-71.135, 42.275, -71.035, 42.345], 1000, 700, 24)).toBe(13);
    // A single point stops at the highest level.
    expect(fitZoom([-71.1, 42.3, -71.1, 42.3], 1000, 700, 24)).toBe(19);
  });
});
