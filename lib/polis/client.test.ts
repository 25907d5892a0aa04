import { describe, expect, it } from 'vitest';
import { createPolisClient, PolisApiError } from './client';

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
    const down = createPolisClient({ token: 't', baseUrl: 'https://api.example', fetch: async () => { throw new TypeError('fetch failed'); } });
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
