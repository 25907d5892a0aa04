import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS, RULE_SET_VERSION } from './model';
import { overridesOf, ruleSetVersionOf, shownValue, THRESHOLDS, thresholdsSchema, withOverrides } from './thresholds';

/** The form as it opens: every threshold at its default, in shown units. */
const defaults = () => Object.fromEntries(THRESHOLDS.map((threshold) => [threshold.name, String(shownValue(threshold, DEFAULT_REVIEW_SETTINGS))]));

describe('review thresholds per campaign', () => {
  it('describes every number of the settings once, and reads them back as the defaults', () => {
    expect(withOverrides(undefined)).toEqual(DEFAULT_REVIEW_SETTINGS);
    expect(new Set(THRESHOLDS.map((threshold) => threshold.name)).size).toBe(THRESHOLDS.length);
    // Every setting is adjustable: the far distances are three fields, everything else one.
    expect(THRESHOLDS).toHaveLength(Object.keys(DEFAULT_REVIEW_SETTINGS).length + 2);
  });

  it("stores only what the organizer changed, in the settings' own units", () => {
    expect(thresholdsSchema().parse(defaults())).toEqual({});
    const changed = thresholdsSchema().parse({ ...defaults(), shiftGapMinutes: '45', contactRatePercent: '70', duplicateMinutes: '5', farThreeMetres: '2000' });
    expect(changed).toEqual({ shiftGapMinutes: 45, contactRateOver: 0.7, duplicateSeconds: 300, 'farMetres.2': 2000 });
    const settings = withOverrides(changed);
    expect(settings).toMatchObject({ shiftGapMinutes: 45, contactRateOver: 0.7, duplicateSeconds: 300, farMetres: [100, 300, 2000] });
    expect(overridesOf(settings)).toEqual(changed);
    expect(DEFAULT_REVIEW_SETTINGS.farMetres).toEqual([100, 300, 1000]);
  });

  it('names the field at fault: out of bounds, not a number, not whole, out of order', () => {
    const errors = (fields: Record<string, string>) =>
      thresholdsSchema()
        .safeParse({ ...defaults(), ...fields })
        .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(errors({ shiftGapMinutes: '2' })).toEqual([['shiftGapMinutes', 'At least 5']]);
    expect(errors({ doorsPerDay: 'many' })).toEqual([['doorsPerDay', 'Enter a number']]);
    expect(errors({ sprintMinDoors: '' })).toEqual([['sprintMinDoors', 'Enter a number']]);
    expect(errors({ sprintMinDoors: '20.5' })).toEqual([['sprintMinDoors', 'Enter a whole number']]);
    expect(errors({ farTwoMetres: '1500' })).toEqual([['farThreeMetres', 'Must be more than the 2-point distance']]);
    expect(errors({ latestHour: '8' })).toEqual([['latestHour', 'Must be later than the earliest hour']]);
  });

  it('leaves out stored values it no longer accepts', () => {
    expect(withOverrides({ shiftGapMinutes: 1, unknown: 5, doorsPerHour: 80 })).toEqual({ ...DEFAULT_REVIEW_SETTINGS, doorsPerHour: 80 });
  });

  it('gives changed thresholds a rule-set version of their own, the same for the same changes', () => {
    expect(ruleSetVersionOf(DEFAULT_REVIEW_SETTINGS)).toBe(RULE_SET_VERSION);
    const a = ruleSetVersionOf(withOverrides({ doorsPerHour: 80 }));
    expect(a).toMatch(new RegExp(`^${RULE_SET_VERSION}\\+[0-9a-f]{8}$`));
    expect(ruleSetVersionOf(withOverrides({ doorsPerHour: 80 }))).toBe(a);
    expect(ruleSetVersionOf(withOverrides({ doorsPerHour: 90 }))).not.toBe(a);
  });
});
