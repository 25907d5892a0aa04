import { z } from 'zod';
import { withAuthRoute } from '@/lib/auth/guard';
import { routeFilters } from '@/lib/filters/filters';
import { countNewVisits, loadTodayFeed } from '@/lib/today/feed';

const Query = z.object({
  since: z.coerce
    .number({ error: 'since: epoch seconds' })
    .int('since: whole epoch seconds')
    .min(0, 'since: epoch seconds')
    .max(4_102_444_800, 'since: before 2100')
    .optional(),
  count: z.enum(['1']).optional(),
});

/**
 * The Today view's poll: the day's visits received at or after `since`, and
 * each canvasser's last visit. With `count=1` and the map's filters, only how
 * many matching visits arrived after `since` (the map's and the table's
 * notice, for anyone who reads the campaign). The feed names people: organizers only.
 */
export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, request, { campaignId }) => {
  const search = new URL(request.url).searchParams;
  const filtered = routeFilters(search);
  if (!filtered.ok) return Response.json({ error: filtered.error }, { status: 400 });
  const parsed = Query.safeParse({ since: search.get('since') ?? undefined, count: search.get('count') ?? undefined });
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((issue) => issue.message).join('; ') }, { status: 400 });
  const { since, count } = parsed.data;
  const headers = { 'Cache-Control': 'no-store' };
  if (count) return Response.json({ count: await countNewVisits(auth, campaignId, since ?? 0, filtered.filters) }, { headers });
  if (!auth.can('modify@interactions')) return Response.json({ error: `Your role (${auth.role}) lacks the modify@interactions permission.` }, { status: 403 });
  return Response.json(await loadTodayFeed(auth, campaignId, { since }), { headers });
});
