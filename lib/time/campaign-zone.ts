/**
 * A campaign's time zone: the organizer's choice when there is one, else the
 * zone its households lie in (derived once, then kept in the dashboard's
 * store). Every page, route and action that shows, filters on or takes in a
 * time asks here first.
 *
 * @example
 *   const zone = await campaignTimeZone(auth, campaign);  // 'America/New_York'
 *   const { start, end } = localDayRange(zone, '2026-11-19', '2026-11-19');
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import type { Campaign } from '@/lib/polis/schemas';
import { readCampaignTimeZone, saveCampaignTimeZone } from '@/lib/store/campaign-settings';
import { zoneOfPoints } from './zone-of-points';

/** Households sampled to place a campaign: plenty to outvote a few odd geocodes. */
const SAMPLE = 200;

/** When a campaign has no located household yet; an organizer can set the real zone. */
export const FALLBACK_TIME_ZONE = 'UTC';

/** The campaign's zone and whether an organizer chose it. `campaign` must already be one the caller may read. */
export async function campaignTimeZoneSetting(
  auth: AuthContext,
  campaign: Campaign,
): Promise<{ timeZone: string; source: 'derived' | 'organizer' | 'fallback' }> {
  const stored = await readCampaignTimeZone(auth.organization.id, campaign.id);
  if (stored) return stored;
  const derived = await deriveTimeZone(auth, campaign);
  if (!derived) return { timeZone: FALLBACK_TIME_ZONE, source: 'fallback' };
  await saveCampaignTimeZone({ organizationId: auth.organization.id, campaignId: campaign.id, timeZone: derived, source: 'derived' });
  return { timeZone: derived, source: 'derived' };
}

/** The campaign's zone; `campaign` is the campaign itself or its id (then read through Polis, which checks the tenant). */
export async function campaignTimeZone(auth: AuthContext, campaign: Campaign | string): Promise<string> {
  const stored = typeof campaign === 'string' ? await readCampaignTimeZone(auth.organization.id, campaign) : undefined;
  if (stored) return stored.timeZone;
  const resolved = typeof campaign === 'string' ? await auth.polis.getCampaign(campaign) : campaign;
  return (await campaignTimeZoneSetting(auth, resolved)).timeZone;
}

async function deriveTimeZone(auth: AuthContext, campaign: Campaign): Promise<string | undefined> {
  const listIds = campaign.data.lists.map((list) => JSON.stringify(list.listId));
  if (listIds.length === 0) return undefined;
  const { data } = await auth.polis.listContacts({ filter: `/data/listId in [${listIds.join(',')}]`, limit: SAMPLE });
  const points = data.flatMap((contact) => {
    const coordinates = contact.data.profile?.address?.position?.coordinates;
    return coordinates ? [[coordinates[1], coordinates[0]] as const] : [];
  });
  return zoneOfPoints(points);
}
