/**
 * The households a walk sheet (and its grid) lists: a campaign list,
 * narrowed to one walklist's doors or to a street, in walking order, with
 * the survey whose answers the sheet collects.
 *
 * @example
 *   const sheet = await loadSheet(auth, campaignId, { listId, street: 'Elm' });
 */
import 'server-only';
import { z } from 'zod';
import type { AuthContext } from '@/lib/auth/session';
import { and, eq, isIn, like } from '@/lib/polis/filter';
import { IdSchema, type Contact, type Question } from '@/lib/polis/schemas';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { sheetHousehold, type SheetHousehold } from './sheet-household';
import { walkingOrder } from './walk-order';

export type { SheetHousehold };

/** More doors than a canvasser walks in a day: a sheet stops here and says so. */
export const SHEET_MAX_HOUSEHOLDS = 500;

export const SheetQuerySchema = z.object({
  listId: IdSchema.optional().catch(undefined),
  walklistId: IdSchema.optional().catch(undefined),
  surveyId: IdSchema.optional().catch(undefined),
  street: z.string().trim().max(100).optional().catch(undefined),
});
export type SheetQuery = z.infer<typeof SheetQuerySchema>;

export type Sheet = {
  campaignName: string;
  zone: string;
  lists: { id: string; name: string }[];
  surveys: { id: string; name: string }[];
  query: SheetQuery;
  survey: { id: string; name: string; questions: Question[] } | null;
  households: SheetHousehold[];
  truncated: boolean;
};

async function walklistContactIds(auth: AuthContext, campaignId: string, walklistId: string): Promise<string[]> {
  const { data } = await auth.polis.listInteractions({ filter: and(eq('/data/campaignId', campaignId), eq('/data/walklistId', walklistId)), limit: 1000 });
  return [...new Set(data.map((i) => i.data.contactId))];
}

export async function loadSheet(auth: AuthContext, campaignId: string, query: SheetQuery): Promise<Sheet> {
  const [campaign, zone, surveys, lists] = await Promise.all([
    auth.polis.getCampaign(campaignId),
    campaignTimeZone(auth, campaignId),
    auth.polis.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 100 }),
    auth.polis.listLists({ limit: 1000 }),
  ]);
  const campaignLists = lists.data.filter((l) => campaign.data.lists.some((c) => c.listId === l.id)).map((l) => ({ id: l.id, name: l.data.name }));
  const listId = campaignLists.some((l) => l.id === query.listId) ? query.listId : campaignLists[0]?.id;
  const surveyRecord = surveys.data.find((s) => s.id === query.surveyId) ?? surveys.data[0];
  const survey = surveyRecord ? { id: surveyRecord.id, name: surveyRecord.data.name, questions: surveyRecord.data.questions } : null;
  let contacts: Contact[] = [];
  if (listId) {
    const conditions = [eq('/data/listId', listId)];
    if (query.walklistId) conditions.push(isIn('/id', await walklistContactIds(auth, campaignId, query.walklistId)));
    if (query.street) conditions.push(like('/data/profile/address/formatted', `*${query.street.replace(/["\\*]/g, '')}*`));
    contacts = (
      await auth.polis.listContacts({ filter: and(...conditions), sort: ['/data/profile/address/formatted', 'ASC'], limit: SHEET_MAX_HOUSEHOLDS + 1 })
    ).data;
  }
  const ordered = walkingOrder(contacts).map(sheetHousehold);
  return {
    campaignName: campaign.data.name,
    zone,
    lists: campaignLists,
    surveys: surveys.data.map((s) => ({ id: s.id, name: s.data.name })),
    query: { ...query, listId, surveyId: survey?.id },
    survey,
    households: ordered.slice(0, SHEET_MAX_HOUSEHOLDS),
    truncated: ordered.length > SHEET_MAX_HOUSEHOLDS,
  };
}
