import { withAuthRoute } from '@/lib/auth/guard';
import { loadPointSummary } from '@/lib/interactions/queries';

/** What a map popup shows of one interaction. */
export const GET = withAuthRoute<{ campaignId: string; interactionId: string }>('read@interactions', async (auth, _request, { campaignId, interactionId }) => {
  const summary = await loadPointSummary(auth, campaignId, interactionId);
  if (!summary) return Response.json({ error: 'No such interaction in this campaign.' }, { status: 404 });
  return Response.json(summary);
});
