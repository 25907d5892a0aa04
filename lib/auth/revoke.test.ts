import { afterEach, describe, expect, it } from 'vitest';
import { forgetRevocationEndpoint, isSignedOut, markSignedOut, revokePolisToken } from './revoke';

type Call = { url: string; init?: RequestInit };

function fakePolis(metadata: unknown, revokeStatus = 200) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (url.endsWith('/.well-known/oauth-authorization-server')) {
      return metadata === null ? new Response('not found', { status: 404 }) : Response.json(metadata);
    }
    return new Response(null, { status: revokeStatus });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

afterEach(() => forgetRevocationEndpoint());

describe('revokePolisToken', () => {
  it("posts the token to the revocation endpoint of the server's metadata, with the client's credentials (RFC 7009)", async () => {
    const polis = fakePolis({ issuer: 'x', revocation_endpoint: 'https://auth.example/oauth2/revoke' });
    expect(await revokePolisToken('the-token', polis.fetchImpl)).toBe(true);
    const revoke = polis.calls[1]!;
    expect(revoke.url).toBe('https://auth.example/oauth2/revoke');
    expect(revoke.init!.method).toBe('POST');
    expect(String(revoke.init!.body as URLSearchParams | string)).toBe('token=the-token&token_type_hint=access_token');
    const [id, secret] = Buffer.from((revoke.init!.headers as Record<string, string>).Authorization!.replace('Basic ', ''), 'base64')
      .toString()
      .split(':');
    expect(id).toBe('polis-dashboard');
    expect(secret).toBeTruthy();
  });

  it('revokes nothing, and does not fail, where the server offers no revocation endpoint', async () => {
    const polis = fakePolis(null);
    expect(await revokePolisToken('the-token', polis.fetchImpl)).toBe(false);
    expect(polis.calls).toHaveLength(1);
    const without = fakePolis({ issuer: 'x' });
    forgetRevocationEndpoint();
    expect(await revokePolisToken('the-token', without.fetchImpl)).toBe(false);
  });

  it('reports a refused revocation without throwing', async () => {
    const polis = fakePolis({ revocation_endpoint: 'https://auth.example/revoke' }, 503);
    expect(await revokePolisToken('the-token', polis.fetchImpl)).toBe(false);
  });
});

describe('signed-out tokens', () => {
  it('are remembered until they expire', () => {
    const now = Date.now();
    markSignedOut('copied-cookie-token', now + 1000, now);
    expect(isSignedOut('copied-cookie-token', now)).toBe(true);
    expect(isSignedOut('another-token', now)).toBe(false);
    expect(isSignedOut('copied-cookie-token', now + 1001)).toBe(false);
  });
});
