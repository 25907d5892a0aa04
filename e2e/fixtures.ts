import { test as base, expect, type Page } from '@playwright/test';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { openDatabase, type Db } from '@/lib/sandbox/db';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { expectAccessible } from './axe';
import { SignInPage } from './pages/sign-in-page';

export { expect } from '@playwright/test';
export type { Db } from '@/lib/sandbox/db';

export const ORGANIZATION = 'Commonwealth Field Partners';

type Fixtures = {
  /** The test server's sandbox database, for checks a person would make through the API. */
  db: Db;
  /** A bearer token of the demo organizer, to compare the page with what the API says. */
  apiToken: string;
  signIn: (who: keyof typeof DEMO_USERS, page?: Page) => Promise<void>;
  /** Runs axe on the page as it stands: no serious or critical violation. */
  expectAccessible: (where: string, page?: Page) => Promise<void>;
  /** Every test fails on a script, style or frame the Content-Security-Policy blocked on its page. */
  cspViolations: string[];
};

export const test = base.extend<Fixtures>({
  db: async ({}, provide) => {
    await provide(await openDatabase(process.env.E2E_DATABASE_FILE));
  },
  apiToken: async ({ db }, provide) => {
    await provide((await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!);
  },
  signIn: async ({ page }, provide) => {
    await provide(async (who, target = page) => {
      const organization = who === 'organizer' ? ORGANIZATION : undefined;
      await new SignInPage(target).signIn(DEMO_USERS[who], DEMO_PASSWORD, { organization });
    });
  },
  expectAccessible: async ({ page }, provide) => {
    await provide((where, target = page) => expectAccessible(target, where));
  },
  cspViolations: [
    async ({ page }, provide) => {
      const seen: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) seen.push(`${page.url()}: ${message.text()}`);
      });
      await provide(seen);
      expect(seen, 'the Content-Security-Policy blocked something the page needs').toEqual([]);
    },
    { auto: true },
  ],
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever shape it asked for
export async function api<T = any>(baseURL: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${baseURL}/api/polis${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return response.json() as Promise<T>;
}

/** The demo organizer's campaigns, largest first, as the API lists them. */
export async function campaigns(baseURL: string, token: string) {
  const list = await api(baseURL, token, '/v1/campaigns');
  const withTotals = await Promise.all(
    list.data.map(async (campaign: { id: string; data: { name: string } }) => ({
      id: campaign.id,
      name: campaign.data.name,
      total: (await api(baseURL, token, `/v1/interactions?limit=0&filter=${encodeURIComponent(`/data/campaignId eq "${campaign.id}"`)}`)).meta.total as number,
    })),
  );
  return withTotals.sort((a, b) => b.total - a.total);
}

export async function apiTotal(baseURL: string, token: string, filter: string): Promise<number> {
  return (await api(baseURL, token, `/v1/interactions?limit=0&filter=${encodeURIComponent(filter)}`)).meta.total;
}
