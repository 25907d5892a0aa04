/**
 * Campaign-local time, proven with three clocks apart: the browser in Tokyo
 * (playwright.config.ts), the server in UTC (the test server's env), the
 * campaign in Boston. A visit at 01:30 UTC on 20 November is 8:30 PM EST on
 * 19 November, and only there, on every page and in the CSV.
 */
import type { Page } from '@playwright/test';
import { api, apiTotal, campaigns, expect, test } from './fixtures';
import { CampaignPage } from './pages/campaign-page';
import { quickRange } from '@/lib/time/days';
import { localDateTimeFields } from '@/lib/time/format';

const EVENING = '2026-11-20T01:30:00.000Z';
const BOSTON = 'Boston Fair Transit 2026';

async function boston(baseURL: string, token: string) {
  return { campaign: (await campaigns(baseURL, token)).find((c) => c.name === BOSTON)! };
}

test.describe.configure({ mode: 'serial' });

let visitId = '';

/**
 * Enters a visit through the dashboard's form, at a time typed on the
 * campaign's clock and, when given, where the sheet says the canvasser stood; answers its id.
 */
async function enterVisit(page: Page, campaignId: string, localTime: string, at?: { lat: number; lng: number }): Promise<string> {
  await page.goto(`/campaigns/${campaignId}/new`);
  await page.getByLabel('Contact (search by name or address)').fill('Street');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('list', { name: 'Matching contacts' }).getByRole('button').nth(2).click();
  await page.getByLabel('Whose sheet is this?').selectOption({ index: 1 });
  await page.getByRole('group', { name: 'Outcome' }).getByLabel('Not available', { exact: true }).check();
  await page.getByLabel('Unavailable reason').fill('Not home');
  await page.getByLabel('Time of the visit').fill(localTime);
  if (at) {
    await page.getByLabel('Latitude').fill(String(at.lat));
    await page.getByLabel('Longitude').fill(String(at.lng));
  }
  await page.getByRole('button', { name: 'Save interaction' }).click();
  await expect(page.getByRole('heading', { name: /^Saved: / })).toBeVisible();
  await page.getByRole('link', { name: 'Open the interaction' }).click();
  await page.waitForURL(/\/interactions\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1)!;
}

test.describe('as the organizer', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn('organizer');
  });

  test('the campaign header names its zone, derived from where its households are', async ({ page, baseURL, apiToken }) => {
    const all = await campaigns(baseURL!, apiToken);
    await page.goto(`/campaigns/${all.find((c) => c.name === BOSTON)!.id}/table`);
    await expect(page.getByTestId('campaign-time-zone')).toHaveText('Times in Eastern Time (New York)');
  });

  test('a visit entered at 8:30 PM on 19 November in Boston is stored as 01:30 UTC on 20 November, whatever the browser’s zone', async ({
    page,
    baseURL,
    apiToken,
  }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    // The campaign's point index is ready first, so the map takes the new visit in at once.
    await new CampaignPage(page, campaign.id).openMap();
    await page.goto(`/campaigns/${campaign.id}/new`);
    // The form opens at "now" on the campaign's clock, not Tokyo's; the clock is read once the form has hydrated.
    const timeField = page.getByLabel('Time of the visit');
    await expect(timeField).not.toHaveValue('');
    const opened = Date.parse(`${await timeField.inputValue()}Z`);
    const { date, time } = localDateTimeFields(new Date(), 'America/New_York');
    expect(Math.abs(Date.parse(`${date}T${time}Z`) - opened)).toBeLessThan(5 * 60_000);
    // A paper sheet has no position unless one is typed: this one has, near the campaign's own doors, so it shows on the map.
    const near = (
      await api(baseURL!, apiToken, `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign.id}" and /data/location/lat gt 0`)}`)
    ).data[0].data.location;
    visitId = await enterVisit(page, campaign.id, '2026-11-19T20:30', { lat: near.lat + 0.0003, lng: near.lng + 0.0003 });
    expect((await api(baseURL!, apiToken, `/v1/interactions/${visitId}`)).data.timestamp).toBe(EVENING);
  });

  test('an 8:30 PM visit in Boston is on 19 November on the map, the table, the results and the CSV, and not on 20 November', async ({
    page,
    baseURL,
    apiToken,
  }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    const visit = await api(baseURL!, apiToken, `/v1/interactions/${visitId}`);
    const views = new CampaignPage(page, campaign.id);
    const day19 = '?from=2026-11-19&to=2026-11-19';
    const day20 = '?from=2026-11-20&to=2026-11-20';
    // What the API counts for Boston's 19 and 20 November (EST, UTC-5): every view must say the same.
    const inCampaign = `/data/campaignId eq "${campaign.id}"`;
    const on19 = await apiTotal(
      baseURL!,
      apiToken,
      `${inCampaign} and /data/timestamp gte "2026-11-19T05:00:00Z" and /data/timestamp lt "2026-11-20T05:00:00Z"`,
    );
    const on20 = await apiTotal(
      baseURL!,
      apiToken,
      `${inCampaign} and /data/timestamp gte "2026-11-20T05:00:00Z" and /data/timestamp lt "2026-11-21T05:00:00Z"`,
    );
    expect(on19).toBeGreaterThan(1);
    const visitLink = (where: Page) => where.locator(`a[href$="/interactions/${visitId}"]`);

    const map19 = await views.openMap(`${day19}&lat=${visit.data.location.lat}&lng=${visit.data.location.lng}&z=19`);
    expect(map19.total).toBe(on19);
    await expect(page.getByTestId('map-total')).toHaveText(on19.toLocaleString('en-US'));
    await expect(
      page.getByRole('list', { name: 'Interactions in view' }).getByRole('link', { name: /Not available, Nov 19, 2026, 8:30 PM EST$/ }),
    ).toBeVisible();
    const map20 = await views.openMap(`${day20}&lat=${visit.data.location.lat}&lng=${visit.data.location.lng}&z=19`);
    expect(map20.total).toBe(on20);
    await expect(page.getByRole('list', { name: 'Interactions in view' }).getByRole('link', { name: /8:30 PM EST/ })).toHaveCount(0);

    await views.openTable(day19);
    expect(await views.total()).toBe(on19);
    await views.openTable(`${day19}&contact=${visit.data.contactId}`);
    await expect(
      views
        .table()
        .getByRole('row')
        .filter({ has: visitLink(page) }),
    ).toContainText('Nov 19, 2026, 8:30 PM EST');
    await views.openTable(day20);
    expect(await views.total()).toBe(on20);
    await page.goto(`/campaigns/${campaign.id}/table${day20}&contact=${visit.data.contactId}`);
    await expect(page.getByRole('heading', { name: 'Interactions' }).or(page.getByText('No interactions match these filters')).first()).toBeVisible();
    await expect(visitLink(page)).toHaveCount(0);

    await page.goto(`/campaigns/${campaign.id}/results${day19}`);
    await expect(page.getByText(`Answers of the ${on19.toLocaleString('en-US')} interactions`)).toBeVisible();
    await page.goto(`/campaigns/${campaign.id}/results${day20}`);
    await expect(page.getByText(`Answers of the ${on20.toLocaleString('en-US')} interactions`)).toBeVisible();

    const rowsOf = async (query: string) => {
      const [header, ...rows] = (await (await page.request.get(`/campaigns/${campaign.id}/export${query}`)).text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(header!.startsWith('Interaction id,Time (local),Time (UTC),Contact')).toBe(true);
      return rows;
    };
    const csv19 = await rowsOf(day19);
    expect(csv19).toHaveLength(on19);
    expect(csv19.filter((row) => row.startsWith(`${visitId},2026-11-19T20:30:00-05:00,${EVENING},`))).toHaveLength(1);
    const csv20 = await rowsOf(day20);
    expect(csv20).toHaveLength(on20);
    expect(csv20.some((row) => row.startsWith(visitId))).toBe(false);

    await page.goto(`/campaigns/${campaign.id}/interactions/${visitId}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Thu Nov 19, 2026, 8:30 PM EST');
  });

  test('quick ranges are days of the campaign, and the chosen one is marked', async ({ page, baseURL, apiToken }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    await page.goto(`/campaigns/${campaign.id}/table`);
    const ranges = page.getByRole('navigation', { name: 'Date ranges' });
    const now = new Date();
    for (const [name, range] of [
      ['Today', 'today'],
      ['Yesterday', 'yesterday'],
      ['Last 7 days', 'last-7-days'],
      ['This week', 'this-week'],
      ['Last 30 days', 'last-30-days'],
    ] as const) {
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

  test('entering 1:30 am on 1 November asks which one; 2:30 am on 8 March is refused; the API stores the chosen instant', async ({
    page,
    baseURL,
    apiToken,
  }) => {
    const { campaign } = await boston(baseURL!, apiToken);
    await page.goto(`/campaigns/${campaign.id}/new`);
    await page.getByLabel('Contact (search by name or address)').fill('Street');
    await page.getByRole('button', { name: 'Search' }).click();
    // Another household than the other specs' entries use, so no two of them share a spot on the map.
    await page.getByRole('list', { name: 'Matching contacts' }).getByRole('button').nth(3).click();
    await page.getByLabel('Whose sheet is this?').selectOption({ index: 1 });
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Not available', { exact: true }).check();
    await page.getByLabel('Unavailable reason').fill('Not home');

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
