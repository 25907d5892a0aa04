/**
 * The review queue's model: a visit as the rules see it, a shift, a finding,
 * and the thresholds every rule reads from the campaign's settings.
 *
 * A rule is a pure function from a shift (and what it needs to compare with:
 * the campaign's zone, the peers' figures) to findings that carry their
 * points and one sentence with the numbers behind them. The queue only sums
 * and sorts what the rules found.
 *
 * @example
 *   const findings = shortGaps(shift, DEFAULT_REVIEW_SETTINGS);
 *   findings[0]; // { rule: 'short-gaps', level: 'shift', points: 3, sentence: '41 of 60 doors under 30 s apart…' }
 */

/** Changes whenever a rule, a threshold default or the scoring changes; stored with every flag and resolution. */
export const RULE_SET_VERSION = 'review-rules-1';

export const RULE_IDS = [
  'far-from-household',
  'short-gaps',
  'impossible-travel',
  'one-spot',
  'contact-rate',
  'answer-pattern',
  'volume',
  'outside-hours',
  'clock',
  'duplicate',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type LatLng = { lat: number; lng: number };

/** One interaction as the rules read it. Times are epoch seconds; distances metres. */
export type Visit = {
  id: string;
  canvasser: string;
  /** When the device says the visit happened (`data.timestamp`). */
  time: number;
  /** When Polis received it (`meta.created`). */
  received: number;
  /** Where the canvasser stood, when the app recorded it. */
  position: LatLng | null;
  /** GPS accuracy radius in metres, when recorded. */
  accuracy: number | null;
  /** Canvasser to household, metres. */
  distance: number | null;
  /** The contact visited. */
  household: string;
  /** The household's position, when the contact has one. */
  home: LatLng | null;
  /** The household's street address without its unit, so flats of one building compare equal. */
  building: string | null;
  /** Entered from a paper sheet in the dashboard: its position and clock are not the canvasser's. */
  paper: boolean;
  successful: boolean;
  list: string;
  /** Recorded answers as `questionId → value` (a multi-select's choices joined in order). */
  answers: Record<string, string>;
};

export type Shift = {
  canvasser: string;
  /** In time order; at least one. */
  visits: Visit[];
};

/** One survey question's answers over a shift: 0 where unanswered, else a code that `text` names. */
export type ShiftAnswers = { questionId: string; cells: Int32Array; text: (cell: number) => string | undefined };

/**
 * A shift as the rules read it: its visits as columns, entry `i` of each
 * being the i-th visit in time order (read only the first `length`). The
 * queue fills one such set of columns straight from the point index for
 * shift after shift, so no object is made per interaction; `columnsOf` in
 * `columns.ts` makes one from `Visit` objects. A missing value is NaN
 * (positions, accuracy, distance, the household's position) or -1 (building);
 * households, buildings and lists are codes, equal for the same one.
 */
export type ShiftData = {
  canvasser: string;
  length: number;
  /** The i-th visit's id, as findings name it. */
  id: (i: number) => string;
  time: Float64Array;
  received: Float64Array;
  /** Where the canvasser stood. */
  lat: Float64Array;
  lng: Float64Array;
  accuracy: Float64Array;
  distance: Float64Array;
  household: Int32Array;
  homeLat: Float64Array;
  homeLng: Float64Array;
  building: Int32Array;
  /** 1 for a paper entry. */
  paper: Uint8Array;
  /** 1 for a successful visit. */
  successful: Uint8Array;
  list: Int32Array;
  /** The list id of a list code. */
  listId: (code: number) => string;
  /** The compared questions (free text left out). */
  answers: readonly ShiftAnswers[];
};

export type Finding = {
  rule: RuleId;
  /** Points to the whole shift, or to each interaction listed. */
  level: 'shift' | 'interaction';
  /** For shift findings, the shift's points; for interaction findings, the sum over the interactions. */
  points: number;
  /** Per interaction id, its points from this rule (interaction findings only). */
  perVisit?: Map<string, number>;
  /** Interactions the finding is about (marked on the replay), with or without points. */
  visits: string[];
  sentence: string;
};

/** Thresholds of every rule, from the campaign's settings; the defaults are the issue's. */
export type ReviewSettings = {
  shiftGapMinutes: number;
  farMetres: [one: number, two: number, three: number];
  poorAccuracyMetres: number;
  shortGapSeconds: number;
  sprintMinDoors: number;
  sprintMedianSeconds: number;
  impossibleSpeed: number;
  drivingSpeed: number;
  oneSpotHouseholds: number;
  oneSpotRadiusMetres: number;
  oneSpotApartMetres: number;
  contactRateMinDoors: number;
  contactRateOver: number;
  contactRateP: number;
  answerMinAnswers: number;
  answerP: number;
  doorsPerHour: number;
  doorsPerDay: number;
  earliestHour: number;
  latestHour: number;
  clockAheadSeconds: number;
  clockBehindSeconds: number;
  duplicateSeconds: number;
  sameBuildingMetres: number;
};

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  shiftGapMinutes: 30,
  farMetres: [100, 300, 1000],
  poorAccuracyMetres: 100,
  shortGapSeconds: 30,
  sprintMinDoors: 20,
  sprintMedianSeconds: 60,
  impossibleSpeed: 35,
  drivingSpeed: 8,
  oneSpotHouseholds: 8,
  oneSpotRadiusMetres: 30,
  oneSpotApartMetres: 150,
  contactRateMinDoors: 30,
  contactRateOver: 0.6,
  contactRateP: 0.01,
  answerMinAnswers: 30,
  answerP: 0.001,
  doorsPerHour: 60,
  doorsPerDay: 200,
  earliestHour: 9,
  latestHour: 21,
  clockAheadSeconds: 5 * 60,
  clockBehindSeconds: 48 * 3600,
  duplicateSeconds: 10 * 60,
  sameBuildingMetres: 5,
};

/** What the peer rules compare a canvasser with: everyone else in the campaign. */
export type PeerFigures = {
  /** Per list: doors and successful doors of canvassers other than the one reviewed. */
  successByList: (list: string, canvasser: string) => { doors: number; successful: number };
  /** Per question: how often peers gave each value (the canvasser reviewed left out). */
  answersByQuestion: (questionId: string, canvasser: string) => Map<string, number>;
  /** Doors this canvasser recorded on the campaign-local day of `time`. */
  doorsThatDay: (canvasser: string, time: number) => number;
};

export type RuleContext = {
  settings: ReviewSettings;
  /** The campaign's IANA time zone, e.g. `America/New_York`. */
  timeZone: string;
  peers: PeerFigures;
};

/** A rule reads a shift's columns; given `Visit` objects (tests, examples) it reads their columns. */
export type Rule = (shift: Shift | ShiftData, context: RuleContext) => Finding[];
