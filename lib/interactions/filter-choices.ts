/**
 * The choices of the filter bar every campaign view shows: lists, canvassers
 * and named walklists. Walklists are known only from the point index, so a
 * page waits a moment for a first build rather than offer an empty choice.
 *
 * @example
 *   const choices = await loadFilterChoices(auth, campaignId, context);
 *   <FilterBar {...choices} ... />
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { campaignIndex, settle, type IndexEntry } from '@/lib/map-index/campaign-index';
import type { PointIndex } from '@/lib/map-index/point-index';
import { loadCampaignContext, type CampaignContext } from './queries';
import { nameWalklists, type WalklistOption } from './walklists';

/** How long a page waits for a first index build before it renders without the walklists. */
const WAIT_FOR_INDEX_MS = 4000;

export type FilterChoices = {
  campaignId: string;
  lists: { id: string; name: string }[];
  canvassers: { id: string; name: string }[];
  walklists: WalklistOption[];
  /** The index is still being built: the walklists are not known yet. */
  walklistsPending: boolean;
};

export async function loadIndexSettled(auth: AuthContext, campaignId: string): Promise<IndexEntry> {
  return settle(await campaignIndex(auth, campaignId), WAIT_FOR_INDEX_MS);
}

/** The choices for a campaign; `index` is its point index, or null while the first build runs. */
export function filterChoices(context: CampaignContext, index: PointIndex | null): FilterChoices {
  const listNames = new Map(context.lists.map((list) => [list.id, list.name]));
  return {
    campaignId: context.campaign.id,
    lists: context.lists,
    canvassers: context.canvassers,
    walklists: index ? nameWalklists(index.walklistLists(), listNames) : [],
    walklistsPending: !index,
  };
}

/** The campaign's walklists by name, for the walklist choice of the correction and entry forms. */
export async function loadWalklistOptions(auth: AuthContext, campaignId: string, context?: CampaignContext): Promise<WalklistOption[]> {
  const [campaignContext, entry] = await Promise.all([context ?? loadCampaignContext(auth, campaignId), loadIndexSettled(auth, campaignId)]);
  return filterChoices(campaignContext, entry.index).walklists;
}

/** What the walklist choice asks for when its page was rendered during the campaign's first index build. */
export type WalklistChoice =
  { state: 'building'; loaded: number; total: number } | { state: 'failed'; error: string } | { state: 'ready'; walklists: WalklistOption[] };

/** The campaign's walklists by name once its index is built; its progress until then. Never waits. */
export async function loadWalklistChoice(auth: AuthContext, campaignId: string): Promise<WalklistChoice> {
  const entry = await campaignIndex(auth, campaignId);
  if (entry.state === 'failed') return { state: 'failed', error: entry.error ?? 'Indexing failed.' };
  if (!entry.index) return { state: 'building', ...entry.progress };
  const [campaign, lists] = await Promise.all([auth.polis.getCampaign(campaignId), auth.polis.listLists({ limit: 1000, sort: ['/data/name', 'ASC'] })]);
  const ofCampaign = new Set(campaign.data.lists.map((list) => list.listId));
  const listNames = new Map(lists.data.filter((list) => ofCampaign.has(list.id)).map((list) => [list.id, list.data.name]));
  return { state: 'ready', walklists: nameWalklists(entry.index.walklistLists(), listNames) };
}
