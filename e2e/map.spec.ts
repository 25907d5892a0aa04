import { apiTotal, campaigns, expect, test } from './fixtures';
import { CampaignPage } from './pages/campaign-page';

test.beforeEach(async ({ signIn }) => {
  await signIn('organizer');
});

test('the map shows clusters whose counts add up to the campaign total, on a plain background', async ({ page, baseURL, apiToken }) => {
  const tileRequests: string[] = [];
  page.on('request', (request) => {
    if (/tile|\.png$/.test(request.url()) && !request.url().includes('/_next/')) tileRequests.push(request.url());
  });
  const [campaign] = await campaigns(baseURL!, apiToken);
  const map = new CampaignPage(page, campaign!.id);
  // The first answer is for the whole country, before the map fits to the data: every point is in it.
  const data = await map.openMap();
  const sum = data.features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0);
  // Paper entries without a position count in the total but are drawn nowhere, and the map says how many.
  const unplaced = await apiTotal(baseURL!, apiToken, `/data/campaignId eq "${campaign!.id}" and /data/location/lat eq nil`);
  expect(data.total).toBe(campaign!.total);
  expect(data.unplaced).toBe(unplaced);
  expect(sum + unplaced).toBe(campaign!.total);
  await expect(page.getByTestId('map-total')).toHaveText(campaign!.total.toLocaleString('en-US'));
  if (unplaced > 0)
    await expect(page.getByTestId('map-unplaced')).toHaveText(
      `${unplaced.toLocaleString('en-US')} without a position (paper sheets), counted but not on the map`,
    );
  else await expect(page.getByTestId('map-unplaced')).toHaveCount(0);
  await expect(map.map()).toBeVisible();
  const clusterIcons = page.locator('.polis-cluster svg[role="img"]');
  expect(await clusterIcons.count()).toBeGreaterThan(0);
  expect(tileRequests).toEqual([]);
});

test('a filter changes the counts to what the API says for the same filter', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const map = new CampaignPage(page, campaign!.id);
  await map.openMap();
  const filtered = map.waitForClusters('outcome=unavailable');
  await map.filterBy('Outcome', 'Not available');
  const data = await filtered;
  const expected = await apiTotal(baseURL!, apiToken, `/data/campaignId eq "${campaign!.id}" and /data/unavailable eq true`);
  expect(data.total).toBe(expected);
  await expect(page.getByTestId('map-total')).toHaveText(expected.toLocaleString('en-US'));
  await expect(page.getByTestId('count-successful')).toHaveText('0');
  expect(page.url()).toContain('outcome=unavailable');
});

test('clicking a point opens its popup with a link to the detail, and the URL restores the view', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  // The newest visit the app recorded with its distance: a paper entry may have no position, and visits other tests
  // create through the API may stand on a seeded household's spot, where the click would open the other one.
  const { data } = await (
    await fetch(
      `${baseURL}/api/polis/v1/interactions?limit=1&sort=${encodeURIComponent('["data/timestamp","DESC"]')}&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}" and /data/location/lat neq nil and /data/distance neq nil`)}`,
      { headers: { Authorization: `Bearer ${apiToken}` } },
    )
  ).json();
  const target = data[0];
  const contact = await (await fetch(`${baseURL}/api/polis/v1/contacts/${target.data.contactId}`, { headers: { Authorization: `Bearer ${apiToken}` } })).json();
  const map = new CampaignPage(page, campaign!.id);
  await map.openMap(`?lat=${target.data.location.lat}&lng=${target.data.location.lng}&z=19`);
  await page.setViewportSize({ width: 1280, height: 1200 });
  await map.map().scrollIntoViewIfNeeded();
  const box = (await map.map().boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const popup = page.locator('.leaflet-popup');
  await expect(popup).toContainText(contact.data.profile.name.last);
  await expect(popup).toContainText(contact.data.profile.address.formatted);
  await popup.getByRole('link', { name: 'Open the interaction' }).click();
  await expect(page).toHaveURL(new RegExp(`/interactions/${target.id}$`));

  // Back on the map, the view in the URL survives a reload.
  await page.goBack();
  await expect(page).toHaveURL(/z=19/);
  const url = page.url();
  await page.reload();
  await map.waitForClusters();
  expect(page.url()).toBe(url);
  await expect(page.getByRole('list', { name: 'Interactions in view' })).toBeVisible();
});

test('an interaction opened from its detail is singled out on the map and in the list beside it', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  const { data } = await (
    await fetch(`${baseURL}/api/polis/v1/interactions?limit=1&skip=7&filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`, {
      headers: { Authorization: `Bearer ${apiToken}` },
    })
  ).json();
  await page.goto(`/campaigns/${campaign!.id}/interactions/${data[0].id}`);
  const map = new CampaignPage(page, campaign!.id);
  const loaded = map.waitForClusters();
  await page.getByRole('link', { name: 'Show on the map' }).click();
  await loaded;
  await expect(page).toHaveURL(new RegExp(`selected=${data[0].id}`));
  const selected = page.getByRole('list', { name: 'Interactions in view' }).locator('li[aria-current="true"]');
  await expect(selected).toHaveCount(1);
  await expect(selected.getByRole('link')).toHaveAttribute('href', `/campaigns/${campaign!.id}/interactions/${data[0].id}`);
});

test('a cluster response says where its time went: the index, the clusterer, the features', async ({ page, baseURL, apiToken }) => {
  const [campaign] = await campaigns(baseURL!, apiToken);
  let timing: string | undefined;
  await expect
    .poll(async () => {
      const response = await page.request.get(`/api/map/${campaign!.id}/clusters?bbox=-180,-85,180,85&zoom=3`);
      expect(response.status()).toBe(200);
      timing = response.headers()['server-timing'];
      return ((await response.json()) as { state: string }).state;
    })
    .toBe('ready');
  expect(timing).toMatch(/^index;dur=\d+\.\d, clusterer;dur=\d+\.\d, features;dur=\d+\.\d$/);
});

test('a malformed filter on the map data is refused with a 400 naming it, before any index is built for it', async ({ page, baseURL, apiToken }) => {
  // The campaign no other map test opens: its index may not exist yet, and the answer must not wait for one.
  const campaign = (await campaigns(baseURL!, apiToken)).at(-1)!;
  const response = await page.request.get(`/api/map/${campaign.id}/clusters?bbox=-180,-85,180,85&zoom=3&from=2026-02-30`);
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: string }).error).toContain('from');
});
