import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PolisApiError } from '@/lib/polis/client';
import type { AuthContext } from './session';
import { withAuthRoute } from './guard';

const session = vi.hoisted(() => ({ auth: null as AuthContext | null }));
vi.mock('./session', () => ({ getAuth: async () => session.auth }));

const CAMPAIGN = '0b6f6a52-3c1e-4f7a-9a59-2f6f3f7f2a10';
const viewer = { role: 'viewer', can: (permission: string) => permission.startsWith('read@') } as unknown as AuthContext;

function route(handler = vi.fn(async () => Response.json({ ok: true }))) {
  return { handler, GET: withAuthRoute<{ campaignId: string; resolutionId?: string }>('read@interactions', handler) };
}
const call = (GET: ReturnType<typeof route>['GET'], params: Record<string, string>) =>
  GET(new Request('http://localhost/x'), { params: Promise.resolve(params as { campaignId: string }) });

describe('the gate of every route handler', () => {
  beforeEach(() => {
    session.auth = viewer;
  });

  it('answers 401 without a session and 403 without the permission, before the handler runs', async () => {
    const { handler, GET } = route();
    session.auth = null;
    expect((await call(GET, { campaignId: CAMPAIGN })).status).toBe(401);
    session.auth = { ...viewer, can: () => false };
    const refused = await call(GET, { campaignId: CAMPAIGN });
    expect([refused.status, (await refused.json()).error]).toEqual([403, 'Your role (viewer) lacks the read@interactions permission.']);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 400 naming a path id that is not a UUID (a NUL byte included), before anything is read', async () => {
    const { handler, GET } = route();
    const bad = await call(GET, { campaignId: CAMPAIGN, resolutionId: 'abc\u0000' });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'resolutionId: must be a UUID' }]);
    expect(handler).not.toHaveBeenCalled();
    expect((await call(GET, { campaignId: CAMPAIGN })).status).toBe(200);
  });

  it('passes a Polis refusal on with its status and message', async () => {
    const { GET } = route(
      vi.fn(async () => {
        throw new PolisApiError(404, null, 'campaignId: no campaign here');
      }),
    );
    const answer = await call(GET, { campaignId: CAMPAIGN });
    expect([answer.status, (await answer.json()).error]).toEqual([404, 'campaignId: no campaign here']);
  });
});
