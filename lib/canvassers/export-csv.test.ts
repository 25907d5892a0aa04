import { describe, expect, it } from 'vitest';
import { canvassersCsv } from './export-csv';
import { canvasserFigures, type Attempt } from './figures';

const at = (local: string) => Date.parse(local) / 1000;
const attempts: Attempt[] = [
  { id: '1', canvasser: 'u-1', household: 'h1', time: at('2026-10-05T14:00:00-04:00'), successful: false, complete: false },
  { id: '2', canvasser: 'u-1', household: 'h2', time: at('2026-10-05T14:30:00-04:00'), successful: true, complete: true },
  { id: '3', canvasser: 'u-1', household: 'h3', time: at('2026-10-05T15:00:00-04:00'), successful: true, complete: false },
];

describe('canvassersCsv', () => {
  it('writes the issue’s first columns, rates as decimals and the last visit with the campaign’s offset, totals last', () => {
    const { rows, totals } = canvasserFigures(attempts);
    const lines = canvassersCsv(rows, totals, () => 'Robert Hale', 'America/New_York')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.startsWith('Canvasser id,Canvasser,Attempts,Doors,Contacts,Contact rate,Doors per hour,Survey completion,Shifts,Last seen')).toBe(true);
    // 3 doors over one hour; 2 of 3 successful; 1 of 2 contacts complete.
    expect(lines[1]!.split(',').slice(0, 10)).toEqual(['u-1', 'Robert Hale', '3', '3', '2', '0.6667', '3', '0.5', '1', '2026-10-05T15:00:00-04:00']);
    expect(lines[2]!.split(',').slice(0, 3)).toEqual(['', 'Campaign total', '3']);
  });
});
