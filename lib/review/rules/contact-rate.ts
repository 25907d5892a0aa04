import type { Rule } from '../model';
import { binomialUpperTail } from '../statistics';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * `contact-rate`: far more doors "home and successful" than peers on the
 * same lists. The peers' rate is weighted by the shift's own mix of lists,
 * and the shift's count is tested against it (binomial upper tail).
 */
export const contactRate: Rule = (shift, { settings, peers }) => {
  const doors = shift.visits.length;
  if (doors < settings.contactRateMinDoors) return [];
  const successful = shift.visits.filter((visit) => visit.successful).length;
  const rate = successful / doors;
  if (rate <= settings.contactRateOver) return [];
  let expected = 0;
  const rates = new Map<string, number>();
  for (const visit of shift.visits) {
    let peerRate = rates.get(visit.list);
    if (peerRate === undefined) {
      const figures = peers.successByList(visit.list, shift.canvasser);
      peerRate = figures.doors > 0 ? figures.successful / figures.doors : NaN;
      rates.set(visit.list, peerRate);
    }
    if (Number.isNaN(peerRate)) return []; // nobody else knocked on this list: nothing to compare with
    expected += peerRate;
  }
  const peerRate = expected / doors;
  const p = binomialUpperTail(successful, doors, Math.min(Math.max(peerRate, 1e-6), 1 - 1e-6));
  if (!(p < settings.contactRateP)) return [];
  return [
    {
      rule: 'contact-rate',
      level: 'shift',
      points: 2,
      visits: shift.visits.filter((visit) => visit.successful).map((visit) => visit.id),
      sentence: `${successful} of ${doors} doors successful (${percent(rate)}) where peers on the same lists reach ${percent(peerRate)} (p = ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)})`,
    },
  ];
};
