import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessTokenForEmail } from './access';
import { closeDatabases, openDatabase, type Db } from './db';
import { handleSandboxRequest } from './router';
import { DEMO_USERS, seedDatabase } from './seed/seed';

let db: Db;
let token: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polis-fuzz-'));

beforeAll(async () => {
  db = await openDatabase(path.join(dir, 'fuzz.sqlite'));
  await seedDatabase(db, { interactions: 300 });
  token = (await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!;
});
afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dir, { recursive: true, force: true });
});

function call(method: string, pathAndQuery: string, init: { body?: string; etag?: string } = {}) {
  const url = new URL(`http://sandbox.test/api/polis${pathAndQuery}`);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  if (init.etag) headers.ETag = init.etag;
  const segments = url.pathname.split('/').slice(3);
  return handleSandboxRequest(new Request(url, { method, headers, body: init.body }), segments, db);
}

const WORDS = ['/data/distance', 'data/successful', '/data/timestamp', '/id', '/data/nope', 'eq', 'neq', 'gt', 'like', 'in', 'nin', 'between', 'and', 'or', '(', ')', '[', ']', ',', '"Not*"', '"2026-09-10"', '0.5', '-3', 'true', 'nil', '"', '\\', '%', "'"];

describe('fuzzing the handlers', () => {
  it('answers any filter string with 200 or a 400 that names the problem, never a 500', async () => {
    const filters = fc.oneof(fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(' ')), fc.string({ maxLength: 60 }));
    await fc.assert(
      fc.asyncProperty(filters, async (filter) => {
        const response = await call('GET', `/v1/interactions?filter=${encodeURIComponent(filter)}&limit=5`);
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) {
          const body = await response.json();
          expect(body.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('answers any patch with 200 or a 4xx, and a refused patch changes nothing', async () => {
    const list = await (await call('GET', '/v1/interactions?limit=1')).json();
    const id: string = list.data[0].id;
    const paths = fc.oneof(
      fc.constantFrom('/distance', '/successful', '/timestamp', '/survey/responses', '/location/lat', '/listId', '/id', '/meta/etag', '/walklistId', '', '/unavailable', '/__proto__/x', '/survey/surveyId'),
      fc.string({ maxLength: 12 }),
    );
    const operation = fc.record({
      op: fc.constantFrom('add', 'remove', 'replace', 'test', 'move', 'copy', 'bogus'),
      path: paths,
      from: paths,
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant('2026-10-01T10:00:00.000Z'), fc.double({ noNaN: true })),
    });
    const bodies = fc.oneof(
      fc.array(operation, { maxLength: 4 }).map((ops) => JSON.stringify({ data: ops })),
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await call('GET', `/v1/interactions/${id}`);
        const etag = before.headers.get('etag')!;
        const beforeBody = await before.json();
        const response = await call('PATCH', `/v1/interactions/${id}`, { body, etag });
        expect(response.status).toBeLessThan(500);
        if (response.status !== 200) {
          const after = await call('GET', `/v1/interactions/${id}`);
          expect(after.headers.get('etag')).toBe(etag);
          expect(await after.json()).toEqual(beforeBody);
        }
      }),
      { numRuns: 300 },
    );
  });
});
