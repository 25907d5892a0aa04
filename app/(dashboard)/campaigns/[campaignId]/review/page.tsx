import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { QueueFilterBar } from '@/components/review/queue-filter-bar';
import { QueueTable } from '@/components/review/queue-table';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { loadCampaignContext } from '@/lib/interactions/queries';
import { loadReviewQueue } from '@/lib/review/campaign-queue';
import { filterShifts, parseQueueFilters, queueFiltersToSearch } from '@/lib/review/queue-filters';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { localClock, localDayLabel } from '@/lib/review/zone';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Review', (await params).campaignId);
}

export default async function ReviewPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const base = `/campaigns/${campaignId}/review`;
  const filters = parseQueueFilters(search);
  const here = `${base}?${queueFiltersToSearch(filters)}`;
  const auth = await requireAuth(here);
  // Flags are for organizers: to anyone else the page does not exist.
  if (!auth.can('modify@interactions')) notFound();

  const timeZone = await campaignTimeZone(auth, campaignId);
  const [context, loaded] = await withPolis(here, () => Promise.all([loadCampaignContext(auth, campaignId), loadReviewQueue(auth, campaignId, timeZone)]));
  if (loaded.state === 'building') return <IndexingProgress loaded={loaded.loaded} total={loaded.total} what="the review queue" />;
  if (loaded.state === 'failed') return <ErrorState title="The review queue could not be computed" message={loaded.message} retryHref={here} />;

  const shifts = filterShifts(loaded.shifts, filters, timeZone);
  const name = (id: string) => context.people.get(id) ?? 'Unknown canvasser';
  const canvassers = [...new Set(loaded.shifts.map((shift) => shift.canvasser))]
    .map((id) => ({ id, name: name(id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const open = loaded.shifts.filter((shift) => shift.status === 'open').length;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        A flag is a prompt to look, never an accusation: each shift below says why in words. {open} open of {loaded.shifts.length} flagged shifts, out of{' '}
        {loaded.queue.shiftCount} shifts in the campaign (rule set {loaded.queue.ruleSetVersion},{' '}
        <Link href={`${base}/thresholds`} className="text-brand-700 underline underline-offset-2">
          rule thresholds
        </Link>
        ).
      </p>
      <QueueFilterBar action={base} filters={filters} canvassers={canvassers} lists={context.lists} zoneName={timeZone} />
      {shifts.length === 0 ? (
        <EmptyState title="No shifts match these filters">
          <p className="mt-1">Choose another status or widen the dates.</p>
        </EmptyState>
      ) : (
        <>
          <div className="flex items-center justify-between">
            <p className="text-sm text-slate-600">{shifts.length} shifts</p>
            <a href={`${base}/export?${queueFiltersToSearch(filters)}`} className={buttonClass('secondary')} download>
              Export CSV
            </a>
          </div>
          <QueueTable
            zoneName={timeZone}
            rows={shifts.map((shift) => ({
              href: `${base}/shifts/${shift.ids[0]}`,
              canvasser: name(shift.canvasser),
              day: localDayLabel(timeZone, shift.start),
              hours: `${localClock(timeZone, shift.start)}–${localClock(timeZone, shift.end)}`,
              interactions: shift.interactions,
              contacts: shift.contacts,
              score: shift.score,
              reasons: shift.reasons,
              status: shift.status,
            }))}
          />
        </>
      )}
    </div>
  );
}
