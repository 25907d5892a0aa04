import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The request's headers, as the test sets them; the session cookie is a real one, encrypted with the secret.
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  headers: async () => requestHeaders,
  cookies: async () => {
    const jar = new Map((requestHeaders.get('cookie') ?? '').split('; ').map((pair) => pair.split('=') as [string, string]));
    return { getAll: () => [...jar].map(([name, value]) => ({ name, value })) };
  },
}));
const decodes = vi.hoisted(() => ({ count: 0 }));
vi.mock('next-auth/jwt', async (original) => {
  const jwt = await original<typeof import('next-auth/jwt')>();
  return { ...jwt, getToken: (...args: Parameters<typeof jwt.getToken>) => (decodes.count++, jwt.getToken(...args)) };
});

process.env.NEXTAUTH_SECRET = 'a-test-secret-of-some-length';
process.env.NEXTAUTH_URL = 'http://localhost:3000';
const { encode } = await import('next-auth/jwt');
const { getAuth } = await import('./session');
const { markSignedOut } = await import('./revoke');

const me = (name: string) => ({
  id: crypto.randomUUID(),
  name,
  email: `${name.toLowerCase()}@example.org`,
  organization: { id: crypto.randomUUID(), name: 'Field Partners' },
  role: 'organizer',
  permissions: ['read@interactions'],
});

async function signIn(name: string, accessTokenExpires = Date.now() + 3_600_000) {
  const accessToken = `token-of-${name}-${crypto.randomUUID()}`;
  const cookie = await encode({ token: { accessToken, accessTokenExpires, me: me(name) }, secret: process.env.NEXTAUTH_SECRET! });
  return { accessToken, cookie: `next-auth.session-token=${cookie}` };
}

beforeEach(() => {
  decodes.count = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('getAuth', () => {
  it('decodes a session cookie once a minute, and tells two users apart', async () => {
    const ada = await signIn('Ada');
    const grace = await signIn('Grace');
    requestHeaders = new Headers({ cookie: ada.cookie });
    expect((await getAuth())?.user.name).toBe('Ada');
    expect((await getAuth())?.user.name).toBe('Ada');
    expect(decodes.count).toBe(1);
    requestHeaders = new Headers({ cookie: grace.cookie });
    expect((await getAuth())?.user.name).toBe('Grace');
    expect(decodes.count).toBe(2);

    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    expect((await getAuth())?.user.name).toBe('Grace');
    expect(decodes.count).toBe(3);
  });

  it('refuses a kept session at once when its owner signs out', async () => {
    const ada = await signIn('Ada');
    requestHeaders = new Headers({ cookie: ada.cookie });
    expect(await getAuth()).not.toBeNull();
    markSignedOut(ada.accessToken, Date.now() + 3_600_000);
    expect(await getAuth()).toBeNull();
  });

  it('refuses a kept session once its Polis token expires', async () => {
    const ada = await signIn('Ada', Date.now() + 10_000);
    requestHeaders = new Headers({ cookie: ada.cookie });
    expect(await getAuth()).not.toBeNull();
    vi.useFakeTimers({ now: Date.now() + 11_000, toFake: ['Date'] });
    expect(await getAuth()).toBeNull();
  });

  it('keeps no answer for a cookie it cannot decode', async () => {
    requestHeaders = new Headers({ cookie: 'next-auth.session-token=not-a-session' });
    expect(await getAuth()).toBeNull();
    expect(await getAuth()).toBeNull();
    expect(decodes.count).toBe(2);
  });
});
