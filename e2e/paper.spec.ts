import { api, campaigns, expect, test } from './fixtures';
import { PaperPage } from './pages/paper-page';
import { walkingOrder } from '@/lib/paper/walk-order';
import type { Contact, Question } from '@/lib/polis/schemas';

type Setup = { campaignId: string; listId: string; contacts: Contact[]; questions: Question[] };

/** The largest campaign, its largest list's contacts and its survey, as the API gives them. */
async function setup(baseURL: string, token: string): Promise<Setup> {
  const [campaign] = await campaigns(baseURL, token);
  const full = await api(baseURL, token, `/v1/campaigns/${campaign!.id}`);
  const lists = await Promise.all(
    (full.data.lists as { listId: string }[]).map(async ({ listId }) => ({
      listId,
      contacts: (await api(baseURL, token, `/v1/contacts?limit=1000&filter=${encodeURIComponent(`/data/listId eq "${listId}"`)}`)).data as Contact[],
    })),
  );
  const { listId, contacts } = lists.sort((a, b) => b.contacts.length - a.contacts.length)[0]!;
  const survey = (await api(baseURL, token, `/v1/surveys?filter=${encodeURIComponent(`/data/campaignId eq "${campaign!.id}"`)}`)).data[0];
  return { campaignId: campaign!.id, listId, contacts, questions: survey.data.questions };
}

async function visitsOf(baseURL: string, token: string, contactIds: string[]): Promise<number> {
  const filter = `/data/contactId in [${contactIds.map((id) => JSON.stringify(id)).join(',')}]`;
  return (await api(baseURL, token, `/v1/interactions?limit=0&filter=${encodeURIComponent(filter)}`)).meta.total;
}

/** A day safely in the past on every campaign's clock. */
const twoDaysAgo = () => new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

/** The simple import format: every required question answered with its first code. */
function importFile(contacts: Contact[], questions: Question[], canvasser: string, bad: string[] = []) {
  const required = questions.filter((q) => q.required);
  const answer = (q: Question) => (q.type === 'multi-select' ? 'a' : q.options.length ? '1' : 'yes');
  const header = ['Contact id', 'Time', 'Outcome', 'Reason', 'Canvasser', ...required.map((q) => JSON.stringify(q.text))].join(',');
  const lines = contacts.map((c) => [c.id, `${twoDaysAgo()} 06:13`, 'H', '', canvasser, ...required.map(answer)].join(','));
  return [header, ...lines, ...bad].join('\n');
}

test.describe('as the organizer', () => {
  test.beforeEach(async ({ signIn }) => {
    await signIn('organizer');
  });

  test('a walk sheet lists its households in walking order, with the legend of codes', async ({ page, baseURL, apiToken }) => {
    const { campaignId, listId, contacts } = await setup(baseURL!, apiToken);
    const paper = new PaperPage(page, campaignId);
    await paper.openSheet(`?listId=${listId}`);
    const expected = walkingOrder(contacts).map((c) => c.data.profile.address.formatted);
    expect(await paper.sheetAddresses()).toEqual(expected.slice(0, 500));
    await expect(page.getByRole('region', { name: 'Legend' })).toContainText('S Successful');
  });

  test('25 rows typed by keyboard, with a reload in the middle, make exactly 25 interactions', async ({ page, baseURL, apiToken }) => {
    // Typing 25 rows key by key into a grid of the whole list takes a while on a shared machine.
    test.setTimeout(300_000);
    const { campaignId, listId, contacts } = await setup(baseURL!, apiToken);
    const paper = new PaperPage(page, campaignId);
    await paper.openGrid(`?listId=${listId}&date=${twoDaysAgo()}`);
    const doors = walkingOrder(contacts).slice(0, 25);
    expect(doors).toHaveLength(25);
    const before = await visitsOf(
      baseURL!,
      apiToken,
      doors.map((c) => c.id),
    );
    await page.getByLabel('Whose sheet is this?').selectOption({ index: 1 });
    await page.getByLabel(/Time of the visits/).fill('06:13');

    const typeRow = async (row: number) => {
      await paper.cell('Outcome', row).focus();
      await page.keyboard.type(row % 5 === 0 ? 'N' : 'H');
      await page.keyboard.press('Tab');
      if (row % 5 === 0) await page.keyboard.type('NH');
      await page.keyboard.press('Enter');
    };
    for (let row = 1; row <= 12; row += 1) await typeRow(row);
    // Row 12 was left by Enter; every row left so far saves within 2 s.
    for (let row = 1; row <= 12; row += 1) await expect(paper.rowState(row)).toContainText('Saved', { timeout: 2_000 });
    // A row typed but not left survives the reload as a draft and is sent when the grid opens again.
    await paper.cell('Outcome', 13).fill('H');
    await page.reload();
    await expect(paper.cell('Outcome', 13)).toHaveValue('H', { timeout: 30_000 });
    for (let row = 14; row <= 25; row += 1) await typeRow(row);
    for (let row = 1; row <= 25; row += 1) await expect(paper.rowState(row)).toContainText('Saved');
    await expect
      .poll(() =>
        visitsOf(
          baseURL!,
          apiToken,
          doors.map((c) => c.id),
        ),
      )
      .toBe(before + 25);
    // Entering a saved row again sends the same id: still 25.
    await paper.cell('Outcome', 3).focus();
    await page.keyboard.press('Enter');
    await page.reload();
    await expect(paper.rowState(25)).toContainText('Saved', { timeout: 30_000 });
    expect(
      await visitsOf(
        baseURL!,
        apiToken,
        doors.map((c) => c.id),
      ),
    ).toBe(before + 25);
  });

  test('the same file imported twice creates its rows once', async ({ page, baseURL, apiToken }) => {
    const { campaignId, contacts, questions } = await setup(baseURL!, apiToken);
    const paper = new PaperPage(page, campaignId);
    await paper.openImport();
    const canvasser = (await page.getByLabel('Canvasser for rows without one').locator('option').nth(1).innerText()).trim();
    const rows = walkingOrder(contacts).slice(40, 48);
    const text = importFile(rows, questions, canvasser);
    const before = await visitsOf(
      baseURL!,
      apiToken,
      rows.map((c) => c.id),
    );
    await paper.chooseFile('saturday.csv', text);
    await expect(page.getByLabel('Preview summary')).toContainText('8 rows read (the simple format): 8 ready to send, 0 with problems.');
    await paper.send();
    await expect(page.getByLabel('Import progress')).toContainText('8 of 8 sent: 8 created, 0 already imported');
    await paper.openImport();
    await paper.chooseFile('saturday.csv', text);
    await paper.send();
    await expect(page.getByLabel('Import progress')).toContainText('8 of 8 sent: 0 created, 8 already imported');
    expect(
      await visitsOf(
        baseURL!,
        apiToken,
        rows.map((c) => c.id),
      ),
    ).toBe(before + 8);
  });

  test('a file with bad rows shows each problem and sends only the good rows', async ({ page, baseURL, apiToken }) => {
    const { campaignId, contacts, questions } = await setup(baseURL!, apiToken);
    const paper = new PaperPage(page, campaignId);
    await paper.openImport();
    const canvasser = (await page.getByLabel('Canvasser for rows without one').locator('option').nth(1).innerText()).trim();
    const good = walkingOrder(contacts).slice(60, 63);
    const badContact = walkingOrder(contacts)[63]!;
    const text = importFile(good, questions, canvasser, [
      `00000000-0000-4000-8000-000000000000,${twoDaysAgo()} 06:13,H,,${canvasser}`,
      `${badContact.id},${twoDaysAgo()} 06:13,Z,,${canvasser}`,
      `${badContact.id},${twoDaysAgo()} 06:13,H,,Nobody Known`,
    ]);
    const before = await visitsOf(
      baseURL!,
      apiToken,
      [...good, badContact].map((c) => c.id),
    );
    await paper.chooseFile('mixed.csv', text);
    await expect(page.getByLabel('Preview summary')).toContainText('6 rows read (the simple format): 3 ready to send, 3 with problems.');
    const problems = page.getByRole('table', { name: 'Rows with problems' });
    await expect(problems).toContainText('Unknown contact: no contact of this campaign has the id 00000000-0000-4000-8000-000000000000');
    await expect(problems).toContainText('Unknown outcome “Z”');
    await expect(problems).toContainText('Unknown canvasser “Nobody Known”');
    await paper.send();
    await expect(page.getByLabel('Import progress')).toContainText('3 of 3 sent: 3 created');
    expect(
      await visitsOf(
        baseURL!,
        apiToken,
        [...good, badContact].map((c) => c.id),
      ),
    ).toBe(before + 3);
  });
});

test('a viewer sees no paper sheets, grid or import', async ({ page, signIn, baseURL, apiToken }) => {
  const { campaignId } = await setup(baseURL!, apiToken);
  await signIn('viewer');
  await page.goto(`/campaigns/${campaignId}/map`);
  await expect(page.getByRole('navigation', { name: 'Campaign views' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Paper sheets' })).toHaveCount(0);
  for (const path of ['sheets', 'sheets/grid', 'import']) {
    const response = await page.goto(`/campaigns/${campaignId}/${path}`);
    expect(response?.status(), path).toBe(404);
  }
});
