/**
 * Whose paper sheet a typed or imported visit came from. Polis records the
 * signed-in organizer as the interaction's author, so the canvasser who
 * walked the sheet is kept in the dashboard's own store, one credit per
 * interaction (a retry keeps the first).
 *
 * @example
 *   await recordSheetCredit({ organizationId, campaignId, interactionId, canvasser: 'Dana Reyes', userId });
 */
import 'server-only';
import type { Kysely, Migration } from 'kysely';
import { databasePath, openSqlite } from '@/lib/db/sqlite';

type CreditRow = { organization_id: string; interaction_id: string; campaign_id: string; canvasser: string; entered_by: string; entered: string };
type CreditDatabase = { paper_credits: CreditRow };

const migrations: Record<string, Migration> = {
  '0001_paper_credits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('paper_credits')
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('interaction_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('canvasser', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('paper_credits_pk', ['organization_id', 'interaction_id'])
        .execute();
    },
  },
};

const open = () => openSqlite<CreditDatabase>(databasePath(), { migrations, migrationTable: 'paper_credits_migration' });

export type SheetCredit = { organizationId: string; campaignId: string; interactionId: string; canvasser: string; userId: string };

/** The one place a paper visit's canvasser is recorded; the canvassers' credit store takes this over when it lands. */
export async function recordSheetCredit(credits: SheetCredit | SheetCredit[]): Promise<void> {
  const rows = (Array.isArray(credits) ? credits : [credits]).map((c) => ({
    organization_id: c.organizationId,
    interaction_id: c.interactionId,
    campaign_id: c.campaignId,
    canvasser: c.canvasser,
    entered_by: c.userId,
    entered: new Date().toISOString(),
  }));
  if (rows.length === 0) return;
  const db = await open();
  await db.insertInto('paper_credits').values(rows).onConflict((c) => c.columns(['organization_id', 'interaction_id']).doNothing()).execute();
}

export async function readSheetCredit(organizationId: string, interactionId: string): Promise<string | undefined> {
  const db = await open();
  const row = await db.selectFrom('paper_credits').select('canvasser').where('organization_id', '=', organizationId).where('interaction_id', '=', interactionId).executeTakeFirst();
  return row?.canvasser;
}
