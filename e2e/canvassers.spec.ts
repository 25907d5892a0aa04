import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { api, campaigns, expect, test, type Db } from './fixtures';
import { CampaignPage } from './pages/campaign-page';
import { CanvassersPage } from './pages/canvassers-page';

type Question = { questionId: string; tag: string; type: string; required?: boolean; options: { value: unknown }[]; choices?: { tag: string }[] };

/** What the mobile app would send: a canvasser's own token, a visit of a campaign's contact. */
async function record(baseURL: string, token: string, body: { id?: string; data: Record<string, unknown> }) {
  const response = await fetch(`${baseURL}/api/polis/v1/interactions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** Every required question answered with its first option (or some text). */
function requiredAnswers(questions: Question[]) {
  return Object.fromEntries(
    questions
      .filter((q) => q.required)
      .map((q) => [
        q.questionId,
        { questionId: q.questionId, fields: { [q.tag]: q.type === 'multi-select' ? [q.choices![0]!.tag] : q.options.length ? q.options[0]!.value : 'yes' } },
      ]),
  );
}

async function setting(baseURL: string, apiToken: string, db: Db) {
  const [campaign] = await campaigns(baseURL, apiToken);
  const survey = (await api(baseURL, apiToken, `/v1/surveys?filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`)).data[0];
  const listId = (await api(baseURL, apiToken, `/v1/campaigns/${campaign!.id}`)).data.lists[0].listId;
  const contacts = (await api(baseURL, apiToken, `/v1/contacts?limit=20&filter=${encodeURIComponent(`/data/listId eq "${listId}"`)}`)).data as {
    id: string;
    data: { profile: { name: { first: string; last: string } } };
  }[];
  const users = (await api(baseURL, apiToken, '/v1/users?limit=1000')).data as { id: string; data: { email: string; profile?: { name?: string } } }[];
  const person = (n: number) => {
    const user = users.find((u) => u.data.email.startsWith(`canvasser${n}@`))!;
    return { id: user.id, email: user.data.email, name: user.data.profile!.name! };
  };
  const tokenOf = async (email: string) => (await issueAccessTokenForEmail(db, email))!;
  return { campaign: campaign!, survey, contacts, person, tokenOf };
}

test.describe('canvassers, as the organizer', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn('organizer');
  });

  test('the tab and the CSV show the figures counted by hand for visits recorded through the API', async ({ page, baseURL, apiToken, db }) => {
    const { campaign, survey, contacts, person, tokenOf } = await setting(baseURL!, apiToken, db);
    const [ana, ben] = [person(3), person(4)];
    const [anaToken, benToken] = [await tokenOf(ana.email), await tokenOf(ben.email)];
    const complete = requiredAnswers(survey.data.questions);
    const visit = (n: number, contact: number, at: string, outcome: 'successful' | 'contacted' | 'unavailable', answers = {}) => ({
      // Fixed ids: a retried run replays the same creates rather than adding visits.
      id: `0c0c0c0c-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
      data: {
        campaignId: campaign.id,
        contactId: contacts[contact]!.id,
        timestamp: at,
        survey: { surveyId: survey.id, responses: answers },
        unavailable: outcome === 'unavailable',
        successful: outcome === 'successful',
      },
    });
    // A Monday in 2001, a day the seeded data never reaches.
    for (const body of [
      visit(1, 0, '2001-03-05T16:00:00Z', 'contacted'),
      visit(2, 0, '2001-03-05T16:10:00Z', 'successful'),
      visit(3, 1, '2001-03-05T16:20:00Z', 'successful', complete),
      visit(4, 2, '2001-03-05T17:30:00Z', 'unavailable'),
      visit(5, 3, '2001-03-05T17:50:00Z', 'successful'),
    ])
      await record(baseURL!, anaToken, body);
    await record(baseURL!, benToken, visit(6, 4, '2001-03-05T17:00:00Z', 'successful', complete));

    // By hand, Ana: 5 attempts at 4 doors, 3 contacts (rate 3/5); shifts 16:00–16:20 and 17:30–17:50
    // (the 70-minute gap is not work), 40 minutes for 4 doors = 6 an hour; completion: 1 of 3 contacts
    // answered every required question (all 3 when the survey requires none). Ben: 1, 1, 1.
    const required = survey.data.questions.some((q: Question) => q.required);
    const canvassers = new CanvassersPage(page, campaign.id);
    await canvassers.open('?from=2001-03-05&to=2001-03-05');
    const row = await canvassers.row(ana.name);
    expect(row.slice(1, 8)).toEqual(['5', '4', '3', '60.0%', '6.0', required ? '33.3%' : '100.0%', '2']);
    expect((await canvassers.row(ben.name)).slice(1, 4)).toEqual(['1', '1', '1']);
    await expect(canvassers.table().locator('tfoot')).toContainText('Campaign total');
    expect((await canvassers.table().locator('tfoot td').allInnerTexts()).slice(0, 3)).toEqual(['6', '5', '4']);

    const csv = await page.request.get(`/campaigns/${campaign.id}/canvassers/export?from=2001-03-05&to=2001-03-05`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('Canvasser id,Canvasser,Attempts,Doors,Contacts,Contact rate,Doors per hour,Survey completion,Shifts,Last seen')).toBe(true);
    const cells = lines.find((line) => line.startsWith(`${ana.id},`))!.split(',');
    expect(cells.slice(1, 9)).toEqual([ana.name, '5', '4', '3', '0.6', '6', required ? '0.3333' : '1', '2']);
    // Last seen on the campaign's clock, with its offset, naming the same instant.
    expect(cells[9]).toMatch(/^2001-03-05T\d\d:50:00[+-]\d\d:\d\d$/);
    expect(Date.parse(cells[9]!)).toBe(Date.parse('2001-03-05T17:50:00Z'));
  });

  test('a visit recorded through the API appears in an open Today view within 20 seconds', async ({ page, baseURL, apiToken, db }) => {
    const { campaign, survey, contacts, person, tokenOf } = await setting(baseURL!, apiToken, db);
    const cleo = person(5);
    const canvassers = new CanvassersPage(page, campaign.id);
    await canvassers.openToday();
    const contact = contacts[7]!;
    const name = `${contact.data.profile.name.first} ${contact.data.profile.name.last}`;
    const sent = Date.now();
    await record(baseURL!, await tokenOf(cleo.email), {
      data: {
        campaignId: campaign.id,
        contactId: contact.id,
        timestamp: new Date().toISOString(),
        survey: { surveyId: survey.id, responses: {} },
        unavailable: false,
        successful: true,
        location: { lat: 42.36, lng: -71.06, confidence: 8 },
      },
    });
    const item = canvassers.feed().getByRole('listitem').filter({ hasText: cleo.name }).filter({ hasText: name });
    await expect(item).toBeVisible({ timeout: 20_000 });
    const delay = Date.now() - sent;
    console.log(`Today view: visit shown ${delay} ms after the API accepted it`);
    expect(delay).toBeLessThan(20_000);
    await expect(item).toContainText('new');
    await expect(page.getByRole('list', { name: 'Canvassers out today' })).toContainText(cleo.name);
  });

  test('the map and the table stay put while visits come in, and say "N new visits — show" for those matching their filters', async ({
    page,
    baseURL,
    apiToken,
    db,
  }) => {
    test.setTimeout(120_000);
    const { campaign, survey, contacts, person, tokenOf } = await setting(baseURL!, apiToken, db);
    const token = await tokenOf(person(6).email);
    const arrive = (contact: number, successful: boolean) =>
      record(baseURL!, token, {
        data: {
          campaignId: campaign.id,
          contactId: contacts[contact]!.id,
          timestamp: new Date().toISOString(),
          survey: { surveyId: survey.id, responses: {} },
          unavailable: !successful,
          successful,
          location: { lat: 42.3601, lng: -71.0589, confidence: 9 },
        },
      });
    const notice = page.getByRole('status').filter({ hasText: /new visits?/ });

    const map = new CampaignPage(page, campaign.id);
    const before = (await map.openMap('?outcome=successful')).total;
    await expect(page.getByTestId('map-total')).toHaveText(before.toLocaleString('en-US'));
    await arrive(11, true);
    await arrive(12, false); // not a successful visit: not new to this map
    await expect(notice).toHaveText(/^1 new visit\s*—\s*Show$/, { timeout: 30_000 });
    // The map has not moved under the user's hands.
    await expect(page.getByTestId('map-total')).toHaveText(before.toLocaleString('en-US'));
    const redrawn = map.waitForClusters('outcome=successful');
    await notice.getByRole('button', { name: 'Show' }).click();
    expect((await redrawn).total).toBe(before + 1);
    await expect(page.getByTestId('map-total')).toHaveText((before + 1).toLocaleString('en-US'));
    await expect(notice).toHaveCount(0);

    await map.openTable('?outcome=unavailable');
    const rows = await map.total();
    await arrive(13, false);
    await arrive(14, false);
    await expect(notice).toHaveText(/^2 new visits\s*—\s*Show$/, { timeout: 30_000 });
    expect(await map.total()).toBe(rows);
    await notice.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => map.total()).toBe(rows + 2);
    await expect(notice).toHaveCount(0);
  });

  test('a paper sheet counts for the canvasser whose sheet it was, not for the organizer who typed it', async ({ page, baseURL, apiToken, db }) => {
    const { campaign, contacts, person } = await setting(baseURL!, apiToken, db);
    const dana = person(2);
    const canvassers = new CanvassersPage(page, campaign.id);
    await canvassers.open();
    const before = await canvassers.attemptsOf(dana.name);
    const typistBefore = await canvassers.attemptsOf('Maya Okafor');

    await page.goto(`/campaigns/${campaign.id}/new`);
    await page.getByLabel('Whose sheet is this?').selectOption({ label: dana.name });
    const contact = contacts[9]!;
    await page.getByLabel('Contact (search by name or address)').fill(contact.data.profile.name.last);
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('list', { name: 'Matching contacts' })
      .getByRole('button', { name: new RegExp(`${contact.data.profile.name.first} ${contact.data.profile.name.last}`) })
      .first()
      .click();
    await page.getByLabel('Home, not successful').check();
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page.getByRole('heading', { name: /Saved:/ })).toBeVisible();
    await page.getByRole('link', { name: 'Open the interaction' }).click();
    await expect(page.getByText(`entered by Maya Okafor from ${dana.name.split(' ')[0]}’s sheet`)).toBeVisible();
    // No position on the sheet: none invented.
    await expect(page.getByText('Distance from household').locator('..')).toContainText('—');

    await canvassers.open();
    expect(await canvassers.attemptsOf(dana.name)).toBe(before + 1);
    expect(await canvassers.attemptsOf('Maya Okafor')).toBe(typistBefore);
  });
});

test.describe('canvassers, as a viewer', () => {
  test('sees the campaign totals and no figure of any person; the export and a canvasser page refuse', async ({ page, signIn, baseURL, apiToken, db }) => {
    const { campaign, person } = await setting(baseURL!, apiToken, db);
    await signIn('viewer');
    const canvassers = new CanvassersPage(page, campaign.id);
    await canvassers.open();
    await expect(page.getByRole('heading', { name: 'Campaign totals' })).toBeVisible();
    await expect(canvassers.table()).toHaveCount(0);
    await expect(page.getByText(person(1).name)).toHaveCount(0);
    expect((await page.request.get(`/campaigns/${campaign.id}/canvassers/export`)).status()).toBe(403);
    expect((await page.request.get(`/api/today/${campaign.id}`)).status()).toBe(403);
    const own = await page.goto(`/campaigns/${campaign.id}/canvassers/${person(1).id}`);
    expect(own!.status()).toBe(404);
  });

  test('sees how the campaign is moving: progress per list out of its households, each a link to the filtered map', async ({
    page,
    signIn,
    baseURL,
    apiToken,
    db,
  }) => {
    const { campaign } = await setting(baseURL!, apiToken, db);
    const listId = (await api(baseURL!, apiToken, `/v1/campaigns/${campaign.id}`)).data.lists[0].listId;
    const list = await api<{ data: { name: string }; contactsCount?: number }>(baseURL!, apiToken, `/v1/lists/${listId}`);
    await signIn('viewer');
    await page.goto(`/campaigns/${campaign.id}/overview`);
    const bar = page.getByRole('list', { name: 'Progress per list' }).getByRole('listitem').filter({ hasText: list.data.name });
    await expect(bar).toContainText(new RegExp(`\\d+ attempted of ${list.contactsCount}`));
    await expect(page.getByRole('table', { name: 'Attempts and contacts per day' })).toBeVisible();
    await bar.getByRole('link', { name: 'map' }).click();
    await expect(page).toHaveURL(new RegExp(`/map\\?list=${listId}`));
  });
});
