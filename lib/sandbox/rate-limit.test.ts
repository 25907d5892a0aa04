import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// SANDBOX_RATE_LIMIT as the test sets it; every other setting as the environment gives it.
let perMinute = 0;
vi.mock('@/lib/settings', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/settings')>();
  return {
    ...actual,
    settings: new Proxy(actual.settings, { get: (target, key) => (key === 'sandboxRateLimit' ? perMinute : target[key as keyof typeof target]) }),
  };
});

const { issueAccessTokenForEmail } = await import('./access');
const { closeDatabases, openDatabase } = await import('./db');
const { handleSandboxRequest } = await import('./router');
const { DEMO_USERS, seedDatabase } = await import('./seed/seed');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polis-rate-'));
let db: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  db = await openDatabase(path.join(dir, 'rate.sqlite'));
  await seedDatabase(db, { interactions: 10 });
});
afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function campaigns(token: string) {
  const request = new Request('http://sandbox.test/api/polis/v1/campaigns', { headers: { Authorization: `Bearer ${token}` } });
  const response = await handleSandboxRequest(request, ['v1', 'campaigns'], db);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('rate-limit simulation (SANDBOX_RATE_LIMIT)', () => {
  it('answers 429 with Retry-After and the error body past the requests per minute of a token, and only that token', async () => {
    const organizer = (await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!;
    const viewer = (await issueAccessTokenForEmail(db, DEMO_USERS.viewer))!;
    perMinute = 3;
    for (let i = 0; i < 3; i++) expect((await campaigns(organizer)).status).toBe(200);
    const limited = await campaigns(organizer);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.body.error).toMatchObject({ status: 429, code: 'rate_limited', message: expect.stringContaining('3 requests per minute') });
    expect((await campaigns(viewer)).status).toBe(200);
    perMinute = 0;
    expect((await campaigns(organizer)).status).toBe(200);
  });
});
