import http from 'node:http';
import { describe, expect, inject, it } from 'vitest';

const appUrl = inject('apiUrl').replace(/\/api\/polis$/, '');

/** fetch refuses to send TRACE: a raw request, as an attacker's tool sends it. */
function raw(method: string, path: string): Promise<{ status: number; allow: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${appUrl}${path}`, { method }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, allow: response.headers.allow }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('what the framework answered with 500', () => {
  it('answers TRACE and other unsupported methods on any route with 405', async () => {
    for (const [method, path] of [
      ['TRACE', '/api/health'],
      ['TRACE', '/api/polis/v1/campaigns'],
      ['TRACE', '/sign-in'],
      ['PROPFIND', '/api/map/x/clusters'],
    ] as const) {
      const response = await raw(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.allow).toContain('GET');
    }
  });

  it('refuses a server action sent with Origin: null or a foreign origin with 403, and an action body over 1 MB with 413', async () => {
    const send = (headers: Record<string, string>, body = '[]') =>
      fetch(`${appUrl}/sign-in`, {
        method: 'POST',
        headers: { 'Next-Action': '0123456789abcdef0123456789abcdef01234567', 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
        body,
        redirect: 'manual',
      });
    for (const origin of ['null', 'https://evil.example']) {
      const response = await send({ Origin: origin });
      expect(response.status, origin).toBe(403);
      expect((await response.json()).error.message).toContain('did not come from the dashboard');
    }
    const large = await send({ Origin: appUrl }, 'x'.repeat(1024 * 1024 + 10));
    expect(large.status).toBe(413);
    expect((await large.json()).error.message).toContain('the limit is 1048576 bytes');
  });
});

describe('security headers', () => {
  it('puts a nonce CSP, no framing and the other headers on pages, API routes and refusals', async () => {
    const nonces = new Set<string>();
    for (const path of ['/sign-in', '/', '/api/health', '/no-such-page']) {
      const response = await fetch(`${appUrl}${path}`, { redirect: 'manual' });
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      // The test server's public URL is http: no HSTS.
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
      nonces.add(/'nonce-([^']+)'/.exec(policy)![1]!);
    }
    expect(nonces.size).toBe(4);
  });

  it("puts a policy that loads nothing, and the other headers, on the map's data and the sandbox's API, which skip the proxy", async () => {
    for (const path of [
      '/api/map/00000000-0000-4000-8000-000000000000/clusters?bbox=0,0,1,1&zoom=3',
      '/api/map/not-a-uuid/points',
      '/api/polis/v1/campaigns',
      '/api/polis/v1/no-such-resource',
    ]) {
      const response = await fetch(`${appUrl}${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it("puts this response's nonce on every script of a page", async () => {
    const response = await fetch(`${appUrl}/sign-in`);
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]!;
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });
});
