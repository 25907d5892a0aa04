import { api, apiTotal, campaigns, expect, test } from './fixtures';
import { formatMiles } from '@/lib/units/units';
import { CampaignPage } from './pages/campaign-page';

test.beforeEach(async ({ signIn }) => {
  await signIn('organizer');
});

test('sorting and paging the table match the API', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const table = new CampaignPage(page, campaign!.id);
  await table.openTable('?size=25');
  expect(await table.total()).toBe(campaign!.total);
  await table
    .table()
    .getByRole('link', { name: /Distance/ })
    .click();
  await expect(page).toHaveURL(/sort=distance%3Adesc/);
  await table
    .table()
    .getByRole('link', { name: /Distance/ })
    .click();
  await expect(page).toHaveURL(/sort=distance%3Aasc/);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);

  const expected = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=25&skip=25&sort=${encodeURIComponent('["data/distance","ASC"]')}&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`,
  );
  await expect(table.table()).toHaveAttribute('aria-rowcount', '26');
  // Rows are virtualized: those rendered are the first of the page, in the API's order.
  const rows = table.table().locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toBeVisible();
  const distances = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[6]!.textContent));
  expect(distances.length).toBeGreaterThan(5);
  // A paper entry without a position has no distance (none is invented): the table shows a dash where the API has none.
  const shown = (i: { data: { distance?: number | null } }) => (typeof i.data.distance === 'number' ? formatMiles(i.data.distance, 'imperial') : '—');
  expect(distances).toEqual(expected.data.slice(0, distances.length).map(shown));
  const firstContact = await api(baseURL!, apiToken, `/v1/contacts/${expected.data[0].data.contactId}`);
  await expect(rows.first()).toContainText(firstContact.data.profile.name.last);
});

test('the detail shows each answer as the seeded survey words it', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const filter = `/data/campaignId eq "${campaign!.id}" and /data/successful eq true`;
  const { data } = await api(baseURL!, apiToken, `/v1/interactions?limit=1&filter=${encodeURIComponent(filter)}`);
  const interaction = data[0];
  const survey = await api(baseURL!, apiToken, `/v1/surveys/${interaction.data.survey.surveyId}`);
  await page.goto(`/campaigns/${campaign!.id}/interactions/${interaction.id}`);
  const answers = page.getByRole('list', { name: 'Survey answers' });
  await expect(answers.getByRole('listitem').filter({ has: page.locator('[data-question]') })).toHaveCount(survey.data.questions.length);
  for (const question of survey.data.questions) {
    const cell = answers.locator(`[data-question="${question.questionId}"]`);
    const value = interaction.data.survey.responses[question.questionId]?.fields[question.tag];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      await expect(cell).toHaveText('Not answered');
    } else if (question.type === 'multi-select') {
      for (const tag of value) await expect(cell).toContainText(question.choices.find((c: { tag: string }) => c.tag === tag).text);
    } else if (question.type === 'scale') {
      await expect(cell).toContainText(`${value} out of 5`);
      await expect(cell).toContainText(question.options.find((o: { value: number }) => o.value === value).text);
    } else if (question.type === 'text') {
      await expect(cell).toHaveText(value);
    } else {
      await expect(cell).toHaveText(question.options.find((o: { value: unknown }) => String(o.value) === String(value)).text);
    }
  }
  await expect(page.getByText('Raw JSON (for support)')).toBeVisible();
});

test('a deleted or foreign interaction shows a not-found page', async ({ page, baseURL, apiToken, db }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const foreign = await db
    .selectFrom('interactions')
    .select('id')
    .where(
      'campaign_id',
      'not in',
      (await campaigns(baseURL!, apiToken)).map((c) => c.id),
    )
    .executeTakeFirstOrThrow();
  for (const id of [foreign.id, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
    const response = await page.goto(`/campaigns/${campaign!.id}/interactions/${id}`);
    expect(response!.status()).toBe(404);
    await expect(page.getByText(/could not be found|not found/i).first()).toBeVisible();
  }
});

test('clicking a survey result bar narrows the table to that answer', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  await page.goto(`/campaigns/${campaign!.id}/results`);
  const chart = page.getByRole('list', { name: /Answers to: Do you support/ });
  const bar = chart.getByRole('link', { name: /^Strongly support \d/ });
  const label = (await bar.textContent())!;
  const count = Number(label.match(/([\d,]+) ·/)![1]!.replace(/,/g, ''));
  await bar.click();
  await expect(page).toHaveURL(/answer=/);
  await page.getByRole('link', { name: 'Table' }).click();
  const table = new CampaignPage(page, campaign!.id);
  await expect(table.table()).toBeVisible();
  expect(await table.total()).toBe(count);
  expect(count).toBeLessThan(campaign!.total);
  await expect(table.table().locator('tbody tr[aria-rowindex]').first()).toContainText('Support: Strongly support');
});

test('the CSV export has one column per question and every matching row', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const table = new CampaignPage(page, campaign!.id);
  await table.openTable();
  await table.filterBy('Outcome', 'Home, not successful');
  const expected = await apiTotal(
    baseURL!,
    apiToken,
    `/data/campaignId eq "${campaign!.id}" and /data/unavailable eq false and (/data/successful eq false or /data/successful eq nil)`,
  );
  expect(await table.total()).toBe(expected);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const text = (await import('node:fs')).readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trimEnd().split('\r\n');
  const surveys = await api(baseURL!, apiToken, `/v1/surveys?filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`);
  const header = lines[0]!;
  expect(header.startsWith('Interaction id,Time (local),Time (UTC),Contact,Address,Canvasser,List,Outcome')).toBe(true);
  for (const question of surveys.data[0].data.questions) expect(header).toContain(question.text.includes(',') ? `"${question.text}"` : question.text);
  expect(lines.length - 1).toBe(expected);
  expect(lines.slice(1).every((line) => line.includes('Home, not successful'))).toBe(true);
});
