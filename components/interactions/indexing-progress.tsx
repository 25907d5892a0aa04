'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Shown while a campaign's interactions are first indexed; checks again every second. */
export function IndexingProgress({ loaded, total, what }: { loaded: number; total: number; what: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [router]);
  const number = new Intl.NumberFormat('en-US');
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <p className="text-sm font-medium" id="indexing-label">
        Indexing this campaign&apos;s interactions for {what}: {number.format(loaded)} of {total ? number.format(total) : '…'}
      </p>
      <progress className="mt-3 h-2 w-full" aria-labelledby="indexing-label" value={loaded} max={total || 1} />
    </div>
  );
}
