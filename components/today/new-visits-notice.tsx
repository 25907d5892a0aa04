'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/** How often the map and the table ask whether visits came in. */
export const NOTICE_POLL_MS = 10_000;

/**
 * "N new visits — show": the map and the table stay as they are while
 * canvassers send visits; the user chooses when to bring in those that match
 * the page's filters. `since` is what the page already shows (epoch seconds).
 */
export function NewVisitsNotice({ campaignId, since, filterQuery }: { campaignId: string; since: number; filterQuery: string }) {
  const router = useRouter();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let stopped = false;
    const query = new URLSearchParams(filterQuery);
    query.set('count', '1');
    query.set('since', String(since));
    const poll = async () => {
      const response = await fetch(`/api/today/${campaignId}?${query}`, { cache: 'no-store' }).catch(() => null);
      if (!stopped && response?.ok) setCount(((await response.json()) as { count: number }).count);
    };
    const timer = setInterval(() => void poll(), NOTICE_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [campaignId, since, filterQuery]);
  if (count === 0) return <div role="status" aria-live="polite" className="sr-only" />;
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm">
      <span>{count === 1 ? '1 new visit' : `${count.toLocaleString('en-US')} new visits`}</span>
      <span aria-hidden="true">—</span>
      <button
        type="button"
        className="font-medium text-brand-700 underline"
        onClick={() => {
          setCount(0);
          router.refresh();
        }}
      >
        Show
      </button>
    </div>
  );
}
