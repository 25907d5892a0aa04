import { describe, expect, it } from 'vitest';
import { createPolisClient, PolisApiError, retryAfterMs } from './client';

type Seen = { url: string; init: RequestInit };

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: Seen[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  }) as unknown as typeof fetch;
  return { seen, fetchImpl };
}

const campaign = {
  id: '8b385b44-1618-4dce-bffc-8075002e29a0',
  customerId: 'e3899af9-2b74-45dd-b2b1-d7be8ad47bae',
  securityGroupId: 'd4a1d326-a2c7-415c-bfea-dd9fc84f8d00',
  data: { name: 'Boston', organizationId: 'd4a1d326-a2c7-415c-bfea-dd9fc84f8d00', status: 'started', lists: [] },
  meta: { created: 'x', createdBy: 'u', modified: 'x', modifiedBy: 'u', resource: 'campaigns', etag: 'e1', isDeleted: false },
};

describe('createPolisClient', () => {
  it('sends the bearer token, the list parameters, and parses the envelope', async () => {
    const { seen, fetchImpl } = fakeFetch(200, { data: [campaign], meta: { total: 7 } });
    const polis = createPolisClient({ token: 't0k', baseUrl: 'https://api.example/', fetch: fetchImpl });
    const result = await polis.listCampaigns({ filter: '/data/status eq "started"', skip: 10, limit: 5, sort: ['/data/name', 'DESC'] });
    expect(result.total).toBe(7);
    expect(result.data[0]!.data.name).toBe('Boston');
    const url = new URL(seen[0]!.url);
    expect(url.origin + url.pathname).toBe('https://api.example/v1/campaigns');
    expect(Object.fromEntries(url.searchParams)).toEqual({ filter: '/data/status eq "started"', skip: '10', limit: '5', sort: '["/data/name","DESC"]' });
    expect((seen[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer t0k');
  });

  it('sends patches as {data: operations} with the etag', async () => {
    const { seen, fetchImpl } = fakeFetch(200, { ...campaign, data: { ...campaign.data } });
    const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl });
    await polis.patchContact('abc', 'etag-1', [{ op: 'replace', path: '/notes', value: 'x' }]).catch(() => undefined);
    expect(seen[0]!.init.method).toBe('PATCH');
    expect((seen[0]!.init.headers as Record<string, string>).ETag).toBe('etag-1');
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual({ data: [{ op: 'replace', path: '/notes', value: 'x' }] });
  });

  it('turns an API error body into a PolisApiError with status, code and details', async () => {
    const body = { error: { status: 412, code: 'etag_mismatch', message: 'ETag: stale', details: [{ path: 'ETag', message: 'stale etag' }] } };
    const { fetchImpl } = fakeFetch(412, body);
    const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl });
    const error = await polis.deleteInteraction('abc', 'old').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolisApiError);
    expect(error).toMatchObject({ status: 412, code: 'etag_mismatch', message: 'ETag: stale', details: body.error.details });
  });

  it('reports an unreachable API and a non-JSON error page as typed errors', async () => {
    const down = createPolisClient({
      token: 't',
      baseUrl: 'https://api.example',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      sleep: async () => undefined,
    });
    await expect(down.getMe()).rejects.toMatchObject({ status: 0, code: 'network_error' });
    const { fetchImpl } = fakeFetch(502, '<html>Bad gateway</html>');
    const proxy = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl });
    await expect(proxy.getMe()).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('refuses a response that does not match the schema rather than passing it on', async () => {
    const { fetchImpl } = fakeFetch(200, { data: [{ id: 'not-a-uuid' }], meta: { total: 1 } });
    const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl });
    await expect(polis.listInteractions()).rejects.toMatchObject({ status: 502, message: expect.stringContaining('unexpected') });
  });
});

describe('the interactions read for the map index', () => {
  const interaction = {
    id: '0b8c5147-6a2e-4c1e-9f00-5d1f6ad0c001',
    customerId: campaign.customerId,
    securityGroupId: campaign.securityGroupId,
    data: {
      campaignId: campaign.id,
      contactId: '4f0c1d1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      listId: '5f0c1d1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      timestamp: '2026-09-10T15:00:00.000Z',
      survey: { surveyId: '6f0c1d1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', responses: { q1: { questionId: 'q1', fields: { support: 'yes', issues: ['Housing'] } } } },
      unavailable: false,
      successful: true,
      location: { lat: 42.3, lng: -71.1, confidence: 5 },
    },
    meta: {
      created: '2026-09-10T15:01:00.000Z',
      createdBy: 'c1',
      modified: '2026-09-10T15:01:00.000Z',
      modifiedBy: 'c1',
      resource: 'interactions',
      etag: 'e',
      isDeleted: false,
    },
  };

  it('keep what the index reads of each interaction', async () => {
    const { fetchImpl } = fakeFetch(200, { data: [interaction], meta: { total: 1 } });
    const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl });
    const { data } = await polis.listInteractionsForIndex();
    expect(data[0]).toMatchObject({
      id: interaction.id,
      data: { ...interaction.data, survey: { responses: { q1: { fields: { support: 'yes', issues: ['Housing'] } } } } },
      meta: { created: interaction.meta.created, createdBy: 'c1', modified: interaction.meta.modified },
    });
  });

  it('are refused when an answer, a time or a position is not what the index can read', async () => {
    for (const data of [
      { ...interaction.data, survey: { ...interaction.data.survey, responses: { q1: { questionId: 'q1', fields: 'yes' } } } },
      { ...interaction.data, timestamp: 'yesterday' },
      { ...interaction.data, location: { lat: 123, lng: 0 } },
    ]) {
      const { fetchImpl } = fakeFetch(200, { data: [{ ...interaction, data }], meta: { total: 1 } });
      const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl });
      await expect(polis.listInteractionsForIndex()).rejects.toMatchObject({ status: 502 });
    }
  });
});

describe('timeouts and retries', () => {
  /** Answers each call with the next of `answers`; a number is a status, an Error is a network failure. */
  function scripted(answers: (Response | Error | 'hang')[]) {
    const seen: Seen[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      if (answer === 'hang') {
        return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      if (answer instanceof Error) throw answer;
      return answer.clone();
    }) as unknown as typeof fetch;
    return { seen, fetchImpl };
  }
  const limited = (retryAfter?: string) =>
    new Response(JSON.stringify({ error: { status: 429, code: 'rate_limited', message: 'Too many requests' } }), {
      status: 429,
      headers: retryAfter ? { 'Retry-After': retryAfter } : {},
    });
  const ok = () => new Response(JSON.stringify({ data: [campaign], meta: { total: 1 } }), { status: 200 });
  const contact = {
    ...campaign,
    data: { listId: campaign.id, profile: { name: { first: 'A', last: 'B' }, address: { formatted: 'x' } }, fields: {} },
    meta: { ...campaign.meta, resource: 'contacts' },
  };

  function client(fetchImpl: typeof fetch, retry = {}) {
    const waits: number[] = [];
    const polis = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: fetchImpl, retry, sleep: async (ms) => void waits.push(ms) });
    return { polis, waits };
  }

  it('retries a read on 429, waiting as long as Retry-After asks', async () => {
    const { seen, fetchImpl } = scripted([limited('2'), limited('1'), ok()]);
    const { polis, waits } = client(fetchImpl);
    expect((await polis.listCampaigns()).total).toBe(1);
    expect(seen).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
  });

  it('retries a 503 with growing backoff when no Retry-After is sent', async () => {
    const { seen, fetchImpl } = scripted([new Response('', { status: 503 }), new Response('', { status: 503 }), ok()]);
    const { polis, waits } = client(fetchImpl, { baseDelayMs: 100 });
    await polis.listCampaigns();
    expect(seen).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
  });

  it('gives up after its attempts with a message that says Polis is limiting requests', async () => {
    const { seen, fetchImpl } = scripted([limited('1')]);
    const { polis } = client(fetchImpl, { attempts: 3 });
    const error = await polis.listCampaigns().catch((e: unknown) => e);
    expect(seen).toHaveLength(3);
    expect(error).toBeInstanceOf(PolisApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: expect.stringMatching(/Polis is limiting how often.*429.*after 3 attempts.*wait 1 s/),
    });
  });

  it('does not wait past its time budget: a Retry-After beyond it ends the request at once', async () => {
    const { seen, fetchImpl } = scripted([limited('3600'), ok()]);
    const { polis, waits } = client(fetchImpl, { budgetMs: 30_000 });
    await expect(polis.listCampaigns()).rejects.toMatchObject({ status: 429, message: expect.stringContaining('wait 3600 s') });
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('times out an attempt that never answers, and says so', async () => {
    const { seen, fetchImpl } = scripted(['hang']);
    const { polis } = client(fetchImpl, { timeoutMs: 50, attempts: 2 });
    await expect(polis.getMe()).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
      message: expect.stringMatching(/did not answer within 1 s; gave up after 2 attempts/),
    });
    expect(seen).toHaveLength(2);
  });

  it('retries a create that carries its id, but not one without an id, after a network failure', async () => {
    const body = {
      data: {
        campaignId: campaign.id,
        contactId: campaign.id,
        timestamp: '2026-01-01T00:00:00Z',
        survey: { surveyId: campaign.id, responses: {} },
        unavailable: false,
      },
    };
    const withId = scripted([new TypeError('socket hang up'), new Response(JSON.stringify(contact), { status: 201 })]);
    await client(withId.fetchImpl)
      .polis.createInteraction({ id: campaign.id, ...body })
      .catch(() => undefined);
    expect(withId.seen).toHaveLength(2);
    const withoutId = scripted([new TypeError('socket hang up'), new Response(JSON.stringify(contact), { status: 201 })]);
    await expect(client(withoutId.fetchImpl).polis.createInteraction(body as never)).rejects.toMatchObject({ status: 0 });
    expect(withoutId.seen).toHaveLength(1);
  });

  it('sends a patch again after a 429, which the server refused before acting, but not after a 503', async () => {
    const after429 = scripted([limited('0'), new Response(JSON.stringify(contact), { status: 200 })]);
    await client(after429.fetchImpl).polis.patchContact('abc', 'e1', []);
    expect(after429.seen).toHaveLength(2);
    const after503 = scripted([new Response('', { status: 503 }), new Response(JSON.stringify(contact), { status: 200 })]);
    await expect(client(after503.fetchImpl).polis.patchContact('abc', 'e1', [])).rejects.toMatchObject({ status: 503 });
    expect(after503.seen).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
