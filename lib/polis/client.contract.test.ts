import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPolisClient, PolisApiError } from '@/lib/polis/client';
import { walkInteractions } from '@/lib/map-index/campaign-index';
import { TEST_PORTS } from '@/lib/testing/ports';
import { startTestServer, type TestServer } from '@/lib/testing/test-server';

const database = inject('database');
const tokens = inject('tokens');
const PER_MINUTE = 3;

describe('the client against the sandbox rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ port: TEST_PORTS.rateLimited, database, env: { ...process.env, SANDBOX_RATE_LIMIT: String(PER_MINUTE) } });
  });
  afterAll(() => server?.stop());

  it("reads the sandbox's 429 and Retry-After, and gives up at once with a clear message when the wait is past its budget", async () => {
    const polis = createPolisClient({ token: tokens.viewer, baseUrl: server.apiUrl, retry: { budgetMs: 5_000 } });
    const { data } = await polis.listCampaigns();
    const pages: number[] = [];
    const started = Date.now();
    const error = await walkInteractions(polis, `/data/campaignId eq "${data[0]!.id}"`, (page) => void pages.push(page.length), 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolisApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: expect.stringMatching(/Polis is limiting how often the dashboard may call it \(429\).*it asks to wait \d+ s\. Try again in a minute\./),
    });
    // Within the limit the walk went on; past it, no request waited beyond the budget.
    expect(pages).toEqual([10, 10]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
