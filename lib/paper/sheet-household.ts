/** One door of a sheet as the sheet, the grid and the import show it. */
import type { Contact } from '@/lib/polis/schemas';
import { streetPlace } from './walk-order';

export type SheetHousehold = { contactId: string; name: string; address: string; street: string; number: string; lat: number | null; lng: number | null };

export function sheetHousehold(contact: Contact): SheetHousehold {
  const place = streetPlace(contact);
  const position = contact.data.profile.address.position?.coordinates;
  return {
    contactId: contact.id,
    name: [contact.data.profile.name.first, contact.data.profile.name.last].join(' '),
    address: contact.data.profile.address.formatted ?? `${place.numberText} ${place.street}`.trim(),
    street: place.street,
    number: place.numberText,
    lat: position?.[1] ?? null,
    lng: position?.[0] ?? null,
  };
}
