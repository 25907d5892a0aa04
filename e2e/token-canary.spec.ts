import { decode } from 'next-auth/jwt';
import { expect, test } from './fixtures';
import { TEST_AUTH_SECRET } from '@/lib/testing/test-server';

/** Every page a signed-in user can open; later pages join this list. */
const PAGES = ['/', '/sign-in'];

test('the Polis access token never reaches the browser', async ({ page, signIn, context }) => {
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
