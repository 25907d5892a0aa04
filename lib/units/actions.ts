'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withPermission, type ActionState } from '@/lib/auth/action';
import { chooseUnitSystem } from './preference';
import { UNIT_SYSTEMS } from './units';

const UnitInput = z.object({ unitSystem: z.enum(UNIT_SYSTEMS, 'Choose metres and kilometres, or feet and miles') });

/** The organization's unit system, for every page and every member; organizers choose it. */
export async function saveUnitSystem(_previous: ActionState | null, form: FormData): Promise<ActionState> {
  const result = await withPermission('modify@interactions', async (auth) => {
    const parsed = UnitInput.safeParse({ unitSystem: form.get('unitSystem') });
    if (!parsed.success) return { ok: false, message: 'Some fields need attention.', fieldErrors: { unitSystem: parsed.error.issues[0]!.message } };
    await chooseUnitSystem(auth.organization.id, parsed.data.unitSystem, auth.user.id);
    return { ok: true, message: 'Distances are now shown in this unit system on every page.' };
  });
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
