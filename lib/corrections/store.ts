/**
 * The correction log: the dashboard's own record of every change it made
 * through the Polis API (who, when, which interaction, the patch, the
 * reason, the etag before and after). It lives beside the sandbox's tables
 * in the same database file, with its own migrations, and is written only
 * after Polis accepted the change.
 *
 * @example
 *   await logCorrection({ action: 'correct', interactionId, patch, reason, etagBefore, etagAfter, ... });
 *   const history = await listCorrections(organizationId, interactionId);
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import { databasePath, openSqlite } from '@/lib/db/sqlite';
import type { PatchOperation } from '@/lib/polis/schemas';

type CorrectionRow = {
  id: string;
  organization_id: string;
  campaign_id: string;
  interaction_id: string;
  action: 'correct' | 'delete' | 'create';
  user_id: string;
  user_name: string;
  reason: string;
  patch: string;
  etag_before: string | null;
  etag_after: string | null;
  created: string;
};

type DashboardDatabase = { correction_log: CorrectionRow };

const migrations: Record<string, Migration> = {
  '0001_correction_log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('correction_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('interaction_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('patch', 'text', (c) => c.notNull())
        .addColumn('etag_before', 'text')
        .addColumn('etag_after', 'text')
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('correction_log_interaction').on('correction_log').columns(['organization_id', 'interaction_id', 'created']).execute();
    },
  },
};

const open = () => openSqlite<DashboardDatabase>(databasePath(), { migrations, migrationTable: 'dashboard_migration' });

export type Correction = {
  id: string;
  action: CorrectionRow['action'];
  userName: string;
  reason: string;
  patch: PatchOperation[];
  etagBefore: string | null;
  etagAfter: string | null;
  created: string;
};

export async function logCorrection(entry: {
  organizationId: string;
  campaignId: string;
  interactionId: string;
  action: CorrectionRow['action'];
  user: { id: string; name: string };
  reason: string;
  patch: PatchOperation[];
  etagBefore: string | null;
  etagAfter: string | null;
}): Promise<void> {
  const db = await open();
  await db
    .insertInto('correction_log')
    .values({
      id: randomUUID(),
      organization_id: entry.organizationId,
      campaign_id: entry.campaignId,
      interaction_id: entry.interactionId,
      action: entry.action,
      user_id: entry.user.id,
      user_name: entry.user.name,
      reason: entry.reason,
      patch: JSON.stringify(entry.patch),
      etag_before: entry.etagBefore,
      etag_after: entry.etagAfter,
      created: new Date().toISOString(),
    })
    .execute();
}

/** An interaction's corrections, newest first, for the organization that made them. */
export async function listCorrections(organizationId: string, interactionId: string): Promise<Correction[]> {
  const db = await open();
  const rows = await db
    .selectFrom('correction_log')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('interaction_id', '=', interactionId)
    .orderBy('created', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    userName: row.user_name,
    reason: row.reason,
    patch: JSON.parse(row.patch) as PatchOperation[],
    etagBefore: row.etag_before,
    etagAfter: row.etag_after,
    created: row.created,
  }));
}

/** Interactions of a campaign the dashboard entered by hand (from paper sheets), for the review rules' exemptions. */
export async function listEnteredByHand(organizationId: string, campaignId: string): Promise<string[]> {
  const db = await open();
  const rows = await db.selectFrom('correction_log').select('interaction_id').where('organization_id', '=', organizationId).where('campaign_id', '=', campaignId).where('action', '=', 'create').execute();
  return rows.map((row) => row.interaction_id);
}
