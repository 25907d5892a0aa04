import { withAuthRoute } from '@/lib/auth/guard';
import { csvCell } from '@/lib/interactions/csv-cell';
import { getResolution, listCalls } from '@/lib/review/resolutions';

/** A recontact's call list as CSV: name, phone, address, what was recorded. */
export const GET = withAuthRoute<{ campaignId: string; resolutionId: string }>('modify@interactions', async (auth, _request, { campaignId, resolutionId }) => {
  await auth.polis.getCampaign(campaignId);
  const resolution = await getResolution(auth.organization.id, resolutionId);
  if (!resolution || resolution.campaignId !== campaignId || resolution.status !== 'recontact')
    return Response.json({ error: `resolutionId: no call list ${resolutionId} in this campaign` }, { status: 404 });
  const calls = await listCalls(auth.organization.id, resolutionId);
  const lines = [['Name', 'Phone', 'Address', 'Recorded', 'Interaction id', 'Confirmed'].join(',')];
  for (const call of calls) lines.push([call.name, call.phone, call.address, call.recorded, call.interactionId, call.outcome ?? ''].map(csvCell).join(','));
  return new Response(lines.join('\r\n') + '\r\n', {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="call-list-${resolutionId.slice(0, 8)}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
