import type { PointIndex } from '@/lib/map-index/point-index';
import type { Contact } from '@/lib/polis/schemas';
import { buildingOf } from './suppressions';

/** Records the households' positions and buildings in the index, for the rules that compare canvasser and door. */
export function placeContacts(index: PointIndex, contacts: Iterable<Contact>) {
  for (const contact of contacts) {
    const { address } = contact.data.profile;
    const position = address.position?.coordinates;
    index.households.place(contact.id, position?.[1], position?.[0], buildingOf(address.streetAddress));
  }
}
