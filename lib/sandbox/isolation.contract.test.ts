import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { httpClient, query } from '@/lib/testing/http';

const apiUrl = inject('apiUrl');
const tokens = inject('tokens');
const customerA = httpClient(apiUrl, tokens.organizer);
const customerB = httpClient(apiUrl, tokens.otherOrganizer);

describe('tenant isolation', () => {
  it('keeps customer A invisible and unchanged to a token of customer B', async () => {
    const page = await customerA('GET', `/v1/interactions${query({ limit: 1, sort: '["data/timestamp","ASC"]' })}`);
    const interaction = page.body.data[0];
    const etag = `"${interaction.meta.etag}"`;
    const contactA = (await customerA('GET', `/v1/contacts/${interaction.data.contactId}`)).body;
    const totalA = page.body.meta.total;

    // B sees none of A's objects, by id or by any list filter.
    for (const path of [
      `/v1/interactions/${interaction.id}`,
      `/v1/contacts/${contactA.id}`,
      `/v1/campaigns/${interaction.data.campaignId}`,
      `/v1/surveys/${interaction.data.survey.surveyId}`,
      `/v1/lists/${interaction.data.listId}`,
    ]) {
      const response = await customerB('GET', path);
      expect(response.status, path).toBe(404);
    }
    for (const filter of [`/data/campaignId eq "${interaction.data.campaignId}"`, `/customerId eq "${interaction.customerId}"`, `/id eq "${interaction.id}"`]) {
      const listed = await customerB('GET', `/v1/interactions${query({ filter, limit: 0 })}`);
      expect(listed.body.meta.total, filter).toBe(0);
    }
    const bTotal = (await customerB('GET', `/v1/interactions${query({ limit: 1000 })}`)).body;
    expect(bTotal.data.every((i: { customerId: string }) => i.customerId !== interaction.customerId)).toBe(true);

    // B can neither patch, delete, nor create against A's objects.
    expect(
      (await customerB('PATCH', `/v1/interactions/${interaction.id}`, { etag, body: { data: [{ op: 'replace', path: '/distance', value: 99 }] } })).status,
    ).toBe(404);
    expect(
      (
        await customerB('PATCH', `/v1/contacts/${contactA.id}`, {
          etag: `"${contactA.meta.etag}"`,
          body: { data: [{ op: 'add', path: '/notes', value: 'x' }] },
        })
      ).status,
    ).toBe(404);
    expect((await customerB('DELETE', `/v1/interactions/${interaction.id}`, { etag })).status).toBe(404);
    const create = await customerB('POST', '/v1/interactions', {
      body: { id: randomUUID(), data: { ...interaction.data, listId: undefined } },
    });
    expect(create.status).toBe(400);
    expect(create.body.error.message).toContain('/data/contactId');
    const reuseId = await customerB('POST', '/v1/interactions', { body: { id: interaction.id, data: { ...interaction.data, listId: undefined } } });
    expect(reuseId.status).toBe(409);

    // A's data is unchanged afterwards.
    const after = await customerA('GET', `/v1/interactions/${interaction.id}`);
    expect(after.headers.get('etag')).toBe(etag);
    expect(after.body).toEqual(interaction);
    expect((await customerA('GET', `/v1/contacts/${contactA.id}`)).body).toEqual(contactA);
    expect((await customerA('GET', `/v1/interactions${query({ limit: 0 })}`)).body.meta.total).toBe(totalA);
  });
});
