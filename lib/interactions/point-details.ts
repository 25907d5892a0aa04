/**
 * What the map says of one of its points, in its popup and in the list
 * beside it: the contact, the address, when, who canvassed, the outcome and
 * the distance from the household, so a point can be judged without opening it.
 *
 * @example
 *   const details = await loadPointDetails(auth, campaignId, ids); // in the order of `ids`
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { and, eq, isIn } from '@/lib/polis/filter';
import type { Interaction } from '@/lib/polis/schemas';
import { outcomeOf, type Outcome } from '@/lib/filters/outcome';
import { loadContacts } from './queries';
import { contactAddress, contactName } from './rows';

export type PointDetails = {
  id: string;
  href: string;
  contact: string;
  address: string;
  time: string;
  canvasser: string;
  outcome: Outcome;
  unavailableReason: string | null;
  /** Miles, as Polis records it. */
  distance: number | null;
};

/** The most the list beside the map asks for at once. */
export const MAX_POINT_DETAILS = 200;

export async function loadPointDetails(auth: AuthContext, campaignId: string, ids: string[]): Promise<PointDetails[]> {
  if (ids.length === 0) return [];
  const { data } = await auth.polis.listInteractions({ filter: and(eq('/data/campaignId', campaignId), isIn('/id', ids)), limit: ids.length });
  const byId = new Map<string, Interaction>(data.map((interaction) => [interaction.id, interaction]));
  const found = ids.flatMap((id) => byId.get(id) ?? []);
  const creators = [...new Set(found.map((interaction) => interaction.meta.createdBy))];
  const [contacts, users] = await Promise.all([
    loadContacts(
      auth,
      found.map((interaction) => interaction.data.contactId),
    ),
    creators.length ? auth.polis.listUsers({ filter: isIn('/id', creators), limit: creators.length }) : Promise.resolve({ data: [] }),
  ]);
  const people = new Map(users.data.map((user) => [user.id, user.data.profile?.name ?? user.data.email]));
  return found.map((interaction) => {
    const contact = contacts.get(interaction.data.contactId);
    return {
      id: interaction.id,
      href: `/campaigns/${campaignId}/interactions/${interaction.id}`,
      contact: contactName(contact),
      address: contactAddress(contact),
      time: interaction.data.timestamp,
      canvasser: people.get(interaction.meta.createdBy) ?? 'Unknown canvasser',
      outcome: outcomeOf(interaction.data),
      unavailableReason: interaction.data.unavailableReason ?? null,
      distance: interaction.data.distance ?? null,
    };
  });
}
