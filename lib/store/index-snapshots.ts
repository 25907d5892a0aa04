/**
 * Point-index snapshots and build leases, per organization and campaign.
 * A snapshot is the index's binary form with the `meta.modified` watermark
 * it reflects; a lease says which instance builds a campaign's index, and
 * lapses on its own when that instance dies.
 *
 * @example
 *   if (await acquireLease(org, campaign, myId, 30_000)) { build; await saveSnapshot(...); await releaseLease(org, campaign, myId); }
 *   const snapshot = await loadSnapshot(org, campaign); // { formatVersion, watermark, data } | null
 */
import 'server-only';
import { openStore } from './store';

export type Snapshot = { formatVersion: number; watermark: string; data: Uint8Array; created: string };

/** Bytes a snapshot is stored in per row. */
const PART_BYTES = 4 << 20;

/** Stores the campaign's snapshot in place of the last one, whole or not at all. */
export async function saveSnapshot(organizationId: string, campaignId: string, snapshot: Omit<Snapshot, 'created'>): Promise<void> {
  const { db } = await openStore();
  const header = {
    organization_id: organizationId,
    campaign_id: campaignId,
    format_version: snapshot.formatVersion,
    watermark: snapshot.watermark,
    created: new Date().toISOString(),
  };
  await db.transaction().execute(async (tx) => {
    // The header first: its row lock makes a second instance saving the same campaign wait for this one.
    await tx
      .insertInto('index_snapshot')
      .values(header)
      .onConflict((conflict) =>
        conflict
          .columns(['organization_id', 'campaign_id'])
          .doUpdateSet({ format_version: header.format_version, watermark: header.watermark, created: header.created }),
      )
      .execute();
    await tx.deleteFrom('index_snapshot_part').where('organization_id', '=', organizationId).where('campaign_id', '=', campaignId).execute();
    for (let part = 0, offset = 0; offset < snapshot.data.length || part === 0; part++, offset += PART_BYTES) {
      await tx
        .insertInto('index_snapshot_part')
        .values({ organization_id: organizationId, campaign_id: campaignId, part, data: snapshot.data.subarray(offset, offset + PART_BYTES) })
        .execute();
    }
  });
}

/** The campaign's snapshot, read in one statement so that a save under way is seen whole or not at all. */
export async function loadSnapshot(organizationId: string, campaignId: string): Promise<Snapshot | null> {
  const { db } = await openStore();
  const rows = await db
    .selectFrom('index_snapshot as s')
    .innerJoin('index_snapshot_part as p', (join) => join.onRef('p.organization_id', '=', 's.organization_id').onRef('p.campaign_id', '=', 's.campaign_id'))
    .select(['s.format_version', 's.watermark', 's.created', 'p.data'])
    .where('s.organization_id', '=', organizationId)
    .where('s.campaign_id', '=', campaignId)
    .orderBy('p.part')
    .execute();
  if (rows.length === 0) return null;
  const data = rows.length === 1 ? new Uint8Array(rows[0]!.data) : new Uint8Array(Buffer.concat(rows.map((row) => row.data)));
  return { formatVersion: rows[0]!.format_version, watermark: rows[0]!.watermark, data, created: rows[0]!.created };
}

/** The campaigns whose snapshots were saved since `since`, newest first. */
export async function recentSnapshots(since: string, limit: number): Promise<{ organizationId: string; campaignId: string; created: string }[]> {
  const { db } = await openStore();
  const rows = await db
    .selectFrom('index_snapshot')
    .select(['organization_id', 'campaign_id', 'created'])
    .where('created', '>=', since)
    .orderBy('created', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ organizationId: row.organization_id, campaignId: row.campaign_id, created: row.created }));
}

/** How long changes are kept for instances that have not yet seen them. */
const CHANGE_KEPT_MS = 60 * 60_000;

/** Records a change made through this instance, for the other instances' indexes of the campaign. */
export async function publishChange(organizationId: string, campaignId: string, instance: string, change: unknown): Promise<void> {
  await publishChanges(organizationId, campaignId, instance, [change]);
}

/** Rows a multi-row insert of changes carries. */
const CHANGES_PER_INSERT = 200;

/** Records several changes at once (an import's batch), in their order, then forgets those past their keeping time once. */
export async function publishChanges(organizationId: string, campaignId: string, instance: string, changes: unknown[]): Promise<void> {
  if (changes.length === 0) return;
  const { db } = await openStore();
  const now = Date.now();
  const created = new Date(now).toISOString();
  for (let i = 0; i < changes.length; i += CHANGES_PER_INSERT) {
    await db
      .insertInto('index_change')
      .values(
        changes
          .slice(i, i + CHANGES_PER_INSERT)
          .map((change) => ({ organization_id: organizationId, campaign_id: campaignId, instance, change: JSON.stringify(change), created })),
      )
      .execute();
  }
  await db
    .deleteFrom('index_change')
    .where('created', '<', new Date(now - CHANGE_KEPT_MS).toISOString())
    .execute();
}

/** The newest change's number (0 when none), where a fresh index starts listening. */
export async function latestChange(organizationId: string, campaignId: string): Promise<number> {
  const { db } = await openStore();
  const row = await db
    .selectFrom('index_change')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Changes of the campaign after `seq` made through other instances than `instance`, oldest first, and the last number read. */
export async function changesSince(organizationId: string, campaignId: string, seq: number, instance: string): Promise<{ last: number; changes: unknown[] }> {
  const { db } = await openStore();
  const rows = await db
    .selectFrom('index_change')
    .select(['seq', 'instance', 'change'])
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
  return {
    last: rows.length ? Number(rows.at(-1)!.seq) : seq,
    changes: rows.filter((row) => row.instance !== instance).map((row) => JSON.parse(row.change) as unknown),
  };
}

/**
 * Takes (or renews) the lease on building a campaign's index for `ttlMs`:
 * true when `holder` holds it now, false while another holder's lease runs.
 * One statement, so two instances racing for it cannot both win.
 */
export async function acquireLease(organizationId: string, campaignId: string, holder: string, ttlMs: number): Promise<boolean> {
  const { db } = await openStore();
  const now = Date.now();
  const taken = await db
    .insertInto('index_lease')
    .values({ organization_id: organizationId, campaign_id: campaignId, holder, expires: now + ttlMs })
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'campaign_id'])
        .doUpdateSet({ holder, expires: now + ttlMs })
        .where((eb) => eb.or([eb('index_lease.holder', '=', holder), eb('index_lease.expires', '<', now)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return taken?.holder === holder;
}

export async function releaseLease(organizationId: string, campaignId: string, holder: string): Promise<void> {
  const { db } = await openStore();
  await db.deleteFrom('index_lease').where('organization_id', '=', organizationId).where('campaign_id', '=', campaignId).where('holder', '=', holder).execute();
}
