import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchSandboxDatabase, type ScratchDatabase } from '@/lib/testing/sandbox-database';
import { issueAccessTokenForEmail } from './access';
import { closeDatabases, openDatabase, type Db } from './db';
import { totalsCacheBytes } from './resources';
import { handleSandboxRequest } from './router';
import { DEMO_USERS, seedDatabase } from './seed/seed';

let db: Db;
let token: string;
let database: ScratchDatabase;

// On SQLite in the unit project; on PostgreSQL again in sandbox-postgres.
beforeAll(async () => {
  database = await scratchSandboxDatabase('limits');
  db = await openDatabase(database.target);
  await seedDatabase(db, { interactions: 120 });
  token = (await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!;
});
afterAll(async () => {
  await closeDatabases();
  database?.remove();
});

type Init = { body?: BodyInit; etag?: string; headers?: Record<string, string> };

async function call(method: string, pathAndQuery: string, init: Init = {}) {
  const url = new URL(`http://sandbox.test/api/polis${pathAndQuery}`);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers };
  if (init.etag) headers['If-Match'] = init.etag;
  const request = new Request(url, { method, headers, body: init.body, duplex: 'half' } as RequestInit);
  const response = await handleSandboxRequest(request, url.pathname.split('/').slice(3), db);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const list = (query: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) params.append(key, v);
  return call('GET', `/v1/interactions?${params}`);
};

async function firstInteraction() {
  const { body } = await call('GET', '/v1/interactions?limit=1');
  const got = await call('GET', `/v1/interactions/${body.data[0].id}`);
  return { id: got.body.id as string, etag: got.headers.get('etag')!, body: got.body };
}

/** A valid create body for the first seeded contact, its campaign and survey. */
async function createBody(overrides: Record<string, unknown> = {}) {
  const existing = (await firstInteraction()).body.data;
  const survey = (await call('GET', `/v1/surveys/${existing.survey.surveyId}`)).body.data;
  const text = survey.questions.find((q: { type: string }) => q.type === 'text');
  return {
    question: text as { questionId: string; tag: string; max?: number },
    body: (answer: string) => ({
      id: randomUUID(),
      data: {
        campaignId: existing.campaignId,
        contactId: existing.contactId,
        timestamp: '2026-10-01T15:00:00-04:00',
        unavailable: false,
        successful: true,
        survey: { surveyId: existing.survey.surveyId, responses: { [text.questionId]: { questionId: text.questionId, fields: { [text.tag]: answer } } } },
        ...overrides,
      },
    }),
  };
}

describe('fault 1: patch amplification', () => {
  it('refuses a patch whose copies double the document, naming the size limit, and changes nothing', async () => {
    const before = await firstInteraction();
    const ops = [
      { op: 'add', path: '/t', value: Array.from({ length: 1000 }, () => 'a') },
      ...Array.from({ length: 20 }, () => ({ op: 'copy', from: '/t', path: '/t/-' })),
    ];
    const started = performance.now();
    const response = await call('PATCH', `/v1/interactions/${before.id}`, { body: JSON.stringify({ data: ops }), etag: before.etag });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/64 KB/);
    const after = await firstInteraction();
    expect(after.etag).toBe(before.etag);
  });

  it('refuses more than 100 operations with a 400 that names the limit', async () => {
    const before = await firstInteraction();
    const ops = Array.from({ length: 101 }, () => ({ op: 'test', path: '/unavailable', value: before.body.data.unavailable }));
    const response = await call('PATCH', `/v1/interactions/${before.id}`, { body: JSON.stringify({ data: ops }), etag: before.etag });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/100 operations/);
  });
});

describe('fault 2: body and field sizes', () => {
  it('refuses a body over 64 KB with 413 before storing anything', async () => {
    const { body } = await createBody();
    const request = body('x'.repeat(200_000));
    const response = await call('POST', '/v1/interactions', { body: JSON.stringify(request) });
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/64 KB/);
    expect((await call('GET', `/v1/interactions/${request.id}`)).status).toBe(404);
  });

  it('refuses a streamed body without a length as soon as it passes the limit', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        if (sent > 10 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const response = await call('POST', '/v1/interactions', { body: stream });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(256 * 1024);
  });

  it("holds a text answer to its question's max, and other strings to 256 characters", async () => {
    const { body, question } = await createBody();
    const max = question.max ?? 256;
    const tooLong = await call('POST', '/v1/interactions', { body: JSON.stringify(body('y'.repeat(max + 1))) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain(`/data/survey/responses/${question.questionId}/fields/${question.tag}`);
    expect(tooLong.body.error.message).toContain(`limit is ${max}`);
    expect((await call('POST', '/v1/interactions', { body: JSON.stringify(body('y'.repeat(max))) })).status).toBe(201);

    const reason = await createBody({ unavailable: true, successful: false, unavailableReason: 'r'.repeat(257) });
    const refused = await call('POST', '/v1/interactions', { body: JSON.stringify(reason.body('fine')) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('/data/unavailableReason');
  });

  it('refuses a contact patch that stores a name past 256 characters, or notes past 2048', async () => {
    const contactId = (await firstInteraction()).body.data.contactId;
    const read = async () => call('GET', `/v1/contacts/${contactId}`);
    const before = await read();
    const etag = before.headers.get('etag')!;
    const name = await call('PATCH', `/v1/contacts/${contactId}`, {
      body: JSON.stringify({ data: [{ op: 'replace', path: '/profile/name/first', value: 'n'.repeat(257) }] }),
      etag,
    });
    expect(name.status).toBe(400);
    expect(name.body.error.message).toBe('/data/profile/name/first: is 257 characters long; the limit is 256');
    const notes = await call('PATCH', `/v1/contacts/${contactId}`, {
      body: JSON.stringify({ data: [{ op: 'add', path: '/notes', value: 'n'.repeat(2049) }] }),
      etag,
    });
    expect(notes.status).toBe(400);
    expect((await read()).headers.get('etag')).toBe(etag);
    const fine = await call('PATCH', `/v1/contacts/${contactId}`, {
      body: JSON.stringify({ data: [{ op: 'add', path: '/notes', value: 'n'.repeat(2048) }] }),
      etag,
    });
    expect(fine.status).toBe(200);
  });

  it('refuses a NUL character or half a surrogate pair in stored text or in a filter with a 400 naming where, on either engine', async () => {
    const { body } = await createBody();
    const withNul = body('before\u0000after');
    const refused = await call('POST', '/v1/interactions', { body: JSON.stringify(withNul) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/\/data\/survey\/responses\/.*: contains a NUL character/);
    expect((await call('GET', `/v1/interactions/${withNul.id}`)).status).toBe(404);
    const lone = await call('POST', '/v1/interactions', { body: JSON.stringify(body('\ud800')) });
    expect(lone.status).toBe(400);
    expect(lone.body.error.message).toContain('unpaired surrogate');

    const filtered = await list({ filter: '/data/unavailableReason eq "a\\u0000b"' });
    expect(filtered.status).toBe(400);
    expect(filtered.body.error.message).toContain('without NUL characters');
    const equality = await list({ 'filter[/data/unavailableReason]': 'a\u0000b' });
    expect(equality.status).toBe(400);
    expect(equality.body.error.message).toContain('NUL character');
  });
});

describe('fault 3: the list-count cache', () => {
  it('holds a bounded number of bytes however long the filters are', async () => {
    const ids = Array.from({ length: 300 }, () => `"${randomUUID()}"`).join(',');
    for (let i = 0; i < 40; i++) {
      const response = await list({ filter: `/id in [${ids}] or /data/distance gt ${i}`, limit: '0' });
      expect(response.status).toBe(200);
    }
    // 40 filters of about 12 KB each would be 480 KB as keys; hashed, about 2 KB.
    expect(totalsCacheBytes()).toBeLessThan(40 * 200);
  });
});

describe('faults 4-7: filter, sort and skip limits', () => {
  const chain = (n: number, joiner: string) => Array.from({ length: n }, (_, i) => `/data/distance gt ${i}`).join(` ${joiner} `);

  it.each([
    ['500 terms joined by or', { filter: chain(500, 'or') }, /100 comparisons/],
    ['500 terms joined by and', { filter: chain(500, 'and') }, /100 comparisons/],
    ['500 filter[...] parameters', { 'filter[/data/distance]': Array.from({ length: 500 }, () => '1') }, /20 filter parameters/],
    ['600 repeated filter= parameters', { filter: Array.from({ length: 600 }, () => '/data/distance gt 1') }, /20 filter parameters/],
    ['600 right-nested levels', { filter: Array.from({ length: 600 }, () => 'id eq 1 and (').join('') + 'id eq 1' + ')'.repeat(600) }, /16 levels/],
    ['3,000 levels of parentheses', { filter: '('.repeat(3000) + '/data/distance gt 1' + ')'.repeat(3000) }, /position 16; the nesting limit is 16 levels/],
    ['2,000 sort keys', { sort: Array.from({ length: 2000 }, () => 'id') }, /5 sort keys/],
    [
      'an in list of 1,500 values',
      { filter: `/data/distance in [${Array.from({ length: 1500 }, (_, i) => i).join(',')}]` },
      /position \d+; the limit is 1000 values/,
    ],
    ['a filter of 20,000 characters', { filter: `/data/distance gt 1 ${' '.repeat(20_000)}` }, /20020 characters long; the limit is 16384/],
    ['skip of 2^63-1', { skip: '9223372036854775807' }, /skip.*10000000/],
    ['skip of 21 digits', { skip: '1'.repeat(21) }, /skip.*10000000/],
  ])('answers %s with a 400 naming the limit', async (_name, query, message) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('answers a URL past 32 KB with 414 naming the limit', async () => {
    const response = await list({ sort: Array.from({ length: 2000 }, () => '/data/distance') });
    expect(response.status).toBe(414);
    expect(response.body.error.message).toMatch(/the limit is 32768/);
  });

  it('still answers 100 terms, 16 levels and 5 sort keys', async () => {
    expect((await list({ filter: chain(100, 'or') })).status).toBe(200);
    expect((await list({ filter: '('.repeat(16) + '/data/distance gt 1' + ')'.repeat(16) })).status).toBe(200);
    expect(
      (await list({ sort: '[["data/distance","ASC"],["data/timestamp","DESC"],["id","ASC"],["data/successful","ASC"],["data/listId","ASC"]]' })).status,
    ).toBe(200);
    expect((await list({ skip: '10000000' })).body.data).toEqual([]);
  });
});

describe('fault 11: timestamps', () => {
  it.each(['0000-01-01T00:00:00-14:00', '9999-12-31T23:59:59Z', '1999-12-31T23:59:59.999Z', '2100-01-01T00:00:00Z'])(
    'refuses %s with a 400 naming the range',
    async (timestamp) => {
      const { body } = await createBody({ timestamp });
      const response = await call('POST', '/v1/interactions', { body: JSON.stringify(body('ok')) });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/\/data\/timestamp: .* outside the accepted range, 2000-01-01/);
    },
  );

  it('refuses a patch that moves a timestamp out of range', async () => {
    const before = await firstInteraction();
    const ops = [{ op: 'replace', path: '/timestamp', value: '9999-01-01T00:00:00Z' }];
    const response = await call('PATCH', `/v1/interactions/${before.id}`, { body: JSON.stringify({ data: ops }), etag: before.etag });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('/data/timestamp');
  });
});
