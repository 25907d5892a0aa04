/**
 * A campaign's first index, walked through the Polis API as ranges of the
 * id space at once: each range is walked in id order with keyset paging
 * into its own small index, and the parts are appended in id order into the
 * campaign's. Walked whole, every page asked the API to count the rest of
 * the campaign (the total of a filter that moves with each page), which was
 * most of the cost of the early pages; a range's pages count only the rest
 * of the range. Runs in the index worker threads (see `index-workers.ts`)
 * or, with a client that cannot leave this thread, here.
 *
 * @example
 *   const ranges = idRanges(600_000);                   // 75 ranges of about 8 pages
 *   const part = await walkRange(client, campaignId, ranges[3], questions, (rows) => progress(rows));
 */
import { createPolisClient, retryAfterMs, type PolisClient } from '@/lib/polis/client';
import { and, eq, gt, gte, lt } from '@/lib/polis/filter';
import type { Question } from '@/lib/polis/schemas';
import { PointIndex } from './point-index';

export const PAGE_SIZE = 1000;
/** About this many pages per range: fewer ranges count more per page, more ranges add partial last pages. */
const PAGES_PER_RANGE = 8;
const MAX_RANGES = 128;

/** Ids from `from` (inclusive) to `to` (exclusive); an open end has no bound. */
export type IdRange = { from?: string; to?: string };

export type WalkClient = Pick<PolisClient, 'listInteractionsForIndex'>;

const boundary = (fraction: number) =>
  `${Math.floor(fraction * 2 ** 32)
    .toString(16)
    .padStart(8, '0')}-0000-0000-0000-000000000000`;

/**
 * Ranges that split the ids of `total` interactions into parts of about
 * PAGES_PER_RANGE pages, by the ids' leading hex digits (Polis ids are
 * random UUIDs, so each range holds about as many). The first and last
 * ranges are open, so every id lies in exactly one range, whatever its form.
 */
export function idRanges(total: number, pageSize = PAGE_SIZE): IdRange[] {
  const count = Math.min(MAX_RANGES, Math.max(1, Math.ceil(total / pageSize / PAGES_PER_RANGE)));
  const bounds = Array.from({ length: count - 1 }, (_, i) => boundary((i + 1) / count));
  return Array.from({ length: count }, (_, i) => ({ from: bounds[i - 1], to: bounds[i] }));
}

/**
 * The filter of one range of the campaign, after the id `last` when the walk
 * has begun. One lower bound, never two: the sandbox's SQLite, given
 * `gte from` and `gt last` together, took the id range for the narrower
 * filter and read each page through the ids alone, checking every row's
 * campaign (20 ms to count a page's range where the campaign's index takes
 * half a millisecond).
 */
export function rangeFilter(campaignId: string, range: IdRange, last?: string): string {
  return and(
    eq('/data/campaignId', campaignId),
    last !== undefined ? gt('/id', last) : range.from !== undefined && gte('/id', range.from),
    range.to !== undefined && lt('/id', range.to),
  );
}

/**
 * Walks one range in id order (`/id gt "<last id>"`, never a growing skip)
 * into an index of its own; `onPage` hears how many rows each page brought.
 * Returns the part and the newest modification it saw.
 */
export async function walkRange(
  client: WalkClient,
  campaignId: string,
  range: IdRange,
  questions: Question[],
  onPage: (rows: number) => void = () => {},
  pageSize = PAGE_SIZE,
) {
  const index = new PointIndex(questions);
  let newest = '';
  let last: string | undefined;
  for (;;) {
    const page = await client.listInteractionsForIndex({ filter: rangeFilter(campaignId, range, last), sort: ['/id', 'ASC'], limit: pageSize });
    for (const interaction of page.data) {
      index.upsert(interaction);
      if (interaction.meta.modified > newest) newest = interaction.meta.modified;
    }
    onPage(page.data.length);
    if (page.data.length < pageSize) break;
    last = page.data.at(-1)!.id;
  }
  index.compact();
  return { index, newest };
}

/**
 * When a walk may send its next request: a 429 with `Retry-After` seen by
 * any range holds back every range (and every worker told of it), not
 * only the request that met it, which the client retries itself.
 */
export class ThrottleGate {
  notBefore = 0;

  constructor(private readonly onThrottle: (until: number) => void = () => {}) {}

  hold(until: number) {
    this.notBefore = Math.max(this.notBefore, until);
  }

  /** A fetch that waits at the gate, and closes it for as long as a 429 asks. */
  wrap(fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
    return async (input, init) => {
      const wait = this.notBefore - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const response = await fetchImpl(input, init);
      if (response.status === 429) {
        const until = Date.now() + (retryAfterMs(response.headers.get('retry-after')) ?? 1000);
        if (until > this.notBefore) {
          this.hold(until);
          this.onThrottle(until);
        }
      }
      return response;
    };
  }
}

/** A client for walking, as the signed-in user, whose requests all pass `gate`. */
export function walkClient(connection: { token: string; baseUrl: string }, gate: ThrottleGate, fetchImpl?: typeof fetch): WalkClient {
  return createPolisClient({ token: connection.token, baseUrl: connection.baseUrl, fetch: gate.wrap(fetchImpl) });
}

/** Runs `tasks` with at most `limit` at once, results in the tasks' order; the first failure rejects. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  });
  await Promise.all(runners);
  return results;
}
