/**
 * Revokes the user's Polis access token at sign-out (RFC 7009), so that a
 * copy of the session cookie stops reading data the moment its owner signs
 * out. The endpoint is discovered from the authorization server's RFC 8414
 * metadata: the sandbox serves it; a Polis service without a revocation
 * endpoint leaves the token to expire on its own. Either way this server
 * remembers the tokens signed out with, until they expire, and treats a
 * session that carries one as no session: it is sent to sign in.
 *
 * @example
 *   await revokePolisToken(token.accessToken);
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { settings } from '@/lib/settings';

/** Hashes of tokens signed out with, and when each expires anyway; only hashes, so a memory dump holds no token. */
// On globalThis: Next.js bundles the sign-out route and the pages apart, each with its own copy of this module.
const store = globalThis as typeof globalThis & { polisSignedOutTokens?: Map<string, number> };
const signedOut = (store.polisSignedOutTokens ??= new Map<string, number>());
const tokenKey = (accessToken: string) => createHash('sha256').update(accessToken).digest('base64url');

export function markSignedOut(accessToken: string, expiresAt: number, now = Date.now()) {
  for (const [key, until] of signedOut) if (until <= now) signedOut.delete(key);
  signedOut.set(tokenKey(accessToken), expiresAt);
}

export function isSignedOut(accessToken: string, now = Date.now()): boolean {
  const until = signedOut.get(tokenKey(accessToken));
  return until !== undefined && until > now;
}

type Discovery = { endpoint: string | null; until: number };
let discovered: Discovery | null = null;

/** Metadata rarely changes: looked up once an hour, and a failed lookup is retried after a minute. */
async function revocationEndpoint(fetchImpl: typeof fetch): Promise<string | null> {
  if (discovered && discovered.until > Date.now()) return discovered.endpoint;
  let endpoint: string | null = null;
  let ttl = 60_000;
  try {
    const response = await fetchImpl(`${settings.authUrl}/.well-known/oauth-authorization-server`, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
      redirect: 'error',
    });
    if (response.ok) {
      const metadata = (await response.json()) as { revocation_endpoint?: unknown };
      endpoint = typeof metadata.revocation_endpoint === 'string' ? metadata.revocation_endpoint : null;
      ttl = 3_600_000;
    }
  } catch {
    // No metadata: nothing to revoke with until it can be read.
  }
  discovered = { endpoint, until: Date.now() + ttl };
  return endpoint;
}

/** True when Polis confirmed the revocation; never throws, since signing out must always succeed here. */
export async function revokePolisToken(accessToken: string | undefined, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!accessToken) return false;
  const endpoint = await revocationEndpoint(fetchImpl);
  if (!endpoint) return false;
  // Client authentication as RFC 6749 §2.3.1 writes it: each part form-encoded, then Basic.
  const credentials = Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64');
  try {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { Authorization: `Basic ${credentials}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ token: accessToken, token_type_hint: 'access_token' }),
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) console.warn(`Polis did not revoke the token at sign-out: ${response.status}`);
    return response.ok;
  } catch (error) {
    console.warn(`Polis could not be reached to revoke the token at sign-out: ${(error as Error).message}`);
    return false;
  }
}

/** For tests: forget the discovered endpoint. */
export function forgetRevocationEndpoint() {
  discovered = null;
}
