import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthContext } from '@/lib/auth/session';
import { eq, isIn } from '@/lib/polis/filter';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { listCorrections } from '@/lib/store/corrections';
import { listPaperCredits, readPaperCredit } from '@/lib/store/paper-credits';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { saveSheetRow } from './actions';
import { loadImportContext, sendImportRows } from './import-actions';
import { previewImport } from './import-csv';

process.env.DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-paper-')), 'dashboard.sqlite')}`;

const session = vi.hoisted(() => ({ auth: null as AuthContext | null }));
vi.mock('@/lib/auth/session', () => ({ getAuth: async () => session.auth }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ origin: 'http://localhost:3000', host: 'localhost:3000' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let organizer: AuthContext;
let viewer: AuthContext;
let campaignId: string;

beforeAll(async () => {
  const polis = await inProcessPolis();
  organizer = await polis.signIn(DEMO_USERS.organizer);
  viewer = await polis.signIn(DEMO_USERS.viewer);
  campaignId = (await organizer.polis.listCampaigns({ limit: 1 })).data[0]!.id;
}, 60_000);

beforeEach(() => {
  session.auth = organizer;
});

/** A file of `count` visits to the campaign's first contacts, two days ago at 06:13 on the campaign's clock. */
async function file(count: number, skip = 0) {
  const loaded = await loadImportContext({ campaignId });
  const context = loaded.context!;
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  // Every required question answered with its first code.
  const required = context.questions.filter((q) => q.required);
  const answer = (q: (typeof required)[number]) => (q.type === 'multi-select' ? 'a' : q.options.length ? '1' : 'yes');
  const header = ['Contact id', 'Time', 'Outcome', 'Reason', 'Canvasser', ...required.map((q) => JSON.stringify(q.text))].join(',');
  const lines = context.contacts
    .slice(skip, skip + count)
    .map((c) => [c.id, `${day} 06:13`, 'H', '', context.canvassers[0]!.name, ...required.map(answer)].join(','));
  return { context, text: [header, ...lines].join('\n'), contactIds: context.contacts.slice(skip, skip + count).map((c) => c.id) };
}

async function visitsOf(contactIds: string[]) {
  return (await organizer.polis.listInteractions({ filter: isIn('/data/contactId', contactIds), limit: 0 })).total;
}

describe('importing a file', () => {
  it('creates each row once: the same file sent twice reports its rows as already imported, credited to the canvasser', async () => {
    const { context, text, contactIds } = await file(6);
    const before = await visitsOf(contactIds);
    const preview = await previewImport(text, context);
    expect(preview.rows.map((r) => r.problems)).toEqual(Array.from({ length: 6 }, () => []));
    const rows = preview.rows.map((r) => ({ line: r.line, values: r.values! }));
    const first = await sendImportRows({ campaignId, surveyId: context.surveyId, rows });
    expect(first.ok).toBe(true);
    expect((first as { outcomes: { result: string }[] }).outcomes.map((o) => o.result)).toEqual(Array(6).fill('created'));
    const again = await previewImport(text, context);
    const second = await sendImportRows({ campaignId, surveyId: context.surveyId, rows: again.rows.map((r) => ({ line: r.line, values: r.values! })) });
    expect((second as { outcomes: { result: string; message: string }[] }).outcomes.map((o) => o.message)).toEqual(Array(6).fill('Already imported'));
    expect(await visitsOf(contactIds)).toBe(before + 6);
    expect((await readPaperCredit(organizer.organization.id, preview.rows[0]!.id))?.canvasserId).toBe(context.canvassers[0]!.id);
    // Each created row once in the correction log and credited, whether the batch's bookkeeping ran once or twice.
    const credits = await listPaperCredits(organizer.organization.id, campaignId);
    for (const row of preview.rows) {
      expect(credits.get(row.id)).toBe(context.canvassers[0]!.id);
      expect((await listCorrections(organizer.organization.id, row.id)).map((c) => [c.action, c.reason])).toEqual([['create', 'Imported from a file']]);
    }
  });

  it('refuses a made-up contact and a made-up canvasser row by row, sending the rest', async () => {
    const { context, text } = await file(1, 10);
    const [row] = (await previewImport(text, context)).rows;
    const result = await sendImportRows({
      campaignId,
      surveyId: context.surveyId,
      rows: [
        { line: 2, values: { ...row!.values!, id: crypto.randomUUID(), contactId: crypto.randomUUID() } },
        { line: 3, values: { ...row!.values!, id: crypto.randomUUID(), canvasserId: 'nobody' } },
      ],
    });
    expect((result as { outcomes: { message: string }[] }).outcomes.map((o) => o.message)).toEqual([
      'Unknown contact: not in this campaign’s lists',
      'Unknown canvasser: not a person of this organization',
    ]);
  });
});

describe('the grid’s save', () => {
  it('sends a row twice (a retry, a double Enter) and makes one interaction', async () => {
    const { context, text, contactIds } = await file(1, 20);
    const before = await visitsOf(contactIds);
    const values = (await previewImport(text, context)).rows[0]!.values!;
    const [a, b] = await Promise.all([saveSheetRow({ campaignId, values }), saveSheetRow({ campaignId, values })]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(await saveSheetRow({ campaignId, values })).toMatchObject({ ok: true, interactionId: values.id });
    expect(await visitsOf(contactIds)).toBe(before + 1);
  });
});

describe('a viewer', () => {
  it('is refused by every paper action, even called directly', async () => {
    const { context, text } = await file(1, 30);
    const values = (await previewImport(text, context)).rows[0]!.values!;
    session.auth = viewer;
    const refusal = { ok: false, message: 'Your role (viewer) may not do this: it needs modify@interactions.' };
    expect(await loadImportContext({ campaignId })).toEqual(refusal);
    expect(await sendImportRows({ campaignId, surveyId: context.surveyId, rows: [{ line: 2, values }] })).toEqual(refusal);
    expect(await saveSheetRow({ campaignId, values })).toEqual(refusal);
    expect((await organizer.polis.listInteractions({ filter: eq('/id', values.id), limit: 0 })).total).toBe(0);
  });
});
