/**
 * The reads behind the campaign pages, all through the Polis client: the
 * campaign with its lists, surveys and canvassers; a page of interactions for
 * the shared filters (through the point index when a survey answer is part
 * of the filter, which the API cannot express); contacts by id.
 *
 * @example
 *   const context = await loadCampaignContext(auth, campaignId);
 *   const page = await loadInteractionPage(auth, campaignId, filters, { page: 1, size: 100, sort: 'timestamp:desc' }, zone);
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { campaignIndex, settle } from '@/lib/map-index/campaign-index';
import { PolisApiError } from '@/lib/polis/client';
import { eq, IN_BATCH_SIZE, inBatches } from '@/lib/polis/filter';
import type { Contact, Interaction } from '@/lib/polis/schemas';
import { matchesAnswer, toPolisFilter, type InteractionFilters } from '@/lib/filters/filters';
import { outcomeOf } from '@/lib/filters/outcome';
import { contactAddress, contactName } from './rows';

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
export type SortKey = keyof typeof SORTABLE;
export type TableQuery = { page: number; size: number; sort: SortKey; direction: 'asc' | 'desc' };

export type InteractionPage =
  | { state: 'ready'; interactions: Interaction[]; total: number }
  | { state: 'indexing'; loaded: number; total: number };

/** A page of the table; `zone` reads the filters' days. */
export async function loadInteractionPage(auth: AuthContext, campaignId: string, filters: InteractionFilters, query: TableQuery, zone: string): Promise<InteractionPage> {
  const skip = (query.page - 1) * query.size;
  if (filters.contact) {
    // One household's visits are few: the API lists them, the answer filter applies here.
    const { data } = await auth.polis.listInteractions({
      filter: toPolisFilter(campaignId, filters, zone),
      sort: [SORTABLE[query.sort], query.direction === 'asc' ? 'ASC' : 'DESC'],
      limit: 1000,
    });
    const matching = data.filter((interaction) => matchesAnswer(interaction, filters.answer));
    return { state: 'ready', interactions: matching.slice(skip, skip + query.size), total: matching.length };
  }
  if (!filters.answer) {
    const { data, total } = await auth.polis.listInteractions({
      filter: toPolisFilter(campaignId, filters, zone),
      sort: [SORTABLE[query.sort], query.direction === 'asc' ? 'ASC' : 'DESC'],
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
  const key = query.sort === 'timestamp' ? index.time : query.sort === 'distance' ? index.distance : index.confidence;
  const sign = query.direction === 'asc' ? 1 : -1;
  // Ties keep row order (the id order of the walk): stable across pages.
  rows.sort((a, b) => sign * ((key[a] ?? 0) - (key[b] ?? 0)) || a - b);
  const ids = rows.slice(skip, skip + query.size).map((row) => index.idAt(row));
  const found = await loadInteractions(auth, ids);
  return { state: 'ready', interactions: ids.flatMap((id) => found.get(id) ?? []), total: rows.length };
}

/** A side read that may fail on its own (deleted contact, survey of another group) without failing the page. */
const orNull = <T>(promise: Promise<T>) => promise.catch((error: unknown) => (error instanceof PolisApiError && error.status !== 401 ? null : Promise.reject(error)));

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

/** What a map popup shows of one interaction (`GET /api/map/<campaign>/points/<id>`). */
export type PointSummary = NonNullable<Awaited<ReturnType<typeof loadPointSummary>>>;

/** One interaction as the map's popup shows it; `null` when it is not of this campaign. */
export async function loadPointSummary(auth: AuthContext, campaignId: string, interactionId: string) {
  const interaction = await auth.polis.getInteraction(interactionId);
  if (interaction.data.campaignId !== campaignId) return null;
  const [contact, users] = await Promise.all([
    auth.polis.getContact(interaction.data.contactId).catch(() => undefined),
    auth.polis.listUsers({ filter: eq('/id', interaction.meta.createdBy) }),
  ]);
  const canvasser = users.data[0];
  return {
    id: interaction.id,
    href: `/campaigns/${campaignId}/interactions/${interaction.id}`,
    contact: contactName(contact),
    address: contactAddress(contact),
    time: interaction.data.timestamp,
    canvasser: canvasser?.data.profile?.name ?? canvasser?.data.email ?? 'Unknown canvasser',
    outcome: outcomeOf(interaction.data),
    unavailableReason: interaction.data.unavailableReason ?? null,
    distance: interaction.data.distance ?? null,
  };
}
