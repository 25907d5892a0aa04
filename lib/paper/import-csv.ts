/**
 * Reading a file of paper visits: the dashboard's own interactions export,
 * or the simpler format documented on the import page. Every row is checked
 * before anything is sent, and gets an id derived from the campaign and its
 * content, so the same file imported twice names the same interactions.
 *
 * @example
 *   const preview = await previewImport(csvText, context);
 *   preview.rows.filter((row) => row.problems.length === 0); // what "Send" creates
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import Papa from 'papaparse';
import { localFormTime, manualEntrySchema, type InteractionFields, type ManualEntryValues } from '@/lib/interactions/correction';
import { csvCell } from '@/lib/interactions/csv-cell';
import { IdSchema, type Question } from '@/lib/polis/schemas';
import { decodeAnswer, decodeOutcome, decodeReason } from './codes';

export type ImportContact = { id: string; name: string; address: string; lat: number | null; lng: number | null };

export type ImportContext = {
  campaignId: string;
  surveyId: string;
  zone: string;
  questions: Question[];
  contacts: ImportContact[];
  /** Visits before this instant are outside the campaign. */
  startsAt: string | null;
  /** The organization's people a sheet can be credited to. */
  canvassers: { id: string; name: string }[];
  /** Credited (by id) to rows whose file names no canvasser. */
  defaultCanvasser?: string;
};

export type ImportFormat = 'export' | 'simple';

export type ImportRow = {
  /** The file's line number (the header is line 1). */
  line: number;
  id: string;
  /** The file carried this id (an export): the interaction may already exist. */
  fromFile: boolean;
  contact: string;
  /** The credited canvasser's name, or what the file wrote when it names nobody known. */
  canvasser: string;
  problems: string[];
  values?: ManualEntryValues;
};

export type ImportPreview = { format: ImportFormat | null; rows: ImportRow[]; fileProblems: string[] };

/** The simpler format's columns; each survey question follows by its text. */
export const SIMPLE_COLUMNS = ['Contact id', 'Name', 'Address', 'Time', 'Outcome', 'Reason', 'Canvasser'] as const;
const EXPORT_COLUMNS = ['Interaction id', 'Time (local)', 'Time (UTC)', 'Contact', 'Address', 'Canvasser', 'Outcome', 'Unavailable reason'];

/** Past this many rows a file is refused: split it. */
export const IMPORT_MAX_ROWS = 20_000;
/** Past this size a file is refused before it is read (20,000 full rows of the export are under 10 MB). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const norm = (text: string | undefined) => (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

export function parseCsv(text: string): { headers: string[]; rows: Record<string, string>[]; errors: string[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  return {
    headers: parsed.meta.fields ?? [],
    rows: parsed.data,
    errors: parsed.errors.slice(0, 5).map((e) => `Line ${(e.row ?? 0) + 2}: ${e.message}`),
  };
}

export function detectFormat(headers: string[]): ImportFormat | null {
  const has = (name: string) => headers.some((h) => norm(h) === norm(name));
  if (EXPORT_COLUMNS.every(has)) return 'export';
  if (has('Time') && has('Outcome') && (has('Contact id') || has('Name'))) return 'simple';
  return null;
}

const utf8 = new TextEncoder();

/**
 * A UUID (version 8, as RFC 9562 names custom ones) from SHA-256 of `name`.
 * Synchronous (noble's SHA-256, the same digest as Web Crypto's): a file's
 * every row gets one, and an awaited `crypto.subtle.digest` per row was half
 * of a 10,000-row preview.
 */
export function derivedId(name: string): string {
  const bytes = sha256(utf8.encode(name)).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Lookup = { byId: Map<string, ImportContact>; byNameAddress: Map<string, ImportContact[]>; byName: Map<string, ImportContact[]> };

function contactLookup(contacts: ImportContact[]): Lookup {
  const lookup: Lookup = { byId: new Map(), byNameAddress: new Map(), byName: new Map() };
  const push = (map: Map<string, ImportContact[]>, key: string, contact: ImportContact) => map.set(key, [...(map.get(key) ?? []), contact]);
  for (const contact of contacts) {
    lookup.byId.set(contact.id, contact);
    push(lookup.byNameAddress, `${norm(contact.name)}|${norm(contact.address)}`, contact);
    push(lookup.byName, norm(contact.name), contact);
  }
  return lookup;
}

function findContact(lookup: Lookup, id: string, name: string, address: string): { contact?: ImportContact; problem?: string } {
  if (id) return lookup.byId.has(id) ? { contact: lookup.byId.get(id) } : { problem: `Unknown contact: no contact of this campaign has the id ${id}` };
  if (!name) return { problem: 'Unknown contact: give a contact id, or a name and address' };
  const matches = address ? (lookup.byNameAddress.get(`${norm(name)}|${norm(address)}`) ?? []) : (lookup.byName.get(norm(name)) ?? []);
  // An address written differently still finds a single person of that name.
  const found =
    matches.length === 0 && address ? (lookup.byName.get(norm(name)) ?? []).filter((c) => norm(c.address).startsWith(norm(address.split(',')[0]))) : matches;
  if (found.length === 1) return { contact: found[0] };
  if (found.length > 1) return { problem: `Ambiguous contact: ${found.length} contacts are ${name}${address ? ` at ${address}` : ''}; give the contact id` };
  return { problem: `Unknown contact: no ${name}${address ? ` at ${address}` : ''} in this campaign’s lists` };
}

/** The file's time as the form's local time: an instant (the export's columns) or a wall time on the campaign's clock. */
function formTime(row: Record<string, string>, format: ImportFormat, zone: string): Pick<InteractionFields, 'timestamp' | 'timestampChoice'> | string {
  if (format === 'export') {
    const instant = new Date(row['Time (UTC)'] || row['Time (local)'] || '');
    if (Number.isNaN(instant.getTime())) return 'Unreadable time: expected the export’s ISO 8601 time';
    return localFormTime(instant, zone);
  }
  const text = (row['Time'] ?? '').trim().replace(' ', 'T');
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text)) {
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) return `Unreadable time “${row['Time']}”`;
    return localFormTime(instant, zone);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}(:\d{2})?$/.test(text)) return `Unreadable time “${row['Time'] ?? ''}”: write YYYY-MM-DD HH:MM on the campaign’s clock`;
  return { timestamp: text.replace(/T(\d):/, 'T0$1:'), timestampChoice: '' };
}

function isEmptyAnswer(value: string | string[] | undefined) {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export async function previewImport(text: string, context: ImportContext): Promise<ImportPreview> {
  const { headers, rows, errors } = parseCsv(text);
  const format = detectFormat(headers);
  if (!format)
    return {
      format,
      rows: [],
      fileProblems: [
        `The columns are neither the dashboard’s export nor the simple format (${SIMPLE_COLUMNS.join(', ')}, then one column per question)`,
        ...errors,
      ],
    };
  if (rows.length > IMPORT_MAX_ROWS)
    return { format, rows: [], fileProblems: [`The file has ${rows.length} rows; import at most ${IMPORT_MAX_ROWS} at a time`] };
  const column = new Map(headers.map((h) => [norm(h), h]));
  const cell = (row: Record<string, string>, name: string) => (row[column.get(norm(name)) ?? name] ?? '').trim();
  const questionColumns = context.questions.map((q) => ({ question: q, header: column.get(norm(q.text)) }));
  const lookup = contactLookup(context.contacts);
  const schema = manualEntrySchema(context.questions, context.zone);
  // The campaign's start as a local wall time, compared as text with each row's (both are YYYY-MM-DDTHH:mm[:ss] on its clock).
  const startsAt = context.startsAt ? localFormTime(new Date(context.startsAt), context.zone).timestamp : null;
  const seen = new Map<string, number>();
  const out: ImportRow[] = [];
  for (const [index, row] of rows.entries()) {
    const problems: string[] = [];
    const fileId = format === 'export' ? cell(row, 'Interaction id') : '';
    const contactName = format === 'export' ? cell(row, 'Contact') : cell(row, 'Name');
    const address = cell(row, 'Address');
    const found = findContact(lookup, format === 'simple' ? cell(row, 'Contact id') : '', contactName, address);
    if (found.problem) problems.push(found.problem);
    const outcome = decodeOutcome(cell(row, 'Outcome'));
    if (!outcome.ok) problems.push(outcome.message);
    else if (!outcome.value) problems.push('Missing outcome');
    const answers: Record<string, string | string[]> = {};
    for (const { question, header } of questionColumns) {
      const decoded = decodeAnswer(question, header ? (row[header] ?? '') : '');
      if (!decoded.ok) problems.push(decoded.message);
      else answers[question.questionId] = decoded.value;
      if (decoded.ok && question.required && outcome.ok && outcome.value !== 'unavailable' && isEmptyAnswer(decoded.value))
        problems.push(`Missing required answer to “${question.text}”`);
    }
    const canvasserText = cell(row, 'Canvasser');
    const canvasserMatches = canvasserText
      ? context.canvassers.filter((c) => norm(c.name) === norm(canvasserText) || c.id === canvasserText)
      : context.canvassers.filter((c) => c.id === context.defaultCanvasser);
    const canvasser = canvasserMatches.length === 1 ? canvasserMatches[0]! : undefined;
    if (!canvasserText && !canvasser) problems.push('Missing canvasser: name whose sheet this is in the file, or choose one for the file');
    else if (!canvasser)
      problems.push(
        canvasserMatches.length
          ? `Ambiguous canvasser “${canvasserText}”: several people have this name`
          : `Unknown canvasser “${canvasserText}”: not a person of this organization`,
      );
    const time = formTime(row, format, context.zone);
    if (typeof time === 'string') problems.push(time);
    // Identical lines are separate visits: the occurrence count keeps their ids apart.
    const content = JSON.stringify(headers.map((h) => row[h] ?? ''));
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const id = IdSchema.safeParse(fileId).success ? fileId.toLowerCase() : derivedId(`${context.campaignId}\n${content}\n${occurrence}`);
    let values: ManualEntryValues | undefined;
    if (problems.length === 0 && found.contact && canvasser && typeof time !== 'string' && outcome.ok && outcome.value) {
      // Where the canvasser stood, when the file says (the export does); a paper sheet has no position.
      const lat = cell(row, 'Latitude') ? Number(cell(row, 'Latitude')) : NaN;
      const lng = cell(row, 'Longitude') ? Number(cell(row, 'Longitude')) : NaN;
      const parsed = schema.safeParse({
        id,
        surveyId: context.surveyId,
        contactId: found.contact.id,
        outcome: outcome.value,
        unavailableReason: decodeReason(cell(row, format === 'export' ? 'Unavailable reason' : 'Reason')),
        ...time,
        canvasserId: canvasser.id,
        walklistId: '',
        lat,
        lng,
        answers,
      });
      if (parsed.success) values = parsed.data;
      else problems.push(...parsed.error.issues.map((i) => (i.path[0] === 'timestamp' ? `Time: ${i.message}` : i.message)));
      if (values && startsAt !== null && values.timestamp < startsAt)
        problems.push(`Time outside the campaign: it began ${startsAt.replace('T', ' ').slice(0, 16)}`);
    }
    out.push({
      line: index + 2,
      id,
      fromFile: Boolean(fileId),
      contact: found.contact?.name ?? contactName,
      canvasser: canvasser?.name ?? canvasserText,
      problems,
      values: problems.length ? undefined : values,
    });
  }
  return { format, rows: out, fileProblems: errors };
}

/** The result file: every row with what became of it (a name from the file that starts like a formula stays text). */
export function resultCsv(rows: { line: number; id: string; contact: string; outcome: string; message: string }[]): string {
  const line = (cells: (string | number)[]) => cells.map(csvCell).join(',');
  return (
    [line(['Line', 'Interaction id', 'Contact', 'Result', 'Message']), ...rows.map((r) => line([r.line, r.id, r.contact, r.outcome, r.message]))].join('\r\n') +
    '\r\n'
  );
}
