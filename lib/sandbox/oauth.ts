/**
 * The sandbox as an OAuth 2.0 authorization server (code grant), as Polis
 * runs it: registered clients with hashed secrets and exact redirect URIs,
 * single-use codes that expire within a minute and are bound to the client,
 * the redirect URI and (RFC 7636) a PKCE challenge, token revocation
 * (RFC 7009), metadata for discovery (RFC 8414), and RFC 6749 error responses.
 *
 * @example
 *   const client = await checkAuthorizeRequest(db, params);   // before showing the sign-in form
 *   const code = await issueAuthorizationCode(db, { clientId, redirectUri, userId, organizationId });
 *   const { access_token } = await exchangeCode(db, body);     // POST /auth/oauth2/token
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hashToken, issueAccessToken } from './access';
import { immediateTransaction, locksRows, type Db } from './db';
import { MAX_OAUTH_BODY_BYTES, readBody } from './limits';
import { hashPassword, PasswordCheckBusyError, verifyPassword } from './passwords';

export const CODE_TTL_SECONDS = 60;

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'temporarily_unavailable';

/** An RFC 6749 §5.2 error: `{ error, error_description }`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Creates or updates a client; its secret is stored as a scrypt hash. */
export async function registerClient(db: Db, client: { id: string; name: string; secret: string; redirectUris: string[] }) {
  const existing = await db.selectFrom('oauth_clients').selectAll().where('id', '=', client.id).executeTakeFirst();
  const sameSecret = existing ? await verifyPassword(client.secret, existing.secret_hash) : false;
  const row = {
    name: client.name,
    secret_hash: sameSecret ? existing!.secret_hash : await hashPassword(client.secret),
    redirect_uris: JSON.stringify(client.redirectUris),
  };
  if (existing) await db.updateTable('oauth_clients').set(row).where('id', '=', client.id).execute();
  else
    await db
      .insertInto('oauth_clients')
      .values({ id: client.id, created: new Date().toISOString(), ...row })
      .execute();
}

export type AuthorizeParams = {
  response_type?: string;
  client_id?: string;
  redirect_uri?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
};

/**
 * The PKCE parameters of an authorize request (RFC 7636 §4.3): none, or an
 * S256 challenge (43 to 128 unreserved characters). `plain` is refused, so a
 * challenge is never the verifier itself. Returns the challenge, if any.
 */
export function checkPkceParams(params: Pick<AuthorizeParams, 'code_challenge' | 'code_challenge_method'>): string | undefined {
  const { code_challenge: challenge, code_challenge_method: method } = params;
  if (!challenge) {
    if (method) throw new OAuthError(400, 'invalid_request', 'code_challenge_method was sent without a code_challenge');
    return undefined;
  }
  if (method !== 'S256') {
    throw new OAuthError(400, 'invalid_request', `code_challenge_method must be S256${method ? `, not ${method}` : ' (plain is not supported)'}`);
  }
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge)) {
    throw new OAuthError(400, 'invalid_request', 'code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_", "~"');
  }
  return challenge;
}

/**
 * Validates an authorize request. A bad client or redirect URI is shown to the
 * user, never redirected to (RFC 6749 §4.1.2.1); the caller redirects other errors.
 */
export async function checkAuthorizeRequest(db: Db, params: AuthorizeParams) {
  if (!params.client_id) throw new OAuthError(400, 'invalid_request', 'client_id is missing');
  const client = await db.selectFrom('oauth_clients').select(['id', 'name', 'redirect_uris']).where('id', '=', params.client_id).executeTakeFirst();
  if (!client) throw new OAuthError(400, 'invalid_client', `no client ${params.client_id} is registered`);
  if (!params.redirect_uri) throw new OAuthError(400, 'invalid_request', 'redirect_uri is missing');
  if (!(JSON.parse(client.redirect_uris) as string[]).includes(params.redirect_uri)) {
    throw new OAuthError(400, 'invalid_request', `redirect_uri ${params.redirect_uri} is not registered for ${client.name}`);
  }
  return { id: client.id, name: client.name, redirectUri: params.redirect_uri };
}

/** The organizations a user may sign in to, or null when the email or password is wrong. */
export async function verifyLogin(db: Db, email: string, password: string) {
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  // Hash anyway when the user is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
  if (!user || !user.password_hash || !ok) return null;
  return { userId: user.id, organizations: await organizationsOf(db, user.id) };
}

/** The organizations a user may sign in to the dashboard with, read from the database, never from the browser. */
export async function organizationsOf(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['organizations.id', 'organizations.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .where('memberships.role', 'in', ['organizer', 'viewer'])
    .orderBy('organizations.name')
    .execute();
}

export async function issueAuthorizationCode(
  db: Db,
  grant: { clientId: string; redirectUri: string; userId: string; organizationId: string; codeChallenge?: string },
  now = new Date(),
): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  await db
    .insertInto('oauth_codes')
    .values({
      id: randomUUID(),
      code_hash: sha256(code),
      client_id: grant.clientId,
      redirect_uri: grant.redirectUri,
      user_id: grant.userId,
      organization_id: grant.organizationId,
      created: now.toISOString(),
      expires_at: new Date(now.getTime() + CODE_TTL_SECONDS * 1000).toISOString(),
      used_at: null,
      code_challenge: grant.codeChallenge ?? null,
    })
    .execute();
  return code;
}

const TOKEN_FIELDS = ['grant_type', 'code', 'client_id', 'client_secret', 'redirect_uri', 'code_verifier', 'token', 'token_type_hint'] as const;
export type TokenRequest = Partial<Record<(typeof TOKEN_FIELDS)[number], string>>;

/** The registered client whose id and secret the request carries, or invalid_client. */
async function authenticateClient(db: Db, body: TokenRequest) {
  if (!body.client_id) throw new OAuthError(400, 'invalid_request', 'client_id is missing');
  if (!body.client_secret) throw new OAuthError(401, 'invalid_client', 'client_secret is missing');
  const client = await db.selectFrom('oauth_clients').select(['id', 'secret_hash']).where('id', '=', body.client_id).executeTakeFirst();
  const ok = client
    ? await verifyPassword(body.client_secret, client.secret_hash).catch((error: unknown) => {
        if (error instanceof PasswordCheckBusyError) throw new OAuthError(503, 'temporarily_unavailable', error.message);
        throw error;
      })
    : false;
  if (!client || !ok) throw new OAuthError(401, 'invalid_client', 'client_id or client_secret is wrong');
  return client;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** Exchanges a code for an access token; a replayed code also revokes what it issued (RFC 6749 §4.1.2). */
export async function exchangeCode(db: Db, body: TokenRequest, now = new Date()) {
  if (!body.grant_type) throw new OAuthError(400, 'invalid_request', 'grant_type is missing');
  if (body.grant_type !== 'authorization_code') {
    throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${body.grant_type} is not supported; use authorization_code`);
  }
  if (!body.client_id) throw new OAuthError(400, 'invalid_request', 'client_id is missing');
  if (!body.client_secret) throw new OAuthError(401, 'invalid_client', 'client_secret is missing');
  if (!body.code) throw new OAuthError(400, 'invalid_request', 'code is missing');
  const client = await authenticateClient(db, body);

  const outcome = await immediateTransaction(db, async (tx) => {
    const lookup = tx.selectFrom('oauth_codes').selectAll().where('code_hash', '=', sha256(body.code!));
    // Two exchanges of one code: on PostgreSQL the second waits for the first and then sees the code used.
    const code = await (locksRows(tx) ? lookup.forUpdate() : lookup).executeTakeFirst();
    if (!code) return { error: 'code is unknown' };
    if (code.used_at) {
      await tx
        .updateTable('access_tokens')
        .set({ revoked_at: now.toISOString() })
        .where('auth_code_id', '=', code.id)
        .where('revoked_at', 'is', null)
        .execute();
      return { error: 'code was already used; the tokens issued from it are revoked' };
    }
    if (code.client_id !== client.id) return { error: 'code was issued to another client' };
    // The authorize request always carries a redirect_uri here, so the exchange must repeat it (RFC 6749 §4.1.3).
    if (body.redirect_uri === undefined) return { error: 'redirect_uri is missing; send the one the authorize request carried' };
    if (body.redirect_uri !== code.redirect_uri) {
      return { error: 'redirect_uri differs from the one the code was issued for' };
    }
    if (code.expires_at <= now.toISOString()) return { error: 'code has expired' };
    if (code.code_challenge) {
      if (!body.code_verifier) return { error: 'code_verifier is missing; the authorize request carried a code_challenge' };
      const given = Buffer.from(s256(body.code_verifier));
      const expected = Buffer.from(code.code_challenge);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: 'code_verifier does not match the code_challenge' };
    } else if (body.code_verifier) {
      // A verifier without a challenge means one was stripped from the authorize request (a downgrade).
      return { error: 'code_verifier was sent, but the authorize request carried no code_challenge' };
    }
    await tx.updateTable('oauth_codes').set({ used_at: now.toISOString() }).where('id', '=', code.id).execute();
    const token = await issueAccessToken(tx, { userId: code.user_id, organizationId: code.organization_id, clientId: client.id, authCodeId: code.id, now });
    return { token };
  });
  // The revocation of a replayed code must commit, so the refusal is thrown after the transaction.
  if ('error' in outcome) throw new OAuthError(400, 'invalid_grant', outcome.error!);
  return { token_type: 'bearer' as const, access_token: outcome.token.token, expires_in: outcome.token.expiresIn };
}

const OAUTH_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** An OAuthError as RFC 6749 §5.2 renders it; a Basic challenge only to a client that sent Basic credentials. */
function oauthErrorResponse(error: OAuthError, usedBasic: boolean): Response {
  const extra: Record<string, string> = error.error === 'invalid_client' && usedBasic ? { 'WWW-Authenticate': 'Basic realm="polis"' } : {};
  if (error.error === 'temporarily_unavailable') extra['Retry-After'] = '1';
  return new Response(JSON.stringify({ error: error.error, error_description: error.description }), {
    status: error.status,
    headers: { ...OAUTH_HEADERS, ...extra },
  });
}

const usesBasic = (request: Request) => /^Basic\s/i.test(request.headers.get('authorization') ?? '');

/** `POST /auth/oauth2/token`: JSON as Polis takes it, or a form as RFC 6749 does; client credentials in the body or Basic. */
export async function handleTokenRequest(db: Db, request: Request): Promise<Response> {
  try {
    const body = await readTokenRequest(request);
    return new Response(JSON.stringify(await exchangeCode(db, body)), { status: 200, headers: OAUTH_HEADERS });
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return oauthErrorResponse(error, usesBasic(request));
  }
}

/**
 * `POST /auth/oauth2/revoke` (RFC 7009): the client authenticates as at the
 * token endpoint and names a token it was issued; 200 whether or not the
 * token was known, so the answer reveals nothing about other tokens.
 */
export async function handleRevocationRequest(db: Db, request: Request, now = new Date()): Promise<Response> {
  try {
    const body = await readTokenRequest(request);
    const client = await authenticateClient(db, body);
    if (!body.token) throw new OAuthError(400, 'invalid_request', 'token is missing');
    const row = await db.selectFrom('access_tokens').select(['id', 'client_id']).where('token_hash', '=', hashToken(body.token)).executeTakeFirst();
    if (row) {
      if (row.client_id !== client.id) throw new OAuthError(400, 'unauthorized_client', 'the token was not issued to this client');
      await db.updateTable('access_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', row.id).where('revoked_at', 'is', null).execute();
    }
    return new Response(null, { status: 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return oauthErrorResponse(error, usesBasic(request));
  }
}

/** A Basic credential half, form-decoded (RFC 6749 §2.3.1); undecodable percent-encoding is invalid_client. */
function decodeCredential(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new OAuthError(401, 'invalid_client', 'the Basic credentials are not valid percent-encoding');
  }
}

async function readTokenRequest(request: Request): Promise<TokenRequest> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readBody(request, MAX_OAUTH_BODY_BYTES);
  let fields: Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) {
    fields = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      fields = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      throw new OAuthError(400, 'invalid_request', 'the body is neither JSON nor a form');
    }
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new OAuthError(400, 'invalid_request', 'the body must be a JSON object');
  }
  const basic = request.headers.get('authorization')?.match(/^Basic\s+(\S+)$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError(401, 'invalid_client', 'the Basic credentials are not client_id:client_secret');
    fields.client_id = decodeCredential(decoded.slice(0, colon));
    fields.client_secret = decodeCredential(decoded.slice(colon + 1));
  }
  const result: TokenRequest = {};
  for (const key of TOKEN_FIELDS) {
    const value = fields[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new OAuthError(400, 'invalid_request', `${key} must be a string`);
    result[key] = value;
  }
  return result;
}

/**
 * RFC 8414 metadata. `issuer` is this app's public URL: the authorize page
 * and the API are both served under it.
 */
export function authorizationServerMetadata(issuer: string) {
  const root = issuer.replace(/\/+$/, '');
  const authMethods = ['client_secret_basic', 'client_secret_post'];
  return {
    issuer: root,
    authorization_endpoint: `${root}/oauth/authorize`,
    token_endpoint: `${root}/api/polis/auth/oauth2/token`,
    revocation_endpoint: `${root}/api/polis/auth/oauth2/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    token_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_methods_supported: authMethods,
    code_challenge_methods_supported: ['S256'],
  };
}

/**
 * A short-lived signed ticket that carries a verified sign-in from the
 * password step to the organization step, so the password is asked once.
 */
export function signLoginTicket(userId: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ userId, exp: now + 5 * 60_000 })).toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

/** The user id a ticket carries, or null when it is forged, malformed or expired. */
export function readLoginTicket(ticket: unknown, secret: string, now = Date.now()): string | null {
  if (typeof ticket !== 'string') return null;
  const [payload, signature] = ticket.split('.');
  if (!payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { userId, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { userId: unknown; exp: unknown };
    return typeof userId === 'string' && typeof exp === 'number' && exp > now ? userId : null;
  } catch {
    return null;
  }
}
