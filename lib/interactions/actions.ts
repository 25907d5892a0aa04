'use server';

/**
 * The mutations of interactions, as server actions: each passes the gate
 * (site, session, permission) and the parse of its input with the shared zod
 * schemas before anything reaches Polis, sends the change through the Polis
 * client, and logs it only once Polis accepted it.
 */
import jsonpatch from 'fast-json-patch';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { fieldErrors, withInput, type ActionState } from '@/lib/auth/action';
import type { AuthContext } from '@/lib/auth/session';
import { listCorrections, logCorrection } from '@/lib/store/corrections';
import { recordChange } from '@/lib/map-index/campaign-index';
import { readPaperCredit, savePaperCredit } from '@/lib/store/paper-credits';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { PolisApiError } from '@/lib/polis/client';
import { IdSchema, type Contact, type Interaction, type InteractionData, type PatchOperation, type Question } from '@/lib/polis/schemas';
import { answerToText, formatAnswer } from '@/lib/surveys/format-answer';
import { loadWalklistOptions } from './filter-choices';
import { OUTCOME_LABELS, outcomeOf } from '@/lib/filters/outcome';
import { walklistName } from './walklists';
import { CONTACT_SEARCH_LIMIT, contactSearchFilter } from './contact-search';
import {
  applyFormValues,
  correctionSchema,
  describeCorrection,
  reasonSchema,
  manualEntrySchema,
  milesBetween,
  toFormValues,
  type InteractionFields,
} from './correction';

export type CorrectionState = ActionState & {
  etag?: string;
  /** The saved version, as form values, after success. */
  saved?: InteractionFields;
  /** Someone else saved first: their version and its etag. */
  conflict?: { theirs: InteractionFields; etag: string };
};

/** After a manual entry: this visit's own answers, as question and option text (not the contact's accumulated fields). */
export type EntryState = ActionState & {
  interactionId?: string;
  contact?: { name: string };
  outcome?: string;
  answers?: { question: string; answer: string }[];
};

/** API validation details (`/data/location/lat`) as form fields (`lat`). */
function apiFieldErrors(error: PolisApiError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    const path = detail.path.replace(/^\/data\//, '');
    const field = path.startsWith('survey/responses/') ? `answers.${path.split('/')[2]}` : path.startsWith('location/') ? path.split('/')[1]! : path;
    errors[field] ??= detail.message;
  }
  return errors;
}

function rejected(error: unknown): CorrectionState | null {
  if (error instanceof PolisApiError && error.status === 400) {
    return { ok: false, message: `Polis refused the change: ${error.message}`, fieldErrors: apiFieldErrors(error) };
  }
  return null;
}

const household = (contact: Contact | null) => {
  const position = contact?.data.profile.address.position?.coordinates;
  return position ? { lat: position[1], lng: position[0] } : null;
};

/** Names for the walklists a correction moved between, asked for only when it did. */
async function walklistNamer(auth: AuthContext, before: InteractionData, after: InteractionData): Promise<(id: string) => string> {
  if (before.walklistId === after.walklistId) return (id) => id;
  const options = await loadWalklistOptions(auth, after.campaignId).catch(() => []);
  return (id) => walklistName(options, id);
}

async function surveyQuestions(auth: AuthContext, surveyId: string): Promise<Question[]> {
  return (await auth.polis.getSurvey(surveyId)).data.questions;
}

const CorrectionInput = z.object({ interactionId: IdSchema, etag: z.string().min(1), values: correctionSchema() });

export async function correctInteraction(input: z.input<typeof CorrectionInput>): Promise<CorrectionState> {
  return withInput('modify@interactions', CorrectionInput, input, async ({ interactionId, etag, values: input }, auth): Promise<CorrectionState> => {
    const current = await auth.polis.getInteraction(interactionId);
    const [questions, zone] = await Promise.all([surveyQuestions(auth, current.data.survey.surveyId), campaignTimeZone(auth, current.data.campaignId)]);
    const values = correctionSchema(questions, zone).safeParse(input);
    if (!values.success) return { ok: false, message: 'Some fields need attention.', fieldErrors: fieldErrors(values.error) };

    let corrected = applyFormValues(current.data, values.data, questions, zone);
    const moved = corrected.location?.lat !== current.data.location?.lat || corrected.location?.lng !== current.data.location?.lng;
    if (moved) {
      const home = household(await auth.polis.getContact(current.data.contactId).catch(() => null));
      if (home) corrected = { ...corrected, distance: milesBetween(home, { lat: values.data.lat, lng: values.data.lng }) };
    }
    const { listId: _listId, ...before } = current.data;
    const { listId: _readOnly, ...after } = corrected;
    const patch = jsonpatch.compare(before, after) as PatchOperation[];
    if (patch.length === 0) return { ok: false, message: 'Nothing was changed, so there is nothing to save.' };

    let saved: Interaction;
    try {
      saved = await auth.polis.patchInteraction(interactionId, etag, patch);
    } catch (error) {
      if (error instanceof PolisApiError && error.status === 412) {
        const theirs = await auth.polis.getInteraction(interactionId);
        return {
          ok: false,
          message: 'Someone else changed this interaction while you were editing. Compare the changes below; your edits are kept.',
          conflict: { theirs: toFormValues(theirs.data, questions, zone), etag: theirs.meta.etag },
        };
      }
      const refusal = rejected(error);
      if (refusal) return refusal;
      throw error;
    }
    await logCorrection({
      organizationId: auth.organization.id,
      campaignId: saved.data.campaignId,
      interactionId,
      action: 'correct',
      user: { id: auth.user.id, name: auth.user.name },
      reason: values.data.reason,
      patch,
      etagBefore: etag,
      etagAfter: saved.meta.etag,
      changes: describeCorrection(
        toFormValues(current.data, questions, zone),
        toFormValues(saved.data, questions, zone),
        questions,
        zone,
        await walklistNamer(auth, current.data, saved.data),
      ),
    });
    recordChange(auth.organization.id, saved.data.campaignId, { upsert: saved });
    revalidatePath(`/campaigns/${saved.data.campaignId}`, 'layout');
    return { ok: true, message: 'Correction saved.', etag: saved.meta.etag, saved: toFormValues(saved.data, questions, zone) };
  });
}

const DeleteInput = z.object({
  interactionId: IdSchema,
  etag: z.string().min(1),
  reason: reasonSchema('Say why this interaction is deleted, in at least 3 characters'),
});

export type DeleteState = ActionState & { campaignId?: string; interactionId?: string };

export async function deleteInteraction(input: z.input<typeof DeleteInput>): Promise<DeleteState> {
  const result: DeleteState = await withInput(
    'modify@interactions',
    DeleteInput,
    input,
    async ({ interactionId, etag, reason }, auth): Promise<DeleteState> => {
      const current = await auth.polis.getInteraction(interactionId);
      try {
        await auth.polis.deleteInteraction(interactionId, etag);
      } catch (error) {
        if (error instanceof PolisApiError && error.status === 412) {
          return { ok: false, message: 'Someone else changed this interaction since you opened it. Reload the page to see their change before deleting.' };
        }
        throw error;
      }
      const { campaignId } = current.data;
      await logCorrection({
        organizationId: auth.organization.id,
        campaignId,
        interactionId,
        action: 'delete',
        user: { id: auth.user.id, name: auth.user.name },
        reason,
        patch: [],
        etagBefore: etag,
        etagAfter: null,
      });
      recordChange(auth.organization.id, campaignId, { remove: interactionId });
      return { ok: true, message: 'Interaction deleted.', campaignId, interactionId };
    },
  );
  // After success only, and outside the gate's error handling: the table, freshly rendered.
  if (result.ok && result.campaignId) {
    revalidatePath(`/campaigns/${result.campaignId}`, 'layout');
    // The table says what happened, with a link to the log entry (the detail page is gone).
    redirect(`/campaigns/${result.campaignId}/table?deleted=${result.interactionId}`);
  }
  return result;
}

const EntryInput = z.object({ campaignId: IdSchema, values: manualEntrySchema() });

/**
 * Manual entry: the client chose the id when the form opened, so a retry cannot create a second interaction.
 * Organizers' work: an entry is credited to the sheet's canvasser and spared the GPS and clock rules,
 * so a canvasser (who may record their own visits in the app) may not make one.
 */
export async function enterInteraction(input: z.input<typeof EntryInput>): Promise<EntryState> {
  return withInput('modify@interactions', EntryInput, input, async ({ campaignId, values: input }, auth): Promise<EntryState> => {
    const survey = await auth.polis.getSurvey(input.surveyId);
    if (survey.data.campaignId !== campaignId)
      return { ok: false, fieldErrors: { surveyId: 'This survey belongs to another campaign' }, message: 'Some fields need attention.' };
    const questions = survey.data.questions;
    const campaign = await auth.polis.getCampaign(campaignId);
    const zone = await campaignTimeZone(auth, campaign);
    const values = manualEntrySchema(questions, zone).safeParse(input);
    if (!values.success) return { ok: false, message: 'Some fields need attention.', fieldErrors: fieldErrors(values.error) };
    const contact = await auth.polis.getContact(values.data.contactId).catch(() => null);
    if (!contact || !campaign.data.lists.some((l) => l.listId === contact.data.listId)) {
      return { ok: false, message: 'Some fields need attention.', fieldErrors: { contactId: 'Choose a contact from this campaign’s lists' } };
    }
    const empty: InteractionData = {
      campaignId,
      contactId: contact.id,
      timestamp: new Date().toISOString(),
      survey: { surveyId: survey.id, responses: Object.fromEntries(questions.map((q) => [q.questionId, { questionId: q.questionId, fields: {} }])) },
      unavailable: false,
    };
    const users = await auth.polis.listUsers({ limit: 1000 });
    const canvasser = users.data.find((user) => user.id === values.data.canvasserId);
    if (!canvasser) return { ok: false, message: 'Some fields need attention.', fieldErrors: { canvasserId: 'Choose a canvasser of this organization' } };
    const data = applyFormValues(empty, values.data, questions, zone);
    // The sheet's position when it has one; otherwise no position and no distance, never the household's (that would look perfect).
    const home = household(contact);
    if (home && data.location) data.distance = milesBetween(home, { lat: values.data.lat, lng: values.data.lng });
    let updated: Contact;
    try {
      updated = await auth.polis.createInteraction({ id: values.data.id, data });
    } catch (error) {
      const refusal = rejected(error);
      if (refusal) return refusal;
      throw error;
    }
    const created = await auth.polis.getInteraction(values.data.id);
    // A retry of a create that went through is answered as the first time: log it once.
    const logged = (await listCorrections(auth.organization.id, created.id)).some((entry) => entry.action === 'create');
    if (!logged)
      await logCorrection({
        organizationId: auth.organization.id,
        campaignId,
        interactionId: created.id,
        action: 'create',
        user: { id: auth.user.id, name: auth.user.name },
        reason: 'Entered by hand',
        patch: [{ op: 'add', path: '', value: data }],
        etagBefore: null,
        etagAfter: created.meta.etag,
      });
    await savePaperCredit({ organizationId: auth.organization.id, campaignId, interactionId: created.id, canvasserId: canvasser.id, enteredBy: auth.user.id });
    recordChange(auth.organization.id, campaignId, { upsert: created, creditTo: (await readPaperCredit(auth.organization.id, created.id))?.canvasserId });
    revalidatePath(`/campaigns/${campaignId}`, 'layout');
    const name = [updated.data.profile.name.first, updated.data.profile.name.last].join(' ');
    const answers = questions
      .filter((q) => q.type !== 'availability')
      .map((q) => ({ question: q.text, answer: answerToText(formatAnswer(q, created.data.survey.responses[q.questionId])) }))
      .filter((row) => row.answer);
    return { ok: true, message: 'Interaction saved.', interactionId: created.id, contact: { name }, outcome: OUTCOME_LABELS[outcomeOf(created.data)], answers };
  });
}

export type ContactMatch = { id: string; name: string; address: string; position: { lat: number; lng: number } | null };

const SearchInput = z.object({
  campaignId: IdSchema,
  query: z.string().trim().min(2, 'Type at least 2 characters of a name or an address').max(100, 'Type at most 100 characters'),
});

/** Contacts of the campaign's lists matching every word typed (name or address), with how many match in all. */
export async function searchContacts(input: z.input<typeof SearchInput>): Promise<ActionState & { matches?: ContactMatch[]; total?: number }> {
  return withInput(
    'read@contacts',
    SearchInput,
    input,
    async ({ campaignId, query }, auth) => {
      const campaign = await auth.polis.getCampaign(campaignId);
      const { data, total } = await auth.polis.listContacts({
        filter: contactSearchFilter(
          campaign.data.lists.map((l) => l.listId),
          query,
        ),
        sort: ['/data/profile/name/last', 'ASC'],
        limit: CONTACT_SEARCH_LIMIT,
      });
      return {
        ok: true,
        total,
        matches: data.map((contact) => ({
          id: contact.id,
          name: [contact.data.profile.name.first, contact.data.profile.name.last].join(' '),
          address: contact.data.profile.address.formatted ?? '',
          position: household(contact),
        })),
      };
    },
    'Type at least 2 characters of a name or an address.',
  );
}
