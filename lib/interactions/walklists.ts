/**
 * Names for walklists. Polis gives a walklist no name and no resource of its
 * own, only an id on each visit; people know them by their list and their
 * place in it, so the dashboard names them "Dorchester, walklist 2" (the order
 * of their ids within the list, stable from page to page).
 *
 * @example
 *   nameWalklists([{ walklistId: 'a…', listId: 'l…' }], new Map([['l…', 'Dorchester']]));
 *   // [{ id: 'a…', name: 'Dorchester, walklist 1' }]
 */
export type WalklistOption = { id: string; name: string };

export function nameWalklists(walklists: { walklistId: string; listId: string | null }[], listNames: Map<string, string>): WalklistOption[] {
  const byList = new Map<string, string[]>();
  for (const { walklistId, listId } of walklists) {
    const list = (listId && listNames.get(listId)) || 'Another list';
    byList.set(list, [...(byList.get(list) ?? []), walklistId]);
  }
  return [...byList]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([list, ids]) => [...ids].sort().map((id, i) => ({ id, name: `${list}, walklist ${i + 1}` })));
}

/** The name of one walklist, or a short form of its id when it is not among those known. */
export function walklistName(options: WalklistOption[], id: string): string {
  return options.find((option) => option.id === id)?.name ?? `Walklist ${id.slice(0, 8)}`;
}
