/**
 * The point index's rows as the canvasser figures read them. The index
 * already credits paper sheets to their canvasser, so `canvasser` here is
 * the person whose visit it was, not whoever typed it in.
 *
 * @example
 *   const attempts = attemptsOf(index, index.select(filters, zone), requiredBySurvey);
 */
import { FLAG_SUCCESSFUL, type PointIndex } from '@/lib/map-index/point-index';
import type { Attempt } from './figures';

/**
 * A contact's survey is complete when every required question of its survey
 * is answered. The index does not keep which survey a row recorded, so a row
 * counts as complete when it answers every required question of one of the
 * campaign's surveys (a survey without required questions completes any).
 */
export function completeness(index: PointIndex, requiredBySurvey: string[][]): (row: number) => boolean {
  const columns = requiredBySurvey.map((ids) => ids.map((id) => index.answers.get(id)?.cells).filter((cells) => cells !== undefined));
  if (columns.length === 0) return () => true;
  return (row) => columns.some((survey) => survey.every((cells) => cells[row] !== 0));
}

export function attemptsOf(index: PointIndex, rows: Iterable<number>, requiredBySurvey: string[][]): Attempt[] {
  const complete = completeness(index, requiredBySurvey);
  const attempts: Attempt[] = [];
  for (const row of rows) {
    const successful = (index.flags[row]! & FLAG_SUCCESSFUL) !== 0;
    attempts.push({
      id: index.idAt(row),
      canvasser: index.canvassers.values[index.canvasser[row]!] ?? '',
      household: index.household[row]!,
      time: index.time[row]!,
      successful,
      complete: successful && complete(row),
    });
  }
  return attempts;
}
