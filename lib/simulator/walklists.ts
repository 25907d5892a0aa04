/**
 * The field office's cut of a campaign into walklists: each list's
 * households walked in rows about 100 m deep, west to east then back (the
 * way a canvasser sweeps a neighbourhood), cut into turfs of a few dozen
 * doors. A walklist's id is derived from the campaign, the list and its
 * number, so every run of the simulator hands out the same walklists.
 *
 * @example
 *   const walklists = planWalklists(campaignId, lists, contacts);
 *   walklists[0].households[0]; // { contactId, listId, name, address, lat, lng }
 */
import { createHash } from 'node:crypto';
import type { Contact } from '@/lib/polis/schemas';

export type Household = { contactId: string; listId: string; name: string; address: string; lat: number; lng: number };
export type Walklist = { id: string; listId: string; listName: string; number: number; households: Household[] };

export const DOORS_PER_WALKLIST = 40;
/** About 100 m of latitude: one sweep of the rows. */
const ROW_DEGREES = 0.0009;

/** A UUID (version 5 layout) named by `name`: the same name, the same id. */
export function nameUuid(name: string): string {
  const hex = createHash('sha1').update(`polis-field-simulator:${name}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function householdOf(contact: Contact): Household | null {
  const position = contact.data.profile.address.position?.coordinates;
  if (!position) return null;
  const [lng, lat] = position;
  const { name, address } = contact.data.profile;
  return {
    contactId: contact.id,
    listId: contact.data.listId,
    name: `${name.first} ${name.last}`,
    address: address.streetAddress?.formatted ?? address.formatted ?? '',
    lat: lat,
    lng: lng,
  };
}

/** Rows south to north, each walked west to east or east to west in turn. */
export function sweepOrder(households: Household[]): Household[] {
  const row = (h: Household) => Math.floor(h.lat / ROW_DEGREES);
  return [...households].sort((a, b) => {
    const ra = row(a);
    const rb = row(b);
    if (ra !== rb) return ra - rb;
    return (ra % 2 === 0 ? a.lng - b.lng : b.lng - a.lng) || a.contactId.localeCompare(b.contactId);
  });
}

export function planWalklists(campaignId: string, lists: { id: string; name: string }[], contacts: Contact[], doors = DOORS_PER_WALKLIST): Walklist[] {
  const walklists: Walklist[] = [];
  for (const list of lists) {
    const households = sweepOrder(contacts.filter((c) => c.data.listId === list.id).flatMap((c) => householdOf(c) ?? []));
    // Turfs of even size: 95 doors become 32 + 32 + 31, not 40 + 40 + 15.
    const count = Math.max(1, Math.round(households.length / doors));
    const size = Math.ceil(households.length / count);
    for (let n = 0; n * size < households.length; n++) {
      walklists.push({
        id: nameUuid(`${campaignId}:${list.id}:${n}`),
        listId: list.id,
        listName: list.name,
        number: n + 1,
        households: households.slice(n * size, (n + 1) * size),
      });
    }
  }
  return walklists;
}
