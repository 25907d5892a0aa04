/**
 * The import's server work, below its actions (which check the session and
 * permission first): what the browser needs to check a file, and sending
 * checked rows in batches within Polis's rate limits.
 *
 * @example
 *   const { context } = await importContextFor(auth, { campaignId });
 *   const { outcomes } = await sendRows(auth, { campaignId, surveyId, rows });
 */
import 'server-only';
import { z } from 'zod';
import type { ActionState } from '@/lib/auth/action';
import type { AuthContext } from '@/lib/auth/session';
import { campaignCanvassers } from '@/lib/canvassers/campaign-figures';
import { logCorrections } from '@/lib/store/corrections';
import { applyFormValues, manualEntrySchema, milesBetween } from '@/lib/interactions/correction';
import { recordChanges } from '@/lib/map-index/campaign-index';
import { PolisApiError } from '@/lib/polis/client';
import { and, eq, isIn } from '@/lib/polis/filter';
import { IdSchema, type Contact, type InteractionData } from '@/lib/polis/schemas';
import { savePaperCredits } from '@/lib/store/paper-credits';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import type { ImportContact, ImportContext } from './import-csv';
import { sheetHousehold } from './sheet-household';

export const ContextInput = z.object({ campaignId: IdSchema, surveyId: IdSchema.optional() });

export type ImportContextState = ActionState & { context?: ImportContext; surveys?: { id: string; name: string }[] };

async function campaignContacts(auth: AuthContext, listIds: string[]): Promise<Contact[]> {
  const contacts: Contact[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await auth.polis.listContacts({ filter: isIn('/data/listId', listIds), sort: ['/id', 'ASC'], skip, limit: 1000 });
    contacts.push(...page.data);
    if (page.data.length < 1000 || contacts.length >= page.total) return contacts;
  }
}

/** What the browser needs to check a file of this campaign against the survey. */
export async function importContextFor(auth: AuthContext, { campaignId, surveyId }: z.output<typeof ContextInput>): Promise<ImportContextState> {
  {
    const campaign = await auth.polis.getCampaign(campaignId);
    const [zone, surveys, contacts, first, canvassers] = await Promise.all([
      campaignTimeZone(auth, campaign),
      auth.polis.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 100 }),
      campaignContacts(
        auth,
        campaign.data.lists.map((l) => l.listId),
      ),
      auth.polis.listInteractions({ filter: eq('/data/campaignId', campaignId), sort: ['/data/timestamp', 'ASC'], limit: 1 }),
      campaignCanvassers(auth, campaignId),
    ]);
    const survey = surveys.data.find((s) => s.id === surveyId) ?? surveys.data[0];
    if (!survey) return { ok: false, message: 'This campaign has no survey: an interaction records one.' };
    const starts = [campaign.meta.created, first.data[0]?.data.timestamp].filter((t): t is string => Boolean(t)).sort()[0] ?? null;
    return {
      ok: true,
      surveys: surveys.data.map((s) => ({ id: s.id, name: s.data.name })),
      context: {
        campaignId,
        surveyId: survey.id,
        zone,
        questions: survey.data.questions,
        contacts: contacts.map((c): ImportContact => {
          const h = sheetHousehold(c);
          return { id: h.contactId, name: h.name, address: h.address, lat: h.lat, lng: h.lng };
        }),
        startsAt: starts,
        canvassers,
      },
    };
  }
}

/** Rows per call: small enough to answer quickly, large enough to keep the calls few. */
const IMPORT_BATCH_SIZE = 100;
/** Creates in flight per batch, so a few batches at once stay within Polis's rate limits. */
const CREATES_IN_FLIGHT = 8;

export const SendInput = z.object({
  campaignId: IdSchema,
  surveyId: IdSchema,
  rows: z
    .array(z.object({ line: z.number().int().positive(), values: manualEntrySchema() }))
    .min(1)
    .max(IMPORT_BATCH_SIZE, `Send at most ${IMPORT_BATCH_SIZE} rows at a time`),
});

export type ImportOutcome = { line: number; id: string; result: 'created' | 'present' | 'refused'; message: string };
export type SendState = ActionState & { outcomes?: ImportOutcome[] };

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Sends checked rows: each checked again with the form's schema, an id Polis holds reported as present. */
export async function sendRows(auth: AuthContext, { campaignId, surveyId, rows }: z.output<typeof SendInput>): Promise<SendState> {
  {
    const [campaign, survey, users] = await Promise.all([
      auth.polis.getCampaign(campaignId),
      auth.polis.getSurvey(surveyId),
      auth.polis.listUsers({ limit: 1000 }),
    ]);
    const people = new Set(users.data.map((u) => u.id));
    if (survey.data.campaignId !== campaignId) return { ok: false, message: 'This survey belongs to another campaign.' };
    const zone = await campaignTimeZone(auth, campaign);
    const questions = survey.data.questions;
    const schema = manualEntrySchema(questions, zone);
    const ids = rows.map((r) => r.values.id);
    const [existing, contacts] = await Promise.all([
      auth.polis.listInteractions({ filter: isIn('/id', ids), limit: 1000 }),
      auth.polis.listContacts({ filter: isIn('/id', [...new Set(rows.map((r) => r.values.contactId))]), limit: 1000 }),
    ]);
    const present = new Set(existing.data.map((i) => i.id));
    const contactById = new Map(contacts.data.filter((c) => campaign.data.lists.some((l) => l.listId === c.data.listId)).map((c) => [c.id, c]));
    const outcomes: ImportOutcome[] = [];
    const created: { id: string; canvasserId: string; data: InteractionData }[] = [];
    await inPool(rows, CREATES_IN_FLIGHT, async (row) => {
      const id = row.values.id;
      if (present.has(id)) return void outcomes.push({ line: row.line, id, result: 'present', message: 'Already imported' });
      const values = schema.safeParse(row.values);
      if (!values.success) return void outcomes.push({ line: row.line, id, result: 'refused', message: values.error.issues[0]!.message });
      const contact = contactById.get(values.data.contactId);
      if (!contact) return void outcomes.push({ line: row.line, id, result: 'refused', message: 'Unknown contact: not in this campaign’s lists' });
      if (!people.has(values.data.canvasserId))
        return void outcomes.push({ line: row.line, id, result: 'refused', message: 'Unknown canvasser: not a person of this organization' });
      const empty: InteractionData = {
        campaignId,
        contactId: contact.id,
        timestamp: new Date().toISOString(),
        survey: { surveyId, responses: Object.fromEntries(questions.map((q) => [q.questionId, { questionId: q.questionId, fields: {} }])) },
        unavailable: false,
      };
      const data = applyFormValues(empty, values.data, questions, zone);
      const home = contact.data.profile.address.position?.coordinates;
      if (home && data.location) data.distance = milesBetween({ lat: home[1], lng: home[0] }, { lat: values.data.lat, lng: values.data.lng });
      try {
        await auth.polis.createInteraction({ id, data });
        created.push({ id, canvasserId: values.data.canvasserId, data });
        outcomes.push({ line: row.line, id, result: 'created', message: 'Created' });
      } catch (error) {
        if (!(error instanceof PolisApiError) || error.status === 401) throw error;
        outcomes.push({
          line: row.line,
          id,
          result: 'refused',
          message: error.status === 409 ? 'Another interaction already has this id with different answers' : `Polis refused: ${error.message}`,
        });
      }
    });
    if (created.length) {
      const stored = await auth.polis.listInteractions({
        filter: and(
          eq('/data/campaignId', campaignId),
          isIn(
            '/id',
            created.map((c) => c.id),
          ),
        ),
        limit: 1000,
      });
      const etags = new Map(stored.data.map((i) => [i.id, i.meta.etag]));
      // The batch's bookkeeping in a few statements, not three per row.
      await savePaperCredits(
        created.map((c) => ({ organizationId: auth.organization.id, campaignId, interactionId: c.id, canvasserId: c.canvasserId, enteredBy: auth.user.id })),
      );
      await logCorrections(
        created.map((c) => ({
          organizationId: auth.organization.id,
          campaignId,
          interactionId: c.id,
          action: 'create' as const,
          user: { id: auth.user.id, name: auth.user.name },
          reason: 'Imported from a file',
          patch: [{ op: 'add' as const, path: '', value: c.data }],
          etagBefore: null,
          etagAfter: etags.get(c.id) ?? null,
        })),
      );
      const credit = new Map(created.map((c) => [c.id, c.canvasserId]));
      recordChanges(
        auth.organization.id,
        campaignId,
        stored.data.map((interaction) => ({ upsert: interaction, creditTo: credit.get(interaction.id) })),
      );
    }
    return { ok: true, outcomes: outcomes.sort((a, b) => a.line - b.line) };
  }
}
