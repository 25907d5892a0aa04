/**
 * The dashboard's own settings of a campaign, kept beside the correction log
 * in the dashboard's database (Polis has no place for them): today its time
 * zone, either derived from the households or chosen by an organizer. Its
 * table is one of the store's migrations, on SQLite or PostgreSQL alike.
 *
 * @example
 *   await saveCampaignTimeZone({ organizationId, campaignId, timeZone: 'America/Denver', source: 'organizer', userId });
 *   const setting = await readCampaignTimeZone(organizationId, campaignId); // { timeZone, source } | undefined
 */
import 'server-only';
import { openStore } from './store';
import type { CampaignSettingsRow } from './tables';

const open = async () => (await openStore()).db;

export type CampaignTimeZoneSetting = { timeZone: string; source: CampaignSettingsRow['time_zone_source'] };

/**
 * Zones read in the last few seconds: every map request needs its campaign's
 * zone, and a store round trip each time was a good part of a cached map
 * request. A change made here is seen at once; one made through another
 * instance within CACHE_MS.
 */
const CACHE_MS = 5000;
const cache = new Map<string, { setting: CampaignTimeZoneSetting | undefined; until: number }>();
const cacheKey = (organizationId: string, campaignId: string) => `${organizationId}:${campaignId}`;

export async function readCampaignTimeZone(organizationId: string, campaignId: string): Promise<CampaignTimeZoneSetting | undefined> {
  const key = cacheKey(organizationId, campaignId);
  const cached = cache.get(key);
  if (cached && cached.until > Date.now()) return cached.setting;
  const db = await open();
  const row = await db
    .selectFrom('campaign_settings')
    .select(['time_zone', 'time_zone_source'])
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  const setting = row && { timeZone: row.time_zone, source: row.time_zone_source };
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { setting, until: Date.now() + CACHE_MS });
  return setting;
}

/** Saves a campaign's zone; a derived zone never replaces an organizer's choice. */
export async function saveCampaignTimeZone(entry: {
  organizationId: string;
  campaignId: string;
  timeZone: string;
  source: CampaignSettingsRow['time_zone_source'];
  userId?: string;
}): Promise<void> {
  const db = await open();
  const values = {
    organization_id: entry.organizationId,
    campaign_id: entry.campaignId,
    time_zone: entry.timeZone,
    time_zone_source: entry.source,
    updated_by: entry.userId ?? null,
    updated: new Date().toISOString(),
  };
  await db
    .insertInto('campaign_settings')
    .values(values)
    .onConflict((conflict) => {
      const update = conflict
        .columns(['organization_id', 'campaign_id'])
        .doUpdateSet({ time_zone: values.time_zone, time_zone_source: values.time_zone_source, updated_by: values.updated_by, updated: values.updated });
      return entry.source === 'derived' ? update.where('campaign_settings.time_zone_source', '=', 'derived') : update;
    })
    .execute();
  cache.delete(cacheKey(entry.organizationId, entry.campaignId));
}
