'use client';

import dynamic from 'next/dynamic';
import type { MapViewProps } from './map-view';

const MapView = dynamic(() => import('./map-view'), {
  ssr: false,
  loading: () => <div className="h-[70vh] w-full animate-pulse rounded-lg bg-slate-100" aria-hidden="true" />,
});

export function MapViewLoader(props: MapViewProps) {
  return <MapView {...props} />;
}
