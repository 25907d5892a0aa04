'use client';

import { useState } from 'react';

/**
 * On a small screen the filters sit behind a "Filters (3)" button, so the
 * data is on the first screen; from the md breakpoint on they are always shown.
 */
export function FilterDisclosure({ active, children }: { active: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="filter-panel"
        onClick={() => setOpen(!open)}
        className="mb-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium md:hidden"
      >
        Filters ({active})
      </button>
      <div id="filter-panel" className={`${open ? 'block' : 'hidden'} md:block`}>
        {children}
      </div>
    </div>
  );
}
