import { api, campaigns, expect, test, type Db } from './fixtures';
import { InteractionPage } from './pages/interaction-page';
import { CampaignPage } from './pages/campaign-page';
import { SignInPage } from './pages/sign-in-page';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/sandbox/seed/seed';

const SUPPORT = 'Do you support the fare-free buses ballot question?';

/** A home visit of the largest campaign that has not been corrected yet. */
async function homeVisit(db: Db, campaignId: string, skip: number) {
  const row = await db
    .selectFrom('interactions')
    .select(['id', 'etag'])
    .where('campaign_id', '=', campaignId)
    .where('unavailable', '=', 0)
    .where('is_deleted', '=', 0)
    .orderBy('timestamp', 'desc')
    .offset(skip)
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

test.describe('as the organizer', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn('organizer');
  });

  test('a corrected answer shows on the detail page, in the API and in the history', async ({ page, baseURL, apiToken, db }) => {
    const [campaign] = await campaigns(baseURL!, apiToken);
    const id = await homeVisit(db, campaign!.id, 0);
    const detail = new InteractionPage(page, campaign!.id, id);
    await detail.open();
    await page.getByRole('link', { name: 'Correct' }).click();
    await detail.answer(SUPPORT).getByLabel('Leaning oppose').check();
    await detail.save('Voter called the office to correct their answer');
    await expect(page.getByRole('status').filter({ hasText: 'Correction saved.' })).toBeVisible();
    await detail.open();
    const survey = (await api(baseURL!, apiToken, `/v1/surveys?filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`)).data[0];
    const question = survey.data.questions.find((q: { text: string }) => q.text === SUPPORT);
    await expect(page.locator(`[data-question="${question.questionId}"]`)).toHaveText('Leaning oppose');
    const stored = await api(baseURL!, apiToken, `/v1/interactions/${id}`);
    expect(stored.data.survey.responses[question.questionId].fields).toEqual({ support: 'lean-no' });
    await expect(page.getByRole('list', { name: 'Correction history' })).toContainText('Voter called the office to correct their answer');
    await expect(page.getByRole('list', { name: 'Correction history' })).toContainText('Maya Okafor');
  });

  test('two people edit the same interaction: the second sees the conflict and succeeds after re-applying', async ({
    page,
    browser,
    signIn,
    baseURL,
    apiToken,
    db,
  }) => {
    const [campaign] = await campaigns(baseURL!, apiToken);
    const id = await homeVisit(db, campaign!.id, 1);
    const other = await browser.newPage();
    await signIn('organizer', other);
    const first = new InteractionPage(page, campaign!.id, id);
    const second = new InteractionPage(other, campaign!.id, id);
    await first.openCorrection();
    await second.openCorrection();

    await first.answer('How likely are you to vote on November 3?').getByLabel('1 · Will not vote').check();
    await first.save('Fixing the likelihood');
    await expect(page.getByText('Correction saved.')).toBeVisible();

    await second.answer(SUPPORT).getByLabel('Strongly support').check();
    await second.save('Fixing the support answer');
    const conflict = other.getByRole('region', { name: 'Someone else changed this interaction first' });
    await expect(conflict).toBeVisible();
    const changes = conflict.getByRole('table', { name: 'Changes' });
    await expect(changes.getByRole('row', { name: /How likely/ })).toContainText('Will not vote');
    await expect(changes.getByRole('row', { name: /Do you support/ })).toContainText('Strongly support');
    await conflict.getByRole('button', { name: 'Re-apply my edits on their version' }).click();
    await other.getByRole('button', { name: 'Save correction' }).click();
    await expect(other.getByText('Correction saved.')).toBeVisible();

    const stored = await api(baseURL!, apiToken, `/v1/interactions/${id}`);
    const fields = Object.values(stored.data.survey.responses as Record<string, { fields: Record<string, unknown> }>).map((r) => r.fields);
    expect(fields).toContainEqual({ likelihood: 1 });
    expect(fields).toContainEqual({ support: 'strong-yes' });
    await other.close();
  });

  test('a validation error shows next to its field and the other fields keep their values', async ({ page, baseURL, apiToken, db }) => {
    const [campaign] = await campaigns(baseURL!, apiToken);
    const id = await homeVisit(db, campaign!.id, 2);
    const before = await api(baseURL!, apiToken, `/v1/interactions/${id}`);
    const detail = new InteractionPage(page, campaign!.id, id);
    await detail.openCorrection();
    await detail.answer(SUPPORT).getByLabel('Undecided').check();
    await page.getByLabel('Latitude').fill('123');
    await page.getByLabel('Time of the visit').fill('2099-01-01T10:00:00');
    await detail.save('Typo fix');
    await expect(page.locator('#lat-error')).toHaveText('The latitude must be between -90 and 90');
    await expect(page.locator('#timestamp-error')).toHaveText('The time cannot be in the future');
    await expect(page.getByLabel('Latitude')).toHaveAttribute('aria-invalid', 'true');
    await expect(detail.answer(SUPPORT).getByLabel('Undecided')).toBeChecked();
    await expect(page.getByLabel('Reason for the correction')).toHaveValue('Typo fix');
    const after = await api(baseURL!, apiToken, `/v1/interactions/${id}`);
    expect(after.meta.etag).toBe(before.meta.etag);
  });

  test('manual entry with a lost first answer creates exactly one interaction', async ({ page, baseURL, apiToken }) => {
    const [campaign] = await campaigns(baseURL!, apiToken);
    await page.goto(`/campaigns/${campaign!.id}/new`);
    await page.getByLabel('Contact (search by name or address)').fill('Street');
    await page.getByRole('button', { name: 'Search' }).click();
    const choice = page.getByRole('list', { name: 'Matching contacts' }).getByRole('button').first();
    const name = (await choice.locator('span').first().innerText()).trim();
    await choice.click();
    const contacts = await api(baseURL!, apiToken, `/v1/contacts?filter=${encodeURIComponent(`/data/profile/name/last eq "${name.split(' ').at(-1)}"`)}`);
    const contact = contacts.data.find((c: { data: { profile: { name: { first: string } } } }) => name.startsWith(c.data.profile.name.first));
    const countFor = async () =>
      (await api(baseURL!, apiToken, `/v1/interactions?limit=0&filter=${encodeURIComponent(`/data/contactId eq "${contact.id}"`)}`)).meta.total;
    const before = await countFor();

    // Whose sheet this is: the first of the campaign's canvassers.
    await page.getByLabel('Whose sheet is this?').selectOption({ index: 1 });
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Successful', { exact: true }).check();
    await page.getByRole('group', { name: SUPPORT }).getByLabel('Strongly support').check();
    // The first answer is lost on the way back: the interaction is created, the browser never hears of it.
    let intercepted = false;
    await page.route('**/new', async (route) => {
      if (!intercepted && route.request().method() === 'POST') {
        intercepted = true;
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The connection to the dashboard failed' })).toBeVisible();
    expect(await countFor()).toBe(before + 1);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: /^Saved: / })).toBeVisible();
    // This visit's answers, as the survey words them: no raw codes, nothing from earlier visits.
    const summary = page.getByLabel("This visit's answers");
    await expect(summary).toContainText('Strongly support');
    await expect(summary).toContainText('Successful');
    await expect(summary).not.toContainText('strong-yes');
    await expect(summary).not.toContainText('SUPPORT');
    expect(await countFor()).toBe(before + 1);
    // The retry is logged once, as the one interaction it is.
    await page.getByRole('link', { name: 'Open the interaction' }).click();
    const history = page.getByRole('list', { name: 'Correction history' }).getByRole('listitem');
    await expect(history).toHaveCount(1);
    await expect(history).toContainText('Entered by hand');
  });

  test('deleting an interaction removes it from the map and the table', async ({ page, baseURL, apiToken, db }) => {
    const [campaign] = await campaigns(baseURL!, apiToken);
    const id = await homeVisit(db, campaign!.id, 3);
    const views = new CampaignPage(page, campaign!.id);
    const before = await views.openMap();
    const detail = new InteractionPage(page, campaign!.id, id);
    await detail.open();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this interaction?' });
    await expect(dialog).toContainText('The visit to');
    await dialog.getByLabel('Reason').fill('Duplicate entry');
    await dialog.getByRole('button', { name: 'Delete interaction' }).click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${campaign!.id}/table`));
    expect((await fetch(`${baseURL}/api/polis/v1/interactions/${id}`, { headers: { Authorization: `Bearer ${apiToken}` } })).status).toBe(404);
    expect(await views.total()).toBe(before.total - 1);
    const after = await views.openMap();
    expect(after.total).toBe(before.total - 1);
  });
});

test.describe('as the viewer', () => {
  test('there are no edit controls, and the actions refuse a direct call without writing', async ({ page, browser, signIn, baseURL, apiToken, db }) => {
    const [campaign] = await campaigns(baseURL!, apiToken);
    const id = await homeVisit(db, campaign!.id, 4);
    const before = await api(baseURL!, apiToken, `/v1/interactions/${id}`);

    // The organizer's browser sends the action; it is captured and stopped before the server.
    const organizer = await browser.newPage();
    await signIn('organizer', organizer);
    const detail = new InteractionPage(organizer, campaign!.id, id);
    await detail.openCorrection();
    let captured: { headers: Record<string, string>; body: string } | null = null;
    await organizer.route('**/edit', async (route) => {
      if (route.request().headers()['next-action']) {
        captured = { headers: route.request().headers(), body: route.request().postData()! };
        await route.abort();
      } else await route.continue();
    });
    await detail.answer(SUPPORT).getByLabel('Strongly oppose').check();
    await detail.save('Captured, never sent');
    await expect.poll(() => captured).not.toBeNull();
    const organizerCookies = (await organizer.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await organizer.close();

    await signIn('viewer');
    await page.goto(`/campaigns/${campaign!.id}/interactions/${id}`);
    await expect(page.getByRole('list', { name: 'Survey answers' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Correct' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Enter an interaction' })).toHaveCount(0);
    const viewerCookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

    const { headers, body } = captured!;
    const replay = (cookie: string, origin: string) =>
      fetch(`${baseURL}/campaigns/${campaign!.id}/interactions/${id}/edit`, {
        method: 'POST',
        headers: { ...Object.fromEntries(Object.entries(headers).filter(([name]) => !['cookie', 'origin', 'referer'].includes(name))), origin, cookie },
        body,
        redirect: 'manual',
      }).then(async (response) => ({ status: response.status, location: response.headers.get('location') ?? '', text: await response.text() }));
    // Without a session the proxy already sends the call to sign-in; the action would refuse it too.
    const noSession = await replay('', baseURL!);
    expect(noSession.status === 307 ? noSession.location : noSession.text).toMatch(/\/sign-in|Your session has ended/);
    const asViewer = await replay(viewerCookies, baseURL!);
    expect(asViewer.text).toContain('Your role (viewer) may not do this');
    const crossSite = await replay(organizerCookies, 'https://elsewhere.example');
    expect(crossSite.text).not.toContain('Correction saved');
    expect(crossSite.status === 200 ? crossSite.text : 'refused').toMatch(/refused|did not come from the dashboard/);

    const after = await api(baseURL!, apiToken, `/v1/interactions/${id}`);
    expect(after.meta.etag).toBe(before.meta.etag);
    expect(after).toEqual(before);
  });
});

test('a session that ends mid-form keeps what was typed through signing in again', async ({ page, signIn, baseURL, apiToken, db }) => {
  await signIn('organizer');
  const [campaign] = await campaigns(baseURL!, apiToken);
  const id = await homeVisit(db, campaign!.id, 5);
  const form = new InteractionPage(page, campaign!.id, id);
  await form.openCorrection();
  await form.answer(SUPPORT).getByLabel('Leaning support').check();
  await page.getByLabel('Reason for the correction').fill('Kept across sign-in');
  // Polis revokes every token: the next call is a 401.
  await db.updateTable('access_tokens').set({ revoked_at: new Date().toISOString() }).where('revoked_at', 'is', null).execute();
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your Polis session has ended' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByText('Your Polis session has ended')).toBeVisible();
  const signInPage = new SignInPage(page);
  await page.getByRole('button', { name: 'Sign in with Polis' }).click();
  await signInPage.submitCredentials(DEMO_USERS.organizer, DEMO_PASSWORD);
  await page.getByRole('radio', { name: /Commonwealth Field Partners/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(new RegExp(`/interactions/${id}/edit$`));
  await expect(form.answer(SUPPORT).getByLabel('Leaning support')).toBeChecked();
  await expect(page.getByLabel('Reason for the correction')).toHaveValue('Kept across sign-in');
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.getByText('Correction saved.')).toBeVisible();
});
