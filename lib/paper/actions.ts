'use server';
/**
 * The grid's save: one typed row of a paper sheet becomes an interaction
 * through manual entry itself (the same schemas, the same idempotent id), and
 * its canvasser is credited. Organizers only.
 */
import { z } from 'zod';
import { withInput, type ActionState } from '@/lib/auth/action';
import { enterInteraction, type EntryState } from '@/lib/interactions/actions';
import { manualEntrySchema } from '@/lib/interactions/correction';
import { IdSchema } from '@/lib/polis/schemas';
import { PAPER_PERMISSION } from './access';
import { recordSheetCredit } from './credit';

const CanvasserSchema = z.string().trim().min(1, 'Name the canvasser whose sheet this is').max(120, 'Keep the canvasser’s name to 120 characters or fewer');

const RowInput = z.object({ campaignId: IdSchema, canvasser: CanvasserSchema, values: manualEntrySchema() });

export type SheetRowState = ActionState & { interactionId?: string };

export async function saveSheetRow(input: z.input<typeof RowInput>): Promise<SheetRowState> {
  return withInput(PAPER_PERMISSION, RowInput, input, async ({ campaignId, canvasser, values }, auth): Promise<SheetRowState> => {
    const entered: EntryState = await enterInteraction({ campaignId, values });
    if (!entered.ok || !('interactionId' in entered) || !entered.interactionId) return entered;
    await recordSheetCredit({ organizationId: auth.organization.id, campaignId, interactionId: entered.interactionId, canvasser, userId: auth.user.id });
    return { ok: true, interactionId: entered.interactionId };
  });
}
