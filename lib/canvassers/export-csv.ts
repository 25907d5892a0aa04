/**
 * The canvassers as CSV: exactly these first columns, `Canvasser id,Canvasser,
 * Attempts,Doors,Contacts,Contact rate,Doors per hour,Survey completion,Shifts,
 * Last seen`, rates as decimals between 0 and 1 (empty when there is nothing
 * to divide by), `Last seen` in ISO 8601 with the campaign's offset. The
 * campaign's totals are the last row, with an empty id.
 */
import { csvCell } from '@/lib/interactions/csv-cell';
import { localIso } from '@/lib/review/zone';
import type { CanvasserRow, Figures } from './figures';

export const CANVASSERS_CSV_HEADER = [
  'Canvasser id',
  'Canvasser',
  'Attempts',
  'Doors',
  'Contacts',
  'Contact rate',
  'Doors per hour',
  'Survey completion',
  'Shifts',
  'Last seen',
  'First seen',
  'Open flags',
];

const decimal = (value: number | null, digits: number) => (value === null ? '' : String(Number(value.toFixed(digits))));

function line(id: string, name: string, f: Figures, timeZone: string): string {
  const seen = (time: number | null) => (time === null ? '' : localIso(timeZone, time));
  return [
    id,
    name,
    f.attempts,
    f.doors,
    f.contacts,
    decimal(f.contactRate, 4),
    decimal(f.doorsPerHour, 2),
    decimal(f.surveyCompletion, 4),
    f.shifts,
    seen(f.lastSeen),
    seen(f.firstSeen),
    f.openFlags,
  ]
    .map(csvCell)
    .join(',');
}

export function canvassersCsv(rows: CanvasserRow[], totals: Figures, name: (id: string) => string, timeZone: string): string {
  const lines = [CANVASSERS_CSV_HEADER.map(csvCell).join(',')];
  for (const row of rows) lines.push(line(row.canvasser, name(row.canvasser), row, timeZone));
  lines.push(line('', 'Campaign total', totals, timeZone));
  return lines.join('\r\n') + '\r\n';
}
