import { api, campaigns, expect, test } from './fixtures';
import { CampaignPage } from './pages/campaign-page';
import { InteractionPage } from './pages/interaction-page';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/sandbox/seed/seed';

test('every page a signed-in organizer opens has no serious or critical accessibility violation', async ({
  page,
  signIn,
  expectAccessible,
  baseURL,
  apiToken,
}) => {
  // Ten pages, each loaded and then scanned by axe.
  test.setTimeout(240_000);
  await signIn('organizer');
  await expect(page.getByRole('list', { name: 'Campaigns' })).toBeVisible();
  await expectAccessible('the campaign list');

  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await views.openMap();
  await expect(page.getByRole('list', { name: 'Interactions in view' })).toBeVisible();
  await expectAccessible('the map');

  await views.openTable();
  await expectAccessible('the table');

  await page.goto(`/campaigns/${campaign!.id}/results`);
  await expect(page.getByRole('list', { name: /Answers to:/ }).first()).toBeVisible();
  await expectAccessible('the survey results');

  const { data } = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/successful eq true`)}`,
  );
  const detail = new InteractionPage(page, campaign!.id, data[0].id);
  await detail.open();
  await expectAccessible('the interaction detail');
  await detail.openCorrection();
  await expectAccessible('the correction form');

  await page.goto(`/campaigns/${campaign!.id}/new`);
  await expect(page.getByRole('button', { name: 'Save interaction' })).toBeVisible();
  await expectAccessible('the manual entry form');

  await page.goto(`/campaigns/${campaign!.id}/review`);
  const queue = page.getByRole('table', { name: 'Shifts to review' });
  await expect(queue).toBeVisible({ timeout: 30_000 });
  await expectAccessible('the review queue');
  await queue.locator('a[href*="/review/shifts/"]').first().click();
  await expect(page).toHaveURL(/\/review\/shifts\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectAccessible('a shift under review');
  await page.goto(`/campaigns/${campaign!.id}/review/thresholds`);
  await expect(page.getByRole('form', { name: 'Rule thresholds' })).toBeVisible();
  await expectAccessible('the rule thresholds');

  const missing = await page.goto(`/campaigns/${campaign!.id}/interactions/00000000-0000-4000-8000-000000000000`);
  expect(missing!.status()).toBe(404);
  await expectAccessible('the not-found page, signed in');
});

test('the sign-in, authorize and not-found pages have no serious or critical accessibility violation signed out', async ({ page, expectAccessible }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in with Polis' })).toBeVisible();
  await expectAccessible('the sign-in page');

  const signInPage = new SignInPage(page);
  await signInPage.start();
  await expectAccessible('the authorize page');
  await signInPage.submitCredentials(DEMO_USERS.organizer, 'not-the-password');
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await expectAccessible('the authorize page with an error');
  await signInPage.submitCredentials(DEMO_USERS.organizer, DEMO_PASSWORD);
  await expect(page.getByRole('group', { name: 'Organization' })).toBeVisible();
  await expectAccessible("the authorize page's choice of organization");

  const missing = await page.goto('/oauth/no-such-page');
  expect(missing!.status()).toBe(404);
  await expectAccessible('the not-found page, signed out');
});
