/**
 * Walking order of a sheet: street by street, one side of the street (odd
 * numbers, then even) walked up, the other walked back, as a canvasser goes.
 *
 * @example
 *   walkingOrder(contacts).map((c) => c.id);
 */
import type { Contact } from '@/lib/polis/schemas';

export type StreetPlace = { street: string; number: number; numberText: string; side: 'odd' | 'even' | 'none'; unit: string };

/** Street, house number and side read from the structured address, or from the formatted one ("12B Elm St, ..."). */
export function streetPlace(contact: Contact): StreetPlace {
  const address = contact.data.profile.address;
  const structured = address.streetAddress;
  let street = structured?.route?.trim() ?? '';
  let numberText = structured?.number?.trim() ?? '';
  if (!street || !numberText) {
    const line = (structured?.formatted ?? address.formatted ?? '').split(',')[0]!.trim();
    const match = /^(\d+[A-Za-z]?(?:-\d+)?)\s+(.+)$/.exec(line);
    if (match) {
      numberText ||= match[1]!;
      street ||= match[2]!;
    } else street ||= line;
  }
  const number = Number.parseInt(numberText, 10);
  const side = Number.isNaN(number) ? 'none' : number % 2 === 1 ? 'odd' : 'even';
  return { street, number: Number.isNaN(number) ? Number.POSITIVE_INFINITY : number, numberText, side, unit: structured?.unit ?? '' };
}

const SIDE_RANK = { odd: 0, even: 1, none: 2 } as const;
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function compareWalkingOrder(a: StreetPlace, b: StreetPlace): number {
  return (
    collator.compare(a.street, b.street) ||
    SIDE_RANK[a.side] - SIDE_RANK[b.side] ||
    a.number - b.number ||
    collator.compare(a.numberText, b.numberText) ||
    collator.compare(a.unit, b.unit)
  );
}

export function walkingOrder<C extends Contact>(contacts: C[]): C[] {
  return contacts
    .map((contact) => ({ contact, place: streetPlace(contact) }))
    .sort((a, b) => compareWalkingOrder(a.place, b.place) || a.contact.id.localeCompare(b.contact.id))
    .map(({ contact }) => contact);
}
