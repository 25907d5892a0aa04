'use client';

import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import type EntryGridType from './entry-grid';

// The grid starts from the rows kept in this browser, which the server cannot see.
const EntryGrid = dynamic(() => import('./entry-grid'), { ssr: false, loading: () => <p className="text-sm text-slate-600">Loading the grid…</p> });

export function EntryGridLoader(props: ComponentProps<typeof EntryGridType>) {
  return <EntryGrid {...props} />;
}
