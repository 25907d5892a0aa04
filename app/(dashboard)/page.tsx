import type { Metadata } from 'next';
import { CampaignList } from '@/components/campaigns/campaign-list';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { outcomeFilter } from '@/lib/filters/outcome';
import { and, eq } from '@/lib/polis/filter';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function HomePage() {
  const auth = await requireAuth('/');
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
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Campaigns</h1>
      <CampaignList summaries={summaries} />
    </>
  );
}
