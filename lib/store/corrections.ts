/**
 * The correction log: the dashboard's own record of every change it made
 * through the Polis API (who, when, which interaction, the patch, the
 * reason, the etag before and after), kept in the dashboard's store and
 * written only after Polis accepted the change.
 *
 * @example
 *   await logCorrection({ action: 'correct', interactionId, patch, reason, etagBefore, etagAfter, ... });
 *   const history = await listCorrections(organizationId, interactionId);
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { PatchOperation } from '@/lib/polis/schemas';
import { openStore } from './store';
import type { ChangeLine, CorrectionRow } from './tables';

export type Correction = {
  id: string;
  action: CorrectionRow['action'];
  userName: string;
  reason: string;
  patch: PatchOperation[];
  etagBefore: string | null;
  etagAfter: string | null;
  created: string;
  changes: ChangeLine[] | null;
};

type CorrectionEntry = {
  organizationId: string;
  campaignId: string;
  interactionId: string;
  action: CorrectionRow['action'];
  user: { id: string; name: string };
  reason: string;
  patch: PatchOperation[];
  etagBefore: string | null;
  etagAfter: string | null;
  changes?: ChangeLine[];
};

export async function logCorrection(entry: CorrectionEntry): Promise<void> {
  await logCorrections([entry]);
}

/** Rows a multi-row insert carries: 13 parameters each, far below every engine's limit. */
const CORRECTIONS_PER_INSERT = 200;

/** Logs several changes (an import's batch) with a statement per 200 rather than one each. */
export async function logCorrections(entries: CorrectionEntry[]): Promise<void> {
  const { db } = await openStore();
  for (let i = 0; i < entries.length; i += CORRECTIONS_PER_INSERT) {
    const created = new Date().toISOString();
    await db
      .insertInto('correction_log')
      .values(
        entries.slice(i, i + CORRECTIONS_PER_INSERT).map((entry) => ({
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
          created,
          changes: entry.changes ? JSON.stringify(entry.changes) : null,
        })),
      )
      .execute();
  }
}

/** An interaction's corrections, newest first, for the organization that made them. */
export async function listCorrections(organizationId: string, interactionId: string): Promise<Correction[]> {
  const { db } = await openStore();
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
    changes: row.changes ? (JSON.parse(row.changes) as ChangeLine[]) : null,
  }));
}

/** Interactions of a campaign the dashboard entered by hand (from paper sheets), for the review rules' exemptions. */
export async function listEnteredByHand(organizationId: string, campaignId: string): Promise<string[]> {
  const { db } = await openStore();
  const rows = await db
    .selectFrom('correction_log')
    .select('interaction_id')
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .where('action', '=', 'create')
    .execute();
  return rows.map((row) => row.interaction_id);
}
