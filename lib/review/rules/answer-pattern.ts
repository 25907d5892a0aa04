import { defineRule } from '../columns';
import { chiSquareFit, chiSquarePValue } from '../statistics';

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

// One question's answers in the shift under review, by cell and then by value; emptied for every question.
const byCell = new Map<number, number>();
const observed = new Map<string, number>();

/**
 * `answer-pattern`: answers unlike peers' on the same questions. Each
 * question's answers in the shift are fitted against the peers' shares; the
 * statistics and degrees of freedom add up over questions (independent
 * cells), and the total is tested once.
 */
export const answerPattern = defineRule((shift, { settings, peers }) => {
  let answers = 0;
  for (const question of shift.answers) for (let i = 0; i < shift.length; i++) if (question.cells[i] !== 0) answers++;
  if (answers < settings.answerMinAnswers) return [];
  let statistic = 0;
  let df = 0;
  let questions = 0;
  for (const question of shift.answers) {
    byCell.clear();
    for (let i = 0; i < shift.length; i++) {
      const cell = question.cells[i]!;
      if (cell !== 0) byCell.set(cell, (byCell.get(cell) ?? 0) + 1);
    }
    if (byCell.size === 0) continue;
    const peerShares = sharesOf(peers.answersByQuestion(question.questionId, shift.canvasser));
    if (peerShares.size === 0) continue;
    observed.clear();
    for (const [cell, count] of byCell) {
      const value = question.text(cell);
      if (value !== undefined) observed.set(value, (observed.get(value) ?? 0) + count);
    }
    const fit = chiSquareFit(observed, peerShares);
    statistic += fit.statistic;
    df += fit.df;
    if (fit.df > 0) questions++;
  }
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
