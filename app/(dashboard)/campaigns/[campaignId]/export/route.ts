import { withAuthRoute } from '@/lib/auth/guard';
import { exportInteractionsCsv } from '@/lib/interactions/export-csv';
import { parseFilters } from '@/lib/filters/filters';

export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, request, { campaignId }) => {
  await auth.polis.getCampaign(campaignId); // a campaign that is not theirs is a 404 here, before any byte is sent
  const filters = parseFilters(new URL(request.url).searchParams);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportInteractionsCsv(auth, campaignId, filters), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="interactions-${campaignId.slice(0, 8)}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
