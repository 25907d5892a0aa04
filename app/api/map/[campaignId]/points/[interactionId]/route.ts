import { withAuthRoute } from '@/lib/auth/guard';
import { loadPointDetails } from '@/lib/interactions/point-details';

/** What a map popup shows of one interaction. */
export const GET = withAuthRoute<{ campaignId: string; interactionId: string }>('read@interactions', async (auth, _request, { campaignId, interactionId }) => {
  const [details] = await loadPointDetails(auth, campaignId, [interactionId]);
  if (!details) return Response.json({ error: 'No such interaction in this campaign.' }, { status: 404 });
  return Response.json(details);
});
