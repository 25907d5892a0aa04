import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolisClient } from '@/lib/polis/client';
import type { Question } from '@/lib/polis/schemas';
import { buildIndex } from './campaign-index';
import type { WorkerReply } from './index-worker';
import { runInWorker } from './index-workers';
import { PointIndex } from './point-index';
import { idRanges } from './walk';

const CAMPAIGN = randomUUID();
const SUPPORT = randomUUID();
const QUESTIONS = [{ questionId: SUPPORT, tag: 'support', text: 'Support?', type: 'multi-choice', required: false, options: [] }] as unknown as Question[];
const ALL = Array.from({ length: 2600 }, (_, i) => ({
  id: randomUUID(),
  customerId: randomUUID(),
  securityGroupId: randomUUID(),
  data: {
    campaignId: CAMPAIGN,
    contactId: randomUUID(),
    listId: randomUUID(),
    timestamp: new Date(Date.UTC(2026, 8, 1, 12, 0, i)).toISOString(),
    survey: { surveyId: randomUUID(), responses: { [SUPPORT]: { questionId: SUPPORT, fields: { support: ['yes', 'no', 'maybe'][i % 3] } } } },
    unavailable: i % 5 === 0,
    successful: i % 4 === 0,
    location: { lat: 42.3 + i / 1e4, lng: -71.1 - i / 1e4 },
  },
  meta: {
    created: '2026-09-02T00:00:00.000Z',
    createdBy: `canvasser-${i % 9}`,
    modified: new Date(Date.UTC(2026, 8, 2, 0, 0, i)).toISOString(),
    modifiedBy: 'x',
    resource: 'interactions',
    etag: 'e',
    isDeleted: false,
  },
})).sort((a, b) => a.id.localeCompare(b.id));

/** A Polis API over HTTP (worker threads reach it by URL) understanding the filters a walk sends; it can refuse with 429. */
const served: { at: number; status: number }[] = [];
let refuseNext = 0;
const server = http.createServer((request, response) => {
  const url = new URL(request.url!, 'http://localhost');
  const arrived = Date.now();
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    served.push({ at: arrived, status });
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  if (refuseNext > 0) {
    refuseNext--;
    return reply(429, { error: { status: 429, code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '1' });
  }
  if (url.pathname.endsWith('/v1/surveys'))
    return reply(200, {
      data: [
        {
          id: randomUUID(),
          customerId: randomUUID(),
          securityGroupId: randomUUID(),
          data: { name: 's', campaignId: CAMPAIGN, questions: QUESTIONS },
          meta: ALL[0]!.meta,
        },
      ],
      meta: { total: 1 },
    });
  const filter = url.searchParams.get('filter') ?? '';
  const bound = (op: string) => filter.match(new RegExp(`/id ${op} "([^"]+)"`))?.[1];
  const [from, to, after] = [bound('gte'), bound('lt'), bound('gt')];
  const rows = ALL.filter((i) => (!from || i.id >= from) && (!to || i.id < to) && (!after || i.id > after));
  const limit = Number(url.searchParams.get('limit') ?? 100);
  reply(200, { data: rows.slice(0, limit), meta: { total: rows.length } });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/polis`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Walked = Extract<WorkerReply, { type: 'walked' }>;

describe('the index worker threads', () => {
  it('walk an id range through the API and hand back its part, moved and whole', async () => {
    const [, second] = idRanges(32_000);
    const pages: number[] = [];
    const walked = await runInWorker<Walked>(
      { type: 'walk', connection: { token: 't', baseUrl }, campaignId: CAMPAIGN, range: second!, questions: QUESTIONS, pageSize: 100 },
      [],
      (reply) => reply.type === 'page' && pages.push(reply.rows),
    );
    expect(walked, 'a worker thread started').not.toBeNull();
    const expected = ALL.filter((i) => i.id >= second!.from! && i.id < second!.to!);
    const part = new PointIndex(QUESTIONS);
    part.appendState(walked!.state);
    expect(part.size).toBe(expected.length);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expected.length);
    for (const interaction of expected) expect(part.find(interaction.id)).toBeGreaterThanOrEqual(0);
    expect(walked!.newest).toBe(
      expected
        .map((i) => i.meta.modified)
        .sort()
        .at(-1),
    );
  });

  it('hold back every range once one meets a 429, for as long as its Retry-After asks', async () => {
    served.length = 0;
    refuseNext = 1;
    const ranges = idRanges(32_000).slice(0, 3);
    await Promise.all(
      ranges.map((range) =>
        runInWorker<Walked>({ type: 'walk', connection: { token: 't', baseUrl }, campaignId: CAMPAIGN, range, questions: QUESTIONS, pageSize: 50 }),
      ),
    );
    const refused = served.find((entry) => entry.status === 429)!;
    // The other ranges' first requests left with the refused one; every request sent after it waits out the second.
    // With a thread a core, the news crosses threads: on a busy machine another range may have sent one
    // more request before it heard, but no more (unheld, they would send all their pages in that time).
    const held = served.filter((entry) => entry.at > refused.at + 100 && entry.at < refused.at + 950);
    expect(held.length).toBeLessThanOrEqual(ranges.length - 1);
    expect(served.filter((entry) => entry.at >= refused.at + 950).length).toBeGreaterThan(20);
  });

  it('build the whole campaign index from parts walked at once, as one walk would', async () => {
    const polis = createPolisClient({ token: 't', baseUrl });
    const progress: number[] = [];
    const { index, newest } = await buildIndex(polis, CAMPAIGN, (loaded) => progress.push(loaded));
    expect(index.size).toBe(ALL.length);
    expect(progress.at(-1)).toBe(ALL.length);
    for (const interaction of ALL.filter((_, i) => i % 97 === 0)) expect(index.idAt(index.find(interaction.id))).toBe(interaction.id);
    expect(index.select({ answer: { questionId: SUPPORT, value: 'maybe' } }, 'UTC').length).toBe(ALL.filter((_, i) => i % 3 === 2).length);
    expect(newest).toBe(
      ALL.map((i) => i.meta.modified)
        .sort()
        .at(-1),
    );
  });

  it('build a clusterer', async () => {
    const input = { lng: Float64Array.from([-71.1, -71.1001, -70]), lat: Float64Array.from([42.3, 42.3001, 43]), outcomes: Uint8Array.from([0, 1, 2]) };
    const built = await runInWorker<Extract<WorkerReply, { type: 'clustered' }>>({ type: 'cluster', input }, [
      input.lng.buffer,
      input.lat.buffer,
      input.outcomes.buffer,
    ]);
    expect(built?.parts.numPoints).toBe(3);
  });
});
