/**
 * The store's behaviour, one suite run on each engine: the callers read the
 * store's URL from `STORE_DATABASE_URL`, which `url` sets before anything
 * opens it.
 */
import { describe, expect, it, vi, beforeAll, afterAll } from 'vitest';
import { closeDatabases } from '@/lib/db/sqlite';
import { getResolution, listCalls, listResolutions, recordCallOutcome, saveResolution } from '@/lib/review/resolutions';
import { listCorrections, listEnteredByHand, logCorrection, logCorrections } from './corrections';
import { listPaperCredits, readPaperCredit, savePaperCredit, savePaperCredits } from './paper-credits';
import { acquireLease, changesSince, latestChange, loadSnapshot, publishChange, publishChanges, releaseLease, saveSnapshot } from './index-snapshots';
import { readReviewThresholds, saveReviewThresholds } from './review-settings';
import { closeStores, openStore } from './store';

const user = { id: 'user-1', name: 'Ada Organizer' };

export function describeStore(engine: 'sqlite' | 'postgres', url: () => Promise<string>) {
  describe(`the dashboard's store on ${engine}`, () => {
    beforeAll(async () => {
      process.env.STORE_DATABASE_URL = await url();
    });
    afterAll(async () => {
      await closeStores();
      await closeDatabases();
    });

    it(`opens on ${engine} and migrates once, however many callers open it at the same time`, async () => {
      const stores = await Promise.all([openStore(), openStore(), openStore()]);
      expect(stores.map((store) => store.engine)).toEqual([engine, engine, engine]);
      const migrations = await stores[0].db
        .selectFrom('store_migration' as never)
        .select('name' as never)
        .execute();
      expect(migrations.map((row) => (row as { name: string }).name)).toEqual([
        '0001_correction_log',
        '0002_review_resolution',
        '0003_index_snapshot',
        '0004_campaign_settings',
        '0005_index_change',
        '0006_paper_credit',
        '0007_correction_changes',
        '0008_organization_units',
        '0009_review_settings',
        '0010_index_snapshot_parts',
      ]);
    });

    it("keeps an interaction's corrections, newest first, for its organization only", async () => {
      const entry = { organizationId: 'org-a', campaignId: 'camp-1', interactionId: 'int-1', user, etagBefore: '"1"', etagAfter: '"2"' };
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
      await logCorrection({ ...entry, action: 'correct', reason: 'wrong door', patch: [{ op: 'replace', path: '/outcome', value: 'refused' }] });
      vi.setSystemTime(new Date('2026-03-01T10:05:00Z'));
      await logCorrection({ ...entry, action: 'correct', reason: 'typo', patch: [{ op: 'remove', path: '/notes' }] });
      vi.useRealTimers();
      await logCorrection({ ...entry, organizationId: 'org-b', action: 'correct', reason: 'not yours', patch: [] });

      const history = await listCorrections('org-a', 'int-1');
      expect(history.map((correction) => correction.reason)).toEqual(['typo', 'wrong door']);
      expect(history[1]).toMatchObject({
        userName: 'Ada Organizer',
        etagBefore: '"1"',
        etagAfter: '"2"',
        patch: [{ op: 'replace', path: '/outcome', value: 'refused' }],
      });
      expect((await listCorrections('org-b', 'int-1')).map((correction) => correction.reason)).toEqual(['not yours']);
    });

    it('lists the interactions entered by hand from paper, per organization and campaign', async () => {
      await logCorrection({
        organizationId: 'org-a',
        campaignId: 'camp-2',
        interactionId: 'paper-1',
        action: 'create',
        user,
        reason: 'paper sheet',
        patch: [],
        etagBefore: null,
        etagAfter: '"1"',
      });
      await logCorrection({
        organizationId: 'org-a',
        campaignId: 'camp-2',
        interactionId: 'int-9',
        action: 'delete',
        user,
        reason: 'duplicate',
        patch: [],
        etagBefore: '"3"',
        etagAfter: null,
      });
      expect(await listEnteredByHand('org-a', 'camp-2')).toEqual(['paper-1']);
      expect(await listEnteredByHand('org-b', 'camp-2')).toEqual([]);
    });

    it("credits a paper sheet's interactions to its canvasser, the first credit kept, per organization and campaign", async () => {
      const entry = { organizationId: 'org-a', campaignId: 'camp-4', interactionId: 'paper-7', canvasserId: 'canvasser-2', enteredBy: user.id };
      await savePaperCredit(entry);
      await savePaperCredit({ ...entry, canvasserId: 'canvasser-3' }); // a retried entry
      await savePaperCredit({ ...entry, organizationId: 'org-b', canvasserId: 'canvasser-9' });
      expect(await readPaperCredit('org-a', 'paper-7')).toEqual({ canvasserId: 'canvasser-2', enteredBy: user.id });
      expect(await listPaperCredits('org-a', 'camp-4')).toEqual(new Map([['paper-7', 'canvasser-2']]));
      expect(await listPaperCredits('org-a', 'camp-5')).toEqual(new Map());
    });

    it('keeps resolutions made in one millisecond in the order they were made, with their call lists', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
      const base = { organizationId: 'org-a', campaignId: 'camp-3', canvasserId: 'canvasser-1', score: 3, user };
      // Ids are random, so only the insertion order can put these in this order.
      const made: { id: string }[] = [];
      for (const [index, status] of (['recontact', 'looks-fine', 'confirmed', 'looks-fine'] as const).entries()) {
        made.push(
          await saveResolution({
            ...base,
            shiftKey: `shift-${index}`,
            interactionIds: [`int-${index}`],
            status,
            reason: `decision ${index}`,
            calls:
              status === 'recontact'
                ? [
                    {
                      interactionId: 'int-0',
                      contactId: 'contact-1',
                      name: 'Bea Voter',
                      phone: '555-0100',
                      address: '1 Main St',
                      recorded: '2026-03-01T18:00:00Z',
                    },
                  ]
                : [],
          }),
        );
      }
      vi.useRealTimers();
      expect((await listResolutions('org-a', 'camp-3')).map((resolution) => resolution.reason)).toEqual([
        'decision 0',
        'decision 1',
        'decision 2',
        'decision 3',
      ]);
      const recontact = made[0]!.id;
      expect(await getResolution('org-b', recontact)).toBeNull();
      const [call] = await listCalls('org-a', recontact);
      if (!call) throw new Error('the recontact has no call list');
      expect(call).toMatchObject({ name: 'Bea Voter', outcome: null });
      expect(await recordCallOutcome('org-b', call.id, 'confirmed', 'intruder')).toBe(false);
      expect(await recordCallOutcome('org-a', call.id, 'confirmed', user.id)).toBe(true);
      expect((await listCalls('org-a', recontact))[0]?.outcome).toBe('confirmed');
    });

    it("keeps a campaign's review thresholds, per organization, the latest replacing the last", async () => {
      expect(await readReviewThresholds('org-a', 'camp-5')).toBeUndefined();
      await saveReviewThresholds({
        organizationId: 'org-a',
        campaignId: 'camp-5',
        thresholds: { shiftGapMinutes: 45, contactRateOver: 0.7 },
        userId: 'user-1',
      });
      await saveReviewThresholds({ organizationId: 'org-a', campaignId: 'camp-5', thresholds: { shiftGapMinutes: 50 }, userId: 'user-2' });
      expect(await readReviewThresholds('org-a', 'camp-5')).toMatchObject({ thresholds: { shiftGapMinutes: 50 }, updatedBy: 'user-2' });
      expect(await readReviewThresholds('org-b', 'camp-5')).toBeUndefined();
    });

    it('keeps one snapshot per organization and campaign, byte for byte, the latest replacing the last', async () => {
      // Over two parts' worth, so it is stored in three.
      const bytes = Uint8Array.from({ length: (8 << 20) + 70_000 }, (_, i) => (i * 31) % 256);
      await saveSnapshot('org-a', 'camp-1', { formatVersion: 1, watermark: '2026-03-01T10:00:00.000Z', data: bytes });
      expect(await loadSnapshot('org-b', 'camp-1')).toBeNull();
      const first = await loadSnapshot('org-a', 'camp-1');
      expect(first).toMatchObject({ formatVersion: 1, watermark: '2026-03-01T10:00:00.000Z' });
      expect(Buffer.from(first!.data).equals(Buffer.from(bytes))).toBe(true);
      await saveSnapshot('org-a', 'camp-1', { formatVersion: 2, watermark: '2026-03-01T11:00:00.000Z', data: bytes.subarray(0, 10) });
      const second = await loadSnapshot('org-a', 'camp-1');
      expect([second?.formatVersion, second?.watermark, second?.data.length]).toEqual([2, '2026-03-01T11:00:00.000Z', 10]);
    });

    it('keeps one whole snapshot when two instances save the same campaign at once', async () => {
      const of = (value: number, length: number) => new Uint8Array(length).fill(value);
      await Promise.all([
        saveSnapshot('org-a', 'camp-2', { formatVersion: 1, watermark: 'one', data: of(1, (4 << 20) * 2 + 5) }),
        saveSnapshot('org-a', 'camp-2', { formatVersion: 1, watermark: 'two', data: of(2, (4 << 20) + 3) }),
      ]);
      const kept = (await loadSnapshot('org-a', 'camp-2'))!;
      const [value, length] = kept.watermark === 'one' ? [1, (4 << 20) * 2 + 5] : [2, (4 << 20) + 3];
      expect(kept.data.length).toBe(length);
      expect(kept.data.every((byte) => byte === value)).toBe(true);
    });

    it('gives the build lease to one holder at a time, and to another once a crashed holder lets it lapse', async () => {
      expect(await acquireLease('org-a', 'camp-9', 'instance-1', 300)).toBe(true);
      const racing = await Promise.all(['instance-2', 'instance-3'].map((holder) => acquireLease('org-a', 'camp-9', holder, 300)));
      expect(racing).toEqual([false, false]);
      expect(await acquireLease('org-a', 'camp-9', 'instance-1', 300)).toBe(true); // renewing
      expect(await acquireLease('org-b', 'camp-9', 'instance-2', 300)).toBe(true); // another organization's campaign
      // instance-1 dies here without releasing.
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(await acquireLease('org-a', 'camp-9', 'instance-2', 300)).toBe(true);
      expect(await acquireLease('org-a', 'camp-9', 'instance-1', 300)).toBe(false);
      await releaseLease('org-a', 'camp-9', 'instance-2');
      expect(await acquireLease('org-a', 'camp-9', 'instance-3', 300)).toBe(true);
    });

    it('hands each instance the changes the other instances made to a campaign, in order, after the last it read', async () => {
      const start = await latestChange('org-a', 'camp-7');
      await publishChange('org-a', 'camp-7', 'instance-1', { remove: 'int-1' });
      await publishChange('org-a', 'camp-7', 'instance-2', { remove: 'int-2' });
      await publishChange('org-b', 'camp-7', 'instance-1', { remove: 'not-theirs' });
      await publishChange('org-a', 'camp-7', 'instance-1', { upsert: { id: 'int-3' } });
      const forSecond = await changesSince('org-a', 'camp-7', start, 'instance-2');
      expect(forSecond.changes).toEqual([{ remove: 'int-1' }, { upsert: { id: 'int-3' } }]);
      expect(forSecond.last).toBe(await latestChange('org-a', 'camp-7'));
      expect(await changesSince('org-a', 'camp-7', forSecond.last, 'instance-2')).toEqual({ last: forSecond.last, changes: [] });
      expect((await changesSince('org-a', 'camp-7', start, 'instance-1')).changes).toEqual([{ remove: 'int-2' }]);
    });

    it("records an import's batch in a few statements: every row's correction, credit and change, a retried credit kept as first given", async () => {
      const ids = Array.from({ length: 450 }, (_, i) => `batch-${i}`);
      await logCorrections(
        ids.map((interactionId) => ({
          organizationId: 'org-a',
          campaignId: 'camp-b',
          interactionId,
          action: 'create' as const,
          user,
          reason: 'Imported from a file',
          patch: [{ op: 'add' as const, path: '', value: { n: interactionId } }],
          etagBefore: null,
          etagAfter: `etag-${interactionId}`,
        })),
      );
      expect(await listCorrections('org-a', 'batch-449')).toEqual([
        expect.objectContaining({
          action: 'create',
          reason: 'Imported from a file',
          etagAfter: 'etag-batch-449',
          patch: [{ op: 'add', path: '', value: { n: 'batch-449' } }],
        }),
      ]);
      const credit = (interactionId: string, canvasserId: string) => ({
        organizationId: 'org-a',
        campaignId: 'camp-b',
        interactionId,
        canvasserId,
        enteredBy: 'user-1',
      });
      await savePaperCredits(ids.slice(0, 2).map((id) => credit(id, 'first')));
      await savePaperCredits(ids.map((id) => credit(id, 'second')));
      const credits = await listPaperCredits('org-a', 'camp-b');
      expect(credits.size).toBe(450);
      expect([credits.get('batch-0'), credits.get('batch-1'), credits.get('batch-2'), credits.get('batch-449')]).toEqual([
        'first',
        'first',
        'second',
        'second',
      ]);
      const start = await latestChange('org-a', 'camp-b');
      await publishChanges(
        'org-a',
        'camp-b',
        'instance-1',
        ids.map((id) => ({ remove: id })),
      );
      expect((await changesSince('org-a', 'camp-b', start, 'instance-2')).changes).toEqual(ids.map((id) => ({ remove: id })));
    });
  });
}
