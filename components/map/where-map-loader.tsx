'use client';

import dynamic from 'next/dynamic';
import type { WhereMapProps } from './where-map';

/** Leaflet needs a browser: the map loads on the client only. */
const WhereMap = dynamic(() => import('./where-map'), {
  ssr: false,
  loading: () => <div className="h-72 w-full animate-pulse rounded-md bg-slate-100" aria-hidden="true" />,
});

export function WhereMapLoader(props: WhereMapProps) {
  return <WhereMap {...props} />;
}
