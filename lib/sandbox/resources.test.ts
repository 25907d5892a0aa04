import { describe, expect, it } from 'vitest';
import { envelopeJson, toEnvelope, type EnvelopeRow } from './resources';

const row: EnvelopeRow = {
  id: '0b8c5147-6a2e-4c1e-9f00-5d1f6ad0c001',
  customer_id: 'a8748973-7f40-4333-aabd-12f070af75aa',
  security_group_id: '09fe9e3e-4e65-4aaa-b97e-b6bf062ebb91',
  data: JSON.stringify({ campaignId: 'c', notes: 'Said "call back" — après 6\npm', survey: { responses: {} }, location: { lat: 42.31, lng: -71.12 } }),
  created: '2026-11-09T20:04:24.000Z',
  created_by: 'u1',
  modified: '2026-11-09T20:05:00.000Z',
  modified_by: 'u2',
  etag: 'e"1',
  is_deleted: 0,
};

describe('a list row written as JSON text', () => {
  it('is byte for byte what serializing its envelope gives, stored data spliced in unparsed', () => {
    expect(envelopeJson('interactions', row)).toBe(JSON.stringify(toEnvelope('interactions', row)));
    expect(envelopeJson('contacts', { ...row, is_deleted: 1 })).toBe(JSON.stringify(toEnvelope('contacts', { ...row, is_deleted: 1 })));
  });
});
