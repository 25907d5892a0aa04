import { defineRule } from '../columns';
import { binomialUpperTail } from '../statistics';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * `contact-rate`: far more doors "home and successful" than peers on the
 * same lists. The peers' rate is weighted by the shift's own mix of lists,
 * and the shift's count is tested against it (binomial upper tail).
 */
export const contactRate = defineRule((shift, { settings, peers }) => {
  const doors = shift.length;
  if (doors < settings.contactRateMinDoors) return [];
  let successful = 0;
  for (let i = 0; i < doors; i++) successful += shift.successful[i]!;
  const rate = successful / doors;
  if (rate <= settings.contactRateOver) return [];
  let expected = 0;
  const rates = new Map<number, number>();
  for (let i = 0; i < doors; i++) {
    const list = shift.list[i]!;
    let peerRate = rates.get(list);
    if (peerRate === undefined) {
      const figures = peers.successByList(shift.listId(list), shift.canvasser);
      peerRate = figures.doors > 0 ? figures.successful / figures.doors : NaN;
      rates.set(list, peerRate);
    }
    if (Number.isNaN(peerRate)) return []; // nobody else knocked on this list: nothing to compare with
    expected += peerRate;
  }
  const peerRate = expected / doors;
  const p = binomialUpperTail(successful, doors, Math.min(Math.max(peerRate, 1e-6), 1 - 1e-6));
  if (!(p < settings.contactRateP)) return [];
  const visits: string[] = [];
  for (let i = 0; i < doors; i++) if (shift.successful[i]) visits.push(shift.id(i));
  return [
    {
      rule: 'contact-rate',
      level: 'shift',
      points: 2,
      visits,
      sentence: `${successful} of ${doors} doors successful (${percent(rate)}) where peers on the same lists reach ${percent(peerRate)} (p = ${p < 0.0001 ? '< 0.0001' : p.toFixed(4)})`,
    },
  ];
});
