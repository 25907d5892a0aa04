import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthContext } from '@/lib/auth/session';
import { listCorrections } from '@/lib/store/corrections';
import { eq } from '@/lib/polis/filter';
import type { Interaction } from '@/lib/polis/schemas';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { correctInteraction, deleteInteraction, enterInteraction, searchContacts } from './actions';
import { toFormValues } from './correction';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { readPaperCredit } from '@/lib/store/paper-credits';

// The dashboard's own correction log goes to a scratch file (read when first opened).
process.env.DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-actions-')), 'dashboard.sqlite')}`;

const session = vi.hoisted(() => ({ auth: null as AuthContext | null, origin: 'http://localhost:3000', revalidated: [] as string[] }));
vi.mock('@/lib/auth/session', () => ({ getAuth: async () => session.auth }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ origin: session.origin, host: 'localhost:3000' }) }));
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => session.revalidated.push(path) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { to });
  },
}));

let polis: Awaited<ReturnType<typeof inProcessPolis>>;
let organizer: AuthContext;
let viewer: AuthContext;

beforeAll(async () => {
  polis = await inProcessPolis();
  organizer = await polis.signIn(DEMO_USERS.organizer);
  viewer = await polis.signIn(DEMO_USERS.viewer);
}, 60_000);

beforeEach(() => {
  session.auth = organizer;
  session.origin = 'http://localhost:3000';
  session.revalidated = [];
});

/** A canvasser of the demo organization (not the organizer typing). */
async function aCanvasser(): Promise<string> {
  const users = (await organizer.polis.listUsers({ limit: 1000 })).data;
  return users.find((user) => user.data.email.startsWith('canvasser'))!.id;
}

async function anInteraction(): Promise<Interaction> {
  const { data } = await organizer.polis.listInteractions({ filter: eq('/data/unavailable', false), limit: 1, skip: Math.floor(Math.random() * 100) });
  return data[0]!;
}

async function formFor(interaction: Interaction) {
  const questions = (await organizer.polis.getSurvey(interaction.data.survey.surveyId)).data.questions;
  return toFormValues(interaction.data, questions, await campaignTimeZone(organizer, interaction.data.campaignId));
}

describe('correcting an interaction', () => {
  it('sends the change to Polis, logs it with its reason, and hands the form the saved version', async () => {
    const interaction = await anInteraction();
    const values = { ...(await formFor(interaction)), outcome: 'unavailable' as const, unavailableReason: 'Moved', reason: 'Sheet says moved' };
    const result = await correctInteraction({ interactionId: interaction.id, etag: interaction.meta.etag, values });
    expect(result).toMatchObject({ ok: true, message: 'Correction saved.', saved: { outcome: 'unavailable', unavailableReason: 'Moved' } });
    const saved = await organizer.polis.getInteraction(interaction.id);
    expect(saved.data).toMatchObject({ unavailable: true, successful: false, unavailableReason: 'Moved' });
    expect('etag' in result && result.etag).toBe(saved.meta.etag);
    const [logged] = await listCorrections(organizer.organization.id, interaction.id);
    expect(logged).toMatchObject({ action: 'correct', reason: 'Sheet says moved', etagBefore: interaction.meta.etag, etagAfter: saved.meta.etag });
    expect(session.revalidated).toEqual([`/campaigns/${interaction.data.campaignId}`]);
  });

  it('answers a field the form names, and sends nothing, when a value is out of range', async () => {
    const interaction = await anInteraction();
    const values = { ...(await formFor(interaction)), lat: 123, reason: 'Fix the position' };
    const result = await correctInteraction({ interactionId: interaction.id, etag: interaction.meta.etag, values });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(['lat']);
    expect((await organizer.polis.getInteraction(interaction.id)).meta.etag).toBe(interaction.meta.etag);
  });

  it('shows what someone else saved first, with their etag, instead of overwriting it', async () => {
    const interaction = await anInteraction();
    const form = await formFor(interaction);
    const first = await correctInteraction({
      interactionId: interaction.id,
      etag: interaction.meta.etag,
      values: { ...form, walklistId: '', outcome: 'contacted', reason: 'Colleague' },
    });
    expect(first.ok).toBe(true);
    const late = await correctInteraction({
      interactionId: interaction.id,
      etag: interaction.meta.etag,
      values: { ...form, outcome: 'unavailable', reason: 'Mine' },
    });
    const current = await organizer.polis.getInteraction(interaction.id);
    expect(late).toMatchObject({ ok: false, conflict: { etag: current.meta.etag, theirs: { outcome: 'contacted' } } });
    expect(current.data.unavailable).toBe(false);
  });

  it('refuses a viewer before reading anything, saying which permission is missing', async () => {
    session.auth = viewer;
    const interaction = await anInteraction();
    const result = await correctInteraction({
      interactionId: interaction.id,
      etag: interaction.meta.etag,
      values: { ...(await formFor(interaction)), reason: 'Try' },
    });
    expect(result).toEqual({ ok: false, message: 'Your role (viewer) may not do this: it needs modify@interactions.' });
  });

  it('refuses a request that did not come from the dashboard', async () => {
    session.origin = 'https://elsewhere.example';
    const result = await correctInteraction({ interactionId: randomUUID(), etag: 'x', values: {} as never });
    expect(result).toEqual({ ok: false, message: 'This request did not come from the dashboard and was refused.' });
  });
});

describe('deleting an interaction', () => {
  it('asks for a reason before anything is deleted', async () => {
    const interaction = await anInteraction();
    const result = await deleteInteraction({ interactionId: interaction.id, etag: interaction.meta.etag, reason: '' });
    expect(result.fieldErrors?.reason).toBe('Say why this interaction is deleted, in at least 3 characters');
    expect((await organizer.polis.getInteraction(interaction.id)).id).toBe(interaction.id);
  });

  it('deletes, logs, and takes the organizer to the campaign’s table', async () => {
    const interaction = await anInteraction();
    const redirected = await deleteInteraction({ interactionId: interaction.id, etag: interaction.meta.etag, reason: 'Duplicate of a paper entry' }).catch(
      (error: { to?: string }) => error.to,
    );
    // To the table, which confirms the delete with a link to the interaction's correction log.
    expect(redirected).toBe(`/campaigns/${interaction.data.campaignId}/table?deleted=${interaction.id}`);
    await expect(organizer.polis.getInteraction(interaction.id)).rejects.toMatchObject({ status: 404 });
    expect((await listCorrections(organizer.organization.id, interaction.id)).map((c) => c.action)).toEqual(['delete']);
  });
});

/** The first campaign, its survey, a contact of its first list, and the values the entry form sends for them (every question, unanswered ones empty). */
async function anEntry(overrides: Record<string, unknown> = {}, contactSkip = 0) {
  const [campaign] = (await organizer.polis.listCampaigns({ limit: 1 })).data;
  const [survey] = (await organizer.polis.listSurveys({ filter: eq('/data/campaignId', campaign!.id), limit: 1 })).data;
  const [contact] = (await organizer.polis.listContacts({ filter: eq('/data/listId', campaign!.data.lists[0]!.listId), limit: 1, skip: contactSkip })).data;
  const values = {
    id: randomUUID(),
    surveyId: survey!.id,
    contactId: contact!.id,
    outcome: 'unavailable' as 'unavailable' | 'contacted',
    unavailableReason: 'Not home',
    timestamp: '2026-09-12T14:30',
    timestampChoice: '' as const,
    canvasserId: '',
    walklistId: '',
    lat: 42.36,
    lng: -71.06,
    answers: Object.fromEntries(survey!.data.questions.map((q) => [q.questionId, q.type === 'multi-select' ? [] : ''])) as Record<string, string | string[]>,
    ...overrides,
  };
  return { campaign: campaign!, contact: contact!, values };
}

describe('entering an interaction by hand', () => {
  it('creates it once, even when the form sends it again', async () => {
    const { campaign, contact, values } = await anEntry({ canvasserId: await aCanvasser() });
    const first = await enterInteraction({ campaignId: campaign.id, values });
    const retry = await enterInteraction({ campaignId: campaign.id, values });
    expect(first).toMatchObject({ ok: true, interactionId: values.id });
    expect(retry).toMatchObject({ ok: true, interactionId: values.id });
    expect(
      (await organizer.polis.listInteractions({ filter: eq('/data/contactId', contact.id), limit: 1000 })).data.filter((i) => i.id === values.id),
    ).toHaveLength(1);
    expect((await listCorrections(organizer.organization.id, values.id)).map((c) => c.action)).toEqual(['create']);
  });

  it('refuses a canvasser, who could otherwise credit a visit to a colleague and spare it the GPS and clock rules', async () => {
    const users = (await organizer.polis.listUsers({ limit: 1000 })).data.filter((user) => user.data.email.startsWith('canvasser'));
    const { campaign, values } = await anEntry({ canvasserId: users[1]!.id });
    session.auth = await polis.signIn(users[0]!.data.email);
    expect(await enterInteraction({ campaignId: campaign.id, values })).toEqual({
      ok: false,
      message: 'Your role (canvasser) may not do this: it needs modify@interactions.',
    });
    await expect(organizer.polis.getInteraction(values.id)).rejects.toMatchObject({ status: 404 });
  });

  it('credits the sheet to its canvasser and records no position when the sheet has none', async () => {
    const canvasserId = await aCanvasser();
    const { campaign, values } = await anEntry(
      { outcome: 'contacted', unavailableReason: '', timestamp: '2026-09-12T15:30', canvasserId, lat: NaN, lng: NaN },
      3,
    );
    expect(await enterInteraction({ campaignId: campaign.id, values })).toMatchObject({ ok: true });
    const created = await organizer.polis.getInteraction(values.id);
    expect(created.data.location).toBeUndefined();
    expect(created.data.distance).toBeUndefined();
    expect(await readPaperCredit(organizer.organization.id, values.id)).toEqual({ canvasserId, enteredBy: organizer.user.id });
  });

  it('asks whose sheet it is and why nobody was available, and refuses a stranger as the canvasser', async () => {
    const [campaign] = (await organizer.polis.listCampaigns({ limit: 1 })).data;
    const [survey] = (await organizer.polis.listSurveys({ filter: eq('/data/campaignId', campaign!.id), limit: 1 })).data;
    const [contact] = (await organizer.polis.listContacts({ filter: eq('/data/listId', campaign!.data.lists[0]!.listId), limit: 1 })).data;
    const base = {
      id: randomUUID(),
      surveyId: survey!.id,
      contactId: contact!.id,
      timestamp: '2026-09-12T15:30',
      timestampChoice: '' as const,
      walklistId: '',
      lat: NaN,
      lng: NaN,
      answers: {},
    };
    const blank = await enterInteraction({ campaignId: campaign!.id, values: { ...base, outcome: 'unavailable', unavailableReason: '', canvasserId: '' } });
    expect(blank.fieldErrors).toMatchObject({ canvasserId: 'Choose whose sheet this is', unavailableReason: 'Say why nobody was available' });
    const stranger = await enterInteraction({
      campaignId: campaign!.id,
      values: {
        ...base,
        outcome: 'contacted',
        unavailableReason: '',
        canvasserId: randomUUID(),
        answers: Object.fromEntries(survey!.data.questions.map((q) => [q.questionId, q.type === 'multi-select' ? [] : ''])),
      },
    });
    expect(stranger.fieldErrors).toEqual({ canvasserId: 'Choose a canvasser of this organization' });
  });

  it('names the survey field when the survey belongs to another campaign', async () => {
    const campaigns = (await organizer.polis.listCampaigns({ limit: 2 })).data;
    const [foreign] = (await organizer.polis.listSurveys({ filter: eq('/data/campaignId', campaigns[1]!.id), limit: 1 })).data;
    const result = await enterInteraction({
      campaignId: campaigns[0]!.id,
      values: {
        id: randomUUID(),
        surveyId: foreign!.id,
        contactId: randomUUID(),
        outcome: 'contacted',
        unavailableReason: '',
        timestamp: '2026-09-12T14:30',
        timestampChoice: '',
        canvasserId: 'someone',
        walklistId: '',
        lat: 42,
        lng: -71,
        answers: {},
      },
    });
    expect(result.fieldErrors).toEqual({ surveyId: 'This survey belongs to another campaign' });
  });

  it('names each unreadable field as the form names it, so the form can put the message beside it', async () => {
    const result = await enterInteraction({
      campaignId: randomUUID(),
      values: {
        id: randomUUID(),
        surveyId: '',
        contactId: '',
        outcome: 'contacted',
        unavailableReason: '',
        timestamp: '2026-09-12T14:30',
        timestampChoice: '',
        canvasserId: 'someone',
        walklistId: '',
        lat: 42,
        lng: -71,
        answers: {},
      },
    });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['contactId', 'surveyId']);
    expect(result.fieldErrors?.contactId).toBe('Choose the contact who was visited');
  });
});

describe('searching contacts', () => {
  it('finds a contact of the campaign’s lists by the start of a last name, quotes and all', async () => {
    const [campaign] = (await organizer.polis.listCampaigns({ limit: 1 })).data;
    const [contact] = (await organizer.polis.listContacts({ filter: eq('/data/listId', campaign!.data.lists[0]!.listId), limit: 1 })).data;
    const last = contact!.data.profile.name.last;
    const result = await searchContacts({ campaignId: campaign!.id, query: `"${last.slice(0, 3)}` });
    expect(result.ok).toBe(true);
    expect('matches' in result && result.matches?.map((m) => m.id)).toContain(contact!.id);
  });

  it('asks for 2 characters before searching', async () => {
    const result = await searchContacts({ campaignId: randomUUID(), query: 'a' });
    expect(result).toMatchObject({ ok: false, message: 'Type at least 2 characters of a name or an address.' });
  });
});
