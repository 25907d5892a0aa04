import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fieldClock, replayLead } from './clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the field clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-05-12T20:00:00Z')); // 4 pm in Boston
  });
  afterEach(() => vi.useRealTimers());

  it('in real time is the wall clock', () => {
    const clock = fieldClock({ speed: 1 });
    vi.advanceTimersByTime(5 * MINUTE);
    expect(clock.now()).toBe(Date.now());
  });

  it('X times faster replays from some hours back, never ahead of the wall clock, then runs in real time', () => {
    const start = Date.now();
    const lead = 3 * HOUR;
    const clock = fieldClock({ speed: 10, leadMs: lead, start });
    expect(clock.now()).toBe(start - lead);
    vi.advanceTimersByTime(6 * MINUTE);
    expect(clock.now()).toBe(start - lead + 60 * MINUTE);
    expect(clock.now()).toBeLessThanOrEqual(Date.now());
    // 3 hours of lead at 9 field minutes gained per wall minute: caught up after 20 minutes.
    vi.advanceTimersByTime(14 * MINUTE);
    expect(clock.now()).toBe(Date.now());
    vi.advanceTimersByTime(10 * MINUTE);
    expect(clock.now()).toBe(Date.now());
  });

  it('sleeps a tenth of the field time at ten times the speed', async () => {
    const clock = fieldClock({ speed: 10, leadMs: 3 * HOUR });
    let woke = false;
    void clock.sleepUntil(clock.now() + 10 * MINUTE).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
  });

  it('replays up to 8 hours of the day, never from before 9 in the morning on the campaign clock', () => {
    expect(replayLead(1, 'America/New_York')).toBe(0);
    // 4 pm: 7 hours since 9 am, less than 8 h × (1 − 1/10).
    expect(replayLead(10, 'America/New_York')).toBe(7 * HOUR);
    expect(replayLead(2, 'America/New_York')).toBe(4 * HOUR);
    // 8 am in Boston: nothing of the day to replay.
    expect(replayLead(10, 'America/New_York', Date.parse('2026-05-12T12:00:00Z'))).toBe(0);
  });
});
