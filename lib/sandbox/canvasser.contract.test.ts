import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CampaignSchema, ContactSchema, listOf, SurveySchema } from '@/lib/polis/schemas';
import { tokenFor } from '@/lib/testing/contract-setup';
import { httpClient, query } from '@/lib/testing/http';
import { closeDatabases } from './db';

const apiUrl = inject('apiUrl');
const organizer = httpClient(apiUrl, inject('tokens').organizer);
let canvasser: ReturnType<typeof httpClient>;
let canvasserId: string;

beforeAll(async () => {
  canvasser = httpClient(apiUrl, await tokenFor(inject('database'), 'canvasser1@commonwealth.example'));
  canvasserId = (await canvasser('GET', '/v1/users/me')).body.id;
});
afterAll(() => closeDatabases());

/** What the mobile app reads before a visit: the campaign, its survey and a contact of its lists. */
async function visitPlan(call: ReturnType<typeof httpClient>) {
  const campaign = listOf(CampaignSchema).parse((await call('GET', `/v1/campaigns${query({ sort: '["data/name","ASC"]' })}`)).body).data[0]!;
  const survey = listOf(SurveySchema).parse((await call('GET', `/v1/surveys${query({ filter: `/data/campaignId eq "${campaign.id}"` })}`)).body).data[0]!;
  const lists = campaign.data.lists.map((l) => `"${l.listId}"`).join(',');
  const contact = listOf(ContactSchema).parse((await call('GET', `/v1/contacts${query({ filter: `/data/listId in [${lists}]`, limit: 1 })}`)).body).data[0]!;
  const availability = survey.data.questions.find((q) => q.type === 'availability')!;
  return {
    id: randomUUID(),
    data: {
      campaignId: campaign.id,
      contactId: contact.id,
      timestamp: new Date().toISOString(),
      survey: { surveyId: survey.id, responses: { [availability.questionId]: { questionId: availability.questionId, fields: { available: 'false' } } } },
      unavailable: true,
      unavailableReason: 'Not home',
      location: { lat: 42.35, lng: -71.06, confidence: 8 },
    },
  };
}

describe('the canvasser role: what the Polis mobile app needs', () => {
  it('reads its campaigns, lists, contacts and surveys', async () => {
    for (const resource of ['campaigns', 'lists', 'contacts', 'surveys']) {
      const response = await canvasser('GET', `/v1/${resource}${query({ limit: 1 })}`);
      expect(response.status, resource).toBe(200);
      expect(response.body.data.length, resource).toBe(1);
    }
  });

  it('records a visit, credited to the canvasser', async () => {
    const request = await visitPlan(canvasser);
    const created = await canvasser('POST', '/v1/interactions', { body: request });
    expect(created.status).toBe(201);
    const stored = await organizer('GET', `/v1/interactions/${request.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body.meta.createdBy).toBe(canvasserId);
  });

  it('changes no one else’s records: no patch, no delete, no reading others’ interactions', async () => {
    const theirs = (await organizer('GET', `/v1/interactions${query({ limit: 1, filter: `/meta/createdBy neq "${canvasserId}"` })}`)).body.data[0];
    const patch = await canvasser('PATCH', `/v1/interactions/${theirs.id}`, {
      body: { data: [{ op: 'replace', path: '/successful', value: true }] },
      etag: theirs.meta.etag,
    });
    expect(patch.status).toBe(403);
    expect(patch.body.error.message).toContain('modify@interactions');
    const removal = await canvasser('DELETE', `/v1/interactions/${theirs.id}`, { etag: theirs.meta.etag });
    expect(removal.status).toBe(403);
    expect((await canvasser('GET', `/v1/interactions/${theirs.id}`)).status).toBe(403);
    const after = await organizer('GET', `/v1/interactions/${theirs.id}`);
    expect(after.body.meta.etag).toBe(theirs.meta.etag);
  });
});
