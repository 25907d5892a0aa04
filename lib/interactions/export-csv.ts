/**
 * Streams a campaign's interactions for the shared filters as CSV: every
 * matching row (walked with keyset paging, not only the page on screen), one
 * column per survey question named by its text, answers as option texts.
 * Times come twice: in the campaign's zone with its offset, and in UTC.
 *
 * @example
 *   return new Response(exportInteractionsCsv(auth, campaignId, filters, zone, readTableQuery(search), units), { headers: { 'Content-Type': 'text/csv' } });
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { walkInteractionsSorted } from '@/lib/map-index/campaign-index';
import type { Interaction } from '@/lib/polis/schemas';
import { ACCURACY_INPUT, DISTANCE_INPUT, type UnitSystem } from '@/lib/units/units';
import { answerToText, formatAnswer } from '@/lib/surveys/format-answer';
import { formatLocalIso } from '@/lib/time/format';
import { matchesAnswer, toPolisFilter, type InteractionFilters } from '@/lib/filters/filters';
import { OUTCOME_LABELS } from '@/lib/filters/outcome';
import { loadCampaignContext, loadContacts, loadInteractionPage, SORTABLE, type TableQuery } from './queries';
import { csvCell } from './csv-cell';
import { rowFacts, type Names } from './rows';

const line = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(',') + '\r\n';

/** Rows asked for at a time when the order is one only the table's own reads give (names, a search). */
const EXPORT_PAGE = 500;

/** Every matching row in the table's order: the same reads as the table, page after page, or a sorted keyset walk. */
async function walkInTableOrder(
  auth: AuthContext,
  campaignId: string,
  filters: InteractionFilters,
  timeZone: string,
  order: TableQuery,
  names: Names,
  onPage: (page: Interaction[]) => Promise<void>,
) {
  if (order.sort in SORTABLE && !order.search && !filters.contact && !filters.answer) {
    await walkInteractionsSorted(
      auth.polis,
      toPolisFilter(campaignId, filters, timeZone),
      SORTABLE[order.sort as keyof typeof SORTABLE],
      order.direction === 'asc' ? 'ASC' : 'DESC',
      onPage,
    );
    return;
  }
  for (let page = 1; ; page++) {
    const rows = await loadInteractionPage(auth, campaignId, filters, { ...order, page, size: EXPORT_PAGE }, timeZone, names);
    if (rows.state !== 'ready') throw new Error('The campaign is still being indexed; export again in a minute.');
    await onPage(rows.interactions);
    if (page * EXPORT_PAGE >= rows.total) return;
  }
}

export function exportInteractionsCsv(
  auth: AuthContext,
  campaignId: string,
  filters: InteractionFilters,
  timeZone: string,
  order: TableQuery,
  units: UnitSystem,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      try {
        const context = await loadCampaignContext(auth, campaignId);
        const names = { people: context.people, lists: new Map(context.lists.map((l) => [l.id, l.name])) };
        const { questions } = context;
        // Distances in the organization's units, as numbers a spreadsheet can sum.
        const distanceUnit = DISTANCE_INPUT[units];
        const accuracyUnit = ACCURACY_INPUT[units];
        controller.enqueue(
          encoder.encode(
            '\uFEFF' +
              line([
                'Interaction id',
                'Time (local)',
                'Time (UTC)',
                'Contact',
                'Address',
                'Canvasser',
                'List',
                'Outcome',
                'Unavailable reason',
                `Distance (${distanceUnit.label})`,
                `GPS accuracy (${accuracyUnit.label})`,
                'Latitude',
                'Longitude',
                ...questions.map((q) => q.text),
              ]),
          ),
        );
        await walkInTableOrder(auth, campaignId, filters, timeZone, order, names, async (page) => {
          const matching = page.filter((interaction) => matchesAnswer(interaction, filters.answer));
          const contacts = await loadContacts(
            auth,
            matching.map((i) => i.data.contactId),
          );
          let chunk = '';
          for (const interaction of matching) {
            const facts = rowFacts(interaction, contacts.get(interaction.data.contactId), names);
            chunk += line([
              facts.id,
              formatLocalIso(facts.time, timeZone),
              facts.time,
              facts.contactName,
              facts.address,
              facts.canvasser,
              facts.list,
              OUTCOME_LABELS[facts.outcome],
              facts.unavailableReason,
              facts.distance === null ? null : distanceUnit.fromMiles(facts.distance),
              facts.confidence === null ? null : accuracyUnit.fromMetres(facts.confidence),
              interaction.data.location?.lat,
              interaction.data.location?.lng,
              ...questions.map((q) => answerToText(formatAnswer(q, interaction.data.survey.responses[q.questionId]))),
            ]);
          }
          controller.enqueue(encoder.encode(chunk));
        });
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
