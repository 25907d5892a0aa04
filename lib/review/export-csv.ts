/**
 * The queue as CSV, for the current filters: exactly these first columns,
 * `Canvasser id,Canvasser,Shift start,Shift end,Interactions,Score,Reasons,Status`,
 * times in ISO 8601 with the campaign's offset, reasons as `rule-id: sentence`
 * items separated by `; `.
 */
import { csvCell } from '@/lib/interactions/csv-cell';
import { reasonsText, type Reason } from './score';
import { localIso } from './zone';

export const QUEUE_CSV_HEADER = [
  'Canvasser id',
  'Canvasser',
  'Shift start',
  'Shift end',
  'Interactions',
  'Score',
  'Reasons',
  'Status',
  'Contacts',
  'First interaction id',
  'Rule set',
];

type Row = {
  canvasser: string;
  start: number;
  end: number;
  interactions: number;
  contacts: number;
  score: number;
  reasons: Reason[];
  status: string;
  ids: string[];
};

export function queueCsv(shifts: Row[], names: Map<string, string>, timeZone: string, ruleSetVersion: string): string {
  const lines = [QUEUE_CSV_HEADER.map(csvCell).join(',')];
  for (const shift of shifts) {
    lines.push(
      [
        shift.canvasser,
        names.get(shift.canvasser) ?? shift.canvasser,
        localIso(timeZone, shift.start),
        localIso(timeZone, shift.end),
        shift.interactions,
        shift.score,
        reasonsText(shift.reasons),
        shift.status,
        shift.contacts,
        shift.ids[0] ?? '',
        ruleSetVersion,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
