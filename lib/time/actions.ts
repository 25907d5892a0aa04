'use server';

/**
 * The organizer's choice of a campaign's time zone, as a server action: the
 * gate (site, session, permission), the campaign read through Polis with the
 * caller's token (another tenant's campaign is a 404 there), then the
 * dashboard's own store.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withPermission, type ActionState } from '@/lib/auth/action';
import { IdSchema } from '@/lib/polis/schemas';
import { saveCampaignTimeZone } from '@/lib/store/campaign-settings';
import { isTimeZone, zoneLabel } from './format';

const TimeZoneInput = z.object({
  campaignId: IdSchema,
  timeZone: z.string().refine(isTimeZone, { message: 'Choose a time zone from the list' }),
});

export async function setCampaignTimeZone(_previous: ActionState | null, form: FormData): Promise<ActionState> {
  const result = await withPermission('modify@interactions', async (auth) => {
    const parsed = TimeZoneInput.safeParse({ campaignId: form.get('campaignId'), timeZone: form.get('timeZone') });
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message]));
      return { ok: false, message: 'The time zone was not changed.', fieldErrors };
    }
    const { campaignId, timeZone } = parsed.data;
    await auth.polis.getCampaign(campaignId);
    await saveCampaignTimeZone({ organizationId: auth.organization.id, campaignId, timeZone, source: 'organizer', userId: auth.user.id });
    return { ok: true, message: `Times are now shown in ${zoneLabel(timeZone)}.` };
  });
  if (result.ok) revalidatePath(`/campaigns/${String(form.get('campaignId'))}`, 'layout');
  return result;
}
