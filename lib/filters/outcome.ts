/**
 * The outcome of a visit, defined once: successful wins, then "not
 * available", and anyone home but not successful was "contacted". The map,
 * the index, the forms and the Polis filters all go through this rule.
 *
 * @example
 *   outcomeOf(interaction.data);            // 'contacted'
 *   outcomeFilter('contacted');             // the same rule in the Polis filter language
 */
import { and, eq, or } from '@/lib/polis/filter';

export const OUTCOMES = ['successful', 'contacted', 'unavailable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  successful: 'Successful',
  contacted: 'Home, not successful',
  unavailable: 'Not available',
};

/** The rule itself, on the two recorded flags (the point index keeps them as bits). */
export function outcomeFrom(successful: boolean | undefined, unavailable: boolean): Outcome {
  if (successful) return 'successful';
  return unavailable ? 'unavailable' : 'contacted';
}

export function outcomeOf(data: { successful?: boolean; unavailable: boolean }): Outcome {
  return outcomeFrom(data.successful, data.unavailable);
}

const notSuccessful = or(eq('/data/successful', false), eq('/data/successful', null));

/** The rule as a Polis filter: the interactions whose `outcomeOf` is `outcome`. */
export function outcomeFilter(outcome: Outcome): string {
  if (outcome === 'successful') return eq('/data/successful', true);
  return and(eq('/data/unavailable', outcome === 'unavailable'), notSuccessful);
}
