'use server';
/**
 * The grid's save: one typed row of a paper sheet becomes an interaction
 * through manual entry itself (the same schemas, the same idempotent id, the
 * same canvasser credit). Organizers only.
 */
import { z } from 'zod';
import { withInput, type ActionState } from '@/lib/auth/action';
import { enterInteraction, type EntryState } from '@/lib/interactions/actions';
import { manualEntrySchema } from '@/lib/interactions/correction';
import { IdSchema } from '@/lib/polis/schemas';
import { PAPER_PERMISSION } from './access';

const RowInput = z.object({ campaignId: IdSchema, values: manualEntrySchema() });

export type SheetRowState = ActionState & { interactionId?: string };

export async function saveSheetRow(input: z.input<typeof RowInput>): Promise<SheetRowState> {
  return withInput(PAPER_PERMISSION, RowInput, input, async ({ campaignId, values }): Promise<SheetRowState> => {
    const entered: EntryState = await enterInteraction({ campaignId, values });
    return entered.ok ? { ok: true, interactionId: entered.interactionId } : entered;
  });
}
