/**
 * Whose paper sheet an interaction entered by hand came from. Polis records
 * the organizer who typed it as its creator; the dashboard keeps the sheet's
 * canvasser in its own store, beside the correction log, and credits them
 * everywhere it counts people (the point index reads it, so the canvasser figures, the
 * review queue's shifts and the replay follow).
 *
 * @example
 *   await savePaperCredit({ organizationId, campaignId, interactionId, canvasserId, enteredBy });
 *   const credits = await listPaperCredits(organizationId, campaignId); // Map<interactionId, canvasserId>
 */
import 'server-only';
import { openStore } from './store';

const open = async () => (await openStore()).db;

type PaperCredit = { organizationId: string; campaignId: string; interactionId: string; canvasserId: string; enteredBy: string };

/** Records the sheet's canvasser; a retried entry keeps the first credit. */
export async function savePaperCredit(entry: PaperCredit): Promise<void> {
  await savePaperCredits([entry]);
}

/** Records the sheets' canvassers of several entries in one statement (an import's batch); retried entries keep their first credit. */
export async function savePaperCredits(entries: PaperCredit[]): Promise<void> {
  if (entries.length === 0) return;
  const db = await open();
  const created = new Date().toISOString();
  await db
    .insertInto('paper_credit')
    .values(
      entries.map((entry) => ({
        organization_id: entry.organizationId,
        campaign_id: entry.campaignId,
        interaction_id: entry.interactionId,
        canvasser_id: entry.canvasserId,
        entered_by: entry.enteredBy,
        created,
      })),
    )
    .onConflict((conflict) => conflict.columns(['organization_id', 'interaction_id']).doNothing())
    .execute();
}

export async function readPaperCredit(organizationId: string, interactionId: string): Promise<{ canvasserId: string; enteredBy: string } | undefined> {
  const db = await open();
  const row = await db
    .selectFrom('paper_credit')
    .select(['canvasser_id', 'entered_by'])
    .where('organization_id', '=', organizationId)
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  return row && { canvasserId: row.canvasser_id, enteredBy: row.entered_by };
}

/** interaction id → the credited canvasser's user id, for one campaign. */
export async function listPaperCredits(organizationId: string, campaignId: string): Promise<Map<string, string>> {
  const db = await open();
  const rows = await db
    .selectFrom('paper_credit')
    .select(['interaction_id', 'canvasser_id'])
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .execute();
  return new Map(rows.map((row) => [row.interaction_id, row.canvasser_id]));
}
