import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPolisClient, type ListParams } from '@/lib/polis/client';
import type { Interaction, Question } from '@/lib/polis/schemas';
import { applyChangesSince, buildIndex, walkInteractions } from './campaign-index';
import { PointIndex } from './point-index';

const CAMPAIGN = randomUUID();
const SUPPORT = randomUUID();
const ISSUES = randomUUID();
const COMMENT = randomUUID();
const QUESTIONS = [
  { questionId: SUPPORT, tag: 'support', text: 'Support?', type: 'multi-choice', required: false, options: [] },
  {
    questionId: ISSUES,
    tag: 'issues',
    text: 'Issues?',
    type: 'multi-select',
    required: false,
    options: [],
    choices: [
      { tag: 'Housing', text: 'Housing' },
      { tag: 'Transit', text: 'Transit' },
    ],
  },
  { questionId: COMMENT, tag: 'comments', text: 'Comments?', type: 'text', required: false, options: [] },
] as Question[];

let clock = Date.UTC(2026, 8, 10);
function interaction(overrides: Partial<Interaction['data']> = {}, answers: Record<string, unknown> = {}): Interaction {
  const modified = new Date((clock += 1000)).toISOString();
  return {
    id: randomUUID(),
    customerId: randomUUID(),
    securityGroupId: randomUUID(),
    data: {
      campaignId: CAMPAIGN,
      contactId: randomUUID(),
      listId: 'aaaaaaaa-0000-4000-8000-000000000001',
      timestamp: '2026-09-10T15:00:00.000Z',
      survey: {
        surveyId: randomUUID(),
        responses: Object.fromEntries(
          Object.entries(answers).map(([questionId, value]) => {
            const tag = QUESTIONS.find((q) => q.questionId === questionId)!.tag;
            return [questionId, { questionId, fields: value === undefined ? {} : { [tag]: value } }];
          }),
        ) as Interaction['data']['survey']['responses'],
      },
      unavailable: false,
      successful: true,
      location: { lat: 42.3, lng: -71.1, confidence: 10 },
      distance: 0.01,
      ...overrides,
    },
    meta: { created: modified, createdBy: 'c1', modified, modifiedBy: 'c1', resource: 'interactions', etag: 'e', isDeleted: false },
  };
}

/** A fake Polis API over an array, understanding just the filters the index sends. */
function fakeApi(all: Interaction[]) {
  const calls: ListParams[] = [];
  const client = {
    async listSurveys() {
      return { data: [{ data: { questions: QUESTIONS } }], total: 1 } as never;
    },
    async listInteractions(params: ListParams = {}) {
      calls.push(params);
      const filter = params.filter ?? '';
      const after = filter.match(/\/id gt "([^"]+)"/)?.[1];
      const since = filter.match(/\/meta\/modified gte "([^"]+)"/)?.[1];
      let rows = all.filter((i) => (!after || i.id > after) && (!since || i.meta.modified >= since));
      rows = [...rows].sort((a, b) => (params.sort?.[0] === '/id' ? a.id.localeCompare(b.id) : a.meta.modified.localeCompare(b.meta.modified)));
      return { data: rows.slice(params.skip ?? 0, (params.skip ?? 0) + (params.limit ?? 100)), total: rows.length };
    },
    listInteractionsForIndex: (params: ListParams = {}) => client.listInteractions(params),
  };
  return { client, calls };
}

describe('walkInteractions', () => {
  it('pages by id with the filter language and never grows skip', async () => {
    const all = Array.from({ length: 25 }, () => interaction());
    const { client, calls } = fakeApi(all);
    const seen: string[] = [];
    await walkInteractions(
      client,
      `/data/campaignId eq "${CAMPAIGN}"`,
      (page) => {
        seen.push(...page.map((i) => i.id));
      },
      10,
    );
    expect(seen).toEqual(all.map((i) => i.id).sort());
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => !call.skip && call.limit === 10 && call.sort?.[0] === '/id')).toBe(true);
    expect(calls[1]!.filter).toBe(`/data/campaignId eq "${CAMPAIGN}" and /id gt "${seen[9]}"`);
  });
});

describe('PointIndex', () => {
  it('finds rows by id, in the sorted walk and among later arrivals', async () => {
    const all = Array.from({ length: 40 }, () => interaction());
    const { index } = await buildIndex(fakeApi(all).client, CAMPAIGN);
    for (const i of all) expect(index.idAt(index.find(i.id))).toBe(i.id);
    const late = interaction();
    const row = index.upsert(late);
    expect(index.find(late.id)).toBe(row);
    expect(index.find(randomUUID())).toBe(-1);
  });

  it('evaluates every filter the map and table use', () => {
    const index = new PointIndex(QUESTIONS);
    const rows = [
      interaction({ successful: true }, { [SUPPORT]: 'strong-yes', [ISSUES]: ['Housing'] }),
      interaction({ successful: false, unavailable: true, unavailableReason: 'Not home', distance: 2.5 }),
      interaction(
        { successful: false, timestamp: '2026-09-20T12:00:00.000Z', walklistId: 'bbbbbbbb-0000-4000-8000-000000000002' },
        { [ISSUES]: ['Housing', 'Transit'], [COMMENT]: 'hi' },
      ),
      interaction({ listId: 'aaaaaaaa-0000-4000-8000-000000000009', location: { lat: 1, lng: 2, confidence: 80 } }, { [SUPPORT]: 'undecided' }),
    ];
    for (const row of rows) index.upsert(row);
    const ids = (filters: Parameters<PointIndex['select']>[0]) => [...index.select(filters, 'UTC')].map((r) => index.idAt(r));
    expect(ids({})).toHaveLength(4);
    expect(ids({ outcome: 'successful' })).toEqual([rows[0]!.id, rows[3]!.id]);
    expect(ids({ outcome: 'unavailable' })).toEqual([rows[1]!.id]);
    expect(ids({ outcome: 'contacted' })).toEqual([rows[2]!.id]);
    expect(ids({ from: '2026-09-15' })).toEqual([rows[2]!.id]);
    expect(ids({ to: '2026-09-10' })).toHaveLength(3);
    expect(ids({ minDistance: 1 })).toEqual([rows[1]!.id]);
    expect(ids({ minConfidence: 50 })).toEqual([rows[3]!.id]);
    expect(ids({ list: 'aaaaaaaa-0000-4000-8000-000000000009' })).toEqual([rows[3]!.id]);
    expect(ids({ walklist: 'bbbbbbbb-0000-4000-8000-000000000002' })).toEqual([rows[2]!.id]);
    expect(ids({ canvasser: 'c1' })).toHaveLength(4);
    expect(ids({ canvasser: 'nobody' })).toHaveLength(0);
    expect(ids({ answer: { questionId: SUPPORT, value: 'strong-yes' } })).toEqual([rows[0]!.id]);
    expect(ids({ answer: { questionId: ISSUES, value: 'Transit' } })).toEqual([rows[2]!.id]);
    expect(ids({ answer: { questionId: ISSUES, value: 'Housing' }, outcome: 'successful' })).toEqual([rows[0]!.id]);

    const distribution = index.distribution(index.select({}, 'UTC'));
    expect(distribution.get(ISSUES)).toEqual({
      answered: 2,
      counts: new Map([
        ['Housing', 2],
        ['Transit', 1],
      ]),
    });
    expect(distribution.get(SUPPORT)!.answered).toBe(2);
    expect(distribution.get(COMMENT)!.answered).toBe(1);

    index.remove(rows[0]!.id);
    expect(ids({ outcome: 'successful' })).toEqual([rows[3]!.id]);
  });

  // 50 for the map and counts, 8 more for the review queue (received time, household).
  it('stays within 58 bytes of typed arrays per interaction', async () => {
    const all = Array.from({ length: 5000 }, () => interaction({}, { [SUPPORT]: 'undecided' }));
    const { index } = await buildIndex(fakeApi(all).client, CAMPAIGN);
    expect(index.byteLength() / index.size).toBeLessThanOrEqual(58);
  });
});

describe('applyChangesSince', () => {
  it('applies interactions modified since the last build, including corrections', async () => {
    const all = Array.from({ length: 12 }, () => interaction());
    const { client } = fakeApi(all);
    const { index, newest } = await buildIndex(client, CAMPAIGN);
    const corrected = {
      ...all[3]!,
      data: { ...all[3]!.data, successful: false, unavailable: true },
      meta: { ...all[3]!.meta, modified: new Date((clock += 1000)).toISOString() },
    };
    all[3] = corrected;
    const created = interaction({ successful: false });
    all.push(created);
    const next = await applyChangesSince(client, CAMPAIGN, index, newest, 5);
    expect(next).toBe(created.meta.modified);
    expect(index.outcomeAt(index.find(corrected.id))).toBe('unavailable');
    expect(index.find(created.id)).toBeGreaterThanOrEqual(0);
    expect(index.select({}, 'UTC').length).toBe(13);
  });
});

describe('walkInteractions against a rate-limited Polis', () => {
  it('walks every interaction through the real client while every other request is refused with 429', async () => {
    const all = Array.from({ length: 25 }, () => interaction());
    const { client: api } = fakeApi(all);
    let requests = 0;
    const limitedFetch = (async (url: string) => {
      requests++;
      if (requests % 2 === 1)
        return Response.json({ error: { status: 429, code: 'rate_limited', message: 'Too many requests' } }, { status: 429, headers: { 'Retry-After': '1' } });
      const query = new URL(url).searchParams;
      const page = await api.listInteractions({
        filter: query.get('filter') ?? undefined,
        sort: JSON.parse(query.get('sort')!),
        limit: Number(query.get('limit')),
      });
      return Response.json({ data: page.data, meta: { total: page.total } });
    }) as unknown as typeof fetch;
    const waits: number[] = [];
    const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: limitedFetch, sleep: async (ms) => void waits.push(ms) });
    const seen: string[] = [];
    await walkInteractions(
      polis,
      `/data/campaignId eq "${CAMPAIGN}"`,
      (page) => {
        seen.push(...page.map((i) => i.id));
      },
      10,
    );
    expect(seen).toEqual(all.map((i) => i.id).sort());
    expect(requests).toBe(6);
    expect(waits.every((ms) => ms >= 1000)).toBe(true);
  });
});
