import type { Rule } from '../model';
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

/**
 * `answer-pattern`: answers unlike peers' on the same questions. Each
 * question's answers in the shift are fitted against the peers' shares; the
 * statistics and degrees of freedom add up over questions (independent
 * cells), and the total is tested once.
 */
export const answerPattern: Rule = (shift, { settings, peers }) => {
  const byQuestion = new Map<string, Map<string, number>>();
  let answers = 0;
  for (const visit of shift.visits) {
    for (const [questionId, value] of Object.entries(visit.answers)) {
      let counts = byQuestion.get(questionId);
      if (!counts) byQuestion.set(questionId, (counts = new Map()));
      counts.set(value, (counts.get(value) ?? 0) + 1);
      answers++;
    }
  }
  if (answers < settings.answerMinAnswers) return [];
  let statistic = 0;
  let df = 0;
  let questions = 0;
  for (const [questionId, observed] of byQuestion) {
    const shares = sharesOf(peers.answersByQuestion(questionId, shift.canvasser));
    if (shares.size === 0) continue;
    const fit = chiSquareFit(observed, shares);
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
};
