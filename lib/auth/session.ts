/**
 * The signed-in user as the server sees it: the session from the encrypted
 * cookie and a Polis client that carries their token. Pages, route handlers
 * and server actions all start here.
 *
 * @example
 *   const auth = await requireAuth('/');            // redirects to sign-in when there is none
 *   const { data } = await auth.polis.listCampaigns();
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { getToken, type JWT } from 'next-auth/jwt';
import type { Session } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { createPolisClient, PolisApiError, type PolisClient } from '@/lib/polis/client';
import type { Permission } from '@/lib/polis/schemas';
import { mayUseDashboard } from './options';
import { isSignedOut } from './revoke';

export type AuthContext = {
  user: Session['user'];
  organization: Session['organization'];
  role: string;
  permissions: string[];
  can: (permission: Permission) => boolean;
  polis: PolisClient;
};

/**
 * Sessions decoded in the last minute, by a hash of the cookies and
 * credentials they came with: reading and decrypting the cookie took about
 * 5 % of a map request's time. Only the decoding is kept; expiry, sign-out and the
 * dashboard's own rules are checked on every request below.
 */
const DECODED_FOR_MS = 60_000;
const MAX_DECODED = 5_000;
const decoded = new Map<string, { token: JWT; until: number }>();

async function decodeSession(): Promise<JWT | null> {
  const now = Date.now();
  const requestHeaders = await headers();
  const key = createHash('sha256')
    .update(`${requestHeaders.get('cookie') ?? ''}\n${requestHeaders.get('authorization') ?? ''}`)
    .digest('base64url');
  const kept = decoded.get(key);
  if (kept && kept.until > now) return kept.token;
  const token = await getToken({ req: { cookies: await cookies(), headers: requestHeaders } as never });
  if (!token) return null;
  if (decoded.size >= MAX_DECODED) decoded.clear();
  decoded.set(key, { token, until: Math.min(now + DECODED_FOR_MS, typeof token.exp === 'number' ? token.exp * 1000 : Infinity) });
  return token;
}

export async function getAuth(): Promise<AuthContext | null> {
  const token = await decodeSession();
  if (!token?.accessToken || !token.me) return null;
  if (token.accessTokenExpires && token.accessTokenExpires <= Date.now()) return null;
  // A copy of a cookie whose owner signed out.
  if (isSignedOut(token.accessToken)) return null;
  const { me } = token;
  if (!mayUseDashboard(me)) return null;
  return {
    user: { id: me.id, name: me.name, email: me.email },
    organization: me.organization,
    role: me.role,
    permissions: me.permissions,
    can: (permission) => me.permissions.includes(permission),
    polis: createPolisClient({ token: token.accessToken }),
  };
}

export function signInUrl(callbackPath: string, reason?: 'expired') {
  const query = new URLSearchParams({ callbackUrl: callbackPath });
  if (reason) query.set('reason', reason);
  return `/sign-in?${query}`;
}

/** The signed-in user, or a redirect to sign-in that comes back to `callbackPath`. */
export async function requireAuth(callbackPath = '/'): Promise<AuthContext> {
  const auth = await getAuth();
  if (!auth) redirect(signInUrl(callbackPath));
  return auth;
}

/**
 * Runs a page's reads; when Polis refuses the token (expired or revoked),
 * sends the user to sign in again and back here afterwards.
 */
export async function withPolis<T>(callbackPath: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PolisApiError && error.status === 401) redirect(signInUrl(callbackPath, 'expired'));
    throw error;
  }
}

export type PolisRead<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A page's reads, with the three outcomes every page handles alike: the
 * token was refused (sign in again, then back here), the thing is not there
 * (`null` from `read`, or Polis answers 404 or 400 for a malformed id: the
 * not-found page), or Polis failed (a message for the page's error state).
 *
 * @example
 *   const loaded = await readPolis(here, () => loadCampaignContext(auth, campaignId));
 *   if (!loaded.ok) return <ErrorState title="The map could not be loaded" message={loaded.message} retryHref={here} />;
 */
export async function readPolis<T>(callbackPath: string, read: () => Promise<T | null>): Promise<PolisRead<T>> {
  let value: T | null;
  try {
    value = await withPolis(callbackPath, read);
  } catch (error) {
    if (!(error instanceof PolisApiError)) throw error;
    if (error.status === 404 || error.status === 400) notFound();
    return { ok: false, message: `Polis answered: ${error.message}` };
  }
  if (value === null) notFound();
  return { ok: true, value };
}
