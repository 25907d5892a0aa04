/**
 * The dashboard's own settings of a campaign, kept beside the correction log
 * in the dashboard's database (Polis has no place for them): today its time
 * zone, either derived from the households or chosen by an organizer.
 *
 * @example
 *   await saveCampaignTimeZone({ organizationId, campaignId, timeZone: 'America/Denver', source: 'organizer', userId });
 *   const setting = await readCampaignTimeZone(organizationId, campaignId); // { timeZone, source } | undefined
 */
import 'server-only';
import type { Kysely, Migration } from 'kysely';
import { databasePath, openSqlite } from '@/lib/db/sqlite';

type CampaignSettingsRow = {
  organization_id: string;
  campaign_id: string;
  time_zone: string;
  /** `derived` from the households' coordinates, or `organizer` when someone chose it. */
  time_zone_source: 'derived' | 'organizer';
  updated_by: string | null;
  updated: string;
};

type SettingsDatabase = { campaign_settings: CampaignSettingsRow };

const migrations: Record<string, Migration> = {
  '0001_campaign_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('campaign_settings')
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('time_zone_source', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_settings_pk', ['organization_id', 'campaign_id'])
        .execute();
    },
  },
};

const open = () => openSqlite<SettingsDatabase>(databasePath(), { migrations, migrationTable: 'campaign_settings_migration' });

export type CampaignTimeZoneSetting = { timeZone: string; source: CampaignSettingsRow['time_zone_source'] };

export async function readCampaignTimeZone(organizationId: string, campaignId: string): Promise<CampaignTimeZoneSetting | undefined> {
  const db = await open();
  const row = await db
    .selectFrom('campaign_settings')
    .select(['time_zone', 'time_zone_source'])
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row && { timeZone: row.time_zone, source: row.time_zone_source };
}

/** Saves a campaign's zone; a derived zone never replaces an organizer's choice. */
export async function saveCampaignTimeZone(entry: { organizationId: string; campaignId: string; timeZone: string; source: CampaignSettingsRow['time_zone_source']; userId?: string }): Promise<void> {
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
      const update = conflict.columns(['organization_id', 'campaign_id']).doUpdateSet({ time_zone: values.time_zone, time_zone_source: values.time_zone_source, updated_by: values.updated_by, updated: values.updated });
      return entry.source === 'derived' ? update.where('campaign_settings.time_zone_source', '=', 'derived') : update;
    })
    .execute();
}
