/**
 * Interactions as the table and the CSV show them: contact name and address,
 * canvasser and list names, outcome, and the answers as option texts.
 */
import type { Contact, Interaction, Question } from '@/lib/polis/schemas';
import { answerToText, formatAnswer } from '@/lib/surveys/format-answer';
import { outcomeOf, type Outcome } from '@/lib/filters/outcome';

export type Names = { people: Map<string, string>; lists: Map<string, string> };

export function contactName(contact: Contact | undefined): string {
  if (!contact) return 'Unknown contact';
  const { name } = contact.data.profile;
  return [name.title, name.first, name.middle, name.last, name.suffix].filter(Boolean).join(' ');
}

export const contactAddress = (contact: Contact | undefined) => contact?.data.profile.address.formatted ?? '';

/** "Support: Strongly support · Issues: Housing; Transit", the answered questions in survey order. */
export function answerSummary(interaction: Interaction, questions: Question[]): string {
  const responses = interaction.data.survey.responses;
  return questions
    .filter((q) => q.type !== 'availability')
    .map((q) => ({ q, text: answerToText(formatAnswer(q, responses[q.questionId])) }))
    .filter(({ text }) => text)
    .map(({ q, text }) => `${q.tag.charAt(0).toUpperCase()}${q.tag.slice(1)}: ${text}`)
    .join(' · ');
}

export type RowFacts = {
  id: string;
  time: string;
  contactName: string;
  address: string;
  canvasser: string;
  list: string;
  outcome: Outcome;
  unavailableReason: string;
  distance: number | null;
  confidence: number | null;
};

export function rowFacts(interaction: Interaction, contact: Contact | undefined, names: Names): RowFacts {
  const { data } = interaction;
  return {
    id: interaction.id,
    time: data.timestamp,
    contactName: contactName(contact),
    address: contactAddress(contact),
    canvasser: names.people.get(interaction.meta.createdBy) ?? 'Unknown canvasser',
    list: names.lists.get(data.listId) ?? '',
    outcome: outcomeOf(interaction.data),
    unavailableReason: data.unavailableReason ?? '',
    distance: data.distance ?? null,
    confidence: data.location?.confidence ?? null,
  };
}
