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

export type PolisClientOptions = { token: string; baseUrl?: string; fetch?: typeof fetch };

export function createPolisClient({ token, baseUrl: base = settings.polisApiUrl, fetch: fetchImpl = fetch }: PolisClientOptions) {
  const baseUrl = base.replace(/\/+$/, '');
  async function request<T extends z.ZodType>(
    schema: T | null,
    method: string,
    path: string,
    init: { body?: unknown; etag?: string; query?: URLSearchParams } = {},
  ): Promise<{ value: z.infer<T>; etag: string | null }> {
    const url = `${baseUrl}/v1${path}${init.query?.size ? `?${init.query}` : ''}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.etag !== undefined) headers.ETag = init.etag;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        cache: 'no-store',
      });
    } catch (error) {
      throw new PolisApiError(0, null, `the Polis API could not be reached (${(error as Error).message})`);
    }
    const text = await response.text();
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
    const etag = response.headers.get('etag')?.replace(/^W\//, '').replace(/^"(.*)"$/, '$1') ?? null;
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
    getInteraction: getter('interactions', InteractionSchema),
    patchInteraction: patcher('interactions', InteractionSchema),
    /** Creates an interaction; Polis answers with the updated contact. */
    createInteraction: async (interaction: CreateInteraction) =>
      (await request(ContactSchema, 'POST', '/interactions', { body: interaction })).value,
    deleteInteraction: async (id: string, etag: string) => {
      await request(null, 'DELETE', `/interactions/${encodeURIComponent(id)}`, { etag });
    },
  };
}

export type PolisClient = ReturnType<typeof createPolisClient>;
