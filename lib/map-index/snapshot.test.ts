import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Interaction, Question } from '@/lib/polis/schemas';
import { INDEX_FORMAT_VERSION, PointIndex } from './point-index';
import { decodeSnapshot, encodeSnapshot, SnapshotFormatError, snapshotFormat } from './snapshot';

const SUPPORT = randomUUID();
const ISSUES = randomUUID();
const QUESTIONS = [
  { questionId: SUPPORT, tag: 'support', text: 'Support?', type: 'multi-choice', required: false, options: [] },
  { questionId: ISSUES, tag: 'issues', text: 'Issues?', type: 'multi-select', required: false, options: [], choices: [] },
] as Question[];

const visit = (index: number, id = randomUUID()) =>
  ({
    id,
    data: {
      campaignId: 'c',
      contactId: `contact-${index % 7}`,
      listId: `list-${index % 3}`,
      walklistId: index % 2 ? 'walk-1' : undefined,
      timestamp: new Date(Date.UTC(2026, 8, 1 + (index % 20), 15, 0, 0, index % 1000)).toISOString(),
      survey: {
        surveyId: 's',
        responses: {
          [SUPPORT]: { questionId: SUPPORT, fields: { support: ['yes', 'no', 'maybe'][index % 3] } },
          [ISSUES]: { questionId: ISSUES, fields: { issues: index % 2 ? ['Housing', 'Transit'] : ['Transit'] } },
        },
      },
      successful: index % 4 === 0,
      unavailable: index % 5 === 0,
      location: { lat: 42 + index / 1000, lng: -71 - index / 1000, confidence: index % 50 },
      distance: index % 11 ? index / 10 : undefined,
    },
    meta: { created: '2026-09-21T00:00:00.000Z', createdBy: `canvasser-${index % 4}`, modified: '2026-09-21T00:00:00.000Z' },
  }) as unknown as Interaction;

function sampleIndex() {
  const index = new PointIndex(QUESTIONS);
  const ids = Array.from({ length: 300 }, () => randomUUID()).sort();
  ids.forEach((id, i) => index.upsert(visit(i, id)));
  // Created after the walk: out of id order, found through the late map.
  index.upsert(visit(301, '00000000-0000-4000-8000-000000000001'));
  index.remove(ids[10]!);
  index.households.place('contact-2', 42.5, -71.5, '12 Elm St');
  index.compact();
  return { index, ids };
}

describe('an index snapshot', () => {
  it('restores an index that answers every query as the original did', () => {
    const { index, ids } = sampleIndex();
    const copy = decodeSnapshot(encodeSnapshot(index));
    expect(copy.size).toBe(index.size);
    for (const filters of [
      {},
      { outcome: 'successful' as const },
      { list: 'list-1' },
      { walklist: 'walk-1' },
      { canvasser: 'canvasser-2' },
      { minDistance: 5 },
      { minConfidence: 20 },
      { answer: { questionId: ISSUES, value: 'Housing' } },
      { from: '2026-09-05', to: '2026-09-09' },
    ]) {
      expect(Array.from(copy.select(filters, 'America/New_York')), JSON.stringify(filters)).toEqual(Array.from(index.select(filters, 'America/New_York')));
    }
    expect(copy.find(ids[42]!)).toBe(index.find(ids[42]!));
    expect(copy.find('00000000-0000-4000-8000-000000000001')).toBe(index.size - 1);
    expect(copy.find(ids[10]!)).toBe(10);
    expect(copy.select({}, 'UTC').includes(10)).toBe(false);
    expect(copy.answerAt(5, ISSUES)).toBe(index.answerAt(5, ISSUES));
    expect(copy.distribution(copy.select({}, 'UTC'))).toEqual(index.distribution(index.select({}, 'UTC')));
    expect(copy.timeAt(7)).toBe(index.timeAt(7));
    const household = copy.households.code('contact-2');
    expect([copy.households.lat[household], copy.households.building[household]]).toEqual([index.households.lat[household], 0]);
    expect(copy.households.buildings).toEqual(['12 Elm St']);
  });

  it('keeps taking changes after it is restored, in order and out of it', () => {
    const { index } = sampleIndex();
    const copy = decodeSnapshot(encodeSnapshot(index));
    const late = visit(7, 'ffffffff-0000-4000-8000-000000000001');
    const row = copy.upsert(late);
    expect(copy.find(late.id)).toBe(row);
    expect(copy.upsert({ ...late, data: { ...late.data, successful: true, unavailable: false } })).toBe(row);
    expect(copy.outcomeAt(row)).toBe('successful');
    expect(copy.size).toBe(index.size + 1);
  });

  it('is refused, not misread, when another version of the index wrote it', () => {
    const bytes = encodeSnapshot(sampleIndex().index);
    expect(snapshotFormat(bytes)).toBe(INDEX_FORMAT_VERSION);
    new DataView(bytes.buffer).setUint32(4, INDEX_FORMAT_VERSION + 1, true);
    expect(() => decodeSnapshot(bytes)).toThrow(SnapshotFormatError);
    expect(() => decodeSnapshot(new TextEncoder().encode('not a snapshot at all'))).toThrow(SnapshotFormatError);
  });
});
