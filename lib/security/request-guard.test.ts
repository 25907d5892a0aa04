import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT, refuseRequest } from './request-guard';

const action = (headers: Record<string, string>) =>
  new Request('http://dash.example/campaigns/1/new', { method: 'POST', headers: { host: 'dash.example', 'next-action': 'abc', ...headers } });

describe('refuseRequest', () => {
  it('answers 405 with Allow to a method no route serves', async () => {
    const response = refuseRequest(new Request('http://dash.example/api/health', { method: 'PROPFIND' }))!;
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toContain('GET');
    expect((await response.json()).error.message).toContain('PROPFIND is not supported');
  });

  it('refuses a server action from Origin: null, another site or no origin with 403', async () => {
    for (const origin of ['null', 'https://evil.example', 'http://dash.example.evil.example', undefined]) {
      const response = refuseRequest(action(origin ? { origin } : {}));
      expect(response?.status, origin).toBe(403);
    }
    expect((await refuseRequest(action({ origin: 'null' }))!.json()).error.message).toContain('did not come from the dashboard');
  });

  it('lets a same-site action through, also behind a proxy that forwards the host', () => {
    expect(refuseRequest(action({ origin: 'http://dash.example' }))).toBeNull();
    expect(refuseRequest(action({ origin: 'https://public.example', 'x-forwarded-host': 'public.example' }))).toBeNull();
  });

  it('refuses an action body over 1 MB with 413 naming the limit', async () => {
    const response = refuseRequest(action({ origin: 'http://dash.example', 'content-length': String(ACTION_BODY_LIMIT + 1) }))!;
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toContain('1048576 bytes (1 MB)');
    expect(refuseRequest(action({ origin: 'http://dash.example', 'content-length': String(ACTION_BODY_LIMIT) }))).toBeNull();
  });

  it('leaves ordinary requests alone', () => {
    expect(refuseRequest(new Request('http://dash.example/', { method: 'GET' }))).toBeNull();
    expect(refuseRequest(new Request('http://dash.example/api/polis/v1/interactions', { method: 'POST', headers: { origin: 'null' } }))).toBeNull();
  });
});
