'use server';

/**
 * Resolving a shift of the review queue, as server actions: each passes the
 * gate (site, session, organizer permission), re-reads the shift from the
 * queue so the decision applies to what the organizer saw, and records who,
 * when, why and under which rule-set version in the dashboard's store.
 * Beside them, the organizer's changes to the campaign's rule thresholds.
 */
import { randomInt } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withInput, type ActionState } from '@/lib/auth/action';
import type { AuthContext } from '@/lib/auth/session';
import { logCorrection } from '@/lib/store/corrections';
import { loadContacts, loadCampaignContext, loadInteractions } from '@/lib/interactions/queries';
import { answerSummary, contactAddress, contactName } from '@/lib/interactions/rows';
import { FLAG_SUCCESSFUL } from '@/lib/map-index/point-index';
import { recordChange } from '@/lib/map-index/campaign-index';
import { PolisApiError } from '@/lib/polis/client';
import { IdSchema } from '@/lib/polis/schemas';
import { loadReviewQueue } from './campaign-queue';
import { shiftAt } from './queue';
import { recordCallOutcome, saveResolution } from './resolutions';
import { thresholdsSchema } from './thresholds';
import { reasonSchema } from '@/lib/interactions/correction';
import { saveReviewThresholds as storeThresholds } from '@/lib/store/review-settings';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

export type ResolveState = ActionState & { resolutionId?: string; removed?: number; sampled?: number };

const Reason = reasonSchema('Say why, in a few words');
const ResolveInput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('looks-fine'), campaignId: IdSchema, interactionId: IdSchema, shownIds: z.array(IdSchema).min(1).max(5000), reason: Reason }),
  z.object({
    status: z.literal('confirmed'),
    campaignId: IdSchema,
    interactionId: IdSchema,
    shownIds: z.array(IdSchema).min(1).max(5000),
    reason: Reason,
    remove: z
      .array(z.object({ id: IdSchema, etag: z.string().min(1).max(200) }))
      .min(1, 'Tick at least one interaction to remove')
      .max(5000),
  }),
  z.object({
    status: z.literal('recontact'),
    campaignId: IdSchema,
    interactionId: IdSchema,
    shownIds: z.array(IdSchema).min(1).max(5000),
    reason: Reason,
    sharePercent: z.coerce.number().int().min(1, 'At least 1 %').max(100, 'At most 100 %'),
  }),
]);
export type ResolveInput = z.input<typeof ResolveInput>;

/** The shift as it is now, or a message saying why the decision cannot apply. */
async function currentShift(auth: AuthContext, campaignId: string, interactionId: string, shownIds: string[]) {
  await auth.polis.getCampaign(campaignId); // another tenant's campaign is a 404 here
  const timeZone = await campaignTimeZone(auth, campaignId);
  const loaded = await loadReviewQueue(auth, campaignId, timeZone);
  if (loaded.state !== 'ready') return { error: 'The campaign is still being indexed; try again in a moment.' } as const;
  const found = shiftAt(loaded.queue, loaded.index, loaded.index.find(interactionId));
  if (!found) return { error: 'This shift no longer exists: its interactions were removed.' } as const;
  const rows = found.shift.visits.map((visit) => Number(visit.id));
  const ids = rows.map((row) => loaded.index.idAt(row));
  const shown = new Set(shownIds);
  if (ids.length !== shown.size || ids.some((id) => !shown.has(id)))
    return { error: 'Interactions joined or left this shift since you opened it. Reload the page to see it as it is now.' } as const;
  return { loaded, found, rows, ids, timeZone } as const;
}

export async function resolveShift(input: ResolveInput): Promise<ResolveState> {
  let campaignId = '';
  const result = await withInput('modify@interactions', ResolveInput, input, async (request, auth): Promise<ResolveState> => {
    campaignId = request.campaignId;
    const current = await currentShift(auth, request.campaignId, request.interactionId, request.shownIds);
    if ('error' in current) return { ok: false, message: current.error };
    const { found, rows, ids, loaded } = current;
    const base = {
      organizationId: auth.organization.id,
      campaignId: request.campaignId,
      shiftKey: `${found.shift.canvasser}:${ids[0]}`,
      canvasserId: found.shift.canvasser,
      interactionIds: ids,
      reason: request.reason,
      score: found.review.score,
      ruleSetVersion: loaded.queue.ruleSetVersion,
      user: { id: auth.user.id, name: auth.user.name },
    };

    if (request.status === 'looks-fine') {
      const saved = await saveResolution({ ...base, status: 'looks-fine' });
      return { ok: true, message: 'Marked as looking fine: the shift left the open queue.', resolutionId: saved.id };
    }

    if (request.status === 'confirmed') {
      const inShift = new Set(ids);
      const stranger = request.remove.find((item) => !inShift.has(item.id));
      if (stranger) return { ok: false, message: `Interaction ${stranger.id} is not part of this shift.` };
      const failed: string[] = [];
      let removed = 0;
      for (const item of request.remove) {
        try {
          await auth.polis.deleteInteraction(item.id, item.etag);
        } catch (error) {
          if (error instanceof PolisApiError && (error.status === 412 || error.status === 404)) {
            failed.push(item.id);
            continue;
          }
          throw error;
        }
        removed++;
        await logCorrection({
          organizationId: auth.organization.id,
          campaignId: request.campaignId,
          interactionId: item.id,
          action: 'delete',
          user: base.user,
          reason: `Review confirmed: ${request.reason}`,
          patch: [],
          etagBefore: item.etag,
          etagAfter: null,
        });
        recordChange(auth.organization.id, request.campaignId, { remove: item.id });
      }
      if (removed === 0)
        return { ok: false, message: 'Nothing was removed: every ticked interaction changed since you opened the shift. Reload and try again.' };
      const saved = await saveResolution({ ...base, status: 'confirmed' });
      const message =
        failed.length === 0
          ? `Confirmed: ${removed} interactions removed and logged.`
          : `Confirmed: ${removed} removed; ${failed.length} changed since you opened the shift and were kept. Reload to review them.`;
      return { ok: true, message, resolutionId: saved.id, removed };
    }

    // Recontact: a random sample of the shift's successful contacts, with what was recorded.
    const successful = rows.filter((row) => loaded.index.flags[row]! & FLAG_SUCCESSFUL).map((row) => loaded.index.idAt(row));
    if (successful.length === 0) return { ok: false, message: 'This shift has no successful contacts to call back.' };
    const size = Math.min(successful.length, Math.max(3, Math.ceil((successful.length * request.sharePercent) / 100)));
    for (let i = successful.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [successful[i], successful[j]] = [successful[j]!, successful[i]!];
    }
    const sample = successful.slice(0, size);
    const [byId, context] = await Promise.all([loadInteractions(auth, sample), loadCampaignContext(auth, request.campaignId)]);
    const interactions = [...byId.values()];
    const contacts = await loadContacts(
      auth,
      interactions.map((interaction) => interaction.data.contactId),
    );
    const calls = interactions.map((interaction) => {
      const contact = contacts.get(interaction.data.contactId);
      return {
        interactionId: interaction.id,
        contactId: interaction.data.contactId,
        name: contactName(contact),
        phone: contact?.data.profile.phone?.[0] ?? '',
        address: contactAddress(contact),
        recorded: answerSummary(interaction, context.questions) || (interaction.data.successful ? 'Successful' : 'Not successful'),
      };
    });
    const saved = await saveResolution({ ...base, status: 'recontact', calls });
    return {
      ok: true,
      message: `Call list of ${calls.length} contacts drawn from ${successful.length} successful ones.`,
      resolutionId: saved.id,
      sampled: calls.length,
    };
  });
  if (result.ok) revalidatePath(`/campaigns/${campaignId}`, 'layout');
  return result;
}

const CallInput = z.object({
  campaignId: IdSchema,
  callId: IdSchema,
  outcome: z.enum(['confirmed', 'not-confirmed'], 'Choose whether the visit was confirmed'),
});

/** Records whether a recontacted person confirmed the visit. */
export async function recordRecontact(input: z.input<typeof CallInput>): Promise<ActionState> {
  return withInput(
    'modify@interactions',
    CallInput,
    input,
    async ({ campaignId, callId, outcome }, auth) => {
      await auth.polis.getCampaign(campaignId);
      const saved = await recordCallOutcome(auth.organization.id, callId, outcome, auth.user.id);
      if (!saved) return { ok: false, message: 'This call is not on any of your call lists.' };
      revalidatePath(`/campaigns/${campaignId}/review`, 'layout');
      return { ok: true, message: outcome === 'confirmed' ? 'Recorded: the visit was confirmed.' : 'Recorded: the visit was not confirmed.' };
    },
    'Choose whether the visit was confirmed.',
  );
}

const ThresholdsInput = z.object({ campaignId: IdSchema, thresholds: thresholdsSchema() });

/** Saves the campaign's review thresholds (the form sends them all, in the units it shows); the queue is computed again with them. */
export async function saveReviewThresholds(input: z.input<typeof ThresholdsInput>): Promise<ActionState> {
  let campaignId = '';
  const result = await withInput('modify@interactions', ThresholdsInput, input, async (request, auth) => {
    await auth.polis.getCampaign(request.campaignId); // another tenant's campaign is a 404 here
    await storeThresholds({ organizationId: auth.organization.id, campaignId: request.campaignId, thresholds: request.thresholds, userId: auth.user.id });
    campaignId = request.campaignId;
    const changed = Object.keys(request.thresholds).length;
    return {
      ok: true,
      message:
        changed === 0
          ? 'Saved: every threshold is at its default.'
          : `Saved: ${changed} ${changed === 1 ? 'threshold differs' : 'thresholds differ'} from the defaults. The queue is computed again with them.`,
    };
  });
  if (result.ok) revalidatePath(`/campaigns/${campaignId}`, 'layout');
  return result;
}

const RestoreInput = z.object({ campaignId: IdSchema });

/** Puts every threshold of the campaign back to its default. */
export async function restoreReviewThresholds(input: z.input<typeof RestoreInput>): Promise<ActionState> {
  let campaignId = '';
  const result = await withInput('modify@interactions', RestoreInput, input, async (request, auth) => {
    await auth.polis.getCampaign(request.campaignId);
    await storeThresholds({ organizationId: auth.organization.id, campaignId: request.campaignId, thresholds: {}, userId: auth.user.id });
    campaignId = request.campaignId;
    return { ok: true, message: 'Every threshold is back at its default.' };
  });
  if (result.ok) revalidatePath(`/campaigns/${campaignId}`, 'layout');
  return result;
}
