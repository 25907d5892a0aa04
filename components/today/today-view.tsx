'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import type { TodayFeed, TodayVisit } from '@/lib/today/feed';
import { OUTCOME_LABELS } from '@/lib/filters/outcome';
import { formatLocal } from '@/lib/time/format';
import type { TodayPoint, TodayWalker } from './today-map';

const TodayMap = dynamic(() => import('./today-map'), {
  ssr: false,
  loading: () => <div className="h-[24rem] w-full animate-pulse rounded-md bg-slate-100" aria-hidden="true" />,
});

/** Every 5 seconds: a visit reaches the view within the index's freshness (3 s) plus this. */
export const POLL_MS = 5000;
const FRESH_MS = 60_000;

type Ready = Extract<TodayFeed, { state: 'ready' }>;
type Props = { campaignId: string; initial: Ready; tileUrl: string; tileAttribution: string };

/** Today, live: polls the campaign's feed, keeps what it has, and marks what arrived in the last minute. */
export function TodayView({ campaignId, initial, tileUrl, tileAttribution }: Props) {
  const [visits, setVisits] = useState<TodayVisit[]>(initial.visits);
  const [canvassers, setCanvassers] = useState(initial.canvassers);
  // Visits Polis received in the minute before the page loaded are new too: marked as arriving then.
  const [arrived, setArrived] = useState<Map<string, number>>(() => {
    const loaded = Date.now();
    return new Map(initial.visits.filter((v) => initial.now - v.received < FRESH_MS / 1000).map((v) => [v.id, loaded - (initial.now - v.received) * 1000]));
  });
  const [warningsOnly, setWarningsOnly] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const { timeZone } = initial;

  useEffect(() => {
    let cursor = Math.max(0, ...initial.visits.map((v) => v.received));
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch(`/api/today/${campaignId}?since=${cursor}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${response.status}`);
        const feed = (await response.json()) as TodayFeed;
        if (stopped || feed.state !== 'ready') return;
        setError(null);
        setCanvassers(feed.canvassers);
        if (feed.visits.length > 0) {
          cursor = Math.max(cursor, ...feed.visits.map((v) => v.received));
          const at = Date.now();
          setVisits((known) => {
            const byId = new Map(known.map((v) => [v.id, v]));
            const fresh = feed.visits.filter((v) => !byId.has(v.id));
            for (const v of feed.visits) byId.set(v.id, v);
            if (fresh.length) setArrived((marks) => new Map([...marks, ...fresh.map((v) => [v.id, at] as const)]));
            return [...byId.values()].sort((a, b) => b.received - a.received || b.time - a.time);
          });
        }
      } catch (e) {
        if (!stopped) setError(`The live feed paused: ${(e as Error).message}. Retrying.`);
      }
    };
    const timer = setInterval(() => {
      setNow(Date.now());
      void poll();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [campaignId, initial.visits]);

  const isFresh = (id: string) => now - (arrived.get(id) ?? 0) < FRESH_MS;
  const shown = warningsOnly ? visits.filter((v) => v.warnings.length > 0) : visits;
  const points: TodayPoint[] = useMemo(
    () =>
      shown
        .filter((v) => v.position)
        .map((v) => ({
          id: v.id,
          position: [v.position!.lat, v.position!.lng],
          fresh: now - (arrived.get(v.id) ?? 0) < FRESH_MS,
          warning: v.warnings.length > 0,
          label: `${v.canvasserName}: ${v.contact}, ${OUTCOME_LABELS[v.outcome]}`,
        })),
    [shown, arrived, now],
  );
  const clock = (time: number) => formatLocal(time * 1000, timeZone, 'time');
  const walkers: TodayWalker[] = useMemo(
    () =>
      canvassers
        .filter((c) => c.position)
        .map((c) => ({
          id: c.id,
          position: [c.position!.lat, c.position!.lng],
          label: `${c.name}, last seen ${formatLocal(c.lastSeen * 1000, timeZone, 'time')}${c.where ? ` at ${c.where}` : ''}`,
        })),
    [canvassers, timeZone],
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {visits.length} visits today ({initial.day}), updated every {POLL_MS / 1000} seconds.
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} />
          Warnings only
        </label>
      </div>
      {error && (
        <p className="text-sm text-amber-800" role="status">
          {error}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <TodayMap points={points} walkers={walkers} tileUrl={tileUrl} tileAttribution={tileAttribution} />
        <section aria-labelledby="canvassers-today" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="canvassers-today" className="text-sm font-semibold">
            Canvassers out today
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Canvassers out today">
            {canvassers.map((c) => (
              <li key={c.id} className="py-1">
                <Link href={`/campaigns/${campaignId}/canvassers/${c.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {c.name}
                </Link>
                <span className="text-slate-600">
                  {' '}
                  last seen {clock(c.lastSeen)}
                  {c.where ? ` at ${c.where}` : ''}
                  {c.position ? ` (${c.position.lat.toFixed(4)}, ${c.position.lng.toFixed(4)})` : ', no position recorded'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="feed-title">
        <h2 id="feed-title" className="text-base font-semibold">
          Latest visits
        </h2>
        <ol aria-label="Latest visits" className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {shown.length === 0 && <li className="p-3 text-sm text-slate-600">{warningsOnly ? 'No warning today.' : 'No visit yet today.'}</li>}
          {shown.map((v) => (
            <li
              key={v.id}
              className={`flex flex-wrap items-center gap-x-3 px-3 py-2 text-sm ${isFresh(v.id) ? 'bg-amber-50' : ''}`}
              data-new={isFresh(v.id) || undefined}
            >
              <time className="tabular-nums text-slate-600">{clock(v.time)}</time>
              <span className="font-medium">{v.canvasserName}</span>
              <Link href={`/campaigns/${campaignId}/interactions/${v.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {v.contact}
              </Link>
              <span>{OUTCOME_LABELS[v.outcome]}</span>
              {v.warnings.length > 0 && (
                <span className="rounded bg-red-100 px-1.5 text-xs font-semibold text-red-800" title={v.warnings.join('\n')}>
                  <span aria-hidden="true">⚠ </span>warning<span className="sr-only">: {v.warnings.join('; ')}</span>
                </span>
              )}
              {isFresh(v.id) && <span className="text-xs font-semibold text-amber-700">new</span>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
