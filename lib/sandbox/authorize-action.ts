'use server';

/**
 * The sandbox's sign-in form, as Polis's authorize page works: email and
 * password, then an organization when the user belongs to several, then a
 * redirect back to the client with a single-use code.
 */
import { openDatabase } from './db';
import { checkAuthorizeRequest, issueAuthorizationCode, OAuthError, readLoginTicket, signLoginTicket, verifyLogin } from './oauth';
import { settings } from '@/lib/settings';

export type AuthorizeState = {
  step: 'credentials' | 'organization';
  email: string;
  error?: string;
  ticket?: string;
  organizations?: { id: string; name: string; role: string }[];
  /** Where the browser goes next: the client's redirect URI with the code. */
  redirectTo?: string;
};

function ticketSecret() {
  const secret = settings.authSecret;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set');
  return secret;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export async function authorize(previous: AuthorizeState, form: FormData): Promise<AuthorizeState> {
  if (!settings.sandboxEnabled) return { ...previous, error: 'The sandbox sign-in is not served here.' };
  const db = await openDatabase();
  const params = { client_id: text(form, 'client_id'), redirect_uri: text(form, 'redirect_uri'), state: text(form, 'state') };
  let client;
  try {
    client = await checkAuthorizeRequest(db, params);
  } catch (error) {
    if (error instanceof OAuthError) return { ...previous, error: error.description };
    throw error;
  }

  let userId: string | null = null;
  let organizationId = text(form, 'organizationId');
  const email = text(form, 'email').trim();
  if (previous.step === 'organization' && previous.ticket) {
    userId = readLoginTicket(previous.ticket, ticketSecret());
    if (!userId) return { step: 'credentials', email, error: 'That took too long. Sign in again.' };
    if (!previous.organizations?.some((org) => org.id === organizationId)) {
      return { ...previous, error: 'Choose one of your organizations.' };
    }
  } else {
    if (!email) return { step: 'credentials', email, error: 'Enter your email address.' };
    if (!text(form, 'password')) return { step: 'credentials', email, error: 'Enter your password.' };
    const login = await verifyLogin(db, email, text(form, 'password'));
    if (!login) return { step: 'credentials', email, error: 'That email and password do not match a Polis account.' };
    if (login.organizations.length === 0) return { step: 'credentials', email, error: 'This account has no access to the dashboard.' };
    if (login.organizations.length > 1) {
      return { step: 'organization', email, ticket: signLoginTicket(login.userId, ticketSecret()), organizations: login.organizations };
    }
    userId = login.userId;
    organizationId = login.organizations[0]!.id;
  }

  const code = await issueAuthorizationCode(db, { clientId: client.id, redirectUri: client.redirectUri, userId, organizationId });
  const target = new URL(client.redirectUri);
  target.searchParams.set('code', code);
  if (params.state) target.searchParams.set('state', params.state);
  target.searchParams.set('organizationId', organizationId);
  // A full page load, not redirect(): the client may live on this same origin,
  // and its callback must not be fetched as a React Server Component.
  return { step: 'credentials', email, redirectTo: target.toString() };
}
