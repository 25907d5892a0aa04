/**
 * Builders of visits and shifts for the rules' unit tests: a canvasser
 * walking a street, one door every few minutes, standing at each door.
 */
import { offsetBy } from './geo';
import { DEFAULT_REVIEW_SETTINGS, type PeerFigures, type RuleContext, type Shift, type Visit } from './model';

export const ORIGIN = { lat: 42.35, lng: -71.06 };
/** 14:00 on 2026-10-03 in Boston (UTC−4). */
export const AFTERNOON = Date.UTC(2026, 9, 3, 18, 0, 0) / 1000;

let counter = 0;
export function visit(overrides: Partial<Visit> = {}): Visit {
  counter++;
  const home = overrides.home === undefined ? offsetBy(ORIGIN, counter * 40, Math.PI / 2) : overrides.home;
  return {
    id: `v${String(counter).padStart(6, '0')}`,
    canvasser: 'c1',
    time: AFTERNOON,
    received: AFTERNOON + 60,
    position: home,
    accuracy: 10,
    distance: 5,
    household: `h${counter}`,
    home,
    building: `${counter} elm st`,
    paper: false,
    successful: false,
    list: 'list-a',
    answers: {},
    ...overrides,
  };
}

/** `n` doors along a street, `gap` seconds apart, `spacing` metres apart, each recorded at its door. */
export function walk(n: number, options: { gap?: number; spacing?: number; start?: number; make?: (i: number) => Partial<Visit> } = {}): Shift {
  const { gap = 180, spacing = 40, start = AFTERNOON } = options;
  const base = counter;
  const visits = Array.from({ length: n }, (_, i) => {
    const home = offsetBy(ORIGIN, (base + i) * spacing, Math.PI / 2);
    return visit({ time: start + i * gap, received: start + i * gap + 60, home, position: home, ...options.make?.(i) });
  });
  return { canvasser: 'c1', visits };
}

export function peersWith(overrides: Partial<PeerFigures> = {}): PeerFigures {
  return {
    successByList: () => ({ doors: 1000, successful: 400 }),
    answersByQuestion: () => new Map(),
    doorsThatDay: () => 0,
    ...overrides,
  };
}

export function context(overrides: Partial<RuleContext> = {}): RuleContext {
  return { settings: DEFAULT_REVIEW_SETTINGS, timeZone: 'America/New_York', peers: peersWith(), ...overrides };
}
