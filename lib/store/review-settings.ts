/**
 * An organizer's changes to a campaign's review thresholds, kept in the
 * dashboard's store (Polis has no place for them): only what differs from
 * the defaults, by where each sits in the settings, with who changed it and when.
 *
 * @example
 *   await saveReviewThresholds({ organizationId, campaignId, thresholds: { shiftGapMinutes: 45 }, userId });
 *   await readReviewThresholds(organizationId, campaignId); // { thresholds: { shiftGapMinutes: 45 }, updatedBy, updated } | undefined
 */
import 'server-only';
import { openStore } from './store';

export type StoredThresholds = { thresholds: Record<string, number>; updatedBy: string; updated: string };

export async function readReviewThresholds(organizationId: string, campaignId: string): Promise<StoredThresholds | undefined> {
  const { db } = await openStore();
  const row = await db
    .selectFrom('review_settings')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  if (!row) return undefined;
  let thresholds: Record<string, number> = {};
  try {
    const parsed: unknown = JSON.parse(row.thresholds);
    if (parsed && typeof parsed === 'object')
      thresholds = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    // A damaged row reads as no changes: the defaults apply.
  }
  return { thresholds, updatedBy: row.updated_by, updated: row.updated };
}

/** Replaces the campaign's changes; an empty set means the defaults again. */
export async function saveReviewThresholds(entry: {
  organizationId: string;
  campaignId: string;
  thresholds: Record<string, number>;
  userId: string;
}): Promise<void> {
  const { db } = await openStore();
  const values = {
    organization_id: entry.organizationId,
    campaign_id: entry.campaignId,
    thresholds: JSON.stringify(entry.thresholds),
    updated_by: entry.userId,
    updated: new Date().toISOString(),
  };
  await db
    .insertInto('review_settings')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'campaign_id'])
        .doUpdateSet({ thresholds: values.thresholds, updated_by: values.updated_by, updated: values.updated }),
    )
    .execute();
}
