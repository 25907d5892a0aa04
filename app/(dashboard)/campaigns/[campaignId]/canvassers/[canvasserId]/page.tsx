import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DayChart } from '@/components/canvassers/day-chart';
import { HourHeatMap } from '@/components/canvassers/hour-heat-map';
import { TotalsSummary } from '@/components/canvassers/totals-summary';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { canSeePeople, loadCampaignAttempts } from '@/lib/canvassers/campaign-figures';
import { canvasserFigures, hourByWeekday, perDay, shiftsOf } from '@/lib/canvassers/figures';
import { filtersToSearch, parseFilters } from '@/lib/filters/filters';
import { localClock, localDayLabel } from '@/lib/review/zone';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { formatLocal } from '@/lib/time/format';

type Props = { params: Promise<{ campaignId: string; canvasserId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Canvasser', (await params).campaignId);
}

export default async function CanvasserPage({ params, searchParams }: Props) {
  const { campaignId, canvasserId } = await params;
  const filters = parseFilters(await searchParams);
  const query = filtersToSearch(filters).toString();
  const here = `/campaigns/${campaignId}/canvassers/${canvasserId}${query ? `?${query}` : ''}`;
  const auth = await requireAuth(here);
  // One person's figures are for organizers: to anyone else the page does not exist.
  if (!canSeePeople(auth)) notFound();
  const timeZone = await withPolis(here, () => campaignTimeZone(auth, campaignId));
  const loaded = await withPolis(here, () => loadCampaignAttempts(auth, campaignId, filters, timeZone));
  if (loaded.state === 'building') return <IndexingProgress loaded={loaded.loaded} total={loaded.total} what="the canvasser's figures" />;
  if (loaded.state === 'failed') return <ErrorState title="The canvasser's figures could not be computed" message={loaded.message} retryHref={here} />;

  const attempts = loaded.attempts.filter((a) => a.canvasser === canvasserId);
  if (attempts.length === 0 && !loaded.context.people.has(canvasserId)) notFound();
  const { rows } = canvasserFigures(attempts, { openFlags: loaded.openFlags ?? undefined });
  const figures = rows[0];
  const name = loaded.name(canvasserId);
  const seen = (time: number | null) => (time === null ? '—' : formatLocal(time * 1000, timeZone, 'medium'));
  const shifts = shiftsOf(attempts, canvasserId);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/campaigns/${campaignId}/canvassers${query ? `?${query}` : ''}`} className="text-sm text-brand-700 underline">
          All canvassers
        </Link>
        <h2 className="mt-1 text-xl font-semibold">{name}</h2>
      </div>
      {!figures ? (
        <p className="text-sm text-slate-600">{name} recorded no visits that match these filters.</p>
      ) : (
        <>
          <TotalsSummary totals={figures} lastSeen={seen(figures.lastSeen)} />
          <section className="space-y-2">
            <h3 className="text-base font-semibold">Attempts and contacts per day</h3>
            <DayChart days={perDay(attempts, timeZone)} label={`${name}: attempts and contacts per day`} />
          </section>
          <section className="space-y-2">
            <h3 className="text-base font-semibold">Contact rate by hour and weekday</h3>
            <HourHeatMap grid={hourByWeekday(attempts, timeZone)} label={`${name}: contact rate by hour and weekday`} />
          </section>
          <section className="space-y-2">
            <h3 className="text-base font-semibold">
              Shifts ({shifts.length}){' '}
              {figures.openFlags > 0 && (
                <Link
                  href={`/campaigns/${campaignId}/review?canvasser=${canvasserId}&status=open`}
                  className="ml-2 text-sm font-normal text-brand-700 underline"
                >
                  {figures.openFlags} open flags in the review queue
                </Link>
              )}
            </h3>
            <ul aria-label="Shifts" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {shifts.map((shift) => {
                const first = shift[0]!;
                const last = shift.at(-1)!;
                return (
                  <li key={first.id} className="flex items-center justify-between px-3 py-2 text-sm">
                    <span>
                      {localDayLabel(timeZone, first.time)}, {localClock(timeZone, first.time)}–{localClock(timeZone, last.time)}: {shift.length} attempts,{' '}
                      {shift.filter((a) => a.successful).length} contacts
                    </span>
                    <Link href={`/campaigns/${campaignId}/review/shifts/${first.id}`} className="text-brand-700 underline">
                      Replay
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
