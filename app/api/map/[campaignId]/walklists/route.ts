import { withAuthRoute } from '@/lib/auth/guard';
import { loadWalklistChoice } from '@/lib/interactions/filter-choices';

export const dynamic = 'force-dynamic';

/**
 * GET /api/map/<campaign>/walklists: the campaign's walklists by name, for a
 * filter bar rendered while the campaign's first index build was running;
 * `{ state: 'building', loaded, total }` until the index knows them.
 */
export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, _request, { campaignId }) => {
  return Response.json(await loadWalklistChoice(auth, campaignId), { headers: { 'Cache-Control': 'private, no-store' } });
});
