/**
 * Streams a campaign's interactions for the shared filters as CSV: every
 * matching row (walked with keyset paging, not only the page on screen), one
 * column per survey question named by its text, answers as option texts.
 * Times come twice: in the campaign's zone with its offset, and in UTC.
 *
 * @example
 *   return new Response(exportInteractionsCsv(auth, campaignId, filters, zone), { headers: { 'Content-Type': 'text/csv' } });
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { walkInteractions } from '@/lib/map-index/campaign-index';
import { answerToText, formatAnswer } from '@/lib/surveys/format-answer';
import { formatLocalIso } from '@/lib/time/format';
import { matchesAnswer, toPolisFilter, type InteractionFilters } from '@/lib/filters/filters';
import { OUTCOME_LABELS } from '@/lib/filters/outcome';
import { loadCampaignContext, loadContacts } from './queries';
import { rowFacts } from './rows';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * RFC 4180 quoting, and a leading apostrophe so a spreadsheet never runs a
 * cell as a formula (OWASP's CSV injection advice): only a cell that is
 * exactly a number may start with `-`, since `-1+HYPERLINK(...)` is a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r\n]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(',') + '\r\n';

export function exportInteractionsCsv(auth: AuthContext, campaignId: string, filters: InteractionFilters, timeZone: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      try {
        const context = await loadCampaignContext(auth, campaignId);
        const names = { people: context.people, lists: new Map(context.lists.map((l) => [l.id, l.name])) };
        const { questions } = context;
        controller.enqueue(encoder.encode('\uFEFF' + line(['Interaction id', 'Time (local)', 'Time (UTC)', 'Contact', 'Address', 'Canvasser', 'List', 'Outcome', 'Unavailable reason', 'Distance (miles)', 'GPS accuracy (m)', 'Latitude', 'Longitude', ...questions.map((q) => q.text)])));
        await walkInteractions(auth.polis, toPolisFilter(campaignId, filters, timeZone), async (page) => {
          const matching = page.filter((interaction) => matchesAnswer(interaction, filters.answer));
          const contacts = await loadContacts(auth, matching.map((i) => i.data.contactId));
          let chunk = '';
          for (const interaction of matching) {
            const facts = rowFacts(interaction, contacts.get(interaction.data.contactId), names);
            chunk += line([
              facts.id, formatLocalIso(facts.time, timeZone), facts.time, facts.contactName, facts.address, facts.canvasser, facts.list, OUTCOME_LABELS[facts.outcome], facts.unavailableReason,
              facts.distance, facts.confidence, interaction.data.location?.lat, interaction.data.location?.lng,
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
