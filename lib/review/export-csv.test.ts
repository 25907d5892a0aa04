import { describe, expect, it } from 'vitest';
import { queueCsv } from './export-csv';

describe('queueCsv', () => {
  it('starts with exactly the issue’s columns and writes local ISO times, reasons and status', () => {
    const csv = queueCsv(
      [
        {
          canvasser: 'c1',
          start: Date.UTC(2026, 9, 4, 3, 0) / 1000,
          end: Date.UTC(2026, 9, 4, 3, 40) / 1000,
          interactions: 14,
          contacts: 9,
          score: 10,
          status: 'open',
          ids: ['i1'],
          reasons: [
            { rule: 'outside-hours', weight: 7, sentence: '14 of 14 doors late' },
            { rule: 'clock', weight: 1, sentence: 'off, by a lot' },
          ],
        },
      ],
      new Map([['c1', 'Ada Lovelace']]),
      'America/New_York',
      'review-rules-1',
    );
    const [header, row] = csv.split('\r\n');
    expect(header!.startsWith('Canvasser id,Canvasser,Shift start,Shift end,Interactions,Score,Reasons,Status')).toBe(true);
    expect(row).toBe(
      'c1,Ada Lovelace,2026-10-03T23:00:00-04:00,2026-10-03T23:40:00-04:00,14,10,"outside-hours: 14 of 14 doors late; clock: off, by a lot",open,9,i1,review-rules-1',
    );
  });
});
