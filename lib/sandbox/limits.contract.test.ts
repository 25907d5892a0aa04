/**
 * The limits and the OAuth additions over real HTTP against the built app:
 * a smaller generated sample than the in-process fuzz suite, plus what only
 * the server shows (a streamed upload, the discovery route outside the
 * sign-in redirect).
 */
import fc from 'fast-check';
import * as oauth from 'oauth4webapi';
import { describe, expect, inject, it } from 'vitest';
import { httpClient } from '@/lib/testing/http';

const apiUrl = inject('apiUrl');
const appUrl = apiUrl.replace(/\/api\/polis$/, '');
const tokens = inject('tokens');
const organizer = httpClient(apiUrl, tokens.organizer);

const TERMS = [
  '/data/distance gt 1',
  '/data/timestamp gte "0000-01-01T00:00:00-14:00"',
  '/id in [1,"a",nil]',
  '/data/distance eq 1e400',
  '/nope eq 1',
  '(',
  ')',
  'and',
  'or',
];

describe('limits over HTTP', () => {
  it('answers a sample of generated filters with 200 or 4xx, never 5xx', async () => {
    const filters = fc.oneof(
      fc.array(fc.constantFrom(...TERMS), { maxLength: 20 }).map((t) => t.join(' ')),
      fc.integer({ min: 1, max: 400 }).map((n) => Array.from({ length: n }, () => '/data/distance gt 1').join(' or ')),
      fc.integer({ min: 1, max: 2000 }).map((n) => '('.repeat(n) + '/data/distance gt 1' + ')'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(filters, async (filter) => {
        const response = await fetch(`${apiUrl}/v1/interactions?${new URLSearchParams({ filter, limit: '1' })}`, {
          headers: { Authorization: `Bearer ${tokens.organizer}` },
        });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses the doubling patch with 413 in well under a second, and the interaction keeps its etag', async () => {
    const { body } = await organizer('GET', '/v1/interactions?limit=1');
    const id = body.data[0].id as string;
    const before = await organizer('GET', `/v1/interactions/${id}`);
    const ops = [
      { op: 'add', path: '/t', value: Array.from({ length: 1000 }, () => 'a') },
      ...Array.from({ length: 20 }, () => ({ op: 'copy', from: '/t', path: '/t/-' })),
    ];
    const started = performance.now();
    const response = await organizer('PATCH', `/v1/interactions/${id}`, { body: { data: ops }, etag: before.headers.get('etag')! });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(413);
    expect((await organizer('GET', `/v1/interactions/${id}`)).headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('refuses a streamed 5 MB body with 413', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        if (sent > 5 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const response = await fetch(`${apiUrl}/v1/interactions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.organizer}`, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    // The server may answer and close before the upload ends; either way nothing past the cap was taken.
    if (response instanceof Response) {
      expect(response.status).toBe(413);
      expect((await response.json()).error.message).toMatch(/64 KB/);
    } else expect(sent).toBeLessThan(5 * 1024 * 1024);
  });

  it('answers Basic credentials that are not valid percent-encoding with 401 invalid_client', async () => {
    const response = await fetch(`${apiUrl}/auth/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}` },
      body: 'grant_type=authorization_code&code=x',
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('invalid_client');
  });
});

describe('discovery over HTTP', () => {
  it('serves RFC 8414 metadata that oauth4webapi accepts, not a redirect to sign-in', async () => {
    const issuer = new URL(appUrl);
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true });
    expect(response.status).toBe(200);
    const as = await oauth.processDiscoveryResponse(issuer, response);
    expect(as.token_endpoint).toBe(`${appUrl}/api/polis/auth/oauth2/token`);
    expect(as.revocation_endpoint).toBe(`${appUrl}/api/polis/auth/oauth2/revoke`);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
  });
});
