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

/** An expected-share map laid out once: its values in order, their shares, and where each value sits. */
type Prepared = { shares: Float64Array; position: Map<string, number>; seen: Float64Array };
const prepared = new WeakMap<Map<string, number>, Prepared>();
function prepare(expectedShare: Map<string, number>): Prepared {
  let out = prepared.get(expectedShare);
  if (!out) {
    out = {
      shares: Float64Array.from(expectedShare.values()),
      position: new Map([...expectedShare.keys()].map((value, k) => [value, k])),
      seen: new Float64Array(expectedShare.size),
    };
    prepared.set(expectedShare, out);
  }
  return out;
}

/**
 * `chiSquareFit` with the observed counts as parallel arrays (`values[i]`
 * seen `counts[i]` times, the first `n` of them), for loops that reuse their
 * arrays. The expected shares are laid out once per map, so a fit costs a
 * lookup per observed value and one numeric pass over the expected ones (in
 * the map's order, as `chiSquareFit` adds them).
 */
export function chiSquareFitCounts(
  values: readonly string[],
  counts: ArrayLike<number>,
  n: number,
  expectedShare: Map<string, number>,
): { statistic: number; df: number } {
  let total = 0;
  for (let i = 0; i < n; i++) total += counts[i]!;
  if (total === 0) return { statistic: 0, df: 0 };
  const { shares, position, seen } = prepare(expectedShare);
  let unseen = 0;
  for (let i = 0; i < n; i++) {
    const k = position.get(values[i]!);
    if (k !== undefined && shares[k]! > 0) seen[k] = counts[i]!;
    else unseen += counts[i]!;
  }
  const floor = 0.5 / (total + 1);
  let statistic = 0;
  let cells = 0;
  for (let k = 0; k < shares.length; k++) {
    const share = shares[k]!;
    if (share <= 0) continue;
    const expected = total * share;
    statistic += (seen[k]! - expected) ** 2 / expected;
    cells++;
  }
  for (let i = 0; i < n; i++) {
    const k = position.get(values[i]!);
    if (k !== undefined) seen[k] = 0;
  }
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
