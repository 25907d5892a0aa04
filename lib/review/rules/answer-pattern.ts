import { defineRule } from '../columns';
import { chiSquareFitCounts, chiSquarePValue } from '../statistics';

// Peers' counts come back as the same map for every shift of a canvasser: their shares are worked out once.
const shares = new WeakMap<Map<string, number>, Map<string, number>>();
function sharesOf(counts: Map<string, number>): Map<string, number> {
  let out = shares.get(counts);
  if (!out) {
    let total = 0;
    for (const count of counts.values()) total += count;
    out = new Map();
    if (total > 0) for (const [value, count] of counts) if (count > 0) out.set(value, count / total);
    shares.set(counts, out);
  }
  return out;
}

// Each question's answers in the shift under review, as parallel arrays reused from shift to shift:
// for question q, `values[q][k]` was given `counts[q][k]` times (the first `distinct[q]` of them).
const cells: number[][] = [];
const values: string[][] = [];
const counts: number[][] = [];
const distinct: number[] = [];

/**
 * `answer-pattern`: answers unlike peers' on the same questions. Each
 * question's answers in the shift are fitted against the peers' shares; the
 * statistics and degrees of freedom add up over questions (independent
 * cells), and the total is tested once.
 */
export const answerPattern = defineRule((shift, { settings, peers }) => {
  let answers = 0;
  shift.answers.forEach((question, q) => {
    const seenCells = (cells[q] ??= []);
    const seenCounts = (counts[q] ??= []);
    let n = 0;
    for (let i = 0; i < shift.length; i++) {
      const cell = question.cells[i]!;
      if (cell === 0) continue;
      answers++;
      let k = 0;
      while (k < n && seenCells[k] !== cell) k++;
      if (k === n) {
        seenCells[n] = cell;
        seenCounts[n++] = 0;
      }
      seenCounts[k]!++;
    }
    distinct[q] = n;
  });
  if (answers < settings.answerMinAnswers) return [];
  let statistic = 0;
  let df = 0;
  let questions = 0;
  shift.answers.forEach((question, q) => {
    if (distinct[q] === 0) return;
    const peerShares = sharesOf(peers.answersByQuestion(question.questionId, shift.canvasser));
    if (peerShares.size === 0) return;
    // Cells become the values they stand for (two cells may name one value).
    const texts = (values[q] ??= []);
    const tally = counts[q]!;
    let n = 0;
    for (let k = 0; k < distinct[q]!; k++) {
      const value = question.text(cells[q]![k]!);
      if (value === undefined) continue;
      const at = texts.indexOf(value);
      if (at >= 0 && at < n) tally[at]! += tally[k]!;
      else {
        texts[n] = value;
        tally[n++] = tally[k]!;
      }
    }
    const fit = chiSquareFitCounts(texts, tally, n, peerShares);
    statistic += fit.statistic;
    df += fit.df;
    if (fit.df > 0) questions++;
  });
  // A statistic at or below its degrees of freedom (the distribution's mean) is far from p < 0.001: skip the tail.
  if (statistic <= df) return [];
  const p = chiSquarePValue(statistic, df);
  if (!(p < settings.answerP)) return [];
  return [
    {
      rule: 'answer-pattern',
      level: 'shift',
      points: 1,
      visits: [],
      sentence: `${answers} answers to ${questions} questions unlike peers' (χ² = ${statistic.toFixed(1)} on ${df} degrees of freedom, p ${p < 0.0001 ? '< 0.0001' : `= ${p.toFixed(4)}`})`,
    },
  ];
});
