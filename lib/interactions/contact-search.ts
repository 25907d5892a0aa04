/**
 * The Polis filter that finds contacts as a person types them: every word of
 * the query must start the first or last name, or appear in the address, so
 * "Hazle Crist", "Crist Hazle", "12 Adams" and "Adams Street" all find their
 * contact. Case does not matter (Polis `like` ignores it); a word typed with
 * accents is also tried without them.
 *
 * @example
 *   contactSearchFilter(['l1'], 'Hazle Crist');
 *   // '/data/listId in ["l1"] and ((/data/profile/name/first like "Hazle*" or …) and (… "Crist*" …))'
 */

import { and, isIn, like, or } from '@/lib/polis/filter';

/** How many contacts a search lists; the total says how many more there are. */
export const CONTACT_SEARCH_LIMIT = 20;

const unaccented = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');

/** The words of a query, without the characters the filter language gives a meaning to. */
export function searchWords(query: string): string[] {
  return query
    .replace(/["\\*,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
}

const ADDRESS = '/data/profile/address/formatted';

export function contactSearchFilter(listIds: string[], query: string): string {
  const terms = searchWords(query).map((word) => {
    // A house number is a whole word of the address, not a piece of its postal code.
    if (/^\d+[a-z]?$/i.test(word)) return or(like(ADDRESS, `${word} *`), like(ADDRESS, `* ${word} *`));
    const forms = [...new Set([word, unaccented(word)])];
    return or(
      ...forms.flatMap((form) => [like('/data/profile/name/first', `${form}*`), like('/data/profile/name/last', `${form}*`), like(ADDRESS, `*${form}*`)]),
    );
  });
  return and(isIn('/data/listId', listIds), ...terms);
}
