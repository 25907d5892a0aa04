'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const POLL_MS = 10_000;

/**
 * "N new visits — show": the map and the table stay as they are while
 * canvassers send visits; the user chooses when to bring them in.
 */
export function NewVisitsNotice({ campaignId, since }: { campaignId: string; since: number }) {
  const router = useRouter();
  const [count, setCount] = useState(0);
  useEffect(() => {
    const timer = setInterval(async () => {
      const response = await fetch(`/api/today/${campaignId}?count=1&since=${since}`, { cache: 'no-store' }).catch(() => null);
      if (response?.ok) setCount(((await response.json()) as { count: number }).count);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [campaignId, since]);
  if (count === 0) return null;
  return (
    <div role="status" className="flex items-center gap-3 rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm">
      {count === 1 ? '1 new visit' : `${count} new visits`}
      <button type="button" className="font-medium text-brand-700 underline" onClick={() => router.refresh()}>
        Show
      </button>
    </div>
  );
}
