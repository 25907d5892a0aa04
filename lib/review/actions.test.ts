import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthContext } from '@/lib/auth/session';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { readReviewThresholds } from '@/lib/store/review-settings';
import { recordRecontact, resolveShift, restoreReviewThresholds, saveReviewThresholds } from './actions';
import { DEFAULT_REVIEW_SETTINGS } from './model';
import { shownValue, THRESHOLDS } from './thresholds';

// The dashboard's own store goes to a scratch file (read when first opened).
process.env.DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-review-actions-')), 'dashboard.sqlite')}`;

const session = vi.hoisted(() => ({ auth: null as AuthContext | null, origin: 'http://localhost:3000', revalidated: [] as string[] }));
vi.mock('@/lib/auth/session', () => ({ getAuth: async () => session.auth }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ origin: session.origin, host: 'localhost:3000' }) }));
vi.mock('next/cache', () => ({ revalidatePath: (path: string) => session.revalidated.push(path) }));

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
  session.origin = 'http://localhost:3000';
  session.revalidated = [];
});

const looksFine = (reason: string) => ({ status: 'looks-fine' as const, campaignId, interactionId: randomUUID(), shownIds: [randomUUID()], reason });

describe('the review actions', () => {
  it('refuse a viewer and a request from another site, before reading anything', async () => {
    session.auth = viewer;
    expect(await resolveShift(looksFine('Checked with the canvasser'))).toMatchObject({ ok: false, message: expect.stringContaining('may not do this') });
    expect(await recordRecontact({ campaignId, callId: randomUUID(), outcome: 'confirmed' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('may not do this'),
    });
    session.auth = organizer;
    session.origin = 'http://elsewhere.example';
    expect(await resolveShift(looksFine('Checked with the canvasser'))).toMatchObject({
      ok: false,
      message: 'This request did not come from the dashboard and was refused.',
    });
    expect(session.revalidated).toEqual([]);
  });

  it('answer a decision without a reason with the field at fault', async () => {
    expect(await resolveShift(looksFine('ok'))).toEqual({
      ok: false,
      message: 'Some fields need attention.',
      fieldErrors: { reason: 'Say why, in a few words' },
    });
    const confirmed = { ...looksFine('Nobody lives at these doors'), status: 'confirmed' as const, remove: [] };
    expect(await resolveShift(confirmed)).toMatchObject({ ok: false, fieldErrors: { remove: 'Tick at least one interaction to remove' } });
    const recontact = { ...looksFine('Call a few back'), status: 'recontact' as const, sharePercent: 0 };
    expect(await resolveShift(recontact)).toMatchObject({ ok: false, fieldErrors: { sharePercent: 'At least 1 %' } });
  });

  it('answer a call outcome that is neither with the field at fault', async () => {
    const result = await recordRecontact({ campaignId, callId: randomUUID(), outcome: 'maybe' as 'confirmed' });
    expect(result).toEqual({
      ok: false,
      message: 'Choose whether the visit was confirmed.',
      fieldErrors: { outcome: 'Choose whether the visit was confirmed' },
    });
  });

  it('say so when the call is on no list of the organization', async () => {
    expect(await recordRecontact({ campaignId, callId: randomUUID(), outcome: 'confirmed' })).toEqual({
      ok: false,
      message: 'This call is not on any of your call lists.',
    });
  });
});

describe('the thresholds actions', () => {
  const defaults = () => Object.fromEntries(THRESHOLDS.map((threshold) => [threshold.name, String(shownValue(threshold, DEFAULT_REVIEW_SETTINGS))]));

  it('keep what the organizer changed, and put it back to the defaults', async () => {
    const saved = await saveReviewThresholds({ campaignId, thresholds: { ...defaults(), doorsPerHour: '80', clockAheadMinutes: '10' } });
    expect(saved).toEqual({ ok: true, message: 'Saved: 2 thresholds differ from the defaults. The queue is computed again with them.' });
    expect((await readReviewThresholds(organizer.organization.id, campaignId))?.thresholds).toEqual({ doorsPerHour: 80, clockAheadSeconds: 600 });
    expect(session.revalidated).toEqual([`/campaigns/${campaignId}`]);
    expect(await restoreReviewThresholds({ campaignId })).toMatchObject({ ok: true });
    expect((await readReviewThresholds(organizer.organization.id, campaignId))?.thresholds).toEqual({});
  });

  it('name the threshold at fault and save nothing', async () => {
    const result = await saveReviewThresholds({ campaignId, thresholds: { ...defaults(), shiftGapMinutes: '2', latestHour: '8' } });
    expect(result).toEqual({
      ok: false,
      message: 'Some fields need attention.',
      fieldErrors: { 'thresholds.shiftGapMinutes': 'At least 5', 'thresholds.latestHour': 'Must be later than the earliest hour' },
    });
    expect(session.revalidated).toEqual([]);
  });

  it("refuse a viewer, and another organization's campaign", async () => {
    session.auth = viewer;
    expect(await saveReviewThresholds({ campaignId, thresholds: defaults() })).toMatchObject({
      ok: false,
      message: expect.stringContaining('may not do this'),
    });
    session.auth = organizer;
    expect(await restoreReviewThresholds({ campaignId: randomUUID() })).toMatchObject({ ok: false });
  });
});
