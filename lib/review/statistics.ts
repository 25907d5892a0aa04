/**
 * The two tests the peer rules use, on stdlib's distributions: the upper
 * tail of a binomial (more successes than peers' rate explains) and a
 * chi-square goodness of fit (answers unlike peers').
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return Math.max(0, 1 - binomialCdf(k - 1, n, p));
}

/**
 * Chi-square goodness of fit of `observed` counts against `expectedShare`
 * (shares summing to 1) over the same categories. Categories the peers never
 * used are folded into one "other" cell with a small floor, so a value nobody
 * else recorded still counts against the fit without dividing by zero.
 * Returns the statistic and its degrees of freedom (0 when there is nothing to test).
 */
export function chiSquareFit(observed: Map<string, number>, expectedShare: Map<string, number>): { statistic: number; df: number } {
  return chiSquareFitCounts([...observed.keys()], [...observed.values()], observed.size, expectedShare);
}

/** `chiSquareFit` with the observed counts as parallel arrays (`values[i]` seen `counts[i]` times, the first `n` of them), for loops that reuse their arrays. */
export function chiSquareFitCounts(values: readonly string[], counts: ArrayLike<number>, n: number, expectedShare: Map<string, number>): { statistic: number; df: number } {
  let total = 0;
  for (let i = 0; i < n; i++) total += counts[i]!;
  if (total === 0) return { statistic: 0, df: 0 };
  const floor = 0.5 / (total + 1);
  let statistic = 0;
  let cells = 0;
  let unseen = 0;
  for (const [value, share] of expectedShare) {
    if (share <= 0) continue;
    const expected = total * share;
    const at = values.indexOf(value);
    const seen = at >= 0 && at < n ? counts[at]! : 0;
    statistic += (seen - expected) ** 2 / expected;
    cells++;
  }
  for (let i = 0; i < n; i++) if (!((expectedShare.get(values[i]!) ?? 0) > 0)) unseen += counts[i]!;
  if (unseen > 0) {
    const expected = total * floor;
    statistic += (unseen - expected) ** 2 / expected;
    cells++;
  }
  return { statistic, df: Math.max(0, cells - 1) };
}

/** P(χ² ≥ statistic) with `df` degrees of freedom. */
export function chiSquarePValue(statistic: number, df: number): number {
  if (df <= 0) return 1;
  return Math.max(0, 1 - chisquareCdf(statistic, df));
}
