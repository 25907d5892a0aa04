import type { Rule } from '../model';
import { chiSquareFit, chiSquarePValue } from '../statistics';

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
    const peerCounts = peers.answersByQuestion(questionId, shift.canvasser);
    const peerTotal = [...peerCounts.values()].reduce((a, b) => a + b, 0);
    if (peerTotal === 0) continue;
    const shares = new Map([...peerCounts].map(([value, count]) => [value, count / peerTotal]));
    const fit = chiSquareFit(observed, shares);
    statistic += fit.statistic;
    df += fit.df;
    if (fit.df > 0) questions++;
  }
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
