import { describe, expect, it } from 'vitest';
import { matchesFilter } from '@/lib/testing/evaluate-filter';
import { filtersToSearch, matchesAnswer, parseFilters, timeWindow, toPolisFilter } from './filters';

const CAMPAIGN = '11111111-1111-4111-8111-111111111111';
const LIST = '22222222-2222-4222-8222-222222222222';
const QUESTION = '33333333-3333-4333-8333-333333333333';

describe('the interaction filters', () => {
  it('read from the URL, ignoring a value that does not parse rather than failing the page', () => {
    const filters = parseFilters(new URLSearchParams({ from: '2026-09-01', to: 'yesterday', outcome: 'maybe', list: LIST, minDistance: '0.5', answer: `${QUESTION}~Housing` }));
    expect(filters).toEqual({ from: '2026-09-01', list: LIST, minDistance: 0.5, answer: { questionId: QUESTION, value: 'Housing' } });
  });

  it('write back to the URL so that reading them again gives the same filters', () => {
    const filters = parseFilters({ outcome: 'contacted', to: '2026-09-30', canvasser: LIST, answer: `${QUESTION}~Yes~really`, minConfidence: '20' });
    expect(parseFilters(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch(filters).toString()).toBe(filtersToSearch(parseFilters(filtersToSearch(filters))).toString());
  });

  it('translate to a Polis filter scoped to the campaign, with an inclusive last day', () => {
    const matches = matchesFilter(toPolisFilter(CAMPAIGN, { from: '2026-09-01', to: '2026-09-02', list: LIST, minDistance: 0.5 }));
    const visit = (timestamp: string, overrides: object = {}) => ({ data: { campaignId: CAMPAIGN, listId: LIST, timestamp, distance: 0.7, unavailable: false, ...overrides } });
    expect(matches(visit('2026-09-02T23:59:59.000Z'))).toBe(true);
    expect(matches(visit('2026-09-03T00:00:00.000Z'))).toBe(false);
    expect(matches(visit('2026-08-31T23:59:59.000Z'))).toBe(false);
    expect(matches(visit('2026-09-01T12:00:00.000Z', { distance: 0.4 }))).toBe(false);
    expect(matches(visit('2026-09-01T12:00:00.000Z', { campaignId: LIST }))).toBe(false);
  });

  it('give the index the same day window as the Polis filter', () => {
    expect(timeWindow({ from: '2026-09-01', to: '2026-09-02' })).toEqual([Date.UTC(2026, 8, 1) / 1000, Date.UTC(2026, 8, 3) / 1000]);
    expect(timeWindow({})[0]).toBe(0);
  });

  it('match a survey answer among a multi-select’s choices as well as a single value', () => {
    const answered = (fields: Record<string, unknown>) => ({ data: { survey: { responses: { [QUESTION]: { fields } } } } });
    expect(matchesAnswer(answered({ issues: ['Transit', 'Housing'] }), { questionId: QUESTION, value: 'Housing' })).toBe(true);
    expect(matchesAnswer(answered({ support: 3 }), { questionId: QUESTION, value: '3' })).toBe(true);
    expect(matchesAnswer(answered({ support: 3 }), { questionId: QUESTION, value: '4' })).toBe(false);
    expect(matchesAnswer(answered({}), undefined)).toBe(true);
  });
});
