/**
 * The review rules' thresholds as an organizer adjusts them per campaign:
 * each one described once (its rule, words, unit, bounds), the form's schema
 * built from those descriptions, and the campaign's settings as the issue's
 * defaults with the organizer's changes on top. Only changes are stored, so
 * a default that moves reaches every campaign that kept it. A campaign with
 * changes gets a rule-set version of its own (`review-rules-1+…`), stored with
 * its flags and resolutions like the plain one.
 *
 * @example
 *   const settings = withOverrides(stored);             // ReviewSettings
 *   ruleSetVersionOf(settings);                          // 'review-rules-1' or 'review-rules-1+3f9a01c2'
 *   const parsed = thresholdsSchema().safeParse(fields); // shown values, checked, into overrides
 */
import { z } from 'zod';
import { DEFAULT_REVIEW_SETTINGS, RULE_SET_VERSION, type ReviewSettings, type RuleId } from './model';

export type Threshold = {
  /** The form field's name. */
  name: string;
  /** Where it sits in the settings (`farMetres.2`): how a change is stored. */
  key: string;
  /** The rule it belongs to, or `shifts` for how shifts are cut and `suppressions` for the exemptions. */
  group: RuleId | 'shifts' | 'suppressions';
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Whole numbers only. */
  whole?: boolean;
  /** The settings' value is the shown value times this (minutes shown, seconds kept). */
  scale?: number;
  get: (settings: ReviewSettings) => number;
  set: (settings: ReviewSettings, value: number) => void;
};

const field = <K extends keyof ReviewSettings>(key: K & (ReviewSettings[K] extends number ? K : never)) => ({
  key,
  get: (settings: ReviewSettings) => settings[key] as number,
  set: (settings: ReviewSettings, value: number) => {
    (settings[key] as number) = value;
  },
});
const far = (i: 0 | 1 | 2) => ({
  key: `farMetres.${i}`,
  get: (settings: ReviewSettings) => settings.farMetres[i],
  set: (settings: ReviewSettings, value: number) => {
    settings.farMetres = [...settings.farMetres] as ReviewSettings['farMetres'];
    settings.farMetres[i] = value;
  },
});

export const THRESHOLDS: Threshold[] = [
  {
    name: 'shiftGapMinutes',
    group: 'shifts',
    label: 'A new shift starts after a pause of more than',
    unit: 'minutes',
    min: 5,
    max: 720,
    whole: true,
    ...field('shiftGapMinutes'),
  },
  { name: 'farOneMetres', group: 'far-from-household', label: '1 point beyond the GPS accuracy over', unit: 'metres', min: 10, max: 100_000, ...far(0) },
  { name: 'farTwoMetres', group: 'far-from-household', label: '2 points over', unit: 'metres', min: 10, max: 100_000, ...far(1) },
  { name: 'farThreeMetres', group: 'far-from-household', label: '3 points over', unit: 'metres', min: 10, max: 100_000, ...far(2) },
  {
    name: 'poorAccuracyMetres',
    group: 'far-from-household',
    label: 'Not scored, counted as poor GPS, when the accuracy is worse than',
    unit: 'metres',
    min: 5,
    max: 10_000,
    ...field('poorAccuracyMetres'),
  },
  {
    name: 'shortGapSeconds',
    group: 'short-gaps',
    label: '1 point for a gap between households under',
    unit: 'seconds',
    min: 1,
    max: 3600,
    ...field('shortGapSeconds'),
  },
  {
    name: 'sprintMinDoors',
    group: 'short-gaps',
    label: '3 points for a shift of at least this many doors…',
    unit: 'doors',
    min: 2,
    max: 1000,
    whole: true,
    ...field('sprintMinDoors'),
  },
  {
    name: 'sprintMedianSeconds',
    group: 'short-gaps',
    label: '…whose median gap is under',
    unit: 'seconds',
    min: 1,
    max: 3600,
    ...field('sprintMedianSeconds'),
  },
  {
    name: 'impossibleSpeed',
    group: 'impossible-travel',
    label: '3 points for a move faster than',
    unit: 'm/s',
    min: 1,
    max: 1000,
    ...field('impossibleSpeed'),
  },
  { name: 'drivingSpeed', group: 'impossible-travel', label: 'Shown as "driving?" (no points) over', unit: 'm/s', min: 1, max: 1000, ...field('drivingSpeed') },
  {
    name: 'oneSpotHouseholds',
    group: 'one-spot',
    label: '3 points when at least this many households…',
    unit: 'households',
    min: 2,
    max: 1000,
    whole: true,
    ...field('oneSpotHouseholds'),
  },
  {
    name: 'oneSpotApartMetres',
    group: 'one-spot',
    label: '…more than this far from the spot…',
    unit: 'metres',
    min: 10,
    max: 100_000,
    ...field('oneSpotApartMetres'),
  },
  {
    name: 'oneSpotRadiusMetres',
    group: 'one-spot',
    label: '…were recorded within this distance of it',
    unit: 'metres',
    min: 1,
    max: 10_000,
    ...field('oneSpotRadiusMetres'),
  },
  {
    name: 'contactRateMinDoors',
    group: 'contact-rate',
    label: '2 points for a shift of at least this many doors…',
    unit: 'doors',
    min: 1,
    max: 10_000,
    whole: true,
    ...field('contactRateMinDoors'),
  },
  {
    name: 'contactRatePercent',
    group: 'contact-rate',
    label: '…successful at a rate over',
    unit: '%',
    min: 1,
    max: 99,
    scale: 0.01,
    ...field('contactRateOver'),
  },
  {
    name: 'contactRateP',
    group: 'contact-rate',
    label: '…unlikely given peers on the same lists: binomial p under',
    unit: '',
    min: 1e-9,
    max: 0.5,
    ...field('contactRateP'),
  },
  {
    name: 'answerMinAnswers',
    group: 'answer-pattern',
    label: '1 point for at least this many answers…',
    unit: 'answers',
    min: 1,
    max: 100_000,
    whole: true,
    ...field('answerMinAnswers'),
  },
  { name: 'answerP', group: 'answer-pattern', label: '…unlike peers\u2019: chi-square p under', unit: '', min: 1e-9, max: 0.5, ...field('answerP') },
  { name: 'doorsPerHour', group: 'volume', label: '2 points over', unit: 'doors an hour', min: 1, max: 10_000, ...field('doorsPerHour') },
  { name: 'doorsPerDay', group: 'volume', label: '1 point over', unit: 'doors a day', min: 1, max: 100_000, whole: true, ...field('doorsPerDay') },
  {
    name: 'earliestHour',
    group: 'outside-hours',
    label: '1 point before',
    unit: 'o\u2019clock, campaign time',
    min: 0,
    max: 24,
    whole: true,
    ...field('earliestHour'),
  },
  {
    name: 'latestHour',
    group: 'outside-hours',
    label: '1 point after',
    unit: 'o\u2019clock, campaign time',
    min: 0,
    max: 24,
    whole: true,
    ...field('latestHour'),
  },
  {
    name: 'clockAheadMinutes',
    group: 'clock',
    label: '1 point when the device time is after Polis received it by over',
    unit: 'minutes',
    min: 1,
    max: 10_080,
    scale: 60,
    ...field('clockAheadSeconds'),
  },
  {
    name: 'clockBehindHours',
    group: 'clock',
    label: '1 point when it is before by over',
    unit: 'hours',
    min: 1,
    max: 8760,
    scale: 3600,
    ...field('clockBehindSeconds'),
  },
  {
    name: 'duplicateMinutes',
    group: 'duplicate',
    label: '1 point when the same contact is recorded again within',
    unit: 'minutes',
    min: 1,
    max: 1440,
    scale: 60,
    ...field('duplicateSeconds'),
  },
  {
    name: 'sameBuildingMetres',
    group: 'suppressions',
    label: 'Households this close count as one building (exempt from short gaps and one spot)',
    unit: 'metres',
    min: 0,
    max: 100,
    ...field('sameBuildingMetres'),
  },
];

const byKey = new Map(THRESHOLDS.map((threshold) => [threshold.key, threshold]));

/** A threshold as the form shows it (minutes, hours, percent), rounded clear of floating-point noise. */
export const shownValue = (threshold: Threshold, settings: ReviewSettings) => Number((threshold.get(settings) / (threshold.scale ?? 1)).toPrecision(12));

/** The organizer's changes, by where they sit in the settings (`duplicateSeconds`, `farMetres.2`), in the settings' own units (seconds, fractions). */
export type ThresholdOverrides = Record<string, number>;

/** The defaults with `overrides` applied; unknown names and values out of bounds are left out (a stored value from an older form stays harmless). */
export function withOverrides(overrides: ThresholdOverrides | undefined): ReviewSettings {
  const settings: ReviewSettings = { ...DEFAULT_REVIEW_SETTINGS, farMetres: [...DEFAULT_REVIEW_SETTINGS.farMetres] };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const threshold = byKey.get(key);
    if (!threshold || typeof value !== 'number' || !Number.isFinite(value)) continue;
    const shown = value / (threshold.scale ?? 1);
    if (shown < threshold.min - 1e-9 || shown > threshold.max + 1e-9) continue;
    threshold.set(settings, value);
  }
  return settings;
}

/** What differs from the defaults. */
export function overridesOf(settings: ReviewSettings): ThresholdOverrides {
  const out: ThresholdOverrides = {};
  for (const threshold of THRESHOLDS) {
    const value = threshold.get(settings);
    if (value !== threshold.get(DEFAULT_REVIEW_SETTINGS)) out[threshold.key] = value;
  }
  return out;
}

/** The rule-set version the campaign's flags are computed under: the plain one, or with a digest of the changed thresholds. */
export function ruleSetVersionOf(settings: ReviewSettings): string {
  const changes = Object.entries(overridesOf(settings)).sort(([a], [b]) => a.localeCompare(b));
  if (changes.length === 0) return RULE_SET_VERSION;
  // FNV-1a over the changes: short, stable, and the same on every instance.
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(changes)) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `${RULE_SET_VERSION}+${hash.toString(16).padStart(8, '0')}`;
}

const numberIn = (threshold: Threshold) => {
  let number = z.number({ error: 'Enter a number' }).min(threshold.min, `At least ${threshold.min}`).max(threshold.max, `At most ${threshold.max}`);
  if (threshold.whole) number = number.int('Enter a whole number');
  return z.preprocess((value) => (value === '' || value === null || value === undefined ? undefined : Number(value)), number);
};

/** Pairs that must keep their order: the first below the second. */
const ORDERED: [lower: string, higher: string, message: string][] = [
  ['farOneMetres', 'farTwoMetres', 'Must be more than the 1-point distance'],
  ['farTwoMetres', 'farThreeMetres', 'Must be more than the 2-point distance'],
  ['drivingSpeed', 'impossibleSpeed', 'Must be more than the "driving?" speed'],
  ['earliestHour', 'latestHour', 'Must be later than the earliest hour'],
  ['oneSpotRadiusMetres', 'oneSpotApartMetres', 'Must be more than the radius of the spot'],
];

/** Every threshold as the form sends it (shown units), checked; the output is the overrides to store. */
export function thresholdsSchema() {
  return z
    .object(Object.fromEntries(THRESHOLDS.map((threshold) => [threshold.name, numberIn(threshold)])) as Record<string, ReturnType<typeof numberIn>>)
    .superRefine((values, context) => {
      for (const [lower, higher, message] of ORDERED) {
        if ((values[higher] as number) <= (values[lower] as number)) context.addIssue({ code: 'custom', path: [higher], message });
      }
    })
    .transform((values) => {
      const settings = withOverrides({});
      for (const threshold of THRESHOLDS) {
        const shown = values[threshold.name] as number;
        // A default sent back as shown stays the default (60 % is not stored as 0.6000000000000001).
        if (shown !== shownValue(threshold, DEFAULT_REVIEW_SETTINGS)) threshold.set(settings, Number((shown * (threshold.scale ?? 1)).toPrecision(12)));
      }
      return overridesOf(settings);
    });
}
