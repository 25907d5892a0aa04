import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedId, previewImport, resultCsv, type ImportContext } from './import-csv';
import { sheetHousehold } from './sheet-household';
import { contact, Q, questions } from './test-fixtures';

const people = [
  contact('Ana', 'Diaz', '5', 'Elm St'),
  contact('Ben', 'Okafor', '7', 'Elm St'),
  contact('Cy', 'Lee', '9', 'Elm St'),
  contact('Cy', 'Lee', '11', 'Elm St'),
].map(sheetHousehold);
const context: ImportContext = {
  campaignId: 'bbbbbbbb-0000-4000-8000-000000000001',
  surveyId: 'eeeeeeee-0000-4000-8000-000000000001',
  zone: 'America/New_York',
  questions,
  contacts: people.map((p) => ({ id: p.contactId, name: p.name, address: p.address, lat: p.lat, lng: p.lng })),
  startsAt: '2026-01-01T05:00:00.000Z',
  canvassers: [
    { id: 'user-dana', name: 'Dana' },
    { id: 'user-eli', name: 'Eli Park' },
  ],
};

const header = 'Contact id,Name,Address,Time,Outcome,Reason,Canvasser,Is the voter available?,Support?,Issues?\n';

describe('previewing an import', () => {
  it('reads the simple format by id or by name and address, on the campaign’s clock', async () => {
    const file =
      header +
      `${people[0]!.contactId},,,2026-03-07 17:05,S,,Dana,Yes,Strongly support,Housing costs; Buses\n` +
      `,Ben Okafor,"7 Elm St, Boston, MA",2026-03-07 17:10,N,NH,Dana,,,\n`;
    const preview = await previewImport(file, context);
    expect(preview.format).toBe('simple');
    expect(preview.rows.map((r) => r.problems)).toEqual([[], []]);
    expect(preview.rows[0]!.values).toMatchObject({
      contactId: people[0]!.contactId,
      canvasserId: 'user-dana',
      outcome: 'successful',
      timestamp: '2026-03-07T17:05',
      answers: { [Q.support]: 'strong-yes', [Q.issues]: ['Housing', 'Transit'] },
    });
    expect(preview.rows[1]!.values).toMatchObject({ contactId: people[1]!.contactId, outcome: 'unavailable', unavailableReason: 'Not home' });
  });

  it('names every problem of every row before anything is sent', async () => {
    const file =
      header +
      `,Nobody Here,1 Nowhere,2026-03-07 17:05,S,,Dana,Yes,,\n` +
      `,Cy Lee,,2026-03-07 17:05,S,,Dana,Yes,,\n` +
      `${people[0]!.contactId},,,2026-03-07 17:05,S,,Dana,Yes,Maybe later,\n` +
      `${people[0]!.contactId},,,2025-06-01 17:05,S,,Dana,Yes,,\n` +
      `${people[1]!.contactId},,,2026-03-07 17:05,H,,Dana,,,\n` +
      `${people[1]!.contactId},,,2026-03-07 17:05,H,,,Yes,,\n` +
      `${people[1]!.contactId},,,2026-03-07 17:05,H,,Zed,Yes,,\n`;
    const problems = (await previewImport(file, context)).rows.map((r) => r.problems.join(' | '));
    expect(problems[0]).toMatch(/^Unknown contact/);
    expect(problems[1]).toMatch(/^Ambiguous contact: 2 contacts are Cy Lee/);
    expect(problems[2]).toBe('Unknown answer “Maybe later” to “Support?”');
    expect(problems[3]).toMatch(/^Time outside the campaign/);
    expect(problems[4]).toBe('Missing required answer to “Is the voter available?”');
    expect(problems[5]).toMatch(/^Missing canvasser/);
    expect(problems[6]).toBe('Unknown canvasser “Zed”: not a person of this organization');
  });

  it('gives a row the same id every time the file is read, and identical lines different ids', async () => {
    const line = `${people[0]!.contactId},,,2026-03-07 17:05,S,,Dana,Yes,,\n`;
    const first = await previewImport(header + line + line, context);
    const again = await previewImport(header + `${people[2]!.contactId},,,2026-03-07 17:00,S,,Dana,Yes,,\n` + line + line, context);
    expect(first.rows[0]!.id).not.toBe(first.rows[1]!.id);
    expect(again.rows.slice(1).map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  it('reads the dashboard’s export, keeping its interaction ids', async () => {
    const file =
      '\uFEFFInteraction id,Time (local),Time (UTC),Contact,Address,Canvasser,List,Outcome,Unavailable reason,Distance (miles),GPS accuracy (m),Latitude,Longitude,Is the voter available?,Support?,Issues?,Likely to vote?\r\n' +
      `11111111-2222-4333-8444-555555555555,2026-03-07T17:05:00-05:00,2026-03-07T22:05:00.000Z,Ana Diaz,"5 Elm St, Boston, MA",Dana,North,Successful,,0.01,5,42.36,-71.06,Yes,Undecided,Schools,4 of 5 (L4)\r\n`;
    const preview = await previewImport(file, context);
    expect(preview.format).toBe('export');
    expect(preview.rows[0]).toMatchObject({
      id: '11111111-2222-4333-8444-555555555555',
      fromFile: true,
      problems: [],
      values: { timestamp: '2026-03-07T17:05:00', lat: 42.36, lng: -71.06, answers: { [Q.support]: 'undecided', [Q.issues]: ['Schools'], [Q.likely]: '4' } },
    });
  });

  it('refuses a file whose columns it does not know, saying which it reads', async () => {
    const preview = await previewImport('a,b\n1,2\n', context);
    expect(preview.format).toBeNull();
    expect(preview.fileProblems[0]).toMatch(/Contact id, Name, Address, Time/);
  });
});

describe('derived ids', () => {
  /** The derivation as files were imported before: Web Crypto's SHA-256, awaited per row. */
  async function webCryptoId(name: string) {
    const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name))).slice(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x80;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  it('names a row as Web Crypto did, so a file imported before is still recognized as already imported', async () => {
    expect(derivedId('campaign\n["a","b"]\n1')).toBe(await webCryptoId('campaign\n["a","b"]\n1'));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (name) => {
        expect(derivedId(name)).toBe(await webCryptoId(name));
      }),
      { numRuns: 300 },
    );
  });

  it('previews a file of 2,000 rows without waiting on a digest per row', async () => {
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `${people[i % 2]!.contactId},,,2026-03-02 ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},H,,Dana,1,1,a`,
    );
    const subtle = crypto.subtle;
    const digest = subtle.digest.bind(subtle);
    let digests = 0;
    subtle.digest = (...args: Parameters<typeof subtle.digest>) => (digests++, digest(...args));
    try {
      const preview = await previewImport(header + lines.join('\n'), context);
      expect(new Set(preview.rows.map((r) => r.id)).size).toBe(2000);
    } finally {
      subtle.digest = digest;
    }
    expect(digests).toBe(0);
  });
});

describe('the result file', () => {
  it('keeps a name from the file that starts like a formula as text, and quotes what needs it', () => {
    const csv = resultCsv([{ line: 2, id: 'x', contact: '=HYPERLINK("http://evil.example","Click")', outcome: 'refused', message: 'Unknown contact, "Ann"' }]);
    expect(csv.split('\r\n')).toEqual([
      'Line,Interaction id,Contact,Result,Message',
      `2,x,"'=HYPERLINK(""http://evil.example"",""Click"")",refused,"Unknown contact, ""Ann"""`,
      '',
    ]);
  });
});
