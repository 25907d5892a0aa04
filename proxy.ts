/**
 * Runs before every page and route: refuses what the framework would answer
 * with a 500 (see lib/security/request-guard.ts), sends people who are not
 * signed in to the sign-in page (every page and action still checks for
 * itself), and puts the security headers, with this response's CSP nonce,
 * on everything it answers.
 */
import { withAuth, type NextRequestWithAuth } from 'next-auth/middleware';
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce, withSecurityHeaders } from '@/lib/security/headers';
import { refuseRequest } from '@/lib/security/request-guard';
import { settings } from '@/lib/settings';

/** Paths anyone may open: the APIs answer 401 themselves, the sandbox's authorize page and sign-in are the way in. */
const PUBLIC = /^\/(api\/|oauth\/|sign-in(\/|$)|\.well-known\/|favicon\.ico$|icon\.svg$)/;

export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, tileUrl: settings.tileUrl, dev: process.env.NODE_ENV === 'development' });
  const security = { appUrl: settings.appUrl, policy };
  const refusal = refuseRequest(request);
  if (refusal) return withSecurityHeaders(refusal, security);
  if (!PUBLIC.test(request.nextUrl.pathname)) {
    const redirect = await withAuth(request as NextRequestWithAuth, { pages: { signIn: '/sign-in' } });
    if (redirect) return withSecurityHeaders(redirect, security);
  }
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), security);
}

export const config = {
  // Everything but the build's static files, which carry no data, and two kinds of JSON asked for many times a
  // second: the map's data, as the map moves, and the sandbox's API, as an index is walked. Running the proxy
  // cost each of those a millisecond of the server's one thread; they carry the same headers themselves
  // (`withSecurityHeaders`), and no page is rendered for them, so no nonce is needed.
  matcher: ['/((?!_next/static|_next/image|api/map/|api/polis/).*)'],
};
