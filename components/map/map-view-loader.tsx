'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import { fitZoom, MAP_HEIGHT_CLASS, mapHeightPx } from './fit-zoom';
import type { MapViewProps, Prefetched } from './map-view';

const MapView = dynamic(() => import('./map-view'), {
  ssr: false,
  loading: () => <div className={`${MAP_HEIGHT_CLASS} w-full animate-pulse rounded-lg bg-slate-100`} aria-hidden="true" />,
});

/** Map and side panel: 20rem beside the map from the lg breakpoint on, as MapView lays them out. */
const SIDE_PANEL = 320 + 16;

/**
 * Loads Leaflet on the client only. When the server knows the data's extent,
 * it asks for the first clusters at once, while Leaflet is still loading.
 */
export function MapViewLoader(props: Omit<MapViewProps, 'prefetched'>) {
  const box = useRef<HTMLDivElement>(null);
  const [prefetched, setPrefetched] = useState<Prefetched | null>(null);
  const { campaignId, filterQuery, initialBounds, initialView, asOf } = props;
  useEffect(() => {
    if (!initialBounds || initialView || !box.current) return;
    const width = box.current.clientWidth - (window.innerWidth >= 1024 ? SIDE_PANEL : 0) - 2;
    const height = mapHeightPx(window.innerHeight) - 2;
    const zoom = fitZoom(initialBounds, width, height, 24);
    const query = new URLSearchParams(filterQuery);
    query.set('bbox', initialBounds.join(','));
    query.set('zoom', String(zoom));
    query.set('asOf', String(asOf));
    const data = fetch(`/api/map/${campaignId}/clusters?${query}`)
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
    // Measuring the box needs the DOM, so this runs once after the first render.
    setPrefetched({ zoom, data });
    // Only the first view is prefetched: a later `asOf` (the user asked for new visits) loads through the map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId, filterQuery, initialBounds, initialView]);
  return (
    <div ref={box}>
      <MapView {...props} prefetched={prefetched} />
    </div>
  );
}
