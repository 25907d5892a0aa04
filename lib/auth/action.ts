/**
 * The one gate every server action passes: the request comes from this
 * site, a session exists, its role has the permission; then the action's
 * body runs, and a Polis failure becomes a form state that keeps the input.
 *
 * @example
 *   export async function deleteThing(input: unknown) {
 *     return withPermission('modify@interactions', async (auth) => { ... return { ok: true }; });
 *   }
 */
import 'server-only';
import { headers } from 'next/headers';
import { PolisApiError } from '@/lib/polis/client';
import type { Permission } from '@/lib/polis/schemas';
import { getAuth, type AuthContext } from './session';

/** What a form gets back: never a thrown error, always something to show next to what the user typed. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The session ended: the form keeps its values and offers to sign in again. */
  reauth?: boolean;
  /** A failure worth retrying as is (network, Polis unavailable). */
  retry?: boolean;
};

async function sameSite(): Promise<boolean> {
  const h = await headers();
  const origin = h.get('origin');
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function polisFailure(error: unknown): ActionState {
  if (!(error instanceof PolisApiError)) throw error;
  if (error.status === 401) return { ok: false, reauth: true, message: 'Your Polis session has ended. Sign in again; what you entered here is kept.' };
  if (error.status === 429) {
    // The client already waited and retried; its message says for how long Polis asks to wait.
    return { ok: false, retry: true, message: `Nothing was saved: ${error.message} Your entries are still here.` };
  }
  if (error.status === 0 || error.status >= 500) {
    return { ok: false, retry: true, message: 'Polis could not be reached, so nothing was saved. Your entries are still here: try again.' };
  }
  if (error.status === 403) return { ok: false, message: `Polis refused: ${error.message}` };
  return { ok: false, message: error.message };
}

export async function withPermission<S extends ActionState>(permission: Permission, body: (auth: AuthContext) => Promise<S>): Promise<S | ActionState> {
  if (!(await sameSite())) return { ok: false, message: 'This request did not come from the dashboard and was refused.' };
  const auth = await getAuth();
  if (!auth) return { ok: false, reauth: true, message: 'Your session has ended. Sign in again; what you entered here is kept.' };
  if (!auth.can(permission)) return { ok: false, message: `Your role (${auth.role}) may not do this: it needs ${permission}.` };
  try {
    return await body(auth);
  } catch (error) {
    return polisFailure(error);
  }
}
