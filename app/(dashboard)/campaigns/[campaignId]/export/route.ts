import { withAuthRoute } from '@/lib/auth/guard';
import { exportInteractionsCsv } from '@/lib/interactions/export-csv';
import { parseFilters } from '@/lib/filters/filters';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { localDayOf } from '@/lib/time/days';

export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, request, { campaignId }) => {
  const campaign = await auth.polis.getCampaign(campaignId); // a campaign that is not theirs is a 404 here, before any byte is sent
  const filters = parseFilters(new URL(request.url).searchParams);
  const timeZone = await campaignTimeZone(auth, campaign);
  const day = localDayOf(timeZone, new Date());
  return new Response(exportInteractionsCsv(auth, campaignId, filters, timeZone), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="interactions-${campaignId.slice(0, 8)}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
