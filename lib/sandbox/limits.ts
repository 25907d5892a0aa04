/**
 * Every limit the sandbox holds a client to, in one place, with the checks
 * that enforce them. Each refusal is a 4xx whose message names the limit, so
 * a client knows what to change. The README's "Limits" section lists the
 * same values and why each was chosen.
 *
 * @example
 *   const text = await readBody(request, MAX_BODY_BYTES);   // 413 past the cap, before reading it whole
 *   const value = parseJsonBody(text);                      // 400 past MAX_JSON_DEPTH
 */
import { ApiError } from './errors';

/** Largest request body of the REST API; an interaction with a full survey is a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest body of the token and revocation endpoints, which carry a handful of short fields. */
export const MAX_OAUTH_BODY_BYTES = 8 * 1024;
/** Deepest nesting of arrays and objects in a JSON body; the deepest Polis object is 5 levels. */
export const MAX_JSON_DEPTH = 32;

/** Operations in one JSON Patch; a correction form sends one per changed field. */
export const MAX_PATCH_OPERATIONS = 100;
/** Largest a document may grow to while a patch applies, measured as JSON after every operation. */
export const MAX_PATCHED_DOCUMENT_BYTES = 64 * 1024;
/** Longest a patch may take to apply, checked after every operation. */
export const PATCH_TIME_LIMIT_MS = 50;

/** Longest stored string (names, reasons, addresses, answer values) unless a field says otherwise. */
export const MAX_STRING_LENGTH = 256;
/**
 * Longest answer to a `text` question whatever its `max` says (its default
 * is the contract's 256), and so the longest value in a contact's `fields`,
 * where answers are merged; also a contact's notes (the contract's 2048).
 */
export const MAX_LONG_TEXT_LENGTH = 2048;

/** Accepted interaction timestamps: from 2000-01-01 (inclusive) to 2100-01-01 (exclusive), UTC. */
export const EARLIEST_TIMESTAMP = '2000-01-01T00:00:00.000Z';
export const LATEST_TIMESTAMP = '2100-01-01T00:00:00.000Z';

/**
 * Longest URL the sandbox reads, in characters. Node's HTTP server already
 * refuses request heads over 16 KB; this holds in-process callers to the same
 * order and keeps a query's parsing cheap whatever sits in front.
 */
export const MAX_URL_LENGTH = 32 * 1024;
/** Longest `filter` parameter, in characters. */
export const MAX_FILTER_LENGTH = 16 * 1024;
/** Comparisons in all of a request's filters together (`filter=` and `filter[...]`). */
export const MAX_FILTER_TERMS = 100;
/** Deepest nesting of parentheses in a filter. */
export const MAX_FILTER_DEPTH = 16;
/** Values in all `in`/`nin` arrays of a request together (each is one SQL parameter). */
export const MAX_FILTER_VALUES = 1000;
/** `filter=` and `filter[...]` parameters in one request. */
export const MAX_FILTER_PARAMS = 20;
/** Sort keys in one request; there are fewer sortable attributes than this on most resources. */
export const MAX_SORT_KEYS = 5;
/** Largest `skip`; past it a page is never anything but empty on a sandbox of any realistic size. */
export const MAX_SKIP = 10_000_000;

/** Sign-in failures allowed per account and per client address within the window before refusing. */
export const SIGN_IN_FAILURES_ALLOWED = 10;
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60_000;

export const tooLarge = (what: string, limit: string) =>
  new ApiError(413, 'payload_too_large', `${what} is larger than the limit of ${limit}`, [{ path: '/', message: `over ${limit}` }]);

const kb = (bytes: number) => `${bytes / 1024} KB (${bytes} bytes)`;

/**
 * Reads a request body as text, refusing it with 413 as soon as it passes
 * `limit` bytes: from its Content-Length when it declares one, else while it
 * streams, so an oversized body is never held whole.
 */
export async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge('the request body', kb(limit));
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge('the request body', kb(limit));
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The depth of the deepest array or object in a parsed JSON value, without recursion. */
function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** JSON.parse with a 400 naming the fault, and refusing nesting past MAX_JSON_DEPTH. */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'malformed_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) {
    throw new ApiError(400, 'malformed_json', `the body nests arrays and objects deeper than the limit of ${MAX_JSON_DEPTH} levels`);
  }
  return value;
}

/**
 * The first string in `data` longer than its limit, as a 400 naming the
 * field and the limit. `limitFor` gives a JSON pointer (relative to `data`)
 * its own limit; every other string is held to MAX_STRING_LENGTH.
 */
/**
 * A 400 for a string no database can keep as text: a NUL character (which
 * PostgreSQL refuses in text and in JSON) or half of a surrogate pair (which
 * is no character at all). Refused on either engine, so both answer alike.
 */
function unstorable(text: string, path: () => string): void {
  if (!text.includes('\0') && text.isWellFormed()) return;
  const message = 'contains a NUL character or an unpaired surrogate, which cannot be stored';
  throw new ApiError(400, 'invalid_object', `${path()}: ${message}`, [{ path: path(), message }]);
}

export function checkStringLengths(data: unknown, limitFor: (pointer: string) => number | undefined = () => undefined, prefix = '/data'): void {
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      unstorable(node, () => `${prefix}${pointer}`);
      const limit = limitFor(pointer) ?? MAX_STRING_LENGTH;
      if (node.length > limit) {
        const path = `${prefix}${pointer}`;
        const message = `is ${node.length} characters long; the limit is ${limit}`;
        throw new ApiError(400, 'invalid_object', `${path}: ${message}`, [{ path, message }]);
      }
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const segment = key.replace(/~/g, '~0').replace(/\//g, '~1');
        unstorable(key, () => `${prefix}${pointer}`);
        if (segment.length > MAX_STRING_LENGTH) {
          const path = `${prefix}${pointer}`;
          const message = `has a key ${segment.length} characters long; the limit is ${MAX_STRING_LENGTH}`;
          throw new ApiError(400, 'invalid_object', `${path}: ${message}`, [{ path, message }]);
        }
        stack.push([child, `${pointer}/${segment}`]);
      }
    }
  }
}

/** A 400 unless `timestamp` (ISO 8601) falls within [EARLIEST_TIMESTAMP, LATEST_TIMESTAMP). */
export function checkTimestampRange(timestamp: string, path = '/data/timestamp'): void {
  const time = Date.parse(timestamp);
  if (!(time >= Date.parse(EARLIEST_TIMESTAMP) && time < Date.parse(LATEST_TIMESTAMP))) {
    const message = `${timestamp} is outside the accepted range, ${EARLIEST_TIMESTAMP} to ${LATEST_TIMESTAMP} (exclusive)`;
    throw new ApiError(400, 'invalid_object', `${path}: ${message}`, [{ path, message }]);
  }
}
