import { decode } from 'next-auth/jwt';
import { api, campaigns, expect, ORGANIZATION, test } from './fixtures';
import { TEST_AUTH_SECRET } from '@/lib/testing/test-server';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/sandbox/seed/seed';

test('the organizer signs in through the Polis authorize page and sees the campaigns the API holds', async ({ page, signIn, apiToken, baseURL }) => {
  await signIn('organizer');
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByLabel('Signed in as')).toContainText(`Maya Okafor · ${ORGANIZATION} · organizer`);

  const campaigns = await api(baseURL!, apiToken, '/v1/campaigns');
  const list = page.getByRole('list', { name: 'Campaigns' });
  await expect(list.getByRole('listitem')).toHaveCount(campaigns.meta.total);
  for (const campaign of campaigns.data) {
    const card = list.getByRole('listitem').filter({ hasText: campaign.data.name });
    const total = (await api(baseURL!, apiToken, `/v1/interactions?limit=0&filter=${encodeURIComponent(`/data/campaignId eq "${campaign.id}"`)}`)).meta.total;
    await expect(card.getByTestId('interaction-count')).toHaveText(total.toLocaleString('en-US'));
  }
});

test('a wrong password shows an error on the form and keeps the email', async ({ page }) => {
  const signInPage = new SignInPage(page);
  await signInPage.start();
  await signInPage.submitCredentials(DEMO_USERS.viewer, 'not-the-password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match a Polis account.');
  await expect(page.getByLabel('Email')).toHaveValue(DEMO_USERS.viewer);
  await signInPage.submitCredentials(DEMO_USERS.viewer, DEMO_PASSWORD);
  await expect(page.getByLabel('Signed in as')).toContainText('viewer');
});

test('signing out ends the session', async ({ page, signIn }) => {
  await signIn('viewer');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  const session = await (await page.request.get('/api/auth/session')).json();
  expect(session).toEqual({});
});

test('a revoked Polis token sends the user back to sign in with a clear message', async ({ page, signIn, db }) => {
  await signIn('viewer');
  await db.updateTable('access_tokens').set({ revoked_at: new Date().toISOString() }).where('revoked_at', 'is', null).execute();
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F&reason=expired/);
  await expect(page.getByText('Your Polis session has ended')).toBeVisible();
});

test('sign-in sends a PKCE challenge (S256) with the authorize request', async ({ page }) => {
  const authorize = page.waitForRequest((request) => request.url().includes('/oauth/authorize?'));
  await new SignInPage(page).start();
  const url = new URL((await authorize).url());
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(url.searchParams.get('state')).toBeTruthy();
});

test('a session cookie copied before sign-out reads no data afterwards', async ({ page, browser, signIn, baseURL, apiToken }) => {
  await signIn('organizer');
  const [campaign] = await campaigns(baseURL!, apiToken);
  const copied = await page.context().cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(copied);
  const other = await thief.newPage();
  await other.goto(`/campaigns/${campaign!.id}/table`);
  await expect(other).toHaveURL(/\/sign-in/);
  await expect(other.getByRole('table', { name: 'Interactions' })).toHaveCount(0);
  const clusters = await other.request.get(`/api/map/${campaign!.id}/clusters?bbox=-180,-85,180,85&zoom=3`);
  expect(clusters.status()).toBe(401);
  const csv = await other.request.get(`/campaigns/${campaign!.id}/export`, { maxRedirects: 0 });
  expect(csv.status()).not.toBe(200);
  await thief.close();
});

test('sign-out revokes the Polis token itself', async ({ page, signIn, context, baseURL }) => {
  await signIn('viewer');
  const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token')!;
  const { accessToken } = (await decode({ token: cookie.value, secret: TEST_AUTH_SECRET }))!;
  const me = () => fetch(`${baseURL}/api/polis/v1/users/me`, { headers: { Authorization: `Bearer ${accessToken}` } }).then((r) => r.status);
  expect(await me()).toBe(200);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  expect(await me()).toBe(401);
});
