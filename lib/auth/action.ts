/**
 * The one gate every server action passes: the request comes from this
 * site, a session exists, its role has the permission; then the action's
 * body runs, and a Polis failure becomes a form state that keeps the input.
 *
 * @example
 *   const DeleteInput = z.object({ id: IdSchema, reason: z.string().min(3) });
 *   export async function deleteThing(input: z.input<typeof DeleteInput>) {
 *     return withInput('modify@interactions', DeleteInput, input, async ({ id, reason }, auth) => { ... return { ok: true }; });
 *   }
 */
import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
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

/**
 * zod issues as `{ field: message }`, named as the form names its fields
 * (`answers.<question id>`, `lat`): a form's values travel under `values`,
 * which the form itself does not name.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path[0] === 'values' ? issue.path.slice(1) : issue.path;
    errors[path.join('.') || 'form'] ??= issue.message;
  }
  return errors;
}

/**
 * The gate, then the parse: the permission is checked first, then `input`
 * is parsed with `schema` (a failure answers with field errors, before
 * anything reaches Polis), then the body runs with the typed input.
 */
export async function withInput<Schema extends z.ZodType, S extends ActionState>(
  permission: Permission,
  schema: Schema,
  input: unknown,
  body: (input: z.output<Schema>, auth: AuthContext) => Promise<S>,
  invalidMessage = 'Some fields need attention.',
): Promise<S | ActionState> {
  return withPermission(permission, async (auth) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, message: invalidMessage, fieldErrors: fieldErrors(parsed.error) };
    return body(parsed.data, auth);
  });
}
