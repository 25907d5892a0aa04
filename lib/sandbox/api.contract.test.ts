import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { httpClient, query } from '@/lib/testing/http';
import { ContactSchema, InteractionSchema, listOf, SurveySchema, CampaignSchema, ListSchema, MeSchema } from '@/lib/polis/schemas';

const apiUrl = inject('apiUrl');
const tokens = inject('tokens');
const organizer = httpClient(apiUrl, tokens.organizer);
const viewer = httpClient(apiUrl, tokens.viewer);

type Fixture = {
  campaignId: string;
  surveyId: string;
  questions: { questionId: string; tag: string; type: string }[];
  contact: ReturnType<typeof ContactSchema.parse>;
  otherCampaignSurveyId: string;
};
let fx: Fixture;

beforeAll(async () => {
  const campaigns = listOf(CampaignSchema).parse((await organizer('GET', `/v1/campaigns${query({ sort: '["data/name","ASC"]' })}`)).body);
  const campaign = campaigns.data[0]!;
  const surveys = listOf(SurveySchema).parse((await organizer('GET', `/v1/surveys${query({ filter: `/data/campaignId eq "${campaign.id}"` })}`)).body);
  const other = listOf(SurveySchema).parse((await organizer('GET', `/v1/surveys${query({ filter: `/data/campaignId neq "${campaign.id}"` })}`)).body);
  const listIds = campaign.data.lists.map((l) => `"${l.listId}"`).join(',');
  const contacts = listOf(ContactSchema).parse((await organizer('GET', `/v1/contacts${query({ filter: `/data/listId in [${listIds}]`, limit: 1 })}`)).body);
  fx = {
    campaignId: campaign.id,
    surveyId: surveys.data[0]!.id,
    questions: surveys.data[0]!.data.questions,
    contact: contacts.data[0]!,
    otherCampaignSurveyId: other.data[0]!.id,
  };
});

/** A create request shaped exactly like the example in the origin document. */
function originShapedRequest(overrides: Record<string, unknown> = {}) {
  const availability = fx.questions.find((q) => q.type === 'availability')!;
  const multiSelect = fx.questions.find((q) => q.type === 'multi-select')!;
  const scale = fx.questions.find((q) => q.type === 'scale')!;
  const text = fx.questions.find((q) => q.type === 'text')!;
  return {
    id: randomUUID(),
    data: {
      listId: fx.contact.data.listId,
      survey: {
        surveyId: fx.surveyId,
        responses: {
          [text.questionId]: { fields: {}, questionId: text.questionId },
          [availability.questionId]: { fields: { available: 'true' }, questionId: availability.questionId },
          [multiSelect.questionId]: { fields: { [multiSelect.tag]: ['Housing', 'Transit'] }, questionId: multiSelect.questionId },
          [scale.questionId]: { fields: { [scale.tag]: 4 }, questionId: scale.questionId },
        },
      },
      distance: 2449.35,
      location: { lat: 34.0687112, lng: -118.3530776, confidence: 0 },
      contactId: fx.contact.id,
      timestamp: '2017-09-18T12:51:55.000Z',
      campaignId: fx.campaignId,
      unavailable: false,
      successful: true,
      ...overrides,
    },
    meta: {
      etag: '3e8-SIMIS22pStVskqOe/o51Wzx9bbk',
      created: '2017-09-18T15:20:58.865Z',
      modified: '2017-09-18T15:20:58.865Z',
      resource: 'interactions',
      createdBy: '931596ea-8ac6-44c5-8aa7-e11456fca02c',
      isDeleted: false,
      modifiedBy: '931596ea-8ac6-44c5-8aa7-e11456fca02c',
    },
  };
}

async function createOne(overrides: Record<string, unknown> = {}) {
  const request = originShapedRequest(overrides);
  const response = await organizer('POST', '/v1/interactions', { body: request });
  expect(response.status).toBe(201);
  const got = await organizer('GET', `/v1/interactions/${request.id}`);
  return { request, response, interaction: InteractionSchema.parse(got.body), etag: got.headers.get('etag')! };
}

describe('create interaction', () => {
  it('accepts the origin-shaped request and answers with the updated contact', async () => {
    const before = ContactSchema.parse((await organizer('GET', `/v1/contacts/${fx.contact.id}`)).body);
    const { request, response, interaction } = await createOne();
    const contact = ContactSchema.parse(response.body);
    expect(contact.id).toBe(fx.contact.id);
    expect(contact.meta.resource).toBe('contacts');
    expect(contact.meta.etag).not.toBe(before.meta.etag);
    const multiSelect = fx.questions.find((q) => q.type === 'multi-select')!;
    const scale = fx.questions.find((q) => q.type === 'scale')!;
    expect(contact.data.fields).toMatchObject({ available: 'true', [multiSelect.tag]: ['Housing', 'Transit'], [scale.tag]: 4 });
    expect(contact.data.contacted).toBe(true);
    expect(response.headers.get('location')).toMatch(new RegExp(`/v1/interactions/${request.id}$`));

    expect(interaction.id).toBe(request.id);
    expect(interaction.data.listId).toBe(fx.contact.data.listId);
    expect(interaction.data.distance).toBe(2449.35);
    expect(interaction.meta.createdBy).not.toBe(request.meta.createdBy);
    expect(interaction.meta.created).not.toBe(request.meta.created);
    expect(interaction.meta.etag).not.toBe(request.meta.etag);
  });

  it('takes listId from the contact when it is omitted, and refuses a different one', async () => {
    const { interaction } = await createOne({ listId: undefined });
    expect(interaction.data.listId).toBe(fx.contact.data.listId);
    const wrong = await organizer('POST', '/v1/interactions', { body: originShapedRequest({ listId: randomUUID() }) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('/data/listId');
  });

  it('names the field at fault for bad bodies and stores nothing', async () => {
    const before = (await organizer('GET', `/v1/interactions${query({ limit: 0 })}`)).body.meta.total;
    const cases: [unknown, string][] = [
      [{ ...originShapedRequest(), data: { ...originShapedRequest().data, timestamp: 'yesterday' } }, '/data/timestamp'],
      [{ ...originShapedRequest(), data: { ...originShapedRequest().data, unavailable: 'no' } }, '/data/unavailable'],
      [originShapedRequest({ contactId: randomUUID() }), '/data/contactId'],
      [originShapedRequest({ campaignId: randomUUID() }), '/data/campaignId'],
      [originShapedRequest({ survey: { surveyId: fx.otherCampaignSurveyId, responses: {} } }), '/data/survey/surveyId'],
      [
        originShapedRequest({ survey: { surveyId: fx.surveyId, responses: { [fx.contact.id]: { questionId: fx.contact.id, fields: {} } } } }),
        `/data/survey/responses/${fx.contact.id}`,
      ],
      [originShapedRequest({ location: { lat: 123, lng: 0 } }), '/data/location/lat'],
    ];
    for (const [body, field] of cases) {
      const response = await organizer('POST', '/v1/interactions', { body });
      expect(response.status, field).toBe(400);
      expect(response.body.error.message, field).toContain(field);
    }
    const malformed = await organizer('POST', '/v1/interactions', { raw: '{"data": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    expect((await organizer('GET', `/v1/interactions${query({ limit: 0 })}`)).body.meta.total).toBe(before);
  });

  it('is idempotent on a client id: the same body twice stores one, a different body is a 409', async () => {
    const request = originShapedRequest();
    const first = await organizer('POST', '/v1/interactions', { body: request });
    const again = await organizer('POST', '/v1/interactions', { body: request });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const count = await organizer('GET', `/v1/interactions${query({ filter: `/id eq "${request.id}"`, limit: 0 })}`);
    expect(count.body.meta.total).toBe(1);
    const different = await organizer('POST', '/v1/interactions', { body: { ...request, data: { ...request.data, distance: 1 } } });
    expect(different.status).toBe(409);
    expect(different.body.error.message).toContain(request.id);
  });

  it('refuses a viewer (403) and a caller without a token (401)', async () => {
    const denied = await viewer('POST', '/v1/interactions', { body: originShapedRequest() });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('insert@interactions');
    const anonymous = await httpClient(apiUrl)('POST', '/v1/interactions', { body: originShapedRequest() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    const unknown = await httpClient(apiUrl, 'not-a-token')('GET', '/v1/interactions');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toContain('unknown');
  });

  it('refuses a customerId or securityGroupId the caller cannot write to', async () => {
    const foreignCustomer = await organizer('POST', '/v1/interactions', { body: { ...originShapedRequest(), customerId: randomUUID() } });
    expect(foreignCustomer.status).toBe(403);
    const foreignGroup = await organizer('POST', '/v1/interactions', { body: { ...originShapedRequest(), securityGroupId: randomUUID() } });
    expect(foreignGroup.status).toBe(403);
    expect(foreignGroup.body.error.message).toContain('securityGroupId');
  });
});

describe('retrieve, update and delete an interaction', () => {
  it('retrieves with an ETag header equal to meta.etag', async () => {
    const { interaction, etag } = await createOne();
    expect(etag).toBe(`"${interaction.meta.etag}"`);
    expect(interaction.meta).toMatchObject({ resource: 'interactions', isDeleted: false });
  });

  it('patches data with the current etag, changes the etag, and keeps meta server-owned', async () => {
    const { interaction, etag } = await createOne();
    const patched = await organizer('PATCH', `/v1/interactions/${interaction.id}`, {
      etag,
      body: {
        data: [
          { op: 'test', path: '/successful', value: true },
          { op: 'replace', path: '/successful', value: false },
          { op: 'add', path: '/unavailableReason', value: 'Moved' },
        ],
      },
    });
    expect(patched.status).toBe(200);
    const updated = InteractionSchema.parse(patched.body);
    expect(updated.data.successful).toBe(false);
    expect(updated.data.unavailableReason).toBe('Moved');
    expect(updated.meta.etag).not.toBe(interaction.meta.etag);
    expect(updated.meta.created).toBe(interaction.meta.created);
    expect(patched.headers.get('etag')).toBe(`"${updated.meta.etag}"`);
    // If-Match works as well as ETag.
    const viaIfMatch = await organizer('PATCH', `/v1/interactions/${interaction.id}`, {
      headers: { 'If-Match': `"${updated.meta.etag}"` },
      body: { data: [{ op: 'replace', path: '/distance', value: 0.02 }] },
    });
    expect(viaIfMatch.status).toBe(200);
  });

  it('answers 428 without an etag, 412 with a stale one, and changes nothing', async () => {
    const { interaction, etag } = await createOne();
    const patch = { data: [{ op: 'replace', path: '/distance', value: 9 }] };
    const missing = await organizer('PATCH', `/v1/interactions/${interaction.id}`, { body: patch });
    expect(missing.status).toBe(428);
    expect(missing.body.error.message).toContain('ETag');
    const stale = await organizer('PATCH', `/v1/interactions/${interaction.id}`, { etag: '"stale"', body: patch });
    expect(stale.status).toBe(412);
    const deleteStale = await organizer('DELETE', `/v1/interactions/${interaction.id}`, { etag: '"stale"' });
    expect(deleteStale.status).toBe(412);
    const after = await organizer('GET', `/v1/interactions/${interaction.id}`);
    expect(after.headers.get('etag')).toBe(etag);
    expect(after.body.data.distance).toBe(interaction.data.distance);
  });

  it('refuses patches of server-owned or read-only paths, failing tests and invalid results, naming them', async () => {
    const { interaction, etag } = await createOne();
    const cases: [unknown[], number, string][] = [
      [[{ op: 'replace', path: '/id', value: randomUUID() }], 400, '/data/0/path'],
      [[{ op: 'replace', path: '/customerId', value: randomUUID() }], 400, 'customerId'],
      [[{ op: 'replace', path: '/securityGroupId', value: randomUUID() }], 400, 'securityGroupId'],
      [[{ op: 'replace', path: '/meta/etag', value: 'x' }], 400, 'meta'],
      [[{ op: 'replace', path: '/listId', value: randomUUID() }], 400, 'read-only'],
      [
        [
          { op: 'test', path: '/distance', value: 12345 },
          { op: 'replace', path: '/distance', value: 1 },
        ],
        409,
        '/data/0',
      ],
      [[{ op: 'replace', path: '/timestamp', value: 'soon' }], 400, '/data/timestamp'],
      [[{ op: 'replace', path: '/nope/deeper', value: 1 }], 400, '/data/0'],
      [
        [{ op: 'add', path: `/survey/responses/${fx.contact.id}`, value: { questionId: fx.contact.id, fields: {} } }],
        400,
        `/data/survey/responses/${fx.contact.id}`,
      ],
      [[{ op: 'jump', path: '/distance' }], 400, '/data/0/op'],
    ];
    for (const [operations, status, named] of cases) {
      const response = await organizer('PATCH', `/v1/interactions/${interaction.id}`, { etag, body: { data: operations } });
      expect(response.status, JSON.stringify(operations)).toBe(status);
      expect(response.body.error.message, JSON.stringify(operations)).toContain(named);
    }
    const notPatch = await organizer('PATCH', `/v1/interactions/${interaction.id}`, { etag, body: { meta: {}, data: [] } });
    expect(notPatch.status).toBe(400);
    const after = await organizer('GET', `/v1/interactions/${interaction.id}`);
    expect(after.headers.get('etag')).toBe(etag);
  });

  it('soft-deletes: 204, then 404 on retrieve and gone from lists and totals', async () => {
    const { interaction, etag } = await createOne();
    const totalPath = `/v1/interactions${query({ filter: `/data/campaignId eq "${fx.campaignId}"`, limit: 0 })}`;
    const totalBefore = (await organizer('GET', totalPath)).body.meta.total;
    expect((await organizer('DELETE', `/v1/interactions/${interaction.id}`)).status).toBe(428);
    const deleted = await organizer('DELETE', `/v1/interactions/${interaction.id}`, { etag });
    expect(deleted.status).toBe(204);
    expect((await organizer('GET', `/v1/interactions/${interaction.id}`)).status).toBe(404);
    const listed = await organizer('GET', `/v1/interactions${query({ filter: `/id eq "${interaction.id}"` })}`);
    expect(listed.body.meta.total).toBe(0);
    expect((await organizer('GET', totalPath)).body.meta.total).toBe(totalBefore - 1);
    expect((await organizer('PATCH', `/v1/interactions/${interaction.id}`, { etag, body: { data: [] } })).status).toBe(404);
  });

  it('lets a viewer read but not patch or delete', async () => {
    const { interaction, etag } = await createOne();
    expect((await viewer('GET', `/v1/interactions/${interaction.id}`)).status).toBe(200);
    expect((await viewer('PATCH', `/v1/interactions/${interaction.id}`, { etag, body: { data: [] } })).status).toBe(403);
    expect((await viewer('DELETE', `/v1/interactions/${interaction.id}`, { etag })).status).toBe(403);
  });
});

describe('list', () => {
  it('filters with the expression language, sorts, pages and counts', async () => {
    const scope = `/data/campaignId eq "${fx.campaignId}"`;
    const all = await organizer('GET', `/v1/interactions${query({ filter: scope, limit: 0 })}`);
    const total = all.body.meta.total as number;
    expect(total).toBeGreaterThan(100);
    const page = listOf(InteractionSchema).parse(
      (await organizer('GET', `/v1/interactions${query({ filter: scope, sort: '["data/timestamp","DESC"]', limit: 50, skip: 10 })}`)).body,
    );
    expect(page.meta.total).toBe(total);
    expect(page.data).toHaveLength(50);
    const times = page.data.map((i) => i.data.timestamp);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.data.every((i) => i.data.campaignId === fx.campaignId)).toBe(true);

    const repeated = await organizer('GET', `/v1/interactions?filter=${encodeURIComponent(scope)}&sort=/data/timestamp&sort=DESC&limit=50&skip=10`);
    expect(repeated.body.data.map((i: { id: string }) => i.id)).toEqual(page.data.map((i) => i.id));

    const bracket = await organizer('GET', `/v1/interactions?filter[/data/campaignId]=${fx.campaignId}&filter[/data/successful]=true&limit=0`);
    const expression = await organizer('GET', `/v1/interactions${query({ filter: `${scope} and /data/successful eq true`, limit: 0 })}`);
    expect(bracket.body.meta.total).toBe(expression.body.meta.total);
    expect(bracket.body.meta.total).toBeLessThan(total);
  });

  it('matches like without regard to case, sorts text code unit by code unit, and pages through equal sort keys without repeating a row', async () => {
    const count = async (filter: string) => (await organizer('GET', `/v1/interactions${query({ filter, limit: 0 })}`)).body.meta.total as number;
    const notHome = await count('/data/unavailableReason like "Not*"');
    expect(notHome).toBeGreaterThan(0);
    expect(await count('/data/unavailableReason like "not*"')).toBe(notHome);
    expect(await count('/data/unavailableReason like "NOT H*"')).toBe(notHome);

    const contacts = listOf(ContactSchema).parse(
      (await organizer('GET', `/v1/contacts${query({ sort: '["data/profile/name/last","ASC"]', limit: 1000 })}`)).body,
    );
    const names = contacts.data.map((c) => c.data.profile.name.last);
    expect(names).toEqual([...names].sort());

    // A few hundred visits sorted by a key most of them share: every page boundary falls among equal keys.
    const scope = `/data/campaignId eq "${fx.campaignId}" and /data/unavailable eq true`;
    const total = await count(scope);
    expect(total).toBeGreaterThan(200);
    const seen: string[] = [];
    for (let skip = 0; skip < total; skip += 97) {
      const page = await organizer('GET', `/v1/interactions${query({ filter: scope, sort: '["data/unavailableReason","ASC"]', limit: 97, skip })}`);
      seen.push(...page.body.data.map((i: { id: string }) => i.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('evaluates the contract example: and binds tighter than or, like, between, in', async () => {
    const example = '(/data/successful eq true and /data/distance gte 0.5) or /data/unavailableReason like "Not*"';
    const response = listOf(InteractionSchema).parse((await organizer('GET', `/v1/interactions${query({ filter: example, limit: 1000 })}`)).body);
    expect(response.meta.total).toBeGreaterThan(0);
    for (const i of response.data) {
      expect((i.data.successful === true && (i.data.distance ?? 0) >= 0.5) || (i.data.unavailableReason ?? '').startsWith('Not')).toBe(true);
    }
    const between = listOf(InteractionSchema).parse(
      (await organizer('GET', `/v1/interactions${query({ filter: 'data/distance between 0.01,0.02', limit: 1000 })}`)).body,
    );
    expect(between.data.every((i) => i.data.distance! >= 0.01 && i.data.distance! <= 0.02)).toBe(true);
    const reasons = listOf(InteractionSchema).parse(
      (
        await organizer(
          'GET',
          `/v1/interactions${query({ filter: '/data/unavailableReason in ["Moved","Deceased"] and /data/unavailable eq true', limit: 1000 })}`,
        )
      ).body,
    );
    expect(reasons.meta.total).toBeGreaterThan(0);
    expect(reasons.data.every((i) => ['Moved', 'Deceased'].includes(i.data.unavailableReason!) && i.data.unavailable)).toBe(true);
  });

  it('clamps an oversized limit to 1000 and rejects bad parameters with a message naming them', async () => {
    const big = await organizer('GET', `/v1/interactions${query({ limit: 5000 })}`);
    expect(big.status).toBe(200);
    expect(big.body.data).toHaveLength(1000);
    const cases: [string, string][] = [
      [query({ filter: '/data/secret eq 1' }), '/data/secret'],
      [query({ filter: '/data/distance gte' }), 'position 18'],
      [query({ filter: '/data/distance gte "far"' }), '/data/distance'],
      [query({ filter: '(/data/successful eq true' }), 'position 25'],
      [query({ skip: -1 }), 'skip'],
      [query({ limit: 'ten' }), 'limit'],
      [query({ sort: '["data/secret","DESC"]' }), '/data/secret'],
      [query({ sort: '["data/timestamp","UP"]' }), 'UP'],
      ['?filter[/data/successful]=maybe', 'filter[/data/successful]'],
    ];
    for (const [search, named] of cases) {
      const response = await organizer('GET', `/v1/interactions${search}`);
      expect(response.status, search).toBe(400);
      expect(response.body.error.message, search).toContain(named);
    }
  });

  it('answers uncompressed even to a client that accepts gzip', async () => {
    const page = await organizer('GET', `/v1/interactions${query({ limit: 200 })}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(200);
    expect(page.headers.get('content-encoding')).toBeNull();
    expect(page.headers.get('cache-control')).toContain('no-transform');
  });

  it('lists and retrieves contacts, surveys, campaigns and lists', async () => {
    const campaign = CampaignSchema.parse((await organizer('GET', `/v1/campaigns/${fx.campaignId}`)).body);
    const survey = SurveySchema.parse((await organizer('GET', `/v1/surveys/${fx.surveyId}`)).body);
    expect(new Set(survey.data.questions.map((q) => q.type))).toEqual(
      new Set(['availability', 'verification', 'multi-choice', 'multi-select', 'scale', 'pdf', 'youtube', 'payment', 'text']),
    );
    const list = ListSchema.parse((await organizer('GET', `/v1/lists/${campaign.data.lists[0]!.listId}`)).body);
    expect(list.contactsCount).toBeGreaterThan(0);
    const contacts = listOf(ContactSchema).parse((await organizer('GET', `/v1/contacts${query({ filter: `/data/listId eq "${list.id}"`, limit: 0 })}`)).body);
    expect(contacts.meta.total).toBe(list.contactsCount);
    const lists = listOf(ListSchema).parse((await organizer('GET', '/v1/lists')).body);
    expect(lists.data.map((l) => l.id)).toContain(list.id);
    expect((await organizer('GET', `/v1/surveys/${randomUUID()}`)).status).toBe(404);
  });

  it('answers users/me with the organization, role and permissions', async () => {
    const me = MeSchema.parse((await viewer('GET', '/v1/users/me')).body);
    expect(me.role).toBe('viewer');
    expect(me.permissions).toContain('read@interactions');
    expect(me.permissions).not.toContain('modify@interactions');
  });
});

describe('contacts update and method handling', () => {
  it('patches a contact with its etag and validates the result', async () => {
    const got = await organizer('GET', `/v1/contacts/${fx.contact.id}`);
    const patched = await organizer('PATCH', `/v1/contacts/${fx.contact.id}`, {
      etag: got.headers.get('etag')!,
      body: { data: [{ op: 'add', path: '/notes', value: 'Prefers evenings' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.notes).toBe('Prefers evenings');
    const tooLong = await organizer('PATCH', `/v1/contacts/${fx.contact.id}`, {
      etag: patched.headers.get('etag')!,
      body: { data: [{ op: 'replace', path: '/notes', value: 'x'.repeat(3000) }] },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('/data/notes');
  });

  it('answers 405 with Allow for unsupported methods and 404 for unknown paths', async () => {
    const put = await organizer('PUT', `/v1/interactions/${randomUUID()}`, { body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect((await organizer('POST', '/v1/campaigns', { body: {} })).status).toBe(405);
    expect((await organizer('GET', '/v1/widgets')).status).toBe(404);
  });
});
