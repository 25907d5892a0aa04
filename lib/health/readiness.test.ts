import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabases } from '@/lib/db/sqlite';
import { closeStores } from '@/lib/store/store';
import { checkReadiness } from './readiness';

const storeUrl = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-ready-')), 'dashboard.sqlite')}`;
const answering = (status: number) => (async () => new Response(null, { status })) as typeof fetch;
afterAll(async () => {
  await closeStores();
  await closeDatabases();
});

describe('readiness', () => {
  it('is ready when the store opens and the Polis API answers, even 401 to a request without a token', async () => {
    expect(await checkReadiness({ storeUrl, polisApiUrl: 'http://polis.test', fetch: answering(401) })).toEqual({
      ok: true,
      store: { ok: true, engine: 'sqlite' },
      polisApi: { ok: true, status: 401 },
    });
  });

  it('is not ready, naming which, when the Polis API fails or cannot be reached', async () => {
    expect(await checkReadiness({ storeUrl, polisApiUrl: 'http://polis.test', fetch: answering(502) })).toMatchObject({
      ok: false,
      store: { ok: true },
      polisApi: { ok: false, status: 502 },
    });
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await checkReadiness({ storeUrl, polisApiUrl: 'http://polis.test', fetch: unreachable })).toMatchObject({ ok: false, polisApi: { ok: false } });
  });

  it('is not ready when the PostgreSQL store does not answer', async () => {
    // Port 9 (discard) has no PostgreSQL server behind it.
    const report = await checkReadiness({
      storeUrl: 'postgres://nobody:nothing@127.0.0.1:9/none',
      polisApiUrl: 'http://polis.test',
      fetch: answering(200),
      timeoutMs: 3000,
    });
    expect(report).toEqual({ ok: false, store: { ok: false, engine: 'postgres' }, polisApi: { ok: true, status: 200 } });
  });
});
