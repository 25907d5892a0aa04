'use server';
/**
 * The import's two steps as server actions, organizers only: the gate
 * (site, session, permission, input) then the work in the import service.
 */
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { withInput } from '@/lib/auth/action';
import { PAPER_PERMISSION } from './access';
import { ContextInput, importContextFor, SendInput, sendRows, type ImportContextState, type SendState } from './import-service';

export async function loadImportContext(input: z.input<typeof ContextInput>): Promise<ImportContextState> {
  return withInput(PAPER_PERMISSION, ContextInput, input, (parsed, auth) => importContextFor(auth, parsed));
}

export async function sendImportRows(input: z.input<typeof SendInput>): Promise<SendState> {
  return withInput(PAPER_PERMISSION, SendInput, input, async (parsed, auth) => {
    const sent = await sendRows(auth, parsed);
    if (sent.outcomes?.some((o) => o.result === 'created')) revalidatePath(`/campaigns/${parsed.campaignId}`, 'layout');
    return sent;
  });
}
