import type { Rule, RuleId } from '../model';
import { answerPattern } from './answer-pattern';
import { clock } from './clock';
import { contactRate } from './contact-rate';
import { duplicate } from './duplicate';
import { farFromHousehold } from './far-from-household';
import { impossibleTravel } from './impossible-travel';
import { oneSpot } from './one-spot';
import { outsideHours } from './outside-hours';
import { shortGaps } from './short-gaps';
import { volume } from './volume';

/** Every rule of the set, by id, in the order the issue lists them. */
export const RULES: Record<RuleId, Rule> = {
  'far-from-household': farFromHousehold,
  'short-gaps': shortGaps,
  'impossible-travel': impossibleTravel,
  'one-spot': oneSpot,
  'contact-rate': contactRate,
  'answer-pattern': answerPattern,
  volume,
  'outside-hours': outsideHours,
  clock,
  duplicate,
};
