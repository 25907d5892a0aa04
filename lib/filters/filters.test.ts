import { describe, expect, it } from 'vitest';
import { matchesFilter } from '@/lib/testing/evaluate-filter';
import { filtersToSearch, matchesAnswer, parseFilters, timeWindow, toPolisFilter, routeFilters } from './filters';

const CAMPAIGN = '11111111-1111-4111-8111-111111111111';
const LIST = '22222222-2222-4222-8222-222222222222';
const QUESTION = '33333333-3333-4333-8333-333333333333';
const NY = 'America/New_York';

describe('the interaction filters', () => {
  it('read from the URL, ignoring a value that does not parse rather than failing the page', () => {
    const filters = parseFilters(
      new URLSearchParams({ from: '2026-09-01', to: 'yesterday', outcome: 'maybe', list: LIST, minDistance: '0.5', answer: `${QUESTION}~Housing` }),
    );
    expect(filters).toEqual({ from: '2026-09-01', list: LIST, minDistance: 0.5, answer: { questionId: QUESTION, value: 'Housing' } });
  });

  it('write back to the URL so that reading them again gives the same filters', () => {
    const filters = parseFilters({ outcome: 'contacted', to: '2026-09-30', canvasser: LIST, answer: `${QUESTION}~Yes~really`, minConfidence: '20' });
    expect(parseFilters(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch(filters).toString()).toBe(filtersToSearch(parseFilters(filtersToSearch(filters))).toString());
  });

  it('translate to a Polis filter scoped to the campaign, with an inclusive last day of the campaign’s zone', () => {
    const matches = matchesFilter(toPolisFilter(CAMPAIGN, { from: '2026-09-01', to: '2026-09-02', list: LIST, minDistance: 0.5 }, NY));
    const visit = (timestamp: string, overrides: object = {}) => ({
      data: { campaignId: CAMPAIGN, listId: LIST, timestamp, distance: 0.7, unavailable: false, ...overrides },
    });
    // 11:59 PM EDT on 2 September is already 3 September in UTC: still in.
    expect(matches(visit('2026-09-03T03:59:59.000Z'))).toBe(true);
    expect(matches(visit('2026-09-03T04:00:00.000Z'))).toBe(false);
    // 11:30 PM EDT on 31 August is 1 September in UTC: out.
    expect(matches(visit('2026-09-01T03:30:00.000Z'))).toBe(false);
    expect(matches(visit('2026-09-01T12:00:00.000Z', { distance: 0.4 }))).toBe(false);
    expect(matches(visit('2026-09-01T12:00:00.000Z', { campaignId: LIST }))).toBe(false);
  });

  it('give the index the same day window as the Polis filter, across the fall-back day', () => {
    expect(timeWindow({ from: '2026-11-01', to: '2026-11-01' }, NY)).toEqual([
      Date.parse('2026-11-01T04:00:00Z') / 1000,
      Date.parse('2026-11-02T05:00:00Z') / 1000,
    ]);
    const matches = matchesFilter(toPolisFilter(CAMPAIGN, { from: '2026-11-01', to: '2026-11-01' }, NY));
    const [start, end] = timeWindow({ from: '2026-11-01', to: '2026-11-01' }, NY);
    for (const t of [start - 1, start, end - 1, end]) {
      expect(matches({ data: { campaignId: CAMPAIGN, timestamp: new Date(t * 1000).toISOString() } })).toBe(t >= start && t < end);
    }
    expect(timeWindow({}, NY)[0]).toBe(0);
  });

  it('match a survey answer among a multi-select’s choices as well as a single value', () => {
    const answered = (fields: Record<string, unknown>) => ({ data: { survey: { responses: { [QUESTION]: { fields } } } } });
    expect(matchesAnswer(answered({ issues: ['Transit', 'Housing'] }), { questionId: QUESTION, value: 'Housing' })).toBe(true);
    expect(matchesAnswer(answered({ support: 3 }), { questionId: QUESTION, value: '3' })).toBe(true);
    expect(matchesAnswer(answered({ support: 3 }), { questionId: QUESTION, value: '4' })).toBe(false);
    expect(matchesAnswer(answered({}), undefined)).toBe(true);
  });
});

describe('filters of a route handler', () => {
  it('refuses the first bad value by its parameter, rather than answering unfiltered', () => {
    expect(routeFilters(new URLSearchParams('outcome=successful&from=2026-02-30'))).toEqual({
      ok: false,
      error: 'from: “2026-02-30” is not a value this filter takes',
    });
    expect(routeFilters(new URLSearchParams(`answer=${'a'.repeat(36)}~${'x'.repeat(400)}`))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^answer: /),
    });
  });

  it('reads good values as a page does', () => {
    expect(routeFilters(new URLSearchParams('outcome=successful&from=2026-02-01&minDistance=2&distanceUnit=ft'))).toEqual({
      ok: true,
      filters: { outcome: 'successful', from: '2026-02-01', minDistance: 2 / 5280 },
    });
  });
});
