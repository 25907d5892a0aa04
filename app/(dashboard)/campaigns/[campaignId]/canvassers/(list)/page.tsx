import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { CanvasserTable } from '@/components/canvassers/canvasser-table';
import { TotalsSummary } from '@/components/canvassers/totals-summary';
import { FilterBar } from '@/components/interactions/filter-bar';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { canSeePeople, loadCampaignAttempts } from '@/lib/canvassers/campaign-figures';
import { canvasserFigures } from '@/lib/canvassers/figures';
import { filterProblems, filtersToSearch, parseFilters } from '@/lib/filters/filters';
import { filterChoices } from '@/lib/interactions/filter-choices';
import { unitSystemFor } from '@/lib/units/preference';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { formatLocal } from '@/lib/time/format';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Canvassers', (await params).campaignId);
}

export default async function CanvassersPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const filters = parseFilters(search);
  const query = filtersToSearch(filters).toString();
  const base = `/campaigns/${campaignId}/canvassers`;
  const here = `${base}${query ? `?${query}` : ''}`;
  const auth = await requireAuth(here);
  const [timeZone, units] = await withPolis(here, () => Promise.all([campaignTimeZone(auth, campaignId), unitSystemFor(auth, campaignId)]));
  const loaded = await withPolis(here, () => loadCampaignAttempts(auth, campaignId, filters, timeZone));
  if (loaded.state === 'building') return <IndexingProgress loaded={loaded.loaded} total={loaded.total} what="the canvasser figures" />;
  if (loaded.state === 'failed') return <ErrorState title="The canvasser figures could not be computed" message={loaded.message} retryHref={here} />;

  const { rows, totals } = canvasserFigures(loaded.attempts, { openFlags: loaded.openFlags ?? undefined });
  const seen = (time: number | null) => (time === null ? '—' : formatLocal(time * 1000, timeZone, 'medium'));
  const people = canSeePeople(auth);
  const canvassers = [...loaded.context.people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="space-y-4">
      <FilterBar
        action={base}
        filters={filters}
        {...filterChoices(loaded.context, loaded.index)}
        canvassers={people ? canvassers : []}
        units={units}
        problems={filterProblems(search)}
        questions={loaded.context.questions}
        timeZone={timeZone}
        keep={{}}
      />
      {loaded.attempts.length === 0 ? (
        <EmptyState title="No visits match these filters">
          <p className="mt-1">Widen the dates or clear a filter.</p>
        </EmptyState>
      ) : !people ? (
        // A viewer sees how the campaign is doing, never a ranking of people.
        <TotalsSummary totals={totals} lastSeen={seen(totals.lastSeen)} />
      ) : (
        <>
          <div className="flex items-center justify-between">
            <p className="text-sm text-slate-600">{rows.length} canvassers. Active hours are shifts end to end; a gap over 30 minutes is not work.</p>
            <a href={`${base}/export${query ? `?${query}` : ''}`} className={buttonClass('secondary')} download>
              Export CSV
            </a>
          </div>
          <CanvasserTable
            rows={rows.map((row) => ({
              ...row,
              id: row.canvasser,
              name: loaded.name(row.canvasser),
              href: `${base}/${row.canvasser}${query ? `?${query}` : ''}`,
              firstSeen: seen(row.firstSeen),
              lastSeen: seen(row.lastSeen),
              lastSeenAt: row.lastSeen ?? 0,
              flagsHref: `/campaigns/${campaignId}/review?canvasser=${row.canvasser}&status=open`,
            }))}
            totals={{ ...totals, firstSeen: seen(totals.firstSeen), lastSeen: seen(totals.lastSeen), lastSeenAt: totals.lastSeen ?? 0 }}
          />
        </>
      )}
    </div>
  );
}
