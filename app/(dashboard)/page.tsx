import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CampaignList } from '@/components/campaigns/campaign-list';
import { RouteLoading } from '@/components/ui/route-error';
import { UnitSystemForm } from '@/components/settings/unit-system-form';
import { requireAuth, withPolis, type AuthContext } from '@/lib/auth/session';
import { chosenUnitSystem } from '@/lib/units/preference';
import { outcomeFilter } from '@/lib/filters/outcome';
import { and, eq } from '@/lib/polis/filter';

export const metadata: Metadata = { title: 'Campaigns' };

/** The campaigns with their counts: a count per outcome per campaign, so the page shows its loading state meanwhile. */
async function CampaignSummaries({ auth }: { auth: AuthContext }) {
  const summaries = await withPolis('/', async () => {
    const { data: campaigns } = await auth.polis.listCampaigns({ sort: ['/data/name', 'ASC'], limit: 1000 });
    const count = async (filter: string) => (await auth.polis.listInteractions({ filter, limit: 0 })).total;
    return Promise.all(
      campaigns.map(async (campaign) => {
        const scope = eq('/data/campaignId', campaign.id);
        const [interactions, successful, unavailable] = await Promise.all([
          count(scope),
          count(and(scope, outcomeFilter('successful'))),
          count(and(scope, outcomeFilter('unavailable'))),
        ]);
        return { campaign, interactions, successful, unavailable };
      }),
    );
  });
  return <CampaignList summaries={summaries} />;
}

export default async function HomePage() {
  const auth = await requireAuth('/');
  const units = await chosenUnitSystem(auth.organization.id);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Campaigns</h1>
      <Suspense fallback={<RouteLoading what="your campaigns" />}>
        <CampaignSummaries auth={auth} />
      </Suspense>
      <section className="mt-8 space-y-2" aria-labelledby="units-title">
        <h2 id="units-title" className="text-base font-semibold">
          Units of {auth.organization.name}
        </h2>
        <UnitSystemForm chosen={units} canChoose={auth.can('modify@interactions')} />
      </section>
    </>
  );
}
