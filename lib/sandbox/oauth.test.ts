import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from './access';
import { closeDatabases, openDatabase, type Db } from './db';
import { ApiError } from './errors';
import {
  authorizationServerMetadata,
  checkPkceParams,
  CODE_TTL_SECONDS,
  handleTokenRequest,
  issueAuthorizationCode,
  registerClient,
  verifyLogin,
} from './oauth';
import { handleSandboxRequest } from './router';
import { DEMO_PASSWORD, DEMO_USERS, seedDatabase } from './seed/seed';

const CLIENT = { id: 'dashboard', name: 'Dashboard', secret: 's3cret-value', redirectUris: ['http://localhost:3000/api/auth/callback/polis'] };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polis-oauth-'));
let db: Db;
let grant: { clientId: string; redirectUri: string; userId: string; organizationId: string };

beforeAll(async () => {
  db = await openDatabase(path.join(dir, 'oauth.sqlite'));
  await seedDatabase(db, { interactions: 50 });
  await registerClient(db, CLIENT);
  const login = await verifyLogin(db, DEMO_USERS.viewer, DEMO_PASSWORD);
  grant = { clientId: CLIENT.id, redirectUri: CLIENT.redirectUris[0]!, userId: login!.userId, organizationId: login!.organizations[0]!.id };
});
afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function exchange(body: Record<string, unknown>, type = 'application/json') {
  const request = new Request('http://sandbox.test/api/polis/auth/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': type },
    body: type === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString(),
  });
  const response = await handleTokenRequest(db, request);
  return { status: response.status, body: await response.json() };
}

const valid = (code: string) => ({
  client_id: CLIENT.id,
  client_secret: CLIENT.secret,
  code,
  grant_type: 'authorization_code',
  redirect_uri: CLIENT.redirectUris[0],
});

describe('the token endpoint', () => {
  it('exchanges a code for a bearer token that authenticates as the user in the organization', async () => {
    const { status, body } = await exchange(valid(await issueAuthorizationCode(db, grant)));
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 28800 });
    const caller = await authenticate(db, `Bearer ${body.access_token}`);
    expect(caller).toMatchObject({ userId: grant.userId, organizationId: grant.organizationId, role: 'viewer' });
  });

  it('accepts the form encoding of RFC 6749 as well as JSON', async () => {
    const { status } = await exchange(valid(await issueAuthorizationCode(db, grant)), 'application/x-www-form-urlencoded');
    expect(status).toBe(200);
  });

  it('refuses a reused code and revokes the token issued from it', async () => {
    const code = await issueAuthorizationCode(db, grant);
    const first = await exchange(valid(code));
    expect(first.status).toBe(200);
    const replay = await exchange(valid(code));
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(replay.body.error_description).toContain('already used');
    await expect(authenticate(db, `Bearer ${first.body.access_token}`)).rejects.toMatchObject({ status: 401, message: expect.stringContaining('revoked') });
  });

  it('refuses a wrong client secret as invalid_client (401)', async () => {
    const { status, body } = await exchange({ ...valid(await issueAuthorizationCode(db, grant)), client_secret: 'guess' });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('refuses a redirect URI other than the one the code was issued for', async () => {
    const { status, body } = await exchange({ ...valid(await issueAuthorizationCode(db, grant)), redirect_uri: 'http://evil.example/callback' });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('redirect_uri') });
  });

  it('refuses an expired code', async () => {
    const code = await issueAuthorizationCode(db, grant, new Date(Date.now() - (CODE_TTL_SECONDS + 1) * 1000));
    const { status, body } = await exchange(valid(code));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_description: 'code has expired' });
  });

  it('refuses a code issued to another client', async () => {
    await registerClient(db, { ...CLIENT, id: 'other-app', secret: 'other-secret' });
    const code = await issueAuthorizationCode(db, grant);
    const { body } = await exchange({ ...valid(code), client_id: 'other-app', client_secret: 'other-secret' });
    expect(body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('another client') });
  });

  it.each([
    ['grant_type', 'invalid_request', 400],
    ['client_id', 'invalid_request', 400],
    ['client_secret', 'invalid_client', 401],
    ['code', 'invalid_request', 400],
  ] as const)('answers a request without %s with %s', async (missing, error, status) => {
    const body: Record<string, unknown> = valid('some-code');
    delete body[missing];
    const response = await exchange(body);
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(error);
    expect(response.body.error_description).toContain(missing);
  });

  it('refuses another grant type and a body that is not JSON', async () => {
    expect((await exchange({ ...valid('x'), grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    const response = await handleTokenRequest(
      db,
      new Request('http://sandbox.test/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_request');
  });
});

describe('access tokens', () => {
  it('refuses an expired token with 401', async () => {
    const code = await issueAuthorizationCode(db, grant);
    const { body } = await exchange(valid(code));
    const later = new Date(Date.now() + 9 * 3600 * 1000);
    const error = await authenticate(db, `Bearer ${body.access_token}`, later).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain('expired');
  });

  it('verifies passwords and lists the organizations a user may choose', async () => {
    expect(await verifyLogin(db, DEMO_USERS.organizer, 'wrong')).toBeNull();
    expect(await verifyLogin(db, 'nobody@example.com', DEMO_PASSWORD)).toBeNull();
    const login = await verifyLogin(db, DEMO_USERS.organizer.toUpperCase(), DEMO_PASSWORD);
    expect(login!.organizations.map((o) => o.name)).toEqual(['Commonwealth Field Partners', 'Commonwealth Youth Vote']);
  });
});

/** A fetch that answers the sandbox's routes in-process, as the app's route files would. */
const sandboxFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.pathname === '/.well-known/oauth-authorization-server') return Response.json(authorizationServerMetadata(url.origin));
  return handleSandboxRequest(request, url.pathname.split('/').slice(3), db);
};

async function basicExchange(credentials: string, body: Record<string, string>) {
  const request = new Request('http://sandbox.test/api/polis/auth/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
    body: new URLSearchParams(body).toString(),
  });
  const response = await handleTokenRequest(db, request);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe('client authentication (faults 8 and 17)', () => {
  it('answers Basic credentials that are not valid percent-encoding with 401 invalid_client', async () => {
    const { status, body, headers } = await basicExchange('%E0%A4%A:x', { grant_type: 'authorization_code', code: 'c', redirect_uri: CLIENT.redirectUris[0]! });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('challenges with WWW-Authenticate: Basic only when the client used the Authorization header', async () => {
    const post = await handleTokenRequest(
      db,
      new Request('http://sandbox.test/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...valid('c'), client_secret: 'guess' }),
      }),
    );
    expect(post.status).toBe(401);
    expect(post.headers.get('www-authenticate')).toBeNull();
    const basic = await basicExchange(`${CLIENT.id}:guess`, { grant_type: 'authorization_code', code: 'c' });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Basic realm="polis"');
  });

  it('accepts Basic credentials form-encoded as RFC 6749 §2.3.1 says', async () => {
    const code = await issueAuthorizationCode(db, grant);
    const { status } = await basicExchange(`${encodeURIComponent(CLIENT.id)}:${encodeURIComponent(CLIENT.secret)}`, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirectUris[0]!,
    });
    expect(status).toBe(200);
  });
});

describe('PKCE and redirect_uri at the token endpoint (fault 14)', () => {
  const verifier = 'a-verifier-that-is-long-enough-to-be-valid-0123456789';

  it('refuses an exchange whose verifier does not match the challenge, or that has none', async () => {
    const wrong = await exchange({ ...valid(await issueAuthorizationCode(db, { ...grant, codeChallenge: s256(verifier) })), code_verifier: `${verifier}-not` });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringContaining('code_verifier') } });
    const missing = await exchange(valid(await issueAuthorizationCode(db, { ...grant, codeChallenge: s256(verifier) })));
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringContaining('code_verifier') } });
    const right = await exchange({ ...valid(await issueAuthorizationCode(db, { ...grant, codeChallenge: s256(verifier) })), code_verifier: verifier });
    expect(right.status).toBe(200);
  });

  it('requires redirect_uri when the authorize request carried one', async () => {
    const { redirect_uri: _omitted, ...body } = valid(await issueAuthorizationCode(db, grant));
    const response = await exchange(body);
    expect(response).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: expect.stringContaining('redirect_uri') } });
  });

  it('validates the challenge of an authorize request: S256 only, 43 to 128 characters', () => {
    expect(() => checkPkceParams({ code_challenge: s256(verifier), code_challenge_method: 'S256' })).not.toThrow();
    expect(() => checkPkceParams({})).not.toThrow();
    expect(() => checkPkceParams({ code_challenge: s256(verifier) })).toThrow(/S256/);
    expect(() => checkPkceParams({ code_challenge: s256(verifier), code_challenge_method: 'plain' })).toThrow(/S256/);
    expect(() => checkPkceParams({ code_challenge: 'short', code_challenge_method: 'S256' })).toThrow(/43/);
    expect(() => checkPkceParams({ code_challenge_method: 'S256' })).toThrow(/code_challenge/);
  });
});

describe('revocation (RFC 7009) and discovery (RFC 8414) with a standard client (faults 16 and 17)', () => {
  const options = { [oauth.customFetch]: sandboxFetch, [oauth.allowInsecureRequests]: true };

  it('lets oauth4webapi discover the server, sign in with PKCE, and revoke the token', async () => {
    const issuer = new URL('http://sandbox.test');
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...options, algorithm: 'oauth2' }));
    expect(as).toMatchObject({
      issuer: 'http://sandbox.test',
      authorization_endpoint: 'http://sandbox.test/oauth/authorize',
      token_endpoint: 'http://sandbox.test/api/polis/auth/oauth2/token',
      revocation_endpoint: 'http://sandbox.test/api/polis/auth/oauth2/revoke',
      code_challenge_methods_supported: ['S256'],
    });

    const client = { client_id: CLIENT.id };
    for (const auth of [oauth.ClientSecretPost(CLIENT.secret), oauth.ClientSecretBasic(CLIENT.secret)]) {
      const verifier = oauth.generateRandomCodeVerifier();
      const code = await issueAuthorizationCode(db, { ...grant, codeChallenge: await oauth.calculatePKCECodeChallenge(verifier) });
      const params = oauth.validateAuthResponse(as, client, new URL(`${CLIENT.redirectUris[0]}?code=${code}`), oauth.expectNoState);
      const response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, CLIENT.redirectUris[0]!, verifier, options);
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      expect((await authenticate(db, `Bearer ${tokens.access_token}`)).userId).toBe(grant.userId);

      await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, tokens.access_token, options));
      const after = await sandboxFetch('http://sandbox.test/api/polis/v1/users/me', { headers: { Authorization: `Bearer ${tokens.access_token}` } });
      expect(after.status).toBe(401);
      expect((await after.json()).error.message).toContain('revoked');
    }
  });

  it('answers an unknown token with 200, a token of another client with 400, and bad client credentials with 401', async () => {
    const revoke = (body: Record<string, string>) =>
      handleSandboxRequest(
        new Request('http://sandbox.test/api/polis/auth/oauth2/revoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
        ['auth', 'oauth2', 'revoke'],
        db,
      );
    expect((await revoke({ client_id: CLIENT.id, client_secret: CLIENT.secret, token: 'never-issued' })).status).toBe(200);
    expect((await revoke({ client_id: CLIENT.id, client_secret: 'guess', token: 'never-issued' })).status).toBe(401);
    expect((await revoke({ client_id: CLIENT.id, client_secret: CLIENT.secret })).status).toBe(400);
    const { body } = await exchange(valid(await issueAuthorizationCode(db, grant)));
    await registerClient(db, { ...CLIENT, id: 'third-app', secret: 'third-secret' });
    const foreign = await revoke({ client_id: 'third-app', client_secret: 'third-secret', token: body.access_token });
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).error).toBe('unauthorized_client');
    expect((await authenticate(db, `Bearer ${body.access_token}`)).userId).toBe(grant.userId);
  });
});
