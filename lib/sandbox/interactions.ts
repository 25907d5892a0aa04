/**
 * The write rules of interactions and contacts: creating an interaction
 * (idempotent on a client-supplied id, merging answers into the contact),
 * patching with an etag, and soft deletion. Each read-check-write runs in
 * one immediate transaction; on PostgreSQL its reads of rows it changes lock
 * them (`forUpdate`), and a creation locks the id it creates.
 *
 * @example
 *   const contact = await createInteraction(db, caller, body); // the updated contact
 *   const updated = await patchResource(db, RESOURCES.interactions, caller, id, etag, body);
 */
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Caller } from './access';
import { requireWritableGroup } from './access';
import { immediateTransaction, lockKey, type Db } from './db';
import { ApiError, notFound, validationError } from './errors';
import { checkStringLengths, checkTimestampRange, MAX_LONG_TEXT_LENGTH, MAX_STRING_LENGTH, parseJsonBody } from './limits';
import { applyDataPatch } from './patching';
import { findVisible, newEtag, RESOURCES, toEnvelope, writeData, type Envelope, type ResourceDefinition } from './resources';
import {
  ContactDataSchema,
  CreateInteractionSchema,
  InteractionDataSchema,
  PatchBodySchema,
  SurveyDataSchema,
  TEXT_ANSWER_DEFAULT_MAX,
  type InteractionData,
} from '@/lib/polis/schemas';

/** Canonical JSON (sorted keys), so equal bodies hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Surveys as parsed, by their stored JSON: every create of a campaign reads and checks against the same survey. */
const SURVEYS_KEPT = 64;
const surveys = new Map<string, z.output<typeof SurveyDataSchema>>();

function parsedSurvey(row: { data: string }) {
  let survey = surveys.get(row.data);
  if (!survey) {
    survey = SurveyDataSchema.parse(JSON.parse(row.data));
    if (surveys.size >= SURVEYS_KEPT) surveys.delete(surveys.keys().next().value!);
    surveys.set(row.data, survey);
  }
  return survey;
}

const badReference = (path: string, message: string) => new ApiError(400, 'invalid_reference', `${path}: ${message}`, [{ path, message }]);

/**
 * Checks an interaction's references against the caller's tenant and returns
 * the data as stored: `listId` from the contact, the timestamp in UTC.
 */
async function resolveInteraction(db: Db, caller: Caller, data: InteractionData, options: { lockContact?: boolean } = {}) {
  checkTimestampRange(data.timestamp);
  const contactRow = await findVisible(db, RESOURCES.contacts, caller, data.contactId, { forUpdate: options.lockContact });
  if (!contactRow) throw badReference('/data/contactId', `no contact with id ${data.contactId} in your organization`);
  const contact = toEnvelope('contacts', contactRow);
  const listId = contact.data.listId as string;
  if (data.listId !== undefined && data.listId !== listId) {
    throw badReference('/data/listId', `listId is taken from the contact, whose list is ${listId}; omit it or send that`);
  }
  if (!(await findVisible(db, RESOURCES.campaigns, caller, data.campaignId))) {
    throw badReference('/data/campaignId', `no campaign with id ${data.campaignId} in your organization`);
  }
  const surveyRow = await findVisible(db, RESOURCES.surveys, caller, data.survey.surveyId);
  if (!surveyRow) throw badReference('/data/survey/surveyId', `no survey with id ${data.survey.surveyId} in your organization`);
  const survey = parsedSurvey(surveyRow);
  if (survey.campaignId !== data.campaignId) {
    throw badReference('/data/survey/surveyId', `survey ${data.survey.surveyId} belongs to another campaign`);
  }
  const questions = new Map(survey.questions.map((q) => [q.questionId, q]));
  for (const [key, response] of Object.entries(data.survey.responses)) {
    const at = `/data/survey/responses/${key}`;
    if (response.questionId !== key) throw badReference(`${at}/questionId`, `questionId ${response.questionId} differs from its key ${key}`);
    if (!questions.has(key)) throw badReference(at, `question ${key} is not in survey ${data.survey.surveyId}`);
  }
  // A text answer may be as long as its question allows; every other string as long as MAX_STRING_LENGTH.
  checkStringLengths(data, (pointer) => {
    const [, survey, responses, questionId, fields] = pointer.split('/');
    if (survey !== 'survey' || responses !== 'responses' || fields !== 'fields') return undefined;
    const question = questions.get(questionId!);
    return question?.type === 'text' ? Math.min(question.max ?? TEXT_ANSWER_DEFAULT_MAX, MAX_LONG_TEXT_LENGTH) : undefined;
  });
  const stored: InteractionData = { ...data, listId, timestamp: new Date(data.timestamp).toISOString() };
  return { stored, contact, contactRow };
}

/** A contact's notes and the answers merged into its fields may be longer than other strings. */
const contactStringLimit = (pointer: string) => (pointer === '/notes' || pointer.startsWith('/fields/') ? MAX_LONG_TEXT_LENGTH : MAX_STRING_LENGTH);

/** `POST /v1/interactions`: returns the updated contact, as Polis does. */
export async function createInteraction(
  db: Db,
  caller: Caller,
  bodyText: string,
  now = new Date(),
): Promise<{ contact: Envelope; interactionId: string; created: boolean }> {
  const parsed = CreateInteractionSchema.safeParse(parseJsonBody(bodyText));
  if (!parsed.success) throw validationError(parsed.error);
  const body = parsed.data;
  if (body.customerId !== undefined && body.customerId !== caller.customerId) {
    throw new ApiError(403, 'forbidden', `customerId: you may not write to customer ${body.customerId}`, [
      { path: '/customerId', message: 'not your customer' },
    ]);
  }
  const requestHash = createHash('sha256').update(canonical(body.data)).digest('base64url');

  return immediateTransaction(db, async (tx) => {
    if (body.id) {
      // The same create sent twice at once: the second waits here, then finds the first's interaction.
      await lockKey(tx, `interactions/${body.id}`);
      const existing = await tx.selectFrom('interactions').select(['customer_id', 'request_hash', 'contact_id']).where('id', '=', body.id).executeTakeFirst();
      if (existing) {
        if (existing.customer_id !== caller.customerId || existing.request_hash !== requestHash) {
          throw new ApiError(409, 'conflict', `id: an interaction with id ${body.id} already exists with different data`, [
            { path: '/id', message: 'already used for different data' },
          ]);
        }
        // The same request again: answer as the first time, store nothing.
        const contactRow = await findVisible(tx, RESOURCES.contacts, caller, existing.contact_id);
        if (!contactRow) throw notFound('contacts', existing.contact_id);
        return { contact: toEnvelope('contacts', contactRow), interactionId: body.id, created: false };
      }
    }

    // The contact's fields take the answers: lock it, so two visits to one household both land.
    const { stored, contact, contactRow } = await resolveInteraction(tx, caller, body.data, { lockContact: true });
    const securityGroupId = body.securityGroupId ?? contact.securityGroupId;
    requireWritableGroup(caller, securityGroupId);

    const id = body.id ?? randomUUID();
    const stamp = now.toISOString();
    await tx
      .insertInto('interactions')
      .values({
        id,
        customer_id: caller.customerId,
        security_group_id: securityGroupId,
        data: JSON.stringify(stored),
        request_hash: requestHash,
        created: stamp,
        created_by: caller.userId,
        modified: stamp,
        modified_by: caller.userId,
        etag: newEtag(),
      })
      .execute();

    const fields = { ...(contact.data.fields as Record<string, unknown>) };
    for (const response of Object.values(stored.survey.responses)) Object.assign(fields, response.fields);
    const contactData = { ...contact.data, fields, ...(stored.successful ? { contacted: true } : {}) };
    const written = await writeData(tx, 'contacts', contactRow, contactData, caller, now);
    return { contact: toEnvelope('contacts', written), interactionId: id, created: true };
  });
}

/** The etag of an `ETag` or `If-Match` header, without quotes or a weak prefix. */
export function readEtag(headers: Headers): string {
  const raw = headers.get('if-match') ?? headers.get('etag');
  if (!raw || !raw.trim()) {
    throw new ApiError(428, 'etag_required', 'ETag: send the etag you read (ETag or If-Match header) so a concurrent change is not overwritten');
  }
  return raw
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

function checkEtag(current: string, sent: string) {
  if (current !== sent) {
    throw new ApiError(
      412,
      'etag_mismatch',
      `ETag: "${sent}" is not the current etag; the object changed since you read it. Retrieve it again and reapply your change`,
      [{ path: 'ETag', message: 'stale etag' }],
    );
  }
}

const DATA_SCHEMAS = { interactions: InteractionDataSchema, contacts: ContactDataSchema } as const;
const READ_ONLY = { interactions: new Set(['listId']), contacts: new Set<string>() } as const;

/** `PATCH /v1/<resource>/{id}` with `{"data": [operations]}` and the current etag. */
export async function patchResource(
  db: Db,
  definition: ResourceDefinition,
  caller: Caller,
  id: string,
  etag: string,
  bodyText: string,
  now = new Date(),
): Promise<Envelope> {
  const resource = definition.name as keyof typeof DATA_SCHEMAS;
  const body = PatchBodySchema.safeParse(parseJsonBody(bodyText));
  if (!body.success) {
    throw validationError(body.error);
  }
  return immediateTransaction(db, async (tx) => {
    const row = await findVisible(tx, definition, caller, id, { forUpdate: true });
    if (!row) throw notFound(resource, id);
    requireWritableGroup(caller, row.security_group_id);
    checkEtag(row.etag, etag);
    const patched = applyDataPatch(JSON.parse(row.data), body.data.data, READ_ONLY[resource]);
    const result = DATA_SCHEMAS[resource].safeParse(patched);
    if (!result.success) throw validationError(result.error, ['data']);
    let data: unknown = result.data;
    if (resource === 'interactions') {
      const { listId, ...rest } = result.data as InteractionData;
      data = (await resolveInteraction(tx, caller, rest)).stored;
    } else if (resource === 'contacts') {
      checkStringLengths(data, contactStringLimit);
      const listId = (result.data as { listId: string }).listId;
      if (!(await findVisible(tx, RESOURCES.lists, caller, listId))) {
        throw badReference('/data/listId', `no list with id ${listId} in your organization`);
      }
    }
    return toEnvelope(resource, await writeData(tx, resource, row, data, caller, now));
  });
}

/** `DELETE /v1/interactions/{id}`: a soft delete, guarded by the etag. */
export async function deleteInteraction(db: Db, caller: Caller, id: string, etag: string, now = new Date()): Promise<void> {
  await immediateTransaction(db, async (tx) => {
    const row = await findVisible(tx, RESOURCES.interactions, caller, id, { forUpdate: true });
    if (!row) throw notFound('interactions', id);
    requireWritableGroup(caller, row.security_group_id);
    checkEtag(row.etag, etag);
    await tx
      .updateTable('interactions')
      .set({ is_deleted: 1, modified: now.toISOString(), modified_by: caller.userId, etag: newEtag() })
      .where('id', '=', id)
      .execute();
  });
}
