import { withAuthRoute } from '@/lib/auth/guard';
import { loadCampaignAttempts } from '@/lib/canvassers/campaign-figures';
import { canvassersCsv } from '@/lib/canvassers/export-csv';
import { canvasserFigures } from '@/lib/canvassers/figures';
import { routeFilters } from '@/lib/filters/filters';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

/** Per-person figures as CSV; organizers only (a viewer is refused with 403 by the gate), like the table. */
export const GET = withAuthRoute<{ campaignId: string }>('modify@interactions', async (auth, request, { campaignId }) => {
  const parsed = routeFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const { filters } = parsed;
  const timeZone = await campaignTimeZone(auth, campaignId); // another tenant's campaign is a 404 here
  const loaded = await loadCampaignAttempts(auth, campaignId, filters, timeZone);
  if (loaded.state === 'failed') return Response.json({ error: loaded.message }, { status: 502 });
  if (loaded.state !== 'ready')
    return Response.json({ error: 'The campaign is still being indexed; try again in a moment.' }, { status: 503, headers: { 'Retry-After': '5' } });
  const { rows, totals } = canvasserFigures(loaded.attempts, { openFlags: loaded.openFlags ?? undefined });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(canvassersCsv(rows, totals, loaded.name, timeZone), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="canvassers-${campaignId.slice(0, 8)}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
