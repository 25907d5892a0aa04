import type { Metadata } from 'next';
import { DayChart } from '@/components/canvassers/day-chart';
import { HourHeatMap } from '@/components/canvassers/hour-heat-map';
import { ProgressBars, type ProgressBar } from '@/components/canvassers/progress-bars';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { groupsOf } from '@/lib/canvassers/attempts';
import { loadCampaignAttempts } from '@/lib/canvassers/campaign-figures';
import { hourByWeekday, perDay, progressBy } from '@/lib/canvassers/figures';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

export const metadata: Metadata = { title: 'Overview' };

type Props = { params: Promise<{ campaignId: string }> };

/** How the campaign is moving: no person is named here, so every reader sees it. */
export default async function OverviewPage({ params }: Props) {
  const { campaignId } = await params;
  const here = `/campaigns/${campaignId}/overview`;
  const auth = await requireAuth(here);
  const timeZone = await withPolis(here, () => campaignTimeZone(auth, campaignId));
  const [loaded, lists] = await withPolis(here, () =>
    Promise.all([loadCampaignAttempts(auth, campaignId, {}, timeZone), auth.polis.listLists({ limit: 1000 })]),
  );
  if (loaded.state === 'building') return <IndexingProgress loaded={loaded.loaded} total={loaded.total} what="the overview" />;
  if (loaded.state === 'failed') return <ErrorState title="The overview could not be computed" message={loaded.message} retryHref={here} />;

  const groups = groupsOf(loaded.index, loaded.index.select({}, timeZone));
  const households = new Map(lists.data.map((list) => [list.id, list.contactsCount ?? null]));
  const names = new Map(lists.data.map((list) => [list.id, list.data.name]));
  const bars = (key: 'list' | 'walklist'): ProgressBar[] =>
    progressBy(loaded.attempts.map((attempt, i) => ({ ...attempt, group: groups[i]![key] })))
      .map((p) => ({
        ...p,
        name: key === 'list' ? (names.get(p.key) ?? p.key) : `Walklist ${p.key.slice(0, 8)}`,
        households: key === 'list' ? (households.get(p.key) ?? null) : null,
        mapHref: `/campaigns/${campaignId}/map?${key}=${p.key}`,
        tableHref: `/campaigns/${campaignId}/table?${key}=${p.key}`,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Progress per list</h2>
        <ProgressBars bars={bars('list')} label="Progress per list" />
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Progress per walklist</h2>
        <ProgressBars bars={bars('walklist')} label="Progress per walklist" />
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Attempts and contacts per day</h2>
        <DayChart days={perDay(loaded.attempts, timeZone)} label="Attempts and contacts per day" />
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Contact rate by hour and weekday</h2>
        <HourHeatMap grid={hourByWeekday(loaded.attempts, timeZone)} label="Contact rate by hour and weekday" />
      </section>
    </div>
  );
}
