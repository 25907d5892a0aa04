import { OUTCOME_STYLE } from '@/components/interactions/outcome-badge';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { TEST_PORTS } from '@/lib/testing/ports';
import { seedTestDatabase, startTestServer } from '@/lib/testing/test-server';
import { api, campaigns, expect, ORGANIZATION, test } from './fixtures';
import { CampaignPage } from './pages/campaign-page';
import { InteractionPage } from './pages/interaction-page';
import { SignInPage } from './pages/sign-in-page';

/** What a canvass director hit in a first afternoon, each checked as they would see it. */
test.beforeEach(async ({ signIn }) => {
  await signIn('organizer');
});

test('a survey-results bar filter shows in the answer select and survives the next filter', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await views.openResults();
  await page.getByRole('link', { name: /^Strongly oppose\s*\d/ }).click();
  await expect(page).toHaveURL(/answer=/);
  await expect.poll(() => views.chosen('Survey answer')).toBe('Strongly oppose');
  // Over to the map by its tab (a client navigation), then one more filter.
  await page.getByRole('navigation', { name: 'Campaign views' }).getByRole('link', { name: 'Map' }).click();
  await expect(page).toHaveURL(/\/map\?.*answer=/);
  await expect.poll(() => views.chosen('Survey answer')).toBe('Strongly oppose');
  const list = (await views.filterBar().getByLabel('List', { exact: true }).locator('option').nth(1).innerText()).trim();
  const filtered = views.waitForClusters('list=');
  await views.filterBy('List', list);
  const data = await filtered;
  await expect(page).toHaveURL(/answer=/);
  expect(await views.chosen('Survey answer')).toBe('Strongly oppose');
  expect(await views.chosen('List')).toBe(list);
  // The answer filter still narrows the map: fewer than the list alone.
  const listOnly = await (
    await page.request.get(`/api/map/${campaign!.id}/clusters?bbox=-180,-85,180,85&zoom=3&list=${new URL(page.url()).searchParams.get('list')}`)
  ).json();
  expect(data.total).toBeGreaterThan(0);
  expect(data.total).toBeLessThan(listOnly.total);
});

test('a filter that matches one visit opens the map on it, listed beside it', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const farthest = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=2&sort=${encodeURIComponent('["data/distance","DESC"]')}&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/location/lat neq nil`)}`,
  );
  const [only, next] = farthest.data;
  expect(only.data.distance).toBeGreaterThan(next.data.distance);
  const views = new CampaignPage(page, campaign!.id);
  await page.setViewportSize({ width: 1440, height: 900 });
  const data = await views.openMap(`?minDistance=${only.data.distance}`);
  expect(data.total).toBe(1);
  await expect(page.getByTestId('map-total')).toHaveText('1');
  await expect(views.inView().getByRole('listitem')).toHaveCount(1);
  await expect(views.inView().getByRole('link')).toHaveAttribute('href', `/campaigns/${campaign!.id}/interactions/${only.id}`);
  // The list says whose visit it is and how far the canvasser stood, without opening it.
  const contact = await api(baseURL!, apiToken, `/v1/contacts/${only.data.contactId}`);
  await expect(views.inView()).toContainText(contact.data.profile.name.last);
  await expect(views.inView()).toContainText(contact.data.profile.address.formatted);
  await expect(views.inView()).toContainText(/from the household/);
  // Not the last zoom over a zero-size box.
  expect(Number(new URL(page.url()).searchParams.get('z'))).toBeLessThan(19);
});

test('the map and its filters fit the first screen at 1440×900; a skip link leads to the list', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await page.setViewportSize({ width: 1440, height: 900 });
  await views.openMap();
  const box = (await views.map().boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  expect(box.height).toBeGreaterThan(300);
  await expect(page).toHaveTitle(`Map · ${campaign!.name}`);
  const skip = page.getByRole('link', { name: 'Skip to the list of interactions in view' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'In view' })).toBeFocused();
});

test('on a phone the filters wait behind a "Filters" button that counts them', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/campaigns/${campaign!.id}/table?outcome=successful`);
  await expect(views.filterBar()).toBeHidden();
  const toggle = page.getByRole('button', { name: 'Filters (1)' });
  await toggle.click();
  await expect(views.filterBar()).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
});

test('a bad value in the URL and a From after the To are pointed out', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  await page.goto(`/campaigns/${campaign!.id}/table?outcome=maybe&from=2026-11-02&to=2026-11-01`);
  const problems = page.getByRole('search', { name: 'Filter interactions' }).getByRole('alert');
  await expect(problems).toContainText('Outcome “maybe” is not a value it can take');
  await expect(problems).toContainText('From is after To');
});

test('the table is dense: at least 15 one-line rows at 1440×900, sortable by canvasser, searchable by full name', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await page.setViewportSize({ width: 1440, height: 900 });
  await views.openTable();
  const rows = views.table().locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toBeVisible();
  const visible = await rows.evaluateAll(
    (trs) =>
      trs.filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight + 0.5;
      }).length,
  );
  expect(visible).toBeGreaterThanOrEqual(15);
  expect((await rows.first().boundingBox())!.height).toBeLessThanOrEqual(32);

  await views
    .table()
    .getByRole('link', { name: /Canvasser/ })
    .click();
  await expect(page).toHaveURL(/sort=canvasser%3Aasc/);
  const names = await rows.evaluateAll((trs) => trs.slice(0, 10).map((tr) => tr.querySelectorAll('td')[2]!.textContent ?? ''));
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

  // A full name, as the director typed it.
  const first = await api(baseURL!, apiToken, `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`);
  const contact = await api(baseURL!, apiToken, `/v1/contacts/${first.data[0].data.contactId}`);
  const fullName = `${contact.data.profile.name.first} ${contact.data.profile.name.last}`;
  await views.filterBar().getByLabel('Contact name or address').fill(fullName.toLowerCase());
  await views.filterBar().getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(rows.first()).toContainText(contact.data.profile.name.last);
});

test('the CSV export comes in the order of the table on screen', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await views.openTable('?sort=distance:asc&outcome=contacted&size=25');
  const rows = views.table().locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toBeVisible();
  const onScreen = await rows.evaluateAll((trs) => trs.slice(0, 10).map((tr) => tr.querySelector('a')!.getAttribute('href')!.split('/').at(-1)));
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const text = (await import('node:fs')).readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '');
  const ids = text
    .trimEnd()
    .split('\r\n')
    .slice(1, 11)
    .map((line) => line.split(',')[0]);
  expect(ids).toEqual(onScreen);
  expect(text.split('\r\n')[0]).toContain('Distance (feet)');
});

test('after a correction the outcome takes focus and the history says the change in words', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const visits = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=1&skip=40&sort=${encodeURIComponent('["data/timestamp","ASC"]')}&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/unavailable eq true`)}`,
  );
  const id = visits.data[0].id;
  const detail = new InteractionPage(page, campaign!.id, id);
  await detail.openCorrection();
  await page.getByRole('group', { name: 'Outcome' }).getByLabel('Successful', { exact: true }).check();
  await detail.save('Canvasser marked the wrong door');
  const outcome = page.getByLabel('Outcome of saving');
  await expect(outcome).toContainText('Correction saved.');
  await expect(outcome).toBeFocused();
  await expect(outcome).toBeInViewport();
  await detail.open();
  const history = page.getByRole('list', { name: 'Correction history' });
  await expect(history.getByRole('list', { name: 'Changes' })).toContainText('Outcome: Not available → Successful');
  await expect(history).not.toContainText('changed survey');
});

test('after a delete the table says so, with a link to the correction log', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const visits = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=1&skip=60&sort=${encodeURIComponent('["data/timestamp","ASC"]')}&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`,
  );
  const id = visits.data[0].id;
  await new InteractionPage(page, campaign!.id, id).open();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this interaction?' });
  await dialog.getByLabel('Reason').fill('Entered twice');
  await expect(dialog).toContainText('13 of 500 characters');
  await dialog.getByRole('button', { name: 'Delete interaction' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Interaction deleted.' })).toBeVisible();
  await page.getByRole('link', { name: 'See its entry in the correction log' }).click();
  await expect(page.getByRole('list', { name: 'Correction history' })).toContainText('Entered twice');
});

test('walklists are chosen by name, on the filter and on the correction form', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await views.openMap();
  const options = await views.filterBar().getByLabel('Walklist', { exact: true }).locator('option').allInnerTexts();
  expect(options.length).toBeGreaterThan(4);
  expect(options.slice(1).every((text) => /, walklist \d+$/.test(text))).toBe(true);
  // What a filter bar rendered during the first index build asks for: the same names.
  const choice = await (await page.request.get(`/api/map/${campaign!.id}/walklists`)).json();
  expect(choice.state).toBe('ready');
  expect(choice.walklists.map((w: { name: string }) => w.name)).toEqual(options.slice(1));
  const visit = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/walklistId neq nil`)}`,
  );
  await new InteractionPage(page, campaign!.id, visit.data[0].id).openCorrection();
  const walklist = page.getByRole('combobox', { name: 'Walklist' });
  await expect(walklist.locator('option:checked')).toHaveText(/, walklist \d+$/);
  await expect(page.getByLabel('Walklist id')).toHaveCount(0);
  // The walk sheet's choice of doors too.
  await page.goto(`/campaigns/${campaign!.id}/sheets`);
  const sheetWalklists = await page.getByRole('combobox', { name: 'Walklist' }).locator('option').allInnerTexts();
  expect(sheetWalklists.slice(1)).toEqual(options.slice(1));
  await expect(page.getByLabel('Walklist id (optional)')).toHaveCount(0);
});

test('survey chart labels are shown whole', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  await new CampaignPage(page, campaign!.id).openResults();
  const label = page
    .getByRole('link', { name: /^Yes, they came to the door\s*\d/ })
    .locator('span')
    .first();
  await expect(label).toHaveText('Yes, they came to the door');
  const [scroll, client] = await label.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
});

test('every tab title names the page and the campaign', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await views.openTable();
  await expect(page).toHaveTitle(`Interactions · ${campaign!.name}`);
  await views.openResults();
  await expect(page).toHaveTitle(`Survey results · ${campaign!.name}`);
  const first = await api(baseURL!, apiToken, `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`);
  await new InteractionPage(page, campaign!.id, first.data[0].id).open();
  await expect(page).toHaveTitle(`Interaction · ${campaign!.name}`);
  await page.goto(`/campaigns/${campaign!.id}/new`);
  await expect(page).toHaveTitle(`Enter an interaction · ${campaign!.name}`);
  await page.goto(`/campaigns/${campaign!.id}/review`);
  await expect(page).toHaveTitle(`Review · ${campaign!.name}`);
  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Campaigns' })).toBeVisible();
  await expect(page).toHaveTitle('Campaigns · Polis canvass review');
});

test('the detail map has a legend with the distance in the organization’s units, and no label over the points', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  // A normal, short visit: the canvasser a few metres from the door.
  const near = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=1&sort=${encodeURIComponent('["data/distance","ASC"]')}&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/distance gt 0.001 and /data/location/confidence gt 0`)}`,
  );
  await new InteractionPage(page, campaign!.id, near.data[0].id).open();
  const legend = page.getByRole('list', { name: 'Map legend' });
  await expect(legend).toContainText('Household');
  await expect(legend).toContainText('Where the canvasser stood');
  // The campaign is in the United States: feet, never "0.002 mi", for the distance and the accuracy alike.
  await expect(legend).toContainText(/Distance: \d+ ft/);
  await expect(legend).toContainText(/GPS accuracy \(\d+ ft\)/);
  await expect(page.getByText(/\d\.\d{3} mi/)).toHaveCount(0);
  const map = page.getByRole('region', { name: "Map of the household and the canvasser's location" });
  await expect(map.locator('.leaflet-container')).toBeAttached();
  await expect(map.locator('.leaflet-tooltip')).toHaveCount(0);
  // Household and canvasser in colours of their own, not the outcome colours of the campaign map.
  const swatches = await legend.locator('svg circle').evaluateAll((circles) => circles.map((c) => c.getAttribute('fill')!.toLowerCase()));
  const [household, canvasser] = swatches;
  expect(household).not.toBe(canvasser);
  const outcomeColours = Object.values(OUTCOME_STYLE).map((style) => style.color.toLowerCase());
  expect(outcomeColours).not.toContain(household);
  expect(outcomeColours).not.toContain(canvasser);
});

test('a zoom from the list beside the map keeps focus in the list', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const views = new CampaignPage(page, campaign!.id);
  await views.openMap();
  const group = page.getByRole('button', { name: /^Group of [\d,]+: zoom in$/ }).first();
  await group.focus();
  const zoomed = views.waitForClusters();
  await page.keyboard.press('Enter');
  await zoomed;
  await expect(page.getByRole('heading', { name: 'In view' })).toBeFocused();
});

test('the correction form’s map has no tab stop without a name, and leaving with unsaved edits asks first', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const visit = await api(
    baseURL!,
    apiToken,
    `/v1/interactions?limit=1&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/location/lat neq nil`)}`,
  );
  const detail = new InteractionPage(page, campaign!.id, visit.data[0].id);
  await detail.openCorrection();
  const picker = page.getByRole('region', { name: 'Map: drag the marker to where the canvasser stood' });
  await expect(picker.getByRole('button', { name: 'Canvasser location (drag to move)' })).toBeVisible();
  // Every stop the keyboard reaches inside the map says what it is.
  const stops = await picker.evaluate((region) =>
    [...region.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
      .filter((el) => el.tabIndex >= 0 && !el.closest('[aria-hidden="true"]'))
      .map((el) => ({
        tag: el.tagName,
        name: (el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.getAttribute('alt') ?? el.textContent ?? '').trim(),
      })),
  );
  expect(stops.length).toBeGreaterThan(0);
  expect(stops.filter((stop) => stop.name === '')).toEqual([]);
  expect(stops.map((stop) => stop.tag)).not.toContain('path');

  // An edit not saved: a link out asks, and staying keeps the edit.
  await page.getByRole('group', { name: 'Outcome' }).getByLabel('Not available', { exact: true }).check();
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect.poll(() => asked).toEqual(['You have edits that are not saved. Leave this page and lose them?']);
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByRole('group', { name: 'Outcome' }).getByLabel('Not available', { exact: true })).toBeChecked();
});

test('when the basemap fails the map says so and no longer credits the tile provider', async ({ browser }) => {
  test.setTimeout(180_000);
  const dbFile = await seedTestDatabase(400);
  const server = await startTestServer({
    port: TEST_PORTS.deadTiles,
    database: dbFile,
    env: { ...process.env, MAP_TILE_URL: `http://127.0.0.1:${TEST_PORTS.nothing}/{z}/{x}/{y}.png`, MAP_TILE_ATTRIBUTION: 'Tiles by Example Maps' },
  });
  const context = await browser.newContext({ baseURL: server.url, timezoneId: 'Asia/Tokyo' });
  try {
    const page = await context.newPage();
    await new SignInPage(page).signIn(DEMO_USERS.organizer, DEMO_PASSWORD, { organization: ORGANIZATION });
    await page.getByRole('list', { name: 'Campaigns' }).getByRole('link').first().click();
    const map = page.getByRole('region', { name: "Map of the campaign's interactions" });
    await expect(map.getByRole('status').filter({ hasText: 'The basemap could not load' })).toBeVisible();
    await expect(map.locator('.leaflet-control-attribution')).not.toContainText('Example Maps');
    // The data is still drawn.
    await expect(page.getByTestId('map-total')).not.toHaveText('0');
  } finally {
    await context.close();
    await server.stop();
  }
});
