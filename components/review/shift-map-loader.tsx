'use client';

import dynamic from 'next/dynamic';
import type { ShiftMapProps } from './shift-map';

/** Leaflet needs a browser: the replay loads on the client only. */
const ShiftMap = dynamic(() => import('./shift-map'), {
  ssr: false,
  loading: () => <div className="h-[28rem] w-full animate-pulse rounded-md bg-slate-100" aria-hidden="true" />,
});

export function ShiftMapLoader(props: ShiftMapProps) {
  return <ShiftMap {...props} />;
}
