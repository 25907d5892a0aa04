/**
 * Generated abuse of the list and patch handlers, in-process (the HTTP
 * sample is in limits.contract.test.ts): 10,000 filters and 10,000 patches,
 * each answered below 500, every refusal leaving the data as it was, and no
 * request holding the event loop for 100 ms or more. The longest request is
 * printed; the handlers are synchronous underneath (better-sqlite3), so a
 * request's duration bounds the longest time it blocked the loop.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchSandboxDatabase, type ScratchDatabase } from '@/lib/testing/sandbox-database';
import { issueAccessTokenForEmail } from './access';
import { closeDatabases, openDatabase, type Db } from './db';
import { handleSandboxRequest } from './router';
import { DEMO_USERS, seedDatabase } from './seed/seed';

const BLOCK_LIMIT_MS = 100;

let db: Db;
let token: string;
let database: ScratchDatabase;

// On SQLite in the unit project; on PostgreSQL again in sandbox-postgres, with fewer runs there (each
// request is a round trip to the server, and the generators are the same).
const RUNS = inject('postgresUrl') ? 2_000 : 10_000;

beforeAll(async () => {
  database = await scratchSandboxDatabase('fuzz');
  db = await openDatabase(database.target);
  await seedDatabase(db, { interactions: 300 });
  token = (await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!;
});
afterAll(async () => {
  await closeDatabases();
  database?.remove();
});

/**
 * The longest request of a suite. Its CPU time (the process's, GC included)
 * is what it held the event loop; wall-clock time is printed beside it but
 * also counts the time this shared machine ran other work.
 */
class BlockMeter {
  longest = 0;
  longestWhat = '';
  longestWall = 0;

  async time<T>(what: string, work: () => Promise<T>): Promise<T> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await work();
    const wall = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    const took = (user + system) / 1000;
    if (process.env.FUZZ_SLOW && took > Number(process.env.FUZZ_SLOW))
      console.log(`slow ${took.toFixed(1)} ms CPU, ${wall.toFixed(1)} ms wall: ${what.slice(0, 80)} (${what.length} chars)`);
    this.longestWall = Math.max(this.longestWall, wall);
    if (took > this.longest) {
      this.longest = took;
      this.longestWhat = what.slice(0, 60);
    }
    return result;
  }

  report(label: string) {
    console.log(`${label}: longest request ${this.longest.toFixed(1)} ms of CPU (${this.longestWhat}…), ${this.longestWall.toFixed(1)} ms of wall-clock time`);
  }
}

/** A request as the framework hands it over; building it is the framework's work, not the handler's. */
type Prepared = { request: Request; segments: string[] };

function request(method: string, pathAndQuery: string, init: { body?: string; etag?: string } = {}): Prepared {
  const url = new URL(`http://sandbox.test/api/polis${pathAndQuery}`);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  if (init.etag) headers['If-Match'] = init.etag;
  return { request: new Request(url, { method, headers, body: init.body }), segments: url.pathname.split('/').slice(3) };
}

const handle = (prepared: Prepared) => handleSandboxRequest(prepared.request, prepared.segments, db);
const call = (method: string, pathAndQuery: string, init: { body?: string; etag?: string } = {}) => handle(request(method, pathAndQuery, init));

const WORDS = [
  '/data/distance',
  'data/successful',
  '/data/timestamp',
  '/id',
  '/data/nope',
  'eq',
  'neq',
  'gt',
  'like',
  'in',
  'nin',
  'between',
  'and',
  'or',
  '(',
  ')',
  '[',
  ']',
  ',',
  '"Not*"',
  '"2026-09-10"',
  '0.5',
  '-3',
  'true',
  'nil',
  '"',
  '\\',
  '%',
  "'",
];
const ATTRIBUTES = [
  '/data/distance',
  '/data/timestamp',
  '/data/successful',
  '/id',
  '/data/campaignId',
  '/data/unavailableReason',
  '/meta/modified',
  'data/location/lat',
  '/data/nope',
];
const OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like'];

const bigNumber = fc.oneof(
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '1e308', '1e400', '-1e-400', '0.0000000000000000000001', '18446744073709551616'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const badDate = fc.oneof(
  fc.constantFrom(
    '"0000-01-01T00:00:00-14:00"',
    '"9999-12-31T23:59:59Z"',
    '"+275760-09-13T00:00:00Z"',
    '"-271821-04-20"',
    '"2026-13-45"',
    '"2026-02-30T25:61:00Z"',
    '"not a date"',
    '""',
  ),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? '"Invalid Date"' : JSON.stringify(d.toISOString()))),
);
const literal = fc.oneof(
  bigNumber,
  badDate,
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'nil'),
  fc.uuid().map((u) => `"${u}"`),
);
const term = fc.oneof(
  fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom(...OPS), literal).map(([a, op, v]) => `${a} ${op} ${v}`),
  fc
    .tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom('in', 'nin'), fc.array(literal, { maxLength: 30 }))
    .map(([a, op, vs]) => `${a} ${op} [${vs.join(',')}]`),
  fc.tuple(fc.constantFrom(...ATTRIBUTES), literal, literal).map(([a, low, high]) => `${a} between ${low},${high}`),
);

const filters = fc.oneof(
  // Token soup and arbitrary text.
  fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 60 }),
  // Well-formed and nearly well-formed expressions.
  fc
    .array(term, { minLength: 1, maxLength: 8 })
    .chain((terms) =>
      fc
        .array(fc.constantFrom(' and ', ' or '), { minLength: terms.length - 1, maxLength: terms.length - 1 })
        .map((joins) => terms.map((t, i) => (i ? joins[i - 1] : '') + t).join('')),
    ),
  // Long chains, around and past the term limit.
  fc
    .tuple(fc.integer({ min: 1, max: 700 }), fc.constantFrom(' and ', ' or '))
    .map(([n, join]) => Array.from({ length: n }, (_, i) => `/data/distance gt ${i}`).join(join)),
  // Deep nesting, left and right, around and past the depth limit and the stack.
  fc.integer({ min: 0, max: 5000 }).map((n) => '('.repeat(n) + '/data/distance gt 1' + ')'.repeat(n)),
  fc.integer({ min: 0, max: 1200 }).map((n) => Array.from({ length: n }, () => '/id eq "x" or (').join('') + '/id eq "y"' + ')'.repeat(n)),
  fc.integer({ min: 0, max: 5000 }).map((n) => '('.repeat(n)),
  // Huge in lists, around and past the value limit.
  fc.integer({ min: 0, max: 3000 }).map((n) => `/data/distance in [${Array.from({ length: n }, (_, i) => i).join(',')}]`),
  fc.integer({ min: 0, max: 1500 }).map((n) => `/id nin [${Array.from({ length: n }, (_, i) => `"${i}"`).join(',')}]`),
);

const extras = fc.record({
  skip: fc.oneof(fc.constant(undefined), fc.nat().map(String), bigNumber, fc.constantFrom('-1', '1.5', '9'.repeat(30))),
  limit: fc.oneof(fc.constant(undefined), fc.nat().map(String), fc.constant('1'.repeat(25))),
  sorts: fc.array(fc.constantFrom('/data/distance', 'data/timestamp', 'DESC', 'asc', '/nope', '[', '["id","DESC"]'), { maxLength: 14 }),
  repeats: fc.integer({ min: 1, max: 30 }),
});

describe('fuzzing the handlers', () => {
  it(`answers ${RUNS} generated filters with 200 or a 400 that names the problem, never a 500, and never blocks for ${BLOCK_LIMIT_MS} ms`, async () => {
    const meter = new BlockMeter();
    await fc.assert(
      fc.asyncProperty(filters, extras, async (filter, { skip, limit, sorts, repeats }) => {
        const params = new URLSearchParams();
        // Mostly one filter; sometimes the same one repeated, past the parameter limit.
        for (let i = 0; i < (repeats > 25 ? repeats : 1); i++) params.append('filter', filter);
        if (skip !== undefined) params.set('skip', skip);
        params.set('limit', limit ?? '5');
        for (const sort of sorts) params.append('sort', sort);
        const prepared = request('GET', `/v1/interactions?${params}`);
        const response = await meter.time(filter, () => handle(prepared));
        expect([200, 400, 414]).toContain(response.status);
        if (response.status === 400) {
          const body = await response.json();
          expect(body.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
    meter.report(`${RUNS} filters`);
    expect(meter.longest).toBeLessThan(BLOCK_LIMIT_MS);
  }, 300_000);

  it(`answers ${RUNS} generated patches, copy and move amplification among them, below 500, changing nothing when refused, never blocking for ${BLOCK_LIMIT_MS} ms`, async () => {
    const list = await (await call('GET', '/v1/interactions?limit=1')).json();
    const id: string = list.data[0].id;
    const stored = () => db.selectFrom('interactions').select(['data', 'etag']).where('id', '=', id).executeTakeFirstOrThrow();

    const paths = fc.oneof(
      fc.constantFrom(
        '/distance',
        '/successful',
        '/timestamp',
        '/survey/responses',
        '/survey',
        '/location',
        '/location/lat',
        '/listId',
        '/id',
        '/meta/etag',
        '/walklistId',
        '',
        '/unavailable',
        '/unavailableReason',
        '/__proto__/x',
        '/constructor/prototype',
        '/survey/surveyId',
        '/t',
        '/t/-',
        '/t/0',
      ),
      fc.string({ maxLength: 12 }),
    );
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('2026-10-01T10:00:00.000Z', '0000-01-01T00:00:00-14:00', '9999-12-31T23:59:59Z', '2099-12-31T23:59:59.999Z'),
      fc.double({ noNaN: true }),
      fc.integer({ min: 0, max: 70_000 }).map((n) => 'x'.repeat(n)),
      fc.integer({ min: 0, max: 2000 }).map((n) => Array.from({ length: n }, () => 'a')),
      fc.integer({ min: 1, max: 60 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown),
    );
    const operation = fc.record({
      op: fc.constantFrom('add', 'remove', 'replace', 'test', 'move', 'copy', 'bogus'),
      path: paths,
      from: paths,
      value,
    });
    // Doubling: a seed array, then copies (or moves) of it into itself.
    const amplification = fc
      .tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('copy', 'move'), fc.constantFrom('/t/-', '/t/0', '/u'))
      .map(([size, copies, op, target]) => [
        { op: 'add', path: '/t', value: Array.from({ length: size }, () => 'a') },
        ...Array.from({ length: copies }, () => ({ op, from: '/t', path: target })),
      ]);
    const bodies = fc.oneof(
      fc.array(operation, { maxLength: 4 }).map((ops) => JSON.stringify({ data: ops })),
      amplification.map((ops) => JSON.stringify({ data: ops })),
      fc
        .integer({ min: 90, max: 150 })
        .map((n) => JSON.stringify({ data: Array.from({ length: n }, () => ({ op: 'test', path: '/unavailable', value: false })) })),
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    );

    const meter = new BlockMeter();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = await stored();
        const prepared = request('PATCH', `/v1/interactions/${id}`, { body, etag: before.etag });
        const response = await meter.time(body, () => handle(prepared));
        expect(response.status).toBeLessThan(500);
        if (response.status !== 200) {
          refused++;
          expect(await stored()).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
    meter.report(`${RUNS} patches (${refused} refused)`);
    expect(meter.longest).toBeLessThan(BLOCK_LIMIT_MS);
  }, 300_000);
});
