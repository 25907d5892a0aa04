import { withAuthRoute } from '@/lib/auth/guard';
import { IdSchema } from '@/lib/polis/schemas';
import { loadPointDetails, MAX_POINT_DETAILS } from '@/lib/interactions/point-details';

export const dynamic = 'force-dynamic';

/** GET /api/map/<campaign>/points?ids=a,b,c: what the list beside the map says of each point in view. */
export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, request, { campaignId }) => {
  const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',').filter(Boolean);
  if (ids.length > MAX_POINT_DETAILS) return Response.json({ error: `ids may name at most ${MAX_POINT_DETAILS} interactions` }, { status: 400 });
  const bad = ids.find((id) => !IdSchema.safeParse(id).success);
  if (bad !== undefined) return Response.json({ error: `ids must be interaction ids; "${bad.slice(0, 40)}" is not one` }, { status: 400 });
  await auth.polis.getCampaign(campaignId); // another tenant's campaign is a 404 here
  return Response.json({ data: await loadPointDetails(auth, campaignId, ids) }, { headers: { 'Cache-Control': 'private, no-store' } });
});
