/**
 * The dashboard's own record of review decisions: for each resolved shift,
 * who decided, when, why, under which rule-set version, and the outcome
 * (`looks-fine`, `confirmed`, `recontact`); for a recontact, its call list
 * and, per contact, whether the visit was confirmed. Kept in the
 * dashboard's store beside the correction log.
 *
 * @example
 *   await saveResolution({ organizationId, campaignId, shiftKey, canvasserId, interactionIds, status: 'looks-fine', reason, user });
 *   const latest = await resolutionsByInteraction(organizationId, campaignId); // Map<interactionId, Resolution>
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { openStore } from '@/lib/store/store';
import type { CallRow, ResolutionRow } from '@/lib/store/tables';
import { RULE_SET_VERSION } from './model';

export const RESOLUTION_STATUSES = ['looks-fine', 'confirmed', 'recontact'] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

export type Resolution = {
  id: string;
  shiftKey: string;
  canvasserId: string;
  interactionIds: string[];
  status: ResolutionStatus;
  reason: string;
  ruleSetVersion: string;
  score: number;
  userName: string;
  created: string;
};

export type CallListEntry = {
  id: string;
  interactionId: string;
  contactId: string;
  name: string;
  phone: string;
  address: string;
  recorded: string;
  outcome: CallRow['outcome'];
  outcomeAt: string | null;
};

const toResolution = (row: ResolutionRow): Resolution => ({
  id: row.id,
  shiftKey: row.shift_key,
  canvasserId: row.canvasser_id,
  interactionIds: JSON.parse(row.interaction_ids) as string[],
  status: row.status,
  reason: row.reason,
  ruleSetVersion: row.rule_set_version,
  score: row.score,
  userName: row.user_name,
  created: row.created,
});

export async function saveResolution(entry: {
  organizationId: string;
  campaignId: string;
  shiftKey: string;
  canvasserId: string;
  interactionIds: string[];
  status: ResolutionStatus;
  reason: string;
  score: number;
  /** The rule set the shift was flagged under (the campaign's thresholds folded in); the plain version when not given. */
  ruleSetVersion?: string;
  user: { id: string; name: string };
  calls?: Omit<CallListEntry, 'id' | 'outcome' | 'outcomeAt'>[];
}): Promise<Resolution> {
  const { db } = await openStore();
  const row: ResolutionRow = {
    id: randomUUID(),
    organization_id: entry.organizationId,
    campaign_id: entry.campaignId,
    shift_key: entry.shiftKey,
    canvasser_id: entry.canvasserId,
    interaction_ids: JSON.stringify(entry.interactionIds),
    status: entry.status,
    reason: entry.reason,
    rule_set_version: entry.ruleSetVersion ?? RULE_SET_VERSION,
    score: entry.score,
    user_id: entry.user.id,
    user_name: entry.user.name,
    created: new Date().toISOString(),
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('review_resolution').values(row).execute();
    for (const call of entry.calls ?? []) {
      await tx
        .insertInto('review_call')
        .values({
          id: randomUUID(),
          resolution_id: row.id,
          organization_id: entry.organizationId,
          interaction_id: call.interactionId,
          contact_id: call.contactId,
          name: call.name,
          phone: call.phone,
          address: call.address,
          recorded: call.recorded,
          outcome: null,
          outcome_by: null,
          outcome_at: null,
        })
        .execute();
    }
  });
  return toResolution(row);
}

/** Every resolution of a campaign, oldest first (so the latest wins when folded into a map); insertion order breaks ties within one millisecond. */
export async function listResolutions(organizationId: string, campaignId: string): Promise<Resolution[]> {
  const { db, engine } = await openStore();
  const rows = await db
    .selectFrom('review_resolution')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .orderBy('created')
    .orderBy(engine === 'postgres' ? 'seq' : ('rowid' as never))
    .execute();
  return rows.map(toResolution);
}

/** The latest resolution touching each interaction. */
export async function resolutionsByInteraction(organizationId: string, campaignId: string): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  for (const resolution of await listResolutions(organizationId, campaignId)) for (const id of resolution.interactionIds) out.set(id, resolution);
  return out;
}

export async function getResolution(organizationId: string, resolutionId: string): Promise<(Resolution & { campaignId: string }) | null> {
  const { db } = await openStore();
  const row = await db
    .selectFrom('review_resolution')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', resolutionId)
    .executeTakeFirst();
  return row ? { ...toResolution(row), campaignId: row.campaign_id } : null;
}

export async function listCalls(organizationId: string, resolutionId: string): Promise<CallListEntry[]> {
  const { db } = await openStore();
  const rows = await db
    .selectFrom('review_call')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('resolution_id', '=', resolutionId)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    interactionId: row.interaction_id,
    contactId: row.contact_id,
    name: row.name,
    phone: row.phone,
    address: row.address,
    recorded: row.recorded,
    outcome: row.outcome,
    outcomeAt: row.outcome_at,
  }));
}

/** Records what the call found; only a call of the caller's organization can be changed. */
export async function recordCallOutcome(organizationId: string, callId: string, outcome: 'confirmed' | 'not-confirmed', userId: string): Promise<boolean> {
  const { db } = await openStore();
  const result = await db
    .updateTable('review_call')
    .set({ outcome, outcome_by: userId, outcome_at: new Date().toISOString() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', callId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
