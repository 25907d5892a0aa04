'use server';

/**
 * The sandbox's sign-in form, as Polis's authorize page works: email and
 * password, then an organization when the user belongs to several, then a
 * redirect back to the client with a single-use code.
 *
 * Nothing the browser sends back as state is trusted: the verified sign-in
 * lives in a signed, httpOnly cookie, and the organizations offered are read
 * again from the database at the organization step. Failed passwords are
 * throttled per account and per client address before scrypt runs.
 */
import { cookies, headers } from 'next/headers';
import { settings } from '@/lib/settings';
import { openDatabase } from './db';
import { SIGN_IN_FAILURE_WINDOW_MS } from './limits';
import {
  checkAuthorizeRequest,
  checkPkceParams,
  issueAuthorizationCode,
  OAuthError,
  organizationsOf,
  readLoginTicket,
  signLoginTicket,
  verifyLogin,
} from './oauth';
import { PasswordCheckBusyError } from './passwords';
import { forgiveSignIn, takeSignInAttempt } from './sign-in-throttle';

export type AuthorizeState = {
  step: 'credentials' | 'organization';
  email: string;
  error?: string;
  /** Shown to choose from; the server checks the choice against the database, not this list. */
  organizations?: { id: string; name: string; role: string }[];
  /** When a throttled sign-in may be tried again (a server action cannot send a Retry-After header). */
  retryAfterSeconds?: number;
  /** Where the browser goes next: the client's redirect URI with the code. */
  redirectTo?: string;
};

/** The verified sign-in between the password and the organization step. */
const TICKET_COOKIE = 'polis_sandbox_sign_in';

function ticketSecret() {
  const secret = settings.authSecret;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set');
  return secret;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

async function clientAddress(): Promise<string> {
  const list = await headers();
  return list.get('x-forwarded-for')?.split(',')[0]?.trim() || list.get('x-real-ip') || 'unknown';
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export async function authorize(_previous: AuthorizeState, form: FormData): Promise<AuthorizeState> {
  const email = text(form, 'email').trim();
  if (!settings.sandboxEnabled) return { step: 'credentials', email, error: 'The sandbox sign-in is not served here.' };
  const db = await openDatabase();
  const params = {
    client_id: text(form, 'client_id'),
    redirect_uri: text(form, 'redirect_uri'),
    state: text(form, 'state'),
    code_challenge: text(form, 'code_challenge'),
    code_challenge_method: text(form, 'code_challenge_method'),
  };
  let client;
  let codeChallenge;
  try {
    client = await checkAuthorizeRequest(db, params);
    codeChallenge = checkPkceParams(params);
  } catch (error) {
    if (error instanceof OAuthError) return { step: 'credentials', email, error: error.description };
    throw error;
  }

  const jar = await cookies();
  let userId: string | null;
  let organizationId = text(form, 'organizationId');
  if (form.has('organizationId')) {
    userId = readLoginTicket(jar.get(TICKET_COOKIE)?.value, ticketSecret());
    if (!userId) return { step: 'credentials', email, error: 'That sign-in has expired or was not started here. Sign in again.' };
    const organizations = await organizationsOf(db, userId);
    if (!organizations.some((org) => org.id === organizationId)) {
      return { step: 'organization', email, organizations, error: 'Choose one of your organizations.' };
    }
  } else {
    if (!email) return { step: 'credentials', email, error: 'Enter your email address.' };
    if (!text(form, 'password')) return { step: 'credentials', email, error: 'Enter your password.' };
    const address = await clientAddress();
    const wait = await takeSignInAttempt(email, address);
    if (wait > 0) {
      const window = SIGN_IN_FAILURE_WINDOW_MS / 60_000;
      return {
        step: 'credentials',
        email,
        retryAfterSeconds: wait,
        error: `Too many failed sign-ins for this account or from this address in ${window} minutes. Try again in ${minutes(wait)} minutes.`,
      };
    }
    let login;
    try {
      login = await verifyLogin(db, email, text(form, 'password'));
    } catch (error) {
      if (error instanceof PasswordCheckBusyError)
        return { step: 'credentials', email, retryAfterSeconds: 1, error: 'Sign-in is busy. Try again in a moment.' };
      throw error;
    }
    if (!login) return { step: 'credentials', email, error: 'That email and password do not match a Polis account.' };
    await forgiveSignIn(email, address);
    if (login.organizations.length === 0) return { step: 'credentials', email, error: 'This account has no access to the dashboard.' };
    if (login.organizations.length > 1) {
      jar.set(TICKET_COOKIE, signLoginTicket(login.userId, ticketSecret()), {
        httpOnly: true,
        sameSite: 'lax',
        secure: settings.appUrl.startsWith('https:'),
        path: '/oauth',
        maxAge: 5 * 60,
      });
      return { step: 'organization', email, organizations: login.organizations };
    }
    userId = login.userId;
    organizationId = login.organizations[0]!.id;
  }

  jar.delete(TICKET_COOKIE);
  const code = await issueAuthorizationCode(db, { clientId: client.id, redirectUri: client.redirectUri, userId, organizationId, codeChallenge });
  const target = new URL(client.redirectUri);
  target.searchParams.set('code', code);
  if (params.state) target.searchParams.set('state', params.state);
  target.searchParams.set('organizationId', organizationId);
  // A full page load, not redirect(): the client may live on this same origin,
  // and its callback must not be fetched as a React Server Component.
  return { step: 'credentials', email, redirectTo: target.toString() };
}
