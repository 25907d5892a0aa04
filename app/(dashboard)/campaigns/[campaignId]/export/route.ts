import { withAuthRoute } from '@/lib/auth/guard';
import { exportInteractionsCsv } from '@/lib/interactions/export-csv';
import { routeFilters } from '@/lib/filters/filters';
import { readTableQuery } from '@/lib/interactions/queries';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { localDayOf } from '@/lib/time/days';
import { unitSystemFor } from '@/lib/units/preference';

export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, request, { campaignId }) => {
  const campaign = await auth.polis.getCampaign(campaignId); // a campaign that is not theirs is a 404 here, before any byte is sent
  const search = new URL(request.url).searchParams;
  const parsed = routeFilters(search);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const { filters } = parsed;
  const [timeZone, units] = await Promise.all([campaignTimeZone(auth, campaign), unitSystemFor(auth, campaignId)]);
  const day = localDayOf(timeZone, new Date());
  // In the order of the table it was asked from.
  return new Response(exportInteractionsCsv(auth, campaignId, filters, timeZone, readTableQuery(search), units), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="interactions-${campaignId.slice(0, 8)}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
