/** Paper sheets, the grid and imports are organizers' work: the permission only organizers hold. */
export const PAPER_PERMISSION = 'modify@interactions' as const;

/** One value of a search parameter. */
export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
