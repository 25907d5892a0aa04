import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from './access';
import { closeDatabases, openDatabase, type Db } from './db';
import { ApiError } from './errors';
import { CODE_TTL_SECONDS, handleTokenRequest, issueAuthorizationCode, registerClient, verifyLogin } from './oauth';
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

const valid = (code: string) => ({ client_id: CLIENT.id, client_secret: CLIENT.secret, code, grant_type: 'authorization_code' });

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
    const response = await handleTokenRequest(db, new Request('http://sandbox.test/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' }));
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
