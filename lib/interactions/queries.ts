/**
 * The reads behind the campaign pages, all through the Polis client: the
 * campaign with its lists, surveys and canvassers; a page of interactions for
 * the shared filters (through the point index when a survey answer is part
 * of the filter, which the API cannot express); contacts by id.
 *
 * @example
 *   const context = await loadCampaignContext(auth, campaignId);
 *   const page = await loadInteractionPage(auth, campaignId, filters, { page: 1, size: 100, sort: 'timestamp', direction: 'desc' }, zone);
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { campaignIndex, settle, walkInteractions } from '@/lib/map-index/campaign-index';
import type { PointIndex } from '@/lib/map-index/point-index';
import { PolisApiError } from '@/lib/polis/client';
import { and, eq, IN_BATCH_SIZE, inBatches, isIn } from '@/lib/polis/filter';
import type { Contact, Interaction } from '@/lib/polis/schemas';
import { matchesAnswer, toPolisFilter, type InteractionFilters } from '@/lib/filters/filters';
import { outcomeOf, type Outcome } from '@/lib/filters/outcome';
import { contactSearchFilter } from './contact-search';
import type { Names } from './rows';

export type CampaignContext = Awaited<ReturnType<typeof loadCampaignContext>>;

export async function loadCampaignContext(auth: AuthContext, campaignId: string) {
  const [campaign, lists, surveys, users] = await Promise.all([
    auth.polis.getCampaign(campaignId),
    auth.polis.listLists({ limit: 1000, sort: ['/data/name', 'ASC'] }),
    auth.polis.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 1000 }),
    auth.polis.listUsers({ limit: 1000 }),
  ]);
  const campaignListIds = new Set(campaign.data.lists.map((l) => l.listId));
  const people = new Map(users.data.map((user) => [user.id, user.data.profile?.name ?? user.data.email]));
  return {
    campaign,
    lists: lists.data.filter((list) => campaignListIds.has(list.id)).map((list) => ({ id: list.id, name: list.data.name })),
    surveys: surveys.data,
    questions: surveys.data.flatMap((survey) => survey.data.questions),
    people,
    /** Everyone who may have canvassed, by name, for the filter bar. */
    canvassers: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Interactions by id, a batch of ids per request, one request after the other. */
export async function loadInteractions(auth: AuthContext, ids: string[]): Promise<Map<string, Interaction>> {
  const found = new Map<string, Interaction>();
  for (const filter of inBatches('/id', [...new Set(ids)])) {
    const page = await auth.polis.listInteractions({ filter, limit: IN_BATCH_SIZE });
    for (const interaction of page.data) found.set(interaction.id, interaction);
  }
  return found;
}

export async function loadContacts(auth: AuthContext, ids: string[]): Promise<Map<string, Contact>> {
  const pages = await Promise.all(inBatches('/id', [...new Set(ids)]).map((filter) => auth.polis.listContacts({ filter, limit: IN_BATCH_SIZE })));
  return new Map(pages.flatMap((page) => page.data.map((contact) => [contact.id, contact] as const)));
}

export const SORTABLE = { timestamp: '/data/timestamp', distance: '/data/distance', confidence: '/data/location/confidence' } as const;
/** Sorted by what people read (names, the outcome), which Polis cannot sort on: through the point index. */
export const NAME_SORTABLE = ['contact', 'canvasser', 'list', 'outcome'] as const;
export type SortKey = keyof typeof SORTABLE | (typeof NAME_SORTABLE)[number];
export const isSortKey = (key: string): key is SortKey => key in SORTABLE || (NAME_SORTABLE as readonly string[]).includes(key);
export type TableQuery = { page: number; size: number; sort: SortKey; direction: 'asc' | 'desc'; search?: string };

/** Sorting by contact name reads every matching contact: done for up to this many interactions. */
const CONTACT_SORT_LIMIT = 20_000;

export const PAGE_SIZES = [25, 50, 100, 250, 500];

/** The table's paging, sort and search from its URL; a value it cannot use falls back to the default. */
export function readTableQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): TableQuery {
  const one = (key: string): string => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const [sort, direction] = one('sort').split(':');
  const size = Number(one('size'));
  return {
    page: Math.max(1, Math.floor(Number(one('page')) || 1)),
    size: PAGE_SIZES.includes(size) ? size : 100,
    sort: sort && isSortKey(sort) ? sort : 'timestamp',
    direction: direction === 'asc' ? 'asc' : 'desc',
    search: one('q').trim().slice(0, 100) || undefined,
  };
}

/** Visits of at most this many contacts are listed for a search; the page says when more matched. */
export const SEARCH_CONTACTS = 150;

const OUTCOME_ORDER: Record<Outcome, number> = { successful: 0, contacted: 1, unavailable: 2 };
const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** Interactions in the order of a sort key, ties by time (newest first) then id: stable across pages. */
export function sortInteractions(
  interactions: Interaction[],
  key: SortKey,
  direction: 'asc' | 'desc',
  names: Names,
  contactNames: Map<string, string> = new Map(),
): Interaction[] {
  const sign = direction === 'asc' ? 1 : -1;
  const text = (interaction: Interaction): string | number => {
    switch (key) {
      case 'contact':
        return contactNames.get(interaction.data.contactId) ?? '';
      case 'canvasser':
        return names.people.get(interaction.meta.createdBy) ?? '';
      case 'list':
        return names.lists.get(interaction.data.listId) ?? '';
      case 'outcome':
        return OUTCOME_ORDER[outcomeOf(interaction.data)];
      case 'timestamp':
        return Date.parse(interaction.data.timestamp);
      case 'distance':
        return interaction.data.distance ?? -1;
      case 'confidence':
        return interaction.data.location?.confidence ?? -1;
    }
  };
  const keyed = interactions.map((interaction) => ({ interaction, value: text(interaction) }));
  keyed.sort((a, b) => {
    const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return sign * order || b.interaction.data.timestamp.localeCompare(a.interaction.data.timestamp) || a.interaction.id.localeCompare(b.interaction.id);
  });
  return keyed.map((k) => k.interaction);
}

export type InteractionPage =
  | { state: 'ready'; interactions: Interaction[]; total: number; contactsMatched?: number; note?: string }
  | { state: 'indexing'; loaded: number; total: number };

/** A page of the table; `zone` reads the filters' days, `names` orders rows by canvasser and list names. */
export async function loadInteractionPage(
  auth: AuthContext,
  campaignId: string,
  filters: InteractionFilters,
  query: TableQuery,
  zone: string,
  names: Names = { people: new Map(), lists: new Map() },
): Promise<InteractionPage> {
  const skip = (query.page - 1) * query.size;
  const apiSort = query.sort in SORTABLE ? SORTABLE[query.sort as keyof typeof SORTABLE] : SORTABLE.timestamp;
  if (filters.contact || query.search || query.sort === 'contact') {
    // One household's visits, or those of the contacts a search found: few enough to list, then sort here.
    let scope = toPolisFilter(campaignId, filters, zone);
    let contactsMatched: number | undefined;
    if (query.search) {
      const campaign = await auth.polis.getCampaign(campaignId);
      const found = await auth.polis.listContacts({
        filter: contactSearchFilter(
          campaign.data.lists.map((l) => l.listId),
          query.search,
        ),
        sort: ['/data/profile/name/last', 'ASC'],
        limit: SEARCH_CONTACTS,
      });
      contactsMatched = found.total;
      if (found.data.length === 0) return { state: 'ready', interactions: [], total: 0, contactsMatched };
      scope = and(
        scope,
        isIn(
          '/data/contactId',
          found.data.map((c) => c.id),
        ),
      );
    }
    if (!query.search && !filters.contact) return sortByContact(auth, campaignId, filters, query, zone);
    const { data } = await auth.polis.listInteractions({ filter: scope, sort: [apiSort, query.direction === 'asc' ? 'ASC' : 'DESC'], limit: 1000 });
    let matching = data.filter((interaction) => matchesAnswer(interaction, filters.answer));
    if (!(query.sort in SORTABLE)) {
      const contacts =
        query.sort === 'contact'
          ? await loadContacts(
              auth,
              matching.map((i) => i.data.contactId),
            )
          : new Map<string, Contact>();
      const contactNames = new Map([...contacts].map(([id, contact]) => [id, `${contact.data.profile.name.last} ${contact.data.profile.name.first}`]));
      matching = sortInteractions(matching, query.sort, query.direction, names, contactNames);
    }
    return { state: 'ready', interactions: matching.slice(skip, skip + query.size), total: matching.length, contactsMatched };
  }
  if (!filters.answer && query.sort in SORTABLE) {
    const { data, total } = await auth.polis.listInteractions({
      filter: toPolisFilter(campaignId, filters, zone),
      sort: [apiSort, query.direction === 'asc' ? 'ASC' : 'DESC'],
      skip,
      limit: query.size,
    });
    return { state: 'ready', interactions: data, total };
  }
  // A survey answer: the index picks and orders the rows, the API supplies them.
  const entry = await settle(await campaignIndex(auth, campaignId), 2000);
  if (!entry.index) return { state: 'indexing', ...entry.progress };
  const { index } = entry;
  const rows = Array.from(index.select(filters, zone));
  const sign = query.direction === 'asc' ? 1 : -1;
  // Ties keep row order (the id order of the walk): stable across pages.
  rows.sort((a, b) => sign * indexOrder(index, query.sort, names)(a, b) || a - b);
  const ids = rows.slice(skip, skip + query.size).map((row) => index.idAt(row));
  const found = await loadInteractions(auth, ids);
  return { state: 'ready', interactions: ids.flatMap((id) => found.get(id) ?? []), total: rows.length };
}

/** A comparison of two index rows by a sort key (names compared as people read them). */
function indexOrder(index: PointIndex, key: SortKey, names: Names): (a: number, b: number) => number {
  const byNumber = (column: ArrayLike<number>) => (a: number, b: number) => (column[a] ?? 0) - (column[b] ?? 0);
  const byName = (codes: ArrayLike<number>, values: string[], lookup: Map<string, string>) => {
    const label = (row: number) => lookup.get(values[codes[row]!] ?? '') ?? '';
    return (a: number, b: number) => collator.compare(label(a), label(b));
  };
  switch (key) {
    case 'distance':
      return byNumber(index.distance);
    case 'confidence':
      return byNumber(index.confidence);
    case 'canvasser':
      return byName(index.canvasser, index.canvassers.values, names.people);
    case 'list':
      return byName(index.list, index.lists.values, names.lists);
    case 'outcome':
      return (a, b) => OUTCOME_ORDER[index.outcomeAt(a)] - OUTCOME_ORDER[index.outcomeAt(b)];
    default:
      return byNumber(index.time);
  }
}

/**
 * Sorted by contact name over a whole campaign: the index keeps no contacts, so the
 * matching interactions' contacts are read (in pages) and the ids sorted here.
 */
async function sortByContact(auth: AuthContext, campaignId: string, filters: InteractionFilters, query: TableQuery, zone: string): Promise<InteractionPage> {
  const { total } = await auth.polis.listInteractions({ filter: toPolisFilter(campaignId, filters, zone), limit: 0 });
  if (total > CONTACT_SORT_LIMIT) {
    const page = await loadInteractionPage(auth, campaignId, filters, { ...query, sort: 'timestamp' }, zone);
    return page.state === 'ready'
      ? {
          ...page,
          note: `Sorting by contact works on up to ${CONTACT_SORT_LIMIT.toLocaleString('en-US')} interactions; these ${total.toLocaleString('en-US')} are shown by time. Narrow the filters to sort them by contact.`,
        }
      : page;
  }
  const all: Interaction[] = [];
  await walkInteractions(auth.polis, toPolisFilter(campaignId, filters, zone), (page) => {
    all.push(...page.filter((interaction) => matchesAnswer(interaction, filters.answer)));
  });
  const contacts = await loadContacts(
    auth,
    all.map((i) => i.data.contactId),
  );
  const contactNames = new Map([...contacts].map(([id, contact]) => [id, `${contact.data.profile.name.last} ${contact.data.profile.name.first}`]));
  const sorted = sortInteractions(all, 'contact', query.direction, { people: new Map(), lists: new Map() }, contactNames);
  const skip = (query.page - 1) * query.size;
  return { state: 'ready', interactions: sorted.slice(skip, skip + query.size), total: sorted.length };
}

/** A side read that may fail on its own (deleted contact, survey of another group) without failing the page. */
const orNull = <T>(promise: Promise<T>) =>
  promise.catch((error: unknown) => (error instanceof PolisApiError && error.status !== 401 ? null : Promise.reject(error)));

/** One interaction with what its page shows beside it; `null` when it is not of this campaign. */
export async function loadInteractionDetail(auth: AuthContext, campaignId: string, interactionId: string) {
  const interaction = await auth.polis.getInteraction(interactionId);
  if (interaction.data.campaignId !== campaignId) return null;
  const [contact, survey, users, list] = await Promise.all([
    orNull(auth.polis.getContact(interaction.data.contactId)),
    orNull(auth.polis.getSurvey(interaction.data.survey.surveyId)),
    orNull(auth.polis.listUsers({ limit: 1000 })),
    orNull(auth.polis.getList(interaction.data.listId)),
  ]);
  const people = new Map((users?.data ?? []).map((u) => [u.id, u.data.profile?.name ?? u.data.email]));
  return { interaction, contact, survey, list, people };
}
