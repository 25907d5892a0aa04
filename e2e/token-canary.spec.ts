import { decode } from 'next-auth/jwt';
import { api, campaigns, expect, test } from './fixtures';
import { TEST_AUTH_SECRET } from '@/lib/testing/test-server';

test('the Polis access token never reaches the browser', async ({ page, signIn, context, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const { data } = await api(baseURL!, apiToken, `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`);
  const base = `/campaigns/${campaign!.id}`;
  // Every page a signed-in user can open.
  const PAGES = [
    '/',
    '/sign-in',
    `${base}/map`,
    `${base}/table`,
    `${base}/results`,
    `${base}/interactions/${data[0].id}`,
    `${base}/export`,
    `/api/map/${campaign!.id}/clusters?bbox=-180,-85,180,85&zoom=3`,
    `/api/map/${campaign!.id}/points/${data[0].id}`,
  ];
  await signIn('organizer');
  const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
  const jwt = await decode({ token: cookie!.value, secret: TEST_AUTH_SECRET });
  const accessToken = jwt!.accessToken!;
  expect(accessToken.length).toBeGreaterThan(20);

  const seen: string[] = [];
  for (const path of PAGES) {
    const html = await page.request.get(path);
    expect(html.status()).toBe(200);
    seen.push(await html.text());
    const rsc = await page.request.get(path, { headers: { RSC: '1' } });
    seen.push(await rsc.text());
  }
  const session = await page.request.get('/api/auth/session');
  const sessionText = await session.text();
  expect(JSON.parse(sessionText).user.email).toBe('organizer@commonwealth.example');
  seen.push(sessionText);
  // What scripts on the page can read.
  seen.push(await page.evaluate(() => document.cookie + JSON.stringify(localStorage) + document.documentElement.outerHTML));

  for (const text of seen) expect(text).not.toContain(accessToken);
  expect(cookie!.httpOnly).toBe(true);
});
