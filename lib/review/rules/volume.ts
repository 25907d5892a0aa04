import { defineRule } from '../columns';
import type { Finding } from '../model';

/**
 * `volume`: more doors than a person can knock. The hourly rate is taken
 * over the shift's span, counted as at least one hour, so a short burst of
 * a few doors is not read as a rate.
 */
export const volume = defineRule((shift, { settings, peers }) => {
  const doors = shift.length;
  const hours = Math.max(1, (shift.time[doors - 1]! - shift.time[0]!) / 3600);
  const findings: Finding[] = [];
  const rate = doors / hours;
  if (rate > settings.doorsPerHour) {
    findings.push({
      rule: 'volume',
      level: 'shift',
      points: 2,
      visits: [],
      sentence: `${doors} doors in ${hours.toFixed(1)} active hours (${Math.round(rate)} an hour, over ${settings.doorsPerHour})`,
    });
  }
  const day = peers.doorsThatDay(shift.canvasser, shift.time[0]!);
  if (day > settings.doorsPerDay) {
    findings.push({
      rule: 'volume',
      level: 'shift',
      points: 1,
      visits: [],
      sentence: `${day} doors by this canvasser that day (over ${settings.doorsPerDay})`,
    });
  }
  return findings;
});
