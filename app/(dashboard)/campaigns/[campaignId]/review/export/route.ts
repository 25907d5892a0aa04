import { withAuthRoute } from '@/lib/auth/guard';
import { loadCampaignContext } from '@/lib/interactions/queries';
import { loadReviewQueue } from '@/lib/review/campaign-queue';
import { queueCsv } from '@/lib/review/export-csv';
import { filterShifts, parseQueueFilters } from '@/lib/review/queue-filters';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

/** The queue for the current filters as CSV; organizers only, like the tab. */
export const GET = withAuthRoute<{ campaignId: string }>('modify@interactions', async (auth, request, { campaignId }) => {
  const context = await loadCampaignContext(auth, campaignId); // another tenant's campaign is a 404 here
  const timeZone = await campaignTimeZone(auth, campaignId);
  const loaded = await loadReviewQueue(auth, campaignId, timeZone);
  if (loaded.state !== 'ready')
    return Response.json({ error: 'The campaign is still being indexed; try again in a moment.' }, { status: 503, headers: { 'Retry-After': '5' } });
  const shifts = filterShifts(loaded.shifts, parseQueueFilters(new URL(request.url).searchParams), timeZone);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(queueCsv(shifts, context.people, timeZone, loaded.queue.ruleSetVersion), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="review-queue-${campaignId.slice(0, 8)}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
