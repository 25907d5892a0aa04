/**
 * Campaign-local time, proven with three clocks apart: the browser in Tokyo
 * (playwright.config.ts), the server in UTC (the test server's env), the
 * campaign in Boston. A visit at 01:30 UTC on 20 November is 8:30 PM EST on
 * 19 November, and only there, on every page and in the CSV.
 */
import { randomUUID } from 'node:crypto';
import { api, apiTotal, campaigns, expect, test } from './fixtures';
import { CampaignPage } from './pages/campaign-page';
import { quickRange } from '@/lib/time/days';

const EVENING = '2026-11-20T01:30:00.000Z';
const BOSTON = 'Boston Fair Transit 2026';

async function post(baseURL: string, token: string, path: string, body: unknown) {
  return fetch(`${baseURL}/api/polis${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function boston(baseURL: string, token: string) {
  const campaign = (await campaigns(baseURL, token)).find((c) => c.name === BOSTON)!;
  const full = await api(baseURL, token, `/v1/campaigns/${campaign.id}`);
  const listIds = full.data.lists.map((l: { listId: string }) => JSON.stringify(l.listId)).join(',');
  const contact = (await api(baseURL, token, `/v1/contacts?limit=1&filter=${encodeURIComponent(`/data/listId in [${listIds}]`)}`)).data[0];
  const survey = (await api(baseURL, token, `/v1/surveys?filter=${encodeURIComponent(`/data/campaignId eq "${campaign.id}"`)}`)).data[0];
  return { campaign, contact, survey };
}

test.describe.configure({ mode: 'serial' });

let visitId = '';

test.beforeAll(async ({ baseURL, apiToken }) => {
  const { campaign, contact, survey } = await boston(baseURL!, apiToken);
  const availability = survey.data.questions.find((q: { type: string }) => q.type === 'availability');
  visitId = randomUUID();
  const response = await post(baseURL!, apiToken, '/v1/interactions', {
    id: visitId,
    data: {
      campaignId: campaign.id,
      contactId: contact.id,
      timestamp: EVENING,
      survey: { surveyId: survey.id, responses: { [availability.questionId]: { questionId: availability.questionId, fields: { available: 'true' } } } },
      unavailable: false,
      successful: true,
      location: { lat: contact.data.profile.address.position.coordinates[1], lng: contact.data.profile.address.position.coordinates[0], confidence: 5 },
    },
  });
  expect(response.status).toBe(201);
});

test.describe('as the organizer', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn('organizer');
  });

  test('the campaign header names its zone, derived from where its households are', async ({ page, baseURL, apiToken }) => {
    const all = await campaigns(baseURL!, apiToken);
    await page.goto(`/campaigns/${all.find((c) => c.name === BOSTON)!.id}/table`);
    await expect(page.getByTestId('campaign-time-zone')).toHaveText('Times in Eastern Time (New York)');
  });

  test('an 8:30 PM visit in Boston is on 19 November on the map, the table, the results and the CSV, and not on 20 November', async ({ page, baseURL, apiToken }) => {
    const { campaign, contact } = await boston(baseURL!, apiToken);
    const [lng, lat] = contact.data.profile.address.position.coordinates;
    const views = new CampaignPage(page, campaign.id);
    const day19 = '?from=2026-11-19&to=2026-11-19';
    const day20 = '?from=2026-11-20&to=2026-11-20';

    // The API agrees with the campaign's day, not the UTC one.
    expect(await apiTotal(baseURL!, apiToken, `/data/campaignId eq "${campaign.id}" and /data/timestamp gte "2026-11-19T05:00:00Z" and /data/timestamp lt "2026-11-20T05:00:00Z"`)).toBe(1);

    const map19 = await views.openMap(`${day19}&lat=${lat}&lng=${lng}&z=16`);
    expect(map19.total).toBe(1);
    await expect(page.getByTestId('map-total')).toHaveText('1');
    await expect(page.getByRole('list', { name: 'Interactions in view' }).getByRole('link', { name: 'Successful, Nov 19, 2026, 8:30 PM EST' })).toBeVisible();
    await page.goto(`/campaigns/${campaign.id}/map${day20}`);
    await expect(page.getByTestId('map-total')).toHaveText('0');

    await views.openTable(day19);
    expect(await views.total()).toBe(1);
    await expect(views.table().getByRole('row').nth(1)).toContainText('Nov 19, 2026, 8:30 PM EST');
    await page.goto(`/campaigns/${campaign.id}/table${day20}`);
    await expect(page.getByText('No interactions match these filters')).toBeVisible();

    await page.goto(`/campaigns/${campaign.id}/results${day19}`);
    await expect(page.getByText(/Answers of the 1 interactions/)).toBeVisible();
    await page.goto(`/campaigns/${campaign.id}/results${day20}`);
    await expect(page.getByText(/Answers of the 0 interactions/)).toBeVisible();

    const csv19 = await (await page.request.get(`/campaigns/${campaign.id}/export${day19}`)).text();
    const [header, ...rows] = csv19.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header!.startsWith('Interaction id,Time (local),Time (UTC),Contact')).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.startsWith(`${visitId},2026-11-19T20:30:00-05:00,${EVENING},`)).toBe(true);
    const csv20 = await (await page.request.get(`/campaigns/${campaign.id}/export${day20}`)).text();
    expect(csv20.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);

    await page.goto(`/campaigns/${campaign.id}/interactions/${visitId}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Thu Nov 19, 2026, 8:30 PM EST');
  });

  test('quick ranges are days of the campaign, and the chosen one is marked', async ({ page, baseURL, apiToken }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    await page.goto(`/campaigns/${campaign.id}/table`);
    const ranges = page.getByRole('navigation', { name: 'Date ranges' });
    const now = new Date();
    for (const [name, range] of [['Today', 'today'], ['Yesterday', 'yesterday'], ['Last 7 days', 'last-7-days'], ['This week', 'this-week'], ['Last 30 days', 'last-30-days']] as const) {
      const { from, to } = quickRange('America/New_York', range, now);
      const href = await ranges.getByRole('link', { name, exact: true }).getAttribute('href');
      expect(new URL(href!, baseURL).searchParams.get('from'), name).toBe(from);
      expect(new URL(href!, baseURL).searchParams.get('to'), name).toBe(to);
    }
    await expect(ranges.getByRole('link', { name: 'All' })).toHaveAttribute('aria-current', 'true');
    await ranges.getByRole('link', { name: 'Last 7 days' }).click();
    await expect(ranges.getByRole('link', { name: 'Last 7 days' })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByLabel('From')).toHaveValue(quickRange('America/New_York', 'last-7-days', now).from!);
  });

  test('entering 1:30 am on 1 November asks which one; 2:30 am on 8 March is refused; the API stores the chosen instant', async ({ page, baseURL, apiToken }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    await page.goto(`/campaigns/${campaign.id}/new`);
    await page.getByLabel('Contact (search by name or address)').fill('Street');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('list', { name: 'Matching contacts' }).getByRole('button').first().click();
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Not available', { exact: true }).check();

    const time = page.getByLabel('Time of the visit');
    await time.fill('2026-03-08T02:30');
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page.locator('#timestamp-error')).toContainText('does not exist in Eastern Time (New York)');
    await expect(time).toHaveAttribute('aria-invalid', 'true');

    await time.fill('2026-11-01T01:30');
    const which = page.getByRole('group', { name: 'This time happens twice on that day: which one?' });
    await expect(which).toBeVisible();
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page.locator('#timestampChoice-error')).toContainText('choose which one');
    await which.getByLabel('1:30 AM EST (the second, after the clocks go back)').check();
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page.getByRole('heading', { name: /^Saved: / })).toBeVisible();
    await page.getByRole('link', { name: 'Open the interaction' }).click();
    await page.waitForURL(/\/interactions\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1)!;
    const stored = await api(baseURL!, apiToken, `/v1/interactions/${id}`);
    expect(stored.data.timestamp).toBe('2026-11-01T06:30:00.000Z');
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Sun Nov 1, 2026, 1:30 AM EST');
  });

  test('an organizer changes the campaign zone and every time follows it', async ({ page, baseURL, apiToken }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    await page.goto(`/campaigns/${campaign.id}/interactions/${visitId}`);
    const change = async (zone: string) => {
      await page.getByText('Change time zone').click();
      await page.getByRole('form', { name: 'Campaign time zone' }).getByLabel('Time zone').selectOption({ label: zone });
      await page.getByRole('button', { name: 'Save time zone' }).click();
      await expect(page.getByTestId('campaign-time-zone')).toHaveText(`Times in ${zone}`);
    };
    try {
      await change('Mountain Time (Denver)');
      await page.reload();
      await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Thu Nov 19, 2026, 6:30 PM MST');
    } finally {
      await change('Eastern Time (New York)');
    }
  });
});

test('a viewer sees the zone but cannot change it', async ({ page, signIn, baseURL, apiToken }) => {
  await signIn('viewer');
  const { campaign } = await boston(baseURL!, apiToken);
  await page.goto(`/campaigns/${campaign.id}/table`);
  await expect(page.getByTestId('campaign-time-zone')).toHaveText('Times in Eastern Time (New York)');
  await expect(page.getByText('Change time zone')).toHaveCount(0);
});
