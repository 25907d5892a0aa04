/**
 * The Polis API client: one small factory over an injectable `fetch`, one
 * verb-named function per operation, every response parsed with the shared
 * schemas, every failure turned into one `PolisApiError`.
 *
 * @example
 *   const polis = createPolisClient({ token });
 *   const { data, total } = await polis.listInteractions({
 *     filter: eq('/data/campaignId', campaignId), sort: ['/data/timestamp', 'DESC'], limit: 100,
 *   });
 */
import type { z } from 'zod';
import {
  CampaignSchema,
  ContactSchema,
  ErrorBodySchema,
  InteractionSchema,
  ListSchema,
  MeSchema,
  SurveySchema,
  UserSchema,
  listOf,
  type CreateInteraction,
  type ErrorBody,
  type PatchOperation,
} from './schemas';
import { settings } from '@/lib/settings';
import { IndexedPageSchema } from './indexed-page';

export class PolisApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
    message = body?.error.message ?? `the Polis API answered ${status}`,
  ) {
    super(message);
    this.name = 'PolisApiError';
  }

  get code(): string {
    return this.body?.error.code ?? (this.status === 0 ? 'network_error' : `http_${this.status}`);
  }

  get details() {
    return this.body?.error.details ?? [];
  }
}

export type ListParams = {
  filter?: string;
  skip?: number;
  limit?: number;
  sort?: [path: string, direction: 'ASC' | 'DESC'];
};

/**
 * How long the client waits and how it retries. Requests that are safe to
 * repeat (reads, puts and deletes carrying an etag, creates that carry their
 * id) are retried on 429, 503 and a network failure; any request on 429,
 * which the server refused before acting. Waits honour `Retry-After`, within
 * one budget of total time so a page never hangs. Written here rather than
 * taken from a library because it needs the per-request idempotency and the
 * time budget, in a few lines over the injectable fetch.
 */
export type RetryPolicy = {
  /** Per attempt. */
  timeoutMs: number;
  attempts: number;
  /** The whole request, waits included: past it the client gives up with a clear message. */
  budgetMs: number;
  /** First backoff; it doubles each attempt (with jitter) unless `Retry-After` says longer. */
  baseDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { timeoutMs: 15_000, attempts: 4, budgetMs: 30_000, baseDelayMs: 300 };

export type PolisClientOptions = {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Injectable for tests; waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
};

const RETRIED_STATUSES = new Set([429, 503]);

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

export function createPolisClient({
  token,
  baseUrl: base = settings.polisApiUrl,
  fetch: fetchImpl = fetch,
  retry,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}: PolisClientOptions) {
  const baseUrl = base.replace(/\/+$/, '');
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...retry };

  /** One attempt: the response, or a PolisApiError(0) when the network failed or the attempt timed out. */
  async function attempt(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    try {
      return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
        throw new PolisApiError(0, null, `the Polis API did not answer within ${seconds(timeoutMs)}`);
      }
      throw new PolisApiError(0, null, `the Polis API could not be reached (${(error as Error).message})`);
    }
  }

  /** Sends the request, retrying what is safe to repeat; gives up with a message that says why. */
  async function send(url: string, init: RequestInit, idempotent: boolean): Promise<Response> {
    const started = Date.now();
    for (let n = 1; ; n++) {
      const remaining = policy.budgetMs - (Date.now() - started);
      let response: Response | null = null;
      let failure: PolisApiError | null = null;
      try {
        response = await attempt(url, init, Math.max(1, Math.min(policy.timeoutMs, remaining)));
        // A 429 was refused before any work (RFC 6585), so even a patch may be sent again.
        if (!RETRIED_STATUSES.has(response.status) || (!idempotent && response.status !== 429)) return response;
      } catch (error) {
        if (!idempotent) throw error;
        failure = error as PolisApiError;
      }
      const hinted = response ? retryAfterMs(response.headers.get('retry-after')) : null;
      const backoff = policy.baseDelayMs * 2 ** (n - 1) * (0.5 + Math.random() / 2);
      const wait = Math.max(hinted ?? 0, backoff);
      const elapsed = Date.now() - started;
      if (n >= policy.attempts || elapsed + wait > policy.budgetMs) {
        if (failure) {
          throw new PolisApiError(0, null, `${failure.message}; gave up after ${n} attempt${n === 1 ? '' : 's'} in ${seconds(elapsed)}`);
        }
        const why = response!.status === 429 ? 'is limiting how often the dashboard may call it' : 'is unavailable';
        const after = hinted !== null ? `; it asks to wait ${seconds(hinted)}` : '';
        const body = ErrorBodySchema.safeParse(await response!.json().catch(() => null));
        throw new PolisApiError(
          response!.status,
          body.success ? body.data : null,
          `Polis ${why} (${response!.status}), still after ${n} attempt${n === 1 ? '' : 's'} in ${seconds(elapsed)}${after}. Try again in a minute.`,
        );
      }
      // Frees the connection; not awaited, since a tee'd body only settles when every branch is cancelled.
      void response?.body?.cancel().catch(() => undefined);
      await sleep(wait);
    }
  }

  async function request<T extends z.ZodType>(
    schema: T | null,
    method: string,
    path: string,
    init: { body?: unknown; etag?: string; query?: URLSearchParams; idempotent?: boolean } = {},
  ): Promise<{ value: z.infer<T>; etag: string | null }> {
    const url = `${baseUrl}/v1${path}${init.query?.size ? `?${init.query}` : ''}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.etag !== undefined) headers.ETag = init.etag;
    const idempotent = init.idempotent ?? (method === 'GET' || ((method === 'PUT' || method === 'DELETE') && init.etag !== undefined));
    const response = await send(url, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), cache: 'no-store' }, idempotent);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new PolisApiError(0, null, `the Polis API stopped answering mid-response (${(error as Error).message})`);
    }
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page, for instance: reported by status below.
    }
    if (!response.ok) {
      const body = ErrorBodySchema.safeParse(json);
      throw new PolisApiError(response.status, body.success ? body.data : null);
    }
    const etag =
      response.headers
        .get('etag')
        ?.replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1') ?? null;
    if (!schema) return { value: undefined as z.infer<T>, etag };
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new PolisApiError(502, null, `the Polis API sent an unexpected ${method} ${path} response: ${parsed.error.issues[0]?.message}`);
    }
    return { value: parsed.data, etag };
  }

  const listQuery = ({ filter, skip, limit, sort }: ListParams = {}) => {
    const query = new URLSearchParams();
    if (filter) query.set('filter', filter);
    if (skip) query.set('skip', String(skip));
    if (limit !== undefined) query.set('limit', String(limit));
    if (sort) query.set('sort', JSON.stringify(sort));
    return query;
  };

  function lister<T extends z.ZodType>(resource: string, item: T) {
    const schema = listOf(item);
    return async (params?: ListParams) => {
      const { value } = await request(schema, 'GET', `/${resource}`, { query: listQuery(params) });
      return { data: value.data as z.infer<T>[], total: value.meta.total };
    };
  }

  function getter<T extends z.ZodType>(resource: string, item: T) {
    return async (id: string) => (await request(item, 'GET', `/${resource}/${encodeURIComponent(id)}`)).value;
  }

  function patcher<T extends z.ZodType>(resource: string, item: T) {
    return async (id: string, etag: string, operations: PatchOperation[]) =>
      (await request(item, 'PATCH', `/${resource}/${encodeURIComponent(id)}`, { body: { data: operations }, etag })).value;
  }

  return {
    /**
     * Where and as whom this client calls, for repeating its reads from a
     * worker thread; null when it calls through a custom `fetch` (tests).
     */
    connection: fetchImpl === globalThis.fetch ? { token, baseUrl } : null,
    getMe: async () => (await request(MeSchema, 'GET', '/users/me')).value,
    listUsers: lister('users', UserSchema),

    listCampaigns: lister('campaigns', CampaignSchema),
    getCampaign: getter('campaigns', CampaignSchema),
    listLists: lister('lists', ListSchema),
    getList: getter('lists', ListSchema),
    listSurveys: lister('surveys', SurveySchema),
    getSurvey: getter('surveys', SurveySchema),

    listContacts: lister('contacts', ContactSchema),
    getContact: getter('contacts', ContactSchema),
    patchContact: patcher('contacts', ContactSchema),

    listInteractions: lister('interactions', InteractionSchema),
    /** The same list, checked only as far as the map's point index reads it (see indexed-page.ts). */
    listInteractionsForIndex: async (params?: ListParams) => (await request(IndexedPageSchema, 'GET', '/interactions', { query: listQuery(params) })).value,
    getInteraction: getter('interactions', InteractionSchema),
    patchInteraction: patcher('interactions', InteractionSchema),
    /** Creates an interaction; Polis answers with the updated contact. */
    createInteraction: async (interaction: CreateInteraction) =>
      // A create that carries its id is idempotent: Polis answers a replay with the same result.
      (await request(ContactSchema, 'POST', '/interactions', { body: interaction, idempotent: interaction.id !== undefined })).value,
    deleteInteraction: async (id: string, etag: string) => {
      await request(null, 'DELETE', `/interactions/${encodeURIComponent(id)}`, { etag });
    },
  };
}

export type PolisClient = ReturnType<typeof createPolisClient>;
