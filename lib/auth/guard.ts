/**
 * The one gate for route handlers: a session, then the permission, then the
 * ids in the path (each must be a UUID, else 400 naming it), then the
 * handler; a Polis refusal becomes the matching status with its message,
 * never a stack trace.
 *
 * @example
 *   export const GET = withAuthRoute('read@interactions', async (auth, request, params) => Response.json(...));
 */
import 'server-only';
import { PolisApiError } from '@/lib/polis/client';
import { IdSchema, type Permission } from '@/lib/polis/schemas';
import { withSecurityHeaders } from '@/lib/security/headers';
import { settings } from '@/lib/settings';
import { getAuth, type AuthContext } from './session';

type RouteContext<P> = { params: Promise<P> };

export function withAuthRoute<P>(permission: Permission, handler: (auth: AuthContext, request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> =>
    withSecurityHeaders(await answer(permission, handler, request, context), { appUrl: settings.appUrl });
}

async function answer<P>(
  permission: Permission,
  handler: (auth: AuthContext, request: Request, params: P) => Promise<Response>,
  request: Request,
  context: RouteContext<P>,
) {
  const auth = await getAuth();
  if (!auth) return Response.json({ error: 'Sign in to continue.' }, { status: 401 });
  if (!auth.can(permission)) return Response.json({ error: `Your role (${auth.role}) lacks the ${permission} permission.` }, { status: 403 });
  const params = await context.params;
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if (name.endsWith('Id') && !IdSchema.safeParse(value).success) return Response.json({ error: `${name}: must be a UUID` }, { status: 400 });
  }
  try {
    return await handler(auth, request, params);
  } catch (error) {
    if (error instanceof PolisApiError) {
      const status = error.status === 0 ? 502 : error.status;
      return Response.json({ error: error.message, code: error.code }, { status });
    }
    throw error;
  }
}
