/**
 * Scoring a shift from its findings, and whether it enters the queue.
 *
 * - An interaction's score is the sum of its points from every rule.
 * - A shift enters the queue when its shift-level points reach 3, or when at
 *   least 10 % of its interactions (and at least 5) score 2 or more.
 * - Its score is a 0–10 band: the shift-level points plus ten times the
 *   share of interactions scoring 2 or more, rounded and capped at 10.
 * - Its reasons are the findings with points, heaviest first; a finding's
 *   weight is its shift points, or for interaction findings ten times its
 *   average points per interaction.
 *
 * @example
 *   const review = reviewShift(shift, context); // { score, queued, reasons, visitScores, ... }
 */
import { asColumns } from './columns';
import type { Finding, RuleContext, RuleId, Shift, ShiftData } from './model';
import { RULES } from './rules';

const RULE_LIST = Object.values(RULES);

export const QUEUE_SHIFT_POINTS = 3;
export const QUEUE_VISIT_SCORE = 2;
export const QUEUE_VISIT_SHARE = 0.1;
export const QUEUE_VISIT_MIN = 5;

export type Reason = { rule: RuleId; weight: number; sentence: string };

export type ShiftReview = {
  score: number;
  queued: boolean;
  shiftPoints: number;
  /** Interactions' own scores (only those above zero). */
  visitScores: Map<string, number>;
  /** Per interaction, the rules that gave it points or marked it. */
  visitRules: Map<string, RuleId[]>;
  /** Findings with points, heaviest first. */
  reasons: Reason[];
  /** Notes without points ("driving?", poor GPS), shown but not scored. */
  notes: Reason[];
  findings: Finding[];
};

export function weightOf(finding: Finding, visits: number): number {
  return finding.level === 'shift' ? finding.points : (10 * finding.points) / Math.max(1, visits);
}

export function scoreFindings(shift: Shift | ShiftData, findings: Finding[]): ShiftReview {
  const visitScores = new Map<string, number>();
  const visitRules = new Map<string, RuleId[]>();
  let shiftPoints = 0;
  for (const finding of findings) {
    if (finding.level === 'shift') shiftPoints += finding.points;
    for (const [id, points] of finding.perVisit ?? []) visitScores.set(id, (visitScores.get(id) ?? 0) + points);
    for (const id of finding.visits) {
      const rules = visitRules.get(id) ?? [];
      if (!rules.includes(finding.rule)) rules.push(finding.rule);
      visitRules.set(id, rules);
    }
  }
  const n = 'visits' in shift ? shift.visits.length : shift.length;
  let heavy = 0;
  for (const score of visitScores.values()) if (score >= QUEUE_VISIT_SCORE) heavy++;
  const queued = shiftPoints >= QUEUE_SHIFT_POINTS || (heavy >= QUEUE_VISIT_MIN && heavy >= QUEUE_VISIT_SHARE * n);
  const score = Math.min(10, Math.round(shiftPoints + (10 * heavy) / n));
  const weighed = findings.map((finding) => ({ rule: finding.rule, weight: weightOf(finding, n), sentence: finding.sentence, points: finding.points }));
  const reasons = weighed
    .filter((r) => r.points > 0)
    .sort((a, b) => b.weight - a.weight)
    .map(({ rule, weight, sentence }) => ({ rule, weight, sentence }));
  const notes = weighed.filter((r) => r.points === 0).map(({ rule, weight, sentence }) => ({ rule, weight, sentence }));
  return { score, queued, shiftPoints, visitScores, visitRules, reasons, notes, findings };
}

/** Every rule's findings on the shift. */
export function findingsOf(shift: Shift | ShiftData, context: RuleContext): Finding[] {
  const columns = asColumns(shift);
  const findings: Finding[] = [];
  for (const rule of RULE_LIST) for (const finding of rule(columns, context)) findings.push(finding);
  return findings;
}

export function reviewShift(shift: Shift | ShiftData, context: RuleContext): ShiftReview {
  return scoreFindings(shift, findingsOf(shift, context));
}

/** Reasons as the export writes them: `rule-id: sentence` items separated by `; `. */
export const reasonsText = (reasons: Reason[]) => reasons.map((reason) => `${reason.rule}: ${reason.sentence}`).join('; ');
