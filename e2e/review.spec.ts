import { sql } from 'kysely';
import { campaigns, expect, test } from './fixtures';
import { CampaignPage } from './pages/campaign-page';
import { ReviewPage } from './pages/review-page';

/** The campaign the seed plants its fabricated shifts in. */
async function bostonCampaign(baseURL: string, token: string) {
  return (await campaigns(baseURL, token)).find((campaign) => campaign.name.startsWith('Boston'))!;
}

test.describe('the review queue, as the organizer', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn('organizer');
  });

  test('a planted shift is in the queue with its reasons, and its replay numbers the stops in time order', async ({ page, baseURL, apiToken }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    const review = new ReviewPage(page, campaign.id);
    await review.openQueue();
    await expect(review.rowWithReason('one-spot')).toContainText('households more than 150 m away recorded within 30 m of one spot');
    await expect(review.rowWithReason('outside-hours')).toContainText('after 21:00 local time');
    await expect(review.rowWithReason('contact-rate')).toContainText('where peers on the same lists reach');
    const shift = await review.openShiftFlaggedBy('one-spot');
    const stops = await review.stops();
    expect(stops.length).toBe(shift.doors);
    expect(stops.map((title) => Number(title.match(/^Stop (\d+):/)![1]))).toEqual(stops.map((_, i) => i + 1));
    const times = stops.map((title) => title.match(/: (\d\d:\d\d),/)![1]!);
    expect([...times].sort()).toEqual(times);
    await expect(review.interactions().getByRole('row')).toHaveCount(shift.doors + 1);
    await expect(review.interactions().getByRole('link', { name: 'one-spot' }).first()).toBeVisible();
  });

  test('Looks fine takes the shift out of the open queue and keeps it under its status', async ({ page, baseURL, apiToken }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    const review = new ReviewPage(page, campaign.id);
    await review.openQueue();
    const shift = await review.openShiftFlaggedBy('outside-hours');
    await review.resolve('Looks fine', 'Election-eve event; the organizer was there');
    await expect(review.status()).toContainText('Marked as looking fine');
    await review.openQueue();
    await expect(review.queue().getByRole('row').filter({ hasText: shift.hours })).toHaveCount(0);
    await review.openQueue('?status=looks-fine');
    await expect(review.queue().getByRole('row').filter({ hasText: shift.hours })).toHaveCount(1);
  });

  test('Confirmed soft-deletes the ticked interactions through the API and logs each', async ({ page, baseURL, apiToken, db }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    const review = new ReviewPage(page, campaign.id);
    await review.openQueue();
    const shift = await review.openShiftFlaggedBy('short-gaps');
    const links = await review
      .interactions()
      .getByRole('link', { name: /./ })
      .filter({ hasNotText: /^[a-z-]+$/ })
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')!.split('/').at(-1)!));
    expect(links.length).toBe(shift.doors);
    await review.resolve('Confirmed', 'Canvasser admitted making these up', { untick: 0 });
    await expect(review.status()).toContainText(`Confirmed: ${shift.doors - 1} interactions removed and logged.`);
    const kept = await fetch(`${baseURL}/api/polis/v1/interactions/${links[0]}`, { headers: { Authorization: `Bearer ${apiToken}` } });
    expect(kept.status).toBe(200);
    for (const id of links.slice(1)) {
      const gone = await fetch(`${baseURL}/api/polis/v1/interactions/${id}`, { headers: { Authorization: `Bearer ${apiToken}` } });
      expect(gone.status, id).toBe(404);
    }
    const logged = await sql<{
      n: number;
    }>`select count(*) as n from correction_log where action = 'delete' and reason like 'Review confirmed: Canvasser admitted%'`.execute(db);
    expect(logged.rows[0]!.n).toBe(shift.doors - 1);
  });

  test('Recontact downloads a call list of the stated size', async ({ page, baseURL, apiToken }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    const review = new ReviewPage(page, campaign.id);
    await review.openQueue();
    await review.openShiftFlaggedBy('contact-rate');
    await review.page.getByRole('radio', { name: /^Recontact/ }).check();
    await review.page.getByLabel('Share of successful contacts to call (%)').fill('10');
    const hint = await review.page.getByText(/ of \d+ successful contacts \(at least 3\)/).innerText();
    const size = Number(hint.match(/^(\d+) of/)![1]);
    expect(size).toBeGreaterThanOrEqual(3);
    await review.resolve('Recontact', 'Call a sample before deciding', { share: 10 });
    await expect(review.status()).toContainText(`Call list of ${size} contacts`);
    const [download] = await Promise.all([page.waitForEvent('download'), review.status().getByRole('link', { name: 'Download the call list' }).click()]);
    const text = await (
      await fetch(`${baseURL}${new URL(download.url()).pathname}`, {
        headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
      })
    ).text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Name,Phone,Address,Recorded,Interaction id,Confirmed');
    expect(lines.length - 1).toBe(size);
  });

  test('the export has the issue’s columns and the rows on screen', async ({ page, baseURL, apiToken }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    const review = new ReviewPage(page, campaign.id);
    await review.openQueue('?status=all');
    const screen = await review
      .queue()
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => [...row.querySelectorAll('td')].map((cell) => (cell as HTMLElement).innerText)));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const path = await download.path();
    const csv = (await import('node:fs')).readFileSync(path, 'utf8').trim().split('\r\n');
    expect(csv[0]!.startsWith('Canvasser id,Canvasser,Shift start,Shift end,Interactions,Score,Reasons,Status')).toBe(true);
    expect(csv.length - 1).toBe(screen.length);
    for (const [i, cells] of screen.entries()) {
      const line = csv[i + 1]!;
      expect(line, `row ${i}`).toContain(`,${cells[0]},`);
      expect(line).toMatch(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00,/);
      expect(line).toContain(`,${cells[3]},${cells[5]},`);
    }
  });

  test('the campaign\u2019s own thresholds change the queue, a wrong one is named at its field, and the defaults bring it back', async ({
    page,
    baseURL,
    apiToken,
    db,
  }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    const review = new ReviewPage(page, campaign.id);
    await review.openQueue();
    await expect(review.rowWithReason('one-spot')).toBeVisible();
    await page.getByRole('link', { name: 'rule thresholds' }).click();
    const form = page.getByRole('form', { name: 'Rule thresholds' });
    try {
      const households = form.getByLabel('3 points when at least this many households');
      await expect(households).toHaveValue('8');
      await households.fill('500');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await expect(form.getByRole('status')).toContainText('Saved: 1 threshold differs from the defaults.');
      await review.openQueue('?status=all');
      await expect(review.queue().getByRole('row').filter({ hasText: 'one-spot' })).toHaveCount(0);
      await expect(page.getByText(/rule set review-rules-1\+[0-9a-f]{8}/)).toBeVisible();

      await page.goto(`/campaigns/${campaign.id}/review/thresholds`);
      const gap = form.getByLabel('A new shift starts after a pause of more than');
      await gap.fill('2');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await expect(form.getByRole('alert').filter({ hasText: 'At least 5' })).toBeVisible();
      await expect(gap).toHaveAttribute('aria-invalid', 'true');
      await expect(gap).toHaveValue('2');
      await expect(form.getByLabel('3 points when at least this many households')).toHaveValue('500');

      await form.getByRole('button', { name: 'Restore the defaults' }).click();
      await expect(form.getByRole('status')).toContainText('Every threshold is back at its default.');
      await expect(form.getByLabel('3 points when at least this many households')).toHaveValue('8');
    } finally {
      await sql`delete from review_settings`.execute(db);
    }
    await review.openQueue();
    await expect(review.rowWithReason('one-spot')).toBeVisible();
  });
});

test.describe('a viewer', () => {
  test('sees no Review tab, no queue, and the resolve action refuses a direct call', async ({ page, browser, signIn, baseURL, apiToken }) => {
    const campaign = await bostonCampaign(baseURL!, apiToken);
    // Capture the organizer's resolve request as the browser sends it, without letting it through.
    const organizer = await browser.newPage();
    await signIn('organizer', organizer);
    const review = new ReviewPage(organizer, campaign.id);
    await review.openQueue();
    await review.openShiftFlaggedBy('one-spot');
    let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
    await organizer.route('**/review/shifts/**', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      captured = { url: route.request().url(), headers: route.request().headers(), body: route.request().postData() ?? '' };
      await route.abort();
    });
    await review.resolve('Looks fine', 'Captured, never sent').catch(() => {});
    await expect.poll(() => captured).not.toBeNull();
    await organizer.close();

    await signIn('viewer');
    await new CampaignPage(page, campaign.id).openTable();
    await expect(page.getByRole('navigation', { name: 'Campaign views' }).getByRole('link', { name: 'Review' })).toHaveCount(0);
    const queue = await page.goto(`/campaigns/${campaign.id}/review`);
    expect(queue!.status()).toBe(404);
    const thresholds = await page.goto(`/campaigns/${campaign.id}/review/thresholds`);
    expect(thresholds!.status()).toBe(404);
    const exported = await page.request.get(`/campaigns/${campaign.id}/review/export`);
    expect(exported.status()).toBe(403);
    const { url, headers, body } = captured!;
    const refused = await page.request.post(url, {
      headers: { 'next-action': headers['next-action']!, 'content-type': headers['content-type']!, accept: 'text/x-component', origin: baseURL! },
      data: body,
    });
    expect(await refused.text()).toContain('Your role (viewer) may not do this');
  });
});
