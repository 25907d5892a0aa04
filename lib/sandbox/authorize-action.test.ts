import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The action reads its cookie and the client's address from the request; the test plays both.
const jar = new Map<string, string>();
let clientAddress = '203.0.113.1';
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ 'x-forwarded-for': clientAddress }),
}));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polis-authorize-'));
process.env.DATABASE_URL = `file:${path.join(dir, 'authorize.sqlite')}`;
process.env.NEXTAUTH_SECRET = 'a-test-secret-of-some-length';

const { closeDatabases, openDatabase } = await import('./db');
const { handleTokenRequest, registerClient } = await import('./oauth');
const { DEMO_PASSWORD, DEMO_USERS, seedDatabase } = await import('./seed/seed');
const { authorize } = await import('./authorize-action');
type AuthorizeState = Parameters<typeof authorize>[0];

const CLIENT = { id: 'dashboard', name: 'Dashboard', secret: 's3cret-value', redirectUris: ['http://localhost:3000/api/auth/callback/polis'] };
let foreignOrganization: { id: string; name: string };

beforeAll(async () => {
  const db = await openDatabase();
  await seedDatabase(db, { interactions: 20 });
  await registerClient(db, CLIENT);
  const other = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['organizations.id', 'organizations.name'])
    .where('users.email', '=', DEMO_USERS.otherOrganizer)
    .executeTakeFirstOrThrow();
  foreignOrganization = other;
});
afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  jar.clear();
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries({ client_id: CLIENT.id, redirect_uri: CLIENT.redirectUris[0]!, state: 'xyz', ...fields })) data.set(key, value);
  return data;
}

const start: AuthorizeState = { step: 'credentials', email: '' };

describe('the authorize action keeps the sign-in on the server (fault 9)', () => {
  it('issues no code for an organization the user does not belong to, whatever state the browser sends', async () => {
    const first = await authorize(start, form({ email: DEMO_USERS.organizer, password: DEMO_PASSWORD }));
    expect(first.step).toBe('organization');
    expect(JSON.stringify(first)).not.toMatch(/ticket/);
    const forged = { ...first, organizations: [...(first.organizations ?? []), { ...foreignOrganization, role: 'organizer' }] } as AuthorizeState;
    const result = await authorize(forged, form({ organizationId: foreignOrganization.id }));
    expect(result.redirectTo).toBeUndefined();
    expect(result.error).toMatch(/one of your organizations/);
  });

  it('refuses the organization step without the server-side sign-in, and a malformed state', async () => {
    const forged = {
      step: 'organization',
      email: DEMO_USERS.organizer,
      ticket: 'bm90LWpzb24.c2ln',
      organizations: [{ ...foreignOrganization, role: 'organizer' }],
    } as AuthorizeState;
    const result = await authorize(forged, form({ organizationId: foreignOrganization.id }));
    expect(result.redirectTo).toBeUndefined();
    expect(result.error).toMatch(/Sign in again/);
    const malformed = await authorize('nonsense' as unknown as AuthorizeState, form({ organizationId: foreignOrganization.id }));
    expect(malformed.redirectTo).toBeUndefined();
    expect(malformed.error).toMatch(/Sign in again/);
  });

  it("issues a code for one of the signed-in user's organizations", async () => {
    const first = await authorize(start, form({ email: DEMO_USERS.organizer, password: DEMO_PASSWORD }));
    const chosen = first.organizations![1]!;
    const result = await authorize(first, form({ organizationId: chosen.id }));
    const target = new URL(result.redirectTo!);
    expect(target.searchParams.get('code')).toBeTruthy();
    expect(target.searchParams.get('organizationId')).toBe(chosen.id);
    expect(target.searchParams.get('state')).toBe('xyz');
  });

  it('binds the code to the PKCE challenge of the authorize request', async () => {
    const verifier = 'the-dashboards-verifier-for-this-one-sign-in-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const exchange = async (code: string, codeVerifier: string) => {
      const body = {
        grant_type: 'authorization_code',
        code,
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uri: CLIENT.redirectUris[0]!,
        code_verifier: codeVerifier,
      };
      const response = await handleTokenRequest(
        await openDatabase(),
        new Request('http://sandbox.test/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      );
      return { status: response.status, body: await response.json() };
    };
    const signIn = () =>
      authorize(start, form({ email: DEMO_USERS.viewer, password: DEMO_PASSWORD, code_challenge: challenge, code_challenge_method: 'S256' }));
    const stolen = new URL((await signIn()).redirectTo!).searchParams.get('code')!;
    expect(await exchange(stolen, 'an-attackers-guess-at-the-verifier-0123456789-abcdefgh')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const code = new URL((await signIn()).redirectTo!).searchParams.get('code')!;
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('refuses a PKCE challenge other than S256 without issuing a code', async () => {
    const result = await authorize(
      start,
      form({ email: DEMO_USERS.viewer, password: DEMO_PASSWORD, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }),
    );
    expect(result.redirectTo).toBeUndefined();
    expect(result.error).toMatch(/S256/);
  });
});

describe('password guessing is throttled (fault 13)', () => {
  it('refuses the 11th failure for an account within 15 minutes, even with the right password, and says when to retry', async () => {
    clientAddress = '198.51.100.7';
    for (let i = 0; i < 10; i++) {
      const guess = await authorize(start, form({ email: DEMO_USERS.viewer, password: `guess-${i}` }));
      expect(guess.error).toMatch(/do not match/);
    }
    clientAddress = '198.51.100.8';
    const locked = await authorize(start, form({ email: DEMO_USERS.viewer, password: DEMO_PASSWORD }));
    expect(locked.redirectTo).toBeUndefined();
    expect(locked.error).toMatch(/Too many failed sign-ins.*try again in 15 minutes/i);
    expect(locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it('refuses a client address after 10 failures across accounts', async () => {
    clientAddress = '198.51.100.9';
    for (let i = 0; i < 10; i++) await authorize(start, form({ email: `nobody-${i}@example.com`, password: 'x' }));
    const locked = await authorize(start, form({ email: DEMO_USERS.otherOrganizer, password: DEMO_PASSWORD }));
    expect(locked.error).toMatch(/Too many failed sign-ins/);
    clientAddress = '198.51.100.10';
    const other = await authorize(start, form({ email: DEMO_USERS.otherOrganizer, password: DEMO_PASSWORD }));
    expect(other.redirectTo).toContain('code=');
  });
});
