import { api, expect, ORGANIZATION, test } from './fixtures';
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
